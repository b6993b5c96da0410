"""An item's proposed outcome as the reviewer's clause decisions leave it, from the review store: the one function
the window's outcome box, the memo and `check` call, so the three never propose different outcomes."""

import json
from dataclasses import dataclass

from checks.base import CheckResult
from checks.outcome import ProposedOutcome, propose_outcome


@dataclass(frozen=True)
class ItemProposal:
    """proposal: with the reviewer's clause decisions applied; unjudged: from the findings alone;
    decisions: the stored decision records (check name -> record) of the clauses that weigh in it."""

    proposal: ProposedOutcome
    unjudged: ProposedOutcome
    decisions: dict

    @property
    def changed(self) -> bool:
        """True when the reviewer's decisions moved the proposal or its basis."""
        return (self.proposal.proposal, self.proposal.basis) != (self.unjudged.proposal, self.unjudged.basis)

    def deciding(self) -> list[dict]:
        """The decision records of the clauses whose findings no longer drive the proposal, in reason order."""
        names = dict.fromkeys(r["check"] for r in self.proposal.reasons if r.get("decided"))
        return [self.decisions[n] for n in names if n in self.decisions]

    def change(self) -> dict | None:
        """What the decisions changed ({from, to, decisions}) or None: the same words everywhere it is said."""
        if not self.changed:
            return None
        articles = {r["check"]: r.get("article") for r in self.proposal.reasons}
        return {"from": {"proposal": self.unjudged.proposal, "basis": list(self.unjudged.basis)},
                "to": {"proposal": self.proposal.proposal, "basis": list(self.proposal.basis)},
                "decisions": [{"check": d["check_name"], "article": articles.get(d["check_name"]),
                               "decision": d["decision"], "reason": d.get("reason"), "note": d.get("note"),
                               "reviewer": d.get("reviewer"), "decided_at": d.get("decided_at")}
                              for d in self.deciding()]}


def result_pairs(records) -> dict:
    """check name -> CheckResult from stored check-result records (facts parsed, or still JSON text)."""
    pairs = {}
    for r in records:
        facts = r.get("facts")
        if facts is None and r.get("facts_json"):
            try:
                facts = json.loads(r["facts_json"])
            except ValueError:
                facts = {}
        params = r.get("params")
        if params is None and r.get("params_json"):
            try:
                params = json.loads(r["params_json"])
            except ValueError:
                params = {}
        pairs[r["check_name"]] = CheckResult(status=r["status"], facts=facts or {}, message=r.get("message") or "",
                                             message_key=r.get("message_key") or "", params=params or {})
    return pairs


def stored_decisions(store, item_id) -> dict:
    """check name -> the reviewer's decision record on the item's clauses."""
    from models.store import review

    if store is None or item_id is None:
        return {}
    return {d["check_name"]: d for d in review.load_decisions(store, item_id)}


def stored_restorable(store) -> set:
    """checks.outcome.restorable_paths of the store's current verification (none once the bundle changed since),
    in one query: never every verification record held (1M files)."""
    from checks.runner import StoredVerifications, verification_current

    if store is None or not verification_current(store):
        return set()
    return StoredVerifications(store).restorable()


def with_stored_files(store, records, item_id=None) -> list:
    """The records with each finding's long file list read from the store's side table as the proposal goes through
    it (models.store.finding_files); a record whose facts hold the whole list (a store from before) as it is."""
    from models.store import finding_files

    if store is None:
        return list(records or [])
    return [dict(r, facts=finding_files.attach(store.db.conn, r.get("item", item_id), r["check_name"], r["facts"]))
            if isinstance(r.get("facts"), dict) else r for r in records or []]


def propose_item(item: dict, records, verifications=None, decisions=None, restorable=None) -> ItemProposal:
    """The proposal with and without the decisions (check name -> decision record or decision word);
    restorable: the restorable paths already found (else found from verifications)."""
    records = list(records or [])
    decisions = {n: d if isinstance(d, dict) else {"check_name": n, "decision": d}
                 for n, d in (decisions or {}).items()}
    pairs = result_pairs(records)
    words = {n: d["decision"] for n, d in decisions.items()}
    unjudged = propose_outcome(item or {}, pairs, verifications, restorable=restorable)
    proposal = propose_outcome(item or {}, pairs, verifications, words, restorable) if words else unjudged
    return ItemProposal(proposal, unjudged, decisions)


def propose_stored(store, item: dict, records=None, verifications=None, restorable=None) -> ItemProposal:
    """The item's proposal from what the store holds: its check results (or these records), the reviewer's
    decisions and the current verification (or these verification records, or the restorable paths)."""
    from models.store import review

    if records is None:
        records = review.load_check_results(store, item.get("id"))
    records = with_stored_files(store, records, item.get("id"))
    if verifications is None and restorable is None:
        restorable = stored_restorable(store)
    return propose_item(item, records, verifications, stored_decisions(store, item.get("id")), restorable)
