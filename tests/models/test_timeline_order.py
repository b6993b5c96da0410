"""The timeline read a batch at a time in every order it offers: the same rows, in the same order, as one ORDER BY
by SQLite, from the indexes, from an order table, or found far down by locate."""

import threading
from types import SimpleNamespace

import pytest

from models.common.timeutil import ns_to_utc_iso
from models.store.store import open_store_file
from models.timeline import timeline_order as to
from models.timeline import timeline_store as ts

BASE = 1_790_000_000_000_000_000
TZ = "Asia/Shanghai"


def make_timeline(path, files: int = 900):
    """A store whose timeline has ties in every sort key (equal times, paths with several times, types, items,
    zone known and not), files without a type, and manifest rows with a path of their own."""
    store = open_store_file(path)
    rows = []
    for i in range(files):
        photo = i % 7 == 0
        modified = BASE + (i % 50) * 1_000_000_000  # 18 files share each modified time
        exif = f'{{"original_utc_ns": {modified - 3600 * 10**9}, "zone_known": {"true" if i % 2 else "false"}}}'
        rows.append((f"evidence/E{i % 3 + 1}/d{i % 11}/f{(i * 7919) % files:05d}.{'jpg' if photo else 'txt'}",
                     f"E{i % 3 + 1}" if i % 13 else None, "file", modified, BASE + i * 7, BASE - i,
                     "local" if i % 17 == 0 else None, ("image/jpeg" if photo else "text/plain") if i % 5 else None,
                     exif if photo else None))
    with store.db.conn:
        store.db.conn.executemany("INSERT INTO files(path, item, kind, modified_ns, accessed_ns, changed_ns, "
                                  "time_source, mime, exif_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    at = ns_to_utc_iso(BASE + 20 * 1_000_000_000).replace("Z", "+00:00")
    items = [{"id": "E1", "title": "t", "kind": "onsite_extraction",
              "content": [{"path": "evidence/E1", "type": "directory"}],
              "acquisition": {"started_at": at, "finished_at": at}, "sealing": {"sealed": True, "sealed_at": at}}]
    bundle = SimpleNamespace(timezone=TZ, root=path.parent, adhoc=False, digest="d", items=items,
                             case={"prepared_at": at, "timezone": TZ})
    ts.build_timeline(store.db.conn, bundle)
    return store, bundle


def expected(conn, order: to.Order, where="", params=()):
    """Every id under the filter in one ORDER BY: what paging must give."""
    expr, direction = to.SORT_EXPR[order.key], order.direction
    keys = ([expr] if expr else []) + ["t.at_utc_ns", "t.id"]
    sql = (f"SELECT t.id FROM {ts.FROM}" + (f" WHERE {where}" if where else "")
           + " ORDER BY " + ", ".join(f"{k} {direction}" for k in keys))
    return [i for (i,) in conn.execute(sql, list(params))]


def paged(conn, order, where="", params=(), batch=97):
    ids, last = [], None
    while True:
        chunk, key = to.next_ids(conn, where, list(params), order, last, batch)
        ids += chunk.tolist()
        if len(chunk) < batch:
            return ids
        last = key


FILTERS = [("", []), ts.where_clause({"kind": "modified"}), ts.where_clause({"file_type": "image/", "item": "E2"}),
           ts.where_clause({"start_ns": BASE + 10 * 10**9, "end_ns": BASE + 30 * 10**9, "text": "d3"})]


@pytest.mark.parametrize("key", list(to.SORT_EXPR))
def test_every_order_is_paged_as_sqlite_orders_it(tmp_path, key):
    store, _bundle = make_timeline(tmp_path / "s.sqlite")
    conn = store.db.conn
    for descending in (False, True):
        for where, params in FILTERS:
            order = to.Order(key, descending)
            want = expected(conn, order, where, params)
            assert want and paged(conn, order, where, params) == want
            if key not in to.INDEXED:
                if not to.has_order_table(conn, key):
                    to.build_order_table(conn, key)
                table = to.Order(key, descending, table=True)
                assert paged(conn, table, where, params) == want, (key, descending, where)
    store.close()


def test_locate_counts_and_reads_up_to_the_row(tmp_path):
    store, _bundle = make_timeline(tmp_path / "s.sqlite")
    conn = store.db.conn
    to.build_order_table(conn, "path")
    picks = conn.execute(f"SELECT {ts.PATH_SQL}, t.at_utc_ns FROM {ts.FROM} WHERE t.kind = 'changed' "
                         "ORDER BY t.id DESC LIMIT 3").fetchall()
    for order in (to.TIME_ORDER, to.Order("time", True), to.Order("path", False, table=True),
                  to.Order("source", True)):
        for where, params in FILTERS[:2]:
            want = expected(conn, order, where, params)
            have = 150
            head, after = to.read_ids(conn, where, params, order, None, have)
            assert head.tolist() == want[:have]
            for path, ns in picks:
                found = to.locate(conn, where, params, order, path, ns, have, after)
                rows = [r for r, i in enumerate(want) if conn.execute(
                    f"SELECT {ts.PATH_SQL}, t.at_utc_ns FROM {ts.FROM} WHERE t.id = ?", [i]).fetchone() == (path, ns)]
                if not rows:
                    assert found is None
                    continue
                row, ids, last = found
                assert row == rows[0]
                assert (head.tolist() + ids.tolist())[:row + 1] == want[:row + 1]
                if row >= have:
                    assert len(ids) == row + 1 - have and last is not None
                assert to.find_key(conn, where, params, order, path) is not None  # without the instant too
    store.close()


def test_order_tables_go_when_the_timeline_is_built_again(tmp_path):
    store, bundle = make_timeline(tmp_path / "s.sqlite")
    conn = store.db.conn
    steps = []
    to.build_order_table(conn, "type", lambda done, total, *_: steps.append((done, total)))
    assert to.has_order_table(conn, "type") and not to.has_order_table(conn, "path")
    assert steps and steps[-1][0] == steps[-1][1]  # ends at its total
    assert all(done <= total for done, total in steps)
    with conn:
        conn.execute("UPDATE files SET modified_ns = modified_ns + 1 WHERE id = 5")
    assert ts.build_timeline(conn, bundle) is True
    assert not to.has_order_table(conn, "type")
    assert conn.execute("SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'timeline_order_%'").fetchone()[0] == 0
    store.close()


def test_a_cancelled_order_table_is_not_left_behind(tmp_path):
    store, _bundle = make_timeline(tmp_path / "s.sqlite", files=3000)
    conn = store.db.conn
    cancel = threading.Event()

    def progress(done, _total, *_):
        if done >= 2:
            cancel.set()

    with pytest.raises(InterruptedError):
        to.build_order_table(conn, "path", progress, cancel)
    assert not to.has_order_table(conn, "path")
    assert conn.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'timeline_order_path'").fetchone()[0] == 0
    assert conn.execute("SELECT COUNT(*) FROM timeline").fetchone()[0] > 0  # the timeline itself untouched
    store.close()


def test_a_worker_reads_through_a_read_only_connection(tmp_path):
    store, _bundle = make_timeline(tmp_path / "s.sqlite")
    reader = to.read_connection(store.path)
    try:
        assert paged(reader, to.TIME_ORDER) == expected(store.db.conn, to.TIME_ORDER)
        with pytest.raises(Exception):
            reader.execute("DELETE FROM timeline")
    finally:
        reader.close()
        store.close()
