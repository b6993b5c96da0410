"""The memo's content gathered from the review store into one plain JSON-able dict (also embedded in the PDF).

Shape (version 2; every key is always present, lists may be empty, absent values are None):
  format "evidencedesk-memo/2", generated_at (UTC ISO), timezone (IANA), document_number,
  reviewer {name, title, unit, training},
  case {case_number, title, charge, unit, investigating_agency, prepared_by, prepared_at},
  bundle {root, manifest_digest, adhoc, manifest_signature},
  inventory {items, files, bytes, forms {"27.7": n, ...}, unclassified},
  verification {rows [...], counts {status: n}, algorithms {name: n}, verified_at, program_version,
    current (False when the bundle changed since that verification)},
  review {clauses, decided, undecided, outcomes, undecided_items, has_decisions},
  items [{id, title, kind, kind_zh, source, media [[label, value]], documents [[label, number]], parties,
    files, bytes, clauses [...], not_applicable (count), outcome (the reviewer's record),
    verification {current, digests, files, counts {status: n}, algorithms {name: n}, verified_at, program_version}
      (the item's share of the verification its proposal rests on; current False: none for the bundle as it is now),
    proposal {proposal, basis [..], reasons [..], corrections [..], files [..], route_44_2,
      changed_by_decisions {from, to, decisions [..]} or None: as `check --json` says it},
    conclusion {outcome admissible|correctable|excluded|pending, decided, basis, reason, corrections,
      route_44_2, files, reviewer, decided_at}, relevant {heading: [{path, note}]}}],
  relevant {heading: [{item, path, note}]}, art16 [{item, title, decided, tasks [{text, basis, files}]}],
  art47 [{item, title, decided, source, facts, corroboration, presentation, technical}], audit.
A clause or item the reviewer has not decided keeps the program's result with decided False.
"""

from __future__ import annotations

import datetime as dt
import json

from models.bundle.names import from_os
from models.common.labels import label
from models.memo import memo_digests
from models.memo.memo_outline import art16, art47, conclusion
from models.memo.memo_values import media_fields
from models.store import finding_files
from models.store.verified_state import verification_current

KINDS_ZH = {
    "seized_media": "扣押、封存原始存储介质", "media_image": "制作数据镜像",
    "onsite_extraction": "现场提取", "online_extraction": "在线提取", "frozen": "冻结",
    "obtained": "调取", "inspection": "检查、侦查实验", "appraisal": "检验、鉴定",
}
HEADINGS = ("subject_identity", "objective_act", "subjective_intent", "circumstances")
DOCUMENT_NUMBER_KEY = "memo.document_number"
# Art. 34-41 sub-clauses by which review they serve (ARTICLES.md); everything else by its article.
_GROUP_BY_CLAUSE = {
    "30.5": "integrity", "34.2": "integrity", "34.3": "legality", "35.2": "legality",
    "35.3": "integrity", "35.4": "legality", "36.2": "legality", "36.3": "integrity",
    "36.4": "legality", "37.1": "legality", "37.2": "legality", "37.3": "integrity",
    "37.4": "legality", "38.2": "relevance", "38.4": "integrity", "39.4": "integrity",
    "41.2": "authenticity", "41.5": "authenticity",
}
_GROUP_BY_ARTICLE = {
    "30": "authenticity", "31": "integrity", "32": "legality", "33": "relevance", "34": "authenticity",
    "35": "authenticity", "36": "authenticity", "37": "authenticity", "38": "legality",
    "39": "legality", "40": "legality", "41": "legality", "42": "legality", "45": "authenticity",
}


def clause_group(article: str | None) -> str:
    """Which of the four reviews (真实性/完整性/合法性/关联性) a clause belongs to."""
    article = str(article or "")
    if article in _GROUP_BY_CLAUSE:
        return _GROUP_BY_CLAUSE[article]
    return _GROUP_BY_ARTICLE.get(article.split(".")[0], "authenticity")


def remember_document_number(store, number: str | None, reviewer: str = "") -> str | None:
    """The memo's document number, given now (then kept in the case's store, audited) or as given last time."""
    if number is not None and number.strip():
        from models.store.guards import settings_audit

        settings_audit.keep(store, DOCUMENT_NUMBER_KEY, number.strip(), reviewer)
        return number.strip()
    return store.meta(DOCUMENT_NUMBER_KEY)


def reviewer_profile(identity, name=None, title=None, unit=None) -> dict:
    """Name, title and unit: the options given, else the identity's subject (CN, title, O other than ours)."""
    from cryptography.x509.oid import NameOID

    def subject(oid):
        cert = getattr(identity, "cert", None)
        attrs = cert.subject.get_attributes_for_oid(oid) if cert is not None else []
        values = [a.value for a in attrs if "EvidenceDesk" not in a.value]
        return values[0] if values else None

    return {"name": name or getattr(identity, "name", None), "title": title or subject(NameOID.TITLE),
            "unit": unit or subject(NameOID.ORGANIZATION_NAME)}


def _rows(store, sql: str, params=()) -> list[dict]:
    cursor = store.db.execute(sql, list(params))
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def _inventory(store, items) -> dict:
    """Counts and bytes by SQL: a million files are never held as rows. TOTAL, not SUM: files inside a damaged
    image may claim 2^63 bytes each, and SUM's integer overflow stopped the memo."""
    db = store.db
    where = "WHERE f.kind = 'file' AND f.role IS NULL"
    files, inner, own_bytes, inner_bytes = db.execute(
        f"SELECT COUNT(*), COUNT(f.address), CAST(TOTAL(CASE WHEN f.address IS NULL THEN f.size END) AS INTEGER), "
        f"CAST(TOTAL(CASE WHEN f.address IS NOT NULL THEN f.size END) AS INTEGER) FROM files f {where}").fetchone()
    forms: dict[str, int] = {}
    unclassified = 0
    for category, n in db.execute(
            "SELECT COALESCE(o.category, f.category) AS c, COUNT(*) FROM files f "
            f"LEFT JOIN category_overrides o ON o.path = f.path {where} GROUP BY c"):
        if category:
            forms[category] = n
        else:
            unclassified += n
    return {"items": len(items), "files": files, "image_files": inner,
            "read_files": files - inner or files,
            # an image's bytes once: its files lie inside the image file already counted (listed inside a disk
            # image: a TSK address); an image opened on its own has only inner files
            "bytes": own_bytes if files > inner else inner_bytes,
            "forms": dict(sorted(forms.items())), "unclassified": unclassified}


def _verification(store, current: bool) -> dict:
    """The verification's counts, and the rows the annex prints (memo_digests: all, or those not matching)."""
    found = memo_digests.summary(store)
    rows, printed = memo_digests.printed_rows(store, found["files"], found["files_not_matching"])
    return dict(found, rows=rows, printed=printed, current=bool(current and found["files"]))


def _item_verification(counted: dict, item_id: str, current: bool) -> dict:
    """The item's digests in the store's verification: counts by status and algorithm, when and by which version.
    Not current (the bundle changed since, or never verified): nothing counted, the proposal rests on none."""
    empty = {"digests": 0, "files": 0, "counts": {}, "algorithms": {}, "verified_at": None, "program_version": None}
    found = counted.get(item_id, empty) if current else empty
    return dict(found, current=bool(current and counted))


def _clauses(results: list[dict], decisions: dict) -> list[dict]:
    out = []
    for r in sorted(results, key=lambda r: (_article_key(r["article"]), r["check_name"])):
        d = decisions.get((r["item"], r["check_name"]), {})
        out.append({
            "check": r["check_name"], "article": r["article"], "group": clause_group(r["article"]),
            "auto_status": r["status"], "auto_message": r["message"],
            "facts": r["facts"] if "facts" in r else _json_or_none(r["facts_json"]), "decided": bool(d),
            "decision": d.get("decision"), "reason": d.get("reason"), "note": d.get("note"),
            "answer": d.get("answer"), "reviewer": d.get("reviewer"), "decided_at": d.get("decided_at"),
        })
    return out


def _article_key(article) -> tuple:
    return tuple(int(p) if p.isdigit() else 0 for p in str(article or "0").split("."))


def _json_or_none(text):
    try:
        return json.loads(text) if text else None
    except (ValueError, RecursionError):  # RecursionError: nested past ~1000, not JSON this program wrote
        return text


def _outcome(record: dict | None) -> dict:
    record = record or {}
    text = record.get("corrections")
    parsed = _json_or_none(text)
    if isinstance(parsed, list):  # as the window writes them: a JSON list of lines
        parsed = [str(line) for line in parsed]
    elif text:  # the reviewer's text, whatever JSON it may look like ("5", "null", '"a"')
        parsed = [line.strip() for line in str(text).splitlines() if line.strip()]
    return {"outcome": record.get("outcome"), "decided": bool(record), "basis": record.get("basis"),
            "reason": record.get("reason"), "corrections": list(parsed or []),
            "reviewer": record.get("reviewer"), "decided_at": record.get("decided_at")}


def _basis_list(basis) -> list[str]:
    if isinstance(basis, str):
        return [b.strip() for b in basis.replace("；", ";").split(";") if b.strip()]
    return [str(b) for b in basis or []]


def _proposal(item: dict, results: list[dict], propose, decisions: dict | None = None, store=None) -> dict:
    """The program's proposal in the judge's shape (proposal, basis list, reasons, corrections, files,
    route_44_2), read from either checks.outcome.ProposedOutcome: the new one, or the old (outcome
    "defect", basis "43.2;43.3", no corrections) mapped onto it. No propose: pending, nothing said."""
    empty = {"proposal": "pending", "basis": [], "reasons": [], "corrections": [], "files": [], "route_44_2": None,
             "changed_by_decisions": None}
    if propose is None or not results:
        return empty
    # an overridden clause drives nothing: the reviewer's decisions go in with the results, and the store for the
    # verification the window's proposal rests on too
    p = propose(item, results, decisions or None, store=store)
    change = None
    if hasattr(p, "unjudged"):  # checks.item_proposal.ItemProposal: the proposal and what the decisions changed
        change, p = p.change(), p.proposal
    proposal = getattr(p, "proposal", None) or {"defect": "correctable"}.get(p.outcome, p.outcome)
    reasons = [dict(r) for r in getattr(p, "reasons", ()) or ()]
    files = list(getattr(p, "files", None) or [])
    if not files:  # the reasons' files in their order, each once (a dict: a finding may name 1M files)
        files = list(dict.fromkeys(f for r in reasons for f in r.get("files") or []))
    return {"proposal": proposal, "basis": _basis_list(p.basis), "reasons": reasons,
            "corrections": list(getattr(p, "corrections", None) or []), "files": files,
            "route_44_2": getattr(p, "route_44_2", None), "changed_by_decisions": change}


def _tags(store) -> list[dict]:
    return _rows(store, "SELECT t.path, t.heading, t.note, f.item, COALESCE(f.deleted, 0) AS deleted FROM tags t "
                        "LEFT JOIN files f ON f.path = t.path ORDER BY t.heading, t.path")


def _documents(manifest: dict) -> list[list[str]]:
    return [[label("document", d.get("kind"), "zh"), d.get("number") or ""]
            for d in manifest.get("documents") or []]


def _parties(bundle, manifest: dict) -> list[str]:
    names = []
    for pid in manifest.get("related_parties") or []:
        party = bundle.party(pid) or {}
        role = label("party_role", party.get("role"), "zh")
        names.append(f"{party.get('name', pid)}（{role}）" if role else party.get("name", pid))
    return names


def _item_entry(item, store, bundle, results, decisions, outcome, tags, propose, verified) -> dict:
    sizes = store.db.execute(  # an image's bytes once: its inner files lie inside the image file counted
        "SELECT COUNT(*), CAST(CASE WHEN COUNT(CASE WHEN address IS NULL THEN size END) THEN "
        "TOTAL(CASE WHEN address IS NULL THEN size END) ELSE TOTAL(size) END AS INTEGER), "
        "COALESCE(SUM(deleted), 0), COUNT(address) FROM files "
        "WHERE item = ? AND kind = 'file' AND role IS NULL", [item["id"]]).fetchone()
    relevant = {h: [{"path": t["path"], "note": t["note"], "deleted": bool(t["deleted"])} for t in tags
                    if t["heading"] == h and t["item"] == item["id"]] for h in HEADINGS}
    clauses = _clauses(results, decisions)
    entry = {
        "id": item["id"], "title": item.get("title"), "kind": item.get("kind"),
        "kind_zh": KINDS_ZH.get(item.get("kind"), item.get("kind")),
        "source": item.get("source", "criminal"), "media": media_fields(item.get("media"), bundle),
        "documents": _documents(item), "parties": _parties(bundle, item),
        "files": sizes[0], "bytes": sizes[1], "deleted_files": sizes[2],  # deleted: recovered from an image
        "image_files": sizes[3],
        "clauses": [c for c in clauses if c["auto_status"] != "not_applicable" or c["decided"]],
        "not_applicable": sum(1 for c in clauses if c["auto_status"] == "not_applicable" and not c["decided"]),
        "outcome": _outcome(outcome), "relevant": relevant, "verification": verified(item["id"]),
        "proposal": _proposal(item, results, propose, {name: d for (it, name), d in decisions.items()
                                                       if it == item["id"]}, store),
    }
    entry["conclusion"] = conclusion(entry)
    return entry


def _audit(store) -> dict:
    row = store.db.execute("SELECT COUNT(*), (SELECT digest FROM audit ORDER BY seq DESC LIMIT 1) "
                           "FROM audit").fetchone()
    return {"entries": row[0], "head_digest": row[1] or ""}


def build_memo_data(bundle, store, reviewer, training: bool, now=None, propose=None,
                    document_number: str | None = None) -> dict:
    """Everything the memo says, from the bundle's manifest and the review store.

    reviewer: a name or {name, title, unit}; propose(item, check-result records, decisions, store=store) gives the
    program's proposal (checks.memo_examine.propose, as the window and `check` propose), None leaves undecided
    items pending."""
    now = now or dt.datetime.now(dt.timezone.utc)
    profile = dict(reviewer) if isinstance(reviewer, dict) else {"name": reviewer}
    results = _rows(store, "SELECT * FROM check_results")
    for r in results:  # parsed once: the clause and the proposal share one list of a check's million files
        facts = _json_or_none(r["facts_json"])
        if isinstance(facts, dict):  # a long list read back whole from the side table: the memo names every file
            r["facts"] = finding_files.whole(finding_files.attach(store.db.conn, r["item"], r["check_name"], facts))
    decisions = {(d["item"], d["check_name"]): d for d in _rows(store, "SELECT * FROM decisions")}
    outcomes = {o["item"]: o for o in _rows(store, "SELECT * FROM outcomes")}
    tags = _tags(store)
    current = verification_current(store)
    counted = memo_digests.per_item(store)

    def verified(item_id):
        return _item_verification(counted, item_id, current)

    items = [_item_entry(it, store, bundle, [r for r in results if r["item"] == it["id"]], decisions,
                         outcomes.get(it["id"]), tags, propose, verified) for it in bundle.items]
    case = bundle.case or {}
    sig = [r["status"] for r in results if r["article"] == "30.2"]
    clauses = sum(len(it["clauses"]) for it in items)
    decided = sum(c["decided"] for it in items for c in it["clauses"])
    return {
        "format": "evidencedesk-memo/2",
        "generated_at": now.astimezone(dt.timezone.utc).isoformat().replace("+00:00", "Z"),
        "timezone": bundle.timezone, "document_number": document_number,
        "reviewer": {"name": profile.get("name"), "title": profile.get("title"),
                     "unit": profile.get("unit") or case.get("unit"), "training": bool(training)},
        "case": {k: case.get(k) for k in ("case_number", "title", "charge", "unit",
                                           "investigating_agency", "prepared_by", "prepared_at")},
        "bundle": {"root": from_os(str(bundle.root)), "manifest_digest": bundle.digest, "adhoc": bundle.adhoc,
                   "manifest_signature": sig[0] if sig else None},
        "inventory": _inventory(store, bundle.items),
        "verification": _verification(store, current),
        "review": {"clauses": clauses, "decided": decided, "undecided": clauses - decided,
                   "outcomes": sum(it["outcome"]["decided"] for it in items),
                   "undecided_items": sum(not it["outcome"]["decided"] for it in items),
                   "has_decisions": bool(decisions or outcomes)},
        "items": items,
        "relevant": {h: [{"item": t["item"], "path": t["path"], "note": t["note"], "deleted": bool(t["deleted"])}
                         for t in tags if t["heading"] == h] for h in HEADINGS},
        "art16": art16(items), "art47": art47(items, bundle), "audit": _audit(store),
    }
