"""Text typed and not saved, when the case closes (the window closed, another case opened): kept as drafts beside
the store by the tabs that have editors; when the drafts cannot be written the reviewer chooses to stay or lose them."""

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox


def _t(text: str) -> str:
    return QCoreApplication.translate("Unsaved", text)


def keep_or_ask(window, ask: bool = True) -> bool:
    """True when every tab kept its unsaved text (or there is none), or the reviewer chose to close anyway."""
    from ui.common.store_write import write_reason

    for tab in window.case_tabs:
        keep = getattr(tab, "keep_unsaved", None)
        if keep is None or keep():
            continue
        if not ask:
            continue
        text = _t("尚未保存的审查内容（结论、备注、理由或关联事实）未能留存：%1。").replace(
            "%1", write_reason(tab.drafts.error)) + "\n\n" + _t(
            "继续将丢失这些内容。可先取消，保存或抄录这些内容后再继续。")
        answer = QMessageBox.warning(window, _t("未保存的内容未能留存"), text,
                                     QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                                     QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Discard:
            return False
    return True
