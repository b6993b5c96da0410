"""Verify a signed memo: signer, time, coverage, intact/valid/trusted, a green or red verdict, the findings inside."""

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
)

from models.common.console import safe_text
from ui.memo.memo_dialog import GREEN, RED, path_row

TRUST_KEY = "reviewer/trust"
OUTCOMES_ZH = {"admissible": "可采", "defect": "瑕疵", "excluded": "排除", None: "未决"}


def verify_job(memo, trust):
    """fn(progress, cancel): (MemoVerification, findings dict or None, problem reading them or None)."""

    def job(progress, cancel):
        from models.memo.memo_render import MemoError, read_findings
        from models.memo.memo_verify import verify_memo

        result = verify_memo(memo, trust or None)
        try:
            return result, read_findings(memo), None
        except (MemoError, KeyError, TypeError, ValueError, OSError) as exc:
            return result, None, str(exc) or type(exc).__name__
    return job


def signing_time_text(when, tz_name) -> str:
    """The signer's reported time in the case's time zone (UTC offset shown), '-' when absent."""
    from models.memo.memo_sign import format_when

    if when is None:
        return "-"
    try:
        return format_when(when, tz_name or "Asia/Shanghai")
    except (ValueError, KeyError):  # an unknown zone name in a foreign memo
        return when.isoformat(sep=" ")


def yes_no(value: bool, checked: bool = True, tr=str) -> str:
    if not checked:
        return tr("未检查")
    return tr("是") if value else tr("否")


def findings_summary(data: dict, tr=str) -> str:
    """A few lines from the attached findings JSON: case, reviewer, items, outcomes, open points."""
    case, review = data.get("case") or {}, data.get("review") or {}
    counts: dict = {}
    for item in data.get("items") or []:
        key = (item.get("outcome") or {}).get("outcome")
        counts[key] = counts.get(key, 0) + 1
    outcomes = "，".join(f"{tr(OUTCOMES_ZH.get(k, str(k)))} {n}" for k, n in counts.items()) or tr("无")
    reviewer = data.get("reviewer") or {}
    return "\n".join([
        f"{tr('格式')}：{data.get('format', '-')}",
        f"{tr('案号')}：{case.get('case_number') or '-'}　{tr('案件名称')}：{case.get('title') or '-'}",
        f"{tr('审查人')}：{reviewer.get('name') or '-'}"
        + (f"（{tr('培训身份')}）" if reviewer.get("training") else ""),
        f"{tr('生成时间（UTC）')}：{data.get('generated_at') or '-'}",
        f"{tr('证据包标识')}：{(data.get('bundle') or {}).get('manifest_digest') or '-'}",
        f"{tr('证据项')}：{len(data.get('items') or [])}；{tr('结论')}：{outcomes}",
        f"{tr('条款')}：{review.get('clauses', 0)}，{tr('已决定')} {review.get('decided', 0)}；"
        f"{tr('补充侦查事项')}：{len(data.get('art16') or [])}",
        f"{tr('审计日志链头摘要')}：{(data.get('audit') or {}).get('head_digest') or '-'}",
    ])


class VerifyMemoDialog(QDialog):
    """verify() checks the chosen PDF in a worker; signal verified(MemoVerification) or failed(message)."""

    verified = Signal(object)
    failed = Signal(str)

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.result = self.findings = None
        self.setWindowTitle(self.tr("验证审查意见"))
        self.memo_edit = QLineEdit()
        self.trust_edit = QLineEdit(str(context.settings.value(TRUST_KEY, "") or ""))
        self.trust_edit.setPlaceholderText(self.tr("可选：信任的签名证书（.pem）"))
        self.verdict = QLabel(self.tr("请选择要验证的审查意见（PDF）"))
        self.verdict.setWordWrap(True)
        self.fields = {key: QLabel("-") for key in ("signer", "time", "coverage", "intact", "valid", "trusted")}
        for label in self.fields.values():
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)  # a signer named "<a href=...>" stays text
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet(f"color: {RED};")
        self.summary = QPlainTextEdit()
        self.summary.setReadOnly(True)
        self.summary.setMinimumHeight(150)
        self._build()

    def _build(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("审查意见"), path_row(self.memo_edit, self._browse_memo))
        form.addRow(self.tr("信任证书"), path_row(self.trust_edit, self._browse_trust))
        details = QFormLayout()
        for key, title in (("signer", "签名人"), ("time", "签名时间"), ("coverage", "覆盖范围"),
                           ("intact", "内容完整"), ("valid", "签名有效"), ("trusted", "证书受信任")):
            details.addRow(self.tr(title), self.fields[key])
        buttons = QDialogButtonBox()
        self.verify_button = buttons.addButton(self.tr("验证"), QDialogButtonBox.ButtonRole.ActionRole)
        self.verify_button.clicked.connect(lambda: self.verify())
        buttons.addButton(self.tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole).clicked.connect(self.reject)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(self.verdict)
        column.addLayout(details)
        column.addWidget(self.problems)
        column.addWidget(QLabel(self.tr("附带的审查结果（findings.json）")))
        column.addWidget(self.summary, 1)
        column.addWidget(buttons)
        self.resize(720, 560)

    def _browse_memo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择审查意见"), self.memo_edit.text(),
                                              self.tr("PDF 文件 (*.pdf)"))
        if path:
            self.memo_edit.setText(path)
            self.verify()

    def _browse_trust(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择信任证书"), self.trust_edit.text(),
                                              self.tr("证书 (*.pem *.crt);;所有文件 (*)"))
        if path:
            self.trust_edit.setText(path)

    def _set_verdict(self, text: str, ok: bool | None) -> None:
        colour = {True: GREEN, False: RED, None: "#444444"}[ok]
        self.verdict.setStyleSheet(f"color: white; background: {colour}; padding: 8px; font-size: 15pt;"
                                   " font-weight: bold;" if ok is not None else "")
        self.verdict.setText(text)

    def verify(self, memo=None):
        """Check memo (or the path in the field) in a worker; the result shows when it arrives."""
        if memo is not None:
            self.memo_edit.setText(str(memo))
        path, trust = self.memo_edit.text().strip(), self.trust_edit.text().strip()
        if not path:
            self._show_error(self.tr("请选择要验证的审查意见（PDF）"))
            return None
        if trust:
            self.context.settings.setValue(TRUST_KEY, trust)
        self.result = self.findings = None
        self.verify_button.setEnabled(False)
        self._set_verdict(self.tr("正在验证…"), None)
        return self.context.runner.run(verify_job(Path(path), trust), label=self.tr("正在验证审查意见"),
                                       on_done=self._show, on_error=lambda exc: self._show_error(str(exc)))

    def _show(self, outcome) -> None:
        result, findings, findings_problem = outcome
        self.result, self.findings = result, findings
        self.verify_button.setEnabled(True)
        tr = self.tr
        self.fields["signer"].setText(safe_text(result.signer) + (tr("（培训身份）") if result.training else ""))
        self.fields["time"].setText(signing_time_text(result.signing_time, (findings or {}).get("timezone")))
        self.fields["coverage"].setText(tr("整个文件") if result.entire_file else (result.coverage or "-"))
        self.fields["intact"].setText(yes_no(result.intact, tr=tr))
        self.fields["valid"].setText(yes_no(result.valid, tr=tr))
        self.fields["trusted"].setText(yes_no(result.trusted, result.trust_checked, tr=tr))
        self.problems.setText("\n".join(result.problems))
        self.summary.setPlainText(findings_summary(findings, tr) if findings else
                                  tr("无法读取附带的审查结果：%1").replace("%1", findings_problem or "-"))
        if result.ok and result.trusted:
            self._set_verdict(tr("✔ 审查意见完整有效：签名后未被改动"), True)
        elif result.ok:  # no trust certificate given: any self-signed identity of that name would pass
            self._set_verdict(tr("审查意见完整，但签名人未经信任：请指定信任的签名证书后再验证"), None)
        elif result.unchanged:
            self._set_verdict(tr("✘ 审查意见完整，但签名人不受所给证书信任，不能采信"), False)
        else:
            self._set_verdict(tr("✘ 审查意见已被改动或签名无效，不能采信"), False)
        self.verified.emit(result)

    def _show_error(self, text: str) -> None:
        self.verify_button.setEnabled(True)
        for label in self.fields.values():
            label.setText("-")
        self.summary.clear()
        self._set_verdict(text, False)
        self.failed.emit(text)
