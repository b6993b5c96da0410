"""Art. 31 integrity: seal intact, digests unchanged, original equals backup, no operation log after freezing."""

import csv
import io
from datetime import datetime
from pathlib import PurePosixPath

from checks.base import Check, present, result

PROBLEM_STATUSES = ("mismatch", "missing", "unreadable", "unlisted")
SIDE_SOURCES = ("freeze", "appraisal")  # digests checked by Art. 38.4 and 41.2, not by 31.2
TIME_HEADERS = ("time", "timestamp", "datetime", "date_time", "logged_at", "event_time", "操作时间", "时间",
                "日期时间", "记录时间", "发生时间")


def change_for(item: dict, path: str) -> dict | None:
    """The changes[] entry explaining this path (exact, or a folder above it)."""
    for change in item.get("changes") or []:
        target = str(change.get("path") or "").rstrip("/")
        if target and (path == target or path.startswith(target + "/")):
            return change
    return None


def _addition_owner(bundle, path: str) -> str | None:
    """The item whose content paths share the longest folder prefix with an unattributed addition."""
    parts = PurePosixPath(path).parts
    best, best_len = None, 1
    for item in getattr(bundle, "items", []):
        for entry in item.get("content") or []:
            shared = 0
            for a, b in zip(parts[:-1], PurePosixPath(entry.get("path", "")).parts):
                if a != b:
                    break
                shared += 1
            if shared > best_len:
                best, best_len = item.get("id"), shared
    return best


def _additions(item: dict, context) -> list[dict]:
    """Unlisted files attributed to this item, from verification records and the inventory."""
    item_id = item.get("id")
    rows = context.verifications(item_id, sources=None)
    found = {r["path"]: r for r in rows if r.get("status") == "unlisted"}
    orphans = [r for r in context.verifications(None) if r.get("status") == "unlisted"]
    if callable(context.files) or context.files:
        orphans += [dict(r, status="unlisted") for r in context.file_records(None)
                    if not r.get("listed") and r.get("kind") == "file" and str(r.get("path")).startswith("evidence/")]
    for row in orphans:
        if row.get("path") not in found and _addition_owner(context.bundle, row.get("path", "")) == item_id:
            found[row["path"]] = row
    return list(found.values())


def digest_findings(item: dict, context, sources=None, exclude=SIDE_SOURCES, additions=True) -> dict:
    """Counts and problem rows (with their explanations) from the verification records of one item."""
    rows = context.verifications(item.get("id"), sources=sources, exclude=exclude)
    rows = [r for r in rows if r.get("status") != "unlisted"] + (_additions(item, context) if additions else [])
    counts: dict[str, int] = {}
    problems = []
    for row in rows:
        status = row.get("status") or "unknown"
        counts[status] = counts.get(status, 0) + 1
        if status in PROBLEM_STATUSES:
            change = change_for(item, row.get("path", "")) or {}
            problems.append({"path": row.get("path"), "status": status, "algorithm": row.get("algorithm"),
                             "recorded": row.get("recorded"), "computed": row.get("computed"),
                             "explanation": row.get("explanation") or change.get("explanation")
                             or change.get("description"),
                             "confirmed_by": change.get("confirmed_by"), "error": row.get("error")})
    return {"counts": counts, "problems": problems, "total": len(rows)}


def digest_status(findings: dict, what: str) -> tuple[str, str]:
    """fail for unexplained problems, warn when every problem is explained, pass when all match."""
    problems = findings["problems"]
    unexplained = [p for p in problems if not p["explanation"]]
    if unexplained:
        return "fail", f"{len(unexplained)} 处{what}未附说明（共 {findings['total']} 项）"
    if problems:
        return "warn", f"{len(problems)} 处{what}均附有说明，需审查说明是否合理"
    return "pass", f"{findings['total']} 项完整性校验值全部一致"


class SealIntactCheck(Check):
    NAME = "a31_1_seal_intact"
    ARTICLE = "31.1"
    KIND = "assisted"

    def applies_to(self, item):
        return item.get("kind") == "seized_media" or bool(item.get("sealing"))

    def evaluate(self, item, context):
        sealing = item.get("sealing")
        if not sealing:
            return result("not_recorded", "清单未记录封存情况")
        photos = {"photos_before": sealing.get("photos_before") or [], "photos_after": sealing.get("photos_after") or []}
        facts = dict(photos, sealed=sealing.get("sealed"), state=sealing.get("state"),
                     missing_files=context.missing_paths(photos["photos_before"] + photos["photos_after"]))
        if sealing.get("sealed") is False or sealing.get("state") == "broken":
            return result("fail", "封存状态不完好（未封存或封条破损）", **facts)
        if facts["missing_files"] or not (photos["photos_before"] and photos["photos_after"]):
            return result("warn", "缺少封存前后照片，无法对照封存状态", **facts)
        if sealing.get("state") != "intact":
            return result("needs_review", "封存状态未载明，请对照照片判断", **facts)
        return result("pass", "清单载明封存完好，封存前后照片齐全，请对照照片确认", **facts)


class DigestsCheck(Check):
    NAME = "a31_2_digests"
    ARTICLE = "31.2"

    def evaluate(self, item, context):
        findings = digest_findings(item, context, additions=False)
        if not findings["total"]:
            return result("not_recorded", "没有可比对的完整性校验值（未校验或未记录）")
        status, message = digest_status(findings, "校验值不一致或文件缺失")
        return result(status, message, counts=findings["counts"],
                      problems=findings["problems"][: context.setting("max_fact_rows")])


def _differences_for(item: dict, context):
    diffs = context.backup_differences
    if diffs is None:
        return None
    if isinstance(diffs, dict):
        return diffs.get(item.get("id"))
    return [d for d in diffs if (d.get("item") if isinstance(d, dict) else getattr(d, "item", None)) == item.get("id")]


def _relative_digests(item: dict, context) -> dict[str, dict]:
    """Relative path (below the item's common folder) -> recorded digests, with computed ones filling gaps."""
    paths = [e["path"] for e in item.get("content") or [] if e.get("type") != "directory" and e.get("path")]
    digests = {e["path"]: dict(e.get("digests") or {}) for e in item.get("content") or [] if e.get("path") in paths}
    for row in context.verifications(item.get("id"), exclude=SIDE_SOURCES):
        if row.get("path") and row.get("status") != "unlisted":
            digests.setdefault(row["path"], {}).setdefault(row.get("algorithm"), row.get("computed") or row.get("recorded"))
    if not digests:
        return {}
    parents = [PurePosixPath(p).parent.parts for p in digests]
    common = 0
    while all(len(p) > common and p[common] == parents[0][common] for p in parents):
        common += 1
    return {"/".join(PurePosixPath(p).parts[common:]): d for p, d in digests.items()}


def compare_digests(original: dict, backup: dict) -> list[dict]:
    """Files that differ between two items by relative path: absent on one side, or a digest that differs."""
    diffs = []
    for rel in sorted(set(original) | set(backup)):
        a, b = original.get(rel), backup.get(rel)
        if a is None or b is None:
            diffs.append({"path": rel, "difference": "missing_in_backup" if b is None else "missing_in_original"})
            continue
        shared = [k for k in a if k in b and a[k] and b[k]]
        changed = [k for k in shared if str(a[k]).lower() != str(b[k]).lower()]
        if changed or not shared:
            diffs.append({"path": rel, "difference": "digest" if changed else "no_common_algorithm",
                          "original": {k: a[k] for k in changed}, "backup": {k: b[k] for k in changed}})
    return diffs


class BackupCheck(Check):
    NAME = "a31_3_backup"
    ARTICLE = "31.3"

    def applies_to(self, item):
        return present(item.get("backup_of"))

    def evaluate(self, item, context):
        original = item.get("backup_of")
        diffs, basis = _differences_for(item, context), "compared"
        if diffs is None:
            source = context.bundle.item(original)
            if source is None:
                return result("fail", f"备份所指原件 {original} 不在证据包中", original=original)
            mine, theirs = _relative_digests(item, context), _relative_digests(source, context)
            if not mine or not theirs:
                return result("not_recorded", "原件或备份没有可比对的校验值", original=original)
            diffs, basis = compare_digests(theirs, mine), "digests"
        rows = [d if isinstance(d, dict) else vars(d) for d in diffs]
        if rows:
            return result("fail", f"备份与原件 {original} 有 {len(rows)} 处不同", original=original, basis=basis,
                          differences=rows[: context.setting("max_fact_rows")], count=len(rows))
        return result("pass", f"备份与原件 {original} 逐一相同", original=original, basis=basis)


def _decode(raw: bytes) -> str:
    """UTF-8 first, then GB18030 (Chinese systems' logs), then whatever charset-normalizer finds."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        raise ValueError("操作日志的字符编码无法识别")
    return str(best)


def parse_log_time(text: str, tz_name: str) -> datetime | None:
    """A log time with or without offset (a naive time is read in the case time zone)."""
    from models.timeutil import zone

    value = (text or "").strip().replace("/", "-").replace("Z", "+00:00").replace("z", "+00:00")
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=zone(tz_name))


def _time_column(header: list[str], rows: list[list[str]], tz_name: str) -> int | None:
    names = [h.strip().lower() for h in header]
    for wanted in TIME_HEADERS:
        if wanted in names:
            return names.index(wanted)
    for index in range(len(header)):
        values = [r[index] for r in rows[:20] if len(r) > index]
        if values and all(parse_log_time(v, tz_name) for v in values):
            return index
    return None


def read_operation_log(root, rel: str, tz_name: str) -> tuple[list[str], list[list[str]], int | None]:
    """(header, rows, index of the time column) of an operation-log CSV inside the bundle."""
    from models.safe_read import OPERATION_LOG_CAP, read_metadata
    from models.safepath import resolve_inside

    text = _decode(read_metadata(resolve_inside(root, rel), OPERATION_LOG_CAP))
    table = [row for row in csv.reader(io.StringIO(text)) if any(cell.strip() for cell in row)]
    if not table:
        return [], [], None
    header, rows = table[0], table[1:]
    return header, rows, _time_column(header, rows, tz_name)


class OperationLogCheck(Check):
    NAME = "a31_4_operation_log"
    ARTICLE = "31.4"
    KIND = "assisted"

    def applies_to(self, item):
        return item.get("kind") == "frozen" or present((item.get("freeze") or {}).get("operation_log"))

    def evaluate(self, item, context):
        freeze = item.get("freeze") or {}
        if not present(freeze.get("operation_log")) or not present(freeze.get("frozen_at")):
            return result("not_recorded", "清单未提供冻结时间或操作日志")
        from models.timeutil import parse_manifest_time

        frozen_at = parse_manifest_time(freeze["frozen_at"])
        tz_name = getattr(context.bundle, "timezone", "Asia/Shanghai")
        if not context.exists(freeze["operation_log"]):
            return result("fail", "清单所列操作日志文件不存在", log=freeze["operation_log"])
        header, rows, column = read_operation_log(context.bundle.root, freeze["operation_log"], tz_name)
        if column is None:
            return result("error", "操作日志中找不到时间列", log=freeze["operation_log"], header=header)
        after, unreadable = [], []
        for number, row in enumerate(rows, start=2):
            moment = parse_log_time(row[column] if len(row) > column else "", tz_name)
            if moment is None:
                unreadable.append(number)
            elif moment > frozen_at:
                after.append({"line": number, "time": row[column], "entry": row})
        facts = {"log": freeze["operation_log"], "frozen_at": freeze["frozen_at"], "time_column": header[column],
                 "entries": len(rows), "after_freeze": after[:200], "unreadable_lines": unreadable[:200]}
        if after:
            return result("fail", f"冻结后产生 {len(after)} 条新的操作日志", **facts)
        if unreadable:
            return result("warn", f"{len(unreadable)} 行时间无法识别，请人工核对", **facts)
        return result("pass", f"{len(rows)} 条操作日志均早于冻结时间", **facts)
