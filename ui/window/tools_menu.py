"""The 工具 and 帮助 menus: hash on demand, original against backup (31.3), the current table as CSV, the E01
header code page of the case, settings; the manual (F1) and 关于."""

from pathlib import Path

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox, QTableView

from ui.window.codepage_menu import install_codepage_menu


def install_tools(window) -> None:
    window._action("tools", window.tr("计算哈希值…"), lambda: open_hash_dialog(window))
    window._action("tools", window.tr("比对原件与备份（第三十一条第（三）项）…"), lambda: open_backup_diff(window))
    window._action("tools", window.tr("导出当前表格为 CSV…"), lambda: export_current_table(window))
    install_codepage_menu(window)  # per case: the E01 narrow header's code page
    window.menus["tools"].addSeparator()
    window._action("tools", window.tr("设置…"), lambda: open_settings(window))
    window.menus["help"].clear()
    window._action("help", window.tr("使用手册"), lambda: open_manual(window),
                   QKeySequence(QKeySequence.StandardKey.HelpContents))
    window._action("help", window.tr("关于"), window._about)
    hide_empty_menus(window)


def hide_empty_menus(window) -> None:
    """A menu with nothing in it is not shown (培训 until the training tools come)."""
    for menu in window.menus.values():
        menu.menuAction().setVisible(not menu.isEmpty())


def _keep(window, dialog):
    window.dialogs = [d for d in getattr(window, "dialogs", []) if d.isVisible()] + [dialog]
    return dialog


def open_hash_dialog(window):
    from ui.verify.hash_dialog import HashDialog

    dialog = _keep(window, HashDialog(window.context, window))
    dialog.show()
    return dialog


def open_backup_diff(window):
    from ui.verify.backup_diff_dialog import BackupDiffDialog

    dialog = _keep(window, BackupDiffDialog(window.context, window.bundle, window))
    dialog.show()
    return dialog


def open_settings(window):
    from ui.window.settings_dialog import SettingsDialog

    dialog = _keep(window, SettingsDialog(window.context, window))
    dialog.open()
    return dialog


def open_manual(window):
    """F1: the manual, at the review's section when the focus is in the 审查 tab."""
    from PySide6.QtWidgets import QApplication

    from ui.window.help_dialogs import ManualDialog

    focus = QApplication.focusWidget()
    review = getattr(window, "review_tab", None)
    section = "审查决定" if review is not None and focus is not None and review.isAncestorOf(focus) else None
    dialog = _keep(window, ManualDialog(window, section))
    dialog.show()
    return dialog


def current_table(window) -> QTableView | None:
    """The table of the tab on show (the review tab's item overview)."""
    tab = window.tabs.currentWidget()
    view = getattr(tab, "view", None)
    if view is None and hasattr(tab, "overview"):
        view = tab.overview.view
    return view if isinstance(view, QTableView) else None


def export_current_table(window, path: str | None = None) -> int | None:
    """Ask where (never inside the open bundle) and write the current table; the rows written, or None."""
    from models.bundle.safepath import is_inside
    from ui.window.table_export import export_csv

    view = current_table(window)
    if view is None:
        QMessageBox.information(window, window.tr("导出"), window.tr("当前页没有可导出的表格"))
        return None
    if path is None:
        path, _ = QFileDialog.getSaveFileName(window, window.tr("导出当前表格为 CSV"), "", "CSV (*.csv)")
    if not path:
        return None
    if window.bundle is not None and is_inside(Path(window.bundle.root), Path(path)):
        QMessageBox.warning(window, window.tr("导出"), window.tr("不能写入证据包：请选择证据包以外的位置"))
        return None
    from models.bundle.output_paths import special_problem, store_file_problem

    if special_problem(path):  # opened for writing, a FIFO held the window until a reader came
        QMessageBox.warning(window, window.tr("导出"),
                            window.tr("该路径已存在且不是普通文件，不能写入：%1").replace("%1", path))
        return None
    if store_file_problem(path):  # the review store overwritten by the table: every decision gone
        QMessageBox.warning(window, window.tr("导出"),
                            window.tr("不能写在审查库的文件上（会毁掉其中的审查决定）：%1").replace("%1", path))
        return None
    try:
        count = export_csv(view.model(), path)
    except OSError as exc:  # a read-only folder, a full disk, a name too long
        from models.common.os_errors import os_reason

        QMessageBox.warning(window, window.tr("导出"),
                            window.tr("未能导出到 %1：%2").replace("%1", path).replace("%2", os_reason(exc)))
        return None
    window.progress.show_message(window.tr("已导出 %1 行到 %2").replace("%1", f"{count:,}").replace("%2", path))
    return count
