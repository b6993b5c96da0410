"""The background typing pass: content type, Art. 27 form, extension mismatch and EXIF for untyped files."""

import os
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor

from models.bundle.names import to_os
from models.bundle.safepath import SafePathError, check_relative, is_inside, open_evidence
from models.inventory.exif import ExifSummary, exif_to_json_text, may_have_exif, read_exif
from models.inventory.filetype import detect_mime, read_head
from models.inventory.type_write import UNTYPED, Writer, form, mismatch
from models.inventory.typing_pool import run_in_pools
from models.runtime.jobs import check_cancel, helper_started, process_context

BATCH = 256  # files per task: large enough to hide the pool's overhead, small enough for smooth progress



class _Resolver:
    """resolve_inside with the checks of a folder done once: files of one folder share them (the path checks
    of the folder part, and that it does not lead out through a link; open_evidence refuses a link as the last
    component itself). A file's own name is checked in full only when it could fail check_relative."""

    def __init__(self, root: str):
        self.root = root
        self.folders: dict[str, str | None] = {}  # folder -> its absolute prefix, None when it leads out

    def __call__(self, rel: str) -> str:
        rel = to_os(rel)  # a name that is not UTF-8: its bytes again (models.bundle.names)
        folder, _, name = rel.rpartition("/")
        prefix = self.folders.get(folder, False)
        if prefix is False or not folder or name == ".." or "\\" in name or "\x00" in name or not name.strip():
            check_relative(rel)  # the whole path: the first file of a folder, a file at the top, a suspect name
        if prefix is False:
            inside = is_inside(self.root, os.path.join(self.root, folder))
            prefix = self.folders[folder] = os.path.join(self.root, folder, "") if inside else None
        if prefix is None:
            raise SafePathError("路径经链接指向证据包之外", "the path resolves outside the bundle through a link")
        return prefix + name


def type_one(resolve, path: str, tz_name: str, exif: bool = True, size: int | None = None) -> tuple:
    """(mime, category, mismatch, exif_json, type_error) for one bundle-relative file (size: the listed one)."""
    try:
        full = resolve(path)
        head = read_head(full, size=size)
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
    return mime, form(mime, path), mismatch(path, mime), exif_json, None


def type_batch(root: str, records: list[tuple], tz_name: str, exif: bool = True) -> list[tuple]:
    """Worker task: [(id, path, size)] -> [(mime, category, mismatch, exif_json, type_error, id, size)]."""
    resolve = _Resolver(root)
    return [(*type_one(resolve, path, tz_name, exif, size), rid, size) for rid, path, size in records]




def untyped_records(store) -> list[tuple]:
    """(id, path, size) of every file of the bundle's folders whose type has not been read yet (files inside
    its disk images are typed through TSK: models.image.bundle_images)."""
    return [record for page in untyped_pages(store) for record in page]


def untyped_pages(store, size: int | None = None):
    """untyped_records a page at a time, read as the typing asks for them (by id: a page typed meanwhile is
    behind): 1M files were ~200 MB of tuples held for the whole pass."""
    last, size = -1, size or BATCH
    while page := store.db.execute(f"SELECT id, path, size {UNTYPED} AND address IS NULL AND id > ? ORDER BY id "
                                   "LIMIT ?", (last, size)).fetchall():
        yield page
        last = page[-1][0]


def untyped_totals(store) -> tuple[int, int]:
    """(files, bytes) untyped_records would give."""
    count, size = store.db.execute(f"SELECT count(*), COALESCE(sum(size), 0) {UNTYPED} AND address IS NULL").fetchone()
    return count, size


def make_executor(workers: int, mode: str = "process") -> Executor:
    """A process pool (exifread is pure Python: threads would share one core) or a thread pool."""
    if mode == "thread":
        return ThreadPoolExecutor(max_workers=workers)
    return ProcessPoolExecutor(max_workers=workers, mp_context=process_context(), initializer=helper_started)


def _run_here(batches, job, write, cancel) -> None:
    for batch in batches:
        check_cancel(cancel)
        write(type_batch(job[0], batch, *job[1:]))


def fill_types(bundle, store, progress=None, cancel=None, workers: int = 2, mode: str = "process",
               exif: bool = True) -> int:
    """Fill mime, category, extension_mismatch, exif_json, type_error of untyped files; returns how many.
    What was typed before a cancel (or an error) is stored."""
    if getattr(bundle, "image", None) is not None:  # content read through TSK, in this process
        from models.image.typing import fill_image_types

        return fill_image_types(bundle, store, progress, cancel, exif)
    from models.image.bundle_images import fill_inner_types, untyped_inner_records

    count, size = untyped_totals(store)
    inner = untyped_inner_records(bundle, store)  # files inside the bundle's disk images: read through TSK
    write = Writer(store, [r[:3] for r in inner], progress, totals=(count, size))
    try:
        _fill(untyped_pages(store), count, write, (str(bundle.root), bundle.timezone, exif), cancel, workers, mode)
        if inner:
            fill_inner_types(bundle, inner, write, cancel, exif)
    finally:
        write.flush()
    return count + len(inner)


def _fill(batches, count: int, write: Writer, job: tuple, cancel, workers: int, mode: str) -> None:
    """Type the batches (pages of BATCH records, count in all): here, or in a pool of workers."""
    workers = max(1, min(workers, os.cpu_count() or 1))
    if workers == 1 or count <= BATCH:
        _run_here(batches, job, write, cancel)
        return
    run_in_pools(batches, lambda n: make_executor(n, mode), workers, type_batch, job, write, cancel)
