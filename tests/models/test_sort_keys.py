"""Each sort key's index serves the table's keyset query: no temporary sort of the whole inventory."""

import pytest

from models.store.sort_keys import SORT_KEYS, UNIQUE_KEYS, build_sort_index, has_sort_index
from models.store.store import open_store_file


def _plan(conn, key: str) -> str:
    expr = SORT_KEYS[key]
    sql = (f"SELECT id, {expr} FROM files WHERE ({expr}, id) > (?, ?) ORDER BY {expr} DESC, id DESC LIMIT 100"
           if key not in UNIQUE_KEYS else f"SELECT id FROM files WHERE {expr} > ? ORDER BY {expr} LIMIT 100")
    params = [0, 0] if key not in UNIQUE_KEYS else [""]
    return " ".join(row[-1] for row in conn.execute("EXPLAIN QUERY PLAN " + sql, params))


@pytest.mark.parametrize("key", sorted(set(SORT_KEYS) - UNIQUE_KEYS))
def test_index_turns_a_whole_sort_into_a_range_scan(tmp_path, key):
    store = open_store_file(tmp_path / "s.sqlite")
    conn = store.db.conn
    with conn:
        conn.executemany("INSERT INTO files(path, kind, size, modified_ns) VALUES (?, 'file', ?, ?)",
                         [(f"f{i}", i % 7, i) for i in range(200)])
    assert not has_sort_index(conn, key)
    assert "TEMP B-TREE" in _plan(conn, key)
    build_sort_index(conn, key)
    assert has_sort_index(conn, key)
    plan = _plan(conn, key)
    assert "TEMP B-TREE" not in plan and f"files_sort_{key}" in plan
    store.close()


def test_name_order_needs_no_index_of_its_own(tmp_path):
    store = open_store_file(tmp_path / "s.sqlite")
    assert has_sort_index(store.db.conn, "path")
    assert "TEMP B-TREE" not in _plan(store.db.conn, "path")
    store.close()
