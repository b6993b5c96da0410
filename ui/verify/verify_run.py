"""A verify run of the window, streamed: in a helper process (run_verify), its results written as they are made
into a scratch SQLite file (the 校验 tab pages them from there while the run goes on), then copied into the store
in one transaction, so that a cancelled run leaves the store as it was, and no list of all the results is ever
held. In a thread of the window's process the run's Python held the GIL while the table painted its rows: each
cell is a call into Python, and the window stood still 200-400 ms at a time (a 20k-file verify)."""

import os
import sqlite3
import tempfile
import threading
from pathlib import Path

from models.integrity.verify_spool import SCRATCH_PREFIX, SCRATCH_SQL, remove_scratch, saved_rows, stream_results

COUNTS_SQL = "SELECT status, COUNT(*) FROM verification GROUP BY status"


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
        remove_scratch(path)


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
