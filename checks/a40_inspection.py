"""Art. 40 inspection and investigative experiment: recorded and signed, conditions, environment, objective record."""

from checks.base import Check, present, result

INSPECTION_KINDS = frozenset({"inspection"})


def _record_state(inspection: dict, context) -> tuple[str | None, str]:
    record = inspection.get("record")
    if not present(record):
        return None, "缺少检查、侦查实验记录"
    if not context.exists(record):
        return None, "清单所列检查记录文件不存在"
    return record, ""


class InspectionRecordCheck(Check):
    NAME = "a40_1_inspection_record"
    ARTICLE = "40.1"
    KINDS = INSPECTION_KINDS

    def evaluate(self, item, context):
        inspection = item.get("inspection")
        if not inspection:
            return result("not_recorded", "清单未记录检查信息")
        record, problem = _record_state(inspection, context)
        facts = {"record": inspection.get("record"), "signed": inspection.get("signed")}
        if record is None:
            return result("fail", problem, **facts)
        if inspection.get("signed") is None:
            return result("not_recorded", "清单未载明检查记录是否签名", **facts)
        if not inspection["signed"]:
            return result("fail", "检查记录没有检查人员签名或盖章", **facts)
        return result("pass", "检查记录已附并已签名；请查看记录内容", **facts)


class ExperimentRecordCheck(Check):
    NAME = "a40_2_experiment_record"
    ARTICLE = "40.2"
    KINDS = INSPECTION_KINDS

    def evaluate(self, item, context):
        inspection = item.get("inspection")
        if not inspection or not present(inspection.get("conditions")):
            return result("not_recorded", "清单未记录侦查实验条件（如非侦查实验可不适用）")
        record, problem = _record_state(inspection, context)
        facts = {"conditions": inspection.get("conditions"), "record": inspection.get("record"),
                 "signed": inspection.get("signed")}
        if record is None:
            return result("fail", problem, **facts)
        if inspection.get("signed") is False:
            return result("fail", "侦查实验记录没有参加人员签名或盖章", **facts)
        return result("needs_review", "已记录侦查实验条件，请查看记录中的过程和结果", **facts)


class EnvironmentCheck(Check):
    NAME = "a40_3_environment"
    ARTICLE = "40.3"
    KIND = "manual"
    KINDS = INSPECTION_KINDS

    def evaluate(self, item, context):
        environment = (item.get("inspection") or {}).get("environment")
        if not present(environment):
            return result("not_recorded", "清单未记录检查、侦查实验的设备和网络环境")
        return result("needs_review", "请判断所用设备、网络环境是否与发案现场一致或基本一致", environment=environment)


class ObjectiveRecordCheck(Check):
    NAME = "a40_4_recorded"
    ARTICLE = "40.4"
    KINDS = INSPECTION_KINDS

    def evaluate(self, item, context):
        inspection = item.get("inspection")
        if not inspection:
            return result("not_recorded", "清单未记录检查信息")
        paths = inspection.get("recording") or []
        absent = context.missing_paths(paths)
        if not paths:
            return result("fail", "未以拍照、录像、录音等方式记录检查、侦查实验过程", paths=[])
        if absent:
            return result("fail", "清单所列过程记录文件不存在", paths=paths, missing=absent)
        return result("pass", f"过程记录 {len(paths)} 件已附", paths=paths)
