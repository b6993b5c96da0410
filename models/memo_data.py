"""The memo's content gathered from the review store into one plain JSON-able dict (also embedded in the PDF).

Shape (version 1; every key is always present, lists may be empty, absent values are None):
  format "evidencedesk-memo/1", generated_at (UTC ISO), timezone (IANA), reviewer {name, training},
  case {case_number, title, charge, unit, investigating_agency, prepared_by, prepared_at},
  bundle {root, manifest_digest, adhoc, manifest_signature (check status of the 30.2 bundle signature
    check or None)},
  inventory {items, files, bytes, forms {"27.7": n, ...}, unclassified},
  verification {rows [{item, path, algorithm, recorded, computed, status, explanation}],
    counts {status: n}, verified_at, program_version},
  review {clauses, decided, undecided, outcomes, has_decisions},
  items [{id, title, kind, kind_zh, source, media (one-line description or None), files, bytes,
    clauses [{check, article, group (authenticity|integrity|legality|relevance), auto_status,
      auto_message, facts, decided (bool), decision (confirm|override|answer|None), reason, note,
      answer, reviewer, decided_at}],
    outcome {outcome (admissible|defect|excluded|None), decided, basis, reason, corrections [str],
      reviewer, decided_at},
    relevant {heading: [{path, note}]}}],
  relevant {heading: [{item, path, note}]} for the four Art. 17-20 headings,
  art16 [{item, article, check, text, decided}]: what the investigators must supply or correct,
  art47 [{item, title, source, facts [{heading, path, note}], corroboration [str]}] for admitted items,
  audit {entries, head_digest}.
An item whose reviewer has not decided a clause keeps the automatic result with decided False.
"""

from __future__ import annotations

import datetime as dt
import json

from models.names import from_os

KINDS_ZH = {
    "seized_media": "扣押、封存原始存储介质", "media_image": "制作数据镜像",
    "onsite_extraction": "现场提取", "online_extraction": "在线提取", "frozen": "冻结",
    "obtained": "调取", "inspection": "检查、侦查实验", "appraisal": "检验、鉴定",
}
HEADINGS = ("subject_identity", "objective_act", "subjective_intent", "circumstances")
OPEN_STATUSES = ("fail", "needs_review", "not_recorded", "warn", "error")
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


def _rows(store, sql: str, params=()) -> list[dict]:
    cursor = store.db.execute(sql, list(params))
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def _media_text(media: dict | None) -> str | None:
    if not media:
        return None
    keys = ("brand", "model", "capacity_bytes", "serial", "identifier", "user_mark", "location",
            "user", "custodian")
    parts = [f"{k}={media[k]}" for k in keys if media.get(k) not in (None, "")]
    if media.get("original_transferred") is False:
        parts.append(f"not_transferred_reason={media.get('not_transferred_reason') or ''}")
    return "; ".join(parts) or None


def _inventory(store, items) -> dict:
    files = _rows(store, "SELECT f.path, f.size, COALESCE(o.category, f.category) AS category "
                         "FROM files f LEFT JOIN category_overrides o ON o.path = f.path "
                         "WHERE f.kind = 'file'")
    forms: dict[str, int] = {}
    for f in files:
        if f["category"]:
            forms[f["category"]] = forms.get(f["category"], 0) + 1
    return {"items": len(items), "files": len(files), "bytes": sum(f["size"] or 0 for f in files),
            "forms": dict(sorted(forms.items())),
            "unclassified": sum(1 for f in files if not f["category"])}


def _verification(store) -> dict:
    rows = _rows(store, "SELECT item, path, algorithm, recorded, computed, status, explanation, "
                        "verified_at, program_version FROM verification ORDER BY item, path, algorithm")
    counts: dict[str, int] = {}
    for r in rows:
        counts[r["status"]] = counts.get(r["status"], 0) + 1
    last = max(rows, key=lambda r: r["verified_at"] or "", default=None)
    keep = ("item", "path", "algorithm", "recorded", "computed", "status", "explanation")
    return {"rows": [{k: r[k] for k in keep} for r in rows], "counts": counts,
            "verified_at": last["verified_at"] if last else None,
            "program_version": last["program_version"] if last else None}


def _clauses(results: list[dict], decisions: dict) -> list[dict]:
    out = []
    for r in sorted(results, key=lambda r: (_article_key(r["article"]), r["check_name"])):
        d = decisions.get((r["item"], r["check_name"]), {})
        out.append({
            "check": r["check_name"], "article": r["article"], "group": clause_group(r["article"]),
            "auto_status": r["status"], "auto_message": r["message"],
            "facts": _json_or_none(r["facts_json"]), "decided": bool(d),
            "decision": d.get("decision"), "reason": d.get("reason"), "note": d.get("note"),
            "answer": d.get("answer"), "reviewer": d.get("reviewer"), "decided_at": d.get("decided_at"),
        })
    return out


def _article_key(article) -> tuple:
    return tuple(int(p) if p.isdigit() else 0 for p in str(article or "0").split("."))


def _json_or_none(text):
    try:
        return json.loads(text) if text else None
    except ValueError:
        return text


def _outcome(record: dict | None) -> dict:
    record = record or {}
    corrections = record.get("corrections")
    parsed = _json_or_none(corrections)
    if isinstance(parsed, str):
        parsed = [line.strip() for line in parsed.splitlines() if line.strip()]
    return {"outcome": record.get("outcome"), "decided": bool(record), "basis": record.get("basis"),
            "reason": record.get("reason"), "corrections": list(parsed or []),
            "reviewer": record.get("reviewer"), "decided_at": record.get("decided_at")}


def _tags(store) -> list[dict]:
    return _rows(store, "SELECT t.path, t.heading, t.note, f.item FROM tags t "
                        "LEFT JOIN files f ON f.path = t.path ORDER BY t.heading, t.path")


def _item_entry(item, store, results, decisions, outcome, tags) -> dict:
    sizes = store.db.execute("SELECT COUNT(*), COALESCE(SUM(size), 0) FROM files "
                             "WHERE item = ? AND kind = 'file'", [item["id"]]).fetchone()
    relevant = {h: [{"path": t["path"], "note": t["note"]} for t in tags
                    if t["heading"] == h and t["item"] == item["id"]] for h in HEADINGS}
    return {
        "id": item["id"], "title": item.get("title"), "kind": item.get("kind"),
        "kind_zh": KINDS_ZH.get(item.get("kind"), item.get("kind")),
        "source": item.get("source", "criminal"), "media": _media_text(item.get("media")),
        "files": sizes[0], "bytes": sizes[1], "clauses": _clauses(results, decisions),
        "outcome": _outcome(outcome), "relevant": relevant,
    }


def _art16(items: list[dict]) -> list[dict]:
    outline = []
    for it in items:
        for c in it["clauses"]:
            if c["auto_status"] in OPEN_STATUSES and c["decision"] in (None, "confirm"):
                text = c["note"] or c["auto_message"] or c["check"]
                outline.append({"item": it["id"], "article": c["article"], "check": c["check"],
                               "text": text, "decided": c["decided"]})
        for corr in it["outcome"]["corrections"]:
            outline.append({"item": it["id"], "article": "43", "check": None, "text": corr, "decided": True})
    return outline


def _art47(items: list[dict], bundle) -> list[dict]:
    outline = []
    for it in items:
        if it["outcome"]["outcome"] != "admissible":
            continue
        manifest = bundle.item(it["id"]) or {}
        acq = manifest.get("acquisition") or {}
        source = "; ".join(str(x) for x in (it["kind_zh"], acq.get("method"), acq.get("tool"),
                                            acq.get("performed_by"), acq.get("finished_at")) if x)
        facts = [{"heading": h, "path": t["path"], "note": t["note"]}
                 for h in HEADINGS for t in it["relevant"][h]]
        others = [o["id"] for o in items if o is not it and o["outcome"]["outcome"] == "admissible"
                  and any(o["relevant"][f["heading"]] for f in facts)]
        parties = [(bundle.party(p) or {}).get("name", p) for p in manifest.get("related_parties", [])]
        corroboration = [f"item:{o}" for o in others] + [f"party:{p}" for p in parties]
        outline.append({"item": it["id"], "title": it["title"], "source": source or None,
                        "facts": facts, "corroboration": corroboration})
    return outline


def _audit(store) -> dict:
    row = store.db.execute("SELECT COUNT(*), (SELECT digest FROM audit ORDER BY seq DESC LIMIT 1) "
                           "FROM audit").fetchone()
    return {"entries": row[0], "head_digest": row[1] or ""}


def build_memo_data(bundle, store, reviewer: str, training: bool, now=None) -> dict:
    """Everything the memo says, from the bundle's manifest and the review store."""
    now = now or dt.datetime.now(dt.timezone.utc)
    results = _rows(store, "SELECT * FROM check_results")
    decisions = {(d["item"], d["check_name"]): d for d in _rows(store, "SELECT * FROM decisions")}
    outcomes = {o["item"]: o for o in _rows(store, "SELECT * FROM outcomes")}
    tags = _tags(store)
    items = [_item_entry(it, store, [r for r in results if r["item"] == it["id"]], decisions,
                         outcomes.get(it["id"]), tags) for it in bundle.items]
    case = bundle.case or {}
    sig = [r["status"] for r in results if r["article"] == "30.2"]
    clauses = sum(len(it["clauses"]) for it in items)
    decided = sum(c["decided"] for it in items for c in it["clauses"])
    return {
        "format": "evidencedesk-memo/1",
        "generated_at": now.astimezone(dt.timezone.utc).isoformat().replace("+00:00", "Z"),
        "timezone": bundle.timezone, "reviewer": {"name": reviewer, "training": bool(training)},
        "case": {k: case.get(k) for k in ("case_number", "title", "charge", "unit",
                                           "investigating_agency", "prepared_by", "prepared_at")},
        "bundle": {"root": from_os(str(bundle.root)), "manifest_digest": bundle.digest, "adhoc": bundle.adhoc,
                   "manifest_signature": sig[0] if sig else None},
        "inventory": _inventory(store, bundle.items), "verification": _verification(store),
        "review": {"clauses": clauses, "decided": decided, "undecided": clauses - decided,
                   "outcomes": sum(it["outcome"]["decided"] for it in items),
                   "has_decisions": bool(decisions or outcomes)},
        "items": items,
        "relevant": {h: [{"item": t["item"], "path": t["path"], "note": t["note"]}
                         for t in tags if t["heading"] == h] for h in HEADINGS},
        "art16": _art16(items), "art47": _art47(items, bundle), "audit": _audit(store),
    }
