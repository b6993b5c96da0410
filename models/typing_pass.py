"""The background typing pass: content type, Art. 27 form, extension mismatch and EXIF for untyped files."""

import os
from concurrent.futures import FIRST_COMPLETED, Executor, ProcessPoolExecutor, ThreadPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from models.category import category_for, category_overrides
from models.exif import ExifSummary, exif_to_json_text, may_have_exif, read_exif
from models.filetype import detect_mime, extension_mismatch, read_head
from models.jobs import Cancelled, check_cancel, process_context
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
        head = read_head(full)
        mime = detect_mime(head)
    except (OSError, ValueError) as exc:
        return None, None, None, None, f"无法读取：{type(exc).__name__}: {exc}"[:300]
    exif_json = None
    if exif and may_have_exif(mime, head):
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
    return ProcessPoolExecutor(max_workers=workers, mp_context=process_context())


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


class _Progress:
    """Counts what is written and reports it through the progress callback."""

    def __init__(self, records: list[tuple], progress):
        self.total, self.total_bytes = len(records), sum(r[2] or 0 for r in records)
        self.done = self.bytes = 0
        self.progress = progress

    def __call__(self, results: list[tuple]) -> None:
        self.done += len(results)
        self.bytes += sum(r[-1] or 0 for r in results)
        if self.progress:
            self.progress(self.done, self.total, self.bytes, self.total_bytes)


def _crashed(batch: list[tuple]) -> list[tuple]:
    """A worker died on this batch (a hostile file can crash libmagic): each file gets the reason."""
    return [(None, None, None, None, "类型检测进程异常退出，未能识别", rid, size) for rid, path, size in batch]


def _run_pool(executor, batches, limit: int, job, store, overrides, report, cancel) -> list[list]:
    """Run the batches; returns those in flight when a worker died (empty when all went well). With
    limit 1 the dead worker's one file is known and marked instead."""
    pending, broken = {}, []
    while True:
        check_cancel(cancel)
        while not broken and len(pending) < limit and (batch := next(batches, None)) is not None:
            pending[executor.submit(type_batch, *job[:1], batch, *job[1:])] = batch
        if not pending:
            return broken
        done, _ = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
        for future in done:
            batch = pending.pop(future)
            try:
                results = future.result()
            except BrokenProcessPool:
                if limit > 1:
                    broken.append(batch)
                    continue
                _write(store, _crashed(batch), overrides)
                report(batch)
                rest = [record for batch in batches for record in batch]  # the pool is gone: go on in a new one
                return [rest] if rest else []
            _write(store, results, overrides)
            report(results)


def _run_here(batches, job, store, overrides, report, cancel) -> None:
    for batch in batches:
        check_cancel(cancel)
        results = type_batch(job[0], batch, *job[1:])
        _write(store, results, overrides)
        report(results)


def fill_types(bundle, store, progress=None, cancel=None, workers: int = 2, mode: str = "process",
               exif: bool = True) -> int:
    """Fill mime, category, extension_mismatch, exif_json, type_error of untyped files; returns how many."""
    records = untyped_records(store)
    overrides, report = category_overrides(store), _Progress(records, progress)
    batches = iter([records[i:i + BATCH] for i in range(0, len(records), BATCH)])
    workers = max(1, min(workers, os.cpu_count() or 1))
    job, retry = (str(bundle.root), bundle.timezone, exif), []
    if workers == 1 or len(records) <= BATCH:
        _run_here(batches, job, store, overrides, report, cancel)
        return len(records)
    while True:  # after a worker dies, the batches it may have held are retried one file at a time
        singles = iter([[record] for batch in retry for record in batch])
        executor = make_executor(1 if retry else workers, mode)
        try:
            broken = _run_pool(executor, singles if retry else batches, 1 if retry else 2 * workers, job, store,
                               overrides, report, cancel)
        except Cancelled:
            executor.shutdown(wait=True, cancel_futures=True)
            raise
        executor.shutdown(wait=True)
        if not broken and not retry:
            return len(records)
        retry = broken
