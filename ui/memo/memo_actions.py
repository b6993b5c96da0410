"""The 审查意见 menu of the main window: export the signed memo, verify a memo, create a signing identity."""

from PySide6.QtGui import QAction


class MemoActions:
    """Holds the actions and the open dialog (kept referenced while it is shown without blocking)."""

    def __init__(self, window):
        self.window = window
        self.dialog = None
        bar = window.menuBar()
        menu = bar.addMenu(window.tr("审查意见"))
        tools = window.menus.get("tools")
        if tools is not None:  # between 审查 and 工具
            bar.insertMenu(tools.menuAction(), menu)
        window.menus["memo"] = menu
        self.export_action = self._add(menu, window.tr("导出审查意见…"), self.export)
        self.verify_action = self._add(menu, window.tr("验证审查意见…"), self.verify)
        menu.addSeparator()
        self.identity_action = self._add(menu, window.tr("创建签名身份…"), self.create_identity)
        menu.aboutToShow.connect(self.refresh)
        self.refresh()

    def _add(self, menu, text: str, slot) -> QAction:
        action = QAction(text, self.window)
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    def refresh(self) -> None:
        self.export_action.setEnabled(getattr(self.window, "store", None) is not None)

    def _show(self, dialog):
        self.dialog = dialog
        dialog.setModal(True)
        dialog.show()
        return dialog

    def export(self):
        from ui.memo.memo_dialog import MemoDialog

        window = self.window
        if window.store is None:
            return None
        return self._show(MemoDialog(window.context, window.bundle, window.store, window))

    def verify(self):
        from ui.memo.verify_memo_dialog import VerifyMemoDialog

        return self._show(VerifyMemoDialog(self.window.context, self.window))

    def create_identity(self):
        from ui.memo.identity_dialog import IdentityDialog

        return self._show(IdentityDialog(self.window.context, self.window))


def install_memo_actions(window) -> MemoActions:
    """Add the 审查意见 menu to window (a MainWindow: menus, context, bundle, store); returns its actions."""
    if getattr(window, "memo_actions", None) is None:  # once per window
        window.memo_actions = MemoActions(window)
    return window.memo_actions
