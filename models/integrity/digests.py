"""The digest engine: MD5, SHA-1, SHA-256 and SM3 in one read pass, the digests running on every core."""

import functools
import hashlib
import math
import os
import queue
import stat
import threading
import time
from pathlib import Path
from types import MappingProxyType
from typing import BinaryIO, Iterable, Iterator, Mapping, NamedTuple

from models.common.os_errors import os_reason
from models.runtime.jobs import check_cancel

ALGORITHMS = ("md5", "sha1", "sha256", "sm3")
HEX_LENGTHS = {"md5": 32, "sha1": 40, "sha256": 64, "sm3": 64}
# seconds per GiB measured on one core here (PLATFORM.md): used to share the digests out between threads
COST = {"md5": 2.0, "sha1": 0.8, "sha256": 0.9, "sm3": 5.0}
BUFFER_SIZE = 2 << 20  # hashlib and cryptography release the GIL on large updates
RING = 4  # buffers in flight: memory stays RING x BUFFER_SIZE whatever the file size
INLINE_LIMIT = 4 << 20  # below this, one thread hashes everything: starting threads costs more than it saves
_HASHLIB_SM3 = "sm3" in hashlib.algorithms_available
_local = threading.local()


class SizeChanged(OSError):
    """The file had another size at the end of the read than at the start (shrunk, grown or replaced)."""


class DeletedWhileReading(FileNotFoundError):
    """The path was gone at the end of the read (the open file was read whole, but is no longer evidence)."""


class ReplacedWhileReading(OSError):
    """At the end of the read the path named another file than the one read (renamed over it)."""


class _CryptographyHasher:
    """cryptography's SM3 with hashlib's update/hexdigest/copy (where Python's OpenSSL lacks SM3)."""

    def __init__(self, context=None):
        from cryptography.hazmat.primitives import hashes

        self._context = context or hashes.Hash(hashes.SM3())

    def update(self, data) -> None:
        self._context.update(bytes(data) if isinstance(data, memoryview) and not data.contiguous else data)

    def copy(self):
        return _CryptographyHasher(self._context.copy())

    def hexdigest(self) -> str:
        return self._context.copy().finalize().hex()


def new_hasher(algorithm: str):
    """A fresh hash object with update(), hexdigest(), copy() for one of ALGORITHMS."""
    if algorithm == "sm3" and not _HASHLIB_SM3:
        return _CryptographyHasher()
    if algorithm not in HEX_LENGTHS:
        raise ValueError(f"unknown digest algorithm {algorithm!r}")
    return hashlib.new(algorithm)


def normalise(algorithms: Iterable[str]) -> tuple[str, ...]:
    """Lower-case, de-duplicated, in ALGORITHMS order; ValueError on an unknown name or none at all."""
    return _normalise(tuple(algorithms))


@functools.lru_cache(maxsize=64)
def _normalise(algorithms: tuple) -> tuple[str, ...]:
    wanted = {str(a).lower().replace("-", "") for a in algorithms}
    unknown = wanted - set(ALGORITHMS)
    if unknown or not wanted:
        raise ValueError(f"unknown digest algorithm(s): {sorted(unknown) or 'none given'}")
    return tuple(a for a in ALGORITHMS if a in wanted)


def _groups(algorithms: tuple[str, ...], workers: int) -> list[list[str]]:
    """Share the digests out between at most `workers` threads, longest first onto the least loaded."""
    bins: list[tuple[float, list[str]]] = [(0.0, []) for _ in range(max(1, min(workers, len(algorithms))))]
    for name in sorted(algorithms, key=lambda a: -COST.get(a, 1.0)):
        load, names = min(bins, key=lambda b: b[0])
        bins.remove((load, names))
        bins.append((load + COST.get(name, 1.0), names + [name]))
    return [names for _load, names in bins]


def _buffer() -> memoryview:
    """A per-thread read buffer for the inline path (no allocation per small file)."""
    view = getattr(_local, "view", None)
    if view is None:
        view = _local.view = memoryview(bytearray(BUFFER_SIZE))
    return view


def _report(progress, done: int, size_hint) -> None:
    if progress is not None:
        progress(0, 1, done, size_hint)


def _hash_inline(stream, hashers, progress, cancel, size_hint) -> int:
    view, done = _buffer(), 0
    while True:
        check_cancel(cancel)
        n = stream.readinto(view)
        if not n:
            return done
        chunk = view[:n]
        for hasher in hashers:
            hasher.update(chunk)
        done += n
        _report(progress, done, size_hint)


class _Pipeline:
    """One reader (the caller) fills a ring of buffers; one thread per group of digests consumes each buffer."""

    def __init__(self, groups: list[list]):
        self.views = [memoryview(bytearray(BUFFER_SIZE)) for _ in range(RING)]
        self.free: queue.SimpleQueue = queue.SimpleQueue()
        for index in range(RING):
            self.free.put(index)
        self.pending = [0] * RING
        self.lock = threading.Lock()
        self.error: BaseException | None = None
        self.queues = [queue.SimpleQueue() for _ in groups]
        self.threads = [threading.Thread(target=self._work, args=(g, q), daemon=True, name="digest")
                        for g, q in zip(groups, self.queues)]
        for thread in self.threads:
            thread.start()

    def _work(self, hashers, jobs) -> None:
        while (job := jobs.get()) is not None:
            index, n = job
            try:
                if self.error is None:
                    chunk = self.views[index][:n]
                    for hasher in hashers:
                        hasher.update(chunk)
            except BaseException as exc:  # handed to the reader, which raises it
                self.error = exc
            finally:
                self._release(index)

    def _release(self, index: int) -> None:
        with self.lock:
            self.pending[index] -= 1
            last = self.pending[index] == 0
        if last:
            self.free.put(index)

    def run(self, stream, progress, cancel, size_hint) -> int:
        done = 0
        try:
            while True:
                check_cancel(cancel)
                index = self.free.get()
                if self.error is not None:
                    raise self.error
                n = stream.readinto(self.views[index])
                if not n:
                    self.free.put(index)
                    return done
                self.pending[index] = len(self.queues)
                for jobs in self.queues:
                    jobs.put((index, n))
                done += n
                _report(progress, done, size_hint)
        finally:
            self.close()

    def close(self) -> None:
        for jobs in self.queues:
            jobs.put(None)
        for thread in self.threads:
            thread.join()
        if self.error is not None:
            raise self.error


def _size_of(stream, size_hint):
    if size_hint is not None:
        return size_hint
    try:
        st = os.fstat(stream.fileno())
        return st.st_size if st.st_size or not st.st_blocks else None
    except (AttributeError, OSError, ValueError):
        return None


def hash_stream(stream: BinaryIO, algorithms: Iterable[str], progress=None, cancel=None,
                size_hint: int | None = None, workers: int | None = None) -> tuple[dict[str, str], int]:
    """({algorithm: hex}, bytes read): one read pass through stream.readinto, digests in parallel threads."""
    names = normalise(algorithms)
    hashers = {name: new_hasher(name) for name in names}
    size = _size_of(stream, size_hint)
    workers = workers or os.cpu_count() or 1
    if len(names) == 1 or workers == 1 or (size is not None and size < INLINE_LIMIT):
        done = _hash_inline(stream, list(hashers.values()), progress, cancel, size)
    else:
        groups = [[hashers[n] for n in group] for group in _groups(names, workers)]
        done = _Pipeline(groups).run(stream, progress, cancel, size)
    return {name: h.hexdigest() for name, h in hashers.items()}, done


def compute_digests(stream: BinaryIO, algorithms: Iterable[str], progress=None, cancel=None,
                    size_hint: int | None = None) -> dict[str, str]:
    """{algorithm: lower-case hex} of everything stream yields; progress(0, 1, done_bytes, size_hint)."""
    return hash_stream(stream, algorithms, progress, cancel, size_hint)[0]


def digest_file(path, algorithms: Iterable[str], progress=None, cancel=None, size_hint: int | None = None,
                workers: int | None = None) -> dict[str, str]:
    """Digests of one file opened read-only (no link followed, no atime); SizeChanged if it changed size."""
    from models.bundle.safepath import open_evidence

    with open_evidence(Path(path)) as stream:
        before = os.fstat(stream.fileno())
        if not _is_regular(before.st_mode):
            raise IsADirectoryError(21, "不是普通文件 / not a regular file", str(path))
        digests, done = hash_stream(stream, algorithms, progress, cancel, before.st_size, workers)
        after = os.fstat(stream.fileno()).st_size
    if done != before.st_size or after != before.st_size:
        raise SizeChanged(f"{size_changed_text(before.st_size, done)}, {after} now")
    _check_same_file(path, before)
    return digests


def _check_same_file(path, before: os.stat_result) -> None:
    """An open file stays readable after its path is deleted or renamed over: say so rather than report
    the digests of what is no longer at the path."""
    try:
        now = os.lstat(path)
    except FileNotFoundError:
        raise DeletedWhileReading(f"读取过程中文件被删除 / file deleted while reading: {path}") from None
    if (now.st_dev, now.st_ino) != (before.st_dev, before.st_ino):
        raise ReplacedWhileReading(f"读取过程中文件被替换（该路径现为另一文件）/ file replaced while reading "
                                   f"(the path now names another file): {path}")


def _is_regular(mode: int) -> bool:
    return stat.S_ISREG(mode)


class FileJob(NamedTuple):
    """One file to digest: key (anything the caller wants back), path, algorithms, size if known.
    (Named tuples, not dataclasses: a tenth of the cost per file, and a helper process starts without
    importing dataclasses.)"""

    key: object
    path: Path
    algorithms: tuple[str, ...]
    size: int | None = None


class FileDigest(NamedTuple):
    """The answer for one FileJob: digests, or the error (OSError text) that stopped the read."""

    key: object
    path: Path
    digests: Mapping[str, str] = MappingProxyType({})  # read-only when empty: the default is shared
    error: str | None = None
    missing: bool = False


_FLAGS = (os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
          | getattr(os, "O_NONBLOCK", 0))  # a FIFO swapped in after the lstat never blocks
_NOATIME = getattr(os, "O_NOATIME", 0)


def _open_fd(path) -> int:
    """The flags of models.bundle.safepath.open_evidence at the os level: no file object per small file."""
    try:
        return os.open(path, _FLAGS | _NOATIME)
    except PermissionError:
        return os.open(path, _FLAGS)


def hex_digests(prototypes: list, data) -> list[str]:
    """The hex digest of data by each of the prototype hash objects, each copied so the prototype stays fresh."""
    out = []
    for prototype in prototypes:
        hasher = prototype.copy()
        hasher.update(data)
        out.append(hasher.hexdigest())
    return out


def size_changed_text(size: int, read: int) -> str:
    """The message for a file whose read did not return the size its stat gave."""
    return f"读取过程中文件大小改变 / file size changed while reading: {size} -> {read} bytes read"


def read_small(path, prototypes: list, view: memoryview) -> tuple[list | None, int]:
    """([hex per prototype], bytes) of a file read into view in one call and hashed in this thread, from
    copies of the prototype hash objects; (None, size) when it does not fit in view. OSError when it cannot
    be read or is not a regular file, SizeChanged when the read did not return its size."""
    fd = _open_fd(path)
    try:
        st = os.fstat(fd)
        if not _is_regular(st.st_mode):
            raise IsADirectoryError(21, "不是普通文件 / not a regular file", str(path))
        if st.st_size >= len(view):
            return None, st.st_size
        n = os.readv(fd, [view])
    finally:
        os.close(fd)
    if n != st.st_size:
        raise SizeChanged(size_changed_text(st.st_size, n))
    return hex_digests(prototypes, view[:n]), n


def _small(job: FileJob, prototypes: dict) -> FileDigest | None:
    """A small file read in one call and hashed in this thread; None when it turns out not to be small."""
    try:
        hexes, _size = read_small(job.path, [prototypes[name] for name in job.algorithms], _buffer())
    except FileNotFoundError as exc:
        return FileDigest(job.key, job.path, error=error_text(exc), missing=True)
    except OSError as exc:
        return FileDigest(job.key, job.path, error=error_text(exc))
    return None if hexes is None else FileDigest(job.key, job.path, dict(zip(job.algorithms, hexes)))


def _one(job: FileJob, progress, cancel, prototypes: dict | None = None) -> FileDigest:
    if prototypes is not None and job.size is not None and job.size < BUFFER_SIZE:
        answer = _small(job, prototypes)
        if answer is not None:
            return answer
    return _large(job, progress, cancel)


def _large(job: FileJob, progress, cancel) -> FileDigest:
    try:
        digests = digest_file(job.path, job.algorithms, progress, cancel, None)
    except FileNotFoundError as exc:
        return FileDigest(job.key, job.path, error=error_text(exc), missing=True)
    except OSError as exc:
        return FileDigest(job.key, job.path, error=error_text(exc))
    return FileDigest(job.key, job.path, digests)


def error_text(exc: OSError) -> str:
    """The system's reason in the reviewer's words first (没有访问权限（Permission denied）), then the file."""
    if exc.strerror and exc.filename:
        return f"{os_reason(exc)}: {exc.filename}"
    return os_reason(exc) if exc.strerror else str(exc) or type(exc).__name__


class Counter:
    """Aggregate progress over many files, at most every 50 ms, under a lock from whichever thread did the work."""

    def __init__(self, progress, total_count, total_bytes):
        self.progress, self.total_count, self.total_bytes = progress, total_count, total_bytes
        self.count = self.bytes = 0
        self.last = -math.inf  # never: the first report goes out at once, however soon after boot
        self.lock = threading.Lock()

    def file_progress(self):
        """A per-file progress callback for large files, adding their bytes as they are read."""
        seen = [0]

        def report(_done, _total, done_bytes, _size):
            with self.lock:
                self.bytes += done_bytes - seen[0]
                seen[0] = done_bytes
                self._emit()
        report.seen = seen
        return report

    def add(self, files: int, nbytes: int) -> None:
        """Files done elsewhere (a helper process's batch) and the bytes they held."""
        with self.lock:
            self.count += files
            self.bytes += nbytes
            self._emit(self.count == self.total_count)

    def finished(self, answer: FileDigest, job: FileJob) -> None:
        """One more file done; a small file's bytes (read in one go) are added here."""
        with self.lock:
            self.count += 1
            if answer.digests and job.size is not None and job.size < BUFFER_SIZE:
                self.bytes += job.size
            self._emit(self.count == self.total_count)

    def done(self) -> None:
        """The last report, whatever the time since the one before (when the total was not known)."""
        with self.lock:
            self._emit(True)

    def _emit(self, final: bool = False) -> None:
        now = time.monotonic()
        if self.progress is not None and (final or now - self.last >= 0.05):
            self.last = now
            self.progress(self.count, self.total_count, self.bytes, self.total_bytes)


def _prototypes(jobs: list[FileJob]) -> dict:
    names = {a for job in jobs for a in job.algorithms}
    return {name: new_hasher(name) for name in normalise(names)} if names else {}


def prepare(jobs: Iterable[FileJob], progress=None) -> tuple[list[FileJob], Counter]:
    """The jobs with their algorithms normalised, and the progress counter over all of them."""
    names: dict = {}  # the jobs share a few sets of algorithms: normalise each once
    prepared = []
    for job in jobs:
        given = job.algorithms if isinstance(job.algorithms, tuple) else tuple(job.algorithms)
        wanted = names.get(given)
        if wanted is None:
            wanted = names[given] = normalise(given)
        prepared.append(job if wanted == job.algorithms else FileJob(job.key, job.path, wanted, job.size))
    jobs = prepared
    sizes = [j.size for j in jobs]
    return jobs, Counter(progress, len(jobs), sum(sizes) if None not in sizes else None)


def digest_files(jobs: Iterable[FileJob], progress=None, cancel=None, workers: int = 1) -> Iterator[FileDigest]:
    """FileDigest per job, in completion order; small files (size given) hashed inline, files shared
    between `workers` threads (1, the default, runs in the caller: the faster for many small files).
    models.integrity.digest_pool.digest_many adds helper processes for many small files."""
    jobs, counter = prepare(jobs, progress)
    yield from run_files(jobs, counter, cancel, workers)


def run_files(jobs: list[FileJob], counter: Counter, cancel=None, workers: int = 1) -> Iterator[FileDigest]:
    """digest_files on prepared jobs, progress counted by `counter` (which may count other files too)."""
    prototypes = _prototypes(jobs)
    if workers <= 1 or len(jobs) < 2:
        for job in jobs:
            check_cancel(cancel)
            answer = _one(job, counter.file_progress(), cancel, prototypes)
            counter.finished(answer, job)
            yield answer
        return
    yield from _threaded(jobs, counter, cancel, workers, prototypes)


def _threaded(jobs: list[FileJob], counter: Counter, cancel, workers: int, prototypes) -> Iterator[FileDigest]:
    source, results = iter(jobs), queue.SimpleQueue()
    lock, stop = threading.Lock(), threading.Event()

    def work():
        try:
            while not stop.is_set():
                with lock:
                    job = next(source, None)
                if job is None:
                    break
                check_cancel(cancel)
                answer = _one(job, counter.file_progress(), cancel, prototypes)
                counter.finished(answer, job)
                results.put(answer)
        except BaseException as exc:
            results.put(exc)
        finally:
            results.put(None)

    threads = [threading.Thread(target=work, daemon=True, name="digest-files") for _ in range(workers)]
    for thread in threads:
        thread.start()
    try:
        yield from _drain(results, len(threads))
    finally:
        stop.set()
        for thread in threads:
            thread.join()


def _drain(results, running: int) -> Iterator[FileDigest]:
    error = None
    while running:
        answer = results.get()
        if answer is None:
            running -= 1
        elif isinstance(answer, BaseException):
            error = error or answer
        else:
            yield answer
    if error is not None:
        raise error
