"""The image's listing walked in a helper process the scan can stop: TSK has no limit of its own.

pytsk3 loads every listed file's data runs (its File object asks for the attribute count), and a damaged ext
inode claiming a size far beyond the disk keeps TSK building runs from garbage block pointers: measured 21 s
and 90 MB for 1.4 GB claimed on an 8 MB image, and it grows with the claim (istat the same). That cannot be
interrupted inside one process. The helper sends each folder's entries as it lists them; when nothing comes
for STALL_S seconds it is killed, the partition gets one entry saying where the listing stopped and why,
and a new helper goes on with the next partition."""

import os
import threading
import time

from models.bundle.bundle_error import ImageError
from models.image.walk import ImageEntry
from models.runtime.jobs import check_cancel

STALL_S = 30.0  # seconds without a folder from the helper; EVIDENCEDESK_IMAGE_STALL_S sets another


def _helper(conn, spec, tz_name: str, name: str, first: int) -> None:
    """In the helper: ('part', index) before each partition from `first`, ('batch', entries) per folder, then
    ('done', None); ('error', text) when the image cannot be opened again."""
    from models.image.source import ImageSource
    from models.runtime.parent_watch import watch_top

    watch_top()  # the helper ends with the program
    try:
        source = ImageSource(spec, tz_name, name)
    except (ImageError, OSError) as exc:
        conn.send(("error", str(exc)))
        return
    try:
        for index in range(first, len(source.partitions)):
            conn.send(("part", index))
            for batch in source.partition_folders(source.partitions[index]):
                conn.send(("batch", batch))
        conn.send(("done", None))
    except (BrokenPipeError, EOFError):  # the scan stopped listening (cancelled)
        pass
    finally:
        source.close()


def _stopped(source, index: int, listed: int, why: str) -> list[ImageEntry]:
    return [ImageEntry(source.prefix(source.partitions[index]), "dir", error=why.format(listed=listed))]


_STALL = ("TSK 读取 {seconds:.0f} 秒无进展（元数据损坏，如文件声称的大小远超磁盘），本分区列出 {{listed}} 项后停止 / "
          "TSK made no progress for {seconds:.0f} s (damaged metadata, such as a file claiming a size far beyond "
          "the disk): the listing of this partition stopped after {{listed}} entries")
_DIED = ("TSK 读取进程意外退出（{code}），本分区列出 {{listed}} 项后停止 / the TSK reader ended unexpectedly "
         "({code}): the listing of this partition stopped after {{listed}} entries")


def _context():
    """fork where this process runs one thread (the command line, a helper): the helper starts in milliseconds,
    and the first rows come as soon as without it; else the program's usual context (a window has Qt threads,
    which a forked copy could deadlock on)."""
    import multiprocessing

    from models.runtime.jobs import process_context

    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return process_context()


def guarded_folders(source, cancel=None, stall: float | None = None):
    """source.folders(cancel), walked in helper processes under the stall watchdog (in this process where no
    helper can be started)."""
    if stall is None:
        try:
            stall = float(os.environ.get("EVIDENCEDESK_IMAGE_STALL_S") or STALL_S)
        except ValueError:
            stall = STALL_S
    first = 0
    while first < len(source.partitions):
        try:
            context = _context()
            reader, writer = context.Pipe(duplex=False)
            helper = context.Process(target=_helper, args=(writer, source.spec, source.tz_name, source.name, first),
                                     daemon=True, name="EvidenceDesk image listing")
            helper.start()
            writer.close()
        except (OSError, ValueError, RuntimeError):  # no helper processes here: unguarded, as before
            for part in source.partitions[first:]:
                yield from source.partition_folders(part, cancel)
            return
        current, listed, last = first, 0, time.monotonic()
        try:
            while True:
                check_cancel(cancel)
                if not reader.poll(0.2):
                    if time.monotonic() - last > stall:
                        yield _stopped(source, current, listed, _STALL.format(seconds=stall))
                        first = current + 1
                        break
                    continue
                try:
                    kind, value = reader.recv()
                except (EOFError, OSError):
                    helper.join(1)
                    yield _stopped(source, current, listed, _DIED.format(code=helper.exitcode))
                    first = current + 1
                    break
                if kind == "batch":
                    listed += len(value)
                    yield value
                elif kind == "part":
                    current, listed = value, 0
                elif kind == "done":
                    first = len(source.partitions)
                    break
                else:
                    raise ImageError(value)
                last = time.monotonic()  # the time this process spent writing what came is not the helper's
        finally:
            if helper.is_alive():
                helper.kill()
            helper.join(5)
            reader.close()
