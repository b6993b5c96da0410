"""工具 > 比对原件与备份（第三十一条第（三）项）: a backup item against its original, file by file, off the GUI thread;
for a text or CSV file that differs, its line diff (models.integrity.backup_diff), read-only."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
)

from models.integrity.backup_diff import CAP_BYTES
from ui.common.copy_cells import install_copy

ORDER = {"differs": 0, "missing_in_backup": 1, "missing_in_original": 2, "unreadable": 3, "same": 4}


class BackupDiffDialog(QDialog):
    """start(item_id) compares that backup item with its original; the table lists the files, differences first."""

    def __init__(self, context, bundle, parent=None):
        super().__init__(parent)
        self.context, self.bundle = context, bundle
        self.handle = None
        self.results: list = []
        self.setWindowTitle(self.tr("比对原件与备份"))
        self.resize(1000, 620)
        self.backups = QComboBox()
        for item in (bundle.items if bundle is not None else []):
            if item.get("backup_of"):
                text = self.tr("%1（备份自 %2）").replace("%1", f"{item.get('id')} {item.get('title') or ''}".strip())
                self.backups.addItem(text.replace("%2", str(item["backup_of"])), item.get("id"))
        self.compare_button = QPushButton(self.tr("比对"))
        self.cancel_button = QPushButton(self.tr("取消"))
        self.compare_button.clicked.connect(lambda: self.start(self.backups.currentData()))
        self.cancel_button.clicked.connect(self.cancel)
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.model = QStandardItemModel(0, 4, self)
        self.model.setHorizontalHeaderLabels([self.tr("文件"), self.tr("差异"), self.tr("原件路径"),
                                              self.tr("备份路径")])
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setWordWrap(False)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.selectionModel().currentRowChanged.connect(self._show_row)
        install_copy(self.view)
        self.diff = QPlainTextEdit()
        self.diff.setReadOnly(True)
        self.diff.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.diff.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.view)
        split.addWidget(self.diff)
        split.setSizes([240, 360])
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("备份")))
        row.addWidget(self.backups, 1)
        for widget in (self.compare_button, self.bar, self.cancel_button):
            row.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(split, 1)
        self._idle()
        if self.backups.count():
            self.status.setText(self.tr("逐个文件比对备份与原件；文本和 CSV 文件逐行比对，每个文件最多读取 %1 MB。"
                                        "证据以只读方式打开。").replace("%1", str(CAP_BYTES // (1024 * 1024))))
        else:
            self.compare_button.setEnabled(False)
            self.status.setText(self.tr("本案没有注明为某项证据备份的证据项") if bundle is not None
                                else self.tr("请先打开证据包"))

    def status_text(self, status: str) -> str:
        return {"same": self.tr("相同"), "differs": self.tr("内容不同"), "missing_in_backup": self.tr("备份中缺少"),
                "missing_in_original": self.tr("原件中缺少"), "unreadable": self.tr("无法读取")}.get(status, status)

    def start(self, item_id):
        if self.handle is not None or self.bundle is None or not item_id:
            return None
        item = self.bundle.item(item_id) or {}
        original = self.bundle.item(item.get("backup_of") or "")
        if original is None:
            self.status.setText(self.tr("原件 %1 不在本案清单中").replace("%1", str(item.get("backup_of"))))
            return None
        from models.integrity.backup_diff import diff_backup

        root = self.bundle.root
        self.model.removeRows(0, self.model.rowCount())
        self.diff.clear()
        label = self.tr("正在比对原件与备份")
        self.handle = self.context.runner.run(
            lambda progress, cancel: diff_backup(root, item, original, progress=progress, cancel=cancel),
            label=label, on_done=self._done, on_error=self._failed, on_progress=self._progress)
        if not self.handle.running:  # a runner that runs tasks at once has answered already
            self.handle = None
        else:
            self.bar.setRange(0, 0)
            self.compare_button.setEnabled(False)
            self.backups.setEnabled(False)
            self.cancel_button.setEnabled(True)
            self.status.setText(label + "…")
        return self.handle

    def cancel(self) -> None:
        if self.handle is not None:
            self.handle.cancel()

    def _progress(self, done, total, *_bytes) -> None:
        if total:
            self.bar.setRange(0, total)
            self.bar.setValue(done)

    def _done(self, results) -> None:
        self.results = sorted(results, key=lambda d: (ORDER.get(d.status, 9), d.path))
        for diff in self.results:
            cells = [QStandardItem(diff.path), QStandardItem(self.status_text(diff.status)),
                     QStandardItem(diff.original or ""), QStandardItem(diff.backup or "")]
            self.model.appendRow(cells)
        self.view.resizeColumnsToContents()
        differing = sum(1 for d in results if d.status != "same")
        self.status.setText(self.tr("完成：%1 个文件，%2 个不同").replace("%1", f"{len(results):,}")
                            .replace("%2", f"{differing:,}"))
        self._idle()
        if self.results:
            self.view.selectRow(0)

    def _failed(self, exc) -> None:
        from models.runtime.jobs import Cancelled

        self.status.setText(self.tr("已取消") if isinstance(exc, Cancelled) else self.tr("无法比对：%1").replace(
            "%1", str(exc)))
        self._idle()

    def diff_text(self, diff) -> str:
        """What the lower pane shows for one file: its line diff, or why there is none."""
        if diff.status == "same":
            return self.tr("两个文件内容相同（逐字节比对）。")
        if diff.status in ("missing_in_backup", "missing_in_original"):
            return self.status_text(diff.status)
        if diff.status == "unreadable":
            return self.tr("无法读取：%1").replace("%1", diff.error)
        if not diff.text:
            return self.tr("非文本文件：逐字节比对，内容不同，不显示逐行差异。")
        notes = []
        if diff.truncated:
            notes.append(self.tr("注意：文件超过 %1 MB，只比对了前 %1 MB。").replace(
                "%1", str(CAP_BYTES // (1024 * 1024))))
        if diff.more_lines:
            notes.append(self.tr("……另有 %1 行差异未显示").replace("%1", f"{diff.more_lines:,}"))
        if not diff.lines:
            notes.append(self.tr("文本内容相同，差异在编码或换行符。"))
        return "\n".join(diff.lines + notes)

    def _show_row(self, current, _previous) -> None:
        row = current.row() if current.isValid() else -1
        self.diff.setPlainText(self.diff_text(self.results[row]) if 0 <= row < len(self.results) else "")

    def _idle(self) -> None:
        self.handle = None
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        self.cancel_button.setEnabled(False)
        self.compare_button.setEnabled(self.backups.count() > 0)
        self.backups.setEnabled(True)

    def done(self, result) -> None:
        self.cancel()
        super().done(result)
