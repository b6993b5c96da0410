"""The timeline as a table of the review store: built from files and the manifest in a worker, read in pages.

One row per instant (`timeline`, schema version 2). File rows point at their file (path and type are read
through the join, so the typing pass's types need no copy); manifest rows carry their own path and field.
The index on the time makes the time order free: a page is `ORDER BY at_utc_ns, id LIMIT n` after the last
key shown, filters are WHERE clauses, counts and the density histogram are single queries (GROUP BY bucket).
On 1M files (3M times) the table is built in ~6 s (bench_timeline.py); a first page takes ~2 ms.
"""

import json
import sqlite3

from models.timeline.timeline import EXIF_TIMES, FILE_TIMES, manifest_records

FROM = "timeline t LEFT JOIN files f ON f.id = t.file_id"
PATH_SQL = "COALESCE(t.path, f.path)"
MIME_SQL = "COALESCE(f.mime, '')"
# what a page reads for each row: (id, ns, kind, source, item, path, type, zone_known, label)
ROW_SQL = f"t.id, t.at_utc_ns, t.kind, t.source, t.item, {PATH_SQL}, {MIME_SQL}, t.zone_known, COALESCE(t.label, '')"
FINGERPRINT_KEY = "timeline_fingerprint"
ORDER_META = "timeline_order_"  # meta key prefix: the timeline fingerprint an order table was made from
SUMMARY_KEY = "timeline_summary"  # how many times, their span, the filter lists: read again on reopening
_FS_SOURCE = "COALESCE(time_source, 'filesystem')"
_FS_KNOWN = "instr(COALESCE(time_source, ''), 'local') = 0 AND instr(COALESCE(time_source, ''), 'unread') = 0"
MEMORY_SCHEMA = """
CREATE TABLE files (id INTEGER PRIMARY KEY, path TEXT UNIQUE, mime TEXT, kind TEXT DEFAULT 'file');
CREATE TABLE timeline (
    id INTEGER PRIMARY KEY, at_utc_ns INTEGER NOT NULL, kind TEXT NOT NULL, source TEXT NOT NULL,
    zone_known INTEGER NOT NULL, item TEXT, file_id INTEGER, path TEXT, label TEXT);
CREATE INDEX timeline_at ON timeline(at_utc_ns);
CREATE INDEX timeline_kind_at ON timeline(kind, at_utc_ns);
"""


def fingerprint(conn: sqlite3.Connection, bundle) -> str:
    """What the table is made of: the file rows' times, types and EXIF (one pass over files) and
    the manifest and zone. The same fingerprint: the table is still right and is not built again."""
    # integer sums of the times modulo a prime (a float total loses a change of a few ns at 1.8e18; a plain
    # sum would overflow): any moved time, type or EXIF changes one of them
    sums = ", ".join(f"sum({c} % 2147483647)" for c in ("modified_ns", "accessed_ns", "changed_ns", "created_ns",
                                                          "id * length(COALESCE(exif_json, ''))",
                                                          "id * length(COALESCE(time_source, ''))",
                                                          "id * length(COALESCE(mime, ''))", "id * length(item)"))
    row = conn.execute(f"SELECT count(*), max(id), {sums}, count(exif_json) FROM files WHERE kind = 'file'").fetchone()
    return "|".join(map(str, (*row, getattr(bundle, "digest", ""), bundle.timezone)))


CHUNK_FILES = 250_000  # files per write transaction: the write lock is let go often for others


def build_timeline(conn: sqlite3.Connection, bundle, progress=None, cancel=None, force: bool = False) -> bool:
    """Fill the timeline table from files and the manifest. False when the fingerprint says it is already up to
    date (nothing written). Written in short transactions (a verify saving its results waits for the lock at
    most one of them, not the whole build), the fingerprint last: a build that is stopped halfway is
    done again next time. Whoever shows the table shows it after this returns."""
    stamp = fingerprint(conn, bundle)
    found = conn.execute("SELECT value FROM meta WHERE key = ?", [FINGERPRINT_KEY]).fetchone()
    if not force and found and found[0] == stamp:
        return False
    steps = [(kind, column, _FS_SOURCE, _FS_KNOWN) for kind, column in FILE_TIMES.items()]
    steps += [(kind, f"json_extract(exif_json, '$.{ns}')", "'exif'",
               f"COALESCE(json_extract(exif_json, '$.{known}'), 0) != 0") for kind, (ns, known) in EXIF_TIMES.items()]
    low, high = conn.execute("SELECT COALESCE(min(id), 0), COALESCE(max(id), -1) FROM files").fetchone()
    chunks = [(start, start + CHUNK_FILES) for start in range(low, high + 1, CHUNK_FILES)]
    total, done = len(steps) * len(chunks) + 2, 0
    with conn:
        conn.execute("DELETE FROM meta WHERE key IN (?, ?)", [FINGERPRINT_KEY, SUMMARY_KEY])
        drop_order_tables(conn)  # made from the rows about to go
        conn.execute("DROP INDEX IF EXISTS timeline_at")  # filled bare, then indexed once: faster
        conn.execute("DROP INDEX IF EXISTS timeline_kind_at")
        conn.execute("DELETE FROM timeline")
    for kind, value, source, known in steps:
        exif = " AND exif_json IS NOT NULL" if source == "'exif'" else ""
        for start, end in chunks:
            if cancel is not None and cancel.is_set():
                raise InterruptedError("cancelled")
            with conn:
                conn.execute(f"INSERT INTO timeline(at_utc_ns, kind, source, zone_known, item, file_id) "
                             f"SELECT v, ?, s, k, item, id FROM (SELECT {value} AS v, {source} AS s, {known} AS k, "
                             f"item, id FROM files WHERE id >= ? AND id < ? AND kind = 'file'{exif}) "
                             "WHERE v IS NOT NULL", [kind, start, end])
            done += 1
            if progress:
                progress(done, total, 0, 0)
    with conn:
        conn.executemany("INSERT INTO timeline(at_utc_ns, kind, source, zone_known, item, path, label) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?)",
                         [(r.at_utc_ns, r.kind_of_time, r.source, int(r.zone_known), r.item, r.path, r.label)
                          for r in manifest_records(bundle)])
        conn.execute("CREATE INDEX timeline_at ON timeline(at_utc_ns)")
    if progress:
        progress(total - 1, total, 0, 0)
    with conn:
        conn.execute("CREATE INDEX timeline_kind_at ON timeline(kind, at_utc_ns)")
        summary = {"all_count": count(conn), "span": span(conn),
                   "values": {column: distinct_values(conn, column) for column in ("item", "kind", "source", "type")}}
        conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", [SUMMARY_KEY, json.dumps(summary)])
        conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", [FINGERPRINT_KEY, stamp])
    if progress:
        progress(total, total, 0, 0)
    return True


def summary(conn: sqlite3.Connection) -> dict:
    """{all_count, span, values: {item, kind, source, type}} of the table as build_timeline left it (counted
    again when the store has none): seconds of counting on a million files, once per build, not per opening."""
    found = conn.execute("SELECT value FROM meta WHERE key = ?", [SUMMARY_KEY]).fetchone()
    if found:
        data = json.loads(found[0])
        data["span"] = tuple(data["span"]) if data["span"] else None
        return data
    return {"all_count": count(conn), "span": span(conn),
            "values": {column: distinct_values(conn, column) for column in ("item", "kind", "source", "type")}}


def rows_by_id(conn, ids: list[int]) -> list[list]:
    """The ROW_SQL of these timeline rows, in no promised order, read as one JSON text: Python's sqlite3 lets the
    GIL go at each row's step and waits for it again, behind any thread running Python (models/store/page_rows.py)."""
    if not ids:
        return []
    sql = f"SELECT json_group_array(json_array({ROW_SQL})) FROM {FROM} WHERE t.id IN ({','.join('?' * len(ids))})"
    return json.loads(conn.execute(sql, ids).fetchone()[0])


def memory_timeline(rows) -> sqlite3.Connection:
    """An in-memory database of the same shape holding these normalised rows (ns, kind, source, item, path, type,
    zone_known, label): small record lists (tests, a bundle without a store) are shown by the same queries."""
    conn = sqlite3.connect(":memory:", check_same_thread=False)
    conn.executescript(MEMORY_SCHEMA)
    ids: dict[str, int] = {}
    values = []
    for ns, kind, source, item, path, mime, known, label in rows:
        file_id = None
        if path is not None:
            file_id = ids.get(path)
            if file_id is None:
                file_id = ids[path] = len(ids) + 1
                conn.execute("INSERT INTO files(id, path, mime) VALUES (?, ?, ?)", [file_id, path, mime or None])
        values.append((ns, kind, source, int(bool(known)), item, file_id, label or None))
    conn.executemany("INSERT INTO timeline(at_utc_ns, kind, source, zone_known, item, file_id, label) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?)", values)
    conn.commit()
    return conn


def where_clause(filters: dict) -> tuple[str, list]:
    """SQL condition (without WHERE; '' for none) and its parameters for the filters a view offers: start_ns
    (inclusive), end_ns (exclusive), item, kind, source, file_type (a type, or a prefix ending in '/'), text (a
    path substring)."""
    where, params = [], []
    if filters.get("start_ns") is not None:
        where.append("t.at_utc_ns >= ?")
        params.append(int(filters["start_ns"]))
    if filters.get("end_ns") is not None:
        where.append("t.at_utc_ns < ?")
        params.append(int(filters["end_ns"]))
    for key, column in (("item", "t.item"), ("kind", "t.kind"), ("source", "t.source")):
        if filters.get(key) is not None:
            where.append(f"{column} = ?")
            params.append(filters[key])
    file_type = filters.get("file_type")
    if file_type:
        if file_type.endswith("/"):
            where.append("substr(f.mime, 1, ?) = ?")
            params += [len(file_type), file_type]
        else:
            where.append("f.mime = ?")
            params.append(file_type)
    if filters.get("text"):
        escaped = filters["text"].replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        where.append(f"{PATH_SQL} LIKE ? ESCAPE '\\'")
        params.append(f"%{escaped}%")
    return " AND ".join(where), params


def _where(where: str) -> str:
    return f" WHERE {where}" if where else ""


def count(conn, where: str = "", params=()) -> int:
    return conn.execute(f"SELECT COUNT(*) FROM {FROM}{_where(where)}", list(params)).fetchone()[0]


def span(conn, where: str = "", params=()) -> tuple[int, int] | None:
    """(earliest, latest) UTC ns under the filter: two index look-ups in time order."""
    low = conn.execute(f"SELECT t.at_utc_ns FROM {FROM}{_where(where)} ORDER BY t.at_utc_ns LIMIT 1",
                       list(params)).fetchone()
    if low is None:
        return None
    high = conn.execute(f"SELECT t.at_utc_ns FROM {FROM}{_where(where)} ORDER BY t.at_utc_ns DESC LIMIT 1",
                        list(params)).fetchone()
    return low[0], high[0]


def histogram(conn, where: str = "", params=(), bins: int = 100) -> tuple[int, int, list[int]] | None:
    """(start, end, counts of `bins` equal-width bins over [start, end]) of the times under the filter, one
    GROUP BY query; None when there is none."""
    found = span(conn, where, params)
    if found is None:
        return None
    low, high = found
    bins = max(1, bins)
    step = (high - low) // bins + 1  # bins * step > high - low: the latest time falls in the last bin
    counts = [0] * bins
    sql = f"SELECT (t.at_utc_ns - ?) / ?, COUNT(*) FROM {FROM}{_where(where)} GROUP BY 1"
    for bucket, number in conn.execute(sql, [low, step, *params]):
        counts[min(max(int(bucket), 0), bins - 1)] += number
    return low, high, counts


def distinct_values(conn, column: str) -> list:
    """Distinct values of item, kind, source or type over the whole timeline (for the filter lists)."""
    if column == "type":
        return sorted(v for (v,) in conn.execute("SELECT DISTINCT mime FROM files WHERE kind = 'file' "
                                                 "AND mime IS NOT NULL AND mime != ''"))
    expr = {"item": "item", "kind": "kind", "source": "source"}[column]
    return sorted(v for (v,) in conn.execute(f"SELECT DISTINCT {expr} FROM timeline WHERE {expr} IS NOT NULL "
                                             f"AND {expr} != ''"))


def drop_order_tables(conn) -> None:
    """Every order table (the timeline is built again: their ids are no longer its rows)."""
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE "
                                "'timeline\\_order\\_%' ESCAPE '\\'").fetchall():
        conn.execute(f"DROP TABLE IF EXISTS {name}")
    conn.execute("DELETE FROM meta WHERE key LIKE ?", [ORDER_META + "%"])
