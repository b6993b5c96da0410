"""A damaged review store met in the window takes the command line's path (main.dispatch): the store is kept
aside with its side files, the reviewer told in words what was kept and where, and a fresh review offered.

Text that is not UTF-8 passes the check made on open (models.store.store_rows); the window met it as an
exception in whatever read it first: a worker's task (an 内部错误 box), or a model's data() or a tab's
showEvent on the GUI thread, where PySide crashed the whole program. The GUI thread's connection now reads such
text tolerantly and calls met(None); workers' failures reach met(exc) through the runner's store_guard, and the
last-resort dialog (ui/common/errors.show_exception) asks here first."""

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QMessageBox

from models.common.labels import label
from models.store import store_rows


def _t(text: str) -> str:
    return QCoreApplication.translate("StoreGuard", text)


class StoreGuard:
    """One per window: watch(store) on each case opened; met(exc, path, root) -> True when it takes over."""

    def __init__(self, window):
        self.window = window
        self.busy = False  # a store is being set aside: later failures of the same case are its echoes
        window.context.runner.store_guard = self.met

    def watch(self, store) -> None:
        store_rows.tolerant(store.db.conn, lambda: QTimer.singleShot(0, lambda: self.met(None)))

    def met(self, exc, path: Path | None = None, root=None) -> bool:
        """exc (None: text that did not decode, read without an error) from the open case's store, or from the
        store at path while root was being opened: True when the file confirms the damage and it is being
        handled (the caller says nothing more); False for any other failure."""
        if exc is not None and not (store_rows.is_decode_failure(exc) or store_rows.is_malformed(exc)):
            return False
        if self.busy:
            return True
        window = self.window
        if path is None:
            if window.store is None:
                return False
            path, root = window.store.path, window.opened_path
        found = store_rows.damage_met(exc, path)
        if found is None:
            return False
        self.busy = True
        QTimer.singleShot(0, lambda: self._set_aside(Path(path), *found, root))
        return True

    def _set_aside(self, path: Path, reason: str, table: str | None, root) -> None:
        window = self.window
        try:
            if window.store is not None and window.store.path == path:
                window.close_case()  # its tasks cancelled, its views emptied
            window.context.runner.wait(10_000)
            QCoreApplication.sendPostedEvents()  # the cancelled tasks' answers arrive now, while busy: echoes
            try:
                aside, kept = store_rows.set_aside(path, reason)
            except OSError as exc:
                QMessageBox.warning(window, _t("审查库已损坏"), _t(
                    "本案的审查库已损坏，且无法移到一旁（%1）：%2\n请交技术人员处理。").replace(
                    "%1", exc.strerror or str(exc)).replace("%2", str(path)))
                return
            what = (_t("%1中有无法解码的文字").replace("%1", label("table", table)) if table
                    else _t("数据库完整性检查未通过"))
            text = _t("本案的审查库已损坏（%1），已停止使用。\n\n原文件已原样保留为：\n%2\n同时保留：%3\n"
                      "以备技术人员恢复；已有的审查决定仍在该文件中。\n\n"
                      "是否新建空白审查库，重新开始审查本案？").replace("%1", what).replace(
                "%2", str(aside)).replace("%3", "、".join(kept[1:]) or _t("（无）"))
            answer = QMessageBox.question(window, _t("审查库已损坏，已另存"), text,
                                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                          QMessageBox.StandardButton.Yes)
        finally:
            self.busy = False
        if answer == QMessageBox.StandardButton.Yes and root is not None:
            window.open_bundle(root)
