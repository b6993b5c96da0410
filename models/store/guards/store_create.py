"""A new store appears whole or not at all.

sqlite3.connect makes the file at once, empty; a first scan killed before its first commit (SIGTERM, a closed
window, a power cut) left a 0-byte store, which the next run had to move aside as damaged. A new store is now
built beside its final name (NAME.new-<pid>: schema, WAL mode, seal), closed (its WAL folded in) and then given
its name with a hard link, which never replaces a store another process made meanwhile. Leftovers of builders
that died are removed on the next creation."""

import os
import re
import sqlite3
from pathlib import Path

_LEFTOVER = re.compile(r"\.new-(\d+)(-wal|-shm|-journal)?$")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: alive
        return True
    return True


def _remove_leftovers(path: Path) -> None:
    if os.name == "nt":  # os.kill(pid, 0) there would end the process, not look at it: leftovers stay
        return
    prefix = path.name + ".new-"
    try:
        names = [n for n in os.listdir(path.parent) if n.startswith(prefix)]
    except OSError:
        return
    for name in names:
        match = _LEFTOVER.search(name[len(path.name):])
        if match and int(match.group(1)) != os.getpid() and not _alive(int(match.group(1))):
            try:
                os.unlink(path.parent / name)
            except OSError:
                pass


def _unlink_all(build: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            os.unlink(f"{build}{suffix}")
        except FileNotFoundError:
            pass


def create(path: Path, make) -> None:
    """When no store is at path: make(conn) builds one in NAME.new-<pid>, which then takes the name (a store
    made by another process meanwhile is kept, this one dropped)."""
    if os.path.lexists(path):
        return
    _remove_leftovers(path)
    build = path.with_name(f"{path.name}.new-{os.getpid()}")
    _unlink_all(build)
    conn = sqlite3.connect(build, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.isolation_level = ""
        make(conn)
    except BaseException:
        conn.close()
        _unlink_all(build)
        raise
    conn.close()  # the last connection folds the WAL into the file and removes it
    try:
        try:
            os.link(build, path)
        except FileExistsError:
            pass  # another process made it first: its store stands
        except OSError:  # a file system without hard links
            if not os.path.lexists(path):
                os.rename(build, path)
    finally:
        _unlink_all(build)
