"""The preview's pages: a SQLite file as read-only tables that never writes (bytes, times, no file beside it),
hex for anything else, text with line numbers and find, a PDF paged and zoomed."""

import os
import sqlite3

import pytest
from PySide6.QtCore import QSettings

from models.bundle.manifest import load_bundle
from models.inventory.scan import scan_bundle
from models.inventory.sqlite_preview import evidence_uri, hex_dump, read_tables
from models.inventory.typing_pass import fill_types
from models.store.store import open_store
from tests.factory_case import tiny_pdf
from ui.app import make_context
from ui.detail.preview_pane import PAGE_HEX, PAGE_PDF, PAGE_SQLITE, PAGE_TEXT, PreviewPane

TIMEOUT = 30_000


def chat_db(path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE message (id INTEGER PRIMARY KEY, sender TEXT, body TEXT, at INTEGER, blob BLOB)")
    conn.executemany("INSERT INTO message(sender, body, at, blob) VALUES (?, ?, ?, ?)",
                     [("wxid_zhang", f"第 {i} 条：货已备好", 1790000000 + i, b"\x00\x01") for i in range(700)])
    conn.execute("CREATE TABLE contact (wxid TEXT, nick TEXT)")
    conn.execute("INSERT INTO contact VALUES ('wxid_li', '李某')")
    conn.commit()
    conn.execute("PRAGMA journal_mode = WAL")  # a WAL database: a careless reader makes -wal and -shm beside it
    conn.close()


def snapshot(folder) -> dict:
    found = {}
    for root, _dirs, names in os.walk(folder):
        for name in names:
            path = os.path.join(root, name)
            info = os.lstat(path)
            with open(path, "rb") as f:
                found[os.path.relpath(path, folder)] = (f.read(), info.st_mtime_ns, info.st_size)
    return found


@pytest.fixture
def case(tmp_path, store_dir):
    folder = tmp_path / "seized"
    folder.mkdir()
    chat_db(folder / "相册.jpg")  # a .jpg that is a SQLite database
    (folder / "scan.pdf").write_bytes(tiny_pdf("Page one"))
    (folder / "chat.txt").write_text("".join(f"第{i}行 内容\n" for i in range(1, 200)) + "交货地点：老地方\n",
                                     encoding="utf-8")
    (folder / "blob.bin").write_bytes(bytes(range(256)) * 3)
    os.utime(folder / "相册.jpg", ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    bundle = load_bundle(folder)
    store = open_store(bundle, store_dir)
    scan_bundle(bundle, store)
    fill_types(bundle, store, workers=1)
    return bundle, store


@pytest.fixture
def pane(qtbot, tmp_path, case):
    context = make_context(settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
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


def test_a_sqlite_file_shows_its_tables_and_is_never_written(qtbot, pane, case):
    before = snapshot(case[0].root)
    assert show(qtbot, pane, "相册.jpg") == "sqlite", pane.message.text()
    assert pane.stack.currentIndex() == PAGE_SQLITE
    page = pane.sqlite_page
    assert set(page.tables) == {"message", "contact"}
    page.picker.setCurrentText("message")
    assert page.model.rowCount() == 500 and "700" in page.count.text()
    assert page.model.item(0, 2).text() == "第 0 条：货已备好"
    assert snapshot(case[0].root) == before  # same names, bytes and times: no -wal, -shm or -journal made


def test_the_uri_is_read_only_and_immutable(tmp_path):
    path = tmp_path / "a #1?.db"
    chat_db(path)
    uri = evidence_uri(path)
    assert uri.startswith("file:/") and uri.endswith("?mode=ro&immutable=1") and "%23" in uri and "%3F" in uri
    assert read_tables(path)["tables"]["contact"]["rows"] == [["wxid_li", "李某"]]
    with pytest.raises(sqlite3.OperationalError):
        sqlite3.connect(uri, uri=True).execute("INSERT INTO contact VALUES ('x', 'y')")


def test_anything_else_in_hex(qtbot, pane):
    assert show(qtbot, pane, "blob.bin") == "hex", pane.message.text()
    assert pane.stack.currentIndex() == PAGE_HEX
    first = pane.hex.toPlainText().splitlines()[0]
    assert first.startswith("00000000  00 01 02 03") and first == hex_dump(bytes(range(16)))


def test_text_has_line_numbers_and_find(qtbot, pane):
    assert show(qtbot, pane, "chat.txt") == "text"
    assert pane.stack.currentIndex() == PAGE_TEXT
    page = pane.text_page
    assert page.text.number_width() > page.text.fontMetrics().horizontalAdvance("99")
    assert page.find("交货地点") and page.current_line() == 200
    assert page.find("第1") and page.current_line() == 1  # wrapped to the top
    assert not page.find("不存在的词") and page.found_label.text()


def test_a_pdf_pages_and_zooms(qtbot, pane):
    assert show(qtbot, pane, "scan.pdf") == "pdf"
    assert pane.stack.currentIndex() == PAGE_PDF
    page = pane.pdf_page
    assert page.page() == 0 and "1 / 1" in page.page_label.text()
    page.zoom(1.25)
    assert abs(page.view.zoomFactor() - 1.25) < 1e-6
    page.go(1)  # one page only: stays
    assert page.page() == 0
    page.fit()
    assert page.view.zoomMode() == page.view.ZoomMode.FitToWidth
