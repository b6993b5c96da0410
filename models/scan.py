"""The inventory: list every entry of a bundle (stat phase) into the store's files table."""

import time
from dataclasses import dataclass

from models.coverage import Coverage, is_addition
from models.source import FolderSource
from models.timeutil import ns_to_utc_iso

BATCH = 2000
_STAT_COLUMNS = ("item", "listed", "kind", "size", "mode", "modified_ns", "accessed_ns", "changed_ns",
                 "created_ns", "time_source", "link_target", "deleted", "error")
_INSERT = f"INSERT INTO files(path, {', '.join(_STAT_COLUMNS)}) VALUES (?{', ?' * len(_STAT_COLUMNS)})"
_UPSERT = (
    _INSERT + " ON CONFLICT(path) DO UPDATE SET "
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


def _write(store, rows: list, first: bool) -> None:
    with store.db.conn:
        store.db.conn.executemany(_INSERT if first else _UPSERT, rows)


def _remove_vanished(store, seen: set) -> None:
    gone = [(p,) for (p,) in store.db.conn.execute("SELECT path FROM files") if p not in seen]
    with store.db.conn:
        store.db.conn.executemany("DELETE FROM files WHERE path = ?", gone)


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
    first = store.db.conn.execute("SELECT 1 FROM files LIMIT 1").fetchone() is None
    seen: set[str] = set()
    rows = []
    # the inventory can always be listed again: no fsync per batch while scanning (WAL keeps it consistent)
    store.db.conn.execute("PRAGMA synchronous=NORMAL")
    try:
        for entry in source.entries(cancel=cancel):
            row = _row(entry, coverage)
            rows.append(row)
            seen.add(entry.path)
            _count(summary, entry, bool(row[2]))
            if len(rows) >= BATCH:
                _write(store, rows, first)
                rows = []
                if progress:
                    progress(summary.files, None, summary.bytes, None)
        _write(store, rows, first)
        if not first:
            _remove_vanished(store, seen)
    finally:
        store.db.conn.execute("PRAGMA synchronous=FULL")
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
