"""Art. 38 frozen data: paperwork, relevance, days left before the freeze expires, unchanged while frozen."""

from checks.a31_integrity import change_for
from checks.base import Check, ManualCheck, present, result

FROZEN_KINDS = frozenset({"frozen"})


class FreezePaperworkCheck(Check):
    NAME = "a38_1_freeze_paperwork"
    ARTICLE = "38.1"
    KINDS = FROZEN_KINDS

    def evaluate(self, item, context):
        freeze = item.get("freeze")
        if not freeze:
            return result("not_recorded", "清单未记录冻结信息")
        notice = freeze.get("notice") or next((d.get("path") for d in item.get("documents") or []
                                               if d.get("kind") == "freeze_notice"), None)
        facts = {"notice": notice, "notice_number": freeze.get("notice_number"),
                 "frozen_at": freeze.get("frozen_at"), "expires_at": freeze.get("expires_at")}
        if not present(notice):
            return result("fail", "缺少协助冻结通知书", **facts)
        if not context.exists(notice):
            return result("fail", "清单所列冻结通知书文件不存在", **facts)
        if not present(freeze.get("notice_number")) or not present(freeze.get("frozen_at")):
            return result("warn", "冻结通知书编号或冻结时间未载明", **facts)
        return result("needs_review", "冻结通知书已附，请审查冻结手续是否符合规定", **facts)


class FreezeRelevanceCheck(ManualCheck):
    NAME = "a38_2_freeze_relevance"
    ARTICLE = "38.2"
    KINDS = FROZEN_KINDS


class FreezeExpiryCheck(Check):
    NAME = "a38_3_freeze_expiry"
    ARTICLE = "38.3"
    KINDS = FROZEN_KINDS

    def evaluate(self, item, context):
        from models.timeutil import parse_manifest_time, zone

        expires = (item.get("freeze") or {}).get("expires_at")
        if not present(expires):
            return result("not_recorded", "清单未记录冻结期限")
        local = parse_manifest_time(expires).astimezone(zone(getattr(context.bundle, "timezone", None)))
        days_left = (local.date() - context.today).days
        threshold = int(context.setting("freeze_warning_days"))
        facts = {"expires_at": expires, "today": context.today.isoformat(), "days_left": days_left,
                 "warning_days": threshold}
        if days_left < 0:
            return result("fail", f"冻结期限已于 {local.date().isoformat()} 届满（{-days_left} 天前）", **facts)
        if days_left <= threshold:
            return result("warn", f"冻结期限还剩 {days_left} 天，请决定是否继续冻结或者解除", **facts)
        return result("pass", f"冻结期限还剩 {days_left} 天", **facts)


def _computed(context, item_id: str, path: str, algorithm: str) -> str | None:
    for row in context.verifications(item_id):
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
            return result("not_recorded", "清单未记录冻结时的完整性校验值")
        changed = [r for r in rows if r["status"] not in ("match", None)]
        unknown = [r for r in rows if r["status"] is None]
        for row in changed:
            change = change_for(item, row["path"] or "") or {}
            row["explanation"] = change.get("explanation")
        facts = {"compared": len(rows), "changed": changed[:200], "not_computed": unknown[:200]}
        if any(not r["explanation"] for r in changed):
            return result("fail", f"冻结期间 {len(changed)} 个文件发生变化", **facts)
        if changed:
            return result("warn", f"冻结期间 {len(changed)} 个文件发生变化，已附说明", **facts)
        if unknown:
            return result("not_recorded", "部分文件尚未重新计算校验值，无法比对", **facts)
        return result("pass", f"{len(rows)} 项冻结时校验值与现在一致", **facts)
