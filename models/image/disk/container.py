"""What an image file is: raw, split raw or EWF (E01 and its segments); other containers named and refused."""

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from models.bundle.bundle_error import ImageError
from models.common.os_errors import os_reason
from models.image.disk.regular import open_regular

EWF_SIGNATURES = {b"EVF\x09\x0d\x0a\xff\x00": "E01", b"LVF\x09\x0d\x0a\xff\x00": "L01"}
EWF2_SIGNATURE = b"EVF2\x0d\x0a\x81\x00"
# containers TSK and libewf cannot read: the message names them (offset, magic, name)
REFUSED = [(0, b"QFI\xfb", "QCOW2"), (0, b"conectix", "VHD"), (0, b"vhdxfile", "VHDX"), (0, b"KDMV", "VMDK"),
           (0, b"# Disk DescriptorFile", "VMDK"), (0, b"AFF10\r\n", "AFF"), (0, b"LUKS\xba\xbe", "LUKS"),
           (3, b"-FVE-FS-", "BitLocker"), (0, b"<<< Oracle VM VirtualBox Disk Image >>>", "VDI")]
IMAGE_SUFFIXES = {".e01", ".dd", ".raw", ".img", ".001", ".000", ".bin", ".iso", ".ex01", ".l01", ".vhd", ".vhdx",
                  ".vmdk", ".qcow2", ".qcow", ".aff", ".aff4", ".vdi"}
_SPLIT_RAW = re.compile(r"^(.*\.)(\d{3,})$")
_EWF_SUFFIX = re.compile(r"^\.[EeLl]x?\d\d$")  # .E01 ... .E99, .Ex01, .L01


@dataclass
class ImageSpec:
    """What an image is, found without keeping anything open (so it can be pickled to a helper)."""

    path: Path
    format: str  # raw | split_raw | E01
    segments: list[str] = field(default_factory=list)
    codepage: str | None = None  # EWF narrow header's code page when set by the user


def refused_format(head: bytes, tail: bytes = b"") -> str | None:
    """The name of a container this program does not read, from its first (and last) bytes."""
    for offset, magic, name in REFUSED:
        if head[offset:offset + len(magic)] == magic:
            return name
    if head.startswith(b"PK\x03\x04") and b"information.turtle" in head[:4096]:
        return "AFF4"
    if tail[-512:].startswith(b"conectix"):  # a fixed VHD: raw data with a footer
        return "VHD"
    return None


def _read_ends(path: Path) -> tuple[bytes, bytes]:
    with open(open_regular(path), "rb") as stream:
        head = stream.read(4096)
        size = os.fstat(stream.fileno()).st_size
        tail = b""
        if size >= 512:
            stream.seek(size - 512)
            tail = stream.read(512)
    return head, tail


def looks_like_image(path: Path) -> bool:
    """A regular file the scan should read as an image (by signature or by the usual suffixes)."""
    if path.suffix.lower() in IMAGE_SUFFIXES or _SPLIT_RAW.match(path.name):
        return True
    try:
        head, _ = _read_ends(path)
    except (OSError, ImageError):
        return False
    return head[:8] in EWF_SIGNATURES or head[:8] == EWF2_SIGNATURE


def split_raw_segments(path: Path) -> list[str]:
    """x.000/x.001... or x.001/x.002...: the numbered files in order from the one given down to the first;
    a gap before the last one found is a missing segment (ImageError naming it)."""
    match = _SPLIT_RAW.match(path.name)
    if not match:
        return [str(path)]
    stem, width = match.group(1), len(match.group(2))
    numbers = sorted(int(m.group(2)) for p in path.parent.iterdir()
                     if (m := _SPLIT_RAW.match(p.name)) and m.group(1) == stem and len(m.group(2)) == width)
    first = 0 if 0 in numbers else 1
    expected = range(first, numbers[-1] + 1)
    missing = [n for n in expected if n not in numbers]
    if missing:
        name = f"{stem}{missing[0]:0{width}d}"
        raise ImageError(f"分段镜像缺少分段 / a segment of the split image is missing: {name}")
    return [str(path.parent / f"{stem}{n:0{width}d}") for n in expected]


def inspect(path, codepage: str | None = None) -> ImageSpec:
    """The image's format and segments; refused containers and missing segments raise ImageError."""
    path = Path(path)
    try:
        head, tail = _read_ends(path)
    except OSError as exc:
        raise ImageError(f"无法读取镜像 / cannot read the image: {path}: {os_reason(exc)}") from exc
    if head[:8] == EWF2_SIGNATURE:
        raise ImageError(f"Ex01（EWF2）格式暂不支持 / Ex01 (EWF2) images are not supported: {path.name}")
    if head[:8] in EWF_SIGNATURES:
        if EWF_SIGNATURES[head[:8]] == "L01":
            raise ImageError(f"L01 逻辑证据文件暂不支持 / L01 logical evidence files are not supported: {path.name}")
        from models.image.disk.ewf_segments import ewf_segments
        segments = ewf_segments(path)
        return ImageSpec(Path(segments[0]), "E01", segments, codepage)  # named by its first segment
    name = refused_format(head, tail)
    if name:
        raise ImageError(f"不支持的镜像格式 {name} / unsupported image format {name}: {path.name}")
    if _EWF_SUFFIX.match(path.suffix):  # named as an EWF segment but without its signature: not read as raw
        zh, en = ("空文件", "an empty file") if not head else ("没有 EWF 签名", "no EWF signature")
        raise ImageError(f"不是 E01 镜像：{zh} / not an E01 image: {en}: {path.name}")
    segments = split_raw_segments(path)
    return ImageSpec(Path(segments[0]), "split_raw" if len(segments) > 1 else "raw", segments, codepage)
