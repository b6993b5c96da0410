"""Viewers for evidence files opened from a clause: a PDF in QPdfView, an image, seal photos before/after side by
side."""

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QImageReader, QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from models.bundle.safepath import SafePathError, open_evidence, resolve_inside

MAX_BYTES = 256 * 1024 * 1024  # a viewer reads the whole file into memory: refuse anything larger
MAX_IMAGE_SIDE = 4096  # decoded images are scaled down to fit this box
ALLOCATION_LIMIT_MB = 512
PDF_SUFFIXES = {".pdf"}
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff", ".webp"}


def read_evidence_bytes(root: Path, rel: str, bundle=None) -> bytes:
    """The file's bytes, through safepath (no link leaving the bundle, O_NOFOLLOW, O_NOATIME); a file inside a
    disk image of `bundle` through models/image, the image opened read-only."""
    from models.image.files import is_image_path, read_image_file

    if is_image_path(bundle, rel):
        data = read_image_file(bundle, rel, limit=MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise OSError(f"文件过大，无法在查看器中打开（超过 {MAX_BYTES:,} 字节）")
        return data
    path = resolve_inside(Path(root), rel)
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise OSError(f"文件过大，无法在查看器中打开（{size:,} 字节）")
    chunks = bytearray()
    with open_evidence(path) as stream:
        buffer = bytearray(1 << 20)
        view = memoryview(buffer)
        while (n := stream.readinto(buffer)):
            chunks += view[:n]
    return bytes(chunks)


def viewer_kind(rel: str, mime: str | None = None) -> str | None:
    """"pdf", "image" or None (no viewer here: the detail pane shows it)."""
    suffix = Path(rel).suffix.lower()
    if mime == "application/pdf" or suffix in PDF_SUFFIXES:
        return "pdf"
    if (mime or "").startswith("image/") or suffix in IMAGE_SUFFIXES:
        return "image"
    return None


def load_pixmap(data: bytes, box: int = MAX_IMAGE_SIDE) -> tuple[QPixmap | None, str]:
    """Decode with QImageReader under an allocation limit, scaled to fit box; (pixmap, error text)."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)
    QImageReader.setAllocationLimit(ALLOCATION_LIMIT_MB)
    size = reader.size()
    if size.isValid() and (size.width() > box or size.height() > box):
        reader.setScaledSize(size.scaled(QSize(box, box), Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    if image.isNull():
        return None, reader.errorString()
    return QPixmap.fromImage(image), ""


class ImageLabel(QLabel):
    """One photo, scaled to the label's width, with its path under it as the tooltip."""

    def __init__(self, root: Path, rel: str, box: int = 560, parent=None, bundle=None):
        super().__init__(parent)
        self.rel = rel
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setToolTip(rel)
        try:
            pixmap, error = load_pixmap(read_evidence_bytes(root, rel, bundle))
        except (OSError, SafePathError) as exc:
            pixmap, error = None, str(exc)
        if pixmap is None:
            self.setText(self.tr("无法显示 %1：%2").replace("%1", rel).replace("%2", error))
            self.setWordWrap(True)
        else:
            self.setPixmap(pixmap.scaled(box, box, Qt.AspectRatioMode.KeepAspectRatio,
                                         Qt.TransformationMode.SmoothTransformation))


def _close_buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    return buttons


class ImageViewerDialog(QDialog):
    """One evidence photo, read through safepath (or models/image for a file inside an image)."""

    def __init__(self, root: Path, rel: str, parent=None, bundle=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("查看图片：%1").replace("%1", rel))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        self.image = ImageLabel(root, rel, box=1000, bundle=bundle)
        scroll.setWidget(self.image)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(QLabel(rel))
        layout.addWidget(_close_buttons(self))
        self.resize(1040, 800)


class PdfViewerDialog(QDialog):
    """A document (decision, list, record) in QPdfView; the bytes come through safepath into a buffer."""

    def __init__(self, root: Path, rel: str, parent=None, bundle=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("查看文书：%1").replace("%1", rel))
        self.document = QPdfDocument(self)
        self.buffer = QBuffer(self)
        self.error = ""
        try:
            self.buffer.setData(QByteArray(read_evidence_bytes(root, rel, bundle)))
            self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            self.document.load(self.buffer)
        except (OSError, SafePathError) as exc:
            self.error = str(exc)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        status = QLabel(self.error or self.tr("%1（共 %2 页）").replace("%1", rel).replace(
            "%2", str(self.document.pageCount())))
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(status)
        layout.addWidget(_close_buttons(self))
        self.resize(900, 1000)


class SideBySideDialog(QDialog):
    """Seal photos before sealing on the left, after sealing on the right (Art. 31.1, 34.2)."""

    def __init__(self, root: Path, before: list[str], after: list[str], parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("封存前后照片对照"))
        grid = QGridLayout()
        for column, (title, paths) in enumerate(((self.tr("封存前"), before), (self.tr("封存后"), after))):
            heading = QLabel(f"<b>{title}</b>")
            heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(heading, 0, column)
            for row, rel in enumerate(paths or [], start=1):
                grid.addWidget(ImageLabel(root, rel, box=480), 2 * row - 1, column)
                grid.addWidget(QLabel(rel), 2 * row, column, Qt.AlignmentFlag.AlignHCenter)
            if not paths:
                grid.addWidget(QLabel(self.tr("（无照片）")), 1, column, Qt.AlignmentFlag.AlignHCenter)
        body = QWidget()
        body.setLayout(grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(_close_buttons(self))
        self.resize(1040, 700)


def open_viewer(parent, root: Path, rel: str, mime: str | None = None, bundle=None) -> QDialog | None:
    """Show the file in the matching viewer (non-modal); None when there is no viewer for its type. bundle:
    the open bundle, whose disk images' files are read through models/image."""
    kind = viewer_kind(rel, mime)
    if kind is None:
        return None
    viewer = PdfViewerDialog if kind == "pdf" else ImageViewerDialog
    dialog = viewer(root, rel, parent, bundle=bundle)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
