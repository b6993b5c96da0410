"""Every save dialog of the window refuses a path inside the open bundle (links followed); the memo's worker
refuses it too, so nothing reaches the evidence whatever the field holds."""

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog

from models.bundle.manifest import load_bundle
from models.bundle.output_paths import UsageError
from models.store.store import open_store
from tests.helpers import snapshot
from tests.hostile_bundle import hostile_bundle
from ui.app import make_context
from ui.common.tasks import TaskRunner
from ui.memo.identity_dialog import IdentityDialog
from ui.memo.memo_dialog import MemoDialog, memo_job


@pytest.fixture
def case(tmp_path, store_dir):
    root = hostile_bundle(tmp_path)
    bundle = load_bundle(root)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    context = make_context(store_dir=store_dir, settings=settings, runner=TaskRunner(max_threads=1))
    yield context, bundle, open_store(bundle, store_dir), snapshot(root)
    context.runner.cancel_all()
    context.runner.wait(10_000)


def test_memo_dialog_refuses_output_inside_the_bundle(qtbot, case, tmp_path, monkeypatch):
    context, bundle, store, before = case
    dialog = MemoDialog(context, bundle, store)
    qtbot.addWidget(dialog)
    (tmp_path / "p12").write_bytes(b"x")
    dialog.identity_edit.setText(str(tmp_path / "p12"))
    dialog.passphrase_edit.setText("pw")
    (tmp_path / "into").symlink_to(bundle.root / "evidence")
    for inside in (bundle.root / "bundle.json", tmp_path / "into" / "memo.pdf"):
        dialog.out_edit.setText(str(inside))
        assert dialog.export() is None
        assert "证据包内" in dialog.message.text()
    chosen = str(bundle.root / "evidence" / "E1" / "a.txt")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (chosen, ""))
    dialog.out_edit.setText(str(tmp_path / "memo.pdf"))
    dialog._browse_out()
    assert dialog.out_edit.text() == str(tmp_path / "memo.pdf") and "证据包内" in dialog.message.text()
    assert snapshot(bundle.root) == before


def test_memo_worker_refuses_output_inside_the_bundle(case):
    context, bundle, store, before = case
    job = memo_job(bundle, store.path, "absent.p12", b"pw", "", str(bundle.root / "bundle.json"), False)
    with pytest.raises(UsageError):
        job(lambda *a: None, None)
    assert snapshot(bundle.root) == before


def test_identity_dialog_refuses_a_file_inside_the_open_bundle(qtbot, case, monkeypatch):
    from PySide6.QtWidgets import QWidget

    context, bundle, store, before = case
    window = QWidget()
    window.bundle = bundle  # what the main window carries
    qtbot.addWidget(window)
    dialog = IdentityDialog(context, window)
    dialog.name_edit.setText("张检察官")
    dialog.passphrase_edit.setText("pw")
    dialog.repeat_edit.setText("pw")
    dialog.out_edit.setText(str(bundle.root / "evidence" / "id.p12"))
    assert not dialog.create() and "证据包内" in dialog.message.text()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(bundle.root / "x.p12"), ""))
    dialog._browse()
    assert dialog.out_edit.text() == str(bundle.root / "evidence" / "id.p12")  # unchanged by the refused choice
    assert snapshot(bundle.root) == before


def test_file_table_shows_a_gbk_name_decoded_with_its_bytes(qtbot, case):
    import os

    from PySide6.QtCore import Qt

    from models.inventory.scan import scan_bundle
    from ui.files.file_table_model import COL_NAME, FileTableModel

    context, bundle, store, _before = case
    raw = "证据.doc".encode("gbk")
    with open(os.path.join(os.fsencode(bundle.root / "evidence"), raw), "wb") as f:
        f.write(b"x")
    scan_bundle(bundle, store)
    model = FileTableModel()
    model.set_store(store, "Asia/Shanghai")
    while model.canFetchMore():
        model.fetchMore()
    names = [model.data(model.index(row, COL_NAME), Qt.ItemDataRole.DisplayRole) for row in range(model.rowCount())]
    assert f"证据.doc [GB18030 hex {raw.hex()}]" in names, names


def test_identity_dialog_refuses_a_certificate_name_linked_into_the_bundle(qtbot, case, tmp_path):
    """The identity goes outside, but the .pem written beside it is a link into the evidence."""
    from PySide6.QtWidgets import QWidget

    context, bundle, store, before = case
    window = QWidget()
    window.bundle = bundle
    qtbot.addWidget(window)
    (tmp_path / "id.pem").symlink_to(bundle.root / "evidence" / "E1" / "a.txt")
    dialog = IdentityDialog(context, window)
    dialog.name_edit.setText("张检察官")
    dialog.passphrase_edit.setText("pw")
    dialog.repeat_edit.setText("pw")
    dialog.out_edit.setText(str(tmp_path / "id.p12"))
    assert not dialog.create() and "证据包内" in dialog.message.text()
    assert not (tmp_path / "id.p12").exists() and snapshot(bundle.root) == before


def test_csv_export_dialog_refuses_a_path_through_a_link(qtbot, tmp_path, store_dir, monkeypatch):
    """工具 > 导出当前表格为 CSV: the name the save dialog answers leads into the bundle through a linked folder."""
    from PySide6.QtWidgets import QMessageBox

    from tests.ui.demo_window import new_window, open_checked, stop
    from ui.window.tools_menu import export_current_table

    root = hostile_bundle(tmp_path)
    before = snapshot(root)
    (tmp_path / "into").symlink_to(root / "evidence" / "E1")
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a, **k: warned.append(text))
    window = new_window(qtbot, tmp_path, store_dir)
    window.show()
    try:
        open_checked(qtbot, window, root)
        window.tabs.setCurrentWidget(window.files_tab)
        for answer in (str(tmp_path / "into" / "files.csv"), str(tmp_path / "into" / "a.txt")):
            monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, answer=answer, **k: (answer, "CSV (*.csv)"))
            assert export_current_table(window) is None
        assert len(warned) == 2 and all("不能写入证据包" in text for text in warned), warned
        assert snapshot(root) == before
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "files.csv"), ""))
        assert export_current_table(window) > 0 and (tmp_path / "files.csv").exists()
    finally:
        stop(window)


def test_memo_preview_refuses_a_temporary_folder_inside_the_bundle(case, monkeypatch):
    import tempfile

    from ui.memo.memo_preview import preview_job

    context, bundle, store, before = case
    monkeypatch.setattr(tempfile, "tempdir", str(bundle.root / "evidence"))
    job = preview_job(bundle, store.path, {"name": "张检察官"}, False, False, None)
    with pytest.raises(UsageError, match="临时文件夹"):
        job(lambda *a: None, None)
    assert snapshot(bundle.root) == before


def test_copy_for_the_system_viewer_refuses_a_folder_linked_into_the_bundle(qtbot, case, monkeypatch):
    from pathlib import Path

    from PySide6.QtWidgets import QMessageBox, QWidget

    from models.store.viewer_copy import viewer_dir
    from ui.detail.system_viewer import SystemViewer

    context, bundle, store, before = case
    Path(viewer_dir(store)).symlink_to(bundle.root / "evidence")
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a, **k: warned.append(text))
    widget = QWidget()
    qtbot.addWidget(widget)
    viewer = SystemViewer(context, widget)
    viewer.set_case(bundle, store)
    assert viewer.open("evidence/E1/a.txt") is None
    assert warned and "证据包内" in warned[0]
    context.runner.wait(5000)
    assert snapshot(bundle.root) == before
