"""Art. 32 legality: methods and custody, paperwork, records, participants, recording, data from abroad."""

import json
from functools import lru_cache

from checks.articles.common import EXCUSABLE_ROLES, signature_result
from checks.base import KINDS_ALL, Check, ManualCheck, correction, present, say
from models.common.resources import resource_path

MIN_COLLECTORS = 2  # 2016 rules Art. 7: 收集、提取电子数据，应当由二名以上侦查人员进行 (resources/law/rules_2016.json)
# the clause that owns the signatures of the record for each kind; 32.4 owns them for the other kinds
SIGNATURE_CLAUSES = {"seized_media": "34.3", "media_image": "35.4", "onsite_extraction": "36.4",
                     "online_extraction": "37.4"}


@lru_cache(maxsize=1)
def required_documents() -> dict:
    """resources/required_documents.json: document kinds required per acquisition kind, with its sources."""
    return json.loads(resource_path("required_documents.json").read_text(encoding="utf-8"))


def _field(item: dict, dotted: str):
    value = item
    for part in dotted.split("."):
        value = (value or {}).get(part) if isinstance(value, dict) else None
    return value


def documents_by_kind(item: dict) -> dict[str, list[str]]:
    """Document kind -> paths, from documents[] and the manifest fields that name a document."""
    found: dict[str, list[str]] = {}
    for doc in item.get("documents") or []:
        found.setdefault(doc.get("kind"), []).append(doc.get("path"))
    for kind, dotted in required_documents()["fields"].items():
        path = _field(item, dotted)
        if present(path):
            found.setdefault(kind, []).append(path)
    return found


def paperwork_result(item: dict, context, group: str, name: str):
    """Art. 32.2 / 32.3: every requirement of the kind met by a listed document whose file exists."""
    rule = required_documents()["kinds"].get(item.get("kind"), {})
    requirements = rule.get(group, [])
    if not requirements:
        return say("not_applicable", f"{name}.none_required")
    found = documents_by_kind(item)
    missing, absent_files, met = [], [], []
    for alternatives in requirements:
        paths = list(dict.fromkeys(p for kind in alternatives for p in found.get(kind, []) if present(p)))
        if not paths:
            missing.append(alternatives)
            continue
        met.append({"kinds": alternatives, "paths": paths})
        if not any(context.exists(p) for p in paths):
            absent_files.append({"kinds": alternatives, "paths": paths})
    facts = {"required": requirements, "met": met, "missing": missing, "files_absent": absent_files,
             "sources": required_documents()["sources"]}
    if missing:
        firsts = [m[0] for m in missing]
        return say("fail", f"{name}.missing", {"documents": firsts}, **facts,
                   corrections=[correction("paperwork.correct_missing", documents=m) for m in firsts])
    if absent_files:
        paths = [p for a in absent_files for p in a["paths"]]
        return say("fail", f"{name}.files_absent", {"files": paths}, **facts, files=paths,
                   corrections=[correction("paperwork.correct_absent", files=paths)])
    return say("pass", f"{name}.complete", **facts)


class MethodCustodyCheck(ManualCheck):
    NAME = "a32_1_method_custody"
    ARTICLE = "32.1"
    KIND = "assisted"

    def facts(self, item, context):
        acquisition = item.get("acquisition") or {}
        keys = ("method", "tool", "tool_version", "steps", "performed_by", "started_at", "finished_at")
        return {k: acquisition.get(k) for k in keys} | {"custodian": (item.get("media") or {}).get("custodian")}


class PaperworkCheck(Check):
    NAME = "a32_2_paperwork"
    ARTICLE = "32.2"

    def evaluate(self, item, context):
        return paperwork_result(item, context, "procedure", self.NAME)


class RecordsCheck(Check):
    NAME = "a32_3_records"
    ARTICLE = "32.3"

    def evaluate(self, item, context):
        return paperwork_result(item, context, "records", self.NAME)


class ParticipantsCheck(Check):
    """32.4: lawful participants took part: two or more investigators where data is collected or extracted (2016
    rules Art. 7), a witness and the holder or their absence explained. The signatures are the kind's own clause
    (34.3-37.4), referred to here; for the other kinds 32.4 checks them too."""

    NAME = "a32_4_participants"
    ARTICLE = "32.4"

    def evaluate(self, item, context):
        kind = item.get("kind")
        if kind not in SIGNATURE_CLAUSES:
            return signature_result(item, ())
        people = item.get("participants") or []
        if not people:
            return say("not_recorded", "signatures.not_recorded", corrections=[correction("signatures.correct_list")])
        collectors = [p for p in people if p.get("role") == "collector"]
        facts = {"participants": people, "collectors": len(collectors), "refers_to": SIGNATURE_CLAUSES[kind]}
        if len(collectors) < MIN_COLLECTORS:
            return say("fail", f"{self.NAME}.too_few_collectors", {"count": len(collectors)}, **facts,
                       effect="43.4", law=law_quote("7"),
                       corrections=[correction(f"{self.NAME}.correct_collectors")])
        absent = [r for r in EXCUSABLE_ROLES if r not in {p.get("role") for p in people}]
        if absent:
            return say("warn", "signatures.roles_not_listed", {"roles": absent}, **facts,
                       corrections=[correction("signatures.correct_roles", roles=absent)])
        return say("pass", f"{self.NAME}.took_part", {"count": len(collectors),
                                                       "clause": SIGNATURE_CLAUSES[kind]}, **facts)


def law_quote(article: str) -> dict:
    """An article of the 2016 electronic-data rules as kept in resources/law/rules_2016.json (quote, sources)."""
    rules = json.loads(resource_path("law", "rules_2016.json").read_text(encoding="utf-8"))
    return {"title": rules["title"], "article": article, **rules["articles"][article]}


class RecordingCheck(Check):
    NAME = "a32_5_recording"
    ARTICLE = "32.5"
    KINDS = KINDS_ALL - {"appraisal"}  # an appraisal opinion is no collection or extraction to record

    def evaluate(self, item, context):
        recording = item.get("recording")
        if not recording or recording.get("made") is None:
            return say("not_recorded", f"{self.NAME}.not_recorded",
                       corrections=[correction(f"{self.NAME}.correct_state")])
        paths = recording.get("paths") or []
        if recording.get("made"):
            absent = context.missing_paths(paths)
            if not paths or absent:
                return say("fail", f"{self.NAME}.files_absent", paths=paths, missing=absent, files=absent,
                           corrections=[correction(f"{self.NAME}.correct_files")])
            return say("pass", f"{self.NAME}.made", {"count": len(paths)}, paths=paths)
        if present(recording.get("reason_absent")):
            return say("needs_review", f"{self.NAME}.reason", {"reason": recording["reason_absent"]},
                       reason=recording["reason_absent"])
        return say("fail", f"{self.NAME}.no_reason", reason=None,
                   corrections=[correction(f"{self.NAME}.correct_reason")])


class CrossBorderCheck(Check):
    NAME = "a32_6_cross_border"
    ARTICLE = "32.6"
    KIND = "manual"

    def applies_to(self, item):
        return bool((item.get("cross_border") or {}).get("is_cross_border"))

    def evaluate(self, item, context):
        reference = (item.get("cross_border") or {}).get("assistance_reference")
        if not present(reference):
            return say("warn", f"{self.NAME}.no_basis", assistance_reference=None,
                       corrections=[correction(f"{self.NAME}.correct_basis")])
        return say("needs_review", f"{self.NAME}.basis", {"reference": reference}, assistance_reference=reference)
