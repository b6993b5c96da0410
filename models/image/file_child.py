"""Files inside a disk image read by a helper process, never by this one. Reading a file's content runs TSK over
the image's own bytes (its runs, an NTFS attribute list, an ext extent tree), and a segfault or an endless
loop there would end or hold the calling process: the command line's typing, or the window with the
reviewer's unsaved work. The helper is started as the listing's helpers are (models.image.listing.walk_split:
forked where this process runs no other thread, else from the forkserver) and opens the image itself; it
types files (a row per file as it is done) or serves one file's bytes by offset. A helper that dies or gives
no answer for STALL_S seconds is stopped, and what it was doing gets the reason (ReaderStopped)."""

import marshal
import time

from models.bundle.bundle_error import ImageError
from models.image.disk import first_open
from models.image.disk.positioned import PositionedReader
from models.image.listing.walk_split import STALL_S, _context
from models.image.source import ImageSource  # loaded here: a forked helper starts with it
from models.runtime.jobs import check_cancel, lower_priority

PIECE = 4 << 20  # bytes one answer carries at most
_DIED = ("无法读取镜像中的文件：TSK 读取进程意外退出（{code}），镜像数据异常 / the TSK reader ended unexpectedly "
         "({code}; damaged image data): {what}")
_STALLED = ("无法读取镜像中的文件：TSK 读取 {seconds:.0f} 秒无进展，已停止（镜像数据异常）/ TSK made no progress "
            "reading for {seconds:.0f} s (damaged image data): {what}")
_OPEN_STALLED = ("打开镜像时 TSK/libewf {seconds:.0f} 秒无进展，已停止（镜像数据异常）/ opening the image made no "
                 "progress in TSK/libewf for {seconds:.0f} s (damaged image data): {what}")
_OPEN_DIED = ("打开镜像时 TSK/libewf 崩溃（{code}），镜像数据异常，未打开 / TSK or libewf crashed opening the image "
              "({code}; damaged image data): not opened: {what}")


class ReaderStopped(OSError):
    """The helper died or stalled. rows: what a typing request finished before; stalled: no answer in time."""

    def __init__(self, text: str, rows: list | None = None, stalled: bool = False):
        super().__init__(text)
        self.rows, self.stalled = rows or [], stalled


def _send(conn, message) -> None:
    conn.send_bytes(marshal.dumps(message))


def _serve(conn, source, tz_name: str) -> None:
    stream = None
    while (request := marshal.loads(conn.recv_bytes())) is not None:
        kind = request[0]
        try:
            if kind == "type":
                from models.image.type_one import type_records  # libmagic loads its rules: only when typing

                for record in request[1]:
                    _send(conn, ("row", type_records(source, [record], tz_name, request[2])[0]))
                _send(conn, ("end",))
            elif kind == "open":
                _kind, path, address, size = request
                refused = source.claim_problem(path, size)
                if refused:
                    raise OSError(refused)
                stream = source.open(path, address)
                refused = size is None and source.claim_problem(path, stream.size)  # the viewer knows no size
                if refused:
                    raise OSError(refused)
                _send(conn, ("opened", stream.size))
            elif kind == "read":
                _send(conn, ("data", stream.read_at(request[1], min(request[2], PIECE))))
        except (OSError, ValueError) as exc:
            _send(conn, ("error", str(exc).splitlines()[0][:300] if str(exc) else type(exc).__name__))


def _main(conn, spec, tz_name: str, name: str, lowered: bool) -> None:
    """The helper: open the image, say so (or why not), then answer requests until None."""
    import faulthandler

    from models.runtime.parent_watch import watch_top

    faulthandler.disable()  # a crash is told by the calling process in one line, not as a C stack
    watch_top()
    if lowered:
        lower_priority()
    try:
        first_open.isolated = True  # this helper is the forked child: its crash is told by the calling process
        try:
            source = ImageSource(spec, tz_name, name)
        except ImageError as exc:
            _send(conn, ("image", str(exc)))
            return
        except BaseException as exc:  # noqa: BLE001 - the calling process raises it as the image's reason
            _send(conn, ("image", f"无法读取镜像 / cannot read the image: {type(exc).__name__}: {exc}"[:400]))
            return
        _send(conn, ("ready",))
        _serve(conn, source, tz_name)
    except (EOFError, BrokenPipeError):
        return
    finally:
        conn.close()


class ImageReader:
    """One helper with the image open. type_rows(records) and open(path) -> a stream; close() ends it."""

    def __init__(self, spec, tz_name: str, name: str, stall: float | None = None, cancel=None):
        context, lowered = _context()
        self.name, self.stall = name, STALL_S if stall is None else stall
        self.conn, theirs = context.Pipe()
        self.process = context.Process(target=_main, args=(theirs, spec, tz_name, name, lowered), daemon=True,
                                       name="EvidenceDesk image reader")
        self.process.start()
        theirs.close()
        try:
            answer = self._answer(name, cancel, opening=True)
        except BaseException:
            self.close()
            raise
        if answer[0] == "image":
            self.close()
            raise ImageError(answer[1])

    def _answer(self, what: str, cancel=None, rows: list | None = None, opening: bool = False):
        """The helper's next message; ReaderStopped when it ends or says nothing for `stall` seconds."""
        waited = time.monotonic()
        while not self.conn.poll(0.05):
            check_cancel(cancel)
            if not self.process.is_alive() and not self.conn.poll(0):
                break
            if time.monotonic() - waited > self.stall:
                self.close(at_once=True)
                if opening:
                    raise ImageError(_OPEN_STALLED.format(seconds=self.stall, what=what))
                raise ReaderStopped(_STALLED.format(seconds=self.stall, what=what), rows, stalled=True)
        try:
            return marshal.loads(self.conn.recv_bytes())
        except (EOFError, OSError, ValueError, TypeError):
            pass
        self.process.join(1)
        code = self.process.exitcode
        code = f"信号 {-code} / signal {-code}" if code is not None and code < 0 else f"exit code {code}"
        self.close(at_once=True)
        if opening:
            raise ImageError(_OPEN_DIED.format(code=code, what=what))
        raise ReaderStopped(_DIED.format(code=code, what=what), rows)

    def _ask(self, request) -> None:
        try:
            _send(self.conn, request)
        except (OSError, ValueError):
            pass  # the helper has gone: its answer tells how

    def type_rows(self, records: list[tuple], exif: bool, cancel=None) -> list[tuple]:
        """Rows for models.inventory.type_write.Writer of [(id, path, size, address)]; ReaderStopped (with the
        rows done) when the helper dies or stalls on a file: the first record without a row."""
        self._ask(("type", records, exif))
        rows = []
        while True:
            what = records[min(len(rows), len(records) - 1)][1]
            message = self._answer(what, cancel, rows)
            if message[0] == "end":
                return rows
            rows.append(tuple(message[1]))

    def open(self, path: str, address: str | None, size: int | None) -> "HelperStream":
        self._ask(("open", path, address, size))
        message = self._answer(path)
        if message[0] == "error":
            raise OSError(message[1])
        return HelperStream(self, path, message[1])

    def read_at(self, path: str, offset: int, size: int) -> bytes:
        out = bytearray()
        while len(out) < size:
            self._ask(("read", offset + len(out), size - len(out)))
            message = self._answer(path)
            if message[0] == "error":
                raise OSError(message[1])
            if not message[1]:
                break
            out += message[1]
        return bytes(out)

    def close(self, at_once: bool = False) -> None:
        if self.process.is_alive() and not at_once:
            self._ask(None)
            self.process.join(2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(2)
        self.conn.close()


class HelperStream(PositionedReader):
    """A read-only stream of one file inside the image, its bytes read by the helper a piece ahead (readers ask
    for 8 KiB at a time; one answer per ask would cost a round trip each)."""

    AHEAD = 1 << 20

    def __init__(self, reader: ImageReader, path: str, size: int):
        super().__init__(size)
        self.reader, self.path = reader, path
        self.held_at, self.held = 0, b""

    def read_at(self, offset: int, size: int) -> bytes:
        start = offset - self.held_at
        if not 0 <= start or start + size > len(self.held):
            self.held_at, self.held = offset, self.reader.read_at(self.path, offset,
                                                                        min(max(size, self.AHEAD), self.size - offset))
            start = 0
        return self.held[start:start + size]
