"""Nothing of a task or a case outlives it: the status line, the 校验 tab's last run, the last case, a clause's
scroll."""

import pytest

from tests.ui.demo_window import demo_cases, new_window, open_checked, stop
from tests.ui.fake_runner import FakeTaskRunner
from ui.common.context import AppContext
from ui.common.progress_panel import ProgressPanel


@pytest.fixture(scope="module")
def cases(tmp_path_factory):
    return demo_cases(tmp_path_factory.mktemp("stale"))


def test_a_tasks_own_line_goes_when_it_ends_a_message_stays(qtbot, tmp_path):
    runner = FakeTaskRunner()
    panel = ProgressPanel(AppContext(runner=runner, settings=None))
    qtbot.addWidget(panel)
    runner.run(lambda _p, _c: 1, label="正在运行自动检查")
    assert "正在" not in panel.label.text() and panel.label.text() == "就绪"
    runner.run(lambda _p, _c: 1, label="正在扫描", on_done=lambda _r: panel.show_message("扫描完成：3 个文件"))
    assert panel.label.text() == "扫描完成：3 个文件"


def test_real_tasks_leave_no_running_line(qtbot, tmp_path, store_dir, cases):
    window = new_window(qtbot, tmp_path, store_dir)
    window.show()
    try:
        open_checked(qtbot, window, cases["training"])
        qtbot.waitUntil(lambda: not window.progress.cancel_button.isVisible(), timeout=30_000)
        assert not window.progress.label.text().endswith("…"), window.progress.label.text()
    finally:
        stop(window)


def test_a_new_case_shows_nothing_of_the_last(qtbot, tmp_path, store_dir, cases, make_bundle):
    window = new_window(qtbot, tmp_path, store_dir)
    window.show()
    try:
        open_checked(qtbot, window, cases["training"])
        window.tabs.setCurrentWidget(window.verify_tab)
        with qtbot.waitSignal(window.verify_tab.verify_finished, timeout=60_000):
            window.verify_tab.verify()
        assert "校验完成" in window.verify_tab.progress_label.text()
        window.detail.show_file("evidence/E4B/交易流水.csv")
        qtbot.waitUntil(lambda: window.preview.path is not None, timeout=10_000)
        other = make_bundle.clean()
        with qtbot.waitSignal(window.scan_finished, timeout=60_000):
            assert window.open_bundle(other)
            # the scan of the next case runs: nothing of the last one is on show
            assert window.verify_tab.progress_label.text() == ""
            assert not window.verify_tab.progress_box.isVisibleTo(window)
            assert window.preview.path is None and window.detail.path in (None, "")
            paths = {window.files_tab.model.record(r)["path"] for r in range(window.files_tab.model.rowCount())}
            assert not any(p.startswith("evidence/E4B/") for p in paths)
        assert "尚未校验" in window.verify_tab.summary.text()
    finally:
        stop(window)


def test_a_new_clause_is_read_from_its_top(qtbot, tmp_path, store_dir, cases):
    window = new_window(qtbot, tmp_path, store_dir)
    window.resize(1366, 768)
    window.show()
    try:
        open_checked(qtbot, window, cases["training"])
        window.tabs.setCurrentWidget(window.review_tab)
        pane = window.review_tab.show_pane("legality")
        qtbot.waitUntil(lambda: pane.model.rowCount() > 1, timeout=10_000)
        pane.scroll.resize(pane.scroll.width(), 120)  # shorter than the clause: it scrolls
        bar = pane.scroll.verticalScrollBar()
        qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=5_000)
        bar.setValue(bar.maximum())
        pane.move(1)
        assert bar.value() == 0
    finally:
        stop(window)
