"""工具 > 比对原件与备份（第三十一条第（三）项）: the backup's files against the original's, with the line diff."""

from PySide6.QtCore import QSettings

from models.bundle.manifest import load_bundle
from tests.ui.demo_window import new_window, open_checked, stop
from tests.ui.fake_runner import FakeTaskRunner
from ui.app import make_context
from ui.verify.backup_diff_dialog import BackupDiffDialog


def _snapshot(root):
    return {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in root.rglob("*") if p.is_file()}


def test_the_changed_chat_shows_as_a_line_diff(qtbot, tmp_path, make_bundle):
    root = make_bundle.with_defect("31.3")  # E9's chat.txt: 10000 became 19000
    before = _snapshot(root)
    context = make_context(settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
                           runner=FakeTaskRunner())
    dialog = BackupDiffDialog(context, load_bundle(root))
    qtbot.addWidget(dialog)
    assert dialog.backups.count() == 1 and dialog.backups.currentData() == "E9"
    dialog.compare_button.click()
    assert [(d.path, d.status) for d in dialog.results if d.status != "same"] == [("chat.txt", "differs")]
    assert dialog.model.item(0, 0).text() == "chat.txt" and dialog.model.item(0, 1).text() == "内容不同"
    shown = dialog.diff.toPlainText()
    minus = [line for line in shown.splitlines() if line.startswith("-") and "10000" in line]
    plus = [line for line in shown.splitlines() if line.startswith("+") and "19000" in line]
    assert minus and plus and "evidence/E1/chat.txt" in shown and "evidence/E9/chat.txt" in shown
    dialog.view.selectRow(1)
    assert "相同" in dialog.diff.toPlainText()
    assert _snapshot(root) == before


def test_the_tools_menu_opens_it_on_the_open_case(qtbot, tmp_path, store_dir, make_bundle):
    window = new_window(qtbot, tmp_path, store_dir)
    window.show()
    try:
        open_checked(qtbot, window, make_bundle.clean())
        window.install_extras()
        action = next(a for a in window.menus["tools"].actions() if a.text().startswith("比对原件与备份"))
        action.trigger()
        dialog = next(d for d in window.dialogs if isinstance(d, BackupDiffDialog))
        assert dialog.backups.currentData() == "E9"
        dialog.compare_button.click()
        qtbot.waitUntil(lambda: dialog.handle is None and bool(dialog.results), timeout=20000)
        assert {d.status for d in dialog.results} == {"same"}
        dialog.close()
    finally:
        stop(window)
