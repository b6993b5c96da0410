"""An E01 opened in the window: its partitions as item tree nodes, its header fields in the detail pane."""


from tests.image_factory import e01_of, fat32_image
from tests.ui.shots import save_shot, use_cjk_font
from tests.ui.test_window import SCAN_TIMEOUT, all_paths
from ui.files.item_tree import FilterRole


def _children(node) -> list:
    return [node.child(row) for row in range(node.rowCount())]


def test_image_partitions_in_the_tree_and_headers_in_the_details(qtbot, window, tmp_path, qapp):
    use_cjk_font(qapp)
    (tmp_path / "src").mkdir()
    raw = fat32_image(tmp_path / "src")
    (tmp_path / "case").mkdir()
    e01 = e01_of(raw, tmp_path / "case" / "usb", case="案件一号", examiner="张三", evidence="证据甲",
                 description="涉案U盘", notes="封存")
    with qtbot.waitSignals([window.scan_finished, window.types_finished], timeout=SCAN_TIMEOUT):
        assert window.open_bundle(e01)
    tree = window.item_tree
    item = tree.items_model.item(1)
    image = _children(item)[0]
    assert image.text() == "usb.E01（E01）"
    part = _children(image)[0]
    assert part.text().startswith("p1 · FAT32 · ") and part.data(FilterRole) == {"prefix": "usb.E01:/p1"}
    folder_root = tree.folders_model.item(0)
    tree.folders_view.expand(_children(folder_root)[0].index())
    assert [n.text() for n in _children(_children(folder_root)[0])] == ["目录"]

    window.files_tab.set_filter(part.data(FilterRole))
    paths = all_paths(window.files_tab.model)
    assert "usb.E01:/p1/目录/中文文件.txt" in paths and all(p.startswith("usb.E01:/p1/") for p in paths)
    assert window.files_tab.select_path("usb.E01:/p1/删除.txt")
    texts = "\n".join(window.detail.section_texts())
    for shown in ("已删除（从镜像恢复）", "案件编号", "案件一号", "检验人", "张三", "涉案U盘", "p1 · FAT32",
                  "文件系统，本地时间按案件时区读取", "镜像内存储的 MD5"):
        assert shown in texts, shown
    save_shot(window, "image_window", tmp_path)


def test_a_dropped_image_file_opens_and_other_files_are_refused(qtbot, window, tmp_path):
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    from ui.window.open_dialogs import dropped_folder

    (tmp_path / "case").mkdir()
    image = fat32_image(tmp_path / "case").rename(tmp_path / "case" / "u盘.dd")
    (tmp_path / "case" / "notes.txt").write_text("x")

    def drop(path):
        data = QMimeData()
        data.setUrls([QUrl.fromLocalFile(str(path))])
        return data, QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                                Qt.KeyboardModifier.NoModifier)
    assert dropped_folder(drop(tmp_path / "case" / "notes.txt")[0]) is None
    data, event = drop(image)
    assert dropped_folder(data) == str(image)
    with qtbot.waitSignal(window.scan_finished, timeout=SCAN_TIMEOUT):
        window.dropEvent(event)
    assert "u盘.dd:/p1/keep.txt" in all_paths(window.files_tab.model)
