"""The preview pane: a picture's thumbnail (made in a worker, cached beside the store), a PDF, text with its encoding,
a SQLite file's tables, or hex."""

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QLabel, QScrollArea, QStackedWidget, QVBoxLayout, QWidget

from ui.common.errors import reason_text
from ui.detail.preview_pages import HexPage, PdfPage, SqlitePage, TextPage

THUMB_SIZE = 512
TEXT_BYTES = 1 << 20  # the first MiB of a text file is what a reviewer reads in a pane
PDF_MAX_BYTES = 256 << 20
HEX_BYTES = 64 << 10  # the first 64 KiB of a file no other page shows
PAGE_PLACEHOLDER, PAGE_IMAGE, PAGE_PDF, PAGE_TEXT, PAGE_SQLITE, PAGE_HEX = range(6)
SQLITE_TYPES = ("application/vnd.sqlite3", "application/x-sqlite3")


def folder_opener(full: Path):
    """A zero-argument opener of a bundle's file through safepath (the jobs below take an opener)."""
    def opener():
        from models.bundle.safepath import open_evidence

        return open_evidence(full)
    return opener


def image_opener(bundle, path: str, address: str | None, size: int | None = None):
    """An opener of a file inside a disk image, read through models/image (read-only, nothing written)."""
    def opener():
        from models.image.files import open_image_file

        return open_image_file(bundle, path, address, size)
    return opener


def thumbnail_job(opener, cache: Path, key: str):
    """fn(progress, cancel): the cached thumbnail's path; a picture Pillow refuses raises with the reason."""
    def job(progress, cancel):
        import io

        from models.inventory.thumbs import thumbnail

        with opener() as raw:
            result = thumbnail(io.BufferedReader(raw), cache, key, size=THUMB_SIZE)
        if result.path is None:
            raise ValueError(result.error)
        return result.path
    return job


def pdf_job(opener):
    def job(progress, cancel):
        with opener() as stream:
            data = stream.read(PDF_MAX_BYTES + 1)
        if len(data) > PDF_MAX_BYTES:
            raise ValueError(f"PDF 超过 {PDF_MAX_BYTES >> 20} MB，请用外部阅读器查看")
        return data
    return job


def text_job(opener):
    def job(progress, cancel):
        from models.inventory.textenc import read_text_preview

        with opener() as stream:
            text, encoding = read_text_preview(stream, TEXT_BYTES)
            truncated = bool(stream.read(1))
        return text, encoding, truncated
    return job


def sqlite_job(full: Path):
    def job(progress, cancel):
        from models.inventory.sqlite_preview import read_tables

        return read_tables(full)
    return job


def hex_job(opener):
    def job(progress, cancel):
        from models.inventory.sqlite_preview import hex_dump

        with opener() as stream:
            data = stream.read(HEX_BYTES)
            truncated = bool(stream.read(1))
        return hex_dump(data), truncated
    return job


def preview_kind(mime: str | None, path: str) -> str | None:
    """'image', 'pdf', 'text', 'sqlite', or 'hex' for any other file, from the content type (the name only
    when the type is unknown)."""
    mime = mime or ""
    if mime in SQLITE_TYPES:
        return "sqlite"
    if mime.startswith("image/"):
        return "image"
    if mime == "application/pdf":
        return "pdf"
    if mime.startswith("text/") or mime in ("application/json", "application/xml", "application/csv"):
        return "text"
    if not mime:
        suffix = path.rsplit(".", 1)[-1].lower() if "." in path else ""
        return {"jpg": "image", "jpeg": "image", "png": "image", "pdf": "pdf", "txt": "text", "log": "text",
                "csv": "text"}.get(suffix, "hex")
    return "hex"


class PreviewPane(QWidget):
    """set_case(bundle, store); show_file(path) previews it; signal shown(kind) when the preview is on screen."""

    shown = Signal(str)  # "image", "pdf", "text", or "" when nothing could be shown

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.bundle = self.store = None
        self.path: str | None = None
        self.handle = None
        self.encoding: str | None = None
        self._reason: str | None = None  # why a picture is shown in hex instead
        self.stack = QStackedWidget()
        self.message = QLabel(self.tr("选择一个图片、PDF 或文本文件即可预览。"))
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image = QLabel()
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.image)
        self.pdf_document = QPdfDocument(self)
        self.pdf_page = PdfPage(self.pdf_document)
        self.pdf_view = self.pdf_page.view
        self._pdf_buffer = None
        self.text_page = TextPage()
        self.text = self.text_page.text
        self.sqlite_page = SqlitePage()
        self.hex = HexPage()
        for widget in (self.message, scroll, self.pdf_page, self.text_page, self.sqlite_page, self.hex):
            self.stack.addWidget(widget)
        self.info = QLabel()
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.info)
        layout.addWidget(self.stack, 1)

    def set_case(self, bundle, store) -> None:
        self.bundle, self.store = bundle, store
        self.clear()

    def clear(self, text: str | None = None) -> None:
        if self.handle is not None:
            self.handle.cancel()
            self.handle = None
        self.path = self.encoding = self._reason = None
        self.info.setText("")
        self.message.setText(text or self.tr("选择一个图片、PDF 或文本文件即可预览。"))
        self.stack.setCurrentIndex(PAGE_PLACEHOLDER)

    def show_file(self, path: str) -> None:
        """Preview one bundle-relative file, its bytes read in a worker."""
        from models.bundle.safepath import SafePathError, resolve_inside
        from models.inventory.thumbs import cache_key, thumbs_dir

        self.clear(self.tr("正在读取…"))
        if self.bundle is None or self.store is None:
            return
        self.path = path
        from models.image.files import is_image_path

        row = self.store.db.execute("SELECT mime, kind, size, modified_ns, address FROM files WHERE path = ?",
                                     [path]).fetchone() if self.store else None
        kind = preview_kind(row[0] if row else None, path) if not row or row[1] == "file" else None
        full = None
        if is_image_path(self.bundle, path):
            opener = image_opener(self.bundle, path, row[4] if row else None, row[2] if row else None)
            if kind == "sqlite":  # SQLite reads a file on disk, and nothing is written out of an image
                kind, self._reason = "hex", self.tr("镜像内的 SQLite 数据库以十六进制显示")
        else:
            try:
                full = resolve_inside(self.bundle.root, path)
                opener = folder_opener(full)
            except (SafePathError, OSError) as exc:
                self._failed(path, exc)
                return
        if kind is None:
            shown_type = (row[0] if row else None) or self.tr("类型未识别")
            self.clear(self.tr("此类文件不提供预览（%1）").replace("%1", shown_type))
            self.shown.emit("")
            return
        key = cache_key(path, row[2] if row else None, row[3] if row else None, THUMB_SIZE)
        jobs = {"image": (thumbnail_job(opener, thumbs_dir(self.store), key), self._show_image),
                "pdf": (pdf_job(opener), self._show_pdf), "text": (text_job(opener), self._show_text),
                "hex": (hex_job(opener), self._show_hex)}
        if full is not None:
            jobs["sqlite"] = (sqlite_job(full), self._show_sqlite)
        job, slot = jobs[kind]
        self.path = path
        self.handle = self.context.runner.run(job, label=self.tr("正在生成预览"),
                                              on_done=lambda result, p=path: self._if_current(p, slot, result),
                                              on_error=lambda exc, p=path: self._not_shown(p, opener, kind, exc))

    def _not_shown(self, path: str, opener, kind: str, exc) -> None:
        """A picture Pillow cannot read (a type guessed wrong, a damaged file) is shown in hex, with the reason."""
        if path != self.path or kind != "image" or isinstance(exc, OSError):
            self._failed(path, exc)
            return
        self._reason = reason_text(exc)
        self.handle = self.context.runner.run(hex_job(opener), label=self.tr("正在生成预览"),
                                              on_done=lambda result, p=path: self._if_current(p, self._show_hex,
                                                                                               result),
                                              on_error=lambda error, p=path: self._failed(p, error))

    def _if_current(self, path: str, slot, result) -> None:
        if path == self.path:
            self.handle = None
            slot(result)

    def _failed(self, path: str, exc) -> None:
        if path != self.path:
            return
        self.handle = None
        self.message.setText(self.tr("无法预览：%1").replace("%1", reason_text(exc)))
        self.stack.setCurrentIndex(PAGE_PLACEHOLDER)
        self.shown.emit("")

    def _show_image(self, thumb_path) -> None:
        pixmap = QPixmap(str(thumb_path))
        if pixmap.isNull():
            self._failed(self.path, ValueError(self.tr("缩略图无法显示")))
            return
        self.image.setPixmap(pixmap)
        self.info.setText(self.tr("缩略图 %1×%2（原图未改动）").replace("%1", str(pixmap.width())).replace(
            "%2", str(pixmap.height())))
        self.stack.setCurrentIndex(PAGE_IMAGE)
        self.shown.emit("image")

    def _show_pdf(self, data: bytes) -> None:
        self.pdf_document.close()
        self._pdf_buffer = QBuffer(self)
        self._pdf_buffer.setData(QByteArray(data))
        self._pdf_buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.pdf_document.load(self._pdf_buffer)
        if self.pdf_document.status() != QPdfDocument.Status.Ready:
            self._failed(self.path, ValueError(self.tr("PDF 无法打开（%1）").replace(
                "%1", self.pdf_document.error().name)))
            return
        self.info.setText(self.tr("PDF，共 %1 页").replace("%1", str(self.pdf_document.pageCount())))
        self.stack.setCurrentIndex(PAGE_PDF)
        self.pdf_page.reset()
        self.shown.emit("pdf")

    def _show_text(self, result) -> None:
        text, encoding, truncated = result
        self.encoding = encoding
        self.text_page.set_text(text)
        info = self.tr("文本，编码：%1").replace("%1", encoding or self.tr("未识别（不是文本）"))
        if truncated:
            info += self.tr("（只显示前 1 MiB）")
        self.info.setText(info)
        self.stack.setCurrentIndex(PAGE_TEXT)
        self.shown.emit("text")

    def _show_sqlite(self, result: dict) -> None:
        self.sqlite_page.set_tables(result["tables"])
        self.info.setText(self.tr("SQLite 数据库，%1 个表（只读打开，不改动原文件）").replace(
            "%1", str(len(result["tables"]))))
        self.stack.setCurrentIndex(PAGE_SQLITE)
        self.shown.emit("sqlite")

    def _show_hex(self, result) -> None:
        dump, truncated = result
        self.hex.setPlainText(dump)
        info = self.tr("十六进制")
        if truncated:
            info += self.tr("（只显示前 64 KiB）")
        if self._reason:
            info += self.tr("；无法作为图片显示：%1").replace("%1", self._reason)
        self.info.setText(info)
        self.stack.setCurrentIndex(PAGE_HEX)
        self.shown.emit("hex")
