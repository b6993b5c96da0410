"""Every timestamp of every file (file system, EXIF) and of the manifest on one time axis, filtered and binned."""

import heapq
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import datetime
from typing import Iterable, Iterator, NamedTuple

from models.common.timeutil import dt_to_ns, parse_manifest_time, zone

FILE_TIMES = {"modified": "modified_ns", "accessed": "accessed_ns", "changed": "changed_ns", "created": "created_ns"}
EXIF_TIMES = {"exif_original": ("original_utc_ns", "zone_known"),
              "exif_digitized": ("digitized_utc_ns", "digitized_zone_known")}
# (section, field) of an item -> kind of time
ITEM_TIMES = {("sealing", "sealed_at"): "sealed", ("acquisition", "started_at"): "acquisition_started",
              ("acquisition", "finished_at"): "acquisition_finished", ("freeze", "frozen_at"): "frozen",
              ("freeze", "expires_at"): "freeze_expires", ("appraisal", "commissioned_at"): "appraisal_commissioned"}
_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class TimelineRecord(NamedTuple):
    """One instant (a tuple: hundreds of thousands are built per view, a dataclass costs 5x more)."""

    at_utc_ns: int
    kind_of_time: str  # modified, accessed, changed, created, exif_original, exif_digitized, sealed, ...
    source: str  # "filesystem" | "exif" | "manifest" (or the files table's time_source)
    zone_known: bool  # False: a local-time source read in the case zone
    item: str | None
    path: str | None
    mime: str | None
    label: str | None = None  # manifest records: which field (e.g. "documents[1] seizure_decision")


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


_FILE_SQL = ("SELECT item, path, mime, time_source, modified_ns, accessed_ns, changed_ns, created_ns, "
             "json_extract(exif_json, '$.original_utc_ns'), json_extract(exif_json, '$.zone_known'), "
             "json_extract(exif_json, '$.digitized_utc_ns'), json_extract(exif_json, '$.digitized_zone_known') "
             "FROM files WHERE kind = 'file'")


def _file_rows(store, flt: TimelineFilter):
    sql, params = _FILE_SQL, []
    if flt.items is not None:
        sql += f" AND item IN ({','.join('?' * len(flt.items))})"
        params += sorted(flt.items)
    if flt.mime_prefix:
        sql += " AND substr(mime, 1, ?) = ?"
        params += [len(flt.mime_prefix), flt.mime_prefix]
    return store.db.conn.execute(sql, params)


def _file_records(store, flt: TimelineFilter) -> list[TimelineRecord]:
    """One pass over the files table (one row per file), unfolded into one record per time, sorted."""
    if flt.sources is not None and not flt.sources - {"manifest"}:
        return []
    kinds = [k for k in (*FILE_TIMES, *EXIF_TIMES) if flt.kinds is None or k in flt.kinds]
    slots = {"modified": 4, "accessed": 5, "changed": 6, "created": 7, "exif_original": 8, "exif_digitized": 10}
    low = flt.start_ns if flt.start_ns is not None else -(1 << 63)
    high = flt.end_ns if flt.end_ns is not None else 1 << 63
    records = []
    for row in _file_rows(store, flt):
        item, path, mime, time_source = row[:4]
        fs_source = time_source or "filesystem"
        fs_known = "local" not in fs_source and "unread" not in fs_source  # FAT's local, ISO's offset unread
        for kind in kinds:
            at = row[slots[kind]]
            if at is None or not low <= at < high:
                continue
            if kind in EXIF_TIMES:
                records.append(TimelineRecord(int(at), kind, "exif", bool(row[slots[kind] + 1]), item, path, mime))
            else:
                records.append(TimelineRecord(at, kind, fs_source, fs_known, item, path, mime))
    if flt.sources is not None:
        records = [r for r in records if r.source in flt.sources]
    records.sort(key=lambda r: (r.at_utc_ns, r.path, r.kind_of_time))
    return records


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


def density(records: Iterable, bins: int, start_ns: int | None = None, end_ns: int | None = None,
            presorted: bool = False) -> list[int]:
    """Counts per equal-width bin between start and end inclusive (default: the records' own span).
    presorted: records is already a sorted list of ints (the density strip's), used as it is."""
    times = records if presorted else sorted(r if isinstance(r, int) else r.at_utc_ns for r in records)
    bins = max(bins, 1)
    if not times:
        return [0] * bins
    low = times[0] if start_ns is None else start_ns
    high = times[-1] if end_ns is None else end_ns
    if high < low:
        return [0] * bins
    width = max(high - low, 1)
    # edge i is the first time that falls in bin i: at >= low + ceil(i * width / bins)
    edges = [bisect_left(times, low + -(-i * width // bins)) for i in range(bins)] + [bisect_right(times, high)]
    return [max(edges[i + 1] - edges[i], 0) for i in range(bins)]
