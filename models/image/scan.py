"""The inventory of a disk image opened on its own: its entries written to the files table like a folder's,
with the deleted flag, TSK address, role and stream; the image's own description kept in the store's meta."""

import json
import time

from models.bundle.coverage import Coverage
from models.common.timeutil import ns_to_utc_iso
from models.image.source import ImageSource
from models.image.walk_guard import guarded_folders
from models.runtime.jobs import Cancelled

BATCH = 2000
IMAGE_META = "image_json"
_COLUMNS = ("path", "item", "listed", "kind", "size", "mode", "modified_ns", "accessed_ns", "changed_ns", "created_ns",
            "link_target", "error", "deleted", "time_source", "address", "role", "stream_of")
_INSERT = f"INSERT INTO files({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})"
_UPSERT = (f"INSERT INTO files({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))}) "
           "ON CONFLICT(path) DO UPDATE SET "
           "mime = CASE WHEN files.size IS excluded.size AND files.address IS excluded.address "
           "THEN files.mime ELSE NULL END, " + ", ".join(f"{c} = excluded.{c}" for c in _COLUMNS[1:]))


def open_source(bundle) -> ImageSource:
    return ImageSource(bundle.image, bundle.timezone)


def image_info(store) -> dict | None:
    """The {"image": ...} description saved by the last scan (None before one)."""
    text = store.meta(IMAGE_META)
    return json.loads(text) if text else None


def _rows(entries, locate) -> list[tuple]:
    rows = []
    for e in entries:
        item, listed = locate(e.path)
        rows.append((e.path, item, 1 if listed else 0, e.kind, e.size, e.mode, e.modified_ns, e.accessed_ns,
                     e.changed_ns, e.created_ns, e.link_target, e.error, 1 if e.deleted else 0, e.time_source,
                     e.address, e.role, e.stream_of))
    return rows


def scan_image(bundle, store, progress=None, cancel=None):
    """List every partition's file system into the store; entries gone since the last scan are removed."""
    from models.inventory.scan_summary import ScanSummary

    started = time.monotonic()
    summary = ScanSummary()
    source = open_source(bundle)
    conn = store.db.conn
    seen: set[str] = set()
    known = {path for path, in conn.execute("SELECT path FROM files")}
    locate = Coverage(bundle).locate
    statement = _UPSERT if known else _INSERT  # a first scan: nothing to update
    try:
        store.set_meta(IMAGE_META, json.dumps(source.info(), ensure_ascii=False))
        conn.execute("PRAGMA synchronous=NORMAL")
        pending = []
        try:
            for found in guarded_folders(source, cancel):  # TSK stalled by a damaged inode: stopped, said
                pending += _rows(found, locate)
                for e in found:
                    seen.add(e.path)
                    summary.files += 1
                    if e.kind == "file" and e.role is None:
                        summary.bytes += e.size or 0
                    summary.errors += e.error is not None
                    summary.links += e.kind == "link"
                if len(pending) >= BATCH or not summary.changed:  # the first folder at once: rows on screen
                    with conn:
                        conn.executemany(statement, pending)
                    summary.changed += len(pending)
                    pending = []
                    if progress:
                        progress(summary.files, None, summary.bytes, None)
        except Cancelled:
            with conn:
                conn.executemany(statement, pending)
            raise
        with conn:
            conn.executemany(statement, pending)
        summary.changed += len(pending)
        gone = [(p,) for p in known - seen]
        with conn:
            conn.executemany("DELETE FROM files WHERE path = ?", gone)
        summary.removed = len(gone)
        store.set_meta("scanned_at", ns_to_utc_iso(time.time_ns()))
    finally:
        conn.execute("PRAGMA synchronous=FULL")
        source.close()
    summary.seconds = time.monotonic() - started
    if progress:
        progress(summary.files, summary.files, summary.bytes, summary.bytes)
    return summary
