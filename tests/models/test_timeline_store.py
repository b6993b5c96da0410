"""The store's timeline table: the same instants as the streamed records, filters as WHERE clauses, the
histogram, rebuilt only when files or the manifest change, and the migration that adds it."""

import shutil
import sqlite3
import threading

import pytest

from models.store.store import open_store_file
from models.store.store_schema import SCHEMA_VERSION, migrate_to_1
from models.timeline import timeline_store as ts
from models.timeline.timeline import timeline_records
from tests.models.test_timeline import ns, set_mtime, typed_store, write_case

EXTRA_PHOTO = "exif/Pillow/Tests/images/ultrahdr.jpg"  # EXIF with an offset: zone known


def table_rows(conn, where="", params=()):
    sql = (f"SELECT t.at_utc_ns, t.kind, t.source, t.zone_known, t.item, {ts.PATH_SQL}, COALESCE(f.mime, ''), "
           f"COALESCE(t.label, '') FROM {ts.FROM}" + (f" WHERE {where}" if where else ""))
    return sorted((tuple(r) for r in conn.execute(sql, list(params))), key=repr)


def streamed(store, bundle, flt=None):
    return sorted(((r.at_utc_ns, r.kind_of_time, r.source, int(r.zone_known), r.item, r.path, r.mime or "",
                    r.label or "") for r in timeline_records(store, bundle, flt)), key=repr)


def case(tmp_path, corpus_dir, store_dir):
    extra = {"evidence/E1/pixel.jpg": (corpus_dir / EXTRA_PHOTO).read_bytes()}
    root = write_case(tmp_path / "b", corpus_dir, files=extra)
    set_mtime(root / "evidence/E1/photo.jpg", "2008-10-22T08:28:39+00:00")
    return typed_store(root, store_dir)


def test_table_holds_every_time_the_stream_gives(tmp_path, corpus_dir, store_dir):
    bundle, store = case(tmp_path, corpus_dir, store_dir)
    conn = store.db.conn
    assert ts.build_timeline(conn, bundle) is True
    rows = table_rows(conn)
    assert rows == streamed(store, bundle)
    kinds = {r[1] for r in rows}
    assert {"modified", "accessed", "changed", "exif_original", "prepared", "sealed", "document"} <= kinds
    exif = {r[5]: r for r in rows if r[1] == "exif_original"}
    assert exif["evidence/E1/photo.jpg"][3] == 0 and exif["evidence/E1/pixel.jpg"][3] == 1  # zone unknown / known
    assert ts.count(conn) == len(rows)


def test_filters_are_where_clauses_that_keep_what_the_stream_keeps(tmp_path, corpus_dir, store_dir):
    from models.timeline.timeline import TimelineFilter

    bundle, store = case(tmp_path, corpus_dir, store_dir)
    conn = store.db.conn
    ts.build_timeline(conn, bundle)
    day = dict(start_ns=ns("2026-11-18T00:00:00+08:00"), end_ns=ns("2026-11-19T00:00:00+08:00"))
    where, params = ts.where_clause(day)
    assert table_rows(conn, where, params) == streamed(store, bundle, TimelineFilter(**day))
    where, params = ts.where_clause({"file_type": "image/"})
    assert table_rows(conn, where, params) == streamed(store, bundle, TimelineFilter(mime_prefix="image/"))
    where, params = ts.where_clause({"kind": "modified", "item": "E1"})
    assert table_rows(conn, where, params) == streamed(
        store, bundle, TimelineFilter(kinds=frozenset({"modified"}), items=frozenset({"E1"})))
    where, params = ts.where_clause({"source": "manifest"})
    assert table_rows(conn, where, params) == streamed(store, bundle, TimelineFilter(sources=frozenset({"manifest"})))
    where, params = ts.where_clause({"text": "PIXEL"})  # a path substring, any case
    assert {r[5] for r in table_rows(conn, where, params)} == {"evidence/E1/pixel.jpg"}
    where, params = ts.where_clause({"text": "%"})  # a literal, not a wildcard
    assert table_rows(conn, where, params) == []


def test_histogram_counts_every_time_once(tmp_path, corpus_dir, store_dir):
    bundle, store = case(tmp_path, corpus_dir, store_dir)
    conn = store.db.conn
    ts.build_timeline(conn, bundle)
    start, end, bins = ts.histogram(conn, bins=50)
    assert (start, end) == ts.span(conn) and len(bins) == 50 and sum(bins) == ts.count(conn)
    assert bins[0] > 0 and bins[-1] > 0  # the earliest and the latest fall inside
    where, params = ts.where_clause({"kind": "exif_original"})
    start, end, bins = ts.histogram(conn, where, params, bins=7)
    assert sum(bins) == 2 and bins[0] == 1 and bins[-1] == 1
    assert ts.histogram(conn, *ts.where_clause({"kind": "nothing"}), bins=7) is None


def test_rebuilt_only_when_files_or_types_change(tmp_path, corpus_dir, store_dir):
    bundle, store = case(tmp_path, corpus_dir, store_dir)
    conn = store.db.conn
    assert ts.build_timeline(conn, bundle) is True
    assert ts.build_timeline(conn, bundle) is False  # nothing changed: nothing written
    with conn:
        conn.execute("UPDATE files SET modified_ns = modified_ns + 5 WHERE path = 'evidence/E1/note.txt'")
    assert ts.build_timeline(conn, bundle) is True
    assert table_rows(conn) == streamed(store, bundle)
    with conn:
        conn.execute("UPDATE files SET exif_json = NULL WHERE path = 'evidence/E1/pixel.jpg'")
    assert ts.build_timeline(conn, bundle) is True
    assert not [r for r in table_rows(conn) if r[5] == "evidence/E1/pixel.jpg" and r[2] == "exif"]
    stop = threading.Event()
    stop.set()
    with pytest.raises(InterruptedError):  # stopped halfway: the table is not claimed up to date
        ts.build_timeline(conn, bundle, cancel=stop, force=True)
    assert ts.build_timeline(conn, bundle) is True
    assert table_rows(conn) == streamed(store, bundle)


def test_memory_timeline_shows_records_by_the_same_queries():
    rows = [(30, "modified", "filesystem", "E1", "a.jpg", "image/jpeg", True, ""),
            (10, "sealed", "manifest", "E1", None, "", True, "sealing.sealed_at"),
            (20, "exif_original", "exif", "E1", "a.jpg", "image/jpeg", False, "")]
    conn = ts.memory_timeline(rows)
    assert sorted(r[0] for r in table_rows(conn)) == [10, 20, 30]
    assert ts.distinct_values(conn, "type") == ["image/jpeg"]
    assert ts.distinct_values(conn, "kind") == ["exif_original", "modified", "sealed"]
    assert ts.count(conn, *ts.where_clause({"file_type": "image/jpeg"})) == 2


def test_a_version_1_store_is_backed_up_and_gains_the_table(tmp_path):
    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path)
    migrate_to_1(conn)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO files(path, kind, modified_ns) VALUES ('a', 'file', 5)")
    conn.commit()
    conn.close()
    store = open_store_file(path)
    assert SCHEMA_VERSION >= 2
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert store.db.execute("SELECT count(*) FROM timeline").fetchone()[0] == 0
    indexes = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE tbl_name = 'timeline'")}
    assert {"timeline_at", "timeline_kind_at"} <= indexes
    backup = sqlite3.connect(tmp_path / "old.sqlite.v1.bak")
    assert backup.execute("PRAGMA user_version").fetchone()[0] == 1  # the old file as it was, before migrating
    assert backup.execute("SELECT path FROM files").fetchall() == [("a",)]
    assert not backup.execute("SELECT 1 FROM sqlite_master WHERE name = 'timeline'").fetchall()
    backup.close()
    assert store.db.execute("SELECT path FROM files").fetchall() == [("a",)]
    store.close()
    shutil.rmtree(tmp_path, ignore_errors=True)
