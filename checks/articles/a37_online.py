"""Art. 37 online extraction: source address, access method and time, hashed, signed, process media."""

from checks.articles.common import digests_result, process_result, signature_result
from checks.base import Check, correction, present, say

ONLINE_KINDS = frozenset({"online_extraction"})


class SourceAddressCheck(Check):
    NAME = "a37_1_source_address"
    ARTICLE = "37.1"
    KINDS = ONLINE_KINDS

    def evaluate(self, item, context):
        acquisition = item.get("acquisition")
        if not acquisition:
            return say("not_recorded", "a37_2_access_method.not_recorded",
                       corrections=[correction("process.correct", fields=["network_address", "entry_steps"])])
        facts = {k: acquisition.get(k) for k in ("network_address", "original_path", "entry_steps")}
        if not any(present(v) for v in facts.values()):
            return say("fail", f"{self.NAME}.missing", **facts,
                       corrections=[correction("process.correct", fields=["network_address", "entry_steps"])])
        return say("pass", f"{self.NAME}.recorded", **facts)


class AccessMethodCheck(Check):
    NAME = "a37_2_access_method"
    ARTICLE = "37.2"
    KINDS = ONLINE_KINDS

    def evaluate(self, item, context):
        return process_result(item.get("acquisition"), ("access_method", "started_at", "tool", "method"),
                              self.NAME)


class OnlineDigestsCheck(Check):
    NAME = "a37_3_digests"
    ARTICLE = "37.3"
    KINDS = ONLINE_KINDS

    def evaluate(self, item, context):
        return digests_result(item)


class OnlineSignaturesCheck(Check):
    NAME = "a37_4_signatures"
    ARTICLE = "37.4"
    KINDS = ONLINE_KINDS

    def evaluate(self, item, context):
        return signature_result(item, ("collector", "witness"))


class ProcessMediaCheck(Check):
    NAME = "a37_5_process_media"
    ARTICLE = "37.5"
    KIND = "assisted"
    KINDS = ONLINE_KINDS

    def evaluate(self, item, context):
        acquisition = item.get("acquisition")
        if not acquisition:
            return say("not_recorded", "a37_2_access_method.not_recorded",
                       corrections=[correction(f"{self.NAME}.correct")])
        paths = acquisition.get("process_media") or []
        absent = context.missing_paths(paths)
        if absent:
            return say("fail", f"{self.NAME}.files_absent", paths=paths, missing=absent, files=absent,
                       corrections=[correction("paperwork.correct_absent", files=absent)])
        if not paths:
            return say("fail", f"{self.NAME}.none", paths=[], corrections=[correction(f"{self.NAME}.correct")])
        return say("pass", f"{self.NAME}.present", {"count": len(paths)}, paths=paths)
