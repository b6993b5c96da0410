"""Reading a metadata file (manifest, digest list, acquisition or operation log, memo) that may be hostile:
a regular file only (a FIFO blocks, a device never ends), opened without blocking and without following a
link, and read up to a stated cap (a sparse 3 GB file is never read whole)."""

import os
import stat

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_NOATIME = getattr(os, "O_NOATIME", 0)
_BINARY = getattr(os, "O_BINARY", 0)

MB = 1024 * 1024
MANIFEST_CAP = 64 * MB
LIST_CAP = 1024 * MB  # a digest list of a million files is ~130 MB
LOG_CAP = 16 * MB  # FTK Imager and Guymager logs are a few KB; a larger .txt beside an image is no log
OPERATION_LOG_CAP = 256 * MB
MEMO_CAP = 512 * MB
KEY_FILE_CAP = 1 * MB  # a PKCS#12 identity or a PEM certificate: a few KB


class MetadataReadError(OSError):
    """A metadata file refused or unreadable; str() is one line in Chinese and English naming the file."""

    def __init__(self, path, zh: str, en: str):
        super().__init__(0, f"{zh} / {en}")
        self.path, self.zh, self.en = str(path), zh, en

    def __str__(self) -> str:
        return f"{self.zh} / {self.en}: {os.fsdecode(self.path)!r}"


def _size_text(cap: int) -> str:
    return f"{cap // MB} MB" if cap >= MB else f"{cap} B"


def kind_text(mode: int) -> tuple[str, str]:
    if stat.S_ISLNK(mode):
        return "链接", "a link"
    if stat.S_ISDIR(mode):
        return "文件夹", "a folder"
    if stat.S_ISFIFO(mode):
        return "命名管道", "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "设备文件", "a device"
    if stat.S_ISSOCK(mode):
        return "套接字", "a socket"
    return "特殊文件", "a special file"


def check_regular(path, st: os.stat_result) -> None:
    """MetadataReadError unless st (an lstat or fstat) is a regular file's."""
    if not stat.S_ISREG(st.st_mode):
        zh, en = kind_text(st.st_mode)
        raise MetadataReadError(path, f"不是普通文件（{zh}），不予读取", f"not a regular file ({en}), not read")


def _open(path) -> int:
    flags = os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _BINARY
    try:
        return os.open(path, flags | _NOATIME)
    except PermissionError:
        return os.open(path, flags)  # O_NOATIME needs ownership of the file


def read_metadata(path, cap: int) -> bytes:
    """The bytes of a regular file of at most `cap` bytes; MetadataReadError (an OSError) for anything else.
    lstat first (a FIFO is never opened), then the opened descriptor checked again (it may have been
    swapped in between), and never more than cap + 1 bytes read whatever the file claims."""
    check_regular(path, os.lstat(path))  # an absent or unreadable file: its own OSError, as open() gives
    fd = _open(path)
    try:
        st = os.fstat(fd)
        check_regular(path, st)
        if st.st_size > cap:
            raise _too_large(path, st.st_size, cap)
        chunks, total = [], 0
        while total <= cap:
            chunk = os.read(fd, min(cap + 1 - total, 4 * MB))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > cap:  # grew while read
            raise _too_large(path, total, cap)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _too_large(path, size: int, cap: int) -> MetadataReadError:
    return MetadataReadError(path, f"文件过大（{size:,} 字节，上限 {_size_text(cap)}），不予读取",
                             f"file too large ({size:,} bytes, limit {_size_text(cap)}), not read")
