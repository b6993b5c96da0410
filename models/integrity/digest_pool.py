"""Many small files digested in helper processes, large files on the threaded path of models.integrity.digests.

For a small file the work is mostly Python (open, stat, read, one hash object per digest, the answer), so
threads of one process take turns on one core; helper processes share the files out over every core. A
large file is hashed in the caller, its digests on threads (hashlib releases the GIL on large buffers).

Helpers come from models.runtime.jobs.process_context() (forkserver or spawn, never fork: the GUI has Qt threads
running). Files go out in batches, paths as text; digests come back as hex strings. A file that cannot be
read is an answer of its own and the run goes on; if a helper dies, the files it had not answered are read
here instead."""

import math
import os
import pickle
import sys
from multiprocessing.connection import wait
from typing import Generator, Iterable, Iterator

if sys.platform == "win32":  # what starting a helper imports, loaded with this module (by the window's start-up
    import multiprocessing.popen_spawn_win32  # noqa: F401 - warm-up), not on a worker thread's first start
else:
    import multiprocessing.popen_forkserver  # noqa: F401
    import multiprocessing.popen_spawn_posix  # noqa: F401

from models.integrity.digests import (
    BUFFER_SIZE,
    COST,
    Counter,
    FileDigest,
    FileJob,
    digest_file,
    error_text,
    new_hasher,
    prepare,
    read_small,
    run_files,
)
from models.runtime.jobs import check_cancel, start_processes, stop_process

BATCH_FILES = 256  # files per batch: the cost of a round trip is hidden, progress and cancel stay prompt
BATCH_BYTES = 32 << 20  # and at most this much to read per batch
LOCAL_FILES = 16  # files read here at a time while the helpers start
PER_FILE_SECONDS = 40e-6  # one small file in one thread here: open, stat, read, hash objects, answer
WORTH_SECONDS = 0.3  # helpers pay when one thread would take longer: well above what two take to start
HELPERS_ENV = "EVIDENCEDESK_DIGEST_HELPERS"  # "0": every file in this process (debugging, odd platforms)
_prototypes: dict = {}  # in a helper: one hash object per algorithm, copied for each file
_view: list = []  # in a helper: its one read buffer


def digest_batch(records: list[tuple[str, tuple[str, ...]]]) -> list[tuple]:
    """A helper's work on one batch: [(path, algorithms)] -> [(hex digests in algorithm order | None, error, missing,
    bytes)]."""
    if not _view:
        _view.append(memoryview(bytearray(BUFFER_SIZE)))
    view, out, algorithms, prototypes = _view[0], [], None, []
    for path, names in records:
        if names != algorithms:
            algorithms = names
            prototypes = [_prototypes.get(a) or _prototypes.setdefault(a, new_hasher(a)) for a in algorithms]
        try:
            hexes, size = read_small(path, prototypes, view)
            if hexes is None:  # grown past a read buffer since it was listed
                digests = digest_file(path, algorithms, workers=1)
                hexes = [digests[name] for name in algorithms]
            out.append((hexes, None, False, size))
        except FileNotFoundError as exc:
            out.append((None, error_text(exc), True, 0))
        except (OSError, ValueError) as exc:
            out.append((None, error_text(exc), False, 0))
    return out


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def helpers_for(small: list[FileJob]) -> int:
    """How many helper processes the small files are worth: 0 when one thread would be done about as soon."""
    if os.environ.get(HELPERS_ENV, "1") == "0" or _cores() < 2 or len(small) < 2 * BATCH_FILES:
        return 0
    per_byte = sum(COST.get(a, 1.0) for a in {a for job in small for a in job.algorithms}) / (1 << 30)
    seconds = len(small) * PER_FILE_SECONDS + sum(job.size or 0 for job in small) * per_byte
    if seconds < WORTH_SECONDS:
        return 0
    return min(_cores(), math.ceil(len(small) / BATCH_FILES))


def digest_many(jobs: Iterable[FileJob], progress=None, cancel=None, processes: int | None = None,
                workers: int = 1) -> Iterator[FileDigest]:
    """digest_files (same answers, progress and cancel) with the small files (size given, under one read
    buffer) shared between `processes` helpers (None: as many as they are worth, see helpers_for)."""
    jobs = list(jobs)
    small = [job for job in jobs if job.size is not None and job.size < BUFFER_SIZE]
    helpers = (helpers_for(small) if processes is None else processes) if small else 0
    started = _start(helpers) if helpers > 1 else []  # they boot while the jobs are prepared here
    try:
        jobs, counter = prepare(jobs, progress)
    except BaseException:  # an unknown algorithm: the helpers are not needed
        for conn, process in started:
            _stop(conn, process, at_once=True)
        raise
    if started:
        large = [job for job in jobs if job.size is None or job.size >= BUFFER_SIZE]
        small = [job for job in jobs if job.size is not None and job.size < BUFFER_SIZE]
        left = yield from _in_helpers(started, small, counter, cancel)
        jobs = left + large
    yield from run_files(jobs, counter, cancel, workers)


def _take(source: Iterator[FileJob], files: int) -> list[FileJob]:
    """The next batch: up to `files` files and BATCH_BYTES bytes (at least one file)."""
    batch, size = [], 0
    for job in source:
        batch.append(job)
        size += job.size or 0
        if len(batch) >= files or size >= BATCH_BYTES:
            break
    return batch


def _helper(conn) -> None:
    """A helper's main: batches in, answers out, until None or the pipe closes."""
    try:
        while (records := conn.recv()) is not None:
            conn.send(digest_batch(records))
    except (EOFError, OSError, KeyboardInterrupt):
        pass
    finally:
        conn.close()


def _start(count: int) -> list[tuple]:
    """Start `count` helpers: [(connection, process)], none when fewer than two could be started here."""
    started = start_processes(count, _helper)
    if len(started) < 2:
        for conn, process in started:
            _stop(conn, process, at_once=False)
        return []
    return started


def _stop(conn, process, at_once: bool) -> None:
    """None ends a helper's loop."""
    stop_process(conn, process, at_once, lambda c: c.send(None))


def _records(batch: list[FileJob]) -> list[tuple]:
    return [(os.fspath(job.path), job.algorithms) for job in batch]


def _answers(batch: list[FileJob], answers: list[tuple], counter: Counter) -> Iterator[FileDigest]:
    nbytes = 0
    for job, (hexes, error, missing, size) in zip(batch, answers):
        if error is None:
            nbytes += size
            yield FileDigest(job.key, job.path, dict(zip(job.algorithms, hexes)))
        else:
            yield FileDigest(job.key, job.path, error=error, missing=missing)
    counter.add(len(batch), nbytes)


def _in_helpers(started: list[tuple], jobs: list[FileJob], counter: Counter, cancel) -> Generator[FileDigest, None,
                                                                                                  list]:
    """Answers of the jobs from the helpers, one batch in flight each: the next batch, ready in advance, is
    sent as soon as a helper's answer has been read whole (so the helper is waiting for it and neither side
    can block the other on a full pipe). Until the first answer this process reads files too instead of
    waiting for the helpers to start. Returns the jobs left unanswered by helpers that died."""
    source, left = iter(jobs), []
    helpers: dict = {}  # connection -> [process, batch in flight]
    waiting = True  # no helper has answered yet

    def upcoming() -> tuple[list, bytes | None]:
        batch = _take(source, BATCH_FILES)
        return batch, pickle.dumps(_records(batch) if batch else None, pickle.HIGHEST_PROTOCOL)
    try:
        for conn, process in started:
            batch, payload = upcoming()
            if not batch:
                break
            try:
                conn.send_bytes(payload)
            except OSError:
                left.append(batch)
                continue
            helpers[conn] = [process, batch]
        following, payload = upcoming()
        while helpers:
            check_cancel(cancel)
            ready = wait(list(helpers), timeout=0 if waiting else 0.1)
            if not ready and waiting:
                local = _take(source, LOCAL_FILES)
                waiting = bool(local)
                yield from run_files(local, counter, cancel)
                continue
            for conn in ready:
                waiting = False
                batch = helpers[conn][1]
                try:
                    answers = conn.recv_bytes()
                except (EOFError, OSError):  # the helper died: its batch is read here
                    left.append(helpers.pop(conn)[1])
                    continue
                try:
                    conn.send_bytes(payload)
                except OSError:  # the helper died after answering: the next batch goes to another
                    del helpers[conn]
                else:
                    if following:
                        helpers[conn][1] = following
                        following, payload = upcoming()
                    else:
                        del helpers[conn]
                yield from _answers(batch, pickle.loads(answers), counter)
            for conn, (process, _batch) in list(helpers.items()):
                if not process.is_alive() and not conn.poll():  # died without its pipe telling
                    left.append(helpers.pop(conn)[1])
        return [job for batch in left for job in batch] + following + list(source)
    finally:
        for conn, process in started:
            _stop(conn, process, at_once=conn in helpers)
