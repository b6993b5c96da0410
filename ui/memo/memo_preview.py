"""The memo's pages before it is signed (and a signed memo when no PDF viewer is installed), in QPdfView."""

import tempfile
from pathlib import Path

from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout


def preview_job(bundle, store_path, reviewer: dict, training: bool, english: bool, document_number):
    """fn(progress, cancel) for the TaskRunner: the memo laid out as it will be signed, unsigned, in a temp file."""

    def job(progress, cancel):
        from models.bundle.output_paths import refuse_inside

        # a temporary folder inside the bundle (TMPDIR pointed there): the preview would be written into evidence
        refuse_inside(tempfile.gettempdir(), bundle.root, "预览所用的临时文件夹", "the preview's temporary folder")
        from checks.memo_examine import propose
        from models.memo.memo_data import build_memo_data
        from models.memo.memo_digests import TABLE_NAMES
        from models.memo.memo_render import render_pdf
        from models.store.store import open_store_file

        store = open_store_file(Path(store_path))
        try:
            data = build_memo_data(bundle, store, reviewer, training, propose=propose,
                                   document_number=document_number)
        finally:
            store.close()
        # the annex names the digest table the signed memo will carry
        rendered = render_pdf(data, english, cancel, lambda part, parts: progress(part, parts),
                              TABLE_NAMES["en" if english else "zh"])
        handle, name = tempfile.mkstemp(prefix="evidencedesk-preview-", suffix=".pdf")
        with open(handle, "wb") as f:
            f.write(rendered.pdf)
        return {"path": name, "pages": rendered.pages, "undecided": data["review"]["undecided_items"]}
    return job


class MemoPreviewDialog(QDialog):
    """Shows a PDF's pages; warning (may be empty) above them, e.g. the items still undecided."""

    def __init__(self, path: str, warning: str = "", parent=None, title: str | None = None,
                 temporary: bool = False):
        super().__init__(parent)
        self.path, self.temporary = Path(path), temporary
        self.setWindowTitle(title or self.tr("审查意见预览（未签名）"))
        self.document = QPdfDocument(self)
        self.document.load(str(path))
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.warning = QLabel(warning)
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #b00020;")
        self.warning.setVisible(bool(warning))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(self.warning)
        column.addWidget(self.view, 1)
        column.addWidget(buttons)
        self.resize(760, 900)

    def done(self, result: int) -> None:
        self.document.close()
        if self.temporary:  # an unsigned preview is not kept
            self.path.unlink(missing_ok=True)
        super().done(result)

    def pages(self) -> int:
        return self.document.pageCount()
