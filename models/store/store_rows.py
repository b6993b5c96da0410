"""Text in a store's rows that is not UTF-8 (a few bytes overwritten) passes `PRAGMA quick_check` yet stops
the first read of that row ("Could not decode to UTF-8 column ..."). It is looked for when that error is
raised, not on every open (a store of a million files must open fast): a pass over the store's text confirms
it, and the store is then kept aside like any damaged one (models.store.guards.store_damage). So too a store that
SQLite finds malformed mid-command (an index that quick_check does not compare with its table), confirmed by
the full `PRAGMA integrity_check`."""

import re
import sqlite3
from pathlib import Path

from models.store.guards import store_damage

_DECODE = "Could not decode to UTF-8"
_COLUMN = re.compile(r"column '([^']*)'")
_CORRUPT = 11  # SQLITE_CORRUPT
_MALFORMED = "database disk image is malformed"


def _chain(exc: BaseException | None):
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__


def is_decode_failure(exc: BaseException) -> bool:
    return any(isinstance(e, UnicodeDecodeError) or isinstance(e, sqlite3.DatabaseError) and _DECODE in str(e)
               for e in _chain(exc))


def is_malformed(exc: BaseException) -> bool:
    return any(isinstance(e, sqlite3.DatabaseError) and ((getattr(e, "sqlite_errorcode", 0) or 0) & 0xFF == _CORRUPT
                                                          or _MALFORMED in str(e))  # from a helper: code lost
               for e in _chain(exc))


def integrity_problem(path: Path) -> str | None:
    """The first problem the full integrity check finds in the store at path (None when it checks out)."""
    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    conn.text_factory = lambda data: data.decode("utf-8", "replace")
    try:
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check(5)") if r and r[0] != "ok"]
    finally:
        conn.close()
    return f"完整性检查失败 / integrity_check failed: {problems[0]}" if problems else None


def undecodable_at(path: Path, only: str | None = None) -> tuple[str, str] | None:
    """(table, column) of the first text in the store at path that is not UTF-8 (None when all of it decodes);
    only: the columns of that name alone (the one sqlite3's error named)."""
    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    conn.text_factory = bytes  # every TEXT value as its bytes; typeof() tells them from BLOBs
    try:
        tables = [r[0].decode("utf-8", "replace") for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        for table in tables:
            columns = [r[1].decode("utf-8", "replace") for r in conn.execute(f'PRAGMA table_info("{table}")')]
            columns = [c for c in columns if only is None or c == only]
            if not columns:
                continue
            listed = ", ".join(f'typeof("{c}"), "{c}"' for c in columns)
            for row in conn.execute(f'SELECT {listed} FROM "{table}"'):
                for n, column in enumerate(columns):
                    if row[2 * n] == b"text":
                        try:
                            row[2 * n + 1].decode("utf-8")
                        except UnicodeDecodeError:
                            return table, column
    finally:
        conn.close()
    return None


def undecodable(path: Path) -> str | None:
    """Where the store at path holds text that is not UTF-8 (None when all of it decodes)."""
    found = undecodable_at(path)
    if found is None:
        return None
    table, column = found
    return f"表 {table} 列 {column} 的文字无法解码 / text in {table}.{column} is not UTF-8"


def damage_met(exc: BaseException | None, path: Path) -> tuple[str, str | None] | None:
    """(why the store at path is damaged, the table whose text does not decode or None), when exc (None: text
    that did not decode, met without an error) is the kind of failure a damaged store raises and the file
    confirms it; None otherwise (an evidence database's text, a store that reads well now)."""
    if not Path(path).is_file():
        return None
    try:
        if exc is None or is_decode_failure(exc):
            found = undecodable_at(path, _named_column(exc))
            if found is None:
                return None
            return f"表 {found[0]} 列 {found[1]} 的文字无法解码 / text in {found[0]}.{found[1]} is not UTF-8", found[0]
        problem = integrity_problem(path) if is_malformed(exc) else None
        return (problem, None) if problem else None
    except sqlite3.DatabaseError:
        return None  # not readable now: the caller's message for the error stands


def _named_column(exc: BaseException | None) -> str | None:
    """The column sqlite3's decode error names: only it is looked through (a store of a million files is not
    read whole on the window's thread for an evidence database's text)."""
    for e in _chain(exc):
        found = _COLUMN.search(str(e)) if _DECODE in str(e) else None
        if found:
            return found.group(1)
    return None


def set_aside(path: Path, reason: str) -> tuple[Path, list[str]]:
    """Close this process's connections to the store at path, keep it aside with its side files; (the store's
    new path, the names kept)."""
    from models.store.store import open_stores

    for store in open_stores():
        if store.path == path:
            store.close()  # rolled back; SQLite must not write to the file once it is moved
    return store_damage.rename_aside(path)


def tolerant(conn, on_damage) -> None:
    """Text read on conn that is not UTF-8 comes back with U+FFFD in place of its bad bytes, and on_damage() is
    called once: the window reads the store inside Qt's virtual methods (a model's data(), a tab's showEvent),
    where the exception sqlite3 raised crashed PySide (a segmentation fault in shiboken) before anyone was told."""
    said = []

    def text(data: bytes) -> str:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            if not said:
                said.append(True)
                on_damage()
            return data.decode("utf-8", "replace")
    conn.text_factory = text


def set_aside_if_undecodable(exc: BaseException) -> str | None:
    """When exc is a failure to decode a store's text (or SQLite found a file malformed): close this process's
    stores, keep aside those whose text does not decode (or that fail the integrity check); the message for
    the reviewer (None when exc is something else or no store holds it)."""
    check = undecodable if is_decode_failure(exc) else integrity_problem if is_malformed(exc) else None
    if check is None:
        return None
    from models.store.store import open_stores

    stores = open_stores()
    said = []
    for path in dict.fromkeys(store.path for store in stores):
        for store in stores:
            if store.path == path:
                store.close()  # rolled back; SQLite must not write to the file once it is moved
        try:
            reason = check(path)
        except sqlite3.DatabaseError:
            continue  # not readable now: main.py's database message stands
        if reason:
            said.append(store_damage.move_aside(path, reason, fresh=False))
    return "\n".join(said) or None
