"""The inventory the memo counts (files: paths, sizes, times, forms) carries a seal kept by the database itself.

An sqlite3 edit of files.category changed the memo's counts of each Art. 27 form unnoticed: the table has many
writers (the scan, the image listing, the typing pass, the reviewer's corrections), none of which kept a seal.
Triggers on the table now keep one, in the writer's own transaction: each row's SHA-256 (its sealed columns, as
models.store.records_seal spells a row) is added or taken out of a sum kept in meta. The triggers call a function
only this program defines on its connections, so an edit from a database tool fails outright ("no such
function"); one made after dropping the triggers leaves the sum behind, and the memo refuses to sign
(models.store.audit_guard.require_intact). Like the other seals it has no key.

A store made before this seal (rows, no triggers, no sum) starts it afresh on open from what it holds, and an
audit entry says so: rows edited before that are not caught."""

import hashlib

COLUMNS = ("path", "item", "listed", "kind", "size", "modified_ns", "accessed_ns", "changed_ns", "created_ns",
           "time_source", "deleted", "category", "address", "role")  # what the memo counts and shows of a file
KEY = "seal.files"
FUNCTION = "evidencedesk_files_seal"
ACTION = "seal.start"  # the audit entry of a seal started afresh
MODULUS = 1 << 256
TRIGGERS = ("files_seal_insert", "files_seal_delete", "files_seal_update")


def _hash(row: tuple) -> int:
    return int.from_bytes(hashlib.sha256(repr(row).encode("ascii")).digest(), "big")


_last = ["", 0]  # the hex this process last returned and its number: a scan's next row starts from it


def _step(value, sign, *row) -> str | None:
    """value (hex) with the row's hash added (sign 1) or taken out (-1): the triggers' function."""
    if value == _last[0]:
        total = _last[1]
    else:
        try:
            total = int(value, 16)
        except (TypeError, ValueError):
            return value  # a mangled seal stays mangled: problems() reports it
    total = (total + sign * int.from_bytes(hashlib.sha256(repr(row).encode("ascii")).digest(), "big")) % MODULUS
    _last[0] = text = f"{total:x}"
    _last[1] = total
    return text


def _args(prefix: str) -> str:
    return ", ".join(f"CAST({prefix}{c} AS BLOB)" for c in COLUMNS)  # bytes: a damaged row's text is no error


def _set(value: str) -> str:
    return f"UPDATE meta SET value = {value} WHERE key = '{KEY}';"


_OLD, _NEW = _args("OLD."), _args("NEW.")
_SQL = {
    "files_seal_insert": "AFTER INSERT ON files BEGIN " + _set(f"{FUNCTION}(value, 1, {_NEW})") + " END",
    "files_seal_delete": "AFTER DELETE ON files BEGIN " + _set(f"{FUNCTION}(value, -1, {_OLD})") + " END",
    "files_seal_update": (f"AFTER UPDATE OF {', '.join(COLUMNS)} ON files "
                          f"WHEN {' OR '.join(f'OLD.{c} IS NOT NEW.{c}' for c in COLUMNS)} BEGIN "
                          + _set(f"{FUNCTION}({FUNCTION}(value, -1, {_OLD}), 1, {_NEW})") + " END"),
}


def register(conn) -> None:
    """On every connection to a store, before anything writes the files table."""
    conn.create_function(FUNCTION, -1, _step, deterministic=True)
    conn.execute("PRAGMA trusted_schema = ON")  # the triggers call an application function
    conn.execute("PRAGMA recursive_triggers = ON")  # a row an INSERT OR REPLACE deletes is taken out too


def total(conn) -> int:
    """The sealed columns of every row, summed."""
    rows = conn.execute(f"SELECT {', '.join(f'CAST({c} AS BLOB)' for c in COLUMNS)} FROM files")
    return sum(map(_hash, rows)) % MODULUS


def _stored(conn) -> int | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", [KEY]).fetchone()
    if row is None:
        return None
    try:
        return int(row[0], 16)
    except (TypeError, ValueError):
        return -1


def _triggers(conn) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'files'")}


def install(db) -> int | None:
    """On open, after the migrations: the triggers, and the seal where there is none yet. Returns the number of
    rows sealed afresh when a store from before this seal started it (said in the audit), else None."""
    from models.store import audit

    conn = db.conn
    if _triggers(conn) >= set(TRIGGERS):
        return None
    with audit.transaction(db):
        present = _triggers(conn)
        if present >= set(TRIGGERS):
            return None  # another process installed them meanwhile
        started = None
        if _stored(conn) is None:  # no seal and no triggers: a store from before this seal
            count = conn.execute("SELECT COUNT(*) FROM files").fetchone()[0]
            conn.execute("INSERT INTO meta(key, value) VALUES (?, ?)", [KEY, f"{total(conn):x}"])
            if count:
                audit.append(db, "", ACTION, {"table": "files", "rows": count,
                                              "reason": "审查库早于文件清单封存：按现有内容开始封存 / a store "
                                                        "from before the inventory's seal: sealed as it stands"})
                started = count
        # triggers dropped while the seal stayed: put back, and any edit made meanwhile shows against the seal
        for name in TRIGGERS:
            if name not in present:
                conn.execute(f"CREATE TRIGGER {name} {_SQL[name]}")
    return started


def problems(db) -> list[str]:
    """The files table against its seal (a store without triggers and seal: none, install() starts it)."""
    from models.common.labels import label

    conn = db.conn
    stored = _stored(conn)
    if stored is None and not _triggers(conn):
        return []
    if stored is None or stored != total(conn):
        return [f"{label('table', 'files', 'zh')}在程序之外被改动 / the file inventory changed outside the program"]
    return []
