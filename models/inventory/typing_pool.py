"""Typing in a pool of worker processes that survives a worker's death (a hostile file can crash libmagic
or a parser; a worker can be killed): used for a folder's files and for a disk image's."""

from concurrent.futures import FIRST_COMPLETED, wait
from concurrent.futures.process import BrokenProcessPool

from models.runtime.jobs import Cancelled, check_cancel


def _crashed(batch: list[tuple]) -> list[tuple]:
    """A worker died on this batch (a hostile file can crash libmagic): each file gets the reason."""
    return [(None, None, None, None, "类型检测进程异常退出，未能识别", rid, size) for rid, _path, size, *_ in batch]


def _run_pool(executor, batches, limit: int, fn, job, write, cancel) -> list[list]:
    """Run the batches; returns those in flight when a worker died (empty when all went well). With
    limit 1 the dead worker's one file is known and marked instead."""
    pending, broken = {}, []
    while True:
        check_cancel(cancel)
        while not broken and len(pending) < limit and (batch := next(batches, None)) is not None:
            try:
                pending[executor.submit(fn, *job[:1], batch, *job[1:])] = batch
            except BrokenProcessPool:  # a worker died before any of its futures was seen
                broken.append(batch)
        if not pending:
            if broken and limit == 1:
                return _lost(broken[0], batches, write)
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
                return _lost(batch, batches, write)
            write(results)


def _lost(batch: list[tuple], batches, write) -> list[list]:
    write(_crashed(batch))
    rest = [record for batch in batches for record in batch]  # the pool is gone: go on in a new one
    return [rest] if rest else []


def run_in_pools(batches, make_pool, workers: int, fn, job: tuple, write, cancel) -> None:
    """fn(*job[:1], batch, *job[1:]) for each batch in a pool of workers (make_pool(n)). After a worker dies,
    the batches it may have held are retried one file at a time in a pool of one (a file that kills that one
    too gets the finding), then the rest go on in a fresh pool."""
    retry = []
    while True:
        singles = iter([[record] for batch in retry for record in batch])
        executor = make_pool(1 if retry else workers)
        try:
            broken = _run_pool(executor, singles if retry else batches, 1 if retry else 2 * workers, fn, job,
                               write, cancel)
        except (Cancelled, KeyboardInterrupt):  # Ctrl-C too: a worker still starting when this process left
            executor.shutdown(wait=True, cancel_futures=True)  # found the pool's semaphore gone and said so
            raise
        _end_broken(executor)
        executor.shutdown(wait=True)
        if not broken and not retry:
            return
        retry = broken


def _end_broken(executor) -> None:
    """A broken pool's other workers are killed outright: the pool SIGTERMs them and joins, and a worker was
    seen still alive in that join (the scan waited forever) when its sibling died as it started."""
    if not getattr(executor, "_broken", False):
        return
    for process in list((getattr(executor, "_processes", None) or {}).values()):
        try:
            process.kill()
        except (OSError, ValueError):
            pass
