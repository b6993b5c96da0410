"""Art. 31 integrity: seal intact, digests unchanged, original equals backup, no operation log after freezing."""

import copy
import csv
import io
from datetime import datetime
from pathlib import PurePosixPath

from checks.base import Check, correction, present, say
from models.bundle.coverage import change_for
from models.integrity.backup import SIDE_SOURCES

PROBLEM_STATUSES = ("mismatch", "missing", "unreadable", "unlisted")
# kinds whose content may be empty (BUNDLE-FORMAT.md); their digests are checked by Art. 38.4 and 41.2, not by 31.2
CONTENT_OPTIONAL = ("inspection", "appraisal")
TIME_HEADERS = ("time", "timestamp", "datetime", "date_time", "logged_at", "event_time", "操作时间", "时间",
                "日期时间", "记录时间", "发生时间")


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
    found = {r["path"]: r for r in context.iter_verifications(item_id, status="unlisted")}
    orphans = list(context.iter_verifications(None, status="unlisted"))
    if callable(context.files) or context.files:
        orphans += [dict(r, status="unlisted") for r in context.file_records(None)
                    if not r.get("listed") and r.get("kind") == "file" and str(r.get("path")).startswith("evidence/")]
    owners = context.cache.setdefault("addition_owner", {})  # each path's owner found once a run, not once an item
    for row in orphans:
        path = row.get("path", "")
        if path not in owners:
            owners[path] = _addition_owner(context.bundle, path)
        if row.get("path") not in found and owners[path] == item_id:
            found[row["path"]] = row
    for path in _named_additions(item, context):
        found.setdefault(path, {"item": item_id, "path": path, "status": "unlisted"})
    return list(found.values())


def _named_additions(item: dict, context) -> list[str]:
    """Files under evidence/ that only changes[] names: the manifest counts them as named (so verify does not
    call them unlisted), yet no content entry covers them: data added, with its explanation."""
    out = []
    for change in item.get("changes") or []:
        path = str(change.get("path") or "")
        if not path.startswith("evidence/") or not context.exists(path):
            continue
        if _coverage(context).content_item(path) is None:
            out.append(path)
    return out


def _coverage(context):
    """The bundle's coverage map, made once a run (a pass over every item) and kept in the context's cache."""
    from models.bundle.coverage import Coverage

    if "coverage" not in context.cache:
        context.cache["coverage"] = Coverage(context.bundle)
    return context.cache["coverage"]


def _record_defect(row: dict) -> dict:
    from models.integrity.verify import record_line

    source = str(row.get("recorded_source") or "")
    record = source.partition(":")[2] or ("bundle.json" if source == "manifest" else source)
    return {"path": row.get("path"), "record": record, "line": record_line(row), "text": row.get("recorded"),
            "reason": str(row.get("error") or "").partition(": ")[2], "effect": "43.4"}


def digest_findings(item: dict, context, sources=None, exclude=SIDE_SOURCES, additions=True) -> dict:
    """The verification records of one item, one problem per file with its algorithms together: problems
    (the data differs, is absent or cannot be read), record_defects (the record itself is wrong: the file it
    names is not verifiable from it), additions (unlisted files), counts by status, and whether any verification
    exists for the item at all."""
    verified, total, files, counts, by_path, record_defects = _records_pass(item, context, sources, exclude)
    counts, by_path, record_defects = dict(counts), dict(by_path), list(record_defects)  # the kept pass unchanged
    for row in _additions(item, context) if additions else ():
        total += 1
        if row.get("path") in by_path:
            by_path[row.get("path")] = copy.deepcopy(by_path[row.get("path")])
        _count_problem(item, row, row.get("status") or "unknown", counts, by_path, record_defects)
    problems = [p for p in by_path.values() if p["status"] != "unlisted"]
    return {"counts": counts, "problems": problems, "total": total, "verified": verified,
            "record_defects": record_defects, "additions": [p for p in by_path.values() if p["status"] == "unlisted"],
            "files": files}


def _records_pass(item: dict, context, sources, exclude) -> tuple:
    """(verified, records, files, counts, problems by path, record defects) of the item's listed records. They
    pass one at a time: an item of 1M files keeps only its problems. Read from the store, the pass is made once
    an item and kept until the next (30.4, 30.5 and 31.2 ask for it, each asking a read of 2M records)."""
    if not context.path_ordered:
        return _records_read(item, context, sources, exclude)
    key = (item.get("id"), sources if sources is None else tuple(sources), tuple(exclude))
    kept = context.cache.get("digest_findings")
    if kept is None or kept[0] != key[0]:
        kept = context.cache["digest_findings"] = (key[0], {})
    if key not in kept[1]:
        kept[1][key] = _records_read(item, context, sources, exclude)
    return kept[1][key]


def _records_read(item: dict, context, sources, exclude) -> tuple:
    verified = False
    total = distinct = 0
    last, seen = None, None if context.path_ordered else set()  # files counted as they pass, none kept
    counts: dict[str, int] = {}
    by_path: dict[str, dict] = {}
    record_defects: list = []
    for row in context.iter_verifications(item.get("id"), sources=sources, exclude=exclude):
        verified = True
        status = row.get("status") or "unknown"
        if status == "unlisted":
            continue
        total += 1
        path = row.get("path")
        if seen is not None:
            seen.add(path)
        elif path != last or distinct == 0:
            distinct, last = distinct + 1, path
        _count_problem(item, row, status, counts, by_path, record_defects)
    return verified, total, distinct if seen is None else len(seen), counts, by_path, record_defects


def _count_problem(item: dict, row: dict, status: str, counts: dict, by_path: dict, record_defects: list) -> None:
    """One verification record into digest_findings' counts; a problem kept by path, its algorithms together."""
    from models.integrity.verify import is_record_defect

    counts[status] = counts.get(status, 0) + 1
    if status not in PROBLEM_STATUSES:
        return
    if is_record_defect(row):
        record_defects.append(_record_defect(row))
        return
    path = row.get("path")
    problem = by_path.get(path)
    if problem is None:
        change = change_for(item, path or "") or {}
        problem = by_path[path] = {
            "path": path, "status": status, "algorithms": [], "recorded": {}, "computed": {},
            "explanation": row.get("explanation") or change.get("explanation") or change.get("description"),
            "confirmed_by": change.get("confirmed_by"), "error": row.get("error")}
    algorithm = row.get("algorithm")
    if algorithm and algorithm not in problem["algorithms"]:
        problem["algorithms"].append(algorithm)
        problem["recorded"][algorithm] = row.get("recorded")
        problem["computed"][algorithm] = row.get("computed")
    if status == "mismatch" and problem["status"] != "mismatch":
        problem["status"] = "mismatch"  # a file some algorithm reads differently is changed, whatever else


def recorded_digests(item: dict) -> bool:
    """The item records integrity values of its own (content digests, or a digest list for a folder)."""
    return any(present(e.get("digests")) or present(e.get("digest_list")) for e in item.get("content") or [])


def unverified_result(item: dict, context, findings: dict):
    """not_applicable (no content), not_recorded (content without any recorded value) or not_verified (values
    recorded, never recomputed for the bundle as it is now); None when the item has verification records."""
    if findings["verified"]:
        return None
    if not item.get("content"):
        if item.get("kind") in CONTENT_OPTIONAL:
            return say("not_applicable", "digests.no_content")
        return say("not_recorded", "digests.no_content_listed")
    if not recorded_digests(item):
        return say("not_recorded", "digests.not_recorded", files=[e.get("path") for e in item["content"]])
    return say("not_verified", "digests.not_verified")


def _shown_problem(problem: dict) -> dict:
    """A problem row for the facts: per file, its algorithms together."""
    return {k: problem[k] for k in ("path", "status", "algorithms", "recorded", "computed", "explanation",
                                    "confirmed_by") if problem.get(k) not in (None, [], {})}


class SealIntactCheck(Check):
    NAME = "a31_1_seal_intact"
    ARTICLE = "31.1"
    KIND = "assisted"

    def applies_to(self, item):
        return item.get("kind") == "seized_media" or bool(item.get("sealing"))

    def evaluate(self, item, context):
        sealing = item.get("sealing")
        if not sealing:
            return say("not_recorded", f"{self.NAME}.not_recorded")
        photos = {"photos_before": sealing.get("photos_before") or [],
                  "photos_after": sealing.get("photos_after") or []}
        facts = dict(photos, sealed=sealing.get("sealed"), state=sealing.get("state"),
                     missing_files=context.missing_paths(photos["photos_before"] + photos["photos_after"]))
        if sealing.get("sealed") is False or sealing.get("state") == "broken":
            return say("fail", f"{self.NAME}.broken", **facts, corrections=[correction(f"{self.NAME}.correct_broken")])
        if facts["missing_files"] or not (photos["photos_before"] and photos["photos_after"]):
            facts["files"] = facts["missing_files"]
            if item.get("kind") == "seized_media":  # the photos of a seized medium are 34.2's finding
                return say("warn", f"{self.NAME}.photos_missing", **facts, refers_to="34.2", effect="none")
            return say("warn", f"{self.NAME}.photos_missing", **facts,
                       corrections=[correction(f"{self.NAME}.correct_photos")])
        if sealing.get("state") != "intact":
            return say("needs_review", f"{self.NAME}.state_unknown", **facts)
        return say("pass", f"{self.NAME}.intact", **facts)


class DigestsCheck(Check):
    """Owns every difference between a recorded digest and the file as it is now (and every defective record):
    30.3, 30.4 and 30.5 refer to these findings rather than repeat them."""

    NAME = "a31_2_digests"
    ARTICLE = "31.2"

    def evaluate(self, item, context):
        findings = digest_findings(item, context, additions=False)
        unverified = unverified_result(item, context, findings)
        if unverified is not None:
            return unverified
        limit = context.setting("max_fact_rows")
        problems, defects = findings["problems"], findings["record_defects"]
        facts = {"counts": findings["counts"], "problems": [_shown_problem(p) for p in problems[:limit]],
                 "record_defects": defects[:limit]}
        absent = [p["path"] for p in problems if p["status"] == "missing"]  # a deletion: 30.4's finding
        problems = [p for p in problems if p["status"] != "missing"]
        facts["problems"] = [_shown_problem(p) for p in problems[:limit]]
        if absent:
            facts.update(absent=absent[:limit], refers_to="30.4")
        if problems:
            facts["files"] = [p["path"] for p in problems]
            if defects:
                facts["record_defect_files"] = [d["path"] for d in defects]
            unexplained = [p["path"] for p in problems if not p["explanation"]]
            return say("fail", "digests.differ", {"count": len(problems), "unexplained": len(unexplained),
                                                   "total": findings["files"]}, **facts)
        if defects:
            facts.update(files=[d["path"] for d in defects], effect="43.4", corrections=[
                correction("digests.correct_record", record=d["record"], line=d["line"] or "", path=d["path"])
                for d in defects[:limit]])
            return say("fail", "digests.record_defect", {"count": len(defects),
                                                         "records": sorted({d["record"] for d in defects})}, **facts)
        if absent:
            facts.update(files=absent, effect="none")
            return say("fail", "digests.absent", {"count": len(absent)}, **facts)
        return say("pass", "digests.all_match", {"total": findings["files"]}, **facts)


def _backup_path(item: dict, relative: str) -> str:
    """A difference's path (relative below the item's common folder) as a bundle path of the backup item."""
    for entry in item.get("content") or []:
        path = str(entry.get("path") or "")
        if path == relative or path.endswith("/" + relative):
            return path
    return relative


def _differences_for(item: dict, context):
    diffs = context.backup_differences
    if diffs is None:
        return None
    if isinstance(diffs, dict):
        return diffs.get(item.get("id"))
    return [d for d in diffs if (d.get("item") if isinstance(d, dict) else getattr(d, "item", None)) == item.get("id")]


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
                return say("fail", f"{self.NAME}.original_absent", {"original": original}, original=original)
            from models.integrity.backup import differences, item_digests

            rows = context.verifications(item.get("id")) + context.verifications(source.get("id"))
            mine, theirs = item_digests(item, rows), item_digests(source, rows)
            if not mine or not theirs:
                return say("not_recorded", f"{self.NAME}.nothing_to_compare", original=original)
            diffs, basis = differences(item.get("id"), theirs, mine), "digests"
        rows = [d if isinstance(d, dict) else vars(d) for d in diffs]
        if rows:
            files = [_backup_path(item, d.get("path")) for d in rows if d.get("path")]
            return say("fail", f"{self.NAME}.differ", {"original": original, "count": len(rows)}, original=original,
                       basis=basis, differences=rows[: context.setting("max_fact_rows")], count=len(rows), files=files)
        return say("pass", f"{self.NAME}.same", {"original": original}, original=original, basis=basis)


def parse_log_time(text: str, tz_name: str) -> datetime | None:
    """A log time with or without offset (a naive time is read in the case time zone)."""
    from models.common.timeutil import zone

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
    from models.bundle.safe_read import OPERATION_LOG_CAP, read_metadata
    from models.bundle.safepath import resolve_inside
    from models.inventory.textenc import decode_text

    text = decode_text(read_metadata(resolve_inside(root, rel), OPERATION_LOG_CAP))
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
            return say("not_recorded", f"{self.NAME}.not_recorded")
        from models.common.timeutil import parse_manifest_time

        frozen_at = parse_manifest_time(freeze["frozen_at"])
        tz_name = getattr(context.bundle, "timezone", "Asia/Shanghai")
        if not context.exists(freeze["operation_log"]):
            return say("fail", f"{self.NAME}.log_absent", log=freeze["operation_log"], effect="43.4",
                       files=[freeze["operation_log"]],
                       corrections=[correction(f"{self.NAME}.correct_log", path=freeze["operation_log"])])
        header, rows, column = read_operation_log(context.bundle.root, freeze["operation_log"], tz_name)
        if column is None:
            return say("error", f"{self.NAME}.no_time_column", log=freeze["operation_log"], header=header)
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
            return say("fail", f"{self.NAME}.after_freeze", {"count": len(after)}, **facts,
                       files=[freeze["operation_log"]])
        if unreadable:
            return say("warn", f"{self.NAME}.unreadable_times", {"count": len(unreadable)}, **facts,
                       files=[freeze["operation_log"]])
        return say("pass", f"{self.NAME}.before_freeze", {"count": len(rows)}, **facts)
