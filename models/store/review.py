"""The reviewer's work in the store: check results, decisions, outcomes, relevance tags; every write audited."""

import json
import time

from models.common.json_text import facts_text
from models.common.timeutil import ns_to_utc_iso
from models.store import audit, finding_files, records_seal

DECISIONS = ("confirm", "override", "answer")
OUTCOMES = ("admissible", "correctable", "excluded")
LEGACY_OUTCOMES = {"defect": "correctable"}  # stores written before the four proposals
HEADINGS = ("subject_identity", "objective_act", "subjective_intent", "circumstances")


def _now() -> str:
    return ns_to_utc_iso(time.time_ns())


def _result_fields(check, result) -> tuple:
    name = getattr(check, "NAME", check)
    article = getattr(check, "ARTICLE", None)
    if isinstance(result, dict):
        return (name, result.get("article", article), result["status"], result.get("facts", {}),
                result.get("message", ""), result.get("message_key") or None, result.get("params") or {})
    return (name, article, result.status, result.facts, result.message, getattr(result, "message_key", "") or None,
            getattr(result, "params", None) or {})


def save_check_results(store, item: str, results, run: records_seal.Run | None = None) -> int:
    """Replace an item's auto results with these (check, CheckResult) pairs; machine output, not audited. run: the
    whole check this is part of (records_seal.Run), which seals its results afresh at its end. A finding's long
    file list goes to the side table as it is read (models.store.finding_files), its facts keep a sample."""
    now = _now()
    with audit.transaction(store.db) as conn:
        aside = records_seal.Rewrite(conn, "finding_files")  # sealed too: the proposal and the memo read it
        aside.delete("WHERE item = ?", [item])
        aside.inserting()
        rows = []
        for check, result in results:
            name, article, status, facts, message, key, params = _result_fields(check, result)
            facts, lists = finding_files.set_aside(facts)
            finding_files.write_aside(conn, item, name, facts, lists)
            rows.append((item, name, article, status, facts_text(facts), message, now,
                         key, json.dumps(params, ensure_ascii=False, default=str) if key else None))
        aside.added()
        seal = records_seal.Rewrite(conn, "check_results")  # the memo signs them: an edit outside must show
        seal.delete("WHERE item = ?", [item])
        seal.inserting()
        conn.executemany("INSERT INTO check_results(item, check_name, article, status, facts_json, message, run_at, "
                         "message_key, params_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        seal.added()
        if run is not None:
            run.wrote(item, seal)
            run.wrote(item, aside)
    return len(rows)


def check_run():
    """A records_seal.Run over check results and their side lists: pass it to each save_check_results of one
    transaction, then reseal(conn) before that transaction ends."""
    return records_seal.Run("check_results", "finding_files")


def _records(store, sql: str, params=()) -> list[dict]:
    cursor = store.db.conn.execute(sql, list(params))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def load_check_results(store, item: str | None = None) -> list[dict]:
    """Check-result records (facts and params decoded; message_key None for rows stored before keys)."""
    sql = "SELECT * FROM check_results" + (" WHERE item = ?" if item is not None else "") + " ORDER BY item, rowid"
    rows = _records(store, sql, [item] if item is not None else [])
    for row in rows:
        row["facts"] = json.loads(row.pop("facts_json") or "{}")
        row["params"] = json.loads(row.pop("params_json", None) or "{}")
    return rows


def decide(store, item: str, check_name: str, decision: str, reviewer: str, reason=None, note=None,
           answer=None) -> dict:
    """Record the reviewer's decision on one clause (an override needs a reason); committed and audited at once."""
    if decision not in DECISIONS:
        raise ValueError(f"unknown decision {decision!r}; expected one of {DECISIONS}")
    if decision == "override" and not (reason or "").strip():
        raise ValueError("推翻自动结论须说明理由 / an override needs a reason")
    if not (reviewer or "").strip():
        raise ValueError("须署名审查人 / a reviewer is required")
    record = {"item": item, "check_name": check_name, "decision": decision, "reason": reason, "note": note,
              "answer": answer, "reviewer": reviewer, "decided_at": _now()}
    with audit.transaction(store.db) as conn:
        conn.execute("INSERT OR REPLACE INTO decisions(item, check_name, decision, reason, note, answer, reviewer, "
                     "decided_at) VALUES (:item, :check_name, :decision, :reason, :note, :answer, :reviewer, "
                     ":decided_at)", record)
        audit.append(store.db, reviewer, f"decision.{decision}", record)
    return record


def load_decisions(store, item: str | None = None) -> list[dict]:
    sql = "SELECT * FROM decisions" + (" WHERE item = ?" if item is not None else "") + " ORDER BY item, check_name"
    return _records(store, sql, [item] if item is not None else [])


def set_outcome(store, item: str, outcome: str, basis, reason: str, corrections, reviewer: str) -> dict:
    """The item's outcome (Art. 43/44) with its basis (codes, a list or ';'-joined), reason and corrections
    asked; committed and audited."""
    outcome = LEGACY_OUTCOMES.get(outcome, outcome)
    if not isinstance(basis, (str, type(None))):
        basis = ";".join(str(b) for b in basis)
    if outcome not in OUTCOMES:
        raise ValueError(f"unknown outcome {outcome!r}; expected one of {OUTCOMES}")
    if not (reviewer or "").strip():
        raise ValueError("须署名审查人 / a reviewer is required")
    if not isinstance(corrections, (str, type(None))):
        corrections = json.dumps(list(corrections), ensure_ascii=False)
    record = {"item": item, "outcome": outcome, "basis": basis, "reason": reason, "corrections": corrections,
              "reviewer": reviewer, "decided_at": _now()}
    with audit.transaction(store.db) as conn:
        conn.execute("INSERT OR REPLACE INTO outcomes(item, outcome, basis, reason, corrections, reviewer, decided_at) "
                     "VALUES (:item, :outcome, :basis, :reason, :corrections, :reviewer, :decided_at)", record)
        audit.append(store.db, reviewer, "outcome.set", record)
    return record


def load_outcomes(store) -> dict[str, dict]:
    rows = _records(store, "SELECT * FROM outcomes ORDER BY item")
    for row in rows:
        row["outcome"] = LEGACY_OUTCOMES.get(row["outcome"], row["outcome"])
    return {r["item"]: r for r in rows}


def load_outcome(store, item: str) -> dict | None:
    return load_outcomes(store).get(item)


def tag(store, path: str, heading: str, note: str, reviewer: str) -> dict:
    """Mark a file relevant under one Art. 17-20 heading, with the fact it proves; committed and audited."""
    if heading not in HEADINGS:
        raise ValueError(f"unknown heading {heading!r}; expected one of {HEADINGS}")
    if not (reviewer or "").strip():
        raise ValueError("须署名审查人 / a reviewer is required")
    record = {"path": path, "heading": heading, "note": note, "reviewer": reviewer, "tagged_at": _now()}
    with audit.transaction(store.db) as conn:
        conn.execute("INSERT OR REPLACE INTO tags(path, heading, note, reviewer, tagged_at) "
                     "VALUES (:path, :heading, :note, :reviewer, :tagged_at)", record)
        audit.append(store.db, reviewer, "tag.add", record)
    return record


def untag(store, path: str, heading: str, reviewer: str) -> bool:
    """Remove a relevance tag; True when one was there. Audited."""
    with audit.transaction(store.db) as conn:
        removed = conn.execute("DELETE FROM tags WHERE path = ? AND heading = ?", [path, heading]).rowcount
        if removed:
            audit.append(store.db, reviewer, "tag.remove", {"path": path, "heading": heading})
    return bool(removed)


def load_tags(store, path: str | None = None) -> list[dict]:
    sql = "SELECT * FROM tags" + (" WHERE path = ?" if path is not None else "") + " ORDER BY path, heading"
    return _records(store, sql, [path] if path is not None else [])
