"""用系统程序打开: a read-only copy of the evidence file (models.store.viewer_copy) handed to the desktop;
the evidence itself never reaches an outside program. No program for the type: a message offering the
built-in preview."""

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox


class SystemViewer(QObject):
    """open(rel) copies in a worker, then asks the desktop; preview_requested(rel) when the user picks the preview."""

    preview_requested = Signal(str)

    def __init__(self, context, parent_widget):
        super().__init__(parent_widget)
        self.context, self.widget = context, parent_widget
        self.bundle = self.store = None
        self.handle = None
        self.message: QMessageBox | None = None
        self.handed: list[str] = []  # the copies given to the desktop, latest last

    def set_case(self, bundle, store) -> None:
        self.bundle, self.store = bundle, store

    def open(self, rel: str):
        if self.bundle is None or self.store is None or not rel or self.handle is not None:
            return None
        from models.bundle.output_paths import inside_bundle
        from models.store.viewer_copy import copy_for_viewer, viewer_dir

        root, folder = self.bundle.root, viewer_dir(self.store)
        if inside_bundle(folder, root):  # the copies' folder beside the store, a link into the bundle
            QMessageBox.warning(self.widget, self.tr("用系统程序打开"),
                                self.tr("存放副本的文件夹位于打开的证据包内，不予复制（证据不得改动）：%1")
                                .replace("%1", str(folder)))
            return None
        self.handle = self.context.runner.run(
            lambda _progress, cancel: copy_for_viewer(root, rel, folder, cancel),
            label=self.tr("正在复制文件供系统程序打开"), on_done=lambda path: self._hand_over(rel, path),
            on_error=self._failed)
        if not self.handle.running:  # a runner that runs tasks at once has answered already
            self.handle = None
        return self.handle

    def _hand_over(self, rel: str, path) -> None:
        self.handle = None
        self.handed.append(str(path))
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            return
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("用系统程序打开"),
                          self.tr("系统中没有登记可打开此类文件的程序。可以改用本程序的内置预览查看。"),
                          QMessageBox.StandardButton.NoButton, self.widget)
        preview = box.addButton(self.tr("内置预览"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("关闭"), QMessageBox.ButtonRole.RejectRole)
        box.buttonClicked.connect(lambda button: self.preview_requested.emit(rel) if button is preview else None)
        self.message = box
        box.open()

    def _failed(self, exc) -> None:
        from models.runtime.jobs import Cancelled

        self.handle = None
        if not isinstance(exc, Cancelled):
            QMessageBox.warning(self.widget, self.tr("用系统程序打开"),
                                self.tr("无法复制文件：%1").replace("%1", str(exc)))
