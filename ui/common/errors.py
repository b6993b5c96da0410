"""Errors shown to the user: a refused bundle with its rule in Chinese and English, and the last-resort hook."""

import logging
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

log = logging.getLogger(__name__)


def _t(text: str) -> str:
    return QCoreApplication.translate("Errors", text)


_OS_REASONS = {
    "FileNotFoundError": "文件不存在（清单或库中有记录，证据包中已没有）",
    "PermissionError": "没有读取权限",
    "IsADirectoryError": "这是文件夹，不是文件",
    "NotADirectoryError": "路径中有一段不是文件夹",
}


def reason_text(exc) -> str:
    """Why something could not be read, in words a reviewer understands (the technical name after it)."""
    rule = getattr(exc, "rule_zh", None)
    if rule:
        return rule
    for kind in type(exc).__mro__:
        if kind.__name__ in _OS_REASONS:
            return _t(_OS_REASONS[kind.__name__]) + f"（{type(exc).__name__}）"
    if isinstance(exc, OSError) and exc.strerror:
        return _t("读取出错：%1").replace("%1", exc.strerror)
    return str(exc)


def manifest_error_text(exc) -> str:
    """The JSON path, the rule in Chinese and in English, and how many more problems there are."""
    lines = [_t("清单中的字段：%1").replace("%1", exc.json_path), "", exc.rule_zh, exc.rule_en]
    others = getattr(exc, "others", None) or []
    if others:
        lines += ["", _t("另有 %1 处问题，修正此处后再次打开可见。").replace("%1", str(len(others)))]
    return "\n".join(lines)


def show_open_error(parent, path, exc) -> None:
    """A bundle that cannot be opened; the window stays as it was."""
    title = _t("无法打开证据包")
    if hasattr(exc, "json_path"):
        text = _t("清单无效 / invalid manifest") + f"\n{path}\n\n" + manifest_error_text(exc)
    elif isinstance(exc, OSError) and exc.errno:  # the system's refusal, in Chinese first
        from models.common.os_errors import os_reason

        text = f"{path}\n\n{os_reason(exc)}" + (f"\n{exc.filename}" if exc.filename else "")
    else:
        text = f"{path}\n\n{exc}"
    QMessageBox.warning(parent, title, text)


def show_store_replaced(parent, text: str) -> None:
    """The bundle opened, but its review store was damaged: kept aside (the text says where), review afresh."""
    QMessageBox.warning(parent, _t("审查库已损坏，已另存并新建"), text)


def log_file() -> Path | None:
    try:
        import platformdirs

        folder = Path(platformdirs.user_log_dir("EvidenceDesk", appauthor=False))
        folder.mkdir(parents=True, exist_ok=True)
        return folder / "evidencedesk.log"
    except OSError:
        return None


def log_exception(exc_type, exc, tb) -> Path | None:
    """Write the traceback to the log file; returns its path (None if it cannot be written)."""
    text = "".join(traceback.format_exception(exc_type, exc, tb))
    log.error("unexpected error\n%s", text)
    path = log_file()
    if path is not None:
        try:
            with open(path, "a", encoding="utf-8") as stream:
                stream.write(text)
        except OSError:
            path = None
    return path


def show_exception(parent, exc, where: Path | None = None) -> None:
    window = parent.window() if parent is not None else None
    guard = getattr(window, "store_guard", None)
    if guard is not None and guard.met(exc):
        return  # a damaged store: kept aside and said in words (ui/window/store_guard.py), no 内部错误 box
    text = _t("程序遇到意外错误，已记录，窗口仍可继续使用。") + f"\n\n{type(exc).__name__}: {exc}"
    if where is not None:
        text += "\n\n" + _t("详情见日志：%1").replace("%1", str(where))
    QMessageBox.critical(parent, _t("内部错误"), text)


def expected_failure(exc) -> bool:
    """A failure the reviewer can act on, not a defect: a helper process killed or crashed, the system refusing
    a read or a write, the store refusing a write, a disk image its libraries cannot open (its reason said)."""
    import sqlite3

    from models.bundle.bundle_error import ImageError

    return getattr(exc, "rule_zh", None) is not None or isinstance(exc, (OSError, sqlite3.Error, ImageError))


def show_task_failed(parent, what: str, exc) -> None:
    """A long task (扫描, 类型识别, 自动检查…) ended without its result: why, in Chinese, and that the window goes
    on; an unexpected error is still shown as one (show_exception)."""
    if not expected_failure(exc):
        show_exception(parent, exc)
        return
    import sqlite3

    if isinstance(exc, sqlite3.Error) or isinstance(exc, OSError) and not getattr(exc, "rule_zh", None):
        from ui.common.store_write import write_reason

        reason = write_reason(exc)
    else:
        reason = reason_text(exc)
    QMessageBox.warning(parent, _t("未能完成"), _t("%1未能完成：%2。").replace("%1", what).replace("%2", reason)
                        + "\n\n" + _t("窗口仍可继续使用；可再次运行，或重新打开本案。"))


def install_excepthook(parent_getter=lambda: None) -> None:
    """Uncaught exceptions in slots: logged and shown in a dialog instead of ending the program."""
    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        where = log_exception(exc_type, exc, tb)
        if QApplication.instance() is not None:
            show_exception(parent_getter(), exc, where)

    sys.excepthook = hook
