"""A file inside a disk image read for the window (previews, digests on demand, the viewer) from its store
record: the path 'IMAGE:/pN/rest' and its TSK address. The image is opened read-only; nothing is written."""

import re
from contextlib import contextmanager

from models.image.disk.container import ImageError

_TOLD_APART = re.compile(r" \[(\d+)\]$")  # walk's suffix for a name listed twice (a deleted one beside it)


def image_name(bundle, path: str) -> str | None:
    """The image part of a path inside an image ('usb.E01' of 'usb.E01:/p1/a.txt'); None for any other path."""
    if ":/" not in path:
        return None
    name = path.split(":/", 1)[0]
    image = getattr(bundle, "image", None)
    if image is not None:
        return name if name == image.path.name else None
    images = {e.get("path") for i in (bundle.data or {}).get("items") or [] for e in i.get("content") or []
              if e.get("type") == "disk_image"}
    return name if name in images else None


def is_image_path(bundle, path: str) -> bool:
    return bundle is not None and image_name(bundle, path) is not None


def _spec(bundle, name: str):
    """The image opened on its own, or a disk_image entry of the bundle found through safepath (each segment
    a regular file inside the bundle: models.image.bundle_images)."""
    image = getattr(bundle, "image", None)
    if image is not None:
        return image
    from models.image.bundle_images import open_spec

    return open_spec(bundle, name)


@contextmanager
def open_image_file(bundle, path: str, address: str | None = None, size: int | None = None):
    """A read-only binary stream of one file inside an image (a deleted one by its address); size: the size
    the listing recorded, when known (a file claiming more than its partition is refused unopened)."""
    name = image_name(bundle, path)
    if name is None:
        raise OSError(f"不是镜像内的文件 / not a file inside an image: {path}")
    told = _TOLD_APART.search(path)
    if address is None and told:  # no record at hand: the address the listing put into the name
        address = told.group(1)
    from models.image.file_child import ImageReader

    try:  # TSK reads the file in a helper process: a crash or stall there is this file's reason, not the window's end
        reader = ImageReader(_spec(bundle, name), bundle.timezone or "UTC", name)
    except ImageError as exc:
        raise OSError(str(exc)) from exc
    try:
        with reader.open(path, address, size) as stream:
            yield stream
    except BaseException:
        reader.close(at_once=True)  # a cancel or a refused picture: no wait for a helper still reading
        raise
    finally:
        reader.close()


def read_image_file(bundle, path: str, address: str | None = None, limit: int | None = None,
                    size: int | None = None) -> bytes:
    """The file's bytes (its first `limit` bytes when given)."""
    with open_image_file(bundle, path, address, size) as stream:
        return stream.read() if limit is None else stream.read(limit)
