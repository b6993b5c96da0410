"""The 校验 tab verifies a bundle with the real TaskRunner (which saves the results), colours and filters them."""

import threading

import pytest
from PySide6.QtCore import QSettings, Qt

from models.bundle.manifest import load_bundle
from models.store.store import open_store
from tests.ui.shots import save_shot, use_cjk_font
from ui.app import make_context
from ui.common.tasks import TaskRunner
from ui.detail.digest_section import digest_rows
from ui.verify.verify_tab import VerifyTab
from ui.verify.verify_table_model import COL_STATUS, RED, PathRole, StatusRole, VerifyTableModel

TIMEOUT = 60_000


@pytest.fixture
def context(tmp_path, store_dir):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    ctx = make_context(store_dir=store_dir, settings=settings, runner=TaskRunner(max_threads=1))
    yield ctx
    ctx.runner.cancel_all()
    ctx.runner.wait(10_000)


def open_case(path, store_dir):
    bundle = load_bundle(path)
    return bundle, open_store(bundle, store_dir)


def run_verify(qtbot, tab, item_id=None):
    with qtbot.waitSignal(tab.verify_finished, timeout=TIMEOUT) as blocker:
        assert tab.verify(item_id) is not None
    return blocker.args[0]


def rows(model) -> list[dict]:
    while model.canFetchMore():
        model.fetchMore()
    return [model.record(r) for r in range(model.rowCount())]


def test_clean_bundle_verifies_all_match(qtbot, qapp, context, make_bundle, store_dir, tmp_path):
    use_cjk_font(qapp)
    bundle, store = open_case(make_bundle.clean(), store_dir)
    tab = VerifyTab(context)
    qtbot.addWidget(tab)
    tab.set_case(bundle, store)
    count = run_verify(qtbot, tab)
    found = rows(tab.model)
    assert count and len(found) == count
    assert {r["status"] for r in found} == {"match"}, {(r["path"], r["status"]) for r in found}
    listed = {e["path"] for item in bundle.items for e in item.get("content", []) if e.get("digests")}
    assert listed <= {r["path"] for r in found}
    stored = store.db.execute("SELECT COUNT(*) FROM verification").fetchone()[0]
    assert stored == count


def test_changed_byte_is_red_and_filters_narrow(qtbot, qapp, context, make_bundle, store_dir, tmp_path):
    use_cjk_font(qapp)
    bundle, store = open_case(make_bundle.with_defect("31.2"), store_dir)
    tab = VerifyTab(context)
    qtbot.addWidget(tab)
    tab.resize(1100, 520)
    tab.show()
    tab.set_case(bundle, store)
    run_verify(qtbot, tab)
    found = {(r["path"], r["status"]) for r in rows(tab.model)}
    assert ("evidence/E1/chat.txt", "mismatch") in found
    assert all(s == "match" for p, s in found if p != "evidence/E1/chat.txt")
    row = tab.model.row_of_path("evidence/E1/chat.txt")
    index = tab.model.index(row, COL_STATUS)
    assert index.data(StatusRole) == "mismatch"
    assert index.data(Qt.ItemDataRole.BackgroundRole).color().name() == RED[1]
    assert "不一致" in index.data()
    save_shot(tab, "verify", tmp_path)
    tab.status_filter.setCurrentIndex(tab.status_filter.findData("mismatch"))
    mismatches = rows(tab.model)
    assert {r["path"] for r in mismatches} == {"evidence/E1/chat.txt"}
    assert {r["algorithm"] for r in mismatches} >= {"sha256"}  # one row per recorded digest and algorithm
    tab.status_filter.setCurrentIndex(0)
    tab.item_filter.setCurrentIndex(tab.item_filter.findData("E1"))
    assert rows(tab.model) and {r["item"] for r in rows(tab.model)} == {"E1"}
    with qtbot.waitSignal(tab.file_selected) as picked:
        tab.view.selectRow(tab.model.row_of_path("evidence/E1/chat.txt"))
    assert picked.args == ["evidence/E1/chat.txt"]
    text = "\n".join(str(v) for _l, v in digest_rows(store, "evidence/E1/chat.txt"))
    assert "不一致" in text and "记录：" in text and "计算：" in text


def test_cancel_leaves_the_store_unchanged(qtbot, context, make_bundle, store_dir):
    bundle, store = open_case(make_bundle.clean(), store_dir)
    tab = VerifyTab(context)
    qtbot.addWidget(tab)
    tab.set_case(bundle, store)
    gate = threading.Event()
    context.runner.run(lambda progress, cancel: gate.wait(10))  # holds the one worker thread
    with qtbot.waitSignal(tab.verify_finished, timeout=TIMEOUT) as blocker:
        tab.verify()
        tab.cancel()
        gate.set()
    assert blocker.args == [None]
    assert "取消" in tab.progress_label.text()
    assert store.db.execute("SELECT COUNT(*) FROM verification").fetchone()[0] == 0
    assert tab.verify_button.isEnabled()


def test_model_passes_qtmodeltester(qtbot, qtmodeltester, context, make_bundle, store_dir):
    bundle, store = open_case(make_bundle.with_defect("31.2"), store_dir)
    tab = VerifyTab(context)
    qtbot.addWidget(tab)
    tab.set_case(bundle, store)
    run_verify(qtbot, tab)
    model = VerifyTableModel()
    model.set_store(store)
    qtmodeltester.check(model)
    model.sort(COL_STATUS, Qt.SortOrder.DescendingOrder)  # the tester stays connected and re-checks
    assert model.index(0, 0).data(PathRole)
    model.set_filter(status="mismatch")
    assert model.rowCount() > 0
    assert {model.index(r, 0).data(PathRole) for r in range(model.rowCount())} == {"evidence/E1/chat.txt"}


def test_one_item_replaces_only_its_own_results(qtbot, context, make_bundle, store_dir):
    bundle, store = open_case(make_bundle.with_defect("31.2"), store_dir)
    tab = VerifyTab(context)
    qtbot.addWidget(tab)
    tab.set_case(bundle, store)
    run_verify(qtbot, tab)
    before = store.db.execute("SELECT COUNT(*) FROM verification WHERE item != 'E1'").fetchone()[0]
    tab.scope.setCurrentIndex(tab.scope.findData("E1"))
    with qtbot.waitSignal(tab.verify_finished, timeout=TIMEOUT):
        tab.verify_button.click()
    assert store.db.execute("SELECT COUNT(*) FROM verification WHERE item != 'E1'").fetchone()[0] == before
    e1 = store.db.execute("SELECT DISTINCT status FROM verification WHERE item = 'E1'").fetchall()
    assert {"mismatch", "match"} <= {s for (s,) in e1}


def test_rows_read_back_by_the_worker_are_the_rows_of_the_store(qtbot, context, make_bundle, store_dir):
    """The worker saves and reads the table's rows on its own connection; the window shows them as its own
    query of the store would, and a filter changed during the run is honoured."""
    bundle, store = open_case(make_bundle.with_defect("31.2"), store_dir)
    tab = VerifyTab(context)
    qtbot.addWidget(tab)
    tab.set_case(bundle, store)
    count = run_verify(qtbot, tab)
    shown = rows(tab.model)
    fresh = VerifyTableModel()
    fresh.set_store(store)
    assert shown == rows(fresh) and len(shown) == count
    assert tab.model.counts() == fresh.counts() and sum(fresh.counts().values()) == count
    with qtbot.waitSignal(tab.verify_finished, timeout=TIMEOUT):
        assert tab.verify() is not None
        tab.status_filter.setCurrentIndex(tab.status_filter.findData("mismatch"))  # while the worker runs
    assert {r["path"] for r in rows(tab.model)} == {"evidence/E1/chat.txt"}
    assert {r["status"] for r in rows(tab.model)} == {"mismatch"}


def test_garbage_collection_is_off_only_while_a_verify_runs(qtbot, context, make_bundle, store_dir):
    import gc

    bundle, store = open_case(make_bundle.clean(), store_dir)
    tab = VerifyTab(context)
    qtbot.addWidget(tab)
    tab.set_case(bundle, store)
    seen = []
    context.runner.task_started.connect(lambda _h: seen.append(gc.isenabled()))
    run_verify(qtbot, tab)
    assert seen == [False] and gc.isenabled()
    gate = threading.Event()
    context.runner.run(lambda progress, cancel: gate.wait(10))  # holds the one worker thread
    with qtbot.waitSignal(tab.verify_finished, timeout=TIMEOUT) as blocker:
        tab.verify()
        tab.cancel()
        gate.set()
    assert blocker.args == [None] and gc.isenabled()


def _listed_case(tmp_path, store_dir, count: int):
    from tests.models.test_verify_memory import _bundle

    (tmp_path / f"n{count}").mkdir()
    bundle = _bundle(tmp_path / f"n{count}", count)  # a hashdeep list of `count` files: verify streams it
    return bundle, open_store(bundle, store_dir)


def test_rows_reach_the_table_before_the_run_ends(qtbot, context, tmp_path, store_dir):
    """The results stream into the table as they are made (issue 19.12): rows are shown while the run goes on,
    read from its scratch file, and the store gets them all at the end. The store is held by another writer
    until rows are shown, so that the run cannot end before (it waits for the store to save)."""
    bundle, store = _listed_case(tmp_path, store_dir, 3000)  # 6,000 results: more than one batch
    tab = VerifyTab(context)
    qtbot.addWidget(tab)
    tab.set_case(bundle, store)
    finished = []
    tab.verify_finished.connect(finished.append)
    store.db.conn.execute("BEGIN IMMEDIATE")  # the run's save waits for it (SQLite's busy timeout, 5 s)
    try:
        assert tab.verify() is not None
        qtbot.waitUntil(lambda: tab.model.rowCount() > 0, timeout=TIMEOUT)  # the first look that finds rows
        assert tab.handle is not None and not finished and tab.model.live()
        shown = tab.model.rowCount()
        assert tab.model.counts()["match"] >= shown and "一致" in tab.summary.text()
        assert tab.model.record(shown - 1)["status"] == "match"
    finally:  # at once: the run's save waits at most SQLite's busy timeout for it
        store.db.conn.execute("COMMIT")
    qtbot.waitUntil(lambda: bool(finished), timeout=TIMEOUT)
    assert finished == [6000] and not tab.model.live()
    assert tab.model.rowCount() == 6000 == store.db.execute("SELECT COUNT(*) FROM verification").fetchone()[0]
    qtbot.waitUntil(lambda: not list(store.path.parent.glob("verify-run-*")))  # the scratch file is removed


def test_rows_out_of_sight_wait_for_the_view(qtbot, context, tmp_path, store_dir):
    """Past a screenful, the rows a run makes are counted at once but put into the table only when the view
    reaches its end (fetchMore): each insertion repainted the whole table on the GUI thread, rows in sight or not.
    The store is held by another writer, so the run cannot end meanwhile."""
    bundle, store = _listed_case(tmp_path, store_dir, 3000)
    tab = VerifyTab(context)
    qtbot.addWidget(tab)
    tab.resize(1000, 500)
    tab.show()
    tab.set_case(bundle, store)
    inserted = []
    tab.model.rowsInserted.connect(lambda _parent, first, last: inserted.append(last - first + 1))
    store.db.conn.execute("BEGIN IMMEDIATE")
    try:
        assert tab.verify() is not None
        qtbot.waitUntil(lambda: tab.model.total_count() == 6000, timeout=TIMEOUT)  # every row read and counted
        qtbot.wait(1500)  # more looks than SHOW_EVERY: they showed the rows out of sight every second
        assert tab.handle is not None and tab.model.live()
        assert 0 < tab.model.rowCount() < 6000, inserted
        assert sum(tab.model.counts().values()) == 6000 and "6,000" in tab.summary.text()
        tab.view.scrollToBottom()  # the reviewer goes to the end: the view fetches a page, and the tab the rest
        qtbot.waitUntil(lambda: tab.model.rowCount() == 6000, timeout=TIMEOUT)
        assert len(inserted) < 12, inserted
    finally:
        store.db.conn.execute("COMMIT")
    with qtbot.waitSignal(tab.verify_finished, timeout=TIMEOUT):
        pass
    assert tab.model.rowCount() == 6000 and not tab.model.live()


def _traced_peak(qtbot, context, bundle, store) -> int:
    import tracemalloc

    tab = VerifyTab(context)
    qtbot.addWidget(tab)
    tab.set_case(bundle, store)
    tracemalloc.start()
    try:
        count = run_verify(qtbot, tab)
        tab.model.record(count - 1)  # a page read, as the view would
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_of_a_verify_in_the_tab_grows_little_per_file(qtbot, context, tmp_path, store_dir):
    """Traced peak of a whole verify in the tab (worker and GUI thread) at two sizes: a list of all the results
    (~1.2 KB a file, worker and table together) is gone; what grows is models' own and the table's row ids."""
    small, large = _listed_case(tmp_path, store_dir, 1000), _listed_case(tmp_path, store_dir, 5000)
    _traced_peak(qtbot, context, *small)  # imports and the helpers' first start out of the figures
    small_peak = _traced_peak(qtbot, context, *small)
    large_peak = _traced_peak(qtbot, context, *large)
    per_file = (large_peak - small_peak) / 4000
    assert per_file < 400, f"{per_file:.0f} bytes a file ({small_peak:,} -> {large_peak:,})"


def test_cancel_mid_stream_leaves_the_rows_saved_before(qtbot, context, tmp_path, store_dir):
    bundle, store = _listed_case(tmp_path, store_dir, 3000)
    tab = VerifyTab(context)
    qtbot.addWidget(tab)
    tab.set_case(bundle, store)
    first = run_verify(qtbot, tab)
    store.db.conn.execute("BEGIN IMMEDIATE")  # the run cannot save before 取消 is pressed
    try:
        with qtbot.waitSignal(tab.verify_finished, timeout=TIMEOUT) as blocker:
            assert tab.verify() is not None
            qtbot.waitUntil(lambda: tab.model.live() and tab.model.rowCount() > 0, timeout=TIMEOUT)
            tab.cancel()
            qtbot.wait(500)  # the helper is told (its pipe is looked at every 50 ms)
            store.db.conn.execute("COMMIT")
    finally:
        if store.db.conn.in_transaction:
            store.db.conn.execute("COMMIT")
    assert blocker.args == [None] and "取消" in tab.progress_label.text()
    assert store.db.execute("SELECT COUNT(*) FROM verification").fetchone()[0] == first
    assert tab.model.rowCount() == first and not tab.model.live()
    qtbot.waitUntil(lambda: not list(store.path.parent.glob("verify-run-*")))
