"""The orders the file table offers, as SQL expressions, and the index that makes each one fast.

Paging a sorted table uses a keyset: `WHERE (expression, id) > (last value, last id) ORDER BY expression,
id LIMIT n`. Without an index on exactly (expression, id) every page sorts the whole inventory again: on a
million records scrolling to the bottom took 9 s. The indexes are built when a sort first needs one, not
during the scan, so listing stays fast; the name order uses the path's own unique index."""

_LOWEST = -(2**63)  # NULL sorts first and keyset comparisons stay total (a NULL compares with nothing)

SORT_KEYS = {
    "path": "path",
    "size": "COALESCE(size, -1)",
    "modified": f"COALESCE(modified_ns, {_LOWEST})",
    "created": f"COALESCE(created_ns, {_LOWEST})",
    "accessed": f"COALESCE(accessed_ns, {_LOWEST})",
    "changed": f"COALESCE(changed_ns, {_LOWEST})",
    "item": "COALESCE(item, '')",
    "type": "COALESCE(mime, '')",
}
UNIQUE_KEYS = {"id", "path"}  # unique on their own: the keyset needs no id beside them
INDEX_FROM = 20_000  # records from which a sort without its index is slow enough to build the index first


def index_name(key: str) -> str:
    return f"files_sort_{key}"


def needs_index(key: str) -> bool:
    return key in SORT_KEYS and key not in UNIQUE_KEYS


def has_sort_index(conn, key: str) -> bool:
    """True when the key needs no index of its own or its index exists."""
    if not needs_index(key):
        return True
    found = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?", [index_name(key)])
    return found.fetchone() is not None


def build_sort_index(conn, key: str) -> None:
    """Create the index of one sort key (a few seconds on a million records: run it in a worker)."""
    if needs_index(key):
        with conn:
            conn.execute(f"CREATE INDEX IF NOT EXISTS {index_name(key)} ON files({SORT_KEYS[key]}, id)")
