"""Art. 30 objectivity and authenticity: media transferred, signatures, reproducible, changes explained, integrity."""

from checks.a31_integrity import BackupCheck, OperationLogCheck, SealIntactCheck, digest_findings, digest_status
from checks.base import ANOMALIES_PER_ITEM, Check, missing_fields, present, result, worst

MEDIA_KINDS = frozenset({"seized_media", "media_image", "onsite_extraction"})
SIGNED_SUFFIXES = (".sig", ".p7s", ".p7m", ".cer", ".crt", ".pem")


class OriginalMediaCheck(Check):
    NAME = "a30_1_original_media"
    ARTICLE = "30.1"
    KINDS = MEDIA_KINDS

    def evaluate(self, item, context):
        media = item.get("media") or {}
        transferred = media.get("original_transferred")
        reason = media.get("not_transferred_reason")
        if transferred is None:
            return result("not_recorded", "清单未载明是否移送原始存储介质")
        if transferred:
            return result("pass", "已移送原始存储介质", original_transferred=True)
        if present(reason):
            return result("pass", f"未移送原始存储介质，已说明原因：{reason}", original_transferred=False, reason=reason)
        return result("fail", "未移送原始存储介质，且未说明原因", original_transferred=False, reason=None)


class SignaturesCheck(Check):
    NAME = "a30_2_signatures"
    ARTICLE = "30.2"
    KIND = "assisted"
    MANIFEST = False

    def evaluate(self, item, context):
        manifest_sig = None if context.adhoc else ("bundle.json.sig" if context.exists("bundle.json.sig") else None)
        marked = [r["path"] for r in context.file_records(item.get("id"))
                  if str(r.get("path", "")).lower().endswith(SIGNED_SUFFIXES)
                  or r.get("mime") in ("application/pkcs7-signature", "application/pkcs7-mime")]
        facts = {"manifest_signature": manifest_sig, "signature_files": marked[:200]}
        if manifest_sig or marked:
            return result("needs_review", "存在数字签名或证书文件，请核验其有效性", **facts)
        return result("needs_review", "未发现数字签名、数字证书等特殊标识，请确认是否应当具有", **facts)


class ReproducibleCheck(Check):
    NAME = "a30_3_reproducible"
    ARTICLE = "30.3"

    def evaluate(self, item, context):
        findings = digest_findings(item, context, additions=False)
        acquisition = item.get("acquisition") or {}
        facts = {"counts": findings["counts"], "tool": acquisition.get("tool"), "method": acquisition.get("method"),
                 "problems": findings["problems"][: context.setting("max_fact_rows")]}
        if not findings["total"]:
            return result("not_recorded", "没有记录的完整性校验值可供重新计算", **facts)
        status, message = digest_status(findings, "重新计算结果与记录不一致")
        if status == "pass" and missing_fields(acquisition, ("tool", "method")) and item.get("kind") in MEDIA_KINDS | {
                "online_extraction"}:
            return result("warn", "重新计算结果与记录一致，但未记录取证工具或方法", **facts)
        return result(status, message if status != "pass" else "重新计算的校验值与记录一致，结果可以重现", **facts)


class ChangesExplainedCheck(Check):
    NAME = "a30_4_changes_explained"
    ARTICLE = "30.4"

    def evaluate(self, item, context):
        findings = digest_findings(item, context)
        if not findings["total"]:
            return result("not_recorded", "尚未校验，无法判断有无增加、删除、修改")
        problems = [p for p in findings["problems"] if p["status"] in ("mismatch", "missing", "unlisted")]
        unexplained = [p for p in problems if not p["explanation"]]
        facts = {"added": [p for p in problems if p["status"] == "unlisted"][:200],
                 "deleted": [p for p in problems if p["status"] == "missing"][:200],
                 "modified": [p for p in problems if p["status"] == "mismatch"][:200],
                 "unexplained": len(unexplained)}
        if unexplained:
            return result("fail", f"{len(unexplained)} 处增加、删除或修改未附说明", **facts)
        facts["anomalies"] = item_anomalies(item, context)[:ANOMALIES_PER_ITEM]
        if facts["anomalies"]:
            return result("needs_review", f"{len(facts['anomalies'])} 处时间或内容异常，需核实是否被改动", **facts)
        if problems:
            return result("pass", f"{len(problems)} 处增加、删除或修改均附有说明", **facts)
        return result("pass", "未发现增加、删除、修改", **facts)


def item_anomalies(item: dict, context) -> list[dict]:
    """Anomalies (e.g. a file modified after sealing) that name this item, as plain dicts."""
    rows = []
    for anomaly in context.anomalies or []:
        row = anomaly if isinstance(anomaly, dict) else (
            {k: getattr(anomaly, k) for k in anomaly.__dataclass_fields__} if hasattr(anomaly, "__dataclass_fields__")
            else dict(vars(anomaly)))
        if row.get("item") == item.get("id"):
            rows.append(row)
    return rows


class IntegrityCheck(Check):
    NAME = "a30_5_integrity"
    ARTICLE = "30.5"
    PARTS = (SealIntactCheck, BackupCheck, OperationLogCheck)

    def evaluate(self, item, context):
        from checks.a31_integrity import DigestsCheck

        parts = {c.NAME: c().run(item, context).status for c in (DigestsCheck, *self.PARTS)}
        parts[ChangesExplainedCheck.NAME] = ChangesExplainedCheck().run(item, context).status
        decided = {k: v for k, v in parts.items() if v != "not_applicable"}
        summary = worst(decided.values())
        if summary in (None, "not_recorded") or decided.get("a31_2_digests") == "not_recorded":
            return result("not_recorded", "完整性相关信息未记录或尚未校验", parts=parts)
        if summary == "error":
            return result("error", "第三十一条部分检查无法完成", parts=parts)
        if summary == "fail":
            return result("fail", "完整性无法保证：见第三十一条各项", parts=parts)
        if summary in ("warn", "needs_review"):
            return result("warn", "完整性需结合说明与照片审查", parts=parts)
        return result("pass", "第三十一条各项均未发现问题", parts=parts)
