"""Create a self-signed signing identity (PKCS#12) for the memo, optionally a training identity."""

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from ui.memo.memo_dialog import IDENTITY_KEY, NAME_KEY, RED, path_row


class IdentityDialog(QDialog):
    """create() makes the identity and remembers its file; signal created(str path)."""

    created = Signal(str)

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.identity = None
        self.setWindowTitle(self.tr("创建签名身份"))
        settings = context.settings
        self.name_edit = QLineEdit(str(settings.value(NAME_KEY, "") or context.reviewer or ""))
        self.training_box = QCheckBox(self.tr("培训身份（审查意见上标注“培训”，不得用于办案）"))
        self.passphrase_edit = QLineEdit()
        self.repeat_edit = QLineEdit()
        for edit in (self.passphrase_edit, self.repeat_edit):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.out_edit = QLineEdit(str(Path.home() / "审查人身份.p12"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {RED};")
        form = QFormLayout()
        form.addRow(self.tr("姓名"), self.name_edit)
        form.addRow("", self.training_box)
        form.addRow(self.tr("口令"), self.passphrase_edit)
        form.addRow(self.tr("再次输入口令"), self.repeat_edit)
        form.addRow(self.tr("身份文件"), path_row(self.out_edit, self._browse))
        buttons = QDialogButtonBox()
        self.create_button = buttons.addButton(self.tr("创建"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole).clicked.connect(self.reject)
        self.create_button.clicked.connect(self.create)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(QLabel(self.tr("口令不会被保存；证书（.pem）写在身份文件旁，可交给核验审查意见的人。")))
        column.addWidget(self.message)
        column.addWidget(buttons)
        self.resize(560, 0)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("保存签名身份"), self.out_edit.text(),
                                              self.tr("PKCS#12 身份 (*.p12)"))
        if path and self._inside_bundle(path):
            self.message.setText(self._inside_text(path))
        elif path:
            self.out_edit.setText(path)

    def _inside_bundle(self, path) -> bool:
        """Inside the bundle open in the window that shows this dialog (an identity is no evidence)."""
        from models.bundle.output_paths import inside_bundle

        bundle = getattr(self.parent(), "bundle", None)
        return bundle is not None and inside_bundle(path, bundle.root)

    def _inside_text(self, path) -> str:
        return self.tr("身份文件不得保存在打开的证据包内（证据不得改动）：%1").replace("%1", str(path))

    def _problem(self) -> str | None:
        out = self.out_edit.text().strip()
        if not self.name_edit.text().strip():
            return self.tr("请输入姓名")
        if not self.passphrase_edit.text():
            return self.tr("请输入口令")
        if self.passphrase_edit.text() != self.repeat_edit.text():
            return self.tr("两次输入的口令不一致")
        try:
            if not out or Path(out).is_dir():
                return self.tr("请指定身份文件（.p12）")
        except OSError as exc:  # a name too long for the file system, a folder not searchable
            from models.common.os_errors import os_reason

            return self.tr("无法写入身份文件 %1：%2").replace("%1", out).replace("%2", os_reason(exc))
        if self._inside_bundle(out):
            return self._inside_text(out)
        certificate = Path(out).with_suffix(".pem")  # written beside it: a link by that name could lead inside
        if self._inside_bundle(certificate):
            return self._inside_text(certificate)
        from models.bundle.output_paths import special_problem, store_file_problem

        for path in (out, certificate):  # written by a rename: /dev/null or a FIFO would be replaced
            if special_problem(path):
                return self.tr("该路径已存在且不是普通文件，不能写入：%1").replace("%1", str(path))
            if store_file_problem(path):
                return self.tr("不能写在审查库的文件上（会毁掉其中的审查决定）：%1").replace("%1", str(path))
        return None

    def create(self) -> bool:
        """Make the identity (RSA-2048, a fraction of a second), write its .pem beside it, remember the file."""
        from models.memo.identity import IdentityError, cert_pem, make_identity

        problem = self._problem()
        if problem:
            self.message.setText(problem)
            return False
        out = Path(self.out_edit.text().strip())
        try:
            self.identity = make_identity(self.name_edit.text().strip(), out,
                                          self.passphrase_edit.text().encode("utf-8"),
                                          training=self.training_box.isChecked())
        except IdentityError as exc:
            self.message.setText(str(exc))
            return False
        try:
            out.with_suffix(".pem").write_bytes(cert_pem(self.identity))
        except OSError:
            pass  # the certificate can be exported again from the identity; the identity itself is written
        self.passphrase_edit.clear()
        self.repeat_edit.clear()
        self.context.settings.setValue(IDENTITY_KEY, str(out))
        self.context.settings.setValue(NAME_KEY, self.name_edit.text().strip())
        self.created.emit(str(out))
        self.accept()
        return True
