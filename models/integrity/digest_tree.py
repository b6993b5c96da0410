"""Every regular file under a folder digested, the walk shared out with the reading: what `hashdeep -r` does.

Listing a tree first and then sending its paths to helper processes costs this process a walk (a third of
the time of the digests for 100k small files) and a path per file down a pipe. Here the helpers walk too:
each is handed a folder (or a slice of a large folder's names), lists it with scandir, reads and hashes its
small files through a descriptor of the folder (openat: no path walked per file), and answers with the
digests, the subfolders it found (handed out in turn) and the large files, which are hashed here afterwards
on the threaded path of models.integrity.digests (both cores on one file). Links are never followed, not even to a
folder; anything but a regular file or a folder is never opened, only named with what it is (hashdeep leaves it
out in silence; a digest list's folder must not hide it).

A folder that cannot be listed is an answer of its own (FolderError); a file that cannot be read, or that
changes size while it is read, is answered with its error, as in models.integrity.digest_pool."""

import os
import pickle
import stat
from multiprocessing.connection import wait
from typing import Iterator, NamedTuple

from models.integrity.digest_pool import _cores
from models.integrity.digests import (
    BUFFER_SIZE,
    Counter,
    FileDigest,
    FileJob,
    error_text,
    hex_digests,
    new_hasher,
    normalise,
    run_files,
    size_changed_text,
)
from models.integrity.odd_entry import odd_entry
from models.runtime.jobs import check_cancel, start_processes, stop_process

SLICE_FILES = 512  # a helper hashes at most this many names of one folder per task; the rest go out in slices
IN_FLIGHT = 2  # tasks sent ahead to each helper (an answer of 512 files, ~60 KB, fits in a pipe's buffer)
HELPERS_ENV = "EVIDENCEDESK_DIGEST_HELPERS"  # "0": everything in this process (as models.integrity.digest_pool)
_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0)
_FILE_FLAGS = (os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
               | getattr(os, "O_NONBLOCK", 0))  # a FIFO swapped in after the listing never blocks
_NOATIME = getattr(os, "O_NOATIME", 0)
_state: dict = {}  # in a helper: root, algorithms, prototype hash objects, read buffer


class FolderError(NamedTuple):
    """A folder under the root that could not be listed (its files are not in the answers)."""

    folder: str  # relative to the root, "/"-separated ("" the root itself)
    error: str
    missing: bool = False


class TreeBatch(NamedTuple):
    """One task's answers: the folder (relative to the root) and, per file in it, (name, hexes in the
    algorithms' order or None, size, error or None, missing); and (name, what it is) per entry neither a
    regular file nor a folder (a link, a FIFO, a device: never opened, models.integrity.odd_entry)."""

    folder: str
    files: list
    odd: list = []


def _setup(root: str, algorithms: tuple) -> dict:
    if _state.get("key") != (root, algorithms):
        _state.update(key=(root, algorithms), root=root, prototypes=[new_hasher(a) for a in algorithms],
                      view=_state.get("view") or memoryview(bytearray(BUFFER_SIZE)))
    return _state


def _open_file(name: str, folder_fd: int) -> int:
    try:
        return os.open(name, _FILE_FLAGS | _NOATIME, dir_fd=folder_fd)
    except PermissionError:  # O_NOATIME needs the file's owner
        return os.open(name, _FILE_FLAGS, dir_fd=folder_fd)


def _hash_names(folder_fd: int, names, state: dict, out: list, large: list) -> None:
    prototypes, view = state["prototypes"], state["view"]
    limit = len(view)
    for name in names:
        try:
            fd = _open_file(name, folder_fd)
            try:
                st = os.fstat(fd)
                if not stat.S_ISREG(st.st_mode):
                    raise IsADirectoryError(21, "不是普通文件 / not a regular file", name)
                size = st.st_size
                if size >= limit:
                    large.append(name)
                    continue
                n = os.readv(fd, [view])
            finally:
                os.close(fd)
            if n != size:
                out.append((name, None, 0, size_changed_text(size, n), False))
                continue
            out.append((name, hex_digests(prototypes, view[:n]), n, None, False))
        except FileNotFoundError as exc:
            out.append((name, None, 0, error_text(exc), True))
        except (OSError, ValueError) as exc:
            out.append((name, None, 0, error_text(exc), False))


def tree_task(root: str, algorithms: tuple, task: tuple) -> tuple:
    """One task, in a helper or here: (folder, names or None for the whole folder) ->
    (folder, answers, subfolders, large file names, names left for other tasks, folder error or None)."""
    state = _setup(root, algorithms)
    folder, names = task
    out, large, subfolders, rest, odd = [], [], [], [], []
    try:
        folder_fd = os.open(os.path.join(root, folder) if folder else root, _DIR_FLAGS)
    except OSError as exc:
        return folder, out, subfolders, large, rest, (error_text(exc), isinstance(exc, FileNotFoundError)), odd
    try:
        if names is None:
            names = []
            try:
                with os.scandir(folder_fd) as entries:
                    for entry in entries:
                        if entry.is_dir(follow_symlinks=False):
                            subfolders.append(f"{folder}/{entry.name}" if folder else entry.name)
                        elif entry.is_file(follow_symlinks=False):
                            names.append(entry.name)
                        elif kind := odd_entry(entry.name, dir_fd=folder_fd):  # said, never opened
                            odd.append((entry.name, kind))
            except OSError as exc:
                return folder, out, subfolders, large, rest, (error_text(exc), False), odd
            if len(names) > SLICE_FILES:
                names, rest = names[:SLICE_FILES], names[SLICE_FILES:]
        _hash_names(folder_fd, names, state, out, large)
    finally:
        os.close(folder_fd)
    return folder, out, subfolders, large, rest, None, odd


def _helper(conn, root: str, algorithms: tuple) -> None:
    """A helper's main: tasks in, answers out (pickled bytes), until None or the pipe closes."""
    try:
        while (data := conn.recv_bytes()) != b"":
            conn.send_bytes(pickle.dumps(tree_task(root, algorithms, pickle.loads(data)), pickle.HIGHEST_PROTOCOL))
    except (EOFError, OSError, KeyboardInterrupt):
        pass
    finally:
        conn.close()


def _start(count: int, root: str, algorithms: tuple) -> list:
    return start_processes(count, _helper, (root, algorithms))


def _stop(conn, process, at_once: bool) -> None:
    """b"" ends a helper's loop."""
    stop_process(conn, process, at_once, lambda c: c.send_bytes(b""))


def _helpers_wanted(processes: int | None) -> int:
    if processes is not None:
        return processes
    if os.environ.get(HELPERS_ENV, "1") == "0":
        return 0
    cores = _cores()
    return cores if cores >= 2 else 0


def digest_tree_batches(root, algorithms, progress=None, cancel=None, processes: int | None = None,
                        total_count: int | None = None, total_bytes: int | None = None, idle=None) -> Iterator:
    """TreeBatch per task and FolderError per folder that could not be listed, then a TreeBatch per large
    file, as they are done. progress(files, total_count, bytes, total_bytes) as in models.integrity.digests (the
    totals are the caller's estimate, None when unknown: the walk goes on while files are read).
    idle(): the caller's own work in small steps, called while the helpers read instead of waiting for
    them; it returns False when it has nothing left to do."""
    root = os.fspath(root)
    algorithms = normalise(algorithms)
    counter = Counter(progress, total_count, total_bytes)
    tasks: list[tuple] = []
    large: list[tuple[str, str]] = []  # (folder, name)
    helpers = _start(_helpers_wanted(processes), root, algorithms)
    busy: dict = {}  # connection -> tasks in flight, oldest first (answers come back in that order)
    try:
        # the root listed here while the helpers start: they are handed its folders from the first
        yield from _take_answer(tree_task(root, algorithms, ("", None)), tasks, large, counter)
        while tasks or busy:
            check_cancel(cancel)
            _hand_out(helpers, busy, tasks)
            if not busy:  # no helper (none wanted, none started, or all dead): this process does it
                if not tasks:
                    break
                yield from _take_answer(tree_task(root, algorithms, tasks.pop()), tasks, large, counter)
                continue
            ready = wait(list(busy), timeout=0)
            if not ready and idle is not None and idle():
                continue
            ready = ready or wait(list(busy), timeout=0.1)
            if not ready:
                _reclaim_dead(helpers, busy, tasks)
                helpers = [(c, p) for c, p in helpers if p.is_alive()]
                continue
            for conn in ready:
                try:
                    answer = pickle.loads(conn.recv_bytes())
                except (EOFError, OSError):  # the helper died: its tasks are done by another, or here
                    tasks.extend(busy.pop(conn))
                    helpers = [(c, p) for c, p in helpers if c is not conn]
                    continue
                busy[conn].pop(0)
                if not busy[conn]:
                    del busy[conn]
                _hand_out(helpers, busy, tasks)  # before this answer is taken in: the helper keeps reading
                yield from _take_answer(answer, tasks, large, counter)
    finally:
        for conn, process in helpers:
            _stop(conn, process, at_once=bool(busy))
    yield from _large_files(root, algorithms, large, counter, cancel)
    counter.done()


def _hand_out(helpers: list, busy: dict, tasks: list) -> None:
    """Up to IN_FLIGHT tasks to each helper: the next is waiting for it as soon as it has answered one."""
    for conn, _process in helpers:
        while tasks and len(busy.get(conn, ())) < IN_FLIGHT:
            task = tasks.pop()
            try:
                conn.send_bytes(pickle.dumps(task, pickle.HIGHEST_PROTOCOL))
            except OSError:  # dead: its tasks are done by another, or here
                tasks.append(task)
                break
            busy.setdefault(conn, []).append(task)


def _take_answer(answer: tuple, tasks: list, large: list, counter: Counter) -> Iterator:
    folder, out, subfolders, big, rest, error, odd = answer
    if error is not None:
        yield FolderError(folder, *error)
    for start in range(0, len(rest), SLICE_FILES):
        tasks.append((folder, rest[start:start + SLICE_FILES]))
    tasks.extend((sub, None) for sub in subfolders)
    large.extend((folder, name) for name in big)
    if out or odd:
        counter.add(len(out), sum(entry[2] for entry in out))
        yield TreeBatch(folder, out, odd)


def _reclaim_dead(helpers: list, busy: dict, tasks: list) -> None:
    for conn, process in helpers:
        if conn in busy and not process.is_alive() and not conn.poll():
            tasks.extend(busy.pop(conn))


def _large_files(root: str, algorithms: tuple, large: list, counter: Counter, cancel) -> Iterator[TreeBatch]:
    """The large files, one at a time, their digests on threads (hashlib releases the GIL on large buffers)."""
    jobs = [FileJob((folder, name), os.path.join(root, folder, name), algorithms) for folder, name in large]
    for answer in run_files(jobs, counter, cancel, workers=1):
        folder, name = answer.key
        if answer.error:
            yield TreeBatch(folder, [(name, None, 0, answer.error, answer.missing)])
        else:
            yield TreeBatch(folder, [(name, [answer.digests[a] for a in algorithms], None, None, False)])


def digest_tree(root, algorithms, progress=None, cancel=None, processes: int | None = None) -> Iterator:
    """FileDigest (key: the path relative to root, "/"-separated) per regular file under root, and
    FolderError per folder that could not be listed; in completion order."""
    root = os.fspath(root)
    algorithms = normalise(algorithms)
    new = tuple.__new__  # FileDigest's fields in order: a third of the cost of FileDigest(...) per file
    for batch in digest_tree_batches(root, algorithms, progress, cancel, processes):
        if isinstance(batch, FolderError):
            yield batch
            continue
        prefix = batch.folder + "/" if batch.folder else ""
        base = os.path.join(root, prefix)
        for name, hexes, _size, error, missing in batch.files:
            key = prefix + name
            if error is None:
                yield new(FileDigest, (key, base + name, dict(zip(algorithms, hexes)), None, False))
            else:
                yield new(FileDigest, (key, base + name, {}, error, missing))
