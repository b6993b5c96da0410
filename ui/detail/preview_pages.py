"""The preview's pages beyond a picture: a PDF with zoom and pages, text with line numbers and find, a SQLite
file as read-only tables, and hex for anything else."""

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFontDatabase,
    QKeySequence,
    QPainter,
    QShortcut,
    QStandardItem,
    QStandardItemModel,
    QTextDocument,
)
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

ZOOM_STEP = 1.25


def _row(*widgets) -> QHBoxLayout:
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        row.addWidget(widget)
    row.addStretch(1)
    return row


class PdfPage(QWidget):
    """A QPdfView with −/+/适合宽度 and 上一页/下一页."""

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.view = QPdfView()
        self.view.setDocument(document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.document = document
        buttons = {}
        # short faces, the words in tooltips: five worded buttons asked 440 px of the details column
        for key, text, tip, slot in (("out", "−", self.tr("缩小"), lambda: self.zoom(1 / ZOOM_STEP)),
                                     ("in", "+", self.tr("放大"), lambda: self.zoom(ZOOM_STEP)),
                                     ("fit", "↔", self.tr("适合宽度"), self.fit),
                                     ("prev", "◀", self.tr("上一页"), lambda: self.go(-1)),
                                     ("next", "▶", self.tr("下一页"), lambda: self.go(1))):
            buttons[key] = QPushButton(text)
            buttons[key].setToolTip(tip)
            buttons[key].setFixedWidth(buttons[key].fontMetrics().horizontalAdvance("MM") + 16)
            buttons[key].clicked.connect(slot)
        self.buttons = buttons
        self.page_label = QLabel()
        self.view.pageNavigator().currentPageChanged.connect(lambda _p: self._show_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(_row(*buttons.values(), self.page_label))
        layout.addWidget(self.view, 1)

    def reset(self) -> None:
        self.fit()
        self.view.pageNavigator().jump(0, self.view.pageNavigator().currentLocation())
        self._show_page()

    def zoom(self, factor: float) -> None:
        current = self.view.zoomFactor() if self.view.zoomMode() == QPdfView.ZoomMode.Custom else 1.0
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.1, min(8.0, current * factor)))

    def fit(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def page(self) -> int:
        return self.view.pageNavigator().currentPage()

    def go(self, step: int) -> None:
        navigator = self.view.pageNavigator()
        target = min(max(navigator.currentPage() + step, 0), max(self.document.pageCount() - 1, 0))
        navigator.jump(target, navigator.currentLocation())
        self._show_page()

    def _show_page(self) -> None:
        self.page_label.setText(self.tr("第 %1 / %2 页").replace("%1", str(self.page() + 1)).replace(
            "%2", str(self.document.pageCount())))


class _LineNumbers(QWidget):
    def __init__(self, editor):
        super().__init__(editor)
        self.editor = editor

    def sizeHint(self) -> QSize:
        return QSize(self.editor.number_width(), 0)

    def paintEvent(self, event) -> None:
        self.editor.paint_numbers(self, event)


class NumberedText(QPlainTextEdit):
    """Read-only text with its line numbers in a margin (Qt's code editor example)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.numbers = _LineNumbers(self)
        self.blockCountChanged.connect(lambda _n: self.setViewportMargins(self.number_width(), 0, 0, 0))
        self.updateRequest.connect(self._update_numbers)
        self.setViewportMargins(self.number_width(), 0, 0, 0)

    def number_width(self) -> int:
        return 8 + self.fontMetrics().horizontalAdvance("9") * len(str(max(1, self.blockCount())))

    def _update_numbers(self, rect, dy) -> None:
        if dy:
            self.numbers.scroll(0, dy)
        else:
            self.numbers.update(0, rect.y(), self.numbers.width(), rect.height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        area = self.contentsRect()
        self.numbers.setGeometry(QRect(area.left(), area.top(), self.number_width(), area.height()))

    def paint_numbers(self, widget, event) -> None:
        painter = QPainter(widget)
        painter.fillRect(event.rect(), QColor("#f0f0f0"))
        painter.setPen(QColor("#888"))
        block = self.firstVisibleBlock()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        height = self.fontMetrics().height()
        while block.isValid() and top <= event.rect().bottom():
            if block.isVisible():
                painter.drawText(0, top, widget.width() - 4, height, Qt.AlignmentFlag.AlignRight,
                                 str(block.blockNumber() + 1))
            top += round(self.blockBoundingRect(block).height())
            block = block.next()
        painter.end()


class TextPage(QWidget):
    """NumberedText with a find line (Ctrl+F; Enter finds the next, Shift+Enter the one before)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.text = NumberedText()
        self.find_edit = QLineEdit()
        self.find_edit.setPlaceholderText(self.tr("查找（Ctrl+F）"))
        self.find_edit.setClearButtonEnabled(True)
        self.find_edit.returnPressed.connect(lambda: self.find(self.find_edit.text()))
        self.found_label = QLabel()
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.find_edit.setFocus,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(_row(self.find_edit, self.found_label))
        layout.addWidget(self.text, 1)

    def set_text(self, text: str) -> None:
        self.text.setPlainText(text)
        self.found_label.clear()

    def find(self, words: str, backward: bool = False) -> bool:
        """Select the next occurrence (wrapping to the start); False when there is none."""
        if not words:
            return False
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        found = self.text.find(words, flags)
        if not found:
            cursor = self.text.textCursor()
            cursor.movePosition(cursor.MoveOperation.End if backward else cursor.MoveOperation.Start)
            self.text.setTextCursor(cursor)
            found = self.text.find(words, flags)
        self.found_label.setText("" if found else self.tr("未找到"))
        return found

    def current_line(self) -> int:
        return self.text.textCursor().blockNumber() + 1


class SqlitePage(QWidget):
    """A SQLite file's tables, read-only: a table picker and its first rows."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.tables: dict = {}
        self.picker = QComboBox()
        self.picker.currentIndexChanged.connect(self._show_table)
        self.count = QLabel()
        self.model = QStandardItemModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(_row(QLabel(self.tr("表")), self.picker, self.count))
        layout.addWidget(self.view, 1)

    def set_tables(self, tables: dict) -> None:
        self.tables = tables
        self.picker.blockSignals(True)
        self.picker.clear()
        for name in tables:
            self.picker.addItem(name)
        self.picker.blockSignals(False)
        self._show_table()

    def _show_table(self) -> None:
        self.model.clear()
        table = self.tables.get(self.picker.currentText())
        if table is None:
            self.count.setText(self.tr("（没有表）"))
            return
        self.model.setHorizontalHeaderLabels(table["columns"])
        for values in table["rows"]:
            self.model.appendRow([QStandardItem(v) for v in values])
        self.count.setText(self.tr("共 %1 行，显示前 %2 行").replace("%1", f"{table['count']:,}").replace(
            "%2", f"{len(table['rows']):,}"))


class HexPage(QPlainTextEdit):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
