"""Propose an item's outcome from its check results, as Art. 43 and 44 read; the reviewer decides.

Art. 43: defects of the 收集、提取程序 are usable once corrected or reasonably explained (correctable).
Art. 44(1): tampered, forged, authenticity undeterminable: excluded. Art. 44(2): data added, deleted or
changed is usable only where 司法鉴定、当事人确认 establish that the important data did not change, or the
original state can be restored and the change explained; otherwise excluded (the drafters: 客观分析、区别对待，
不宜一概排除, so the files are named). Appraisal opinions: Art. 98 of the 2021 interpretation
(resources/law/interpretation_2021.json). Each result carries an effect (resources/checks/effects.json, or
facts["effect"]) and the files it concerns (facts["files"]); the proposal is derived from them."""

import json
from dataclasses import dataclass
from functools import lru_cache

from models.store.finding_files import PathSequence, union

EFFECTS = ("none", "43.1", "43.2", "43.3", "43.4", "44.1", "44.2", "interp98.1", "interp98.2", "interp98.4",
           "interp98.7", "review", "unverified", "alert")
CONFIRMERS = ("appraisal", "party")
ROUTE_44_2 = ("经司法鉴定、当事人确认等方式确定与案件相关的重要数据未发生变化，或者能够还原电子数据原始状态、"
              "查清变化过程的，可以作为定案的根据（第四十四条第二款）")
# anomalies that say the data may have changed after it was secured; the others (a copy's creation time, an
# unknown zone, a camera clock) are common in honest copies and are shown in the clause, not weighed here
TELLING_ANOMALIES = ("modified_after_seizure", "future_of_preparation")
_CHANGE_LISTS = ("files", "problems", "changed", "added", "deleted", "modified", "comparisons", "differences",
                 "unexplained")
_FINE = ("match", "pass", "no_counterpart")  # rows of a finding's lists that are not themselves a problem


@dataclass(frozen=True)
class ProposedOutcome:
    proposal: str  # admissible | correctable | excluded | pending
    basis: tuple = ()  # ("44.2",), ("43.2", "43.4"), ("interp98.7",)...
    reasons: tuple = ()  # dicts: check, article, status, effect, message, files (+ route for 44.2)
    corrections: tuple = ()  # sentences: what the investigating organ is asked to correct or explain
    files: tuple = ()  # the files the proposal rests on (empty: the item as a whole)
    route_44_2: str | None = None  # the Art. 44(2) route still open where data changed, else None

    @property
    def outcome(self) -> str:
        """The old name of `proposal` (callers written before the four proposals)."""
        return self.proposal

    def to_dict(self) -> dict:
        return {"proposal": self.proposal, "basis": list(self.basis), "reasons": [dict(r) for r in self.reasons],
                "corrections": list(self.corrections), "files": _listed(self.files), "route_44_2": self.route_44_2}


@lru_cache(maxsize=1)
def effects_table() -> dict:
    from models.common.resources import resource_path

    return json.loads(resource_path("checks", "effects.json").read_text(encoding="utf-8"))


def default_effect(name: str, status: str) -> tuple[str, str | None]:
    """(effect, correction) the table gives this check's status."""
    table = effects_table()
    row = table.get(name) or {}
    if status in ("pass", "not_applicable"):
        return "none", None
    if status in ("not_verified", "error"):  # facts still to gather, whatever the check
        effect, correction = table["_default"][status]
        return effect, correction
    effect, correction = row.get(status) or row.get("*") or table["_default"].get(status) or ("none", None)
    return effect, correction


def _pairs(results):
    if isinstance(results, dict):
        return [(name, r) for name, r in results.items()]
    return [(getattr(c, "NAME", c), r) for c, r in results]


def _listed(files):
    return files if isinstance(files, PathSequence) else list(files)


def _kept(files):
    """A list of files as a tuple; one read from the side table as it is (a million paths: never copied)."""
    return files if isinstance(files, PathSequence) else tuple(files)


def _paths(rows) -> list[str]:
    if isinstance(rows, PathSequence):  # distinct paths in order, as written: taken as they are
        return rows
    out = {}  # a dict keeps the first order and finds a repeat at once: a finding may list a million files
    for row in rows or []:
        if isinstance(row, dict) and row.get("status") in _FINE:
            continue
        path = row if isinstance(row, str) else (row.get("path") if isinstance(row, dict) else None)
        if path:
            out.setdefault(path)
    return list(out)


def result_files(facts: dict) -> list[str]:
    """facts["files"] (the convention), else the paths a change finding lists."""
    if isinstance(facts.get("files"), (list, PathSequence)):
        return _paths(facts["files"])
    return _union(_paths(facts[key]) for key in _CHANGE_LISTS[1:] if isinstance(facts.get(key), list))


def _special(name: str, result, effect: str, facts: dict, by_name: dict) -> str:
    """Where one status of a check holds findings of different weight, the facts decide (thought from the text)."""
    if name == "a30_3_reproducible" and facts.get("problems"):
        return "none"  # a digest that differs is weighed once, as a change (31.2, 30.4), not again as a process
    if name == "a30_4_changes_explained" and result.status == "pass" and any(
            facts.get(key) for key in ("added", "deleted", "modified")):
        return "44.2"  # explained changes are still changes: only a 44.2 route makes them usable
    if name == "a34_2_sealing" and result.status == "fail" and facts.get("sealed") is False:
        return "43.1"  # neither sealed nor digested: 未以封存状态移送
    if name == "a41_1_appraiser_qualified" and result.status == "fail":
        if facts.get("within_scope") is False:
            return "interp98.1"  # 鉴定事项超出该鉴定机构业务范围
        if facts.get("recusal_checked") is False:
            return "review"  # not checked is not 违反回避规定: the reviewer must find out
        return "43.4"  # a licence number not written down: supply it
    if name == "a41_4_opinion_complete" and result.status == "fail":
        missing = facts.get("missing") or []
        text = result.message or ""
        return "interp98.7" if "signatures" in missing or "signatures" in text or "签名" in text else "43.4"
    if name == "a30_4_changes_explained" and result.status == "needs_review" and "anomalies" in facts:
        telling = [a for a in facts["anomalies"] or [] if isinstance(a, dict) and a.get("kind") in TELLING_ANOMALIES]
        return "review" if telling else "none"
    if name == "a31_4_operation_log" and result.status == "fail":
        frozen = by_name.get("a38_4_freeze_unchanged")
        if frozen is not None and frozen.status == "pass":
            return "43.4"  # an operation was logged, yet the digests taken at freezing still match: explain it
    if name == "a45_undisplayable" and result.status == "needs_review" and not facts.get("unexplained"):
        return "none"  # Art. 45's explanation is there; its adequacy is the clause's question
    return effect


def _route(item: dict, path: str, facts: dict, restorable: set) -> str | None:
    """'appraisal' / 'party' / 'restored' where Art. 44(2) is established for this file, else None."""
    from models.bundle.coverage import change_for

    change = change_for(item, path or "") or {}
    for row in facts.get("problems") or []:
        if isinstance(row, dict) and row.get("path") == path and row.get("confirmed_by") in CONFIRMERS:
            return row["confirmed_by"]
    if change.get("confirmed_by") in CONFIRMERS:
        return change["confirmed_by"]
    if path in restorable and (change.get("explanation") or change.get("description")):
        return "restored"  # the original bytes are in the bundle and the change is explained
    return None


def restorable_paths(verifications) -> set:
    """Paths whose recorded digest is matched by another file of the bundle: the original state can be restored."""
    rows = [dict(r) for r in verifications or []]
    computed = {}
    for row in rows:
        if row.get("status") == "match" and row.get("computed"):
            computed.setdefault(row["computed"], set()).add(row.get("path"))
    out = set()
    for row in rows:
        if row.get("status") in ("mismatch", "missing") and row.get("recorded"):
            if computed.get(row["recorded"], set()) - {row.get("path")}:
                out.add(row.get("path"))
    return out


def _reason(name, result, effect, files, corrections) -> dict:
    from checks.wording import wording

    return {"check": name, "article": wording(name).get("article"), "status": result.status, "effect": effect,
            "message": result.message, "files": files, "corrections": corrections}


def reasons_for(item: dict, results, verifications=None, decisions=None, restorable: set | None = None) -> list[dict]:
    """One reason per result whose effect is not "none", with its files and, for changed data, its route
    (restorable: restorable_paths already found for the whole bundle, else found from verifications)."""
    pairs = _pairs(results)
    by_name = {name: r for name, r in pairs}
    restorable = restorable_paths(verifications) if restorable is None else restorable
    decided = dict(decisions or {})
    out = []
    for name, result in pairs:
        facts = result.facts or {}
        effect, correction = default_effect(name, result.status)
        effect = facts.get("effect") or _special(name, result, effect, facts, by_name)
        if effect not in EFFECTS or effect == "none":
            continue
        corrections = list(facts.get("corrections") or ([correction] if correction and effect.startswith("43")
                                                        else []))
        files = result_files(facts)
        if effect == "review" and facts.get("anomalies"):
            files = _union([files, _paths(a for a in facts["anomalies"] if isinstance(a, dict)
                                          and a.get("kind") in TELLING_ANOMALIES)])
        reason = _reason(name, result, effect, files, corrections)
        if effect == "44.2":
            routes = {p: _route(item, p, facts, restorable) for p in reason["files"]}
            reason["routes"] = routes
            reason["open_files"] = [p for p, r in routes.items() if r is None]
            reason["established"] = bool(routes) and not reason["open_files"]
        decision = decided.get(name)
        if decision == "override" or (decision and effect == "review"):
            reason["decided"] = decision  # the reviewer overrode the finding, or judged what was to be judged
        out.append(reason)
        telling = _paths(a for a in facts.get("anomalies") or [] if isinstance(a, dict)
                         and a.get("kind") in TELLING_ANOMALIES)
        if effect != "review" and telling:  # a finding that also carries such anomalies: they are not lost
            out.append(dict(_reason(name, result, "review", telling, []), decided=reason.get("decided")))
    return out


def _sorted(codes) -> list[str]:
    return sorted(set(codes), key=lambda c: (not c.startswith("4"), c))


def _union(lists) -> list[str]:
    lists = [files for files in lists if files]
    aside = union(lists)  # a finding's side-table list among them: read from the store, never copied
    if aside is not None:
        return aside
    out = {}
    for files in lists:
        out.update(dict.fromkeys(files))
    return list(out)


def propose_outcome(item: dict, results, verifications=None, decisions=None,
                    restorable: set | None = None) -> ProposedOutcome:
    """excluded (44.1, unestablished 44.2, Art. 98) > pending (not verified, the reviewer to judge) >
    correctable (43) > admissible (44.2 noted where a change was established by its route)."""
    reasons = reasons_for(item or {}, results, verifications, decisions, restorable)
    live = [r for r in reasons if not r.get("decided")]
    open_changes = [r for r in live if r["effect"] == "44.2" and not r["established"]]
    excluding = [r for r in live if r["effect"] == "44.1" or r["effect"].startswith("interp98")] + open_changes
    defects = [r for r in live if r["effect"].startswith("43")]
    corrections = _union(r["corrections"] for r in defects)
    if excluding:
        files = _union((r.get("open_files") if r["effect"] == "44.2" else r["files"]) for r in excluding)
        return ProposedOutcome("excluded", tuple(_sorted(r["effect"] for r in excluding)), tuple(reasons),
                               tuple(corrections), _kept(files), ROUTE_44_2 if open_changes else None)
    waiting = [r for r in live if r["effect"] in ("review", "unverified")]
    if waiting:
        return ProposedOutcome("pending", tuple(_sorted(r["effect"] for r in defects)), tuple(reasons),
                               tuple(corrections), _kept(_union(r["files"] for r in waiting + defects)))
    if defects:
        return ProposedOutcome("correctable", tuple(_sorted(r["effect"] for r in defects)), tuple(reasons),
                               tuple(corrections), _kept(_union(r["files"] for r in defects)))
    confirmed = [r for r in live if r["effect"] == "44.2"]
    return ProposedOutcome("admissible", ("44.2",) if confirmed else (), tuple(reasons), (),
                           _kept(_union(r["files"] for r in confirmed)))


def recorded_basis(proposal: ProposedOutcome | None, chosen: str) -> list[str]:
    """The basis recorded with the reviewer's outcome. An uncured Art. 43 defect excluded stays under 43
    (不能补正或者作出合理解释的); admitting against an exclusion rests on Art. 44(2)."""
    basis = list(proposal.basis) if proposal is not None else []
    article_43 = [b for b in basis if b.startswith("43")]
    if proposal is not None and chosen == proposal.proposal and chosen != "pending":
        return basis
    if chosen == "excluded":
        return article_43 or ["44.1"]
    if chosen == "admissible":
        if proposal is not None and proposal.proposal == "excluded":
            return ["44.2"]
        return article_43  # admitted once the defects were corrected or explained
    if chosen == "correctable":
        return article_43 or ["43.4"]
    return basis
