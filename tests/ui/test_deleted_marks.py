"""A file deleted in an image's file system is marked everywhere a person meets it: the file table's 提示
column, the timeline (its note and its path's colour) and the memo (the item's count, the relevant files)."""

import pytest
from PySide6.QtCore import Qt

from models.bundle.manifest import load_bundle
from models.common.labels import label
from models.inventory.scan import scan_bundle
from models.inventory.typing_pass import fill_types
from models.memo.memo_data import build_memo_data
from models.memo.memo_html import use_english
from models.memo.memo_sections import sections
from models.store.store import open_store
from models.timeline.timeline_store import build_timeline
from tests.image_factory import fat32_image
from tests.ui.test_timeline_tab import shown_tab
from ui.app import make_context
from ui.files.file_table_model import COL_FLAGS, FileTableModel
from ui.timeline.timeline_model import COL_NOTE, COL_PATH, DELETED_COLOUR

DELETED = "usb.dd:/p1/删除.txt"
KEPT = "usb.dd:/p1/keep.txt"


@pytest.fixture
def image_case(tmp_path, store_dir):
    """An image opened on its own, scanned and typed: 删除.txt deleted in its FAT32, keep.txt not."""
    (tmp_path / "src").mkdir()
    image = fat32_image(tmp_path / "src").rename(tmp_path / "usb.dd")
    bundle = load_bundle(image)
    store = open_store(bundle, store_dir)
    scan_bundle(bundle, store)
    fill_types(bundle, store, workers=1)
    return bundle, store


def _row(model, path: str) -> int:
    while model.canFetchMore():
        model.fetchMore()
    return next(r for r in range(model.rowCount()) if model.record(r)["path"] == path)


def test_file_table_flags_the_deleted_file(qtbot, image_case):
    bundle, store = image_case
    model = FileTableModel()
    model.set_store(store, bundle.timezone)
    flag = label("flag", "deleted")
    assert flag in model.index(_row(model, DELETED), COL_FLAGS).data()
    assert flag not in (model.index(_row(model, KEPT), COL_FLAGS).data() or "")
    model.set_filter(flag="deleted")
    while model.canFetchMore():
        model.fetchMore()
    assert {model.record(r)["path"] for r in range(model.rowCount())} == {DELETED}


def test_timeline_notes_and_colours_the_deleted_file(qtbot, tmp_path, store_dir, image_case):
    bundle, store = image_case
    build_timeline(store.db.conn, bundle)
    context = make_context(store_dir=store_dir)
    try:
        tab = shown_tab(qtbot, context, bundle, store)
        model = tab.model
        while model.canFetchMore():
            model.fetchMore()
        rows = {model.index(r, COL_PATH).data(): r for r in range(model.rowCount())}
        deleted, kept = rows[DELETED], rows[KEPT]
        assert "已删除（从镜像恢复）" in model.index(deleted, COL_NOTE).data()
        assert "已删除" not in (model.index(kept, COL_NOTE).data() or "")
        colour = model.index(deleted, COL_PATH).data(Qt.ItemDataRole.ForegroundRole)
        assert colour is not None and colour.color().name() == DELETED_COLOUR
        assert model.index(kept, COL_PATH).data(Qt.ItemDataRole.ForegroundRole) is None
    finally:
        context.runner.cancel_all()
        context.runner.wait(10_000)


def test_memo_counts_and_marks_deleted_files(image_case):
    bundle, store = image_case
    with store.db.conn:
        store.db.execute("INSERT INTO tags VALUES (?, 'objective_act', '删除的聊天记录', '张检察官', "
                         "'2026-11-23T08:12:00Z')", [DELETED])
    data = build_memo_data(bundle, store, "张检察官", training=True)
    item = data["items"][0]
    assert item["deleted_files"] == 1
    assert [t["deleted"] for t in data["relevant"]["objective_act"]] == [True]
    try:
        use_english(False)
        html = sections(data)
        assert "其中已删除、从镜像中恢复的文件 1 个。" in html
        assert f"{DELETED}（已删除，从镜像中恢复）（删除的聊天记录）" in html
        use_english(True)
        assert "deleted, recovered from the image" in sections(data)
    finally:
        use_english(False)
