"""A damaged review store met in the window takes the command line's path (main.dispatch): the store is kept
aside with its side files, the reviewer told in words what was kept and where, and a fresh review offered.

Text that is not UTF-8 passes the check made on open (models.store.store_rows); the window met it as an
exception in whatever read it first: a worker's task (an 内部错误 box), or a model's data() or a tab's
showEvent on the GUI thread, where PySide crashed the whole program. The GUI thread's connection now reads such
text tolerantly and calls met(None); workers' failures reach met(exc) through the runner's store_guard, and the
last-resort dialog (ui/common/errors.show_exception) asks here first.

A store older than this machine's record of it (put back from a backup) is no damage: it is refused for
signing, and ask_accept_older() is the reviewer's deliberate way to take it as the truth, audited."""

import os
import sqlite3
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QMessageBox

from models.common.labels import label
from models.store import store_rows
from models.store.guards import audit_record


def _t(text: str) -> str:
    return QCoreApplication.translate("StoreGuard", text)


class StoreGuard:
    """One per window: watch(store) on each case opened; met(exc, path, root) -> True when it takes over."""

    def __init__(self, window):
        self.window = window
        self.busy = False  # a store is being set aside: later failures of the same case are its echoes
        self.identity = None  # the open store file's (device, inode): a file put in its place is another store
        window.context.runner.store_guard = self.met

    def watch(self, store) -> None:
        self.identity = _identity(store.path)
        store_rows.tolerant(store.db.conn, lambda: QTimer.singleShot(0, lambda: self.met(None)))

    def met(self, exc, path: Path | None = None, root=None) -> bool:
        """exc (None: text that did not decode, read without an error) from the open case's store, or from the
        store at path while root was being opened: True when the file confirms the damage and it is being
        handled (the caller says nothing more); False for any other failure."""
        window = self.window
        if path is None and isinstance(exc, sqlite3.Error) and window.store is not None \
                and _identity(window.store.path) != self.identity:
            if not self.busy:  # every view's read then fails ("no such table"): one word, not one box each
                self.busy = True
                QTimer.singleShot(0, lambda: self._gone(Path(window.store.path)))
            return True
        if exc is not None and not (store_rows.is_decode_failure(exc) or store_rows.is_malformed(exc)):
            return False
        if self.busy:
            return True
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

    def _gone(self, path: Path) -> None:
        """The store file was deleted or another put in its place while this window held it."""
        window = self.window
        try:
            window.close_case()
            QMessageBox.warning(window, _t("审查库文件已被替换"), _t(
                "本案的审查库文件在本程序之外被删除或替换：\n%1\n\n已停止使用并关闭本案，以免把审查决定写入"
                "来历不明的文件。此前保存的审查决定在原来的文件中；请找回原文件后重新打开本案。").replace(
                "%1", str(path)))
        finally:
            self.busy = False

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


def _identity(path) -> tuple | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino


def ask_accept_older(parent, store, reviewer: str) -> dict | None:
    """The rollback finding's way out, never the default: the reviewer is told what is given up and asked
    (No preselected); a Yes records who, when and which head was given up (models.store.guards.audit_record).
    Returns the audit entry, or None when declined, refused by the store, or there is nothing to accept."""
    record = audit_record.read(store.db)
    if record is None:
        return None
    text = _t("本机记录显示，本案的审查库曾记到第 %1 条审计记录（记于 %2）；现在打开的是较旧的副本，"
              "其后所作的审查决定不在其中。\n\n如较新的审查库已无法找回，可确认以此审查库为准：确认将以您"
              "（%3）的名义记入审计日志，注明放弃的记录；此后可签署审查意见。\n\n确认以此较旧的审查库为准？").replace(
        "%1", str(record["seq"])).replace("%2", audit_record.when(record.get("at"))).replace("%3", reviewer or "-")
    answer = QMessageBox.warning(parent, _t("以此审查库为准"), text,
                                 QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                 QMessageBox.StandardButton.No)
    if answer != QMessageBox.StandardButton.Yes:
        return None
    from models.store.guards.older_accept import accept_older
    from ui.common.store_write import written

    ok, entry = written(parent, store, accept_older, store.db, reviewer)
    return entry if ok else None
