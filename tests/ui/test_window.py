"""The window opens a bundle, lists every file, shows times in the case zone and UTC, refuses bad manifests."""

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMessageBox

from models.common.timeutil import ns_to_utc_iso
from ui.app import make_context
from ui.window.main_window import MainWindow

SCAN_TIMEOUT = 30_000


def bundle_files(root: Path) -> set[str]:
    found = set()
    for folder, _dirs, names in os.walk(root):
        found |= {os.path.relpath(os.path.join(folder, n), root).replace(os.sep, "/") for n in names}
    return found


def all_paths(model) -> set[str]:
    while model.canFetchMore():
        model.fetchMore()
    return {model.record(r)["path"] for r in range(model.rowCount())}


@pytest.fixture
def messages(monkeypatch):
    shown = []
    for name in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name, lambda parent, title, text, *a, n=name: shown.append((n, title, text)))
    return shown


def open_and_scan(qtbot, window, path) -> object:
    with qtbot.waitSignal(window.scan_finished, timeout=SCAN_TIMEOUT) as blocker:
        assert window.open_bundle(path)
    return blocker.args[0]


def test_open_lists_every_file_and_shows_the_case(qtbot, window, make_bundle, messages, tmp_path):
    bundle = make_bundle.clean()
    summaries = []
    window.scan_finished.connect(summaries.append)
    with qtbot.waitSignals([window.scan_finished, window.types_finished], timeout=SCAN_TIMEOUT):
        assert window.open_bundle(bundle)
    summary = summaries[0]
    expected = bundle_files(bundle)
    shown = all_paths(window.files_tab.model)
    inner = {p for p in shown if ":/" in p}  # the files inside E2's disk image, listed under it
    assert "evidence/E2/usb.dd:/p1/NOTE.TXT" in inner and all(p.startswith("evidence/E2/usb.dd:/p1") for p in inner)
    assert summary.files == len(expected) + len(inner)
    assert shown == expected | inner
    assert window.windowTitle().startswith("证审台 EvidenceDesk — ")
    header = window.header.label.text()
    for text in ("案号", "时区", "Asia/Shanghai (+08:00)", window.bundle.case["case_number"]):
        assert text in header
    assert window.stack.currentIndex() == 1
    assert messages == []
    types = {window.files_tab.model.record(r)["mime"] for r in range(window.files_tab.model.rowCount())}
    assert "image/jpeg" in types  # the typing pass landed and the type column shows it
    shot = tmp_path / "window.png"
    assert window.grab().save(str(shot)) and shot.stat().st_size > 10_000
    if os.environ.get("EVIDENCEDESK_SHOTS"):
        window.grab().save(str(Path(os.environ["EVIDENCEDESK_SHOTS"]) / "window.png"))


def test_detail_pane_shows_zone_offset_and_utc(qtbot, window, make_bundle):
    bundle = make_bundle.clean()
    open_and_scan(qtbot, window, bundle)
    tab = window.files_tab
    path = sorted(p for p in all_paths(tab.model) if p.startswith("evidence/"))[0]
    assert tab.select_path(path)
    assert window.detail.path == path
    texts = "\n".join(window.detail.section_texts())
    mtime = os.lstat(bundle / path).st_mtime_ns
    assert "+08:00（文件系统）" in texts
    assert f"UTC {ns_to_utc_iso(mtime)}" in texts
    assert f"{os.lstat(bundle / path).st_size:,} 字节" in texts
    assert "清单所列" in texts
    window.detail.utc_box.setChecked(False)
    assert "UTC " not in "\n".join(window.detail.section_texts())


@pytest.mark.parametrize("hostile", ["invalid_json", "duplicate_ids", "naive_time"])
def test_invalid_manifest_shows_path_and_rule(qtbot, window, make_bundle, messages, hostile):
    from tests.factory import HOSTILE

    path = getattr(make_bundle, hostile)()
    assert window.open_bundle(path) is False
    assert len(messages) == 1
    _kind, title, text = messages[0]
    assert title == "无法打开证据包"
    assert HOSTILE[hostile] in text and "invalid manifest" in text
    assert window.bundle is None and window.stack.currentIndex() == 0


def test_missing_path_shows_message_and_window_stays_usable(qtbot, window, make_bundle, messages, tmp_path):
    assert window.open_bundle(tmp_path / "nope") is False
    assert "路径不存在" in messages[0][2]
    open_and_scan(qtbot, window, make_bundle.clean())
    assert window.files_tab.model.rowCount() > 0


def test_cancel_stops_the_scan(qtbot, window, tmp_path):
    root = tmp_path / "many"
    for i in range(3000):
        (root / f"d{i:04d}").mkdir(parents=True)
        (root / f"d{i:04d}" / "f.txt").write_bytes(b"x")
    with qtbot.waitSignal(window.scan_finished, timeout=SCAN_TIMEOUT) as blocker:
        assert window.open_bundle(root)
        qtbot.waitUntil(window.progress.cancel_button.isVisible)  # the scan starts once the page has painted
        qtbot.mouseClick(window.progress.cancel_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [None]
    assert "已取消" in window.progress.label.text()
    assert len(all_paths(window.files_tab.model)) < 3000


def test_reopen_shows_stored_records_at_once(qtbot, window, make_bundle):
    bundle = make_bundle.clean()
    open_and_scan(qtbot, window, bundle)
    count = window.files_tab.model.total_count()
    window.close_case()
    with qtbot.waitSignal(window.scan_finished, timeout=SCAN_TIMEOUT):
        window.open_bundle(bundle)
        assert window.files_tab.model.total_count() == count  # before this scan ends


def test_adhoc_folder_and_item_filter(qtbot, window, tmp_path):
    folder = tmp_path / "plain"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("一")
    (folder / "sub" / "b.txt").write_text("二")
    open_and_scan(qtbot, window, folder)
    assert "临时证据包（无清单）" in window.header.label.text()
    tree = window.item_tree
    root = tree.folders_model.item(0)
    sub = next(root.child(i) for i in range(root.rowCount()) if root.child(i).text() == "sub")
    tree.folders_view.clicked.emit(sub.index())
    assert all_paths(window.files_tab.model) == {"sub/b.txt"}


def test_drop_folder_opens_it_and_recent_remembers(qtbot, window, make_bundle):
    bundle = make_bundle.clean()
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(bundle))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.scan_finished, timeout=SCAN_TIMEOUT):
        window.dropEvent(event)
    assert window.recent.paths()[0] == os.path.abspath(bundle)
    assert window.welcome.list.item(0).text() == os.path.abspath(bundle)


def test_add_tab_gets_the_case_and_its_selection_shows_details(qtbot, window, make_bundle):
    from PySide6.QtCore import Signal
    from PySide6.QtWidgets import QWidget

    class ProbeTab(QWidget):
        file_selected = Signal(str)
        cases = []

        def set_case(self, bundle, store):
            self.cases.append(bundle)

    probe = ProbeTab()
    window.add_tab(probe, "探针")
    open_and_scan(qtbot, window, make_bundle.clean())
    assert probe.cases and probe.cases[-1] is window.bundle
    probe.file_selected.emit("bundle.json")
    assert window.detail.path == "bundle.json"


def test_exception_hook_logs_and_shows(qtbot, window, messages, monkeypatch, tmp_path):
    import sys

    from ui.common import errors

    log = tmp_path / "ed.log"
    monkeypatch.setattr(errors, "log_file", lambda: log)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    errors.install_excepthook(lambda: window)
    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    assert messages and messages[0][0] == "critical" and "boom" in messages[0][2]
    assert "RuntimeError: boom" in log.read_text(encoding="utf-8")


def test_whole_review_in_the_window(qtbot, window, make_bundle, tmp_path):
    """Open, scan, type, verify, run the checks: every tab fills, the tampered file shows red."""
    qtbot.waitUntil(lambda: window.extras_installed, timeout=5000)
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles == ["文件", "校验", "审查", "时间线"]
    assert "memo" in window.menus
    bundle = make_bundle.with_defect("31.2")
    with qtbot.waitSignal(window.types_finished, timeout=SCAN_TIMEOUT):
        window.open_bundle(bundle)
    with qtbot.waitSignal(window.verify_tab.verify_finished, timeout=SCAN_TIMEOUT) as verified:
        window.verify_tab.verify()
    assert verified.args[0] > 0
    counts = window.verify_tab.model.counts()
    assert counts.get("mismatch", 0) >= 1, counts
    qtbot.waitUntil(lambda: bool(window.review_tab.store) and _has_results(window), timeout=SCAN_TIMEOUT)
    window.tabs.setCurrentWidget(window.review_tab)
    shot = Path(os.environ.get("EVIDENCEDESK_SHOTS", tmp_path))
    shot.mkdir(parents=True, exist_ok=True)
    assert window.grab().save(str(shot / "window_review.png"))


def _has_results(window) -> bool:
    from models.store.review import load_check_results

    return bool(load_check_results(window.store))


def test_scan_and_typing_run_in_helper_processes(qtbot, window, make_bundle, messages, monkeypatch):
    """The scan and the typing pass go to models.runtime.process_job (helper processes): no worker thread of the
    window's process competes with the GUI thread for the GIL."""
    import models.runtime.process_job
    from models.inventory.scan import scan_bundle
    from models.inventory.typing_pass import fill_types

    ran, real = [], models.runtime.process_job.run_in_process
    monkeypatch.setattr(models.runtime.process_job, "run_in_process", lambda fn, args, *rest: (
        ran.append(args[0]), real(fn, args, *rest))[1])
    with qtbot.waitSignal(window.types_finished, timeout=SCAN_TIMEOUT) as typed:
        open_and_scan(qtbot, window, make_bundle.clean())
    assert typed.args[0], "nothing typed"
    assert ran[:2] == [scan_bundle, fill_types]
    assert window.files_tab.model.rowCount() > 0


def test_a_task_run_at_once_scans_in_its_helper(qtbot, tmp_path, store_dir, make_bundle, messages):
    """With a runner that runs each task at once (tests), the scan still runs, in its helper, and the table
    shows its records when open_bundle returns."""
    from tests.ui.fake_runner import FakeTaskRunner

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(make_context(store_dir=store_dir, settings=settings, runner=FakeTaskRunner()))
    win.extras_installed = True  # the 文件 tab alone
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.scan_finished, timeout=SCAN_TIMEOUT) as scanned:
        assert win.open_bundle(make_bundle.clean())
    assert scanned.args[0] is not None and scanned.args[0].files > 0
    assert win.files_tab.model.rowCount() == scanned.args[0].files


def test_item_tree_counts_come_from_a_worker(qtbot, window, make_bundle, messages):
    """The items show at once; their file counts (a GROUP BY over every file) are counted in a worker and
    written into the same rows, with the row of files no item lists."""
    summary = open_and_scan(qtbot, window, make_bundle.clean())
    tree = window.item_tree
    with qtbot.waitSignal(tree.counted, timeout=SCAN_TIMEOUT):
        tree.set_case(window.bundle, window.store)
        assert tree.items_model.item(0).text() == "全部文件"  # not counted yet
    texts = [tree.items_model.item(row).text() for row in range(tree.items_model.rowCount())]
    assert texts[0] == f"全部文件（{summary.files:,}）"
    e1 = window.store.db.execute("SELECT COUNT(*) FROM files WHERE item = 'E1'").fetchone()[0]
    assert any(text.startswith("E1 ") and text.endswith(f"，{e1:,}）") for text in texts)
    unlisted = window.store.db.execute("SELECT COUNT(*) FROM files WHERE item IS NULL").fetchone()[0]
    assert (texts[-1] == f"不属于任何证据项（{unlisted:,}）") == bool(unlisted)


def test_damaged_store_is_kept_aside_and_said(qtbot, window, make_bundle, messages, store_dir):
    from models.bundle.manifest import load_bundle

    root = make_bundle.clean()
    store_dir.mkdir(parents=True, exist_ok=True)
    path = store_dir / f"{load_bundle(root).digest}.sqlite"
    path.write_bytes(b"")  # a store expected there, found empty
    open_and_scan(qtbot, window, root)
    assert [m[1] for m in messages] == ["审查库已损坏，已另存并新建"]
    assert ".damaged-" in messages[0][2] and list(store_dir.glob("*.damaged-*"))
    assert window.files_tab.model.rowCount() > 0
