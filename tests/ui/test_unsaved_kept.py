"""Text typed and not yet saved (an outcome's choice and reason, a clause's note and reason, a relevance fact) is
never lost: another item, another case, closing the window or a SIGTERM keep it as drafts beside the store, put back
when the case opens again; nothing of it is recorded as a decision. When the drafts cannot be kept, the reviewer is
asked before anything is lost."""

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from models.store import review
from tests.helpers import ROOT
from ui.app import make_context
from ui.review.drafts import drafts_path
from ui.window.main_window import MainWindow

TIMEOUT = 60_000
REASON = "封存照片与笔录不符，无法补正"
NOTE = "照片拍摄于封存之后"
FACT = "证明转账经过"


def new_window(qtbot, tmp_path, store_dir, name="settings.ini"):
    settings = QSettings(str(tmp_path / name), QSettings.Format.IniFormat)
    context = make_context(store_dir=store_dir, settings=settings)
    context.reviewer = "检察官甲"
    win = MainWindow(context)
    qtbot.addWidget(win)
    win.resize(1400, 800)
    win.show()
    qtbot.waitUntil(lambda: win.extras_installed, timeout=5000)
    return win


def open_reviewed(qtbot, win, bundle):
    """Open, let the scan, the typing and the auto checks run; the review tab shown with its clauses."""
    with qtbot.waitSignal(win.types_finished, timeout=TIMEOUT):
        assert win.open_bundle(bundle)
    qtbot.waitUntil(lambda: bool(win.store and review.load_check_results(win.store)), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: win.review_tab.run_button.isEnabled(), timeout=TIMEOUT)
    win.tabs.setCurrentWidget(win.review_tab)
    qtbot.waitUntil(lambda: win.review_tab.panes["authenticity"].model.rowCount() > 0, timeout=TIMEOUT)


def type_everything(tab):
    tab.outcome.choose("excluded")
    tab.outcome.reason.setText(REASON)
    clause = tab.show_pane("authenticity").clause
    clause.note.setPlainText(NOTE)
    tab.relevance.note.setText(FACT)
    return clause.record["check_name"]


def shows_everything(qtbot, tab, name):
    qtbot.waitUntil(lambda: tab.outcome.reason.text() == REASON, timeout=TIMEOUT)
    assert tab.outcome.chosen() == "excluded"
    pane = tab.show_pane("authenticity")
    assert pane.select_clause(name)
    assert pane.clause.note.toPlainText() == NOTE
    assert tab.relevance.note.text() == FACT


def nothing_recorded(store_dir, bundle_path):
    from models.bundle.manifest import load_bundle
    from models.store.store import open_store

    store = open_store(load_bundle(bundle_path), store_dir)
    try:
        assert review.load_outcomes(store) == {} and review.load_decisions(store) == []
    finally:
        store.close()


def test_another_item_keeps_the_outcome_typed(qtbot, tmp_path, store_dir, make_bundle):
    win = new_window(qtbot, tmp_path, store_dir)
    open_reviewed(qtbot, win, make_bundle.with_defect("32.4"))
    tab = win.review_tab
    first, second = (item["id"] for item in win.bundle.items[:2])
    tab.select_item(first)
    tab.outcome.choose("excluded")
    tab.outcome.reason.setText(REASON)
    tab.select_item(second)
    assert tab.outcome.reason.text() != REASON
    tab.select_item(first)
    assert tab.outcome.reason.text() == REASON and tab.outcome.chosen() == "excluded"
    assert "未保存" in tab.outcome.hint.text()


def test_closing_the_window_keeps_what_was_typed(qtbot, tmp_path, store_dir, make_bundle):
    bundle = make_bundle.with_defect("32.4")
    win = new_window(qtbot, tmp_path, store_dir)
    open_reviewed(qtbot, win, bundle)
    name = type_everything(win.review_tab)
    kept = drafts_path(win.store)
    assert win.close()
    assert FACT in kept.read_text(encoding="utf-8")
    nothing_recorded(store_dir, bundle)
    again = new_window(qtbot, tmp_path, store_dir, "other.ini")
    open_reviewed(qtbot, again, bundle)
    shows_everything(qtbot, again.review_tab, name)
    assert again.review_tab.outcome.save()  # saved now: its draft goes
    assert again.review_tab.keep_unsaved()
    assert "outcome/" not in json.dumps(json.loads(kept.read_text(encoding="utf-8")))


def test_another_case_keeps_what_was_typed(qtbot, tmp_path, store_dir, make_bundle):
    bundle = make_bundle.with_defect("32.4")
    win = new_window(qtbot, tmp_path, store_dir)
    open_reviewed(qtbot, win, bundle)
    name = type_everything(win.review_tab)
    (tmp_path / "b2").mkdir()
    from tests.factory import BundleFactory

    open_reviewed(qtbot, win, BundleFactory(tmp_path / "b2").with_defect("39.3"))
    assert win.review_tab.outcome.reason.text() != REASON
    open_reviewed(qtbot, win, bundle)
    shows_everything(qtbot, win.review_tab, name)


def test_drafts_that_cannot_be_kept_are_asked_about(qtbot, tmp_path, store_dir, make_bundle, monkeypatch):
    win = new_window(qtbot, tmp_path, store_dir)
    open_reviewed(qtbot, win, make_bundle.with_defect("32.4"))
    win.review_tab.outcome.choose("excluded")
    win.review_tab.outcome.reason.setText(REASON)
    asked = []

    def answer(parent, title, text, buttons, default):
        asked.append((title, text))
        return QMessageBox.StandardButton.Cancel
    monkeypatch.setattr(QMessageBox, "warning", answer)
    shutil.rmtree(store_dir)
    assert not win.close()  # cancelled: the window stays with the text
    assert win.isVisible() and win.review_tab.outcome.reason.text() == REASON
    assert len(asked) == 1 and "丢失" in asked[0][1] and "内部错误" not in asked[0][1]
    open_reviewed(qtbot, win, make_bundle.with_defect("39.3"))  # its folder made again: the drafts kept there
    assert REASON in next(store_dir.glob("*.drafts.json")).read_text(encoding="utf-8")


CHILD = textwrap.dedent("""
    import sys
    sys.path.insert(0, sys.argv[1])
    from pathlib import Path
    from PySide6.QtCore import QSettings, QTimer
    from models.store import review
    from ui.app import make_application, make_context
    from ui.window.main_window import MainWindow
    from ui.window.terminate import install_terminate

    app = make_application()
    store_dir = Path(sys.argv[3])
    context = make_context(store_dir=store_dir, settings=QSettings(sys.argv[4], QSettings.Format.IniFormat))
    context.reviewer = "检察官甲"
    window = MainWindow(context)
    window.show()
    notifier = install_terminate(window, app)

    def typed():
        window.tabs.setCurrentWidget(window.review_tab)
        if not (window.store and review.load_check_results(window.store) and window.review_tab.run_button.isEnabled()
                and window.review_tab.outcome.item):
            QTimer.singleShot(100, typed)
            return
        window.review_tab.outcome.choose("excluded")
        window.review_tab.outcome.reason.setText(sys.argv[5])
        print("typed", flush=True)
    window.open_bundle(sys.argv[2])
    QTimer.singleShot(100, typed)
    sys.exit(app.exec())
""")


def test_sigterm_keeps_what_was_typed(tmp_path, store_dir, make_bundle):
    bundle = make_bundle.with_defect("32.4")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(ROOT), str(bundle), str(store_dir),
                              str(tmp_path / "s.ini"), REASON], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, env=env)
    try:
        deadline = time.monotonic() + 120
        line = ""
        while "typed" not in line and time.monotonic() < deadline:
            line = child.stdout.readline()
            if not line and child.poll() is not None:
                break
        assert "typed" in line, child.stderr.read()[-2000:]
        child.send_signal(signal.SIGTERM)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    kept = [p for p in store_dir.iterdir() if p.name.endswith(".drafts.json")]
    assert len(kept) == 1 and REASON in kept[0].read_text(encoding="utf-8"), child.stderr.read()[-2000:]
    nothing_recorded(store_dir, bundle)


@pytest.mark.parametrize("content", [b"", b"{", b"[1,2]", b'{"drafts": {"outcome/E1": [1]}}', b"\xff" * 10])
def test_a_drafts_file_that_is_not_ours_is_ignored(tmp_path, content):
    from ui.review.drafts import Drafts

    class Store:
        path = tmp_path / "x.sqlite"
    (tmp_path / "x.sqlite.drafts.json").write_bytes(content)
    drafts = Drafts()
    drafts.open(Store)
    assert drafts.entries == {}
