"""Art. 39 obtained data: notice names the data, receipt signed, refusal explained, integrity ensured."""

from checks.a35_image import digests_result
from checks.base import Check, present, result

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
            return result("fail", "清单所列调取证据通知书文件不存在", **facts)
        if obtain.get("notice_lists_data") is None:
            return result("not_recorded", "清单未载明调取证据通知书是否注明所调取的数据", **facts)
        if not obtain["notice_lists_data"]:
            return result("fail", "调取证据通知书未注明所调取电子数据的相关信息", **facts)
        return result("pass", "调取证据通知书已注明所调取的电子数据", **facts)


class ReceiptSignedCheck(Check):
    NAME = "a39_2_receipt_signed"
    ARTICLE = "39.2"
    KINDS = OBTAINED_KINDS

    def evaluate(self, item, context):
        obtain = item.get("obtain") or {}
        signed, refusal = obtain.get("receipt_signed"), obtain.get("refusal_explanation")
        if signed is None:
            return result("not_recorded", "清单未载明回执是否签名", receipt_signed=None)
        if signed:
            return result("pass", "被调取单位、个人已在回执上签名或盖章", receipt_signed=True)
        if present(refusal):
            return result("warn", "回执未签名，已说明原因（见第三十九条第三项）", receipt_signed=False, refusal=refusal)
        return result("fail", "回执未签名或盖章", receipt_signed=False, refusal=None)


class RefusalExplainedCheck(Check):
    NAME = "a39_3_refusal_explained"
    ARTICLE = "39.3"
    KINDS = OBTAINED_KINDS

    def evaluate(self, item, context):
        obtain = item.get("obtain") or {}
        signed, refusal = obtain.get("receipt_signed"), obtain.get("refusal_explanation")
        if signed is None:
            return result("not_recorded", "清单未载明回执是否签名")
        if signed:
            return result("not_applicable", "回执已签名，无拒绝签名情形")
        if present(refusal):
            return result("pass", f"拒绝签名已说明：{refusal}", refusal=refusal)
        return result("fail", "拒绝签名、盖章，未予说明", refusal=None)


class ObtainedDigestsCheck(Check):
    NAME = "a39_4_digests"
    ARTICLE = "39.4"
    KINDS = OBTAINED_KINDS

    def evaluate(self, item, context):
        return digests_result(item)
