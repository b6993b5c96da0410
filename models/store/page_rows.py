"""Rows of a table read in one SQLite step, for a window's thread.

Python's sqlite3 lets the GIL go at every row's step and takes it back for the row's values. While a worker
thread runs Python (a scan, the typing pass), each of those take-backs can wait for the worker's turn to end:
a page of 256 file records, read row by row, took the GUI thread 24 ms during a scan (bench_types_heartbeat's
first paint). Here SQLite builds the whole page as one JSON text: one step, one take-back. The columns must
hold integers, text or NULL (JSON has no blobs; a real would lose digits)."""

import json


def rows_by_id(conn, table: str, columns: tuple[str, ...], ids: list[int]) -> list[list]:
    """[[value of each column], ...] for the rows of `table` whose id is in `ids`, in no promised order."""
    if not ids:
        return []
    sql = (f"SELECT json_group_array(json_array({', '.join(columns)})) FROM {table} "
           f"WHERE id IN ({','.join('?' * len(ids))})")
    return json.loads(conn.execute(sql, ids).fetchone()[0])
