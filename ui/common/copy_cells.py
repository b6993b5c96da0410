"""Ctrl+C and a 复制 menu on a table: the current cell's text (a digest, a path) to the clipboard as shown."""

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence


def current_text(view) -> str:
    index = view.currentIndex()
    value = index.data(Qt.ItemDataRole.DisplayRole) if index.isValid() else None
    return "" if value is None else str(value)


def install_copy(view) -> QAction:
    action = QAction(QCoreApplication.translate("CopyCells", "复制"), view)
    action.setShortcut(QKeySequence.StandardKey.Copy)
    action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    action.triggered.connect(lambda: QGuiApplication.clipboard().setText(current_text(view)))
    view.addAction(action)
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    return action
