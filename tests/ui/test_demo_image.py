"""The sample case's disk image (item E6) as a reviewer meets it at 1366x768: the image's node shows its Chinese
case header agreeing with the record and lists the stick's files, the deleted one marked."""

from PySide6.QtWidgets import QLabel

from models.demo.demo_image import CASE_NUMBER, IMAGE
from tests.ui.demo_window import demo_cases, new_window, open_checked, stop
from tests.ui.shots import save_shot, use_cjk_font
from tests.ui.test_image_details import _node, _pick
from tests.ui.test_window import all_paths
from ui.files.file_table_model import COL_FLAGS

DELETED = IMAGE + ":/p1/资料/车主信息_样本.csv"


def _clipped(pane) -> list[str]:
    """Wrapped values given fewer lines than their words need at their width (cut off at the bottom)."""
    return [w.text() for box in pane.sections for w in box.findChildren(QLabel)
            if w.wordWrap() and w.height() < w.heightForWidth(w.width())]


def _marks(model) -> dict[str, str]:
    """Path -> the words of the table's mark column."""
    return {model.record(r)["path"]: model.index(r, COL_FLAGS).data() for r in range(model.rowCount())}


def test_demo_image_node_and_its_deleted_file(qtbot, tmp_path, store_dir, qapp):
    use_cjk_font(qapp)
    case = demo_cases(tmp_path)["clean"]
    window = new_window(qtbot, tmp_path, store_dir)
    window.resize(1366, 768)
    window.show()
    try:
        open_checked(qtbot, window, case)
        tree = window.item_tree
        image = _node(tree.items_model, [IMAGE])
        _pick(tree, image)
        texts = "\n".join(window.detail.section_texts())
        for shown in ("案件编号", CASE_NUMBER, "证据编号", "E6-1", "检验人", "刘某", "张某某U盘",
                      "windows-936（简体中文 GBK）", "文件头与取证记录一致"):
            assert shown in texts, shown
        assert "不一致" not in texts
        qtbot.waitUntil(lambda: all(box.isVisible() for box in window.detail.sections))
        assert _clipped(window.detail) == []
        save_shot(window, "demo_image_node_1366x768", tmp_path)

        paths = all_paths(window.files_tab.model)
        marks = _marks(window.files_tab.model)
        assert marks[DELETED] == "已删除" and marks[IMAGE + ":/p1/账目.txt"] == ""
        assert marks[IMAGE + ":/p1/$FAT1"] == "TSK 虚拟条目（非用户文件）"
        assert marks[IMAGE + ":/p1/KINGSTON    (Volume Label Entry)"] == "FAT 卷标条目"
        assert {IMAGE + ":/p1/聊天记录/微信_李某_导出.txt", IMAGE + ":/p1/照片/IMG_20261003_090512.jpg",
                IMAGE + ":/p1/账目.txt", DELETED} <= paths
        assert window.files_tab.select_path(DELETED)
        texts = "\n".join(window.detail.section_texts())
        assert "已删除（从镜像恢复）" in texts and "文件系统，本地时间按案件时区读取" in texts
        qtbot.waitUntil(lambda: all(box.isVisible() for box in window.detail.sections))
        qtbot.waitUntil(lambda: not any(h.running for h in window.context.runner.handles), timeout=30_000)
        save_shot(window, "demo_image_deleted_1366x768", tmp_path)
    finally:
        stop(window)
