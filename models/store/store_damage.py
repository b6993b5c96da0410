"""A damaged review store is kept aside, never reused nor silently replaced.

On open (models.store.store.open_store) the file gets SQLite's `PRAGMA quick_check`. A store that fails it, that is
not a database at all, or that is empty where a store was expected (0 bytes), is renamed with its WAL and
shared-memory files to NAME.damaged-<UTC time> beside it, and a fresh store is started; the message says what
was kept and where, for the reviewer (a stderr line, a message box in the window)."""

import os
import sqlite3
import time
from pathlib import Path

SIDE_FILES = ("-wal", "-shm", ".audit-head")  # moved along with the store


def damage(path: Path) -> str | None:
    """Why the store file at path cannot be trusted (None when it checks out, or does not exist yet)."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return None
    if size == 0:
        return "空文件（0 字节） / empty file (0 bytes)"
    if not os.access(path, os.R_OK | os.W_OK):
        raise PermissionError(13, "无权读写审查库 / no permission to read and write the review store", str(path))
    conn = None
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True)
        rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        return f"无法读取 / unreadable: {exc}"
    finally:
        if conn is not None:
            conn.close()
    problems = [r[0] for r in rows if r and r[0] != "ok"]
    if problems:
        return f"完整性检查失败 / quick_check failed: {problems[0]}" + (f"（另 {len(problems) - 1} 处）"
                                                                    if len(problems) > 1 else "")
    return None


def move_aside(path: Path, reason: str) -> str:
    """Rename the store and its side files to NAME.damaged-<time>; the message for the reviewer."""
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    aside = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 1
    while aside.exists():
        n += 1
        aside = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
    os.replace(path, aside)
    kept = [aside.name]
    for suffix in SIDE_FILES:
        side = path.with_name(path.name + suffix)
        if side.exists():
            os.replace(side, aside.with_name(aside.name + suffix))
            kept.append(aside.name + suffix)
    return (f"审查库已损坏（{reason}）：原文件已保留为 {aside.parent / kept[0]}"
            + (f"（及 {'、'.join(kept[1:])}）" if kept[1:] else "")
            + "，以备技术人员恢复；已新建空白审查库，审查须重新开始 / the review store was damaged; it is kept as "
            + f"{aside} and a fresh review was started")
