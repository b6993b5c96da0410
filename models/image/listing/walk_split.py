"""A long image listing shared with helper processes, so that listing and writing the store use both cores.

Each helper opens the image read-only on its own and lists the folders this process asks for; this process
keeps the walk's order (depth first, as models.image.listing.walk.walk) and writes the store meanwhile. It asks for
the folders on top of its stack first (the next ones it needs) and at most a few ahead of the walk, so the
rows it holds stay few whatever the image's size. Rows go as marshal bytes (str, int and None: about a third
of pickle's cost; both ends are this same Python)."""

import marshal
import math
import os
import queue
import threading
import time

from models.image.listing.rows import image_rows, with_error
from models.image.listing.walk import ENTERED, ImageEntry, Lister, enter
from models.inventory.scan_process import ScanHelperError, helper_allowed
from models.runtime.jobs import check_cancel, lower_priority, process_context
from models.runtime.parent_watch import mark_top, watch_top

HELPERS = 2
HANDOFF = 3000  # where helpers cannot be forked: entries listed here before they start (spawning costs)


def _stall_limit(default: float = 30.0) -> float:
    """EVIDENCEDESK_IMAGE_STALL_S when it is a positive number of seconds; the default for anything else."""
    try:
        value = float(os.environ.get("EVIDENCEDESK_IMAGE_STALL_S", default))
    except ValueError:
        return default
    return value if math.isfinite(value) and value > 0 else default


STALL_S = _stall_limit()  # no answer for a folder this long: stopped
PER_REQUEST = 4  # folders asked for in one message
OUTSTANDING = 2  # requests a helper holds at once: it lists the next while this process takes the last
SEND_ROWS = 1000  # a helper sends what it has once it holds this many rows


_STALL = ("TSK 读取 {seconds:.0f} 秒无进展（元数据损坏，如文件声称的大小远超磁盘），本分区列出 {{listed}} 项后停止 / "
          "TSK made no progress for {seconds:.0f} s (damaged metadata, such as a file claiming a size far beyond "
          "the disk): the listing of this partition stopped after {{listed}} entries")
_ORPHANS = ("TSK 查找孤立文件 {seconds:.0f} 秒无进展（目录结构异常，如目录环或重复链接），孤立文件未列出；"
            "本分区其余 {{listed}} 项已列出 / TSK's search for orphan files made no progress for {seconds:.0f} s "
            "(a damaged folder structure, such as loops or folders linked twice): orphan files not listed; the "
            "partition's other {{listed}} entries are listed")
_DIED = ("TSK 读取进程意外退出（{code}），本分区列出 {{listed}} 项后停止 / the TSK reader ended unexpectedly "
         "({code}): the listing of this partition stopped after {{listed}} entries")


class HelperStopped(Exception):
    """A helper stalled in TSK or died: its partition's listing stops there (reason: text with {listed})."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _forks() -> bool:
    """Fork where this process runs no other thread (the command line, a window's scan helper): a forked copy
    of a thread holding a lock could deadlock."""
    import multiprocessing

    try:
        alone = len(os.listdir("/proc/self/task")) == 1
    except OSError:
        alone = False
    return alone and "fork" in multiprocessing.get_all_start_methods()


def _context():
    """(multiprocessing context, lower the helpers' priority). Forked helpers start in milliseconds with the
    modules loaded, at the scanning process's own priority; else the program's context (a forkserver), the
    helpers lowered."""
    import multiprocessing

    if _forks():
        mark_top()
        return multiprocessing.get_context("fork"), False
    return process_context(), True


def _helper(conn, spec, tz_name: str, name: str, coverage, lowered: bool) -> None:
    """A helper's main: open the image, say so, then answer (partition, folders) requests until None."""
    watch_top()
    if lowered:
        lower_priority()
    # TSK reads FAT's local times with mktime, which stats /etc/localtime on every call when TZ is unset
    # (most of fls's own time on FAT); in UTC the time module undoes mktime exactly (models.image.listing.walk).
    os.environ["TZ"] = "UTC"
    time.tzset()
    try:
        from models.image.disk import first_open
        from models.image.source import ImageSource

        first_open.isolated = True  # this helper is the forked child: its crash is told by the scanning process
        source = ImageSource(spec, tz_name, name)
        listers: dict[int, Lister] = {}
        locate = coverage.locate
        conn.send_bytes(marshal.dumps("ready"))
        while (request := marshal.loads(conn.recv_bytes())) is not None:
            index, folders = request
            lister = listers.get(index)
            if lister is None:
                part = source.partitions[index]
                lister = listers[index] = source.lister(part)
            out, held = [], 0
            for at, (addr, rel, key) in enumerate(folders):
                entries, subfolders = lister.folder(addr, rel, key)
                rows, counts = image_rows(entries, locate)
                out.append((rel, rows, counts, subfolders))
                held += len(rows)
                last = at == len(folders) - 1
                if last or held >= SEND_ROWS:
                    conn.send_bytes(marshal.dumps((last, out)))
                    out, held = [], 0
    except (EOFError, BrokenPipeError):
        return
    except BaseException as exc:  # noqa: BLE001 - reported to the scanning process, which raises it
        text = str(exc).splitlines()[0][:200] if str(exc) else ""
        try:
            conn.send_bytes(marshal.dumps(f"{type(exc).__name__}: {text}"))
        except OSError:
            pass
    finally:
        conn.close()


def _virtual(folder) -> bool:
    key = folder[2]
    return isinstance(key, tuple) and key[0] == "virtual"


class HelperPool:
    """Helper processes listing folders of one image. next() gives the folder on top of the walk's stack,
    listed by whichever helper was asked, and keeps each helper a request or two ahead."""

    def __init__(self, spec, tz_name: str, name: str, coverage, count: int = HELPERS, stall: float = STALL_S):
        context, lowered = _context()
        self.stall = stall
        self.conns, self.processes, self.ready, self.load = [], [], set(), [0] * count
        self.inbox: queue.SimpleQueue = queue.SimpleQueue()
        self.results: dict[str, tuple] = {}
        self.requested: set[str] = set()
        for _ in range(count):
            ours, theirs = context.Pipe()
            process = context.Process(target=_helper, args=(theirs, spec, tz_name, name, coverage, lowered),
                                      daemon=True, name="EvidenceDesk image scan")
            process.start()
            theirs.close()
            self.conns.append(ours)
            self.processes.append(process)
        # the readers start after the last fork: a process forked while another thread runs may inherit a lock
        self.readers = [threading.Thread(target=self._read, args=(n,), daemon=True, name="EvidenceDesk image scan")
                        for n in range(count)]
        for reader in self.readers:
            reader.start()

    def _read(self, number: int) -> None:
        """Messages off a helper's pipe as they come, so that it never waits on a full pipe while this
        process writes the store."""
        conn = self.conns[number]
        try:
            while True:
                message = marshal.loads(conn.recv_bytes())
                self.inbox.put((number, message))
                if isinstance(message, str) and message != "ready":
                    return
        except (EOFError, OSError, TypeError, ValueError):  # TypeError/ValueError: the pipe closed under it
            self.processes[number].join(1)
            code = self.processes[number].exitcode
            self.inbox.put((number, f"exit code {code}" if code else None))

    def has_ready(self, wait=False) -> bool:
        """True once a helper has the image open (the messages that came meanwhile are taken in); wait: a
        cancel callable (or None) to wait with, False not to."""
        while not self.ready:
            if wait is not False:
                check_cancel(wait)
            try:
                self._take(*(self.inbox.get(timeout=0.1) if wait is not False else self.inbox.get_nowait()))
            except queue.Empty:
                if wait is False:
                    return False
        return True

    def _take(self, number: int, message) -> None:
        if message == "ready":
            self.ready.add(number)
        elif message is None or isinstance(message, str) and message.startswith("exit code"):  # ended: a crash
            if message is None and number in self.ready and not self.load[number]:
                return
            raise HelperStopped(_DIED.format(code=message or "exit code 0"))
        elif isinstance(message, str):
            raise ScanHelperError(f"镜像扫描子进程出错 / the image scan helper failed: {message}")
        else:
            last, found = message
            for rel, rows, counts, subfolders in found:
                self.results[rel] = (rows, counts, subfolders)
            if last:
                self.load[number] -= 1

    def _ask(self, index: int, stack: list) -> None:
        """Requests for the folders nearest the top of the stack not asked for yet, to each helper with room."""
        for number in sorted(self.ready, key=lambda n: self.load[n]):
            while self.load[number] < OUTSTANDING:
                batch = []
                for folder in reversed(stack):
                    if folder[1] in self.requested:
                        continue
                    if _virtual(folder):  # TSK searches the whole file system for orphans: when needed, alone,
                        if not batch and folder is stack[-1]:  # so that it holds back no other folder
                            batch.append(folder)
                            break
                        continue
                    batch.append(folder)
                    if len(batch) == PER_REQUEST:
                        break
                if not batch:
                    return
                self.conns[number].send_bytes(marshal.dumps((index, batch)))
                self.requested.update(folder[1] for folder in batch)
                self.load[number] += 1

    def next(self, index: int, stack: list, cancel=None) -> tuple[list, list, list]:
        """(rows, counts, subfolders) of the folder on top of the stack, which is popped."""
        rel, waited = stack[-1][1], time.monotonic()
        self._ask(index, stack)
        while rel not in self.results:
            check_cancel(cancel)
            if time.monotonic() - waited > self.stall:  # TSK stuck in one folder: no limit of its own
                raise HelperStopped((_ORPHANS if _virtual(stack[-1]) else _STALL).format(seconds=self.stall))
            try:
                self._take(*self.inbox.get(timeout=0.1))
            except queue.Empty:
                continue
            self._ask(index, stack)
        stack.pop()
        self.requested.discard(rel)
        return self.results.pop(rel)

    def close(self, at_once: bool = False) -> None:
        for conn, process in zip(self.conns, self.processes):
            try:
                if at_once:
                    process.terminate()
                else:
                    conn.send_bytes(marshal.dumps(None))
            except (OSError, ValueError):
                pass
        for process in self.processes:
            process.join(5)
            if process.is_alive():
                process.terminate()
                process.join(1)
        for reader in self.readers:  # each ends on its helper's end of pipe: only then is its pipe closed here
            reader.join(1)
        for conn in self.conns:
            conn.close()


def _noted(rows: list, counts: list, paths: set) -> tuple[list, list]:
    """The rows of folders whose content is listed already, with the reason (models.image.listing.walk.enter)."""
    out = []
    for row in rows:
        if row[0] in paths:
            noted = with_error(row, ENTERED)
            counts = [*counts[:2], counts[2] + (noted is not row), counts[3]]
            row = noted
        out.append(row)
    return out, counts


def folder_rows(source, coverage, cancel=None, handoff: int | None = None, wait: bool = False,
                stall: float | None = None):
    """(rows, counts) of every folder of every partition in the walk's order, listed by helper processes
    where they can be forked (all of it: TSK stalled by a damaged inode is then stopped after `stall`
    seconds, its partition ending on one entry with the reason, and new helpers go on with the next one);
    elsewhere this process lists the first `handoff` entries and on until a helper has the image open,
    unless told to wait for it. Without helpers (not allowed), all of it here."""
    locate, pool, listed = coverage.locate, None, 0
    if handoff is None:  # forked (also from the window's scan helper, which forks its own helpers): from the start
        handoff = 0 if _context()[0].get_start_method() == "fork" else HANDOFF
    wait, helpers = wait or handoff == 0, helper_allowed()
    try:
        for index, part in enumerate(source.partitions):
            if part.fs is None:
                yield image_rows([ImageEntry(source.prefix(part), "dir", error=part.error)], locate)
                continue
            lister = source.lister(part)
            stack, here, entered = [lister.root], 0, {lister.root[2]: 1}
            while stack:
                check_cancel(cancel)
                if pool is None and helpers and listed >= handoff and (len(stack) > 1 or not handoff):
                    try:
                        pool = HelperPool(source.spec, source.tz_name, source.name, coverage,
                                          stall=STALL_S if stall is None else stall)
                    except (OSError, ValueError, RuntimeError):  # no helper processes here: listed here, as before
                        helpers = False
                try:
                    helped = pool is not None and pool.has_ready(cancel if wait else False)
                    if helped:
                        rows, counts, subfolders = pool.next(index, stack, cancel)
                except HelperStopped as stop:
                    pool.close(at_once=True)
                    pool = None
                    yield image_rows([ImageEntry(source.prefix(part), "dir", error=stop.reason.format(listed=here))],
                                     locate)
                    break
                if not helped:
                    entries, subfolders = lister.folder(*stack.pop())
                    rows, counts = image_rows(entries, locate)
                subfolders, again = enter(subfolders, entered)
                if again:
                    rows, counts = _noted(rows, counts, {f"{source.prefix(part)}/{rel}" for rel in again})
                listed += len(rows)
                here += len(rows)
                stack.extend(reversed(subfolders))
                yield rows, counts
    except BaseException:
        if pool is not None:
            pool.close(at_once=True)
            pool = None
        raise
    finally:
        if pool is not None:
            pool.close()
