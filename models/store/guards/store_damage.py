"""A damaged review store is kept aside, never reused nor silently replaced.

On open (models.store.store.open_store) the file gets SQLite's `PRAGMA quick_check` and its tables are compared
with the shape its schema version gives. A store that fails either, that is not a database at all, not a regular
file (a FIFO, a folder, a link), or that is empty where a store was expected (0 bytes), is renamed with its WAL and
shared-memory files to NAME.damaged-<UTC time> beside it, and a fresh store is started; the message says what
was kept and where, for the reviewer (a stderr line, a message box in the window).

A store that cannot be checked now for a reason outside the file (a full disk, an I/O error, no permission) is
not damaged: StoreError says why and nothing is moved; a good store once went aside on a full disk, unsaid."""

import os
import sqlite3
import stat
import time
from functools import lru_cache
from pathlib import Path

SIDE_FILES = ("-wal", "-shm", ".audit-head")  # moved along with the store
# SQLite result codes of the moment, not of the file: PERM, BUSY, LOCKED, NOMEM, READONLY, INTERRUPT, IOERR, FULL,
# CANTOPEN, PROTOCOL, AUTH; any other (CORRUPT, NOTADB, "unsupported file format" from a mangled header) is damage
_MOMENT = (3, 5, 6, 7, 8, 9, 10, 13, 14, 15, 23)


class StoreError(Exception):
    """The store cannot be opened or is newer than this program."""


def _text(data: bytes) -> str:
    return data.decode("utf-8", "replace")  # a damaged page's bytes in quick_check's words or the schema


def _not_regular(path: Path) -> str | None:
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return None
    if stat.S_ISREG(mode):
        return None
    kind = ("链接 / a link" if stat.S_ISLNK(mode) else "文件夹 / a folder" if stat.S_ISDIR(mode)
            else "命名管道 / a FIFO" if stat.S_ISFIFO(mode) else "特殊文件 / a special file")
    return f"{path.name} 不是普通文件（{kind}） / not a regular file"


@lru_cache(maxsize=None)
def expected_shape(version: int) -> dict[str, tuple[str, ...]]:
    """table -> column names, as migrations 1..version make them (on an empty in-memory database)."""
    from models.store.store_schema import MIGRATIONS

    conn = sqlite3.connect(":memory:")
    for target in range(1, version + 1):
        MIGRATIONS[target](conn)
    shape = _shape(conn)
    conn.close()
    return shape


def _shape(conn) -> dict[str, tuple[str, ...]]:
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                        "AND name NOT LIKE 'sqlite_%'")]
    return {name: tuple(r[1] for r in conn.execute(f'PRAGMA table_info("{name}")')) for name in names}


def _shape_problem(conn) -> str | None:
    from models.store.store_schema import SCHEMA_VERSION

    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version < 0:
        return f"版本号 {version} 无效 / invalid schema version"
    if version > SCHEMA_VERSION:
        return None  # a newer program's store: refused when opened, never moved (models.store.store.migrate)
    have, want = _shape(conn), expected_shape(version)
    for table, columns in want.items():
        if have.get(table) != columns:
            what = "缺少" if table not in have else "列不符"
            return f"结构与版本 {version} 不符（表 {table} {what}） / tables not as schema version {version} makes them"
    if not want and have:  # a version-0 file is a new store's, before its first migration committed
        return f"结构与版本 0 不符（已有表 {min(have)}） / tables in a store of version 0"
    return None


def damage(path: Path) -> str | None:
    """Why the store file at path cannot be trusted (None when it checks out, or does not exist yet); StoreError
    when it cannot be checked now."""
    if not os.path.lexists(path):
        return None
    for suffix in ("", "-wal", "-shm"):  # SQLite would follow a link or wait on a FIFO
        odd = _not_regular(path.with_name(path.name + suffix))
        if odd:
            return odd
    size = path.stat().st_size
    if size == 0:
        return "空文件（0 字节） / empty file (0 bytes)"
    if not os.access(path, os.R_OK | os.W_OK):
        raise PermissionError(13, "无权读写审查库 / no permission to read and write the review store", str(path))
    conn = None
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True)
        conn.text_factory = _text
        rows = conn.execute("PRAGMA quick_check").fetchall()
        problems = [r[0] for r in rows if r and r[0] != "ok"]
        if problems:
            return f"完整性检查失败 / quick_check failed: {problems[0]}" + (f"（另 {len(problems) - 1} 处）"
                                                                        if len(problems) > 1 else "")
        return _shape_problem(conn)
    except sqlite3.DatabaseError as exc:
        if getattr(exc, "sqlite_errorcode", 11) & 0xFF not in _MOMENT:
            return f"无法读取 / unreadable: {exc}"
        raise StoreError(f"现在无法检查审查库 {path}（{exc}），审查库未作改动 / cannot check the review store now; "
                         "it was left as it is") from exc
    except UnicodeDecodeError:  # SQLite's own message quotes a mangled schema's bytes
        return "无法读取：库结构文本已损坏 / unreadable: the schema's text is mangled"
    finally:
        if conn is not None:
            conn.close()


def rename_aside(path: Path) -> tuple[Path, list[str]]:
    """Rename the store and its side files to NAME.damaged-<time>; (the store's new path, the names kept)."""
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    aside = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 1
    while os.path.lexists(aside):
        n += 1
        aside = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
    os.replace(path, aside)
    kept = [aside.name]
    for suffix in SIDE_FILES:
        side = path.with_name(path.name + suffix)
        if os.path.lexists(side):
            os.replace(side, aside.with_name(aside.name + suffix))
            kept.append(aside.name + suffix)
    return aside, kept


def move_aside(path: Path, reason: str, fresh: bool = True) -> str:
    """Rename the store and its side files to NAME.damaged-<time>; the message for the reviewer (fresh: a new
    store is being started now; else the reviewer runs again to start one)."""
    aside, kept = rename_aside(path)
    return said_aside(reason, aside, kept, fresh)


def said_aside(reason: str, aside: Path, kept: list[str], fresh: bool) -> str:
    return (f"审查库已损坏（{reason}）：原文件已保留为 {aside.parent / kept[0]}"
            + (f"（及 {'、'.join(kept[1:])}）" if kept[1:] else "")
            + ("，以备技术人员恢复；已新建空白审查库，审查须重新开始 / the review store was damaged; it is kept as "
               + f"{aside} and a fresh review was started" if fresh else
               "，以备技术人员恢复；请重新运行以新建空白审查库，审查须重新开始 / the review store was damaged; it is "
               + f"kept as {aside}; run again to start a fresh review"))
