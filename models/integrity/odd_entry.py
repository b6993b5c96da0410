"""What a folder entry is when it is not a regular file, in a reviewer's words: such an entry is never opened
(a FIFO would block, a device read without end) and a link never followed (it may lead out of the bundle), so
its content cannot be compared; it is said, never dropped."""

import os
import stat

from models.bundle.names import from_os

TARGET_SHOWN = 200  # characters of a link's target shown: a hostile one may be 4 KB


def odd_kind(mode: int, target: str | None = None) -> str | None:
    """None for a regular file or a folder; else what the entry is and why it was not read."""
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISLNK(mode):
        shown = target if target is None or len(target) <= TARGET_SHOWN else target[:TARGET_SHOWN] + "…"
        if shown is None:
            return "符号链接，从不跟随 / a symbolic link, never followed"
        return f"符号链接（指向 {shown}），从不跟随 / a symbolic link to {shown}, never followed"
    if stat.S_ISFIFO(mode):
        return "命名管道（FIFO），从不打开 / a named pipe (FIFO), never opened"
    if stat.S_ISSOCK(mode):
        return "套接字，从不打开 / a socket, never opened"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "设备文件，从不打开 / a device node, never opened"
    return "不是普通文件，从不打开 / not a regular file, never opened"


def odd_entry(path, mode: int | None = None, dir_fd: int | None = None) -> str | None:
    """odd_kind of the entry at path (lstat: a link is never followed); None when it is gone or ordinary."""
    try:
        if mode is None:
            mode = os.lstat(path, dir_fd=dir_fd).st_mode
        target = from_os(os.fsdecode(os.readlink(path, dir_fd=dir_fd))) if stat.S_ISLNK(mode) else None
    except OSError:
        return None
    return odd_kind(mode, target)
