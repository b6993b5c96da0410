"""Art. 30 objectivity and authenticity: media transferred, signatures, reproducible, changes explained, integrity."""

from checks.articles.a31_integrity import (
    BackupCheck,
    DigestsCheck,
    OperationLogCheck,
    SealIntactCheck,
    digest_findings,
    unverified_result,
)
from checks.base import ANOMALIES_PER_ITEM, Check, correction, missing_fields, present, say, worst

MEDIA_KINDS = frozenset({"seized_media", "media_image", "onsite_extraction"})
PROCESS_KINDS = frozenset({"media_image", "onsite_extraction", "online_extraction"})  # a copy made by a process
SIGNED_SUFFIXES = (".sig", ".p7s", ".p7m", ".cer", ".crt", ".pem")
# anomalies that say a file may have changed after it was sealed or collected; the others (a copy's creation
# time after its modification, a zone unknown) are trajectory facts for the timeline, not 30.4 findings
CHANGE_ANOMALIES = ("modified_after_seizure", "future_of_preparation")
CONTENT_ROOT = "evidence/"  # the data itself; paperwork and photos are made after the seizure by nature


class OriginalMediaCheck(Check):
    NAME = "a30_1_original_media"
    ARTICLE = "30.1"
    KINDS = MEDIA_KINDS

    def evaluate(self, item, context):
        media = item.get("media") or {}
        transferred = media.get("original_transferred")
        reason = media.get("not_transferred_reason")
        if transferred is None:
            return say("not_recorded", f"{self.NAME}.not_recorded",
                       corrections=[correction(f"{self.NAME}.correct_state")])
        if transferred:
            return say("pass", f"{self.NAME}.transferred", original_transferred=True)
        if present(reason):
            return say("pass", f"{self.NAME}.reason_stated", {"reason": reason}, original_transferred=False,
                       reason=reason)
        # the medium may stay where it cannot be sealed or moved; what is missing is the reason, a defect of the
        # record (43.4), not a transfer in unsealed state (43.1)
        return say("fail", f"{self.NAME}.no_reason", original_transferred=False, reason=None, effect="43.4",
                   corrections=[correction(f"{self.NAME}.correct_reason")])


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
        if marked:
            facts["files"] = marked[:200]
        if manifest_sig or marked:
            return say("needs_review", f"{self.NAME}.present", **facts)
        return say("needs_review", f"{self.NAME}.none_found", **facts)


class ReproducibleCheck(Check):
    """30.3 过程及结果可以重现: the tool, its version and the steps are recorded so the process can be run again
    to the same result. Whether the recorded digests are reproduced today is 31.2's finding, referred to here."""

    NAME = "a30_3_reproducible"
    ARTICLE = "30.3"

    def applies_to(self, item):
        """Where the investigators ran a process (imaging, extraction; on seized media when one is recorded);
        frozen and obtained data is exported by its holder, whose copy 38.4 and 39.4 answer for."""
        kind = item.get("kind")
        return kind in PROCESS_KINDS or (kind in MEDIA_KINDS and present(item.get("acquisition")))

    def evaluate(self, item, context):
        from checks.image_records import acquisition_logs

        acquisition = item.get("acquisition") or {}
        logs = acquisition_logs(item, context) if item.get("kind") == "media_image" else []
        facts = {k: acquisition.get(k) for k in ("tool", "tool_version", "method", "steps")}
        facts.update(acquisition_logs=logs, refers_to="31.2")
        if not acquisition and not logs:
            return say("not_recorded", f"{self.NAME}.not_recorded", **facts,
                       corrections=[correction(f"{self.NAME}.correct", fields=["tool", "tool_version", "steps"])])
        missing = missing_fields(acquisition, ("tool", "tool_version"))
        if not present(acquisition.get("steps")) and not present(acquisition.get("method")):
            missing.append("steps")
        if logs:  # an acquisition log records the tool, its version and the run itself
            missing = [f for f in missing if f not in ("tool", "tool_version", "steps")]
        facts["missing"] = missing
        if missing:
            status = "warn" if missing == ["tool_version"] else "fail"
            return say(status, f"{self.NAME}.missing", {"fields": missing}, **facts,
                       corrections=[correction(f"{self.NAME}.correct", fields=missing)])
        return say("pass", f"{self.NAME}.recorded", **facts)


def item_anomalies(item: dict, context, kinds=None) -> list[dict]:
    """Anomalies (e.g. a file modified after sealing) that name this item, as plain dicts (of these kinds)."""
    rows = []
    for anomaly in context.item_anomalies(item.get("id")):
        row = anomaly if isinstance(anomaly, dict) else (
            {k: getattr(anomaly, k) for k in anomaly.__dataclass_fields__} if hasattr(anomaly, "__dataclass_fields__")
            else dict(vars(anomaly)))
        if row.get("item") == item.get("id") and (kinds is None or row.get("kind", kinds[0]) in kinds) \
                and str(row.get("path") or "").startswith(CONTENT_ROOT):
            rows.append(row)
    return rows


def _change_row(problem: dict) -> dict:
    return {k: problem.get(k) for k in ("path", "explanation", "confirmed_by") if problem.get(k)}


class ChangesExplainedCheck(Check):
    """30.4 owns the additions (files no content entry lists), the deletions (listed files that are absent) and
    the signs of a change after sealing; the modified files are 31.2's findings, listed here and referred to."""

    NAME = "a30_4_changes_explained"
    ARTICLE = "30.4"

    def evaluate(self, item, context):
        findings = digest_findings(item, context)
        # the context keeps the first ANOMALIES_PER_ITEM of an item, the change kinds first: so many, or "at least"
        anomalies = [dict(a, effect="review") for a in item_anomalies(item, context, CHANGE_ANOMALIES)]
        anomalies = anomalies[:ANOMALIES_PER_ITEM]
        at_least = len(anomalies) >= ANOMALIES_PER_ITEM
        facts = {"added": [_change_row(p) for p in findings["additions"]][:200],
                 "deleted": [_change_row(p) for p in findings["problems"] if p["status"] == "missing"][:200],
                 "modified": [_change_row(p) for p in findings["problems"] if p["status"] == "mismatch"][:200],
                 "anomalies": anomalies[:ANOMALIES_PER_ITEM], "refers_to": "31.2"}
        unverified = unverified_result(item, context, findings)
        if unverified is not None and not findings["additions"] and not anomalies:
            return unverified
        added_open = [p["path"] for p in findings["additions"] if not p["explanation"]]
        deleted_open = [r["path"] for r in facts["deleted"] if not r.get("explanation")]
        referred = [r["path"] for r in facts["modified"] if not r.get("explanation")]
        if added_open or deleted_open:
            corrections = ([correction(f"{self.NAME}.correct_added", files=added_open)] if added_open else []) + (
                [correction(f"{self.NAME}.correct_deleted", files=deleted_open)] if deleted_open else [])
            facts.update(files=added_open + deleted_open + [a["path"] for a in anomalies if a.get("path")],
                         corrections=corrections)
            return say("fail", f"{self.NAME}.added_deleted", {"added": len(added_open), "deleted": len(deleted_open),
                                                               "files": added_open + deleted_open}, **facts)
        if anomalies:  # its own finding; files that 31.2 found changed are referred to, not counted again
            facts.update(files=sorted({a["path"] for a in anomalies if a.get("path")}), effect="review",
                         corrections=[correction(f"{self.NAME}.correct_anomalies")])
            count = {"count": len(anomalies), "at_least": "≥ " if at_least else ""}
            if referred:
                return say("fail", f"{self.NAME}.anomalies_and_referred", dict(count, referred=len(referred)), **facts)
            return say("needs_review", f"{self.NAME}.anomalies", count, **facts)
        if referred:  # 31.2 carries the legal effect of these files: no second finding of the same change
            facts.update(files=referred, effect="none")
            return say("fail", f"{self.NAME}.referred", {"count": len(referred)}, **facts)
        owned = [r["path"] for r in facts["added"] + facts["deleted"]]
        if owned:  # explained, yet data added or deleted: Art. 44 decides (its second paragraph's routes)
            facts.update(files=owned, effect="44.2")
            return say("warn", f"{self.NAME}.explained_changes", {"count": len(owned)}, **facts)
        if facts["modified"]:
            facts.update(files=[r["path"] for r in facts["modified"]], effect="none")
            return say("pass", f"{self.NAME}.explained", {"count": len(facts["modified"])}, **facts)
        return say("pass", f"{self.NAME}.none", **facts)


class IntegrityCheck(Check):
    """30.5 sums up Art. 31 (and 30.4) without repeating their findings: its own legal effect is none."""

    NAME = "a30_5_integrity"
    ARTICLE = "30.5"
    PARTS = (DigestsCheck, SealIntactCheck, BackupCheck, OperationLogCheck, ChangesExplainedCheck)

    def evaluate(self, item, context):
        parts = {c.NAME: c().run(item, context).status for c in self.PARTS}
        decided = {k: v for k, v in parts.items() if v != "not_applicable"}
        facts = {"parts": parts, "effect": "none"}
        summary = worst(decided.values())
        if summary is None:
            return say("not_applicable", f"{self.NAME}.nothing", parts=parts)
        if summary == "error":
            return say("error", f"{self.NAME}.error", **facts)
        if summary == "fail":
            return say("fail", f"{self.NAME}.fail", **facts)
        if summary in ("warn", "needs_review"):
            return say("warn", f"{self.NAME}.review", **facts)
        if summary in ("not_verified", "not_recorded"):
            return say(summary, f"{self.NAME}.{summary}", **facts)
        return say("pass", f"{self.NAME}.pass", parts=parts)
