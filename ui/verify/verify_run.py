"""A verify run of the window, streamed: in a helper process (run_verify), its results written as they are made
into a scratch SQLite file (the 校验 tab pages them from there while the run goes on), then copied into the store
in one transaction, so that a cancelled run leaves the store as it was, and no list of all the results is ever
held. In a thread of the window's process the run's Python held the GIL while the table painted its rows: each
cell is a call into Python, and the window stood still 200-400 ms at a time (a 20k-file verify)."""

import os
import sqlite3
import tempfile
import threading
import time
from pathlib import Path

COLUMNS = ("item", "path", "algorithm", "recorded", "recorded_source", "computed", "status", "error", "explanation")
# the store's verification table's columns, so that the tab's queries read either
SCRATCH_SQL = (f"CREATE TABLE verification (id INTEGER PRIMARY KEY, {', '.join(COLUMNS)}, verified_at, "
               "program_version)")
INSERT_SQL = f"INSERT INTO verification ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"
COUNTS_SQL = "SELECT status, COUNT(*) FROM verification GROUP BY status"
FLUSH_ROWS = 4096  # rows written at once, or what FLUSH_SECONDS brought, whichever comes first
FLUSH_SECONDS = 0.15
SCRATCH_PREFIX = "verify-run-"


def new_scratch(folder: Path | None) -> tuple[Path, sqlite3.Connection]:
    """A scratch file in folder (the store's, never inside a bundle: models.bundle.output_paths.store_folder
    refused that) or the temporary folder, and the GUI thread's connection to it, which reads the rows."""
    handle, name = tempfile.mkstemp(prefix=SCRATCH_PREFIX, suffix=".sqlite", dir=folder)
    os.close(handle)
    conn = sqlite3.connect(name, check_same_thread=False, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")  # the worker writes while this connection reads
    conn.execute(SCRATCH_SQL)
    return Path(name), conn


def drop_scratch(path: Path | None, conn: sqlite3.Connection | None) -> None:
    """Close the reading connection and remove the file, in a thread of its own: the last connection's close
    copies the WAL into the file first (400k rows: ~0.4 s), which held the GUI thread."""
    threading.Thread(target=drop_now, args=(path, conn), name="EvidenceDesk scratch", daemon=True).start()


def drop_now(path: Path | None, conn: sqlite3.Connection | None) -> None:
    """Close the reading connection and remove the file, on this thread."""
    if conn is not None:
        conn.close()
    if path is not None:
        for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
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
    """Write results into the scratch file in batches, each committed (the window reads them as they come);
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


def ids_and_counts(conn, query: tuple[str, tuple]):
    """(ids in the order of the query, rows by status) of the store's verification records."""
    from array import array

    return array("q", (row[0] for row in conn.execute(*query))), dict(conn.execute(COUNTS_SQL).fetchall())


def run_verify(bundle, scratch, store_path, items, query, progress=None, cancel=None):
    """In a helper process (models.runtime.process_job): verify the case (items None) or those items, the
    results streamed into the scratch file, then saved into the store at store_path (when given) in one
    transaction -> (count, (query, ids_and_counts(query)) or None), for the GUI thread only to show."""
    from models.integrity.verify import iter_verify, save_results
    from models.runtime.jobs import check_cancel

    count = stream_results(iter_verify(bundle, progress=progress, cancel=cancel, items=items), Path(scratch))
    check_cancel(cancel)  # cancelled: the store stays as it was
    if store_path is None:
        return count, None
    from models.store.store import open_store_file

    store = open_store_file(Path(store_path))
    try:
        save_results(store, saved_rows(Path(scratch), cancel), items=items)
        return count, ((query, ids_and_counts(store.db.conn, query)) if query else None)
    finally:
        store.close()


def saved_rows(scratch: Path, cancel=None):
    """The scratch file's rows as VerifyResults in the order made, read one by one (for models' save_results);
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
