"""帮助: the Chinese manual inside the program (resources/manual_zh.md) and 关于 with the versions in use."""

import platform
import sqlite3
from importlib import metadata

from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QDialog, QMessageBox, QTextBrowser, QVBoxLayout

from models.common.resources import resource_path

LIBRARIES = (("PySide6", "PySide6-Essentials"), ("sqlite-utils", "sqlite-utils"), ("Pillow", "Pillow"),
             ("exifread", "exifread"), ("pyHanko", "pyHanko"), ("cryptography", "cryptography"),
             ("pytsk3", "pytsk3"), ("libewf-python", "libewf-python"), ("python-magic", "python-magic"),
             ("platformdirs", "platformdirs"))


def library_versions() -> list[tuple[str, str]]:
    """(name, version) of Python, Qt, SQLite and each library; '—' for one not installed."""
    rows = [("Python", platform.python_version()), ("Qt", qVersion()), ("SQLite", sqlite3.sqlite_version)]
    for name, dist in LIBRARIES:
        try:
            rows.append((name, metadata.version(dist)))
        except metadata.PackageNotFoundError:
            rows.append((name, "—"))
    return rows


def app_version() -> str:
    import models

    return getattr(models, "__version__", "") or "—"


class ManualDialog(QDialog):
    """The manual, opened at a section (its heading's text) when asked."""

    def __init__(self, parent=None, section: str | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("使用手册"))
        self.resize(760, 640)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setMarkdown(resource_path("manual_zh.md").read_text(encoding="utf-8"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        if section:
            self.go_to(section)

    def go_to(self, section: str) -> bool:
        found = self.browser.find(section)
        if found:
            self.browser.ensureCursorVisible()
        return found


def show_about(parent) -> QMessageBox:
    tr = parent.tr
    versions = "".join(f"<tr><td>{name}</td><td>{version}</td></tr>" for name, version in library_versions())
    box = QMessageBox(parent)
    box.setWindowTitle(tr("关于证审台"))
    box.setTextFormat(box.textFormat().RichText)
    box.setText(tr("<b>证审台 EvidenceDesk</b> 版本 %1").replace("%1", app_version()) + "<br>" + tr(
        "依据《人民检察院办理网络犯罪案件规定》第三章审查电子数据的离线工作台。证据包以只读方式打开，审查记录保存在独立的审查库中。")
        + f"<br><br><table>{versions}</table>")
    box.open()
    return box
