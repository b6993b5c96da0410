"""The typing pass for files inside a disk image: content read through TSK (deleted files too, where TSK
still finds their data), the same detection and EXIF as for a folder's files. libmagic is most of the
cost: a long list is typed by two processes, each with the image open once."""

import os
from concurrent.futures import ProcessPoolExecutor

from models.image.type_one import type_image_file, type_records  # noqa: F401 - type_image_file: for callers
from models.inventory.filetype import detect_mime
from models.inventory.type_write import Writer
from models.runtime.jobs import helper_started, process_context

BATCH = 256
POOL_FROM = 4 * BATCH  # fewer files are typed here: starting the workers costs more than it saves
_UNTYPED = "FROM files WHERE kind = 'file' AND mime IS NULL AND role IS NULL"
_worker: dict = {}  # in a pool worker: the image opened once, its case zone, whether to read EXIF


def untyped_image_records(store) -> list[tuple]:
    """(id, path, size, address) of the image's user files not typed yet (TSK's virtual and NTFS's own not)."""
    return store.db.execute(f"SELECT id, path, size, address {_UNTYPED} ORDER BY id").fetchall()


def _start_worker(spec, tz_name: str, exif: bool, name: str | None = None) -> None:
    from models.image.disk import first_open
    from models.image.source import ImageSource

    first_open.isolated = True  # a worker's crash is told by the pool (models.inventory.typing_pool)
    helper_started()  # watches the program as every helper does: a killed scan leaves no worker holding its stdout
    _worker.update(source=ImageSource(spec, tz_name, name), tz=tz_name, exif=exif)


def _worker_batch(records: list[tuple]) -> list[tuple]:
    return type_records(_worker["source"], records, _worker["tz"], _worker["exif"])


def _in_pool(bundle, batches: list, write, cancel, exif: bool, spec=None, name: str | None = None) -> None:
    """spec and name: a disk_image entry of a bundle (its bundle path); else the image opened on its own. A
    worker that dies (a hostile file crashing libmagic or a parser, or killed) ends no run: its files are
    typed again one at a time, and the one that kills a worker again gets a finding."""
    from models.inventory.typing_pool import run_in_pools

    initargs = (spec or bundle.image, bundle.timezone, exif, name)

    def make_pool(workers: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=workers, mp_context=process_context(), initializer=_start_worker,
                                   initargs=initargs)

    run_in_pools(iter(batches), make_pool, 2, _worker_batch, (), write, cancel)


def type_in_helper(spec, tz_name: str, name: str | None, records: list[tuple], write, cancel=None,
                   exif: bool = True) -> None:
    """Type a short list in one helper process (models.image.file_child): TSK reads no file's content here. A
    helper that dies on a file is replaced and the file tried once more; the file that kills a second helper,
    or stalls one, gets the reason and the rest go on. ImageError when the image cannot be opened."""
    from models.image.file_child import ImageReader, ReaderStopped

    name = name or spec.path.name
    detect_mime(b"\0")  # libmagic's rules loaded once here (no image byte): a helper forked from here has them
    pending, suspect = list(records), None
    while pending:
        reader = ImageReader(spec, tz_name, name, cancel=cancel)
        try:
            while pending:
                batch = pending[:BATCH]
                write(reader.type_rows(batch, exif, cancel))
                pending = pending[len(batch):]
        except ReaderStopped as stop:
            write(stop.rows)
            pending = pending[len(stop.rows):]
            culprit = pending[0]
            if stop.stalled or culprit[0] == suspect:
                write([(None, None, None, None, f"无法读取：{stop}"[:300], culprit[0], culprit[2])])
                pending = pending[1:]
            suspect = culprit[0]
        except BaseException:
            reader.close(at_once=True)  # cancelled: no wait for the file it is reading
            raise
        finally:
            reader.close()


def fill_image_types(bundle, store, progress=None, cancel=None, exif: bool = True) -> int:
    """Type every untyped user file of the image; what was typed before a cancel is stored."""
    records = untyped_image_records(store)
    write = Writer(store, [r[:3] for r in records], progress)
    batches = [records[i:i + BATCH] for i in range(0, len(records), BATCH)]
    try:
        if len(records) >= POOL_FROM and (os.cpu_count() or 1) > 1:
            _in_pool(bundle, batches, write, cancel, exif)
        elif records:
            type_in_helper(bundle.image, bundle.timezone, None, records, write, cancel, exif)
    finally:
        write.flush()
    return len(records)
