"""The 时间线 tab: every time of a scanned bundle in one table, filters narrow it, the strip bins it, rows pick files."""

from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt

from models.manifest import load_bundle
from models.scan import scan_bundle
from models.store import open_store
from models.timeutil import dt_to_ns
from models.typing_pass import fill_types
from tests.ui.shots import save_shot, use_cjk_font
from ui.app import make_context
from ui.density_strip import DensityStrip
from ui.timeline_model import COL_KIND, COL_TIME, NsRole, PathRole, TimelineTableModel
from ui.timeline_tab import TimelineTab

TIMEOUT = 60_000
CST = timezone(timedelta(hours=8))


@pytest.fixture
def context(tmp_path, store_dir):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    ctx = make_context(store_dir=store_dir, settings=settings)
    yield ctx
    ctx.runner.cancel_all()
    ctx.runner.wait(10_000)


@pytest.fixture
def loaded_tab(qtbot, qapp, context, make_bundle, store_dir):
    use_cjk_font(qapp)
    bundle = load_bundle(make_bundle.clean())
    store = open_store(bundle, store_dir)
    scan_bundle(bundle, store)
    fill_types(bundle, store, workers=1)
    tab = TimelineTab(context)
    qtbot.addWidget(tab)
    tab.resize(1150, 640)
    tab.show()
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        tab.set_case(bundle, store)
    return tab, bundle, store


def test_every_file_time_is_shown_in_the_case_zone(loaded_tab, tmp_path):
    tab, bundle, store = loaded_tab
    model = tab.model
    assert model.all_count() > 0 and model.total_count() == model.all_count()
    modified = dict(store.db.execute("SELECT path, modified_ns FROM files WHERE kind = 'file'").fetchall())
    shown = {(r["path"], r["ns"]) for r in (model.record(i) for i in range(model.total_count())) if r["kind"] == "modified"}
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
