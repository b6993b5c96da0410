"""Verify results spooled into a scratch SQLite file while the digests are computed, then copied into the store in
one short transaction. Written straight into the store, the results held its write lock for the whole reading (a
4 GB file: 36 s): a window open on the same store could not save a decision meanwhile, its GUI thread waiting 5 s
for each try before 审查库正被另一程序使用. The window's 校验 tab pages the same file while its run goes on."""

import os
import sqlite3
import tempfile
import time
from pathlib import Path

COLUMNS = ("item", "path", "algorithm", "recorded", "recorded_source", "computed", "status", "error", "explanation")
# the store's verification table's columns, so that the tab's queries read either
SCRATCH_SQL = (f"CREATE TABLE verification (id INTEGER PRIMARY KEY, {', '.join(COLUMNS)}, verified_at, "
               "program_version)")
INSERT_SQL = f"INSERT INTO verification ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"
FLUSH_ROWS = 4096  # rows written at once, or what FLUSH_SECONDS brought, whichever comes first
FLUSH_SECONDS = 0.15
SCRATCH_PREFIX = "verify-run-"


def new_scratch_file(folder: Path | None) -> Path:
    """An empty scratch file with the verification table, in folder (the store's) or the temporary folder."""
    handle, name = tempfile.mkstemp(prefix=SCRATCH_PREFIX, suffix=".sqlite", dir=folder)
    os.close(handle)
    conn = sqlite3.connect(name, isolation_level=None)
    try:
        conn.execute(SCRATCH_SQL)
    finally:
        conn.close()
    return Path(name)


def remove_scratch(path: Path) -> None:
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        try:
            name.unlink(missing_ok=True)
        except OSError:
            pass  # left in the store's folder; the next run's name is another


def _values(result) -> tuple:
    if isinstance(result, tuple) and len(result) == len(COLUMNS):
        return tuple(result)  # a VerifyResult: its fields are COLUMNS, in that order
    result = dict(result)
    return tuple(result.get(column) for column in COLUMNS)


def stream_results(results, scratch: Path) -> int:
    """Write results into the scratch file in batches, each committed (a reader sees them as they come);
    returns the count."""
    conn = sqlite3.connect(scratch, isolation_level=None)
    conn.execute("PRAGMA synchronous=OFF")  # a scratch file: a crash loses it, and nothing else with it
    batch, count, last = [], 0, time.monotonic()
    try:
        for result in results:
            batch.append(_values(result))
            if len(batch) >= FLUSH_ROWS or time.monotonic() - last >= FLUSH_SECONDS:
                count += _flush(conn, batch)
                last = time.monotonic()
        count += _flush(conn, batch)
    finally:
        conn.close()
    return count


def _flush(conn, batch: list) -> int:
    if not batch:
        return 0
    written = len(batch)
    conn.execute("BEGIN")
    conn.executemany(INSERT_SQL, batch)
    conn.execute("COMMIT")
    batch.clear()
    return written


def saved_rows(scratch: Path, cancel=None):
    """The scratch file's rows as VerifyResults in the order made, read one by one (for save_results);
    Cancelled on the way when cancel is set: the store's transaction is rolled back, the store as it was."""
    from models.integrity.verify_result import VerifyResult
    from models.runtime.jobs import check_cancel

    conn = sqlite3.connect(scratch)
    try:
        for n, row in enumerate(conn.execute(f"SELECT {', '.join(COLUMNS)} FROM verification ORDER BY id")):
            if n % 1024 == 0:
                check_cancel(cancel)
            yield VerifyResult(*row)
    finally:
        conn.close()


def save_spooled(store, results, items=None) -> int:
    """results (a generator that reads the files) spooled beside the store, then saved into it in one transaction
    (models.integrity.verify.save_results): the store's write lock is held for the copy only. An interrupted run
    leaves the store as it was and removes the scratch file. Returns the count."""
    from models.integrity.verify import save_results

    scratch = new_scratch_file(store.path.parent)
    try:
        count = stream_results(results, scratch)
        save_results(store, saved_rows(scratch), items=items)
        return count
    finally:
        remove_scratch(scratch)
