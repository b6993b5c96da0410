"""One writer per review store at a time: an exclusive lock on a small file beside the store (NAME.lock).

Two first scans of a new bundle both inserted the same paths ("UNIQUE constraint failed: files.path") or
timed out ("database is locked"). The lock is taken for a writing command's whole run; a second process
waits, says so once, then finds the first one's work in the store. Within one process the lock is counted
(threads and nested calls share it): SQLite already serialises a process's own connections."""

import os
import threading
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no flock; the store then relies on SQLite's own busy wait
    fcntl = None

_held: dict[str, list] = {}  # lock path -> [fd, count]
_guard = threading.Lock()


def lock_path(store_path) -> Path:
    store_path = Path(store_path)
    return store_path.with_name(store_path.name + ".lock")


def acquire(store_path, notify=None) -> None:
    """Take the store's lock (waiting for another process, after notify(message) once)."""
    key = str(lock_path(store_path).resolve())
    with _guard:
        if key in _held:
            _held[key][1] += 1
            return
        try:
            Path(key).parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(key, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
        except OSError as exc:  # --store /proc, a read-only folder: said as what it is, not "cannot read"
            from models.common.os_errors import os_reason
            from models.store.guards.store_damage import StoreError

            raise StoreError(f"无法在审查库文件夹建立锁文件 {key}：{os_reason(exc)}（可用 --store 另选文件夹）/ cannot "
                             f"make the review store's lock file: {exc.strerror}") from exc
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if notify is not None:
                    notify(f"另一进程正在写入审查库 {Path(store_path).name}，等待其完成…"
                           " / another process is writing the review store; waiting")
                fcntl.flock(fd, fcntl.LOCK_EX)
        _held[key] = [fd, 1]


def release(store_path) -> None:
    key = str(lock_path(store_path).resolve())
    with _guard:
        entry = _held.get(key)
        if entry is None:
            return
        entry[1] -= 1
        if entry[1] <= 0:
            del _held[key]
            os.close(entry[0])  # closing the only descriptor lets the lock go


def release_all() -> None:
    """Every lock this process holds (a command's end)."""
    with _guard:
        for fd, _count in _held.values():
            os.close(fd)
        _held.clear()


@contextmanager
def held(store_path, notify=None):
    acquire(store_path, notify)
    try:
        yield
    finally:
        release(store_path)
