"""Art. 36 data extracted from original media: medium described, path/tool/method and attached info, hashed, signed."""

from checks.articles.common import APPEARANCE, CUSTODY, digests_result, media_result, process_result, signature_result
from checks.base import Check

EXTRACTION_KINDS = frozenset({"onsite_extraction"})


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
