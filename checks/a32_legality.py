"""Art. 32 legality: methods and custody, paperwork, records, participants, recording, data from abroad."""

import json
from functools import lru_cache

from checks.base import Check, ManualCheck, present, result
from models.labels import label
from models.resources import resource_path

ACQUISITION_KINDS = frozenset({"seized_media", "media_image", "onsite_extraction", "online_extraction"})
SIGNING_ROLES = ("collector", "witness", "holder")
ROLE_ZH = {"collector": "取证人员", "witness": "见证人", "holder": "持有人（提供人）", "inspector": "检查人员",
           "appraiser": "鉴定人"}


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


def paperwork_result(item: dict, context, group: str, what: str):
    """Art. 32.2 / 32.3: every requirement of the kind met by a listed document whose file exists."""
    rule = required_documents()["kinds"].get(item.get("kind"), {})
    requirements = rule.get(group, [])
    if not requirements:
        return result("not_applicable", f"此类证据无须{what}")
    found = documents_by_kind(item)
    missing, absent_files, met = [], [], []
    for alternatives in requirements:
        paths = [p for kind in alternatives for p in found.get(kind, []) if present(p)]
        if not paths:
            missing.append(alternatives)
            continue
        met.append({"kinds": alternatives, "paths": paths})
        if not any(context.exists(p) for p in paths):
            absent_files.append({"kinds": alternatives, "paths": paths})
    facts = {"required": requirements, "met": met, "missing": missing, "files_absent": absent_files,
             "sources": required_documents()["sources"]}
    if missing:
        return result("fail", f"缺少{what}：" + "、".join("/".join(label("document", k) for k in m) for m in missing), **facts)
    if absent_files:
        return result("fail", f"清单所列{what}文件不存在", **facts)
    return result("pass", f"{what}齐全", **facts)


def signature_result(item: dict, required_roles=SIGNING_ROLES):
    """Participants signed, or their absence explained (Art. 32.4, 34.3, 35.4, 36.4, 37.4)."""
    people = item.get("participants") or []
    if not people:
        return result("not_recorded", "清单未列明取证参与人员")
    unsigned = [p for p in people if not p.get("signed") and not present(p.get("absent_reason"))]
    explained = [p for p in people if not p.get("signed") and present(p.get("absent_reason"))]
    roles = {p.get("role") for p in people}
    absent_roles = [r for r in required_roles if r not in roles]
    facts = {"participants": people, "unsigned": unsigned, "explained": explained, "roles_not_listed": absent_roles}
    if unsigned:
        names = "、".join(f"{ROLE_ZH.get(p.get('role'), p.get('role'))}{p.get('name') or ''}" for p in unsigned)
        return result("fail", f"未签名且未说明原因：{names}", **facts)
    if "collector" in absent_roles:
        return result("fail", "未列明取证人员", **facts)
    if absent_roles:
        return result("warn", "未列明：" + "、".join(ROLE_ZH[r] for r in absent_roles), **facts)
    if explained:
        return result("pass", f"{len(explained)} 人未签名，已说明原因", **facts)
    return result("pass", "参与人员均已签名", **facts)


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
        return paperwork_result(item, context, "procedure", "法律手续")


class RecordsCheck(Check):
    NAME = "a32_3_records"
    ARTICLE = "32.3"

    def evaluate(self, item, context):
        return paperwork_result(item, context, "records", "取证记录")


class ParticipantsCheck(Check):
    NAME = "a32_4_participants"
    ARTICLE = "32.4"

    def evaluate(self, item, context):
        roles = SIGNING_ROLES if item.get("kind") in ACQUISITION_KINDS else ()
        return signature_result(item, roles)


class RecordingCheck(Check):
    NAME = "a32_5_recording"
    ARTICLE = "32.5"

    def evaluate(self, item, context):
        recording = item.get("recording")
        if not recording or recording.get("made") is None:
            return result("not_recorded", "清单未载明是否同步录音录像")
        paths = recording.get("paths") or []
        if recording.get("made"):
            absent = context.missing_paths(paths)
            if not paths or absent:
                return result("fail", "载明已同步录音录像，但录像文件缺失", paths=paths, missing=absent)
            return result("pass", f"已同步录音录像（{len(paths)} 个文件）", paths=paths)
        if present(recording.get("reason_absent")):
            return result("needs_review", f"未同步录音录像，原因：{recording['reason_absent']}；请判断是否属于应当录制的情形",
                          reason=recording["reason_absent"])
        return result("fail", "未同步录音录像，且未说明原因", reason=None)


class CrossBorderCheck(Check):
    NAME = "a32_6_cross_border"
    ARTICLE = "32.6"
    KIND = "manual"

    def applies_to(self, item):
        return bool((item.get("cross_border") or {}).get("is_cross_border"))

    def evaluate(self, item, context):
        reference = (item.get("cross_border") or {}).get("assistance_reference")
        if not present(reference):
            return result("warn", "境外电子数据，未载明司法协作依据", assistance_reference=None)
        return result("needs_review", f"境外电子数据，司法协作依据：{reference}；请审查是否符合规定",
                      assistance_reference=reference)
