"""Art. 36 data extracted from original media: medium described, path/tool/method and attached info, hashed, signed."""

from checks.articles.a32_legality import signature_result
from checks.articles.a34_seized import APPEARANCE, CUSTODY, media_result
from checks.articles.a35_image import digests_result
from checks.base import Check, correction, missing_fields, say

EXTRACTION_KINDS = frozenset({"onsite_extraction"})


def process_result(acquisition: dict | None, required, what: str):
    """Required acquisition fields present; attached information extracted (else warn)."""
    if not acquisition:
        return say("not_recorded", f"{what}.not_recorded",
                   corrections=[correction("process.correct", fields=list(required))])
    missing = missing_fields(acquisition, required)
    facts = {k: acquisition.get(k) for k in (*required, "tool_version", "attached_info_extracted")}
    facts["missing"] = missing
    if missing:
        return say("fail", f"{what}.missing", {"fields": missing}, **facts,
                   corrections=[correction("process.correct", fields=missing)])
    if acquisition.get("attached_info_extracted") is not True:
        return say("warn", "process.attached_info", **facts, corrections=[correction("process.correct_attached")])
    return say("pass", f"{what}.recorded", **facts)


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
        return process_result(item.get("acquisition"), ("original_path", "tool", "method"), self.NAME)


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
