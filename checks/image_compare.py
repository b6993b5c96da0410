"""An image's own record of its acquisition (E01 header, logs beside it) set against the manifest's, and the
header against the logs: each disagreement one row, shown by checks.wording in the reader's language.

Header and log times carry no zone (the acquiring machine's clock): against the manifest they are read in
the case zone, and the row says so; header against log compares the two clocks' readings as written."""

import re
from datetime import datetime, timedelta

from checks.base import present
from checks.image_records import local_time

TOLERANCE_S = 600  # clocks of acquiring machines drift; minutes apart is the same acquisition
PROCESS_FIELDS = ("software", "software_version", "examiner", "acquired_at")
LABEL_FIELDS = ("case_number", "evidence_number", "serial_number")
_NAME_SPLIT = re.compile(r"[、,，;；/\s]+|和|及")


def _norm(text) -> str:
    return re.sub(r"[^0-9a-z\u3400-\u9fff]", "", str(text or "").casefold())


def same_tool(found, recorded) -> bool:
    """One names the other ('ewfacquire' in 'ewfacquirestream', 'FTK Imager' in 'AccessData® FTK® Imager 4.7')."""
    a, b = _norm(found), _norm(recorded)
    return not a or not b or a in b or b in a


def same_people(found, recorded) -> bool:
    """At least one name in common ('刘某' and '刘某、王某')."""
    a = {_norm(n) for n in _NAME_SPLIT.split(str(found or "")) if _norm(n)}
    b = {_norm(n) for n in _NAME_SPLIT.split(str(recorded or "")) if _norm(n)}
    return not a or not b or bool(a & b)


def same_label(found, recorded) -> bool:
    a, b = _norm(found), _norm(recorded)
    return not a or not b or a == b


def _row(field, image, source, found, against, recorded, log=None, **extra) -> dict:
    return {"field": field, "image": image, "source": source, "log": log, "found": str(found),
            "against": against, "recorded": str(recorded), **extra}


def _window(acquisition: dict):
    from models.common.timeutil import parse_manifest_time

    times = []
    for key in ("started_at", "finished_at"):
        try:
            times.append(parse_manifest_time(acquisition.get(key)) if acquisition.get(key) else None)
        except ValueError:
            times.append(None)
    start, end = times
    return start or end, end or start


def _is_instant(text) -> bool:
    """True for an EnCase 4+ header's time (models.image.disk.headers.as_instant): an instant, not a wall clock."""
    try:
        return datetime.fromisoformat(str(text)).tzinfo is not None
    except ValueError:
        return False


def _time_row(field, image, source, naive, acquisition, tz, log=None, instant=False):
    """A header/log time outside the manifest's acquisition window (with the tolerance), else None. instant: the
    time was exact (EnCase 4+), so no zone was assumed in reading it."""
    from models.common.timeutil import format_local, zone

    start, end = _window(acquisition)
    if naive is None or start is None:
        return None
    local = naive.replace(tzinfo=zone(tz))
    slack = timedelta(seconds=TOLERANCE_S)
    if start - slack <= local <= end + slack:
        return None
    recorded = format_local(start, tz) if start == end else f"{format_local(start, tz)} — {format_local(end, tz)}"
    if instant:
        return _row(field, image, source, format_local(local, tz), "manifest", recorded, log)
    return _row(field, image, source, naive.isoformat(sep=" "), "manifest", recorded, log,
                zone=tz, found_local=format_local(local, tz))


def process_differences(item: dict, records: list[dict], tz: str) -> list[dict]:
    """Tool, version, examiner and time: header and logs against the manifest's acquisition, header against logs."""
    acq = item.get("acquisition") or {}
    rows = []
    for rec in records:
        image, head = rec["path"], rec.get("headers") or {}
        checks = (("software", head.get("software"), acq.get("tool"), same_tool),
                  ("software_version", head.get("software_version"), acq.get("tool_version"), same_tool),
                  ("examiner", head.get("examiner"), acq.get("performed_by"), same_people))
        rows += [_row(f, image, "header", found, "manifest", recorded) for f, found, recorded, same in checks
                 if present(found) and present(recorded) and not same(found, recorded)]
        row = _time_row("acquired_at", image, "header", local_time(head.get("acquired_at"), tz), acq, tz,
                        instant=_is_instant(head.get("acquired_at")))
        rows += [row] if row else []
        for log in rec.get("logs") or []:
            rows += _log_rows(image, head, log, acq, tz)
    return rows


def _log_rows(image: str, head: dict, log: dict, acq: dict, tz: str) -> list[dict]:
    meta, rel = log.get("meta") or {}, log["path"]
    rows = []
    for field, found, recorded, same in (("software", meta.get("tool"), acq.get("tool"), same_tool),
                                         ("examiner", meta.get("examiner"), acq.get("performed_by"), same_people)):
        if present(found) and present(recorded) and not same(found, recorded):
            rows.append(_row(field, image, "log", found, "manifest", recorded, rel))
    started = local_time(meta.get("acquisition_started"), tz)
    row = _time_row("acquired_at", image, "log", started, acq, tz, rel)
    rows += [row] if row else []
    if present(meta.get("examiner")) and present(head.get("examiner")) and not same_people(meta["examiner"],
                                                                                             head["examiner"]):
        rows.append(_row("examiner", image, "log", meta["examiner"], "header", head["examiner"], rel))
    header_time = local_time(head.get("acquired_at"), tz)
    if started and header_time and abs((started - header_time).total_seconds()) > TOLERANCE_S:
        rows.append(_row("acquired_at", image, "log", started.isoformat(sep=" "), "header",
                         header_time.isoformat(sep=" "), rel))
    return rows


def digest_differences(records: list[dict]) -> list[dict]:
    """The digest an E01 stores of its media against the acquisition digest its log gives: both are of the
    same media stream, so they differ only where the log is of another acquisition or the image was remade."""
    rows = []
    for rec in records:
        head = rec.get("headers") or {}
        for log in rec.get("logs") or []:
            for algorithm in ("md5", "sha1"):
                found, recorded = (log.get("digests") or {}).get(algorithm), head.get(algorithm)
                if found and recorded and found.lower() != recorded.lower():
                    rows.append(_row(algorithm, rec["path"], "log", found, "header", recorded, log["path"]))
    return rows


def label_differences(item: dict, records: list[dict]) -> list[dict]:
    """Case number, evidence number and medium serial: header and logs against the item's record (the item's
    own case_number / evidence_number where the manifest gives them: the case's number is the procuratorate's,
    an image carries the investigators'), and header against logs."""
    acq, media = item.get("acquisition") or {}, item.get("media") or {}
    recorded = {"case_number": item.get("case_number") or acq.get("case_number"),
                "evidence_number": item.get("evidence_number") or acq.get("evidence_number"),
                "serial_number": media.get("serial")}
    rows = []
    for rec in records:
        head, image = rec.get("headers") or {}, rec["path"]
        for field in LABEL_FIELDS:
            if present(head.get(field)) and present(recorded[field]) and not same_label(head[field], recorded[field]):
                rows.append(_row(field, image, "header", head[field], "manifest", recorded[field]))
        for log in rec.get("logs") or []:
            meta = log.get("meta") or {}
            for field in LABEL_FIELDS:
                found = meta.get(field)
                if not present(found):
                    continue
                if present(recorded[field]) and not same_label(found, recorded[field]):
                    rows.append(_row(field, image, "log", found, "manifest", recorded[field], log["path"]))
                elif present(head.get(field)) and not same_label(found, head[field]):
                    rows.append(_row(field, image, "log", found, "header", head[field], log["path"]))
    return rows


def header_missing(records: list[dict]) -> list[dict]:
    """[{"path", "missing"}]: E01 images and the acquisition facts their header leaves out (the software's name,
    the acquisition date). Not a defect by itself: 35(二) asks the record for them."""
    out = []
    for r in records:
        head = r.get("headers") or {}
        if r.get("format") != "E01" or r.get("error"):
            continue
        missing = [k for k in ("software", "acquired_at") if not present(head.get(k))]  # a version names no tool
        if missing:
            out.append({"path": r["path"], "missing": missing})
    return out


def header_records_process(records: list[dict]) -> list[str]:
    """Images whose header records the acquiring software or the acquisition date (35(二) evidence)."""
    return [r["path"] for r in records if any(present((r.get("headers") or {}).get(k)) for k in
                                              ("software", "software_version", "acquired_at"))]
