"""The rules a JSON Schema cannot say: unique ids, references, paths inside the bundle, real times."""

from itertools import chain
from pathlib import Path

from models.bundle.manifest_wording import json_path, quoted
from models.bundle.safepath import SafePathError, resolve_inside
from models.common.timeutil import is_known_zone, parse_manifest_time

_TIME_FIELDS = {
    ("case",): ["prepared_at"],
    ("sealing",): ["sealed_at"],
    ("acquisition",): ["started_at", "finished_at"],
    ("freeze",): ["frozen_at", "expires_at"],
    ("appraisal",): ["commissioned_at"],
}


def _unique_ids(records: list, where: str) -> list:
    seen, problems = set(), []
    for index, record in enumerate(records):
        rid = record.get("id")
        if rid in seen:
            problems.append((json_path([where, index, "id"]), f"编号 {quoted(rid)} 重复",
                             f"id {quoted(rid)} is not unique"))
        seen.add(rid)
    return problems


def item_paths(item: dict):
    """Every (json path parts, bundle-relative path) an item names."""
    for i, entry in enumerate(item.get("content", [])):
        yield ["content", i, "path"], entry.get("path")
        if "digest_list" in entry:
            yield ["content", i, "digest_list"], entry["digest_list"]
    for key in ("photos_before", "photos_after"):
        for i, p in enumerate(item.get("sealing", {}).get(key, [])):
            yield ["sealing", key, i], p
    for i, p in enumerate(item.get("acquisition", {}).get("process_media", [])):
        yield ["acquisition", "process_media", i], p
    for section, keys in (("freeze", ("notice", "operation_log")), ("obtain", ("notice",)),
                          ("inspection", ("record",)), ("appraisal", ("report",))):
        for key in keys:
            if key in item.get(section, {}):
                yield [section, key], item[section][key]
    for section, key in (("freeze", "digests_at_freeze"), ("appraisal", "material_digests")):
        for p in item.get(section, {}).get(key, {}):
            yield [section, key, p], p
    for i, p in enumerate(item.get("inspection", {}).get("recording", [])):
        yield ["inspection", "recording", i], p
    for i, doc in enumerate(item.get("documents", [])):
        if "path" in doc:
            yield ["documents", i, "path"], doc["path"]
    for i, p in enumerate(item.get("recording", {}).get("paths", [])):
        yield ["recording", "paths", i], p
    for i, change in enumerate(item.get("changes", [])):
        if "path" in change:
            yield ["changes", i, "path"], change["path"]


def _path_problems(data: dict, root: Path) -> list:
    problems = []
    for index, item in enumerate(data.get("items", [])):
        for parts, rel in item_paths(item):
            try:
                resolve_inside(root, rel)
            except SafePathError as exc:
                problems.append((json_path(["items", index, *parts]), exc.rule_zh, exc.rule_en))
    return problems


def _time_problems(data: dict) -> list:
    problems = []
    places = chain([(["case"], data.get("case", {}))],  # a generator: four sections an item, never all at once
                   ((["items", i, s], item.get(s, {})) for i, item in enumerate(data.get("items", []))
                    for s in ("sealing", "acquisition", "freeze", "appraisal")))
    for parts, section in places:
        for key in _TIME_FIELDS.get((parts[-1],), []):
            if key in section:
                try:
                    parse_manifest_time(section[key])
                except ValueError as exc:
                    zh, en = _time_reason(str(exc))
                    problems.append((json_path([*parts, key]), f"时间无效（{zh}）：{quoted(section[key])}",
                                     f"not a valid time ({en}): {quoted(section[key])}"))
    return problems


def _time_reason(error: str) -> tuple[str, str]:
    """Why parse_manifest_time refused a time, from its ValueError's text."""
    if error.startswith("time out of range"):
        return "须在公元 2 年至 9998 年之间", "it must lie between the years 2 and 9998"
    if error.startswith("time without offset"):
        return "缺少时区偏移", "it has no offset"
    return "日期、时刻或时区偏移不存在", "no such date, time of day or offset"


def _reference_problems(data: dict) -> list:
    problems = []
    item_ids = {i.get("id") for i in data.get("items", [])}
    party_ids = {p.get("id") for p in data.get("parties", [])}
    for index, item in enumerate(data.get("items", [])):
        backup = item.get("backup_of")
        if backup is not None and (backup not in item_ids or backup == item.get("id")):
            problems.append((json_path(["items", index, "backup_of"]), f"backup_of 指向不存在的证据项 {quoted(backup)}",
                             f"backup_of names no other item: {quoted(backup)}"))
        for j, pid in enumerate(item.get("related_parties", [])):
            if pid not in party_ids:
                problems.append((json_path(["items", index, "related_parties", j]),
                                 f"related_parties 指向不存在的当事人 {quoted(pid)}",
                                 f"no party with id {quoted(pid)}"))
    return problems


def item_problems(item: dict, root: Path) -> list:
    """The per-item part of semantic_errors (real times, paths inside the bundle) for one schema-valid item."""
    one = {"items": [item]}
    return _time_problems(one) + _path_problems(one, root)


def semantic_errors(data: dict, root: Path) -> list:
    """All cross-field problems, as (json_path, rule_zh, rule_en)."""
    problems = _unique_ids(data.get("items", []), "items") + _unique_ids(data.get("parties", []), "parties")
    problems += _reference_problems(data)
    tz = data.get("case", {}).get("timezone")
    if tz is not None and not is_known_zone(tz):
        problems.append(("$.case.timezone", f"未知时区 {quoted(tz)}", f"unknown IANA time zone {quoted(tz)}"))
    problems += _time_problems(data)
    problems += _path_problems(data, root)
    return problems
