"""The factory's planted defects: one mutation of the clean case per clause of ARTICLES.md."""

from __future__ import annotations

from datetime import timedelta

from models.bundle.bundle_writer import digests_of
from models.demo import demo_content as c
from models.demo.demo_items import CaseSpec, freeze_expiry
from tests.factory_case import CHAT, FROZEN_AT, OP_LOG, T0


def _set(item_id: str, section: str | None = None, drop=(), **values):
    """A mutation that removes keys from, and sets keys on, an item (or one of its sections)."""
    def mutate(spec: CaseSpec, today) -> None:
        target = spec.item(item_id) if section is None else spec.item(item_id).setdefault(section, {})
        for key in drop:
            target.pop(key, None)
        target.update(values)
    return mutate


def _flip(path: str):
    def mutate(spec: CaseSpec, today) -> None:
        data = bytearray(spec.files[path])
        data[0] ^= 0x01
        spec.files[path] = bytes(data)
    return mutate


def _wrong_recorded(spec, today):
    entry = spec.item("E3")["content"][0]
    entry["digests"] = dict(entry["digests"], sha256="0" * 64)


def _added(spec, today):
    spec.put("evidence/E1/extra.txt", b"unlisted\n", T0 + timedelta(days=1))


def _backup_differs(spec, today):
    path = "evidence/E9/chat.txt"
    spec.files[path] = CHAT.replace("10000".encode(), "19000".encode())
    entry = next(e for e in spec.item("E9")["content"] if e["path"] == path)
    entry.update(size=len(spec.files[path]), digests=digests_of(spec.files[path]))


def _log_after_freeze(spec, today):
    late = OP_LOG + [(FROZEN_AT + timedelta(days=2), "zhang0101", "删除", "cloud.csv")]
    spec.files["documents/E5-oplog.csv"] = c.operation_log_csv(late).encode("utf-8")


def _drop_document(item_id: str, kind: str):
    def mutate(spec: CaseSpec, today) -> None:
        item = spec.item(item_id)
        item["documents"] = [d for d in item["documents"] if d["kind"] != kind]
        spec.drop(f"documents/{item_id}-{kind}.pdf")
    return mutate


def _changed_since_freeze(spec, today):
    path = "evidence/E5/cloud.csv"
    spec.files[path] += "zhang0101,new.csv\n".encode("utf-8")
    entry = spec.item("E5")["content"][0]
    entry.update(size=len(spec.files[path]), digests=digests_of(spec.files[path]))


def _misleading_extension(spec, today):
    path = spec.put("evidence/E1/photo2.jpg", c.sqlite_bytes([("李某", "13900000000")]), T0 - timedelta(days=3))
    spec.item("E1")["content"].append({"path": path, "type": "file", "digests": digests_of(spec.files[path])})


def _expiring(spec, today):
    spec.item("E5")["freeze"]["expires_at"] = freeze_expiry(5, today)


def _material_differs(spec, today):
    digests = spec.item("E8")["appraisal"]["material_digests"]["evidence/E1/chat.txt"]
    digests["sha256"] = "0" * 64


def _unsigned_holder(spec, today):
    holder = next(p for p in spec.item("E1")["participants"] if p["role"] == "holder")
    holder.update(signed=False)


def _both(*mutations):
    def mutate(spec: CaseSpec, today) -> None:
        for mutation in mutations:
            mutation(spec, today)
    return mutate


def _one_collector(spec, today):
    item = spec.item("E1")
    collectors = [p for p in item["participants"] if p["role"] == "collector"]
    item["participants"] = [p for p in item["participants"] if p["role"] != "collector"] + collectors[:1]


# article -> (item, expected status, description, mutation)
_PLANTS = {
    "30.1": ("E1", "fail", "原始介质未移送且未说明原因", _set("E1", "media", original_transferred=False)),
    "30.3": ("E3", "warn", "未记录提取工具的版本和操作步骤", _set("E3", "acquisition", drop=("tool_version", "steps"))),
    "31.2-recorded": ("E3", "fail", "记录的 SHA-256 无法复现", _wrong_recorded),
    "30.4": ("E1", "fail", "增加了清单未列明的文件 evidence/E1/extra.txt", _added),
    "30.4-deleted": ("E3", "fail", "清单列明的 evidence/E3/contacts.csv 不存在", lambda s,
                     t: s.drop("evidence/E3/contacts.csv")),
    "31.2": ("E1", "fail", "evidence/E1/chat.txt 改动一个字节，哈希值不符", _flip("evidence/E1/chat.txt")),
    "31.3": ("E9", "fail", "备份 E9 与原件 E1 的 chat.txt 不一致", _backup_differs),
    "31.4": ("E5", "fail", "冻结后操作日志仍有记录", _log_after_freeze),
    "32.2": ("E1", "fail", "缺少扣押清单", _drop_document("E1", "seizure_list")),
    "32.3": ("E3", "fail", "缺少提取笔录", _drop_document("E3", "extraction_record")),
    "32.4": ("E1", "fail", "只有一名侦查人员收集、提取，持有人也未签名且未注明原因（后者见第三十四条第（三）项）",
             _both(_one_collector, _unsigned_holder)),
    "34.3": ("E1", "fail", "持有人未签名且未注明原因", _unsigned_holder),
    "32.5": ("E1", "fail", "未同步录音录像且未说明原因", _set("E1", "recording", drop=("paths",), made=False)),
    "32.6": ("E4", "warn", "境外取证，未注明司法协助依据", _set("E4", cross_border={"is_cross_border": True})),
    "34.1": ("E1", "fail", "介质未记载品牌、型号、序列号", _set("E1", "media", drop=("brand", "model", "serial"))),
    "34.2": ("E1", "fail", "已封存但缺少封存后照片", _set("E1", "sealing", drop=("photos_after",))),
    "35.1": ("E2", "fail", "镜像未记载存放地点、保管人", _set("E2", "media", drop=("location", "custodian"))),
    "35.2": ("E2", "fail", "未记录制作镜像的工具和方法",
             _set("E2", "acquisition", drop=("tool", "tool_version", "method", "steps"))),
    "36.2": ("E3", "fail", "未记录原始存储路径、提取工具和方法",
             _set("E3", "acquisition", drop=("original_path", "tool", "method", "steps"))),
    "37.1": ("E4", "fail", "未记录网络地址和进入步骤",
             _set("E4", "acquisition", drop=("network_address", "entry_steps", "original_path"))),
    "37.2": ("E4", "fail", "未记录远程访问方式和提取工具",
             _set("E4", "acquisition", drop=("access_method", "tool", "tool_version"))),
    "37.5": ("E4", "fail", "在线提取无过程截图或录像", _set("E4", "acquisition", drop=("process_media",))),
    "38.3": ("E5", "warn", "冻结期限 5 天后届满", _expiring),
    "38.4": ("E5", "fail", "冻结期间数据被改动", _changed_since_freeze),
    "39.1": ("E6", "fail", "调取证据通知书未注明所调取的数据", _set("E6", "obtain", notice_lists_data=False)),
    "39.2": ("E6", "warn", "回执未签名（已说明拒签原因）",
             _set("E6", "obtain", receipt_signed=False, refusal_explanation="拒绝签名")),
    "39.3": ("E6", "fail", "回执未签名且未说明原因", _set("E6", "obtain", receipt_signed=False)),
    "40.1": ("E7", "fail", "检查笔录未签名", _set("E7", "inspection", signed=False)),
    "41.2": ("E8", "fail", "鉴定检材哈希值与原始数据不一致", _material_differs),
    "41.4": ("E8", "fail", "鉴定意见缺少过程与签名",
             _set("E8", "appraisal", opinion_fields=["client", "date", "material", "result"])),
    "42": ("E3", "needs_review", "行政机关收集的数据", _set("E3", source="administrative")),
    "45": ("E1", "fail", "扩展名 .jpg 的文件实为 SQLite 数据库（类别、格式注明不清）", _misleading_extension),
}
DEFECTS = {article: plant[:3] for article, plant in _PLANTS.items()}
