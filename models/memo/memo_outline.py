"""What the memo concludes per item and asks of others: the conclusion (the reviewer's, else the program's
proposal), the Art. 16 tasks for the investigating organ, the Art. 47 court-presentation outline."""

from __future__ import annotations

import json
from functools import lru_cache

from models.common.labels import label
from models.common.resources import resource_path

HEADINGS = ("subject_identity", "objective_act", "subjective_intent", "circumstances")
_FILE_KEYS = ("problems", "changed", "added", "deleted", "modified", "unexplained", "undisplayable", "differences")
# the task asked of the investigating organ when a clause is a curable defect (Art. 43), in its words
TASKS = {
    "a30_1_original_media": "移送原始存储介质；确实无法移送的，说明原因并注明原始存储介质的存放地点",
    "a31_1_seal_intact": "补充提供原始存储介质封存前后的照片及封存笔录，或者就未以封存状态移送作出合理解释",
    "a34_2_sealing": "补充提供原始存储介质封存前后的照片及封存笔录，或者就未以封存状态移送作出合理解释",
    "a32_1_method_custody": "补充说明电子数据收集、提取、保管的方法和过程",
    "a32_3_records": "补充提供勘验笔录、搜查笔录、提取笔录等取证记录",
    "a32_5_recording": "补充提供取证过程的同步录音录像，或者说明未录制的原因",
    "a34_1_media_described": "补充说明原始存储介质的品牌、型号、容量、序列号等外观信息",
    "a35_1_media_described": "补充说明原始存储介质的情况及镜像的存放地点、使用人、保管人",
    "a36_1_media_described": "补充说明原始存储介质的情况及提取数据的原始存储路径",
    "a37_5_process_media": "补充提供反映在线提取过程的拍照、录像或者截屏",
    "a39_2_receipt_signed": "补充提供经被调取单位或者个人签名、盖章的调取证据回执",
    "a39_3_refusal_explained": "说明被调取单位或者个人拒绝签名、盖章的情况",
    "a31_4_operation_log": "说明冻结后产生新的操作日志的原因，并提供相关操作记录",
    "a45_undisplayable": "提供无法直接展示的电子数据的内容、存储位置、附属信息、功能作用等情况的说明",
    "a31_2_digests": "补充提供电子数据的完整性校验值，或者就校验值不一致的情形作出说明",
    "a30_3_reproducible": "补充提供电子数据的完整性校验值及收集、提取所用的工具和方法",
}
CHANGE_CHECKS = ("a31_2_digests", "a30_4_changes_explained", "a30_3_reproducible", "a31_3_backup",
                 "a38_4_freeze_unchanged", "a41_2_material_consistent")
SUMMARIES = ("a30_5_integrity",)  # sums up Art. 31: its own defects are asked under their clauses
ASKED = ("a32_2_paperwork", "a32_4_participants", "a34_3_signatures", "a35_4_signatures", "a36_4_signatures",
         "a37_4_signatures", "a40_1_inspection_record", "a41_4_opinion_complete")
DEFECT_BASIS = {"a30_1_original_media": "43.1", "a31_1_seal_intact": "43.1", "a34_2_sealing": "43.1",
                "a32_4_participants": "43.2", "a34_3_signatures": "43.2", "a35_4_signatures": "43.2",
                "a36_4_signatures": "43.2", "a37_4_signatures": "43.2", "a39_2_receipt_signed": "43.2",
                "a39_3_refusal_explained": "43.2", "a40_1_inspection_record": "43.2",
                "a34_1_media_described": "43.3", "a35_1_media_described": "43.3", "a36_1_media_described": "43.3",
                "a45_undisplayable": "43.3"}  # as checks.outcome sorts them (Art. 43(1)-(3)); the rest 43(4)
UNSIGNED_TASK = "由{names}在笔录或者清单上补签，或者说明未签名、盖章的原因"
ROUTE_44_2 = ("对所列文件通过司法鉴定、当事人确认等方式确定与案件相关的重要数据是否发生变化，或者还原电子数据原始状态、"
              "查清变化过程")


def reason_basis(reason: dict) -> str:
    """A reason's article code: "basis" in the old proposals, "effect" in the new ("43.2", "44.1", "interp98.7";
    "review", "unverified", "alert" and "none" are no basis)."""
    code = str(reason.get("basis") or reason.get("effect") or "")
    return code if code[:1].isdigit() or code.startswith("interp") else ""


@lru_cache(maxsize=1)
def _wording() -> dict:
    return json.loads(resource_path("checks", "wording.json").read_text(encoding="utf-8"))


def check_title(name: str) -> str:
    return (_wording().get(name) or {}).get("title_zh") or ""


def facts_files(facts) -> list[str]:
    """The bundle paths a clause's facts name (problems, changes, undisplayable files...)."""
    if not isinstance(facts, dict):
        return []
    paths = []
    for key in _FILE_KEYS:
        rows = facts.get(key)
        for row in rows if isinstance(rows, list) else []:
            if isinstance(row, dict) and row.get("path") and row["path"] not in paths:
                paths.append(row["path"])
    anomalies = facts.get("anomalies")
    for anomaly in anomalies if isinstance(anomalies, list) else []:
        if isinstance(anomaly, dict) and anomaly.get("path") and anomaly["path"] not in paths:
            paths.append(anomaly["path"])
    return paths


def conclusion(entry: dict) -> dict:
    """The reviewer's outcome where recorded, else the program's proposal (decided False)."""
    own, proposal = entry["outcome"], entry["proposal"]
    if own["decided"]:
        outcome = {"defect": "correctable"}.get(own["outcome"], own["outcome"])
        basis = [b for b in str(own["basis"] or "").replace("；", ";").split(";") if b.strip()]
        return {"outcome": outcome, "decided": True, "basis": basis, "reason": own["reason"],
                "corrections": own["corrections"], "route_44_2": proposal["route_44_2"],
                "files": proposal["files"], "reviewer": own["reviewer"], "decided_at": own["decided_at"]}
    return {"outcome": proposal["proposal"], "decided": False, "basis": proposal["basis"], "reason": None,
            "corrections": proposal["corrections"], "route_44_2": proposal["route_44_2"],
            "files": proposal["files"], "reviewer": None, "decided_at": None}


def _clause(entry: dict, check: str) -> dict:
    return next((c for c in entry["clauses"] if c["check"] == check), {})


def _reason_task(entry: dict, reason: dict) -> dict | None:
    """One curable defect's task; None for what is not a task of the investigating organ."""
    check = reason.get("check") or ""
    basis = reason_basis(reason) or DEFECT_BASIS.get(check, "43.4")
    clause = _clause(entry, check)
    facts = clause.get("facts") if isinstance(clause.get("facts"), dict) else {}
    files = list(reason.get("files") or facts_files(facts))
    unsigned = [u for u in (facts or {}).get("unsigned") or [] if isinstance(u, dict)]
    if unsigned:
        names = "、".join(f"{label('role', u.get('role'), 'zh')}{u.get('name') or ''}" for u in unsigned)
        return {"text": UNSIGNED_TASK.format(names=names), "basis": basis or "43.2", "files": files}
    if check == "a32_2_paperwork" and facts.get("missing"):
        kinds = "或".join(label("document", k, "zh") for group in facts["missing"] for k in group)
        return {"text": f"补充提供{kinds}", "basis": basis or "43.4", "files": files}
    if check == "a41_4_opinion_complete" and facts.get("missing"):
        parts = "、".join(label("opinion_field", k, "zh") for k in facts["missing"])
        return {"text": f"补充提供载明{parts}的完整鉴定意见", "basis": basis or "43.4", "files": files}
    if check in TASKS:
        return {"text": TASKS[check], "basis": basis or "43.4", "files": files}
    if basis.startswith("43"):
        title = check_title(check) or reason.get("article") or ""
        return {"text": f"就“{title}”存在的问题补正或者作出合理解释", "basis": basis, "files": files}
    return None


def changed_files(entry: dict) -> list[str]:
    """The files an Art. 44 question concerns: the proposal's, else those the digest and change clauses name."""
    files = list(entry["conclusion"]["files"] or [])
    for reason in entry["proposal"]["reasons"]:
        files += [f for f in reason.get("files") or [] if f not in files]
    if not files:
        for c in entry["clauses"]:
            if c["check"] in CHANGE_CHECKS and c["auto_status"] in ("fail", "warn"):
                files += [f for f in facts_files(c["facts"]) if f not in files]
    return files


def _tasks(entry: dict) -> list[dict]:
    c = entry["conclusion"]
    tasks = [{"text": t, "basis": "", "files": []} for t in c["corrections"]]
    if not tasks:  # the proposal's curable defects, and those an exclusion left unnamed, each as a task
        reasons = list(entry["proposal"]["reasons"])
        named = {r.get("check") for r in reasons}
        reasons += [{"check": cl["check"], "article": cl["article"], "basis": ""} for cl in entry["clauses"]
                    if cl["auto_status"] in ("fail", "error") and cl["check"] not in named
                    and cl["check"] not in CHANGE_CHECKS and (cl["check"] in TASKS or cl["check"] in ASKED)]
        for reason in reasons:
            code = reason_basis(reason)
            if reason.get("check") in SUMMARIES or code.startswith(("44", "interp")) or (
                    "effect" in reason and not code.startswith("43")):
                continue
            task = _reason_task(entry, reason)
            if task and all(task["text"] != t["text"] for t in tasks):
                tasks.append(task)
    if c["route_44_2"] or (c["outcome"] == "excluded" and not c["basis"]) or any(
            b in ("44.1", "44.2") for b in c["basis"]):  # the route is the task; its description is in 六
        tasks.append({"text": ROUTE_44_2, "basis": "44.2", "files": changed_files(entry)})
    return tasks


def art16(items: list[dict]) -> list[dict]:
    """Per item, the tasks asked of the investigating organ: curable defects and open Art. 44(2) routes only;
    nothing for an item concluded admissible without corrections, never the reviewer's own questions."""
    outline = []
    for entry in items:
        c = entry["conclusion"]
        if c["outcome"] == "admissible" and not c["corrections"]:
            continue
        tasks = _tasks(entry)
        if tasks:
            outline.append({"item": entry["id"], "title": entry["title"], "decided": c["decided"], "tasks": tasks})
    return outline


def _source(entry: dict, manifest: dict) -> str:
    acq = manifest.get("acquisition") or {}
    parts = [entry["kind_zh"]]
    if acq.get("method"):
        parts.append(f"方法：{acq['method']}")
    if acq.get("tool"):
        parts.append("工具：" + " ".join(x for x in (acq["tool"], acq.get("tool_version")) if x))
    if acq.get("performed_by"):
        parts.append(f"取证人：{acq['performed_by']}")
    return "；".join(parts)


def art47(items: list[dict], bundle) -> list[dict]:
    """For each item that may be used (admissible or correctable), the outline under Art. 47's own headings."""
    outline = []
    usable = [e for e in items if e["conclusion"]["outcome"] in ("admissible", "correctable")]
    for entry in usable:
        manifest = bundle.item(entry["id"]) or {}
        facts = [{"heading": h, "path": t["path"], "note": t["note"], "deleted": t.get("deleted", False)}
                 for h in HEADINGS for t in entry["relevant"][h]]
        headings = {f["heading"] for f in facts}
        others = [f"证据{o['id']}（{o['title']}）" for o in usable
                  if o is not entry and any(o["relevant"][h] for h in headings)]
        undisplayable = _clause(entry, "a45_undisplayable").get("auto_status") not in (None, "pass", "not_applicable")
        technical = undisplayable or entry["kind"] in ("media_image", "appraisal")
        outline.append({"item": entry["id"], "title": entry["title"], "decided": entry["conclusion"]["decided"],
                        "source": _source(entry, manifest), "facts": facts,
                        "corroboration": others + [f"当事人{p}" for p in entry["parties"]],
                        "presentation": "动态演示" if undisplayable else "多媒体示证",
                        "technical": technical})
    return outline
