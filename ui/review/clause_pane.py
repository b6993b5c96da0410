"""One clause under review: the quoted article, the question, the auto result with its facts, and the decision."""

import html
import json
import sqlite3
from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from checks.wording import difference_text, result_message, shown, wording
from models.common.i18n import language
from models.common.labels import all_labels, label, value_label
from models.common.timeutil import format_local
from models.store import review
from ui.common.store_write import written
from ui.detail.media_viewers import SideBySideDialog, open_viewer
from ui.review.clause_list_model import STATUS_COLORS, decision_text, status_text
from ui.review.drafts import Drafts

SEAL_CHECKS = ("a31_1_seal_intact", "a34_2_sealing")
PATH_PREFIXES = ("evidence/", "documents/", "photos/", "recordings/")
LINK_SCHEME = "evidence"
LIST_SHOWN = 200  # entries of a fact's list shown; the rest counted


@lru_cache(maxsize=1)
def _kinds() -> dict:
    from checks.registry import DEFAULT_CHECKS

    return {c.NAME: c.KIND for c in DEFAULT_CHECKS}


def clause_kind(name: str) -> str:
    return _kinds().get(name, "auto")


def _is_path(value) -> bool:
    return isinstance(value, str) and value.startswith(PATH_PREFIXES) and "\n" not in value


def fact_html(value, tz_name: str | None = None, key: str | None = None) -> str:
    """Facts as nested HTML in words: keys and coded values by their labels, instants (…_ns) in the case zone,
    bundle paths as links with the evidence: scheme."""
    if _is_path(value):
        return f'<a href="{LINK_SCHEME}:{html.escape(value, quote=True)}">{html.escape(value)}</a>'
    if isinstance(value, dict) and "found" in value and "against" in value:  # an image's record set against another
        return html.escape(difference_text(value, "en" if language() == "en" else "zh"))
    if isinstance(value, dict):
        rows = "".join(f"<li><b>{html.escape(label('field', k))}</b>：{fact_html(v, tz_name, str(k))}</li>"
                       for k, v in value.items())
        return f"<ul>{rows}</ul>" if rows else "—"
    if isinstance(value, (list, tuple)):
        if not value:
            return html.escape(_tr("（无）"))
        return _list_html(value, tz_name, key)
    if value is None:
        return html.escape(_tr("（未记录）"))
    if isinstance(value, bool):
        return html.escape(label("answer", "yes" if value else "no"))
    if isinstance(value, int) and key and key.endswith("_ns"):
        return html.escape(format_local(value, tz_name) or "")
    if isinstance(value, str):
        return html.escape(_coded(value, key))
    return html.escape(json.dumps(value, ensure_ascii=False))


def _list_html(value, tz_name: str | None, key: str | None) -> str:
    """The first LIST_SHOWN entries and how many more: a finding may name every file of a large item, and
    QTextEdit.setHtml took 0.3 s of the GUI thread for 2,000 paths (200,000 froze the window)."""
    shown, more = value[:LIST_SHOWN], len(value) - LIST_SHOWN
    tail = html.escape(_tr("……另有 %1 项").replace("%1", f"{more:,}")) if more > 0 else ""
    if all(isinstance(v, dict) and "found" in v for v in shown):
        return "<ul>" + "".join(f"<li>{fact_html(v, tz_name)}</li>" for v in shown) + "</ul>" + tail
    if all(not isinstance(v, (dict, list, tuple)) for v in shown):
        return "、".join(fact_html(v, tz_name, key) for v in shown) + ("、" + tail if tail else "")
    if all(isinstance(v, dict) for v in shown):
        return _table_html(shown, tz_name) + tail
    return "<ul>" + "".join(f"<li>{fact_html(v, tz_name)}</li>" for v in shown) + "</ul>" + tail


def _coded(value: str, key: str | None) -> str:
    if key in ("source", "time_source") and all_labels()["source"].get(value.partition(":")[0]):
        return label("source", value.partition(":")[0]) + (f"（{value.partition(':')[2]}）" if ":" in value else "")
    if key in ("missing", "fields") and value in all_labels()["field"]:  # a field's name, never its code
        return label("field", value)
    if key in ("reference", "field"):
        from models.common.labels import manifest_field_label

        return manifest_field_label(value)
    return value_label(value)


def overridden_text(status: str) -> str:
    """What the reviewer's 推翻 makes of the auto result: a pass becomes 不符合, anything else 符合."""
    return _tr("不符合") if status == "pass" else _tr("符合")


def _tr(text: str) -> str:
    return QCoreApplication.translate("ClausePane", text)


def _table_html(rows: list[dict], tz_name: str | None = None) -> str:
    """A list of records (participants, differences...) as one table, a column per key."""
    keys = list(dict.fromkeys(k for row in rows for k in row))
    head = "".join(f"<th align='left'>{html.escape(label('field', k))}</th>" for k in keys)
    body = "".join("<tr>" + "".join(f"<td>{fact_html(row.get(k), tz_name, k)}</td>" for k in keys) + "</tr>"
                   for row in rows)
    return f"<table border='1' cellspacing='0' cellpadding='3'><tr>{head}</tr>{body}</table>"


class ClausePane(QWidget):
    """set_clause(store, bundle, item_id, record, reviewer); confirm()/override()/answer()/save_note() commit at
    once."""

    file_selected = Signal(str)
    decision_made = Signal(str, object)  # check name, decision record
    decision_seen = Signal(str, object)  # the same, made elsewhere and shown: marked, never a move onward

    def __init__(self, parent=None):
        super().__init__(parent)
        self.store = self.bundle = self.item_id = self.record = None
        self.reviewer = ""
        self.dialogs: list = []
        self.drafts = Drafts()  # note and reason typed, not yet saved; the review tab shares one kept beside the store
        self._build()
        self.set_clause(None, None, None, None, "")

    def _build(self) -> None:
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.quote = QLabel()
        self.quote.setWordWrap(True)
        self.quote.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.quote.setFrameShape(QFrame.Shape.StyledPanel)
        self.quote.setStyleSheet("background: #f6f3e8; padding: 6px; border-left: 4px solid #b08d3c;")
        self.question = QLabel()
        self.question.setWordWrap(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.facts = QTextBrowser()
        self.facts.setOpenLinks(False)
        self.facts.setMinimumHeight(80)
        self.facts.anchorClicked.connect(self._link_clicked)
        self.seal_button = QPushButton(self.tr("对照封存前后照片"))
        self.seal_button.clicked.connect(self.show_seal_photos)
        layout = QVBoxLayout(self)
        for widget in (self.title, self.quote, self.question, self.status):
            layout.addWidget(widget)
        # the decision row sits above the facts so it stays in sight when the pane is short
        layout.addWidget(self._decision_box())
        layout.addWidget(self.seal_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.facts, 1)

    def _decision_box(self) -> QWidget:
        box = QFrame()
        box.setFrameShape(QFrame.Shape.StyledPanel)
        self.decision_label = QLabel()
        self.confirm_button = QPushButton(self.tr("确认 (1)"))
        self.override_button = QPushButton(self.tr("推翻 (2)"))
        self.answer_button = QPushButton(self.tr("回答 (3)"))
        self.revert_button = QPushButton(self.tr("撤销决定 (0)"))
        self.revert_button.setToolTip(self.tr("把本条退回待决（记入审计日志）"))
        self.revert_button.clicked.connect(self.revert)
        self.confirm_button.clicked.connect(self.confirm)
        self.override_button.clicked.connect(self.override)
        self.answer_button.clicked.connect(self.answer)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("推翻理由（必填）"))
        self.answer_combo = QComboBox()
        self.answer_combo.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # no answer from a wheel passing over it
        self.answer_combo.addItem(self.tr("（选择回答）"), None)
        for key in ("yes", "no", "unclear"):
            self.answer_combo.addItem(label("answer", key), key)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(self.tr("审查意见备注（Ctrl+Enter 保存备注；尚未决定时随决定一并保存）"))
        self.note.setFixedHeight(48)
        self.note.installEventFilter(self)
        self.hint = QLabel()
        self.hint.setStyleSheet("color: #c62828;")
        # two lines: on one the buttons asked ~640 px and pushed the clause's text out of a laptop's pane
        row = QHBoxLayout()
        for widget in (self.confirm_button, self.override_button, self.reason):
            row.addWidget(widget, 1 if widget is self.reason else 0)
        second = QHBoxLayout()
        for widget in (self.answer_combo, self.answer_button, self.revert_button):
            second.addWidget(widget)
        second.addStretch(1)
        self.reason.setMinimumWidth(120)
        layout = QVBoxLayout(box)
        layout.addWidget(self.decision_label)
        layout.addLayout(row)
        layout.addLayout(second)
        layout.addWidget(self.note)
        layout.addWidget(self.hint)
        return box

    # --- showing -----------------------------------------------------------------------------------
    def set_clause(self, store, bundle, item_id, record, reviewer: str) -> None:
        self._keep_draft()
        self.store, self.bundle, self.item_id, self.record, self.reviewer = store, bundle, item_id, record, reviewer
        self.hint.clear()
        self.reason.clear()
        self.answer_combo.setCurrentIndex(0)
        enabled = record is not None
        for widget in (self.confirm_button, self.override_button, self.answer_button, self.reason,
                       self.answer_combo, self.note, self.revert_button):
            widget.setEnabled(enabled)
        if record is None:
            for label in (self.title, self.quote, self.question, self.status, self.decision_label):
                label.clear()
            self.title.setText(self.tr("（请在左侧选择条款）"))
            self.facts.clear()
            self.note.clear()
            self.seal_button.hide()
            return
        self._show_record(record)

    def _show_record(self, record: dict) -> None:
        words = wording(record["check_name"])
        self.title.setText(self.tr("第%1条　%2").replace("%1", str(record.get("article") or "")).replace(
            "%2", record.get("title") or shown(words, "title")))
        self.quote.setText(words.get("quote_zh", ""))
        self.question.setText(self.tr("审查要点：") + shown(words, "question"))
        color = STATUS_COLORS.get(record["status"], "#333")
        kind = {"auto": "自动", "assisted": "辅助", "manual": "人工"}.get(clause_kind(record["check_name"]), "")
        self.status.setText(f'<span style="color:{color}; font-weight:bold">● {status_text(record["status"])}</span>'
                            f'　<span style="color:#666">[{self.tr(kind)}]</span>'
                            f'　{html.escape(result_message(record))}')
        self.facts.setHtml(fact_html(record.get("facts") or {}, getattr(self.bundle, "timezone", None)))
        self.seal_button.setVisible(record["check_name"] in SEAL_CHECKS)
        decision = record.get("decision")
        draft = self.drafts.get(self._draft_key()) or {}
        self.note.setPlainText(draft.get("note") or (decision or {}).get("note") or "")
        self.reason.setText(draft.get("reason") or "")
        if draft:
            self.hint.setText(self.tr("已恢复未保存的备注或理由（尚未保存）"))
        self.override_button.setText(self.tr("推翻：改为%1 (2)").replace("%1", overridden_text(record["status"])))
        self._show_decision(decision)
        manual = clause_kind(record["check_name"]) == "manual"
        self.confirm_button.setEnabled(not manual)

    def _show_decision(self, decision: dict | None) -> None:
        text = decision_text(decision)
        self.revert_button.setEnabled(bool(decision))
        if decision and decision.get("decision") == "override" and self.record is not None:
            text += self.tr("（改为%1）").replace("%1", overridden_text(self.record["status"]))
        if decision:
            extra = decision.get("reason") and self.tr("　理由：") + decision["reason"]
            when = format_local(decision.get("decided_at"), getattr(self.bundle, "timezone", None)) or ""
            text += f"　{decision.get('reviewer', '')}　{when}{extra or ''}"
        self.decision_label.setText(self.tr("审查决定：") + text)

    # --- deciding ----------------------------------------------------------------------------------
    def confirm(self) -> bool:
        if self.record is None:
            return False
        if clause_kind(self.record["check_name"]) == "manual":
            return self._refuse(self.tr("本条须由审查人回答（按 3）"), self.answer_combo)
        return self._commit("confirm")

    def override(self) -> bool:
        if self.record is None:
            return False
        reason = self.reason.text().strip()
        if not reason:
            return self._refuse(self.tr("推翻自动结论须填写理由"), self.reason)
        return self._commit("override", reason=reason)

    def answer(self) -> bool:
        if self.record is None:
            return False
        value = self.answer_combo.currentData()
        if value is None:
            return self._refuse(self.tr("请先选择回答：是、否或不明"), self.answer_combo)
        return self._commit("answer", answer=value)

    def save_note(self) -> bool:
        """Ctrl+Enter: record the note with the decision already made. Before any decision the note is kept
        for the clause and saved with its decision: the key says 保存备注, it never decides."""
        if self.record is None:
            return False
        decision = self.record.get("decision")
        if not decision:
            self._keep_draft()
            self.hint.setText(self.tr("备注已留存，将随本条决定一并保存：按 1 确认、2 推翻或 3 回答"))
            return False
        return self._commit(decision["decision"], reason=decision.get("reason"), answer=decision.get("answer"))

    def revert(self) -> bool:
        """Take the decision back to 待决 (audited)."""
        if self.record is None or not self.record.get("decision") or self._changed_elsewhere():
            return False
        from models.store.decision_revert import revert_decision

        ok, _ = written(self, self.store, revert_decision, self.store, self.item_id, self.record["check_name"],
                        self.reviewer)
        if not ok:
            self.hint.setText(self.tr("未保存：审查库无法写入"))
            return False
        self.record["decision"] = None
        self.hint.clear()
        self._show_decision(None)
        self.decision_made.emit(self.record["check_name"], None)
        return True

    def _draft_key(self) -> str:
        return f"clause/{self.item_id}/{self.record['check_name']}"

    def keep_draft(self) -> None:
        """The note and the override reason as typed, kept while they differ from what is saved."""
        if self.record is None:
            return
        saved = (self.record.get("decision") or {}).get("note") or ""
        note, reason = self.note.toPlainText().strip(), self.reason.text().strip()
        self.drafts.put(self._draft_key(), {"note": note if note != saved.strip() else "", "reason": reason})

    _keep_draft = keep_draft

    def _refuse(self, text: str, focus: QWidget) -> bool:
        """Say why; the focus goes to a field to type in, never to the answer list, where the next arrow key
        would have chosen an answer without a word."""
        self.hint.setText(text)
        if focus is not self.answer_combo:
            focus.setFocus()
        return False

    def _changed_elsewhere(self) -> bool:
        """True when the store's decision on this clause is not the one shown (another window or reviewer decided
        meanwhile): it is shown, the note and reason typed stay, and nothing is replaced unseen."""
        try:
            stored = next((d for d in review.load_decisions(self.store, self.item_id)
                           if d["check_name"] == self.record["check_name"]), None)
        except (sqlite3.Error, OSError):
            return False  # the write says why the store cannot be used
        if (stored or {}).get("decided_at") == (self.record.get("decision") or {}).get("decided_at"):
            return False
        self.record["decision"] = stored
        self._show_decision(stored)
        self.decision_seen.emit(self.record["check_name"], stored)
        self.hint.setText(self.tr("本条已在另一窗口或由另一审查人作出决定（见上），未予覆盖；核对后如仍要改，请再次操作"))
        return True

    def _commit(self, decision: str, reason=None, answer=None) -> bool:
        if self._changed_elsewhere():
            return False
        note = self.note.toPlainText().strip() or None
        try:
            ok, saved = written(self, self.store, review.decide, self.store, self.item_id, self.record["check_name"],
                                decision, self.reviewer, reason=reason, note=note, answer=answer)
        except ValueError as exc:
            return self._refuse(str(exc), self.note)
        if not ok:  # the store refused it: said in a message box, the note and the reason stay as typed
            self.hint.setText(self.tr("未保存：审查库无法写入"))
            return False
        self.record["decision"] = saved
        self.drafts.put(self._draft_key(), None)
        self.hint.clear()
        self.reason.clear()
        self._show_decision(saved)
        self.decision_made.emit(self.record["check_name"], saved)
        return True

    def eventFilter(self, watched, event) -> bool:
        if watched is self.note and event.type() == QEvent.Type.KeyPress and \
                event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.save_note()
            return True
        return super().eventFilter(watched, event)

    # --- files -------------------------------------------------------------------------------------
    def _link_clicked(self, url: QUrl) -> None:
        rel = url.path() if url.scheme() == LINK_SCHEME else url.toString()
        self.open_file(rel)

    def open_file(self, rel: str):
        """Tell the window which file (detail pane), and show documents and photos in a viewer."""
        self.file_selected.emit(rel)
        if self.bundle is not None:
            dialog = open_viewer(self, Path(self.bundle.root), rel, bundle=self.bundle)
            if dialog is not None:
                self.dialogs.append(dialog)
            return dialog
        return None

    def show_seal_photos(self):
        facts = (self.record or {}).get("facts") or {}
        dialog = SideBySideDialog(Path(self.bundle.root), facts.get("photos_before") or [],
                                  facts.get("photos_after") or [], self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.dialogs.append(dialog)
        return dialog
