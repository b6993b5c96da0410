"""Every timestamp of every file (file system, EXIF) and of the manifest on one time axis, filtered and binned."""

import heapq
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Iterable, Iterator

from models.timeutil import dt_to_ns, ns_to_utc_iso, parse_manifest_time, zone

FILE_TIMES = {"modified": "modified_ns", "accessed": "accessed_ns", "changed": "changed_ns", "created": "created_ns"}
EXIF_TIMES = {"exif_original": ("original_utc_ns", "zone_known"),
              "exif_digitized": ("digitized_utc_ns", "digitized_zone_known")}
# (section, field) of an item -> kind of time
ITEM_TIMES = {("sealing", "sealed_at"): "sealed", ("acquisition", "started_at"): "acquisition_started",
              ("acquisition", "finished_at"): "acquisition_finished", ("freeze", "frozen_at"): "frozen",
              ("freeze", "expires_at"): "freeze_expires", ("appraisal", "commissioned_at"): "appraisal_commissioned"}
_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True, slots=True)
class TimelineRecord:
    at_utc_ns: int
    kind_of_time: str  # modified, accessed, changed, created, exif_original, exif_digitized, sealed, ...
    source: str  # "filesystem" | "exif" | "manifest" (or the files table's time_source)
    zone_known: bool  # False: a local-time source read in the case zone
    item: str | None
    path: str | None
    mime: str | None
    label: str | None = None  # manifest records: which field (e.g. "documents[1] seizure_decision")

    @property
    def at_utc_iso(self) -> str:
        return ns_to_utc_iso(self.at_utc_ns)


@dataclass(frozen=True)
class TimelineFilter:
    start_ns: int | None = None  # inclusive
    end_ns: int | None = None  # exclusive
    items: frozenset | None = None
    kinds: frozenset | None = None  # kinds of time
    mime_prefix: str | None = None  # e.g. "image/"; records without a type (manifest) drop out
    sources: frozenset | None = None

    def accepts(self, record: TimelineRecord) -> bool:
        return ((self.start_ns is None or record.at_utc_ns >= self.start_ns)
                and (self.end_ns is None or record.at_utc_ns < self.end_ns)
                and (self.items is None or record.item in self.items)
                and (self.kinds is None or record.kind_of_time in self.kinds)
                and (self.mime_prefix is None or (record.mime or "").startswith(self.mime_prefix))
                and (self.sources is None or record.source in self.sources))


def _file_selects(kinds) -> list[str]:
    selects = []
    for kind, column in FILE_TIMES.items():
        if kinds is None or kind in kinds:
            selects.append(f"SELECT {column} AS at, '{kind}' AS k, COALESCE(time_source, 'filesystem') AS src, "
                           f"CASE WHEN time_source LIKE '%local%' THEN 0 ELSE 1 END AS zk, item, path, mime "
                           f"FROM files WHERE kind = 'file' AND {column} IS NOT NULL")
    for kind, (key, known) in EXIF_TIMES.items():
        if kinds is None or kind in kinds:
            selects.append(f"SELECT json_extract(exif_json, '$.{key}') AS at, '{kind}' AS k, 'exif' AS src, "
                           f"COALESCE(json_extract(exif_json, '$.{known}'), 0) AS zk, item, path, mime "
                           f"FROM files WHERE exif_json IS NOT NULL AND json_extract(exif_json, '$.{key}') IS NOT NULL")
    return selects


def _file_records(store, flt: TimelineFilter) -> Iterator[TimelineRecord]:
    selects = _file_selects(flt.kinds)
    if not selects or (flt.sources is not None and not flt.sources - {"manifest"}):
        return
    where, params = [], []
    for clause, value in (("at >= ?", flt.start_ns), ("at < ?", flt.end_ns)):
        if value is not None:
            where.append(clause)
            params.append(value)
    if flt.items is not None:
        where.append(f"item IN ({','.join('?' * len(flt.items))})")
        params += sorted(flt.items)
    if flt.mime_prefix:
        where.append("substr(mime, 1, ?) = ?")
        params += [len(flt.mime_prefix), flt.mime_prefix]
    sql = "SELECT * FROM (" + " UNION ALL ".join(selects) + ")"
    sql += (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY at, path, k"
    for at, kind, source, known, item, path, mime in store.db.conn.execute(sql, params):
        record = TimelineRecord(int(at), kind, source, bool(known), item, path, mime)
        if flt.sources is None or record.source in flt.sources:
            yield record


def manifest_time(value, tz_name: str) -> tuple[int, bool] | None:
    """(UTC ns, zone_known) of a manifest time; a bare date is midnight in the case zone."""
    if not isinstance(value, str):
        return None
    try:
        return dt_to_ns(parse_manifest_time(value)), True
    except ValueError:
        pass
    if _DATE_ONLY.match(value.strip()):
        try:
            day = datetime.fromisoformat(value.strip()).replace(tzinfo=zone(tz_name))
            return dt_to_ns(day), False
        except ValueError:
            return None
    return None


def _item_times(item: dict) -> Iterator[tuple[str, object, str | None, str]]:
    for (section, key), kind in ITEM_TIMES.items():
        value = item.get(section, {}).get(key)
        if value is not None:
            yield kind, value, None, f"{section}.{key}"
    for index, doc in enumerate(item.get("documents", [])):
        if doc.get("date"):
            yield "document", doc["date"], doc.get("path"), f"documents[{index}] {doc.get('kind', '')}".strip()


def manifest_records(bundle) -> list[TimelineRecord]:
    """The manifest's own times: preparation, sealing, acquisition, freeze, appraisal, document dates."""
    tz_name = bundle.timezone
    records = []
    prepared = manifest_time(bundle.case.get("prepared_at"), tz_name)
    if prepared:
        records.append(TimelineRecord(prepared[0], "prepared", "manifest", prepared[1], None, None, None,
                                      "case.prepared_at"))
    for item in bundle.items:
        for kind, value, path, label in _item_times(item):
            parsed = manifest_time(value, tz_name)
            if parsed:
                records.append(TimelineRecord(parsed[0], kind, "manifest", parsed[1], item.get("id"), path, None,
                                              label))
    records.sort(key=lambda r: (r.at_utc_ns, r.kind_of_time))
    return records


def timeline_records(store, bundle, filters: TimelineFilter | None = None) -> Iterator[TimelineRecord]:
    """All records in time order (files streamed from the store, merged with the manifest's)."""
    flt = filters or TimelineFilter()
    manifest = [r for r in manifest_records(bundle) if flt.accepts(r)]
    return heapq.merge(_file_records(store, flt), manifest, key=lambda r: r.at_utc_ns)


def density(records: Iterable, bins: int, start_ns: int | None = None, end_ns: int | None = None) -> list[int]:
    """Counts per equal-width bin between start and end (default: the records' own span)."""
    times = [r if isinstance(r, int) else r.at_utc_ns for r in records]
    counts = [0] * max(bins, 1)
    if not times:
        return counts
    low = min(times) if start_ns is None else start_ns
    high = max(times) if end_ns is None else end_ns
    width = max(high - low, 1)
    for at in times:
        if low <= at <= high:
            counts[min((at - low) * len(counts) // width, len(counts) - 1)] += 1
    return counts
