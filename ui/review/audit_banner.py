"""A red banner when the review store's audit chain is broken; it stays until acknowledged, and the
acknowledgement is audited."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMessageBox, QPushButton

from models.store import audit, audit_guard
from models.store.guards import audit_record

ACK_ACTION = "audit.broken_acknowledged"


def acknowledgement(store, status) -> dict | None:
    """The audit entry in which a reviewer acknowledged this break (same broken seq), if any."""
    for entry in reversed(audit.load_entries(store.db)):
        payload = entry.get("payload")
        if (entry["action"] == ACK_ACTION and isinstance(payload, dict)
                and payload.get("broken_at_seq") == status.broken_at_seq and payload.get("problem") == status.problem):
            return entry
    return None


class AuditBanner(QFrame):
    """check(store, reviewer) on every open: hidden when the chain verifies, red and explicit when it does not."""

    acknowledged = Signal(object)  # the audit entry written

    def __init__(self, parent=None):
        super().__init__(parent)
        self.store = self.status = None
        self.reviewer = ""
        self.setObjectName("auditBanner")
        self.setStyleSheet("#auditBanner { background: #c62828; } #auditBanner QLabel { color: white; "
                           "font-weight: bold; }")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.ack_button = QPushButton(self.tr("我已知悉（记入审计日志）"))
        self.ack_button.clicked.connect(self.ask_acknowledge)
        self.accept_button = QPushButton(self.tr("以此审查库为准…"))  # a store put back from an older copy only
        self.accept_button.clicked.connect(self.ask_accept_older)
        layout = QHBoxLayout(self)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.accept_button)
        layout.addWidget(self.ack_button)
        self.hide()

    def check(self, store, reviewer: str):
        """Verify the chain, the tables against it and its anchor (models.store.audit_guard); returns the ChainStatus
        (None without a store)."""
        self.store, self.reviewer = store, reviewer
        self.status = audit_guard.check(store.db) if store is not None else None
        if self.status is None or self.status.ok:
            self.hide()
            return self.status
        self._show_broken(acknowledgement(store, self.status))
        self.show()
        return self.status

    def _show_broken(self, ack: dict | None) -> None:
        if self.status.problem:
            text = self.tr("审计日志校验失败：%1。审查记录可能在程序之外被改动，请勿依赖本审查库中的决定，"
                           "并向技术人员报告。").replace("%1", self.status.problem)
        else:
            text = self.tr("审计日志校验失败：第 %1 条记录起哈希链断裂，审查记录可能在程序之外被改动。"
                           "请勿依赖本审查库中的决定，并向技术人员报告。").replace("%1", str(self.status.broken_at_seq))
        if ack:
            text += self.tr("（%1 已于 %2 确认知悉）").replace("%1", ack["reviewer"]).replace("%2", ack["at"])
        self.label.setText(text)
        self.ack_button.setVisible(ack is None)
        self.accept_button.setVisible(audit_record.ACCEPTABLE in (self.status.problem or ""))

    def ask_accept_older(self) -> dict | None:
        """The store guard's question (ui/window/store_guard.py); on Yes the banner is checked again."""
        if self.store is None:
            return None
        from ui.window.store_guard import ask_accept_older

        entry = ask_accept_older(self, self.store, self.reviewer)
        if entry is not None:
            self.check(self.store, self.reviewer)
            self.acknowledged.emit(entry)
        return entry

    def ask_acknowledge(self) -> None:
        answer = QMessageBox.warning(self, self.tr("审计日志断裂"), self.tr(
            "确认您已知悉审计日志断裂？此确认将以您的名义记入审计日志。"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes:
            self.acknowledge()

    def acknowledge(self) -> dict | None:
        """Append the acknowledgement to the audit log; the banner stays, saying who acknowledged and when."""
        if self.store is None or self.status is None or self.status.ok:
            return None
        from ui.common.store_write import written

        ok, entry = written(self, self.store, audit.append, self.store.db, self.reviewer, ACK_ACTION,
                            {"broken_at_seq": self.status.broken_at_seq, "head_digest": self.status.head_digest,
                             "count_verified": self.status.count, "problem": self.status.problem})
        if not ok:
            return None
        self._show_broken(entry)
        self.acknowledged.emit(entry)
        return entry
