"""The inventory: list every entry of a bundle (stat phase) into the store's files table."""

import time
from dataclasses import dataclass

from models.coverage import Coverage, is_addition
from models.source import FolderSource
from models.timeutil import ns_to_utc_iso

BATCH = 2000
_STAT_COLUMNS = ("item", "listed", "kind", "size", "mode", "modified_ns", "accessed_ns", "changed_ns",
                 "created_ns", "time_source", "link_target", "deleted", "error")
_UPSERT = (
    f"INSERT INTO files(path, {', '.join(_STAT_COLUMNS)}) VALUES (?{', ?' * len(_STAT_COLUMNS)}) "
    "ON CONFLICT(path) DO UPDATE SET "
    # a changed file loses its type and EXIF so the typing pass reads it again
    "mime = CASE WHEN files.size IS excluded.size AND files.modified_ns IS excluded.modified_ns "
    "THEN files.mime ELSE NULL END, "
    + ", ".join(f"{c} = excluded.{c}" for c in _STAT_COLUMNS)
)


@dataclass
class ScanSummary:
    files: int = 0
    bytes: int = 0
    errors: int = 0
    links: int = 0
    additions: int = 0
    seconds: float = 0.0


def _row(entry, coverage: Coverage) -> tuple:
    item, listed = coverage.locate(entry.path)
    return (entry.path, item, int(listed), entry.kind, entry.size, entry.mode, entry.modified_ns,
            entry.accessed_ns, entry.changed_ns, entry.created_ns, "filesystem", entry.link_target,
            int(entry.deleted), entry.error)


def _write(store, rows: list) -> None:
    with store.db.conn:
        store.db.conn.executemany(_UPSERT, rows)
        store.db.conn.executemany("INSERT OR IGNORE INTO temp.seen(path) VALUES (?)", [(r[0],) for r in rows])


def _count(summary: ScanSummary, entry, listed: bool) -> None:
    summary.files += 1
    summary.bytes += (entry.size or 0) if entry.kind == "file" else 0
    summary.errors += entry.error is not None
    summary.links += entry.kind == "link"
    summary.additions += is_addition(entry.path, listed)


def scan_bundle(bundle, store, progress=None, cancel=None, source=None) -> ScanSummary:
    """Stat every entry (never reading content) and upsert it; entries gone since the last scan are removed."""
    started = time.monotonic()
    source = source or FolderSource(bundle.root)
    coverage = Coverage(bundle)
    summary = ScanSummary()
    store.db.execute("CREATE TEMP TABLE IF NOT EXISTS seen (path TEXT PRIMARY KEY)")
    store.db.execute("DELETE FROM temp.seen")
    rows = []
    for entry in source.entries(cancel=cancel):
        row = _row(entry, coverage)
        rows.append(row)
        _count(summary, entry, bool(row[2]))
        if len(rows) >= BATCH:
            _write(store, rows)
            rows = []
            if progress:
                progress(summary.files, None, summary.bytes, None)
    _write(store, rows)
    with store.db.conn:
        store.db.execute("DELETE FROM files WHERE path NOT IN (SELECT path FROM temp.seen)")
    summary.seconds = time.monotonic() - started
    store.set_meta("scanned_at", ns_to_utc_iso(time.time_ns()))
    if progress:
        progress(summary.files, summary.files, summary.bytes, summary.bytes)
    return summary


FILE_COLUMNS = ("id", "path", "item", "listed", "kind", "size", "modified_ns", "accessed_ns", "changed_ns",
                "created_ns", "time_source", "link_target", "deleted", "error", "mime", "category",
                "extension_mismatch", "exif_json", "type_error")


def iter_file_records(store, item: str | None = None, prefix: str | None = None):
    """File records (dicts) in path order, streamed from the store."""
    sql = f"SELECT {', '.join(FILE_COLUMNS)} FROM files"
    where, params = [], []
    if item is not None:
        where.append("item = ?")
        params.append(item)
    if prefix:
        where.append("path >= ? AND path < ?")
        params += [prefix + "/", prefix + "0"]
    if where:
        sql += " WHERE " + " AND ".join(where)
    cursor = store.db.conn.execute(sql + " ORDER BY path", params)
    for row in cursor:
        yield dict(zip(FILE_COLUMNS, row))
