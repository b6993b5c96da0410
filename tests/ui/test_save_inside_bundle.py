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
