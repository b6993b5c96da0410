"""File creation (birth) time on Linux through statx(2), which Python 3.11's os.stat does not expose."""

import ctypes
import ctypes.util
import os
import sys

_AT_FDCWD = -100
_AT_SYMLINK_NOFOLLOW = 0x100
_AT_STATX_DONT_SYNC = 0x4000
_STATX_BTIME = 0x800


class _Timestamp(ctypes.Structure):
    _fields_ = [("tv_sec", ctypes.c_int64), ("tv_nsec", ctypes.c_uint32), ("reserved", ctypes.c_int32)]


class _Statx(ctypes.Structure):
    _fields_ = [("stx_mask", ctypes.c_uint32), ("stx_blksize", ctypes.c_uint32),
                ("stx_attributes", ctypes.c_uint64), ("stx_nlink", ctypes.c_uint32),
                ("stx_uid", ctypes.c_uint32), ("stx_gid", ctypes.c_uint32), ("stx_mode", ctypes.c_uint16),
                ("pad1", ctypes.c_uint16), ("stx_ino", ctypes.c_uint64), ("stx_size", ctypes.c_uint64),
                ("stx_blocks", ctypes.c_uint64), ("stx_attributes_mask", ctypes.c_uint64),
                ("stx_atime", _Timestamp), ("stx_btime", _Timestamp), ("stx_ctime", _Timestamp),
                ("stx_mtime", _Timestamp), ("spare", ctypes.c_uint64 * 16)]


def _load():
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        function = libc.statx
    except (OSError, AttributeError):  # glibc older than 2.28, or musl without statx
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_uint, ctypes.POINTER(_Statx)]
    function.restype = ctypes.c_int
    return function


_STATX = _load()


def make_reader():
    """A birth-time function with its own statx buffer: one per scanning thread, no locking, no lookups.

    It takes the path as bytes and returns nanoseconds or None, where the platform or the file system
    does not record a creation time."""
    if _STATX is None:
        return lambda _path: None
    buffer = _Statx()
    ref = ctypes.byref(buffer)
    call = _STATX
    flags = _AT_SYMLINK_NOFOLLOW | _AT_STATX_DONT_SYNC

    def read(path: bytes):
        if call(_AT_FDCWD, path, flags, _STATX_BTIME, ref) != 0 or not buffer.stx_mask & _STATX_BTIME:
            return None
        btime = buffer.stx_btime
        return btime.tv_sec * 1_000_000_000 + btime.tv_nsec

    return read


def birth_time_ns(path) -> int | None:
    """Creation time in nanoseconds of one path (str or bytes), or None where it is not recorded."""
    return make_reader()(os.fsencode(path))
