"""Previews: a Pillow-made JPEG with EXIF gets a cached thumbnail, a PDF page shows, GBK text is decoded; EXIF rows."""

import io

import pytest
from PIL import Image
from PySide6.QtCore import QSettings

from models.bundle.manifest import load_bundle
from models.inventory.scan import scan_bundle
from models.inventory.thumbs import thumbs_dir
from models.inventory.typing_pass import fill_types
from models.store.store import open_store
from tests.factory_case import tiny_pdf
from tests.ui.shots import save_shot, use_cjk_font
from ui.app import make_context
from ui.detail.exif_section import exif_rows
from ui.detail.preview_pane import PAGE_IMAGE, PAGE_PDF, PAGE_TEXT, PreviewPane

TIMEOUT = 30_000
GBK_TEXT = "张某某：明天下午三点在老地方交货，带上那批公民信息。\n李某：收到。\n"


def camera_jpeg() -> bytes:
    image = Image.new("RGB", (640, 480), (40, 120, 200))
    for x in range(0, 640, 40):
        image.paste((230, 180, 40), (x, 200, x + 20, 280))
    exif = Image.Exif()
    exif[0x010F], exif[0x0110], exif[0x0131] = "Canon", "Canon EOS 80D", "Firmware 1.0.2"
    ifd = exif.get_ifd(0x8769)
    ifd[0x9003], ifd[0x9011] = "2026:10:01 20:15:03", "+08:00"
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (31.0, 14.0, 5.0), 3: "E", 4: (121.0, 28.0, 40.0), 5: 0, 6: 12.5})
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, quality=85)
    return out.getvalue()


@pytest.fixture
def case(tmp_path, store_dir):
    folder = tmp_path / "seized"
    folder.mkdir()
    (folder / "photo.jpg").write_bytes(camera_jpeg())
    (folder / "scan.pdf").write_bytes(tiny_pdf("Seizure list 2026"))
    (folder / "chat.txt").write_bytes(GBK_TEXT.encode("gbk"))
    bundle = load_bundle(folder)
    store = open_store(bundle, store_dir)
    scan_bundle(bundle, store)
    fill_types(bundle, store, workers=1)
    return bundle, store


@pytest.fixture
def pane(qtbot, qapp, tmp_path, case):
    use_cjk_font(qapp)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    context = make_context(settings=settings)
    widget = PreviewPane(context)
    qtbot.addWidget(widget)
    widget.resize(520, 620)
    widget.show()
    widget.set_case(*case)
    yield widget
    context.runner.wait(10_000)


def show(qtbot, pane, path) -> str:
    with qtbot.waitSignal(pane.shown, timeout=TIMEOUT) as blocker:
        pane.show_file(path)
    return blocker.args[0]


def test_jpeg_thumbnail_is_made_and_cached_outside_the_bundle(qtbot, pane, case, tmp_path):
    bundle, store = case
    assert show(qtbot, pane, "photo.jpg") == "image", pane.message.text()
    assert pane.stack.currentIndex() == PAGE_IMAGE
    pixmap = pane.image.pixmap()
    assert not pixmap.isNull() and max(pixmap.width(), pixmap.height()) <= 512
    cached = list(thumbs_dir(store).rglob("*"))
    assert any(p.is_file() for p in cached)
    assert sorted(p.name for p in bundle.root.iterdir()) == ["chat.txt", "photo.jpg", "scan.pdf"]
    save_shot(pane, "preview", tmp_path)


def test_pdf_page_shows(qtbot, pane):
    assert show(qtbot, pane, "scan.pdf") == "pdf", pane.message.text()
    assert pane.stack.currentIndex() == PAGE_PDF
    assert pane.pdf_document.pageCount() == 1
    assert "1" in pane.info.text()


def test_gbk_text_is_decoded_with_its_encoding_named(qtbot, pane):
    assert show(qtbot, pane, "chat.txt") == "text", pane.message.text()
    assert pane.stack.currentIndex() == PAGE_TEXT
    assert pane.text.toPlainText() == GBK_TEXT
    assert pane.encoding.lower().replace("-", "") in ("gbk", "gb18030", "gb2312")
    assert pane.encoding in pane.info.text()


def test_exif_rows_show_camera_time_and_place(case):
    _bundle, store = case
    rows = dict(exif_rows(store, "photo.jpg", "Asia/Shanghai"))
    assert rows["厂商"] == "Canon" and rows["型号"] == "Canon EOS 80D"
    assert rows["拍摄时间"].startswith("2026-10-01 20:15:03 +08:00")
    assert "31.234722" in rows["GPS"] and "121.477778" in rows["GPS"] and "12.5" in rows["GPS"]
    assert exif_rows(store, "chat.txt", "Asia/Shanghai") == []


def test_a_file_gone_since_the_scan_is_explained_in_chinese(qtbot, pane, case):
    (case[0].root / "chat.txt").unlink()
    assert show(qtbot, pane, "chat.txt") == ""
    text = pane.message.text()
    assert "文件不存在" in text and "No such file" not in text and "Errno" not in text, text
