"""Art. 38 frozen data: paperwork, relevance, days left before the freeze expires, unchanged while frozen."""

from checks.base import Check, ManualCheck, correction, present, say
from models.bundle.coverage import change_for

FROZEN_KINDS = frozenset({"frozen"})


class FreezePaperworkCheck(Check):
    NAME = "a38_1_freeze_paperwork"
    ARTICLE = "38.1"
    KINDS = FROZEN_KINDS

    def evaluate(self, item, context):
        freeze = item.get("freeze")
        if not freeze:
            return say("not_recorded", f"{self.NAME}.not_recorded",
                       corrections=[correction("paperwork.correct_missing", documents="freeze_notice")])
        notice = freeze.get("notice") or next((d.get("path") for d in item.get("documents") or []
                                               if d.get("kind") == "freeze_notice"), None)
        facts = {"notice": notice, "notice_number": freeze.get("notice_number"),
                 "frozen_at": freeze.get("frozen_at"), "expires_at": freeze.get("expires_at")}
        if not present(notice):
            return say("fail", f"{self.NAME}.no_notice", **facts, refers_to="32.2", effect="none")
        if not context.exists(notice):  # the paperwork's absence is 32.2's finding
            return say("fail", f"{self.NAME}.notice_absent", **facts, files=[notice], refers_to="32.2", effect="none")
        if not present(freeze.get("notice_number")) or not present(freeze.get("frozen_at")):
            return say("warn", f"{self.NAME}.number_or_time", **facts,
                       corrections=[correction(f"{self.NAME}.correct_number")])
        return say("needs_review", f"{self.NAME}.review", **facts)


class FreezeRelevanceCheck(ManualCheck):
    NAME = "a38_2_freeze_relevance"
    ARTICLE = "38.2"
    KINDS = FROZEN_KINDS


class FreezeExpiryCheck(Check):
    NAME = "a38_3_freeze_expiry"
    ARTICLE = "38.3"
    KINDS = FROZEN_KINDS

    def evaluate(self, item, context):
        from models.common.timeutil import parse_manifest_time, zone

        expires = (item.get("freeze") or {}).get("expires_at")
        if not present(expires):
            return say("not_recorded", f"{self.NAME}.not_recorded", effect="alert")
        local = parse_manifest_time(expires).astimezone(zone(getattr(context.bundle, "timezone", None)))
        days_left = (local.date() - context.today).days
        threshold = int(context.setting("freeze_warning_days"))
        facts = {"expires_at": expires, "today": context.today.isoformat(), "days_left": days_left,
                 "warning_days": threshold}
        facts["effect"] = "alert"  # a deadline of the case, not a defect of the evidence
        if days_left < 0:
            return say("warn", f"{self.NAME}.expired", {"date": local.date().isoformat(), "days": -days_left}, **facts)
        if days_left <= threshold:
            return say("warn", f"{self.NAME}.expiring", {"days": days_left}, **facts)
        facts.pop("effect")
        return say("pass", f"{self.NAME}.left", {"days": days_left}, **facts)


def _computed(context, item_id: str, path: str, algorithm: str) -> str | None:
    for row in context.iter_verifications(item_id):
        if row.get("path") == path and row.get("algorithm") == algorithm and row.get("computed"):
            return row["computed"]
    return None


def freeze_comparisons(item: dict, context) -> list[dict]:
    """Freeze-time digests against the digests computed now: verification records first, then recomputed values."""
    rows = context.verifications(item.get("id"), sources=("freeze",))
    if rows:
        return [{"path": r.get("path"), "algorithm": r.get("algorithm"), "at_freeze": r.get("recorded"),
                 "now": r.get("computed"), "status": r.get("status")} for r in rows]
    out = []
    for path, digests in ((item.get("freeze") or {}).get("digests_at_freeze") or {}).items():
        for algorithm, value in (digests or {}).items():
            now = _computed(context, item.get("id"), path, algorithm)
            status = None if now is None else ("match" if now.lower() == str(value).lower() else "mismatch")
            out.append({"path": path, "algorithm": algorithm, "at_freeze": value, "now": now, "status": status})
    return out


class FreezeUnchangedCheck(Check):
    NAME = "a38_4_freeze_unchanged"
    ARTICLE = "38.4"
    KINDS = FROZEN_KINDS

    def evaluate(self, item, context):
        rows = freeze_comparisons(item, context)
        if not rows:
            return say("not_recorded", f"{self.NAME}.not_recorded")
        by_path: dict = {}
        for row in rows:  # one finding per file, its algorithms together
            entry = by_path.setdefault(row["path"], {"path": row["path"], "algorithms": [], "at_freeze": {},
                                                     "now": {}, "status": "match"})
            entry["algorithms"].append(row["algorithm"])
            entry["at_freeze"][row["algorithm"]], entry["now"][row["algorithm"]] = row["at_freeze"], row["now"]
            if row["status"] not in ("match", None):
                entry["status"] = row["status"]
            elif row["status"] is None and entry["status"] == "match":
                entry["status"] = None
        files = list(by_path.values())
        changed = [f for f in files if f["status"] not in ("match", None)]
        unknown = [f for f in files if f["status"] is None]
        for row in changed:
            change = change_for(item, row["path"] or "") or {}
            row["explanation"], row["confirmed_by"] = change.get("explanation"), change.get("confirmed_by")
        facts = {"compared": len(files), "changed": changed[:200], "not_computed": unknown[:200]}
        if changed:
            facts["files"] = [r["path"] for r in changed]
            explained = all(r["explanation"] for r in changed)
            return say("warn" if explained else "fail", f"{self.NAME}.changed" if not explained
                       else f"{self.NAME}.changed_explained", {"count": len(changed)}, **facts)
        if unknown:
            return say("not_verified", f"{self.NAME}.not_computed", **facts, files=[r["path"] for r in unknown])
        return say("pass", f"{self.NAME}.same", {"count": len(files)}, **facts)
