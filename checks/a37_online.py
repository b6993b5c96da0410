"""Art. 37 online extraction: source address, access method and time, hashed, signed, process media."""

from checks.a32_legality import signature_result
from checks.a35_image import digests_result
from checks.a36_extraction import process_result
from checks.base import Check, present, result

ONLINE_KINDS = frozenset({"online_extraction"})


class SourceAddressCheck(Check):
    NAME = "a37_1_source_address"
    ARTICLE = "37.1"
    KINDS = ONLINE_KINDS

    def evaluate(self, item, context):
        acquisition = item.get("acquisition")
        if not acquisition:
            return result("not_recorded", "清单未记录在线提取信息")
        facts = {k: acquisition.get(k) for k in ("network_address", "original_path", "entry_steps")}
        if not any(present(v) for v in facts.values()):
            return result("fail", "未记录网络地址、存储路径或进入步骤", **facts)
        return result("pass", "已记录数据来源的网络地址、存储路径或进入步骤", **facts)


class AccessMethodCheck(Check):
    NAME = "a37_2_access_method"
    ARTICLE = "37.2"
    KINDS = ONLINE_KINDS

    def evaluate(self, item, context):
        return process_result(item.get("acquisition"), ("access_method", "started_at", "tool", "method"), "在线提取")


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
            return result("not_recorded", "清单未记录在线提取信息")
        paths = acquisition.get("process_media") or []
        absent = context.missing_paths(paths)
        if absent:
            return result("fail", "清单所列提取过程材料不存在", paths=paths, missing=absent)
        if not paths:
            return result("fail", "未随案移送反映提取过程的拍照、录像、截屏", paths=[])
        return result("pass", f"已随案移送提取过程材料 {len(paths)} 件，请查看", paths=paths)
