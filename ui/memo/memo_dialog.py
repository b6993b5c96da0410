"""Export the signed review memo: identity, passphrase, reviewer, output; rendered and signed in a worker."""

import hashlib
import sqlite3
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.memo.memo_data import DOCUMENT_NUMBER_KEY, remember_document_number
from ui.window.settings_dialog import REVIEWER_KEY as NAME_KEY  # the reviewer's profile, set once in 设置
from ui.window.settings_dialog import TITLE_KEY, UNIT_KEY

IDENTITY_KEY = "reviewer/identity"
STEPS = ("正在排版", "正在附加审查结果", "正在签名", "正在写入文件", "完成")
RED, GREEN = "#b00020", "#1b7f1b"


def path_row(edit: QLineEdit, browse) -> QWidget:
    """A line edit with a 浏览… button beside it."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(edit, 1)
    button = QPushButton(row.tr("浏览…"))
    button.clicked.connect(browse)
    layout.addWidget(button)
    return row


def memo_job(bundle, store_path, identity_path, passphrase: bytes, reviewer, out, english: bool,
             document_number=None):
    """fn(progress, cancel) for the TaskRunner: load the identity, gather the review, write the memo.

    reviewer: a name or {name, title, unit} (the name defaults to the identity's)."""

    def job(progress, cancel):
        from checks.memo_examine import propose, refuse_if_changed
        from models.bundle.output_paths import refuse_inside, refuse_special
        from models.memo.identity import load_identity
        from models.memo.memo_data import build_memo_data
        from models.memo.memo_digests import digest_table
        from models.memo.memo_render import write_memo
        from models.store import audit_guard
        from models.store.store import open_store_file

        refuse_inside(out, bundle.root if bundle is not None else None, "审查意见", "memo")  # the last guards
        refuse_special(out, "审查意见", "memo")
        identity = load_identity(identity_path, passphrase)
        profile = dict(reviewer) if isinstance(reviewer, dict) else {"name": reviewer}
        profile["name"] = profile.get("name") or identity.name
        store = open_store_file(Path(store_path))  # the worker's own connection: sqlite stays on one thread
        try:
            if bundle is not None:  # an edit made after the checks would be signed as the evidence once was
                refuse_if_changed(bundle, store)
            with audit_guard.one_snapshot(store.db):  # the audit, the data and the table: one instant
                audit_guard.require_intact(store.db)  # AuditError: its message is shown, nothing is signed
                data = build_memo_data(bundle, store, profile, identity.training, propose=propose,
                                       document_number=document_number)
                table = digest_table(store, english)  # the complete digest table, attached and signed
        finally:
            store.close()
        path = write_memo(data, identity, out, english=english, progress=progress, cancel=cancel, table=table)
        digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        return {"path": str(path), "sha256": digest, "signer": identity.name, "training": identity.training,
                "has_decisions": data["review"]["has_decisions"],
                "undecided": data["review"]["undecided_items"]}
    return job


def undecided_items(bundle, store) -> int:
    """Items with no outcome of the reviewer's: their conclusions would be the program's proposals."""
    if bundle is None or store is None:
        return 0
    decided = {r[0] for r in store.db.execute("SELECT item FROM outcomes").fetchall()}
    return sum(1 for item in bundle.items if item.get("id") not in decided)


class MemoDialog(QDialog):
    """export() starts the worker; signals exported(dict with path, sha256) and failed(message)."""

    exported = Signal(object)
    failed = Signal(str)

    def __init__(self, context, bundle, store, parent=None):
        super().__init__(parent)
        self.context, self.bundle, self.store = context, bundle, store
        self.handle = None
        self.result = None
        self.setWindowTitle(self.tr("导出审查意见"))
        settings = context.settings
        self.identity_edit = QLineEdit(str(settings.value(IDENTITY_KEY, "") or ""))
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.name_edit = QLineEdit(str(settings.value(NAME_KEY, "") or context.reviewer or ""))
        self.title_edit = QLineEdit(str(settings.value(TITLE_KEY, "") or ""))
        self.unit_edit = QLineEdit(str(settings.value(UNIT_KEY, "") or (bundle.case.get("unit") if bundle else "")
                                       or ""))
        self.number_edit = QLineEdit(str(store.meta(DOCUMENT_NUMBER_KEY) or "") if store is not None else "")
        self.out_edit = QLineEdit(self._default_out())
        self.undecided = undecided_items(bundle, store)
        self.warning = QLabel(self._warning_text())
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(f"color: {RED};")
        self.warning.setVisible(bool(self.undecided))
        self.acknowledge_box = QCheckBox(self.tr("我已知悉上述证据项尚未作出结论，仍然签名"))
        self.acknowledge_box.setVisible(bool(self.undecided))
        self.preview_dialog = None
        self.preview_handle = None
        self.english_box = QCheckBox(self.tr("英文审查意见"))
        self.english_box.setChecked(str(settings.value("ui/language", "zh_CN")) == "en")
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, len(STEPS) - 1)
        self.progress_bar.hide()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self._build()

    def _warning_text(self) -> str:
        if not self.undecided:
            return ""
        return self.tr("尚有 %1 个证据项审查人未作出结论：审查意见将列出程序建议，并标注“程序建议（未经审查人确认）”。"
                       ).replace("%1", str(self.undecided))

    def _default_out(self) -> str:
        """Beside the bundle, named by case number and today's date, so two cases never overwrite each other."""
        import datetime as dt

        folder = Path(self.bundle.root).parent if self.bundle is not None else Path.home()
        number = (self.bundle.case.get("case_number") or "") if self.bundle is not None else ""
        safe = "".join(ch for ch in number if ch not in '\\/:*?"<>|').strip()
        return str(folder / f"审查意见{('-' + safe) if safe else ''}-{dt.date.today():%Y%m%d}.pdf")

    def _build(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("签名身份文件"), path_row(self.identity_edit, self._browse_identity))
        form.addRow(self.tr("口令"), self.passphrase_edit)
        form.addRow(self.tr("承办检察官"), self.name_edit)
        form.addRow(self.tr("职务"), self.title_edit)
        form.addRow(self.tr("单位"), self.unit_edit)
        form.addRow(self.tr("文书编号"), self.number_edit)
        form.addRow(self.tr("输出文件"), path_row(self.out_edit, self._browse_out))
        form.addRow("", self.english_box)
        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(self.tr("导出并签名"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_button = self.buttons.addButton(self.tr("打开审查意见"), QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.hide()
        self.preview_button = self.buttons.addButton(self.tr("预览"), QDialogButtonBox.ButtonRole.ActionRole)
        self.preview_button.clicked.connect(self.preview)
        self.cancel_button = self.buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        self.export_button.clicked.connect(self.export)
        self.open_button.clicked.connect(self.open_pdf)
        self.cancel_button.clicked.connect(self.cancel_or_close)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(self.warning)
        column.addWidget(self.acknowledge_box)
        column.addWidget(self.progress_bar)
        column.addWidget(self.message)
        column.addWidget(self.buttons)
        self.resize(640, 0)

    def _browse_identity(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择签名身份"), self.identity_edit.text(),
                                              self.tr("PKCS#12 身份 (*.p12 *.pfx);;所有文件 (*)"))
        if path:
            self.identity_edit.setText(path)

    def _browse_out(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("保存审查意见"), self.out_edit.text(),
                                              self.tr("PDF 文件 (*.pdf)"))
        if path and self._inside_bundle(path):
            self.show_message(self._inside_text(path), error=True)
        elif path:
            self.out_edit.setText(path)

    def _inside_bundle(self, path) -> bool:
        from models.bundle.output_paths import inside_bundle

        return self.bundle is not None and inside_bundle(path, self.bundle.root)

    def _inside_text(self, path) -> str:
        return self.tr("审查意见不得保存在打开的证据包内（证据不得改动）：%1").replace("%1", str(path))

    def show_message(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(f"color: {RED if error else GREEN};")
        self.message.setText(text)

    def _problem(self) -> str | None:
        """Input that cannot work, found before any worker starts."""
        identity, out = Path(self.identity_edit.text().strip()), Path(self.out_edit.text().strip())
        if self.store is None:
            return self.tr("请先打开证据包")
        from checks.memo_examine import needs_examination

        if self.out_edit.text().strip() and self._inside_bundle(out):  # said first: it never can be right
            return self._inside_text(out)
        if needs_examination(self.store):  # a memo must never sign "nothing wrong" about an unexamined case
            return self.tr("此证据包尚未完成扫描、校验和检查，请待审查结果出现后再导出审查意见")
        if not self.identity_edit.text().strip() or not identity.is_file():
            return self.tr("请选择签名身份文件（.p12）；没有身份时可在“审查意见”菜单中创建")
        if not self.passphrase_edit.text():
            return self.tr("请输入签名身份的口令")
        try:
            if not self.out_edit.text().strip() or out.is_dir():
                return self.tr("请指定输出文件（.pdf）")
            if not out.parent.is_dir():
                return self.tr("无法写入审查意见 %1：目录不存在").replace("%1", str(out))
        except OSError as exc:  # a name too long for the file system, a folder not searchable
            from models.common.os_errors import os_reason

            return self.tr("无法写入审查意见 %1：%2").replace("%1", str(out)).replace("%2", os_reason(exc))
        from models.bundle.output_paths import special_problem, store_file_problem

        if special_problem(out):  # written by a rename, /dev/null or a FIFO would be replaced by the PDF
            return self.tr("该路径已存在且不是普通文件，不能写入：%1").replace("%1", str(out))
        if store_file_problem(out):  # the review store replaced by the PDF: every decision gone
            return self.tr("不能写在审查库的文件上（会毁掉其中的审查决定）：%1").replace("%1", str(out))
        if self.undecided and not self.acknowledge_box.isChecked():
            return self._warning_text() + self.tr("请先预览，确认后勾选“仍然签名”。")
        return None

    def _profile(self) -> dict:
        return {"name": self.name_edit.text().strip(), "title": self.title_edit.text().strip() or None,
                "unit": self.unit_edit.text().strip() or None}

    def preview(self):
        """Lay the memo out unsigned in a worker; its pages then show in QPdfView with the warning."""
        if self.store is None:
            return None
        from ui.memo.memo_preview import preview_job

        job = preview_job(self.bundle, self.store.path, self._profile(), False, self.english_box.isChecked(),
                          self.number_edit.text().strip() or None)
        self.preview_button.setEnabled(False)
        self.show_message(self.tr("正在排版预览"))
        self.preview_handle = self.context.runner.run(job, label=self.tr("正在排版预览"), on_done=self._previewed,
                                                      on_error=self._failed)
        return self.preview_handle

    def _previewed(self, result: dict) -> None:
        from ui.memo.memo_preview import MemoPreviewDialog

        self.preview_button.setEnabled(True)
        self.show_message(self.tr("预览共 %1 页（未签名）").replace("%1", str(result["pages"])))
        self.preview_dialog = MemoPreviewDialog(result["path"], self._warning_text(), self, temporary=True)
        self.preview_dialog.show()

    def export(self):
        """Check the fields, remember identity and name (never the passphrase), start the worker."""
        problem = self._problem()
        if problem:
            self.show_message(problem, error=True)
            self.failed.emit(problem)
            return None
        settings = self.context.settings
        settings.setValue(IDENTITY_KEY, self.identity_edit.text().strip())
        settings.setValue(NAME_KEY, self.name_edit.text().strip())
        settings.setValue(TITLE_KEY, self.title_edit.text().strip())
        settings.setValue(UNIT_KEY, self.unit_edit.text().strip())
        number = remember_document_number(self.store, self.number_edit.text(),  # kept per case, audited
                                          self._profile().get("name") or self.context.reviewer)
        job = memo_job(self.bundle, self.store.path, self.identity_edit.text().strip(),
                       self.passphrase_edit.text().encode("utf-8"), self._profile(),
                       self.out_edit.text().strip(), self.english_box.isChecked(), number)
        self._set_busy(True)
        self.handle = self.context.runner.run(job, label=self.tr("正在生成审查意见"), on_done=self._done,
                                              on_error=self._failed, on_progress=self._progress)
        return self.handle

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.identity_edit, self.passphrase_edit, self.name_edit, self.title_edit, self.unit_edit,
                       self.number_edit, self.out_edit, self.english_box, self.export_button, self.preview_button):
            widget.setEnabled(not busy)
        self.progress_bar.setVisible(busy)
        self.progress_bar.setValue(0)
        self.cancel_button.setText(self.tr("取消导出") if busy else self.tr("关闭"))
        if busy:
            self.show_message(self.tr(STEPS[0]))

    def _progress(self, done, total, part=0, parts=None) -> None:
        self.progress_bar.setValue(min(done, len(STEPS) - 1))
        if done == 0 and parts:  # a long annex: the layout's own progress
            self.show_message(self.tr("正在排版（%1%）").replace("%1", str(100 * part // parts)))
        else:
            self.show_message(self.tr(STEPS[min(done, len(STEPS) - 1)]))

    def _done(self, result: dict) -> None:
        from models.store import audit
        from ui.common.store_write import written

        self.handle = None
        self._set_busy(False)
        self.passphrase_edit.clear()
        self.result = result
        reviewer = self.name_edit.text().strip() or result["signer"]
        written(self, self.store, audit.append, self.store.db, reviewer, "memo.exported",  # the GUI thread's own
                {"path": result["path"], "sha256": result["sha256"], "reviewer": self._profile()})  # connection
        note = "" if result["has_decisions"] else self.tr("（审查人尚未作出决定，审查意见注明均为程序建议）")
        self.show_message(self.tr("审查意见已签名并写入 %1").replace("%1", result["path"]) + note)
        self.open_button.show()
        self.exported.emit(result)

    def _failed(self, exc) -> None:
        from models.runtime.jobs import Cancelled

        self.handle = None
        self._set_busy(False)
        if isinstance(exc, Cancelled):
            text = self.tr("已取消导出，未写入任何文件")
        elif isinstance(exc, (OSError, sqlite3.Error)):  # a full disk, a folder removed: the system's words in Chinese
            from ui.common.store_write import write_reason

            text = self.tr("未能生成审查意见：%1").replace("%1", write_reason(exc))
        else:
            text = str(exc) or type(exc).__name__  # IdentityError / MemoError carry Chinese one-liners
        self.show_message(text, error=True)
        self.failed.emit(text)

    def open_pdf(self) -> bool:
        """The signed memo in the system's PDF viewer; where none opens, say so and show it here."""
        if not self.result:
            return False
        if QDesktopServices.openUrl(QUrl.fromLocalFile(self.result["path"])):
            return True
        from ui.memo.memo_preview import MemoPreviewDialog

        self.show_message(self.tr("本机没有可用的 PDF 阅读器，已在内置查看器中打开审查意见"), error=True)
        self.preview_dialog = MemoPreviewDialog(self.result["path"], "", self, self.tr("审查意见（已签名）"))
        self.preview_dialog.show()
        return False

    def cancel_or_close(self) -> None:
        if self.handle is not None:
            self.handle.cancel()
        else:
            self.reject()

    def reject(self) -> None:
        if self.handle is not None:  # closing while the worker runs cancels it; the memo is then never written
            self.handle.cancel()
        super().reject()
