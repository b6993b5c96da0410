"""The 时间线 tab: every time of a scanned bundle in one table, filters narrow it, the strip bins it, rows pick
files."""

from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt

from models.bundle.manifest import load_bundle
from models.common.timeutil import dt_to_ns
from models.inventory.scan import scan_bundle
from models.inventory.typing_pass import fill_types
from models.store.store import open_store
from tests.ui.shots import save_shot, use_cjk_font
from ui.app import make_context
from ui.timeline.density_strip import DensityStrip
from ui.timeline.timeline_model import COL_KIND, COL_TIME, NsRole, PathRole, TimelineTableModel
from ui.timeline.timeline_tab import TimelineTab

TIMEOUT = 60_000
CST = timezone(timedelta(hours=8))


@pytest.fixture
def context(tmp_path, store_dir):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    ctx = make_context(store_dir=store_dir, settings=settings)
    yield ctx
    ctx.runner.cancel_all()
    ctx.runner.wait(10_000)


def shown_tab(qtbot, context, bundle, store) -> TimelineTab:
    """A 时间线 tab on screen with the case loaded (its first rows in)."""
    tab = TimelineTab(context)
    qtbot.addWidget(tab)
    tab.resize(1150, 640)
    tab.show()
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        tab.set_case(bundle, store)
    return tab


@pytest.fixture
def loaded_tab(qtbot, qapp, context, make_bundle, store_dir):
    use_cjk_font(qapp)
    bundle = load_bundle(make_bundle.clean())
    store = open_store(bundle, store_dir)
    scan_bundle(bundle, store)
    fill_types(bundle, store, workers=1)
    tab = shown_tab(qtbot, context, bundle, store)
    return tab, bundle, store


def test_every_file_time_is_shown_in_the_case_zone(loaded_tab, tmp_path):
    tab, bundle, store = loaded_tab
    model = tab.model
    assert model.all_count() > 0 and model.total_count() == model.all_count()
    modified = dict(store.db.execute("SELECT path, modified_ns FROM files WHERE kind = 'file' "
                                     "AND modified_ns IS NOT NULL").fetchall())  # TSK's $MBR, $FAT1: no time
    records = (model.record(i) for i in range(model.total_count()))
    shown = {(r["path"], r["ns"]) for r in records if r["kind"] == "modified"}
    assert {(p, ns) for p, ns in modified.items()} <= shown
    assert "+08:00" in model.index(0, COL_TIME).data()
    times = model.times()
    assert times == sorted(times)
    assert sum(tab.strip.bins) == len(times) and len(tab.strip.bins) > 1
    save_shot(tab, "timeline", tmp_path)


def test_filters_narrow_and_the_window_picks_a_burst(loaded_tab):
    tab, _bundle, _store = loaded_tab
    total = tab.model.total_count()
    tab.kind_combo.setCurrentIndex(tab.kind_combo.findData("modified"))
    tab.apply_filter()
    assert 0 < tab.model.total_count() < total
    assert {tab.model.record(i)["kind"] for i in range(tab.model.total_count())} == {"modified"}
    tab.clear_filter()
    assert tab.model.total_count() == total
    times = sorted(tab.model.times())
    start, end = times[len(times) // 2], times[-1]
    tab.set_window(start, end)
    inside = tab.model.times()
    assert inside and all(start // 10**9 * 10**9 <= t < end for t in inside) and len(inside) < total
    assert sum(tab.strip.bins) == len(inside)


def test_selecting_a_row_emits_its_path(qtbot, loaded_tab):
    tab, _bundle, _store = loaded_tab
    row = next(r for r in range(tab.model.rowCount()) if tab.model.index(r, 0).data(PathRole))
    path = tab.model.index(row, 0).data(PathRole)
    with qtbot.waitSignal(tab.file_selected) as picked:
        tab.view.selectRow(row)
    assert picked.args == [path]


def test_model_sorts_filters_and_passes_qtmodeltester(qtmodeltester):
    base = datetime(2026, 10, 1, 20, 0, tzinfo=CST)
    records = [{"ns": dt_to_ns(base + timedelta(minutes=i)), "kind": "modified" if i % 2 else "exif_original",
                "source": "filesystem" if i % 2 else "exif", "item": "E1", "path": f"evidence/E1/f{i}.jpg",
                "zone_known": bool(i % 2)} for i in range(50)]
    model = TimelineTableModel()
    model.set_records(records, "Asia/Shanghai")
    model.set_anomalies({("evidence/E1/f3.jpg", "modified"): ["修改时间晚于扣押时间"]})
    qtmodeltester.check(model)
    assert model.index(0, COL_TIME).data() == "2026-10-01 20:00:00 +08:00 （时区未知）"
    model.sort(COL_TIME, Qt.SortOrder.DescendingOrder)
    assert model.index(0, 0).data(NsRole) == records[-1]["ns"]
    model.sort(COL_KIND)  # the tester stays connected and re-checks after every reset
    model.set_filter(source="exif")
    assert model.total_count() == 25
    row = model.row_of("evidence/E1/f3.jpg")
    assert row == -1
    model.set_filter()
    row = model.row_of("evidence/E1/f3.jpg")
    assert "扣押" in model.index(row, 6).data()
    assert model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.index(model.row_of("evidence/E1/f5.jpg"), 0).data(Qt.ItemDataRole.BackgroundRole) is None


def test_strip_bins_every_time_and_picks_a_window(qtbot):
    strip = DensityStrip()
    qtbot.addWidget(strip)
    strip.resize(400, 80)
    strip.set_times([], "Asia/Shanghai")
    assert strip.bins == []
    times = [10**18 + i * 10**9 for i in range(100)] + [10**18 + 5000 * 10**9 + i for i in range(300)]
    strip.set_times(times, "Asia/Shanghai")
    assert len(strip.bins) == 100 and sum(strip.bins) == 400
    assert max(strip.bins) == strip.bins[-1] >= 300  # the burst stands out
    with qtbot.waitSignal(strip.window_picked) as picked:
        qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=strip.rect().bottomRight() - QPoint(1, 20))
    start, end = picked.args
    assert strip.count_between(start, end) >= 300


def test_prepared_records_show_as_the_plain_ones_and_time_order_comes_back_after_another_sort():
    """The worker's prepare() leaves the GUI thread no normalising nor sorting; the order is the same."""
    from ui.timeline.timeline_model import COL_PATH, prepare

    base = datetime(2026, 10, 1, 20, 0, tzinfo=CST)
    records = [{"ns": dt_to_ns(base + timedelta(minutes=(i * 37) % 50)), "kind": "modified", "source": "filesystem",
                "item": "E1", "path": f"evidence/E1/f{i:02d}.jpg"} for i in range(50)]
    records.append({"kind": "modified", "path": "no time"})  # dropped by both
    plain, prepared = TimelineTableModel(), TimelineTableModel()
    plain.set_records(records, "Asia/Shanghai")
    prepared.set_records(prepare(records), "Asia/Shanghai", prepared=True)
    rows = [prepared.record(r) for r in range(prepared.rowCount())]
    assert rows == [plain.record(r) for r in range(plain.rowCount())]
    assert [r["ns"] for r in rows] == sorted(r["ns"] for r in rows) and len(rows) == 50
    prepared.sort(COL_PATH)
    assert prepared.record(0)["path"] == "evidence/E1/f00.jpg"
    prepared.sort(COL_TIME)  # back to time order: not left in path order
    assert [prepared.record(r)["ns"] for r in range(50)] == sorted(r["ns"] for r in rows)
    assert prepared.time_span() == (rows[0]["ns"], rows[-1]["ns"])
    assert prepared.values(COL_KIND) == ["modified"]


def test_anomaly_list_is_a_model_that_shows_and_picks(qtmodeltester):
    """30k anomalies were 30k list items (1 s to fill, 1 s to clear on the GUI thread): now rows of a model."""
    from ui.timeline.timeline_anomalies import AnomalyListModel
    from ui.timeline.timeline_anomalies import NsRole as AnomalyNs
    from ui.timeline.timeline_anomalies import PathRole as AnomalyPath

    anomalies = [{"kind": "modified_after_seizure", "message": f"修改时间晚于扣押时间 {n}",
                  "path": f"evidence/E1/f{n}.jpg", "facts": {"modified_ns": 10**18 + n}} for n in range(30_000)]
    anomalies += [{"kind": "zone_unknown", "message": "时区未知"}]
    from ui.timeline.timeline_tab import anomaly_marks, anomaly_ns, anomaly_text

    model = AnomalyListModel()
    model.set_anomalies(anomalies, anomaly_text, anomaly_ns, lambda a: a.get("path"))
    qtmodeltester.check(model)
    assert model.rowCount() == 30_001
    first = model.index(0, 0)
    assert first.data() == "⚠ evidence/E1/f0.jpg　修改时间晚于扣押时间 0"
    assert (first.data(AnomalyPath), first.data(AnomalyNs)) == ("evidence/E1/f0.jpg", 10**18)
    assert model.index(30_000, 0).data() == "⚠ 时区未知"
    by_key, marks = anomaly_marks(anomalies)
    assert by_key[("evidence/E1/f7.jpg", "modified")] == ["修改时间晚于扣押时间 7"]
    assert len(marks) == 30_000 and marks == sorted(marks)


def test_picking_an_anomaly_selects_its_time_and_the_collector_is_released(loaded_tab):
    import gc

    from ui.common.collector import _collection

    tab, _bundle, _store = loaded_tab
    assert _collection["held"] == 0 and gc.isenabled()  # the load held it off in the worker, and let it go
    assert tab.anomaly_model.rowCount() == len(tab.anomalies) > 0
    from ui.timeline.timeline_anomalies import NsRole as AnomalyNs
    from ui.timeline.timeline_anomalies import PathRole as AnomalyPath

    row = next(r for r in range(tab.anomaly_model.rowCount()) if tab.anomaly_model.index(r, 0).data(AnomalyPath))
    index = tab.anomaly_model.index(row, 0)
    tab.anomaly_list.setCurrentIndex(index)
    picked = tab.model.record(tab.view.currentIndex().row())

    assert picked["path"] == index.data(AnomalyPath)
    assert index.data(AnomalyNs) is None or picked["ns"] == index.data(AnomalyNs)


def test_a_large_timeline_is_paged_from_the_store_and_counted_in_a_worker(qtbot, qapp, context, make_bundle,
                                                                             store_dir, monkeypatch):
    """The rows come from the store's timeline table a page at a time (never the whole list), and with many
    times the count and the density strip are read by a worker; filters and anomaly picks still find rows."""
    import ui.timeline.timeline_tab as timeline_tab
    from ui.timeline.timeline_model import BATCH

    monkeypatch.setattr(timeline_tab, "SYNC_BELOW", 0)  # every count through the worker
    bundle = load_bundle(make_bundle.clean())
    store = open_store(bundle, store_dir)
    scan_bundle(bundle, store)
    base = dt_to_ns(datetime(2020, 1, 1, tzinfo=CST))
    with store.db.conn:
        store.db.conn.executemany(
            "INSERT INTO files(path, item, kind, modified_ns, accessed_ns, changed_ns)"
            " VALUES (?, 'E1', 'file', ?, ?, ?)",
            [(f"evidence/E1/many/f{i:05d}.txt", base + i * 10**9, base + i * 10**9 + 7, base + 10**15 + i)
             for i in range(3000)])
    tab = shown_tab(qtbot, context, bundle, store)
    model = tab.model
    assert model.connection() is store.db.conn  # the store's table, not a list in the model
    total = model.all_count()
    assert total >= 9000 and model.rowCount() == BATCH < total
    qtbot.waitUntil(lambda: tab.stats_handle is None, timeout=TIMEOUT)
    assert sum(tab.strip.bins) == tab.strip.total == total
    assert f"{total:,} / {total:,}" in tab.count_label.text()
    start, end = base + 1000 * 10**9, base + 2000 * 10**9
    tab.set_window(start, end)
    qtbot.waitUntil(lambda: tab.stats_handle is None, timeout=TIMEOUT)
    inside = model.total_count()
    assert 2000 <= inside < total and sum(tab.strip.bins) == inside
    assert f"{inside:,} / {total:,}" in tab.count_label.text()
    tab.clear_filter()
    row = model.row_of("evidence/E1/many/f02999.txt", base + 10**15 + 2999)  # far past the first page
    assert row >= BATCH and model.record(row)["kind"] == "changed"
    while model.canFetchMore():
        model.fetchMore()
    times = [model.record(r)["ns"] for r in range(model.rowCount())]
    assert len(times) == total and times == sorted(times)


def test_strip_draws_a_histogram_from_the_store_and_its_marks_by_column(qtbot):
    strip = DensityStrip()
    qtbot.addWidget(strip)
    strip.resize(400, 80)
    base = 10**18
    strip.set_histogram((base, base + 10**6, [5, 0, 0, 7]), 12, "Asia/Shanghai", [base, base + 10, base + 10**6])
    assert strip.bins == [5, 0, 0, 7] and strip.total == 12 and strip.times == []
    assert strip.mark_columns() == [0, 399]  # two marks in the first pixel column, one in the last
    assert strip.count_between(base, base + 10**6 + 1) == 12
    assert strip.count_between(base + 300_000, base + 700_000) == 0
    strip.set_histogram(None, 0, "Asia/Shanghai")
    assert strip.bins == [] and strip.mark_columns() == []


def test_time_text_is_format_local_without_strftime():
    from models.common.timeutil import format_local, zone
    from ui.timeline.timeline_model import local_text

    for tz_name in ("Asia/Shanghai", "America/New_York", "Asia/Kolkata", "UTC"):
        for ns in (0, -1, 1_790_000_000_999_999_999, -2_000_000_000_123_000_000, 1_700_000_000 * 10**9 + 5):
            assert local_text(ns, zone(tz_name), tz_name) == format_local(ns, tz_name)


def test_a_reload_of_the_same_case_is_not_failed_by_the_load_it_cancels(qtbot, qapp, context, make_bundle, store_dir,
                                                                          monkeypatch):
    """After the types the window loads the same bundle again: the first load, cancelled halfway through
    building the table, answers too and must neither show a failure nor clear the new load."""
    import models.timeline.timeline_store as ts
    from ui.common.collector import _collection

    real, calls = ts.build_timeline, []

    def first_waits_for_its_cancel(conn, bundle, progress=None, cancel=None, force=False):
        calls.append(1)
        if len(calls) == 1:
            assert cancel.wait(30)
            raise InterruptedError("cancelled")
        return real(conn, bundle, progress, cancel, force)

    monkeypatch.setattr(ts, "build_timeline", first_waits_for_its_cancel)

    bundle = load_bundle(make_bundle.clean())
    store = open_store(bundle, store_dir)
    scan_bundle(bundle, store)
    tab = TimelineTab(context)
    qtbot.addWidget(tab)
    tab.show()
    answers = []
    tab.loaded.connect(answers.append)
    tab.set_case(bundle, store)
    fill_types(bundle, store, workers=1)
    tab.set_case(bundle, store)
    qtbot.waitUntil(lambda: bool(answers) and _collection["held"] == 0 and tab.handle is None, timeout=TIMEOUT)
    qtbot.wait(300)
    assert len(calls) == 2 and -1 not in answers and "失败" not in tab.count_label.text()
    assert tab.model.all_count() == len(tab.model.times()) > 0
    assert _collection["held"] == 0


def test_a_hidden_tab_reads_the_case_when_shown(qtbot, context, make_bundle, store_dir):
    bundle = load_bundle(make_bundle.clean())
    store = open_store(bundle, store_dir)
    scan_bundle(bundle, store)
    tab = TimelineTab(context)
    qtbot.addWidget(tab)
    tab.set_case(bundle, store)
    qtbot.wait(200)
    assert tab.handle is None and tab.model.all_count() == 0  # nothing read for a tab nobody sees
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        tab.show()
    assert tab.model.all_count() > 0


class Counting:
    """A connection that counts the statements run on it (the GUI thread's, in these tests)."""

    def __init__(self, conn):
        self.conn, self.calls = conn, 0

    def execute(self, *args):
        self.calls += 1
        return self.conn.execute(*args)


def at_once_reader(path, log: list, deferred: list | None = None):
    """A reader that runs fn at once (or, given `deferred`, when the test says) on a connection of its own."""
    import threading

    from models.timeline.timeline_order import read_connection

    def read(fn, on_done):
        def run():
            own = read_connection(path)
            try:
                result = fn(own, threading.Event())
            finally:
                own.close()
            log.append(result)
            on_done(result)
        if deferred is None:
            run()
        else:
            deferred.append(run)
    return read


def test_the_next_batch_is_read_by_a_worker_and_fetch_more_takes_it(tmp_path):
    from tests.models.test_timeline_order import make_timeline
    from ui.timeline.timeline_model import BATCH

    store, _bundle = make_timeline(tmp_path / "s.sqlite", files=3000)
    conn, reads = Counting(store.db.conn), []
    model = TimelineTableModel()
    model.set_source(conn, "Asia/Shanghai", reader=at_once_reader(store.path, reads))
    assert model.rowCount() == BATCH and len(reads) == 1  # the next batch read already, by the reader
    conn.calls = 0
    model.fetchMore()
    assert model.rowCount() == 3 * BATCH and conn.calls == 0  # taken as read: no query on this connection
    while model.canFetchMore():
        model.fetchMore()
    assert conn.calls == 0 and len(reads) > 3  # every batch after the first: read by the reader
    plain = TimelineTableModel()
    plain.set_source(store.db.conn, "Asia/Shanghai")
    while plain.canFetchMore():
        plain.fetchMore()
    assert [model.record(r) for r in range(model.rowCount())] == [plain.record(r) for r in range(plain.rowCount())]
    store.close()


def test_fetch_more_leaves_a_batch_a_worker_is_reading_to_it_and_reads_one_not_begun_itself(tmp_path):
    """Neither waiting for a worker that is reading the next rows nor reading them again beside it: on a busy
    machine either made a scroll wait for the other (57-70 ms). The rows go in when the worker answers."""
    import threading

    from models.timeline.timeline_order import read_connection
    from tests.models.test_timeline_order import make_timeline
    from ui.timeline.timeline_model import BATCH

    store, _bundle = make_timeline(tmp_path / "s.sqlite", files=3000)
    began, release, later = threading.Event(), threading.Event(), []

    class Slow(Counting):
        def execute(self, *args):
            began.set()
            release.wait(10)
            return super().execute(*args)

    worker_conns = []

    def reader(fn, on_done):
        def run():
            own = Slow(read_connection(store.path))
            worker_conns.append(own)
            try:
                fn(own, threading.Event())
            finally:
                own.conn.close()
        later.append((run, on_done))

    conn = Counting(store.db.conn)
    model = TimelineTableModel()
    model.set_source(conn, "Asia/Shanghai", reader=reader)
    assert model.rowCount() == BATCH and len(later) == 1
    worker = threading.Thread(target=later[0][0])
    worker.start()
    assert began.wait(10)  # the worker is reading the next batch
    conn.calls = 0
    model.fetchMore()
    assert model.rowCount() == BATCH and conn.calls == 0  # neither read here nor waited for
    release.set()
    worker.join(10)
    later[0][1](None)  # the worker's answer, on the GUI thread
    assert model.rowCount() == 3 * BATCH and conn.calls == 0  # its rows went in
    assert len(later) == 2  # the next one asked: its worker has not begun
    model.fetchMore()
    assert model.rowCount() == 7 * BATCH and conn.calls > 0  # read here
    later[1][0]()  # begins late: reads nothing
    assert worker_conns[1].calls == 0
    while model.canFetchMore():  # a loop with no events (a test, row_of) still gets every row
        model.fetchMore()
        for run, on_done in later[2:]:
            run()
        del later[2:]
    plain = TimelineTableModel()
    plain.set_source(store.db.conn, "Asia/Shanghai")
    assert model.rowCount() == plain.all_count() and model.record(model.rowCount() - 1)["ns"] == max(plain.times())
    store.close()


def test_locate_finds_a_row_far_down_in_a_worker_and_again_after_a_new_query(tmp_path):
    from tests.models.test_timeline_order import make_timeline

    store, _bundle = make_timeline(tmp_path / "s.sqlite", files=3000)
    path, ns = store.db.conn.execute("SELECT f.path, t.at_utc_ns FROM timeline t JOIN files f ON f.id = t.file_id "
                                     "ORDER BY t.at_utc_ns DESC, t.id DESC LIMIT 1 OFFSET 40").fetchone()
    plain = TimelineTableModel()
    plain.set_source(store.db.conn, "Asia/Shanghai")
    want = plain.row_of(path, ns)
    conn, reads = Counting(store.db.conn), []
    model = TimelineTableModel()
    model.set_source(conn, "Asia/Shanghai", reader=at_once_reader(store.path, reads))
    conn.calls, found = 0, []
    model.locate(path, ns, found.append)
    assert found == [want] and want > 5000 and conn.calls == 0  # found, counted and read by the reader
    assert model.rowCount() > want and model.record(want) == plain.record(want)
    assert model.index(want, 0).data(PathRole) == path and model.index(want, 0).data(NsRole) == ns
    later: list = []
    model.set_source(conn, "Asia/Shanghai", reader=at_once_reader(store.path, reads, later))
    found.clear()
    model.locate(path, ns, found.append)
    kind = store.db.conn.execute("SELECT kind FROM timeline WHERE at_utc_ns = ?", [ns]).fetchone()[0]
    model.set_filter(kind=kind)  # a new query before the worker answers: looked for again under it
    for run in later:  # the second look is queued while the first answers
        run()
    plain.set_filter(kind=kind)
    assert found == [plain.row_of(path, ns)] and 0 <= found[0] < want
    assert model.record(found[0]) == plain.record(found[0])
    store.close()


def test_anomalies_repaint_only_the_rows_they_are_about(qtbot):
    from PySide6.QtWidgets import QTableView

    from ui.timeline.timeline_model import COL_NOTE

    base = datetime(2026, 10, 1, 20, 0, tzinfo=CST)
    records = [{"ns": dt_to_ns(base + timedelta(minutes=i)), "kind": "modified", "source": "filesystem",
                "item": "E1", "path": f"evidence/E1/f{i}.jpg"} for i in range(50)]
    model = TimelineTableModel()
    model.set_records(records, "Asia/Shanghai")
    view = QTableView()
    view.setModel(model)
    qtbot.addWidget(view)
    view.resize(900, 300)
    view.show()
    view.grab()  # painted: the rows on screen have their cells made
    changed = []
    model.dataChanged.connect(lambda first, last, *_: changed.append((first.row(), last.row())))
    model.set_anomalies({("evidence/E1/f3.jpg", "modified"): ["修改时间晚于扣押时间"]})
    assert changed == [(3, 3)]  # not every row fetched
    assert "扣押" in model.index(3, COL_NOTE).data() and model.index(4, COL_NOTE).data() == ""
    assert model.index(3, 1).data(Qt.ItemDataRole.BackgroundRole) is not None
    view.grab()
    changed.clear()
    model.set_anomalies({("evidence/E1/f49.jpg", None): ["x"]})  # row 49 is not on screen; row 3 loses its note
    assert changed == [(3, 3)]
    assert model.index(3, COL_NOTE).data() == "" and "x" in model.index(49, COL_NOTE).data()


def test_a_large_timeline_sorts_by_path_from_an_order_table_made_in_a_worker(qtbot, context, tmp_path, monkeypatch):
    """A sort by a column other than time on millions of times was an ORDER BY at each fetch on the GUI thread:
    now its order table is made in a worker (the count label says so), the rows keep their order until it is
    there, then page by it; filters and anomaly picks work in that order."""
    import threading

    import models.timeline.timeline_order as timeline_order
    import ui.timeline.timeline_tab as timeline_tab
    from tests.models.test_timeline_order import make_timeline
    from ui.timeline.timeline_anomalies import PathRole as AnomalyPath
    from ui.timeline.timeline_model import COL_PATH, COL_TYPE

    monkeypatch.setattr(timeline_tab, "SYNC_BELOW", 0)
    monkeypatch.setattr(timeline_order, "ORDER_FROM", 1000)
    release, real_build = threading.Event(), timeline_tab.build_order

    def build_when_released(path, key):
        job = real_build(path, key)
        return lambda progress, cancel: (release.wait(30), job(progress, cancel))[1]

    monkeypatch.setattr(timeline_tab, "build_order", build_when_released)
    store, bundle = make_timeline(tmp_path / "s.sqlite", files=3000)
    tab = shown_tab(qtbot, context, bundle, store)
    qtbot.waitUntil(lambda: tab.stats_handle is None, timeout=TIMEOUT)
    counted = tab.count_label.text()
    ascending, descending = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder
    with qtbot.waitSignal(tab.model.order_needed, timeout=TIMEOUT):
        tab.view.sortByColumn(COL_PATH, ascending)
    qtbot.wait(50)
    assert tab.model.sort_state() == (COL_TIME, ascending)  # in time order until the order table is there
    assert "排序" in tab.count_label.text() and tab.sort_handle.running
    release.set()
    qtbot.waitUntil(lambda: tab.sort_handle is None, timeout=TIMEOUT)
    assert tab.model.sort_state() == (COL_PATH, ascending) and tab.count_label.text() == counted
    assert tab.view.horizontalHeader().sortIndicatorSection() == COL_PATH

    def keys():
        while tab.model.canFetchMore():
            tab.model.fetchMore()
        return [(r["path"] or "", r["ns"]) for r in map(tab.model.record, range(tab.model.rowCount()))]

    shown = keys()
    assert len(shown) == tab.model.all_count() and shown == sorted(shown)
    tab.view.sortByColumn(COL_PATH, descending)  # its table is there: at once
    assert tab.model.sort_state() == (COL_PATH, descending) and keys() == sorted(shown, reverse=True)
    tab.kind_combo.setCurrentIndex(tab.kind_combo.findData("changed"))
    tab.apply_filter()
    changed = keys()
    assert changed == sorted(changed, reverse=True) and 0 < len(changed) < len(shown)
    assert {tab.model.record(r)["kind"] for r in range(tab.model.rowCount())} == {"changed"}
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):  # the window loads a case again (after the types)
        tab.set_case(bundle, store)
    assert tab.model.sort_state() == (COL_TIME, ascending)  # the load starts in time order, its header says so
    assert tab.view.horizontalHeader().sortIndicatorSection() == COL_TIME
    tab.view.sortByColumn(COL_PATH, descending)  # the table is still the timeline's: at once
    assert tab.model.sort_state() == (COL_PATH, descending) and tab.sort_handle is None
    tab.clear_filter()
    anomalies = tab.anomaly_model
    row = next(r for r in range(anomalies.rowCount() - 1, -1, -1) if anomalies.index(r, 0).data(AnomalyPath))
    tab.anomaly_list.setCurrentIndex(anomalies.index(row, 0))
    qtbot.waitUntil(lambda: not tab.pick_pending, timeout=TIMEOUT)
    assert tab.model.record(tab.view.currentIndex().row())["path"] == anomalies.index(row, 0).data(AnomalyPath)
    tab.view.sortByColumn(COL_TIME, ascending)
    assert tab.model.sort_state() == (COL_TIME, ascending)
    assert [tab.model.record(r)["ns"] for r in range(5)] == tab.model.times()[:5]
    tab.view.sortByColumn(COL_TYPE, ascending)  # its table is made...
    assert tab.sort_handle is not None
    tab.view.sortByColumn(COL_TIME, descending)  # ...but time is asked before it is done: time it stays
    assert tab.sort_handle is None and "排序" not in tab.count_label.text()
    qtbot.waitUntil(lambda: not context.runner.busy(), timeout=TIMEOUT)
    qtbot.wait(50)
    assert tab.model.sort_state() == (COL_TIME, descending)
    assert tab.view.horizontalHeader().sortIndicatorSection() == COL_TIME
    tab.set_case(None, None)
    store.close()
