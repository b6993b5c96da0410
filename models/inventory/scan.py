"""The inventory: list every entry of a bundle (stat phase) into the store's files table."""

import time

from models.bundle.coverage import Coverage
from models.bundle.source import FolderSource
from models.common.timeutil import ns_to_utc_iso
from models.inventory.known_rows import KnownRows
from models.inventory.scan_process import HelperWalk, helper_allowed, rows_of, walk_in_helper
from models.inventory.scan_summary import ScanSummary
from models.runtime.jobs import Cancelled

BATCH = 2000
HANDOFF = 5000  # entries listed in this process before a larger walk is shared with a helper process
HELPER_SHARE = 0.7  # of the folders left then, the helper walks this part: this process also writes the store
_STAT_COLUMNS = ("item", "listed", "kind", "size", "mode", "modified_ns", "accessed_ns", "changed_ns",
                 "created_ns", "link_target", "error", "deleted")
# A plain file is written without its NULL columns: Python's sqlite3 binds None through its adapter
# lookup, a large share of the insert time of a first scan.
_PLAIN = 10  # path + the first nine stat columns
_INSERT_PLAIN = (f"INSERT INTO files(path, {', '.join(_STAT_COLUMNS[:_PLAIN - 1])}, time_source) "
                 f"VALUES (?{', ?' * (_PLAIN - 1)}, 'filesystem')")
_UPSERT = (
    f"INSERT INTO files(path, {', '.join(_STAT_COLUMNS)}, time_source) "
    f"VALUES (?{', ?' * len(_STAT_COLUMNS)}, 'filesystem') ON CONFLICT(path) DO UPDATE SET "
    # a changed file loses its type and EXIF so the typing pass reads it again
    "mime = CASE WHEN files.size IS excluded.size AND files.modified_ns IS excluded.modified_ns "
    "THEN files.mime ELSE NULL END, "
    + ", ".join(f"{c} = excluded.{c}" for c in _STAT_COLUMNS)
)


def _known(store) -> KnownRows:
    """The stored stat columns of every path, to write only what a rescan finds changed."""
    return KnownRows(store.db.conn.execute(f"SELECT path, {', '.join(_STAT_COLUMNS)} FROM files"))


class _Writer:
    """Writes batches of rows: plain files through the short statement, the rest through the upsert."""

    def __init__(self, store, rescan: bool):
        self.conn = store.db.conn
        self.rescan = rescan

    def write(self, rows: list) -> None:
        plain = [r[:_PLAIN] for r in rows if r[10] is None and r[11] is None and not r[12]]
        full = [r for r in rows if r[10] is not None or r[11] is not None or r[12]] if len(plain) < len(rows) else []
        with self.conn:
            if plain and self.rescan:
                self.conn.executemany(_UPSERT, [r + (None, None, 0) for r in plain])
            elif plain:
                self.conn.executemany(_INSERT_PLAIN, plain)
            if full:
                self.conn.executemany(_UPSERT, full)


def _remove(store, paths) -> int:
    gone = [(p,) for p in paths]
    with store.db.conn:
        store.db.conn.executemany("DELETE FROM files WHERE path = ?", gone)
    return len(gone)


def _batches(source, coverage, cancel):
    """(rows, counts) batches of the whole walk, in walk order. A folder walk still going after HANDOFF
    entries is shared: a helper process (models.inventory.scan_process) walks the later part of the folders
    left while this one walks the earlier part and writes; the helper's rows are held
    (models.inventory.scan_process.HOLD_BATCHES) until this part is done, so the store's ids (the table's default
    order) stay in walk order."""
    if not isinstance(source, FolderSource):  # another kind of source: one entry at a time, here
        entries = list(source.entries(cancel=cancel))
        for start in range(0, len(entries), BATCH):
            yield rows_of(entries[start:start + BATCH], coverage.locate)
        return
    stack, listed = source.start(), 0
    for found in source.folders(stack, cancel=cancel):
        listed += len(found)
        yield rows_of(found, coverage.locate)
        if listed >= HANDOFF and stack and helper_allowed():
            break
    if not stack:
        return
    if len(stack) < 2:  # one folder left: all of it to the helper
        yield from walk_in_helper(source, stack, coverage, cancel)
        return
    # the stack is popped from its end: its first entries are the folders listed last
    cut = max(1, min(len(stack) - 1, round(len(stack) * HELPER_SHARE)))
    later, stack[:] = stack[:cut], stack[cut:]
    with HelperWalk(source, later, coverage) as helper:
        for found in source.folders(stack, cancel=cancel):
            yield rows_of(found, coverage.locate)
        yield from helper.rest(cancel)


def _count(summary: ScanSummary, rows: list, counts: list, known: KnownRows | None) -> list:
    """Add a batch's counts to the summary; its rows to write (on a rescan only those that changed)."""
    summary.files += counts[0]
    summary.bytes += counts[1]
    summary.errors += counts[2]
    summary.links += counts[3]
    summary.additions += counts[4]
    if known is None:
        return rows
    changed = known.changed
    return [row for row in rows if changed(row[0], row[1:])]


def scan_bundle(bundle, store, progress=None, cancel=None, source=None) -> ScanSummary:
    """Stat every entry (never reading content) and write it; entries gone since the last scan are removed."""
    if getattr(bundle, "image", None) is not None:
        from models.image.scan import scan_image

        return scan_image(bundle, store, progress, cancel)
    started = time.monotonic()
    source = source or FolderSource(bundle.root)
    summary = ScanSummary()
    known = _known(store)
    rescan = bool(known)
    writer, pending = _Writer(store, rescan), []
    # the inventory can always be listed again: no fsync per batch while scanning (WAL keeps it consistent)
    store.db.conn.execute("PRAGMA synchronous=NORMAL")
    # and no checkpoint while listing: it copies the pages a later, quieter moment copies as well
    store.db.conn.execute("PRAGMA wal_autocheckpoint=0")
    if not rescan:  # an index built once at the end costs less than one kept up row by row
        store.db.conn.execute("DROP INDEX IF EXISTS files_item")
    try:
        try:
            for rows, counts in _batches(source, Coverage(bundle), cancel):
                pending += _count(summary, rows, counts, known if rescan else None)
                if len(pending) >= BATCH:
                    writer.write(pending)
                    summary.changed += len(pending)
                    pending = []
                    if progress:
                        progress(summary.files, None, summary.bytes, None)
        except Cancelled:
            writer.write(pending)  # what was listed before the cancel is kept: the table shows it
            raise
        writer.write(pending)
        summary.changed += len(pending)
        from models.image.bundle_images import list_bundle_images  # disk_image entries: their files too

        list_bundle_images(bundle, store, known if rescan else None, summary, progress, cancel)
        summary.removed = _remove(store, known) if known else 0
        store.set_meta("scanned_at", ns_to_utc_iso(time.time_ns()))  # before checkpoints resume: a later
    finally:                                                              # commit (the typing pass) copies the WAL
        store.db.conn.execute("CREATE INDEX IF NOT EXISTS files_item ON files(item)")
        store.db.conn.execute("PRAGMA synchronous=FULL")
        store.db.conn.execute("PRAGMA wal_autocheckpoint=1000")
    summary.seconds = time.monotonic() - started
    if progress:
        progress(summary.files, summary.files, summary.bytes, summary.bytes)
    return summary


FILE_COLUMNS = ("id", "path", "item", "listed", "kind", "size", "modified_ns", "accessed_ns", "changed_ns",
                "created_ns", "time_source", "link_target", "deleted", "error", "mime", "category",
                "extension_mismatch", "exif_json", "type_error", "address", "role", "stream_of")


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
