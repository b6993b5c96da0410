"""Art. 39 obtained data: notice names the data, receipt signed, refusal explained, integrity ensured."""

from checks.articles.common import digests_result
from checks.base import Check, correction, present, say

OBTAINED_KINDS = frozenset({"obtained"})


class NoticeListsDataCheck(Check):
    NAME = "a39_1_notice_lists_data"
    ARTICLE = "39.1"
    KINDS = OBTAINED_KINDS

    def evaluate(self, item, context):
        obtain = item.get("obtain") or {}
        facts = {"notice": obtain.get("notice"), "notice_number": obtain.get("notice_number"),
                 "notice_lists_data": obtain.get("notice_lists_data")}
        if present(obtain.get("notice")) and not context.exists(obtain["notice"]):
            return say("fail", f"{self.NAME}.notice_absent", **facts, files=[obtain["notice"]], refers_to="32.2",
                       effect="none")  # the notice's absence is 32.2's finding
        if obtain.get("notice_lists_data") is None:
            return say("not_recorded", f"{self.NAME}.not_recorded", **facts,
                       corrections=[correction(f"{self.NAME}.correct")])
        if not obtain["notice_lists_data"]:
            return say("fail", f"{self.NAME}.not_listed", **facts, corrections=[correction(f"{self.NAME}.correct")])
        return say("pass", f"{self.NAME}.listed", **facts)


class ReceiptSignedCheck(Check):
    NAME = "a39_2_receipt_signed"
    ARTICLE = "39.2"
    KINDS = OBTAINED_KINDS

    def evaluate(self, item, context):
        obtain = item.get("obtain") or {}
        signed, refusal = obtain.get("receipt_signed"), obtain.get("refusal_explanation")
        if signed is None:
            return say("not_recorded", f"{self.NAME}.not_recorded", receipt_signed=None,
                       corrections=[correction(f"{self.NAME}.correct")])
        if signed:
            return say("pass", f"{self.NAME}.signed", receipt_signed=True)
        if present(refusal):  # the refusal and its explanation are 39.3's finding
            return say("warn", f"{self.NAME}.refused", receipt_signed=False, refusal=refusal, refers_to="39.3",
                       effect="none")
        return say("fail", f"{self.NAME}.unsigned", receipt_signed=False, refusal=None,
                   corrections=[correction(f"{self.NAME}.correct")])


class RefusalExplainedCheck(Check):
    NAME = "a39_3_refusal_explained"
    ARTICLE = "39.3"
    KINDS = OBTAINED_KINDS

    def evaluate(self, item, context):
        obtain = item.get("obtain") or {}
        signed, refusal = obtain.get("receipt_signed"), obtain.get("refusal_explanation")
        if signed is None:
            return say("not_recorded", "a39_2_receipt_signed.not_recorded", refers_to="39.2", effect="none")
        if signed:
            return say("not_applicable", f"{self.NAME}.signed")
        if present(refusal):
            return say("pass", f"{self.NAME}.explained", {"refusal": refusal}, refusal=refusal)
        # the unsigned receipt is 39.2's finding: here only what is missing besides, the explanation
        return say("fail", f"{self.NAME}.unexplained", refusal=None, refers_to="39.2", effect="none")


class ObtainedDigestsCheck(Check):
    NAME = "a39_4_digests"
    ARTICLE = "39.4"
    KINDS = OBTAINED_KINDS

    def evaluate(self, item, context):
        return digests_result(item)
