"""The reviewer's work written into the store from the window: a write the store refuses (a full disk, a read-only
medium, the store's file removed meanwhile) is told in Chinese and the typed text stays where it is, never dropped.
A store whose file was removed is refused before writing: SQLite would go on writing into the unlinked file."""

import sqlite3

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QMessageBox

from models.common.os_errors import os_reason

# SQLite's primary result codes a write can meet
_SQLITE_REASONS = {
    13: QT_TRANSLATE_NOOP("StoreWrite", "磁盘空间不足"),
    8: QT_TRANSLATE_NOOP("StoreWrite", "审查库为只读，无法写入"),
    10: QT_TRANSLATE_NOOP("StoreWrite", "读写出错（介质可能损坏）"),
    5: QT_TRANSLATE_NOOP("StoreWrite", "审查库正被另一程序使用"),
    6: QT_TRANSLATE_NOOP("StoreWrite", "审查库正被另一程序使用"),
    14: QT_TRANSLATE_NOOP("StoreWrite", "无法打开审查库文件"),
    11: QT_TRANSLATE_NOOP("StoreWrite", "审查库文件已损坏"),
    26: QT_TRANSLATE_NOOP("StoreWrite", "审查库文件已损坏"),
}


def _t(text: str) -> str:
    return QCoreApplication.translate("StoreWrite", text)


class StoreGone(Exception):
    """The store's file is no longer where it was opened (its folder removed or renamed)."""


def store_present(store) -> None:
    """Raise StoreGone when the store's file is gone from its place."""
    try:
        if store.path.is_file():
            return
    except OSError:
        pass
    raise StoreGone(str(store.path))


def write_reason(exc: BaseException) -> str:
    """Why the write failed, in a reviewer's words (the system's own text after it)."""
    if isinstance(exc, StoreGone):
        return _t("审查库文件已不在原处（所在文件夹可能已被删除或移动）")
    if isinstance(exc, sqlite3.Error):
        code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
        words = _SQLITE_REASONS.get(code)
        return f"{_t(words)}（{exc}）" if words else _t("审查库无法写入（%1）").replace("%1", str(exc))
    return os_reason(exc)


def tell_not_saved(parent, exc: BaseException, store=None) -> None:
    text = _t("未能保存到审查库：%1。").replace("%1", write_reason(exc)) + "\n\n" + _t(
        "刚才输入的内容仍在窗口中，没有丢失。请腾出磁盘空间、恢复审查库所在文件夹或更换可写的位置后，再次保存。")
    if store is not None:
        text += "\n\n" + _t("审查库：%1").replace("%1", str(store.path))
    QMessageBox.warning(parent, _t("未能保存"), text)


def written(parent, store, write, *args, **kwargs) -> tuple[bool, object]:
    """(True, write(*args, **kwargs)), or (False, None) after telling the reviewer why the store refused it."""
    try:
        store_present(store)
        return True, write(*args, **kwargs)
    except (sqlite3.Error, OSError, StoreGone) as exc:
        tell_not_saved(parent, exc, store)
        return False, None
