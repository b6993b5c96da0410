"""Art. 41 appraisal: qualified appraiser, material consistent with the evidence, standard method, complete opinion."""

from checks.base import Check, ManualCheck, correction, present, say

APPRAISAL_KINDS = frozenset({"appraisal"})
OPINION_FIELDS = ("client", "date", "material", "process", "result", "signatures")


class AppraiserQualifiedCheck(Check):
    NAME = "a41_1_appraiser_qualified"
    ARTICLE = "41.1"
    KIND = "manual"
    KINDS = APPRAISAL_KINDS

    def evaluate(self, item, context):
        appraisal = item.get("appraisal")
        if not appraisal:
            return say("not_recorded", "appraisal.not_recorded")
        facts = {k: appraisal.get(k) for k in ("institution", "institution_license", "appraisers", "within_scope",
                                               "recusal_checked")}
        problems = []
        if appraisal.get("within_scope") is False:
            problems.append("out_of_scope")
        if appraisal.get("recusal_checked") is False:
            problems.append("recusal")
        unlicensed = [str(a.get("name")) for a in appraisal.get("appraisers") or [] if not present(a.get("license"))]
        if unlicensed:
            problems.append("unlicensed")
        if problems:
            facts.update(problems=problems, unlicensed=unlicensed)
            key = "problems_unlicensed" if unlicensed else "problems"
            return say("fail", f"{self.NAME}.{key}", {"problems": problems, "names": unlicensed}, **facts)
        if not present(appraisal.get("institution_license")) or not appraisal.get("appraisers"):
            return say("warn", f"{self.NAME}.license_unknown", **facts,
                       corrections=[correction(f"{self.NAME}.correct")])
        return say("needs_review", f"{self.NAME}.review", **facts)


def _recorded_original(context, path: str) -> tuple[dict, str]:
    """The original evidence's digests at path, as recorded (manifest content, digest lists, logs): what the
    material must equal. Only where nothing is recorded, the digests computed now ("computed")."""
    found = {}
    for other in getattr(context.bundle, "items", []):
        for entry in other.get("content") or []:
            if entry.get("path") == path:
                found.update({k: str(v).lower() for k, v in (entry.get("digests") or {}).items()})
    computed = {}
    for row in context.verifications_at(path):
        if row.get("path") != path or row.get("recorded_source") in ("appraisal", "freeze"):
            continue
        if row.get("recorded") and row.get("algorithm") and row.get("status") != "unreadable":
            found.setdefault(row["algorithm"], str(row["recorded"]).lower())
        if row.get("computed") and row.get("algorithm"):
            computed.setdefault(row["algorithm"], str(row["computed"]).lower())
    if found:
        return found, "recorded"
    return computed, "computed"


class MaterialConsistentCheck(Check):
    """41.2: the material sent for appraisal equals the original data as recorded. Whether the evidence file
    changed since is 31.2's finding on its own item, not a fault of the material."""

    NAME = "a41_2_material_consistent"
    ARTICLE = "41.2"
    KINDS = APPRAISAL_KINDS

    def evaluate(self, item, context):
        material = (item.get("appraisal") or {}).get("material_digests") or {}
        if not material:
            return say("not_recorded", f"{self.NAME}.not_recorded", corrections=[correction(f"{self.NAME}.correct")])
        rows = []
        for path, digests in material.items():  # one row per file, its algorithms together
            original, basis = _recorded_original(context, path)
            shared = [a for a in (digests or {}) if a in original]
            differ = [a for a in shared if str(digests[a]).lower() != original[a]]
            status = "no_counterpart" if not shared else ("mismatch" if differ else "match")
            rows.append({"path": path, "status": status, "basis": basis, "algorithms": differ or shared,
                         "material": {a: digests[a] for a in (differ or shared)},
                         "evidence": {a: original[a] for a in (differ or shared)}})
        bad = [r["path"] for r in rows if r["status"] == "mismatch"]
        alone = [r["path"] for r in rows if r["status"] == "no_counterpart"]
        if bad:
            return say("fail", f"{self.NAME}.mismatch", {"count": len(bad)}, comparisons=rows, files=bad)
        if alone:
            key = "none_comparable" if len(alone) == len(rows) else "some_not_comparable"
            return say("warn", f"{self.NAME}.{key}", comparisons=rows, files=alone)
        return say("pass", f"{self.NAME}.match", {"count": len(rows)}, comparisons=rows)


class MethodStandardCheck(Check):
    NAME = "a41_3_method_standard"
    ARTICLE = "41.3"
    KIND = "manual"
    KINDS = APPRAISAL_KINDS

    def evaluate(self, item, context):
        standard = (item.get("appraisal") or {}).get("standard")
        if not present(standard):
            return say("not_recorded", f"{self.NAME}.not_recorded", corrections=[correction(f"{self.NAME}.correct")])
        return say("needs_review", f"{self.NAME}.review", {"standard": standard}, standard=standard)


class OpinionCompleteCheck(Check):
    NAME = "a41_4_opinion_complete"
    ARTICLE = "41.4"
    KINDS = APPRAISAL_KINDS

    def evaluate(self, item, context):
        appraisal = item.get("appraisal") or {}
        fields = appraisal.get("opinion_fields")
        report = appraisal.get("report")
        if fields is None:
            return say("not_recorded", f"{self.NAME}.not_recorded", report=report)
        missing = [f for f in OPINION_FIELDS if f not in fields]
        facts = {"report": report, "present": list(fields), "missing": missing}
        if present(report):
            facts["files"] = [report]
        if present(report) and not context.exists(report):
            return say("fail", f"{self.NAME}.report_absent", **facts, refers_to="32.3", effect="none")
        if missing:
            if "signatures" not in missing:  # a part the institution can supply; unsigned is Art. 98's ground
                facts["corrections"] = [correction(f"{self.NAME}.correct", opinion=missing)]
            return say("fail", f"{self.NAME}.missing", {"opinion": missing}, **facts)
        return say("pass", f"{self.NAME}.complete", **facts)


class CorroboratedCheck(ManualCheck):
    NAME = "a41_5_corroborated"
    ARTICLE = "41.5"
    KINDS = APPRAISAL_KINDS
