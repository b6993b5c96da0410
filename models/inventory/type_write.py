"""Writing the typing pass's results: the Art. 27 form and the mismatch flag of a type, and the batched writer
that stores rows (a folder's files and an image's alike)."""

import math
import time
from functools import lru_cache

from models.inventory.category import category_for, category_overrides, form_by_type
from models.inventory.filetype import extension_mismatch

UNTYPED = "FROM files WHERE kind = 'file' AND mime IS NULL AND deleted = 0"
_UPDATE = ("UPDATE files SET mime = ?, category = ?, extension_mismatch = ?, exif_json = ?, type_error = ? "
           "WHERE id = ?")
# Most files have no EXIF and no error: they are written without those two NULLs (Python's sqlite3 binds None
# through its adapter lookup, slowly), which is right while both columns are already NULL.
_UPDATE_TYPE = "UPDATE files SET mime = ?, category = ?, extension_mismatch = ? WHERE id = ?"


def form(mime: str, path: str) -> str:
    """category_for, from the type alone when no rule before the deciding one looks at the name or the path."""
    return form_by_type(mime) or category_for(mime, path)


@lru_cache(maxsize=8192)
def _mismatch_of(ext: str, mime: str) -> int:
    return int(extension_mismatch("x" + ext, mime))


def mismatch(path: str, mime: str) -> int:
    """extension_mismatch as 0/1; it depends only on the extension and the type (cached on both). The
    extension as os.path.splitext finds it: from the last dot, unless only dots stand before that."""
    name = path.rpartition("/")[2]
    dot = name.rfind(".")
    ext = name[dot:] if dot > 0 and (name[0] != "." or name[:dot].strip(".")) else ""
    return _mismatch_of(ext.lower(), mime)


def stale_ids(store) -> set[int]:
    """Untyped files that still carry EXIF or a reason from before (changed since, or unreadable then)."""
    sql = f"SELECT id {UNTYPED} AND (exif_json IS NOT NULL OR type_error IS NOT NULL)"
    return {rid for rid, in store.db.execute(sql)}


class Writer:
    """The one path that stores results (on the caller's thread) and reports progress. Results are kept
    and written together at most every FLUSH_S seconds (and at the end, by flush): each commit is a WAL
    write and a sync; progress tells what is stored."""

    FLUSH_S = 0.5

    def __init__(self, store, records: list[tuple], progress, totals: tuple[int, int] = (0, 0)):
        """records: (id, path, size) of the files to type; totals: (files, bytes) more, not given as records."""
        self.store, self.progress = store, progress
        self.overrides, self.stale = category_overrides(store), stale_ids(store)
        self.total, self.total_bytes = len(records) + totals[0], sum(r[2] or 0 for r in records) + totals[1]
        self.done = self.bytes = 0
        self.pending: list[tuple] = []
        self.last = -math.inf  # the first results are written at once (monotonic() may be small after boot)

    def __call__(self, results: list[tuple]) -> None:
        self.pending += results
        if time.monotonic() - self.last >= self.FLUSH_S:
            self.flush()

    def flush(self) -> None:
        results, self.pending = self.pending, []
        self.last = time.monotonic()
        if not results:
            return
        self._write([result[:6] for result in results])
        self.done += len(results)
        self.bytes += sum(r[-1] or 0 for r in results)
        if self.progress:
            self.progress(self.done, self.total, self.bytes, self.total_bytes)

    def _write(self, rows: list[tuple]) -> None:
        """Rows with EXIF, a reason or stale values in full; the others through the short statement."""
        if self.overrides:
            paths = dict(self.store.db.execute(
                f"SELECT id, path FROM files WHERE id IN ({','.join('?' * len(rows))})", [r[5] for r in rows]))
            rows = [(m, self.overrides.get(paths[i], c), x, e, err, i) for m, c, x, e, err, i in rows]
        short, full = [], []
        for row in rows:
            if row[3] is None and row[4] is None and row[5] not in self.stale:
                short.append((row[0], row[1], row[2], row[5]))
            else:
                full.append(row)
        with self.store.db.conn as conn:
            conn.executemany(_UPDATE_TYPE, short)
            conn.executemany(_UPDATE, full)
