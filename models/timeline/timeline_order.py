"""The orders the 时间线 shows its rows in, and its rows read in one of them a batch at a time, on any connection.

A batch is the next ids after the last key read (keyset paging): in time order the index on the time gives them,
in the order of another column on a large timeline a table made for that order (`timeline_order_<key>`: pos ->
id, built once in a worker, dropped when the timeline is built again) gives them by pos; on a small one SQLite
sorts. The ids come back as one row of hex text: Python's sqlite3 lets the GIL go at each row's step, so 10,000
rows read by a worker while the GUI thread painted passed the interpreter back and forth 10,000 times.
"""

import sqlite3
import sys
from array import array
from dataclasses import dataclass

from models.timeline.timeline_store import FINGERPRINT_KEY, FROM, MIME_SQL, ORDER_META, PATH_SQL

# the sort key of each column after the time: an SQL expression over `t` (timeline) and `f` (files)
SORT_EXPR = {"time": None, "kind": "t.kind", "source": "t.source", "item": "COALESCE(t.item, '')",
             "path": f"COALESCE({PATH_SQL}, '')", "type": MIME_SQL, "zone": "t.zone_known"}
INDEXED = {"time", "kind"}  # orders the table's own indexes give (timeline_at, timeline_kind_at)
ORDER_FROM = 20_000  # times from which another order is read from its own table, made in a worker
CHUNK = 50_000  # ids a worker reads at once when it reads many (locate)
STEP = 10_000  # SQLite virtual machine steps between two calls of the progress handler
STEPS_PER_ROW = 24  # SQLite steps the sort and the insert of a row take (path 26, type 24, source 18)
_SWAP = sys.byteorder == "little"


@dataclass(frozen=True)
class Order:
    """key: a SORT_EXPR key; descending; table: read by pos from the order table (else the index or a sort)."""

    key: str = "time"
    descending: bool = False
    table: bool = False

    @property
    def direction(self) -> str:
        return "DESC" if self.descending else "ASC"


TIME_ORDER = Order()


def order_table(key: str) -> str:
    return f"timeline_order_{key}"


def needs_table(key: str, all_count: int) -> bool:
    """True when this order on a timeline of this many times is read from its own table."""
    return key not in INDEXED and key in SORT_EXPR and all_count >= ORDER_FROM


def has_order_table(conn, key: str) -> bool:
    """The order table of this key exists and was made from the timeline as it is now (never in a database
    without the store's meta table, such as the in-memory one of a list of records)."""
    try:
        found = conn.execute("SELECT (SELECT value FROM meta WHERE key = ?) = (SELECT value FROM meta WHERE key = ?)",
                             [ORDER_META + key, FINGERPRINT_KEY]).fetchone()
    except sqlite3.OperationalError:
        return False
    return bool(found and found[0])


def build_order_table(conn: sqlite3.Connection, key: str, progress=None, cancel=None) -> None:
    """Write the timeline's ids in the order of `key` (then time, then id) into its order table (pos 1, 2, ...):
    one sort by SQLite (long on millions of times: run it in a worker). progress(done, total) with a count of
    SQLite's steps against an estimate; a set cancel stops it (InterruptedError) and leaves no table behind."""
    table, expr = order_table(key), SORT_EXPR[key]
    total = max(1, conn.execute("SELECT COUNT(*) FROM timeline").fetchone()[0] * STEPS_PER_ROW // STEP)
    steps = [0]

    def tick():
        steps[0] += 1
        if progress is not None:
            progress(min(steps[0], total - 1), total, 0, 0)
        return 1 if cancel is not None and cancel.is_set() else 0

    conn.set_progress_handler(tick, STEP)
    try:
        with conn:
            conn.execute("DELETE FROM meta WHERE key = ?", [ORDER_META + key])
            conn.execute(f"DROP TABLE IF EXISTS {table}")
            conn.execute(f"CREATE TABLE {table} (pos INTEGER PRIMARY KEY, id INTEGER NOT NULL)")
            conn.execute(f"INSERT INTO {table}(id) SELECT t.id FROM {FROM} ORDER BY {expr}, t.at_utc_ns, t.id")
            conn.execute("INSERT OR REPLACE INTO meta(key, value) SELECT ?, value FROM meta WHERE key = ?",
                         [ORDER_META + key, FINGERPRINT_KEY])
    except sqlite3.OperationalError as exc:
        if cancel is not None and cancel.is_set():
            raise InterruptedError("cancelled") from exc
        raise
    finally:
        conn.set_progress_handler(None, 0)
    if progress is not None:
        progress(total, total, 0, 0)


# --- reading in an order --------------------------------------------------------------------------------------
def _keys(order: Order) -> list[str]:
    """The keyset's columns: the last row read is the last of these values."""
    if order.table:
        return ["o.pos"]
    expr = SORT_EXPR[order.key]
    return ["t.at_utc_ns", "t.id"] if expr is None else [expr, "t.at_utc_ns", "t.id"]


def _source(order: Order, where: str) -> str:
    if not order.table:
        return FROM
    if not where:
        return f"{order_table(order.key)} o"
    return f"{order_table(order.key)} o CROSS JOIN timeline t ON t.id = o.id LEFT JOIN files f ON f.id = t.file_id"


def _page_sql(order: Order, where: str, params: list, after: tuple | None, what: str) -> tuple[str, list]:
    """SELECT what FROM ... the rows after `after` in this order (no LIMIT)."""
    keys = _keys(order)
    conditions, values = ([where] if where else []), list(params)
    if after is not None:
        op = "<" if order.descending else ">"
        conditions.append(f"({', '.join(keys)}) {op} ({', '.join('?' * len(after))})" if len(keys) > 1
                          else f"{keys[0]} {op} ?")
        values += list(after)
    sql = (f"SELECT {what} FROM {_source(order, where)}" + (f" WHERE {' AND '.join(conditions)}" if conditions else "")
           + " ORDER BY " + ", ".join(f"{k} {order.direction}" for k in keys))
    return sql, values


def _id_column(order: Order) -> str:
    return "o.id" if order.table else "t.id"


def next_ids(conn, where: str, params: list, order: Order, after: tuple | None,
             limit: int) -> tuple[array, tuple | None]:
    """(the ids of the next `limit` rows after the key `after` under the filter, the key of the last of them)."""
    key = "o.pos" if order.table else "NULL"
    inner, values = _page_sql(order, where, params, after, f"{_id_column(order)} AS id, {key} AS k")
    last = "max(k)" if not order.descending else "min(k)"
    text, last_pos = conn.execute(f"SELECT group_concat(printf('%016x', id), ''), {last} FROM ({inner} LIMIT ?)",
                                  values + [limit]).fetchone()
    ids = array("q")
    if not text:
        return ids, None
    ids.frombytes(bytes.fromhex(text))
    if _SWAP:
        ids.byteswap()
    return ids, ((last_pos,) if order.table else key_of(conn, order, ids[-1]))


def key_of(conn, order: Order, row_id: int) -> tuple | None:
    """The keyset key of one timeline row (not for order tables: a pos is found by a scan, see locate)."""
    keys = _keys(order)
    found = conn.execute(f"SELECT {', '.join(keys)} FROM {FROM} WHERE t.id = ?", [row_id]).fetchone()
    return tuple(found) if found else None


def count_before(conn, where: str, params: list, order: Order, key: tuple) -> int:
    """How many rows under the filter come before the row of this key in this order."""
    keys = _keys(order)
    op = ">" if order.descending else "<"
    condition = f"({', '.join(keys)}) {op} ({', '.join('?' * len(key))})" if len(keys) > 1 else f"{keys[0]} {op} ?"
    conditions = ([where] if where else []) + [condition]
    return conn.execute(f"SELECT COUNT(*) FROM {_source(order, where)} WHERE "
                        f"{' AND '.join(conditions)}", list(params) + list(key)).fetchone()[0]


def find_key(conn, where: str, params: list, order: Order, path: str, ns: int | None = None) -> tuple | None:
    """The key of the first row of this path (at this instant) under the filter in this order; None when the
    filter hides it. Without an instant every row of the timeline is looked at (no index on the path)."""
    conditions = [f"{PATH_SQL} = ?"] + ([where] if where else [])
    values = [path, *params]
    if ns is not None:
        conditions.append("t.at_utc_ns = ?")
        values.append(ns)
    if not order.table:
        keys = _keys(order)
        found = conn.execute(f"SELECT {', '.join(keys)} FROM {FROM} WHERE {' AND '.join(conditions)} ORDER BY "
                             + ", ".join(f"{k} {order.direction}" for k in keys) + " LIMIT 1", values).fetchone()
        return tuple(found) if found else None
    ids = [i for (i,) in conn.execute(f"SELECT t.id FROM {FROM} WHERE {' AND '.join(conditions)}", values)]
    if not ids:
        return None
    pick = "max" if order.descending else "min"
    found = conn.execute(f"SELECT {pick}(pos) FROM {order_table(order.key)} WHERE id IN "
                         f"({', '.join('?' * len(ids))})", ids).fetchone()  # a scan of the order: in a worker
    return (found[0],) if found and found[0] is not None else None


def read_ids(conn, where: str, params: list, order: Order, after: tuple | None, count: int,
             cancel=None) -> tuple[array, tuple | None]:
    """The ids of the next `count` rows after `after` (read CHUNK at a time), and the key of the last."""
    ids, last = array("q"), after
    while len(ids) < count:
        if cancel is not None and cancel.is_set():
            raise InterruptedError("cancelled")
        chunk, key = next_ids(conn, where, params, order, last, min(CHUNK, count - len(ids)))
        if not chunk:
            break
        ids.extend(chunk)
        last = key
    return ids, last


def locate(conn, where: str, params: list, order: Order, path: str, ns: int | None, have: int,
           after: tuple | None, cancel=None) -> tuple[int, array, tuple | None] | None:
    """Where the first row of this path (at this instant) is under the filter in this order: (its row, the ids
    of the rows after the `have` rows already read (whose last key is `after`) up to it, the key of the last of
    them); None when the filter hides it. Counts and reads up to millions of rows: run it in a worker."""
    key = find_key(conn, where, params, order, path, ns)
    if key is None:
        return None
    row = count_before(conn, where, params, order, key)
    if row < have:
        return row, array("q"), after
    ids, last = read_ids(conn, where, params, order, after, row + 1 - have, cancel)
    return row, ids, last


def read_connection(path) -> sqlite3.Connection:
    """A read-only connection to a store for a worker that pages its timeline (closed by the caller)."""
    from pathlib import Path

    return sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
