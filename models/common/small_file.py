"""A small metadata file read whole, safely: a FIFO put in its place is never waited on, a link never followed,
a huge file never read."""

import os
import stat


def read_small(path: str, cap: int) -> bytes:
    """A regular file's bytes, up to cap (ValueError when it is not a regular file or is larger)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > cap:
            raise ValueError("not a small regular file")
        return os.read(fd, cap + 1)
    finally:
        os.close(fd)
