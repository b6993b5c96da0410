"""The background typing pass: content type, Art. 27 form, extension mismatch and EXIF for untyped files."""

import multiprocessing
import os
from concurrent.futures import FIRST_COMPLETED, Executor, ProcessPoolExecutor, ThreadPoolExecutor, wait

from models.category import category_for, category_overrides
from models.exif import EXIF_MIMES, ExifSummary, exif_to_json_text, read_exif
from models.filetype import detect_mime, extension_mismatch, read_head
from models.jobs import Cancelled, check_cancel
from models.safepath import SafePathError, check_relative, is_inside, open_evidence

BATCH = 256  # files per task: large enough to hide the pool's overhead, small enough for smooth progress
_UPDATE = ("UPDATE files SET mime = ?, category = ?, extension_mismatch = ?, exif_json = ?, type_error = ? "
           "WHERE id = ?")


class _Resolver:
    """resolve_inside with the folder check cached: files of one folder share it (open_evidence refuses a
    link as the last component itself)."""

    def __init__(self, root: str):
        self.root = root
        self.folders: dict[str, bool] = {}

    def __call__(self, rel: str) -> str:
        check_relative(rel)
        folder = rel.rpartition("/")[0]
        inside = self.folders.get(folder)
        if inside is None:
            inside = self.folders[folder] = is_inside(self.root, os.path.join(self.root, folder))
        if not inside:
            raise SafePathError("路径经链接指向证据包之外", "the path resolves outside the bundle through a link")
        return os.path.join(self.root, rel)


def type_one(resolve, path: str, tz_name: str, exif: bool = True) -> tuple:
    """(mime, category, mismatch, exif_json, type_error) for one bundle-relative file."""
    try:
        full = resolve(path)
        mime = detect_mime(read_head(full))
    except (OSError, ValueError) as exc:
        return None, None, None, None, f"无法读取：{type(exc).__name__}: {exc}"[:300]
    exif_json = None
    if exif and mime in EXIF_MIMES:
        try:
            with open_evidence(full) as stream:
                exif_json = exif_to_json_text(read_exif(stream), tz_name)
        except OSError as exc:
            exif_json = exif_to_json_text(ExifSummary(error=f"无法读取：{exc}"), tz_name)
    return mime, category_for(mime, path), int(extension_mismatch(path, mime)), exif_json, None


def type_batch(root: str, records: list[tuple], tz_name: str, exif: bool = True) -> list[tuple]:
    """Worker task: [(id, path, size)] -> [(mime, category, mismatch, exif_json, type_error, id, size)]."""
    resolve = _Resolver(root)
    return [(*type_one(resolve, path, tz_name, exif), rid, size) for rid, path, size in records]


def untyped_records(store) -> list[tuple]:
    """(id, path, size) of every file whose type has not been read yet."""
    sql = "SELECT id, path, size FROM files WHERE kind = 'file' AND mime IS NULL AND deleted = 0 ORDER BY id"
    return store.db.execute(sql).fetchall()


def make_executor(workers: int, mode: str = "process") -> Executor:
    """A process pool (exifread is pure Python: threads would share one core) or a thread pool."""
    if mode == "thread":
        return ThreadPoolExecutor(max_workers=workers)
    methods = multiprocessing.get_all_start_methods()
    # forkserver/spawn: never fork a GUI process that has Qt threads running
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    return ProcessPoolExecutor(max_workers=workers, mp_context=context)


def _write(store, results: list[tuple], overrides: dict) -> None:
    rows = []
    for mime, category, mismatch, exif_json, error, rid, _size in results:
        rows.append((mime, category, mismatch, exif_json, error, rid))
    if overrides:
        paths = dict(store.db.execute(
            f"SELECT id, path FROM files WHERE id IN ({','.join('?' * len(rows))})", [r[5] for r in rows]).fetchall())
        rows = [(m, overrides.get(paths[i], c), x, e, err, i) for m, c, x, e, err, i in rows]
    with store.db.conn:
        store.db.conn.executemany(_UPDATE, rows)


def _run(executor, bundle, records, store, overrides, report, cancel, exif) -> None:
    root, tz_name = str(bundle.root), bundle.timezone
    batches = iter([records[i:i + BATCH] for i in range(0, len(records), BATCH)])
    pending = set()
    while True:
        check_cancel(cancel)
        while len(pending) < 2 * getattr(executor, "_max_workers", 2):
            batch = next(batches, None)
            if batch is None:
                break
            pending.add(executor.submit(type_batch, root, batch, tz_name, exif))
        if not pending:
            return
        done, pending = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
        for future in done:
            results = future.result()
            _write(store, results, overrides)
            report(results)


def fill_types(bundle, store, progress=None, cancel=None, workers: int = 2, mode: str = "process",
               exif: bool = True) -> int:
    """Fill mime, category, extension_mismatch, exif_json, type_error of untyped files; returns how many."""
    records = untyped_records(store)
    if not records:
        return 0
    overrides = category_overrides(store)
    total, total_bytes = len(records), sum(r[2] or 0 for r in records)
    state = {"done": 0, "bytes": 0}

    def report(results):
        state["done"] += len(results)
        state["bytes"] += sum(r[6] or 0 for r in results)
        if progress:
            progress(state["done"], total, state["bytes"], total_bytes)

    workers = max(1, min(workers, os.cpu_count() or 1))
    if workers == 1 or total <= BATCH:
        for start in range(0, total, BATCH):
            check_cancel(cancel)
            results = type_batch(str(bundle.root), records[start:start + BATCH], bundle.timezone, exif)
            _write(store, results, overrides)
            report(results)
        return total
    executor = make_executor(workers, mode)
    try:
        _run(executor, bundle, records, store, overrides, report, cancel, exif)
    except Cancelled:
        executor.shutdown(wait=True, cancel_futures=True)
        raise
    executor.shutdown(wait=True)
    return total
