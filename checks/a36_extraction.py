"""Art. 36 data extracted from original media: medium described, path/tool/method and attached info, hashed, signed."""

from checks.a32_legality import signature_result
from checks.a34_seized import APPEARANCE, CUSTODY, media_result
from checks.a35_image import digests_result
from checks.base import Check, missing_fields, result

EXTRACTION_KINDS = frozenset({"onsite_extraction"})


def process_result(acquisition: dict | None, required, what: str):
    """Required acquisition fields present; attached information extracted (else warn)."""
    if not acquisition:
        return result("not_recorded", f"清单未记录{what}信息")
    missing = missing_fields(acquisition, required)
    facts = {k: acquisition.get(k) for k in (*required, "tool_version", "attached_info_extracted")}
    facts["missing"] = missing
    if missing:
        return result("fail", "未记录：" + "、".join(missing), **facts)
    if acquisition.get("attached_info_extracted") is not True:
        return result("warn", "未载明是否一并提取附属信息、关联痕迹、系统环境", **facts)
    return result("pass", f"{what}信息已记录，并一并提取了附属信息", **facts)


class ExtractionMediaDescribedCheck(Check):
    NAME = "a36_1_media_described"
    ARTICLE = "36.1"
    KINDS = EXTRACTION_KINDS

    def evaluate(self, item, context):
        return media_result(item, context, APPEARANCE + CUSTODY)


class ExtractionProcessCheck(Check):
    NAME = "a36_2_extraction_process"
    ARTICLE = "36.2"
    KINDS = EXTRACTION_KINDS

    def evaluate(self, item, context):
        return process_result(item.get("acquisition"), ("original_path", "tool", "method"), "提取")


class ExtractionDigestsCheck(Check):
    NAME = "a36_3_digests"
    ARTICLE = "36.3"
    KINDS = EXTRACTION_KINDS

    def evaluate(self, item, context):
        return digests_result(item)


class ExtractionSignaturesCheck(Check):
    NAME = "a36_4_signatures"
    ARTICLE = "36.4"
    KINDS = EXTRACTION_KINDS

    def evaluate(self, item, context):
        return signature_result(item)
