"""A helper process of the window killed (kill -9) while it works: the scan's and the verify's. The reviewer reads
why in Chinese (never 内部错误 nor the English of the exception), the store keeps what it had, and the window goes
on: another case opens, the verify runs again."""

import multiprocessing
import os
import signal

from models.bundle.manifest import load_bundle
from models.store import store_lock
from models.store.store import open_store
from tests.hostile_bundle import hostile_bundle
from tests.ui.test_window_hostile import TIMEOUT, clear_text, opens_after


def helper(qtbot, name: str) -> multiprocessing.Process:
    """The helper this process started under that name, once it runs."""
    found = []

    def started():
        found[:] = [p for p in multiprocessing.active_children() if p.name == name]
        return bool(found)
    qtbot.waitUntil(started, timeout=TIMEOUT)
    return found[0]


def test_scan_helper_killed(qtbot, window, tmp_path, shown):
    root = hostile_bundle(tmp_path / "case")
    store_path = open_store(load_bundle(root), window.context.store_dir)
    store_path.close()
    store_lock.acquire(store_path.path)  # the scan's helper waits for the store: it is killed while it waits
    try:
        with qtbot.waitSignal(window.scan_finished, timeout=TIMEOUT) as ended:
            assert window.open_bundle(root)
            os.kill(helper(qtbot, "EvidenceDesk job").pid, signal.SIGKILL)
    finally:
        store_lock.release(store_path.path)
    assert ended.args == [None]
    assert [kind for kind, _title, _text in shown] == ["warning"], shown
    clear_text(shown[0][2])
    assert "后台进程意外结束" in shown[0][2] and "扫描" in shown[0][2]
    assert "后台进程意外结束" in window.progress.label.text()
    shown.clear()
    opens_after(qtbot, window, tmp_path)
    assert shown == []


def test_verify_helper_killed(qtbot, window, tmp_path, shown):
    with qtbot.waitSignal(window.types_finished, timeout=TIMEOUT):
        assert window.open_bundle(hostile_bundle(tmp_path / "case"))
    tab = window.verify_tab
    with qtbot.waitSignal(tab.verify_finished, timeout=TIMEOUT) as first:
        tab.verify()
    before = window.store.db.execute("SELECT COUNT(*) FROM verification").fetchone()[0]
    assert first.args[0] == before > 0
    window.store.db.conn.execute("BEGIN IMMEDIATE")  # the run cannot save: it is killed before it does
    try:
        with qtbot.waitSignal(tab.verify_finished, timeout=TIMEOUT) as killed:
            tab.verify()
            os.kill(helper(qtbot, "EvidenceDesk verify").pid, signal.SIGKILL)
    finally:
        window.store.db.conn.execute("COMMIT")
    assert killed.args == [None]
    text = tab.progress_label.text()
    assert "后台进程意外结束" in text and "exit code" not in text, text
    assert window.store.db.execute("SELECT COUNT(*) FROM verification").fetchone()[0] == before
    assert tab.model.rowCount() == before
    assert [kind for kind, *_ in shown if kind == "critical"] == []
    with qtbot.waitSignal(tab.verify_finished, timeout=TIMEOUT) as again:
        tab.verify()
    assert again.args[0] == before


def test_closing_during_a_verify_leaves_nothing_behind(qtbot, window, tmp_path):
    """The window closed while a verify runs: its helper has ended and its scratch file is gone by the time
    close() returns (the process may end right after: a thread left to remove it was stopped halfway)."""
    with qtbot.waitSignal(window.types_finished, timeout=TIMEOUT):
        assert window.open_bundle(hostile_bundle(tmp_path / "case"))
    store, tab = window.store, window.verify_tab
    folder = store.path.parent
    store.db.conn.execute("BEGIN IMMEDIATE")  # the run cannot end on its own meanwhile
    try:
        tab.verify()
        qtbot.waitUntil(lambda: tab.model.live() and tab.model.rowCount() > 0, timeout=TIMEOUT)
        assert list(folder.glob("verify-run-*"))
    finally:
        store.db.conn.execute("COMMIT")  # the close cancels it before it saves anything
    assert window.close()
    assert not list(folder.glob("verify-run-*"))
    assert [p for p in multiprocessing.active_children() if p.name.startswith("EvidenceDesk")] == []
