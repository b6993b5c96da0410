"""An image file or segment opened for its bytes only when it is a regular file: never a FIFO or a device."""

import os
from pathlib import Path

from models.bundle.bundle_error import ImageError


def open_regular(path) -> int:
    """A read-only descriptor of a regular file (links followed: libewf and TSK open segments by name), never
    blocking: a FIFO named usb.E02 would hang the open, a device never end. ImageError naming what it is."""
    from models.bundle.safe_read import MetadataReadError, check_regular

    try:
        check_regular(path, os.stat(path))  # a FIFO or a device is never opened
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except MetadataReadError as exc:
        raise ImageError(f"镜像文件{exc.zh} / the image file is {exc.en}: {Path(path).name}") from exc
    try:
        check_regular(path, os.fstat(fd))  # swapped in between
    except MetadataReadError as exc:
        os.close(fd)
        raise ImageError(f"镜像文件{exc.zh} / the image file is {exc.en}: {Path(path).name}") from exc
    return fd
