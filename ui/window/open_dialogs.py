"""Choosing a bundle: the folder dialog, the disk image dialog, folders and image files dropped onto the window,
the welcome page with recent bundles."""

import os

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QLabel, QListWidget, QPushButton, QVBoxLayout, QWidget

LAST_DIR_KEY = "open/last_dir"
IMAGE_SUFFIXES = (".e01", ".dd", ".raw", ".img", ".001", ".iso")  # opened on their own, read-only


def is_image_file(path: str) -> bool:
    return os.path.isfile(path) and path.lower().endswith(IMAGE_SUFFIXES)


def ask_bundle_folder(parent, settings) -> str | None:
    """The folder the user picks (a bundle, or any folder as an ad-hoc bundle), or None."""
    start = str(settings.value(LAST_DIR_KEY, os.path.expanduser("~")))
    title = QCoreApplication.translate("OpenDialogs", "打开证据包（选择含 bundle.json 的文件夹）")
    folder = QFileDialog.getExistingDirectory(parent, title, start, QFileDialog.Option.ShowDirsOnly)
    if not folder:
        return None
    settings.setValue(LAST_DIR_KEY, os.path.dirname(folder))
    return folder


def ask_image_file(parent, settings) -> str | None:
    """The disk image the user picks (raw, split raw, E01, ISO), or None."""
    start = str(settings.value(LAST_DIR_KEY, os.path.expanduser("~")))
    title = QCoreApplication.translate("OpenDialogs", "打开磁盘镜像")
    patterns = " ".join(f"*{s} *{s.upper()}" for s in IMAGE_SUFFIXES)
    kinds = QCoreApplication.translate("OpenDialogs", "磁盘镜像 (%1)").replace("%1", patterns)
    path, _ = QFileDialog.getOpenFileName(parent, title, start, kinds)
    if not path:
        return None
    settings.setValue(LAST_DIR_KEY, os.path.dirname(path))
    return path


def dropped_folder(mime_data) -> str | None:
    """The first local folder or disk image file in a drag's data, or None (other files are refused)."""
    if mime_data is None or not mime_data.hasUrls():
        return None
    for url in mime_data.urls():
        path = url.toLocalFile()
        if path and (os.path.isdir(path) or is_image_file(path)):
            return path
    return None


class WelcomePage(QWidget):
    """Shown while no bundle is open: how to open one, and the recent bundles (double-click opens)."""

    open_requested = Signal()
    recent_requested = Signal(str)

    def __init__(self, recent, parent=None):
        super().__init__(parent)
        self.recent = recent
        prompt = QLabel(self.tr("打开一个证据包开始审查"))
        prompt.setStyleSheet("font-size: 20px; font-weight: bold;")
        hint = QLabel(self.tr("菜单 文件 > 打开证据包…，或把证据包文件夹拖到此窗口。"
                              "没有 bundle.json 的普通文件夹作为临时证据包打开。证据包只读，不会被改动。")
                      + self.tr("磁盘镜像（.E01、.dd、.raw、.img、.001、.iso）用 文件 > 打开磁盘镜像…，或拖到此窗口。"))
        hint.setWordWrap(True)
        button = QPushButton(self.tr("打开证据包…"))
        button.clicked.connect(self.open_requested)
        self.list = QListWidget()
        self.list.itemActivated.connect(lambda item: self.recent_requested.emit(item.text()))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 40, 60, 40)
        layout.addWidget(prompt)
        layout.addWidget(hint)
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addSpacing(16)
        layout.addWidget(QLabel(self.tr("最近打开的证据包（双击打开）：")))
        layout.addWidget(self.list, 1)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        self.list.addItems(self.recent.paths())
