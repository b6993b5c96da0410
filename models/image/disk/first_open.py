"""An image opened first in a forked child. Opening parses the image's own bytes in C (libewf: the section
chain and headers; TSK: the partition table, each superblock, an ISO's folder records), and a segfault or an
endless loop there would end or hold the scanning process, the window included. The child opens it as
ImageSource does and exits; one that dies or stalls names the image in an ImageError, and the process itself
opens only what a child opened. Helpers that list or type the image are forked already: they skip this."""

import os
import signal
import time

from models.bundle.bundle_error import ImageError

OPEN_S = 60.0  # a child that has not opened the image in this time is stopped
_opened: set = set()  # images a child opened, by (segment, size, mtime) in this process
isolated = False  # True in a helper process: a crash there is the helper's, told by its parent


def _stamp(spec) -> tuple:
    out = []
    for name in spec.segments:
        try:
            st = os.stat(name)
        except OSError:
            return ()
        out.append((name, st.st_size, st.st_mtime_ns))
    return (*out, spec.codepage)


def _open(spec) -> None:
    """What ImageSource opens: the media (libewf), the partition table and each file system (TSK)."""
    from models.image.disk.media import open_media, tsk_image
    from models.image.disk.volumes import partitions

    media = open_media(spec)
    try:
        partitions(tsk_image(media), media.size)
    finally:
        media.close()


def try_open(spec, name: str, limit: float | None = None, opener=_open) -> None:
    """Raise ImageError when opening the image kills or holds a forked child; once per image and process."""
    global isolated
    stamp = _stamp(spec)
    if isolated or not hasattr(os, "fork") or not stamp or stamp in _opened:
        return
    pid = os.fork()
    if pid == 0:  # the child: open, close, leave at once (no clean-up of the parent's state)
        code = 0
        try:
            isolated = True
            import faulthandler

            faulthandler.disable()  # a crash here is told by the parent in one line, not as a C stack
            opener(spec)
        except BaseException:  # noqa: BLE001 - the parent opens it again and reports the reason itself
            code = 3
        os._exit(code)
    limit = OPEN_S if limit is None else limit
    started = time.monotonic()
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() - started > limit:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            raise ImageError(f"打开镜像时 TSK/libewf {limit:.0f} 秒无进展，已停止（镜像数据异常）/ opening the image "
                             f"made no progress in TSK/libewf for {limit:.0f} s (damaged image data): {name}")
        time.sleep(0.01)
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        raise ImageError(f"打开镜像时 TSK/libewf 崩溃（信号 {number}），镜像数据异常，未在本进程打开 / TSK or libewf "
                         f"crashed opening the image (signal {number}; damaged image data): not opened here: {name}")
    _opened.add(stamp)
