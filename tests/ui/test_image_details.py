"""The details of a disk image itself in the window: picking an E01 that is a disk_image entry of a bundle (or
the item holding it) shows its case header with Chinese labels, its code page and its comparison with the
record; an image opened on its own shows its header on its node too."""

import re

from tests.checks.image_situations import IMAGE, e01_item
from tests.factory import BundleFactory
from tests.image_factory import e01_of, fat32_image
from tests.ui.demo_window import new_window, open_checked, stop
from tests.ui.shots import save_shot, use_cjk_font
from ui.files.item_tree import ImagesRole


def _node(model, images):
    """The deepest node of the item tree standing for these images (the image's own, not its item's)."""
    found = []

    def walk(parent):
        for row in range(parent.rowCount()):
            child = parent.child(row)
            if child.data(ImagesRole) == images:
                found.append(child)
            walk(child)
    walk(model.invisibleRootItem())
    return found[-1]


def _pick(tree, node):
    tree.items_view.setCurrentIndex(node.index())
    tree._picked(node.index())


def _bundle(tmp_path, **changes):
    factory = BundleFactory(tmp_path)
    spec = factory.spec()
    e01_item("encase2", **changes)(spec, factory.today)  # the narrow header only, code page 936
    return factory.write(spec, "e01")


def test_bundle_image_entry_shows_its_header_and_comparison(qtbot, tmp_path, store_dir, qapp):
    use_cjk_font(qapp)
    window = new_window(qtbot, tmp_path, store_dir)
    window.resize(1366, 768)
    window.show()
    try:
        open_checked(qtbot, window, _bundle(tmp_path, examiner="王某"))
        tree = window.item_tree
        _pick(tree, _node(tree.items_model, [IMAGE]))
        texts = "\n".join(window.detail.section_texts())
        for shown in ("案件编号", "公（刑）〔2026〕8号", "证据编号", "E2-1", "检验人", "王某", "描述", "涉案U盘镜像",
                      "获取时间", "文件头代码页", "windows-936（简体中文 GBK）", "镜像内存储的 MD5",
                      "获取软件", "文件头未记录（以取证记录为准）", "与取证记录比对", "不一致",
                      "E01 文件头记为“王某”，证据清单记为“刘某”"):
            assert shown in texts, shown
        # an EnCase 2 header keeps the acquiring machine's wall clock: shown as written, its zone said unknown
        assert re.search(r"获取时间\n\d{4}-\d\d-\d\d \d\d:\d\d:\d\d（镜像未记录时区）", texts), texts
        assert window.detail.title.text() == "usb.E01"
        qtbot.waitUntil(lambda: all(box.isVisible() for box in window.detail.sections))
        save_shot(window, "image_details_1366x768", tmp_path)

        item = next(tree.items_model.item(r) for r in range(tree.items_model.rowCount())
                    if tree.items_model.item(r).text().startswith("E2 "))
        _pick(tree, item)  # the item holding the image: the same header
        assert "windows-936（简体中文 GBK）" in "\n".join(window.detail.section_texts())
        assert window.detail.title.text().startswith("E2 ")
    finally:
        stop(window)


def test_agreeing_header_says_so(qtbot, tmp_path, store_dir):
    window = new_window(qtbot, tmp_path, store_dir)
    try:
        open_checked(qtbot, window, _bundle(tmp_path))
        _pick(window.item_tree, _node(window.item_tree.items_model, [IMAGE]))
        texts = "\n".join(window.detail.section_texts())
        assert "文件头与取证记录一致（第三十五条第一、二项）" in texts and "不一致" not in texts
    finally:
        stop(window)


def test_image_opened_on_its_own_shows_its_header_on_its_node(qtbot, tmp_path, store_dir):
    (tmp_path / "src").mkdir()
    (tmp_path / "case").mkdir()
    e01 = e01_of(fat32_image(tmp_path / "src"), tmp_path / "case" / "usb", case="案件一号", examiner="张三")
    window = new_window(qtbot, tmp_path, store_dir)
    try:
        open_checked(qtbot, window, e01)
        _pick(window.item_tree, _node(window.item_tree.items_model, ["usb.E01"]))
        texts = "\n".join(window.detail.section_texts())
        assert "案件一号" in texts and "张三" in texts and "文件头代码页" in texts
        assert "与取证记录比对" not in texts  # nothing recorded to compare with
    finally:
        stop(window)


def test_header_time_an_instant_in_the_case_zone_a_wall_clock_as_written(qapp):
    from ui.detail.image_section import header_rows

    rows = dict(header_rows({"acquired_at": "2026-11-18T07:05:00+00:00", "system_date": "2026-11-18T15:05:00"},
                            "Asia/Shanghai"))
    assert rows["获取时间"] == "2026-11-18 15:05:00 +08:00"  # EnCase 4+: the instant, in the case zone
    assert rows["系统时间"] == "2026-11-18 15:05:00（镜像未记录时区）"  # EnCase 1-3: no zone invented


def test_a_bundle_image_node_lists_its_partitions_and_one_filters_its_files(qtbot, qapp, tmp_path, store_dir):
    from ui.files.item_tree import FilterRole

    window = new_window(qtbot, tmp_path, store_dir)
    try:
        open_checked(qtbot, window, _bundle(tmp_path, examiner="刘某"))
        tree = window.item_tree
        image = _node(tree.items_model, [IMAGE])
        assert image.rowCount() == 1  # the FAT stick: one partition, as an image opened on its own shows it
        part = image.child(0)
        assert part.data(FilterRole) == {"prefix": f"{IMAGE}:/p1"}
        assert "FAT" in part.text()
        picked = []
        tree.filter_changed.connect(picked.append)
        _pick(tree, part)
        assert picked == [{"prefix": f"{IMAGE}:/p1"}]
    finally:
        stop(window)
