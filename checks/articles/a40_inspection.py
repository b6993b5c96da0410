"""Art. 40 inspection and investigative experiment: recorded and signed, conditions, environment, objective record."""

from checks.base import Check, correction, present, say

INSPECTION_KINDS = frozenset({"inspection"})


def _record_state(inspection: dict, context) -> tuple[str | None, str]:
    record = inspection.get("record")
    if not present(record):
        return None, "inspection.no_record"
    if not context.exists(record):
        return None, "inspection.record_absent"
    return record, ""


def _record_problem(key: str, inspection: dict, facts: dict):
    """A missing record is 32.3's finding (取证记录): referred to, not counted again."""
    record = inspection.get("record")
    files = [record] if key == "inspection.record_absent" else []
    return say("fail", key, **facts, files=files, refers_to="32.3", effect="none")


class InspectionRecordCheck(Check):
    NAME = "a40_1_inspection_record"
    ARTICLE = "40.1"
    KINDS = INSPECTION_KINDS

    def evaluate(self, item, context):
        inspection = item.get("inspection")
        if not inspection:
            return say("not_recorded", "inspection.not_recorded")
        record, problem = _record_state(inspection, context)
        facts = {"record": inspection.get("record"), "signed": inspection.get("signed")}
        if record is None:
            return _record_problem(problem, inspection, facts)
        if inspection.get("signed") is None:
            return say("not_recorded", f"{self.NAME}.signed_unknown", **facts,
                       corrections=[correction(f"{self.NAME}.correct")])
        if not inspection["signed"]:
            return say("fail", f"{self.NAME}.unsigned", **facts, files=[record],
                       corrections=[correction(f"{self.NAME}.correct")])
        return say("pass", f"{self.NAME}.signed", **facts)


class ExperimentRecordCheck(Check):
    NAME = "a40_2_experiment_record"
    ARTICLE = "40.2"
    KINDS = INSPECTION_KINDS

    def evaluate(self, item, context):
        inspection = item.get("inspection")
        if not inspection or not present(inspection.get("conditions")):
            return say("not_recorded", f"{self.NAME}.not_recorded")
        record, problem = _record_state(inspection, context)
        facts = {"conditions": inspection.get("conditions"), "record": inspection.get("record"),
                 "signed": inspection.get("signed")}
        if record is None:
            return _record_problem(problem, inspection, facts)
        if inspection.get("signed") is False:  # the unsigned record is 40.1's finding
            return say("fail", f"{self.NAME}.unsigned", **facts, refers_to="40.1", effect="none")
        return say("needs_review", f"{self.NAME}.review", **facts)


class EnvironmentCheck(Check):
    NAME = "a40_3_environment"
    ARTICLE = "40.3"
    KIND = "manual"
    KINDS = INSPECTION_KINDS

    def evaluate(self, item, context):
        environment = (item.get("inspection") or {}).get("environment")
        if not present(environment):
            return say("not_recorded", f"{self.NAME}.not_recorded", corrections=[correction(f"{self.NAME}.correct")])
        return say("needs_review", f"{self.NAME}.review", environment=environment)


class ObjectiveRecordCheck(Check):
    NAME = "a40_4_recorded"
    ARTICLE = "40.4"
    KINDS = INSPECTION_KINDS

    def evaluate(self, item, context):
        inspection = item.get("inspection")
        if not inspection:
            return say("not_recorded", "inspection.not_recorded")
        paths = inspection.get("recording") or []
        absent = context.missing_paths(paths)
        if not paths:
            return say("fail", f"{self.NAME}.none", paths=[], corrections=[correction(f"{self.NAME}.correct")])
        if absent:
            return say("fail", f"{self.NAME}.files_absent", paths=paths, missing=absent, files=absent,
                       corrections=[correction("paperwork.correct_absent", files=absent)])
        return say("pass", f"{self.NAME}.present", {"count": len(paths)}, paths=paths)
