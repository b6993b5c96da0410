"""An image's entries as rows of the store's files table, and their writing.

Most entries have no mode, link, error, role or stream: they go as a short row, the five columns written as
NULL in the statement itself. Python's sqlite3 binds a None through its adapter lookup: on 100k entries the
short rows take 0.26 s against 0.48 s for full ones."""

from itertools import groupby

COLUMNS = ("path", "item", "listed", "kind", "size", "mode", "modified_ns", "accessed_ns", "changed_ns", "created_ns",
           "link_target", "error", "deleted", "time_source", "address", "role", "stream_of")
SHORT = ("path", "item", "listed", "kind", "size", "modified_ns", "accessed_ns", "changed_ns", "created_ns", "deleted",
         "time_source", "address")
_NULLS = ("mode", "link_target", "error", "role", "stream_of")
_REFRESH = ("ON CONFLICT(path) DO UPDATE SET "  # a changed entry loses its type so the typing pass reads it again
            "mime = CASE WHEN files.size IS excluded.size AND files.address IS excluded.address "
            "THEN files.mime ELSE NULL END, " + ", ".join(f"{c} = excluded.{c}" for c in COLUMNS[1:]))


def _insert(columns, nulls=()) -> str:
    return (f"INSERT INTO files({', '.join(columns + nulls)}) "
            f"VALUES ({', '.join(['?'] * len(columns) + ['NULL'] * len(nulls))})")


# a folder TSK cannot open comes back as its own path with the reason, after its parent listed it: the reason
# joins that row (a first scan's plain INSERT stopped the whole scan on the path's second row)
_KEEP = " ON CONFLICT(path) DO UPDATE SET error = COALESCE(files.error, excluded.error)"
_STATEMENTS = {(len(COLUMNS), False): _insert(COLUMNS) + _KEEP, (len(SHORT), False): _insert(SHORT, _NULLS) + _KEEP,
               (len(COLUMNS), True): _insert(COLUMNS) + " " + _REFRESH,
               (len(SHORT), True): _insert(SHORT, _NULLS) + " " + _REFRESH}


def image_rows(entries, locate) -> tuple[list, list]:
    """Rows (SHORT or COLUMNS) and the counts [entries, bytes of user files, errors, links]. Entry fields by
    position (models.image.listing.walk.ImageEntry): an index costs less than an attribute."""
    rows = []
    append = rows.append
    size = errors = links = 0
    for e in entries:
        item, listed = locate(e[0])
        kind = e[1]
        if e[3] is None and e[8] is None and e[9] is None and e[12] is None and e[13] is None:
            append((e[0], item, 1 if listed else 0, kind, e[2], e[4], e[5], e[6], e[7], 1 if e[10] else 0, e[14],
                    e[11]))
        else:
            append((e[0], item, 1 if listed else 0, *e[1:10], 1 if e[10] else 0, e[14], e[11], e[12], e[13]))
        if kind == "file":
            if e[12] is None:
                size += e[2] or 0
        elif kind == "link":
            links += 1
        if e[9] is not None:
            errors += 1
    return rows, [len(rows), size, errors, links]


def with_error(row: tuple, text: str) -> tuple:
    """A row (SHORT or COLUMNS) with its error set, as a COLUMNS row; a row with an error keeps it."""
    if len(row) == len(COLUMNS):
        return row if row[11] is not None else (*row[:11], text, *row[12:])
    path, item, listed, kind, size, modified, accessed, changed, created, deleted, source, address = row
    return (path, item, listed, kind, size, None, modified, accessed, changed, created, None, text, deleted, source,
            address, None, None)


def write_rows(conn, rows: list, rescan: bool) -> None:
    """Insert the rows in their order (a rescan updates the entries already stored), in one transaction."""
    with conn:
        for length, run in groupby(rows, len):
            conn.executemany(_STATEMENTS[length, rescan], run)
