"""The item's outcome (Art. 43/44): the program's proposal with its basis, the reviewer's choice, reason,
corrections."""

import html
import json
import sqlite3

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
)

from checks import item_proposal
from checks.outcome import recorded_basis
from checks.outcome_words import article_text
from checks.outcome_words import basis_text as _basis_words
from checks.wording import result_message
from models.common.labels import label
from models.common.timeutil import format_local
from models.store import review
from ui.common.store_write import written
from ui.review.drafts import Drafts

# the reviewer's choices; "pending" is a proposal only (the reviewer must judge first), never an outcome
OUTCOME_ZH = {"admissible": "可采", "correctable": "瑕疵可补正", "excluded": "排除"}
PROPOSAL_ZH = dict(OUTCOME_ZH, pending="待审查人判断")


def stored_restorable(store) -> set:
    """The paths the store's current verification shows restorable (checks.item_proposal: as `check` and the memo)."""
    return item_proposal.stored_restorable(store)


def proposal_for(item: dict, results: list[dict], restorable=None, decisions=None, store=None):
    """checks.item_proposal over stored check-result records: the proposal with these decisions applied (given the
    store, a finding's long file list read from its side table)."""
    results = item_proposal.with_stored_files(store, results, item.get("id"))
    return item_proposal.propose_item(item, results, None, decisions, restorable or set()).proposal


def stored_decisions(store, item_id: str) -> dict:
    """check name -> the reviewer's decision ("confirm", "override", "answer") on the item's clauses."""
    return {name: d["decision"] for name, d in item_proposal.stored_decisions(store, item_id).items()}


def basis_text(basis) -> str:
    """Codes ("43.2;43.3" or a list) -> the clauses' names (第四十三条第（二）项 …), never a code."""
    return _basis_words(basis)


def corrections_lines(text) -> list[str]:
    if not text:
        return []
    try:
        value = json.loads(text)
    except ValueError:
        value = text
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


class OutcomeBox(QGroupBox):
    """set_item(store, item, results, reviewer); save() stores the chosen outcome through
    models.store.review.set_outcome."""

    outcome_saved = Signal(str, object)  # item id, outcome record

    def __init__(self, parent=None):
        super().__init__(self.tr("本项结论（第四十三条、第四十四条）"), parent)
        self.store = self.item = self.proposal = self.unjudged = self.judged = self.timezone = None
        self.results, self.restorable = [], set()
        self.reviewer = ""
        self.drafts = Drafts()  # the choice and text typed, not yet saved; the review tab shares one beside the store
        self._shown = (None, "", "")  # what the box showed from the store: a draft is what differs from it
        self.saved_at = None  # decided_at of the outcome shown (None: none saved)
        self.proposal_label = QLabel()
        self.proposal_label.setWordWrap(True)
        self.group = QButtonGroup(self)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("审查人决定：")))
        self.buttons = {}
        for key, text in OUTCOME_ZH.items():
            button = QRadioButton(self.tr(text))
            self.group.addButton(button)
            self.buttons[key] = button
            row.addWidget(button)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("理由（与程序建议不同时必填）"))
        row.addWidget(self.reason, 1)
        self.save_button = QPushButton(self.tr("保存结论"))
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.save_button)
        self.corrections = QPlainTextEdit()
        self.corrections.setPlaceholderText(self.tr("要求补正或作出合理解释的事项，每行一项（瑕疵可补正时必填）"))
        self.corrections.setFixedHeight(52)
        self.saved_label = QLabel()
        self.hint = QLabel()
        self.hint.setStyleSheet("color: #c62828;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.proposal_label)
        layout.addLayout(row)
        layout.addWidget(self.corrections)
        status = QHBoxLayout()
        status.addWidget(self.saved_label, 1)
        status.addWidget(self.hint)
        layout.addLayout(status)
        self.set_item(None, None, [], "")

    def set_item(self, store, item: dict | None, results: list[dict], reviewer: str, overridden=(),
                 timezone: str | None = None) -> None:
        self.keep_draft()
        self.store, self.item, self.reviewer, self.timezone = store, item, reviewer, timezone
        self.hint.clear()
        self.setEnabled(item is not None)
        self.results = list(results or [])
        self.restorable = stored_restorable(store) if item is not None and results else set()
        self._propose()
        self.proposal_label.setText(self._proposal_text(set(overridden)))
        saved = review.load_outcome(store, item["id"]) if store is not None and item is not None else None
        self._show_saved(saved)
        self._restore_draft()

    def state(self) -> tuple:
        return self.chosen(), self.reason.text(), self.corrections.toPlainText()

    def keep_draft(self) -> None:
        """The choice, reason and corrections as typed, kept while they differ from what the box showed."""
        if self.item is None:
            return
        chosen, reason, corrections = self.state()
        typed = (chosen, reason, corrections) != self._shown
        self.drafts.put(f"outcome/{self.item['id']}", {"outcome": chosen, "reason": reason,
                                                         "corrections": corrections} if typed else None)

    def _restore_draft(self) -> None:
        draft = self.drafts.get(f"outcome/{self.item['id']}") if self.item is not None else None
        if not isinstance(draft, dict):
            return
        if draft.get("outcome") in self.buttons:
            self.choose(draft["outcome"])
        self.reason.setText(draft.get("reason") or "")
        self.corrections.setPlainText(draft.get("corrections") or "")
        self.hint.setText(self.tr("已恢复未保存的结论内容（尚未保存）"))

    def _propose(self) -> None:
        """The proposal with the reviewer's clause decisions applied (an overridden finding drives nothing), and
        the one the findings alone give, to say what the decisions changed (checks.item_proposal, as `check` and
        the memo propose)."""
        self.proposal = self.unjudged = self.judged = None
        if self.item is None or not self.results:
            return
        self.judged = item_proposal.propose_stored(self.store, self.item, self.results, restorable=self.restorable)
        self.proposal, self.unjudged = self.judged.proposal, self.judged.unjudged

    def set_overridden(self, names) -> None:
        """After a clause decision: the proposal again, from the decisions now stored; the corrections it asks
        replace those of the old one unless the reviewer edited them."""
        before = list(self.proposal.corrections) if self.proposal is not None else []
        self._propose()
        self.proposal_label.setText(self._proposal_text(set(names)))
        if (self.proposal is not None and self.corrections.toPlainText() == "\n".join(before)
                and review.load_outcome(self.store, self.item["id"]) is None):
            self.corrections.setPlainText("\n".join(self.proposal.corrections))
            self._shown = (self._shown[0], self._shown[1], self.corrections.toPlainText())

    def _proposal_text(self, overridden: set) -> str:
        if self.proposal is None:
            return self.tr("程序建议：（尚无自动检查结果）")
        text = self.tr("程序建议：<b>%1</b>").replace("%1", self.tr(PROPOSAL_ZH[self.proposal.proposal]))
        if self.proposal.basis:
            text += "　" + self.tr("依据：") + basis_text(self.proposal.basis)
        change = self.judged.change() if self.judged is not None else None
        if change:
            words = [self.tr(PROPOSAL_ZH[side["proposal"]]) + (f"（{basis_text(side['basis'])}）" if side["basis"]
                                                               else "") for side in (change["from"], change["to"])]
            text += "<br>" + self.tr("按审查人对%1的决定，由“%2”改为“%3”").replace(
                "%1", "、".join(dict.fromkeys(article_text(d["article"]) for d in change["decisions"]))).replace(
                "%2", words[0]).replace("%3", words[1])
        records = {r["check_name"]: r for r in self.results}
        reasons = [f"{article_text(r.get('article'))} {label('effect', r.get('effect'))}："
                   + html.escape(result_message(records.get(r.get("check")) or r))
                   + (self.tr("（涉及 %1 个文件）").replace("%1", str(len(r["files"]))) if r.get("files") else "")
                   + (self.tr("（审查人已推翻）") if r.get("decided") == "override" or r.get("check") in overridden
                      else self.tr("（审查人已判断）") if r.get("decided") else "")
                   for r in self.proposal.reasons]
        if self.proposal.route_44_2:
            reasons.append(self.proposal.route_44_2)
        return text + ("<br>" + "<br>".join("· " + r for r in reasons[:8]) if reasons else "")

    def _show_saved(self, saved: dict | None) -> None:
        self.group.setExclusive(False)
        for button in self.buttons.values():
            button.setChecked(False)
        self.group.setExclusive(True)
        self.reason.setText((saved or {}).get("reason") or "")
        lines = corrections_lines((saved or {}).get("corrections"))
        if saved is None and self.proposal is not None:
            lines = list(self.proposal.corrections)  # what the findings ask, for the reviewer to edit
        self.corrections.setPlainText("\n".join(lines))
        if saved:
            self.buttons[saved["outcome"]].setChecked(True)
        self._say_saved(saved)
        self._shown = self.state()

    def _say_saved(self, saved: dict | None) -> None:
        self.saved_at = (saved or {}).get("decided_at")  # what the reviewer saw: a save checks it is still so
        if saved:
            chosen = self.tr(OUTCOME_ZH[saved["outcome"]])
            self.saved_label.setText(self.tr("已保存：%1　%2　%3　%4").replace("%1", chosen)
                                     .replace("%2", basis_text(saved.get("basis") or "")).replace(
                                         "%3", saved.get("reviewer") or "").replace("%4", format_local(
                                             saved.get("decided_at"), self.timezone) or ""))
        else:
            self.saved_label.setText(self.tr("尚未决定本项结论"))

    def _changed_elsewhere(self) -> bool:
        """True when the store's outcome is not the one shown (another window or reviewer saved one meanwhile):
        it is shown, what was typed stays, and nothing is replaced unseen; saving again replaces it."""
        try:
            stored = review.load_outcome(self.store, self.item["id"])
        except (sqlite3.Error, OSError):
            return False  # the save says why the store cannot be used
        if (stored or {}).get("decided_at") == self.saved_at:
            return False
        self._say_saved(stored)
        self.hint.setText(self.tr("本项结论已在另一窗口或由另一审查人保存（见上），未予覆盖；核对后如仍要改，请再次保存"))
        return True

    def chosen(self) -> str | None:
        return next((key for key, button in self.buttons.items() if button.isChecked()), None)

    def choose(self, outcome: str) -> None:
        self.buttons[outcome].setChecked(True)

    def save(self) -> bool:
        outcome, reason = self.chosen(), self.reason.text().strip()
        corrections = [line.strip() for line in self.corrections.toPlainText().splitlines() if line.strip()]
        refusal = self._refusal(outcome, reason, corrections)
        if refusal:
            self.hint.setText(refusal)
            return False
        if self._changed_elsewhere():
            return False
        basis = recorded_basis(self.proposal, outcome)
        ok, record = written(self, self.store, review.set_outcome, self.store, self.item["id"], outcome, basis,
                             reason or None, corrections, self.reviewer)
        if not ok:  # the store refused it: said in a message box, the choice and the text stay as typed
            self.hint.setText(self.tr("未保存：审查库无法写入"))
            return False
        self.hint.clear()
        self.drafts.put(f"outcome/{self.item['id']}", None)
        self._show_saved(record)
        self.outcome_saved.emit(self.item["id"], record)
        return True

    def _refusal(self, outcome, reason, corrections) -> str:
        if self.item is None or self.store is None:
            return self.tr("没有打开的证据项")
        if outcome is None:
            return self.tr("请选择结论：可采、瑕疵可补正或排除")
        if self.proposal is not None and self.proposal.proposal not in (outcome, "pending") and not reason:
            return self.tr("结论与程序建议不同，须说明理由")
        if outcome == "correctable" and not corrections:
            return self.tr("瑕疵可补正须列明要求补正或解释的事项")
        return ""
