"""工具 and 帮助: hashing on demand, the table as CSV (never into the bundle), settings, the manual, 关于."""

import csv
import hashlib

from PySide6.QtCore import QSettings
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QMessageBox

from tests.ui.demo_window import new_window, open_checked, stop
from tests.ui.fake_runner import FakeTaskRunner
from ui.app import make_context
from ui.verify.hash_dialog import HashDialog
from ui.window.help_dialogs import ManualDialog, library_versions
from ui.window.settings_dialog import FREEZE_DAYS_KEY, SettingsDialog, freeze_warning_days
from ui.window.table_export import export_csv


def test_empty_menus_are_hidden_and_tools_has_its_actions(qtbot, tmp_path, store_dir):
    window = new_window(qtbot, tmp_path, store_dir)
    window.install_extras()
    assert not window.menus["training"].menuAction().isVisible()
    texts = [a.text() for a in window.menus["tools"].actions() if a.text()]
    assert texts == ["计算哈希值…", "比对原件与备份（第三十一条第（三）项）…", "导出当前表格为 CSV…",
                     "E01 文件头代码页", "设置…"]
    assert [a.text() for a in window.menus["help"].actions()] == ["使用手册", "关于"]


def test_hash_dialog_gives_the_four_digests_of_a_folder(qtbot, tmp_path):
    folder = tmp_path / "f"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_bytes(b"abc")
    (folder / "sub" / "b.bin").write_bytes(bytes(range(256)) * 4000)
    (folder / "link").symlink_to(folder / "a.txt")  # listed by nobody: links are not followed
    context = make_context(settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
                           runner=FakeTaskRunner())
    dialog = HashDialog(context)
    qtbot.addWidget(dialog)
    dialog.start(str(folder))
    rows = {r.path: r for r in dialog.results}
    assert set(rows) == {"a.txt", "sub/b.bin"}
    data = (folder / "sub" / "b.bin").read_bytes()
    assert rows["sub/b.bin"].digests["sha256"] == hashlib.sha256(data).hexdigest()
    assert rows["a.txt"].digests["md5"] == hashlib.md5(b"abc").hexdigest()
    assert rows["a.txt"].digests["sha1"] == hashlib.sha1(b"abc").hexdigest()
    # GB/T 32905-2016 example A.1: SM3("abc")
    assert rows["a.txt"].digests["sm3"] == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
    assert dialog.model.rowCount() == 2 and dialog.handle is None


def test_a_table_exports_as_it_shows(tmp_path):
    model = QStandardItemModel(0, 2)
    model.setHorizontalHeaderLabels(["路径", "状态"])
    model.appendRow([QStandardItem("evidence/E1/a.txt"), QStandardItem("一致")])
    out = tmp_path / "t.csv"
    assert export_csv(model, out) == 1
    with open(out, encoding="utf-8-sig", newline="") as f:
        assert list(csv.reader(f)) == [["路径", "状态"], ["evidence/E1/a.txt", "一致"]]


def test_export_refuses_the_bundle_and_writes_outside(qtbot, tmp_path, store_dir, make_bundle, monkeypatch):
    from ui.window.tools_menu import export_current_table

    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a))
    window = new_window(qtbot, tmp_path, store_dir)
    window.show()
    try:
        bundle = make_bundle.clean()
        open_checked(qtbot, window, bundle)
        window.tabs.setCurrentWidget(window.files_tab)
        assert export_current_table(window, str(bundle / "x.csv")) is None and warned
        assert not (bundle / "x.csv").exists()
        count = export_current_table(window, str(tmp_path / "files.csv"))
        assert count == window.files_tab.model.rowCount() and count > 0
    finally:
        stop(window)


def test_settings_are_saved_and_the_reviewer_changes_at_once(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    context = make_context(settings=settings, runner=FakeTaskRunner())
    dialog = SettingsDialog(context)
    qtbot.addWidget(dialog)
    dialog.name.setText("王检察官")
    dialog.unit.setText("某区人民检察院")
    dialog.days.setValue(20)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.accept()
    assert context.reviewer == "王检察官" and freeze_warning_days(settings) == 20
    assert settings.value("ui/language") == "en" and settings.value("review/reviewer_unit") == "某区人民检察院"
    assert int(settings.value(FREEZE_DAYS_KEY)) == 20


def test_the_manual_covers_panes_statuses_and_keys(qtbot):
    dialog = ManualDialog(section="审查决定")
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    for words in ("校验", "时间线", "尚未校验", "不适用", "Ctrl+Enter", "撤销决定", "F1"):
        assert words in text
    assert dialog.browser.textCursor().hasSelection()  # opened at the section asked


def test_about_names_the_versions():
    names = dict(library_versions())
    assert names["Qt"] and names["Python"] and names["SQLite"]
    assert names["PySide6"] != "—" and names["cryptography"] != "—"
