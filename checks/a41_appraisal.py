"""Art. 41 appraisal: qualified appraiser, material consistent with the evidence, standard method, complete opinion."""

from checks.base import Check, ManualCheck, present, result

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
            return result("not_recorded", "清单未记录鉴定信息")
        facts = {k: appraisal.get(k) for k in ("institution", "institution_license", "appraisers", "within_scope",
                                               "recusal_checked")}
        problems = []
        if appraisal.get("within_scope") is False:
            problems.append("委托事项超出鉴定机构业务范围")
        if appraisal.get("recusal_checked") is False:
            problems.append("未审查鉴定人回避情形")
        unlicensed = [a.get("name") for a in appraisal.get("appraisers") or [] if not present(a.get("license"))]
        if unlicensed:
            problems.append("鉴定人未载明执业证号：" + "、".join(str(n) for n in unlicensed))
        if problems:
            return result("fail", ";".join(problems), problems=problems, **facts)
        if not present(appraisal.get("institution_license")) or not appraisal.get("appraisers"):
            return result("warn", "鉴定机构许可证号或鉴定人未载明", **facts)
        return result("needs_review", "请核对鉴定机构、鉴定人的资质与回避情形", **facts)


def _evidence_digests(context, path: str) -> dict:
    """Digests of the original evidence at path: recorded ones first (manifest, digest lists), then computed."""
    found = {}
    for other in getattr(context.bundle, "items", []):
        for entry in other.get("content") or []:
            if entry.get("path") == path:
                found.update(entry.get("digests") or {})
    for row in context.verify_results or []:
        row = row if isinstance(row, dict) else vars(row)
        if row.get("path") == path and row.get("recorded_source") not in ("appraisal", "freeze"):
            value = row.get("recorded") or row.get("computed")
            if value:
                found.setdefault(row.get("algorithm"), value)
    return found


class MaterialConsistentCheck(Check):
    NAME = "a41_2_material_consistent"
    ARTICLE = "41.2"
    KINDS = APPRAISAL_KINDS

    def evaluate(self, item, context):
        material = (item.get("appraisal") or {}).get("material_digests") or {}
        if not material:
            return result("not_recorded", "清单未记录鉴定材料的完整性校验值")
        rows = []
        for path, digests in material.items():
            evidence = _evidence_digests(context, path)
            for algorithm, value in (digests or {}).items():
                other = evidence.get(algorithm)
                status = "no_counterpart" if other is None else (
                    "match" if str(other).lower() == str(value).lower() else "mismatch")
                rows.append({"path": path, "algorithm": algorithm, "material": value, "evidence": other,
                             "status": status})
        for row in context.verifications(item.get("id"), sources=("appraisal",)):
            if row.get("status") in ("mismatch", "missing"):
                rows.append({"path": row.get("path"), "algorithm": row.get("algorithm"), "material": row.get("recorded"),
                             "evidence": row.get("computed"), "status": row.get("status")})
        bad = [r for r in rows if r["status"] in ("mismatch", "missing")]
        alone = [r for r in rows if r["status"] == "no_counterpart"]
        if bad:
            return result("fail", f"{len(bad)} 项鉴定材料校验值与原始电子数据不一致", comparisons=rows)
        if alone and len(alone) == len(rows):
            return result("warn", "鉴定材料在证据包中找不到对应的原始电子数据，无法比对", comparisons=rows)
        return result("pass" if not alone else "warn",
                      "鉴定材料校验值与原始电子数据一致" if not alone else "部分鉴定材料无法比对", comparisons=rows)


class MethodStandardCheck(Check):
    NAME = "a41_3_method_standard"
    ARTICLE = "41.3"
    KIND = "manual"
    KINDS = APPRAISAL_KINDS

    def evaluate(self, item, context):
        standard = (item.get("appraisal") or {}).get("standard")
        if not present(standard):
            return result("not_recorded", "清单未载明鉴定所依据的标准")
        return result("needs_review", f"鉴定依据标准：{standard}；请审查方法标准的选用是否符合规定", standard=standard)


class OpinionCompleteCheck(Check):
    NAME = "a41_4_opinion_complete"
    ARTICLE = "41.4"
    KINDS = APPRAISAL_KINDS

    def evaluate(self, item, context):
        appraisal = item.get("appraisal") or {}
        fields = appraisal.get("opinion_fields")
        report = appraisal.get("report")
        if fields is None:
            return result("not_recorded", "清单未载明鉴定意见包含的内容", report=report)
        missing = [f for f in OPINION_FIELDS if f not in fields]
        facts = {"report": report, "present": list(fields), "missing": missing}
        if present(report) and not context.exists(report):
            return result("fail", "清单所列鉴定意见文件不存在", **facts)
        if missing:
            return result("fail", "鉴定意见缺少：" + "、".join(missing), **facts)
        return result("pass", "鉴定意见包含委托人、时间、检材、过程、结果和签名", **facts)


class CorroboratedCheck(ManualCheck):
    NAME = "a41_5_corroborated"
    ARTICLE = "41.5"
    KINDS = APPRAISAL_KINDS
