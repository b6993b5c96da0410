"""Files inside a FAT image made by code, previewed, digested on demand and viewed in the window (offscreen):
their content is read through models/image, the image left as it was."""

import pytest
from PySide6.QtCore import QSettings

from models.bundle.manifest import load_bundle
from models.inventory.scan import scan_bundle
from models.inventory.typing_pass import fill_types
from models.store.store import open_store
from tests.helpers import snapshot
from tests.image_factory import fat32_image
from tests.ui.shots import use_cjk_font
from tests.ui.test_preview import camera_jpeg, show
from ui.app import make_context
from ui.detail.preview_pane import PAGE_IMAGE, PAGE_TEXT, PreviewPane

GBK_NOTE = "交易记录：三点交货。\n"


@pytest.fixture
def image_case(tmp_path, store_dir):
    (tmp_path / "src").mkdir()
    raw = fat32_image(tmp_path / "src", jpeg=camera_jpeg(), files={"记录.txt": GBK_NOTE.encode("gbk")})
    case = tmp_path / "case"
    case.mkdir()
    image = raw.rename(case / "usb.dd")
    bundle = load_bundle(image)
    store = open_store(bundle, store_dir)
    scan_bundle(bundle, store)
    fill_types(bundle, store, workers=1)
    return bundle, store


@pytest.fixture
def pane(qtbot, qapp, tmp_path, image_case):
    use_cjk_font(qapp)
    context = make_context(settings=QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    widget = PreviewPane(context)
    qtbot.addWidget(widget)
    widget.resize(520, 620)
    widget.show()
    widget.set_case(*image_case)
    yield widget
    context.runner.wait(10_000)


def test_text_and_picture_inside_an_image_are_previewed(qtbot, pane, image_case):
    bundle, _store = image_case
    before = snapshot(bundle.image.path.parent)
    assert show(qtbot, pane, "usb.dd:/p1/记录.txt") == "text", pane.message.text()
    assert pane.stack.currentIndex() == PAGE_TEXT and pane.text.toPlainText() == GBK_NOTE
    assert show(qtbot, pane, "usb.dd:/p1/目录/中文文件.txt") == "text"
    assert pane.text.toPlainText() == "你好\n"
    assert show(qtbot, pane, "usb.dd:/p1/目录/照片.jpg") == "image", pane.message.text()
    assert pane.stack.currentIndex() == PAGE_IMAGE
    pixmap = pane.image.pixmap()
    assert (pixmap.width(), pixmap.height()) == (512, 384)
    assert show(qtbot, pane, "usb.dd:/p1/删除.txt") == "text"  # deleted, its data still read by address
    assert pane.text.toPlainText() == "gone\n"
    assert snapshot(bundle.image.path.parent) == before


def test_viewer_shows_a_photo_inside_an_image(qtbot, image_case):
    from ui.detail.media_viewers import open_viewer

    bundle, _store = image_case
    dialog = open_viewer(None, bundle.root, "usb.dd:/p1/目录/照片.jpg", bundle=bundle)
    qtbot.addWidget(dialog)
    pixmap = dialog.image.pixmap()
    assert pixmap is not None and (pixmap.width(), pixmap.height()) == (1000, 750), dialog.image.text()


def test_digests_of_a_file_inside_an_image_on_demand(qtbot, qapp, tmp_path, image_case):
    import hashlib

    from PySide6.QtWidgets import QPushButton

    from ui.detail.detail_pane import DetailPane
    from ui.detail.digest_section import attach_to_detail_pane

    context = make_context(settings=QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    pane = DetailPane(context)
    qtbot.addWidget(pane)
    attach_to_detail_pane(pane)
    pane.set_case(*image_case)
    pane.show_file("usb.dd:/p1/目录/中文文件.txt")
    button = next(b for b in pane.findChildren(QPushButton) if b.text() == "计算哈希值")
    button.click()
    data = "你好\n".encode()
    qtbot.waitUntil(lambda: hashlib.sha256(data).hexdigest() in pane.section_texts(), timeout=30_000)
    texts = pane.section_texts()
    assert hashlib.md5(data).hexdigest() in texts and "SM3" in texts and "尚未校验（在“校验”页点击“校验”）" not in texts
    context.runner.wait(10_000)
