"""Thumbnails with Pillow, cached in the store's folder (never in the bundle); a bomb or a broken file is a reason."""

import hashlib
import io
import os
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

from models.bundle.safepath import open_evidence

THUMB_SIZE = 256


@dataclass(frozen=True)
class ThumbResult:
    path: Path | None  # the cached PNG, or None
    error: str | None = None  # why there is no thumbnail


def cache_key(path: str, size_bytes: int | None, modified_ns: int | None, thumb_size: int = THUMB_SIZE) -> str:
    """Key of one thumbnail: the file's path, its size and mtime, and the thumbnail size."""
    text = f"{path}\x00{size_bytes}\x00{modified_ns}\x00{thumb_size}"
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


def thumbs_dir(store) -> Path:
    """<store file>.thumbs/ beside the review store."""
    return Path(f"{store.path}.thumbs")


def _cache_file(cache_dir: Path, key: str) -> Path:
    return Path(cache_dir) / key[:2] / f"{key}.png"


def _render(stream, size: int) -> Image.Image:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Pillow's remarks on odd tags are not the reviewer's business
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        image = Image.open(stream)
        # catch_warnings is process-wide and not thread-safe: check the limit ourselves too
        if Image.MAX_IMAGE_PIXELS and image.width * image.height > Image.MAX_IMAGE_PIXELS:
            raise Image.DecompressionBombWarning(f"{image.width}x{image.height}")
        image.draft("RGB", (size, size))  # JPEG: decode at a reduced scale
        image = ImageOps.exif_transpose(image)
        image.thumbnail((size, size))
        if image.mode not in ("RGB", "RGBA", "L", "LA"):
            image = image.convert("RGBA" if "A" in image.getbands() or "transparency" in image.info else "RGB")
        return image


def _write(image: Image.Image, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(f".{os.getpid()}.part")
    image.save(partial, format="PNG")
    os.replace(partial, target)


def thumbnail(source, cache_dir: Path, key: str, size: int = THUMB_SIZE) -> ThumbResult:
    """A cached thumbnail of a picture (a path, read via open_evidence, or an open binary stream)."""
    target = _cache_file(cache_dir, key)
    if target.is_file():
        return ThumbResult(target)
    try:
        if isinstance(source, (str, Path)):
            with open_evidence(Path(source)) as raw:
                image = _render(io.BufferedReader(raw), size)
        else:
            image = _render(source, size)
        _write(image, target)
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        return ThumbResult(None, f"图像像素过多，疑为解压炸弹，未生成缩略图：{exc}")
    except Exception as exc:  # Pillow raises many kinds on broken files; the reason is shown instead
        return ThumbResult(None, f"无法生成缩略图：{broken_reason(exc)}")
    return ThumbResult(target)


def broken_reason(exc: BaseException) -> str:
    """Why Pillow could not make a picture of the file, in a reviewer's words (Pillow's own text in brackets,
    never the exception's class name)."""
    from models.common.os_errors import os_reason

    detail = " ".join(str(exc).split())[:200]
    if isinstance(exc, Image.UnidentifiedImageError):
        return "不是可识别的图像格式"
    if "truncated" in detail:
        return f"图像文件不完整（已截断：{detail}）"
    if isinstance(exc, OSError) and exc.errno:
        return os_reason(exc)
    return f"图像数据已损坏（{detail}）" if detail else "图像数据已损坏"
