"""工具 > 计算哈希值: pick a file or a folder, its four digests computed off the GUI thread, shown copyable."""

from PySide6.QtGui import QFontDatabase, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from models.integrity.digests import ALGORITHMS
from ui.common.copy_cells import install_copy
from ui.common.progress_panel import progress_text

NAMES = {"md5": "MD5", "sha1": "SHA-1", "sha256": "SHA-256", "sm3": "SM3"}


class HashDialog(QDialog):
    """start(path) hashes path (a file or a folder); the table lists path, size and the four digests."""

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.handle = None
        self.results: list = []
        self.setWindowTitle(self.tr("计算哈希值"))
        self.resize(1000, 420)
        self.model = QStandardItemModel(0, 2 + len(ALGORITHMS), self)
        self.model.setHorizontalHeaderLabels([self.tr("文件"), self.tr("大小（字节）")]
                                             + [NAMES[a] for a in ALGORITHMS])
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setWordWrap(False)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        install_copy(self.view)
        self.file_button = QPushButton(self.tr("选择文件…"))
        self.folder_button = QPushButton(self.tr("选择文件夹…"))
        self.cancel_button = QPushButton(self.tr("取消"))
        self.file_button.clicked.connect(self.pick_file)
        self.folder_button.clicked.connect(self.pick_folder)
        self.cancel_button.clicked.connect(self.cancel)
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.status = QLabel(self.tr("选择一个文件或文件夹，计算 MD5、SHA-1、SHA-256 和 SM3。文件以只读方式打开。"))
        row = QHBoxLayout()
        for widget in (self.file_button, self.folder_button, self.bar, self.cancel_button):
            row.addWidget(widget, 1 if widget is self.bar else 0)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)
        self._idle()

    def pick_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择文件"))
        if path:
            self.start(path)

    def pick_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("选择文件夹"))
        if path:
            self.start(path)

    def start(self, path):
        if self.handle is not None:
            return None
        from models.integrity.hash_on_demand import hash_target

        self.model.removeRows(0, self.model.rowCount())
        label = self.tr("正在计算哈希值")
        self.handle = self.context.runner.run(
            lambda progress, cancel: hash_target(path, progress, cancel), label=label,
            on_done=self._done, on_error=self._failed, on_progress=self._progress)
        if not self.handle.running:  # a runner that runs tasks at once has answered already
            self.handle = None
        else:
            self.bar.setRange(0, 0)
            for widget in (self.file_button, self.folder_button):
                widget.setEnabled(False)
            self.cancel_button.setEnabled(True)
            self.status.setText(label + "…")
        return self.handle

    def cancel(self) -> None:
        if self.handle is not None:
            self.handle.cancel()

    def _progress(self, done, total, done_bytes, total_bytes) -> None:
        if total_bytes:
            self.bar.setRange(0, 1000)
            self.bar.setValue(int(1000 * done_bytes / total_bytes))
        if self.handle is not None:
            self.status.setText(progress_text(self.handle.label, done, total, done_bytes, total_bytes,
                                              self.handle.elapsed))

    def _done(self, results) -> None:
        self.results = results
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        for entry in results:
            cells = [QStandardItem(entry.path), QStandardItem(f"{entry.size:,}")]
            for algorithm in ALGORITHMS:
                item = QStandardItem(entry.digests.get(algorithm) or entry.error or "")
                item.setFont(mono)
                cells.append(item)
            self.model.appendRow(cells)
        self.view.resizeColumnsToContents()
        failed = sum(1 for entry in results if entry.error)
        text = self.tr("完成：%1 个文件").replace("%1", f"{len(results):,}")
        self.status.setText(text + (self.tr("，%1 个无法读取").replace("%1", str(failed)) if failed else ""))
        self._idle()

    def _failed(self, exc) -> None:
        from models.runtime.jobs import Cancelled

        self.status.setText(self.tr("已取消") if isinstance(exc, Cancelled) else self.tr("无法计算：%1").replace(
            "%1", str(exc)))
        self._idle()

    def _idle(self) -> None:
        self.handle = None
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        self.cancel_button.setEnabled(False)
        for widget in (self.file_button, self.folder_button):
            widget.setEnabled(True)

    def done(self, result) -> None:
        self.cancel()
        super().done(result)
