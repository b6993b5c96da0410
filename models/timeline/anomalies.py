"""Timestamp anomalies for the review (Art. 30.4 / 44, trajectory facts under Art. 18): facts, never verdicts."""

from dataclasses import dataclass, field

from models.bundle.coverage import Coverage
from models.common.i18n import tr
from models.common.labels import label, manifest_field_label
from models.common.timeutil import format_local
from models.timeline.timeline import manifest_records, manifest_time

CREATED_SLACK_NS = 2_000_000_000  # FAT keeps modified times to 2 s: smaller gaps mean nothing
LOCAL_EXAMPLES = 5
PACE_ROWS = 32  # anomalies made between two pace() calls: a short stretch of Python


@dataclass(frozen=True)
class Anomaly:
    kind: str  # modified_after_seizure | future_of_preparation | created_after_modified | exif_far_from_modified
    #            | zone_unknown
    item: str | None
    path: str | None
    facts: dict = field(default_factory=dict)
    message: str = ""  # Chinese, through tr()


def seizure_reference(item: dict, tz_name: str) -> tuple[int, str] | None:
    """(UTC ns, field) of the earliest of sealing.sealed_at and the acquisition's end (else its start):
    after it the content may not change."""
    acquisition = item.get("acquisition", {})
    acq_key = "finished_at" if acquisition.get("finished_at") else "started_at"
    candidates = [("sealing.sealed_at", item.get("sealing", {}).get("sealed_at")),
                  (f"acquisition.{acq_key}", acquisition.get(acq_key))]
    times = [(parsed[0], label) for label, value in candidates if (parsed := manifest_time(value, tz_name))]
    return min(times) if times else None


def _modified_after_seizure(bundle, conn):
    """Content files only: paperwork and photos named by the item are made after the seizure by nature."""
    tz_name, coverage = bundle.timezone, Coverage(bundle)
    for item in bundle.items:
        reference = seizure_reference(item, tz_name)
        if reference is None:
            continue
        ref_ns, label = reference
        rows = conn.execute("SELECT path, modified_ns FROM files WHERE item = ? AND kind = 'file' AND modified_ns > ? "
                            "ORDER BY path", [item["id"], ref_ns])
        for path, modified in rows:
            if coverage.content_item(path) != item["id"]:
                continue
            facts = {"modified_ns": modified, "reference_ns": ref_ns, "reference": label}
            yield item["id"], lambda item=item, path=path, modified=modified, facts=facts: Anomaly(
                "modified_after_seizure", item["id"], path, facts, tr(
                "文件修改时间 {0} 晚于该证据项的 {1} {2}：封存或提取之后文件又被改动过，或时间来源有误").format(
                format_local(modified, tz_name), manifest_field_label(label), format_local(ref_ns, tz_name)))


def _future_of_preparation(bundle, conn):
    """Modified and EXIF times (copying keeps them) and manifest times later than case.prepared_at."""
    tz_name = bundle.timezone
    prepared = manifest_time(bundle.case.get("prepared_at"), tz_name)
    if prepared is None:
        return
    prep_ns = prepared[0]
    text = tr("{0}（{1}）晚于证据包制作时间 {2}：不可能发生在制作之前的时间")
    sql = ("SELECT item, path, modified_ns, json_extract(exif_json, '$.original_utc_ns') FROM files "
           "WHERE kind = 'file' AND path NOT IN ('bundle.json', 'bundle.json.sig') "
           "AND (modified_ns > ?1 OR json_extract(exif_json, '$.original_utc_ns') > ?1) ORDER BY path")
    for item, path, modified, original in conn.execute(sql, [prep_ns]):
        for kind, at in (("modified", modified), ("exif_original", original)):
            if at is not None and at > prep_ns:
                yield item, (lambda item=item, path=path, kind=kind, at=at: Anomaly(
                    "future_of_preparation", item, path, {"kind_of_time": kind, "at_ns": at, "prepared_ns": prep_ns},
                    text.format(format_local(at, tz_name), label("time_kind", kind), format_local(prep_ns, tz_name))))
    for record in manifest_records(bundle):
        if record.at_utc_ns > prep_ns and record.kind_of_time not in ("prepared", "freeze_expires"):
            yield record.item, (lambda record=record: Anomaly(
                "future_of_preparation", record.item, record.path,
                {"kind_of_time": record.kind_of_time, "field": record.label, "at_ns": record.at_utc_ns,
                 "prepared_ns": prep_ns},
                text.format(format_local(record.at_utc_ns, tz_name), manifest_field_label(record.label),
                            format_local(prep_ns, tz_name))))


def _created_after_modified(bundle, conn):
    tz_name = bundle.timezone
    sql = ("SELECT item, path, created_ns, modified_ns, time_source FROM files WHERE kind = 'file' "
           "AND created_ns IS NOT NULL AND modified_ns IS NOT NULL AND created_ns > modified_ns + ? ORDER BY path")
    text = tr("创建时间 {0} 晚于修改时间 {1}。复制文件时，NTFS、ext4 等文件系统把副本的创建时间设为复制时刻，"
              "而保留原修改时间，因此副本常见此现象；若该文件位于原始介质上（未经复制），则需说明原因")
    for item, path, created, modified, source in conn.execute(sql, [CREATED_SLACK_NS]):
        yield item, (lambda item=item, path=path, created=created, modified=modified, source=source: Anomaly(
            "created_after_modified", item, path,
            {"created_ns": created, "modified_ns": modified, "time_source": source},
            text.format(format_local(created, tz_name), format_local(modified, tz_name))))


def _exif_far_from_modified(bundle, conn, threshold_s: int):
    tz_name = bundle.timezone
    sql = ("SELECT item, path, modified_ns, json_extract(exif_json, '$.original_utc_ns'), "
           "json_extract(exif_json, '$.zone_known') FROM files WHERE kind = 'file' AND modified_ns IS NOT NULL "
           "AND abs(json_extract(exif_json, '$.original_utc_ns') - modified_ns) > ? ORDER BY path")
    text = tr("EXIF 拍摄时间 {0} 与文件修改时间 {1} 相差 {2} 小时（阈值 {3} 小时）：照片拍摄后曾被编辑、另存或时钟有误")
    for item, path, modified, original, known in conn.execute(sql, [threshold_s * 1_000_000_000]):
        yield item, (lambda item=item, path=path, modified=modified, original=original, known=known: Anomaly(
            "exif_far_from_modified", item, path,
            {"exif_original_ns": original, "modified_ns": modified, "difference_hours": round(
                abs(original - modified) / 3.6e12, 1), "threshold_s": threshold_s, "zone_known": bool(known)},
            text.format(format_local(original, tz_name), format_local(modified, tz_name),
                        round(abs(original - modified) / 3.6e12, 1), round(threshold_s / 3600, 1))))


def _zone_unknown(bundle, conn):
    """One finding per item and source: EXIF without OffsetTime, file systems that keep local time (FAT)."""
    tz_name = bundle.timezone
    queries = {"exif": "exif_json IS NOT NULL AND json_extract(exif_json, '$.original_utc_ns') IS NOT NULL "
                       "AND NOT json_extract(exif_json, '$.zone_known')",
               "filesystem": "time_source LIKE '%local%'"}
    text = tr("{0} 个文件的{1}时间未记录时区，已按案件时区 {2} 解读，可能有整小时的偏差")
    names = {"exif": tr("EXIF 拍摄"), "filesystem": tr("文件系统")}
    for source, condition in queries.items():
        sql = (f"SELECT item, count(*), group_concat(path, char(10)) FROM files WHERE kind = 'file' AND {condition} "
               "GROUP BY item ORDER BY item")
        for item, count, paths in conn.execute(sql):
            examples = sorted(paths.split("\n"))[:LOCAL_EXAMPLES]
            yield item, (lambda item=item, count=count, examples=examples, source=source: Anomaly(
                "zone_unknown", item, examples[0] if count == 1 else None,
                {"source": source, "count": count, "timezone": tz_name, "examples": examples},
                text.format(count, names[source], tz_name)))


def _makers(bundle, conn, exif_threshold_s: int):
    """Per kind, in the stable order: a stream of (item id, maker), each maker making one Anomaly when called (the
    SQL row is read anyway; the message, two formatted times, is made only for what is kept)."""
    return (_modified_after_seizure(bundle, conn), _future_of_preparation(bundle, conn),
            _created_after_modified(bundle, conn), _exif_far_from_modified(bundle, conn, exif_threshold_s),
            _zone_unknown(bundle, conn))


def iter_anomalies(bundle, store, exif_threshold_s: int = 86400, keep_per_kind: int | None = None,
                   counts: dict | None = None, pace=None, keep_per_item: int | None = None,
                   item_counts: dict | None = None):
    """Every anomaly of the bundle's times in a stable order (kind, item, path), streamed; keep_per_kind: only
    the first so many of each kind are made, keep_per_item: only the first so many of each item (item id, None
    for none); the rest are counted, into counts ({kind: how many in all}) and item_counts ({item id: how
    many in all}); pace(): called every PACE_ROWS anomalies made (a window's worker lets the GUI thread have
    the interpreter)."""
    conn = store.db.conn
    kinds = ("modified_after_seizure", "future_of_preparation", "created_after_modified", "exif_far_from_modified",
             "zone_unknown")
    kept_of_item: dict = {}
    for kind, makers in zip(kinds, _makers(bundle, conn, exif_threshold_s)):
        number = kept = 0
        for item, make in makers:
            number += 1
            if item_counts is not None:
                item_counts[item] = item_counts.get(item, 0) + 1
            if keep_per_kind is not None and kept >= keep_per_kind:
                continue
            if keep_per_item is not None:
                if kept_of_item.get(item, 0) >= keep_per_item:
                    continue
                kept_of_item[item] = kept_of_item.get(item, 0) + 1
            kept += 1
            if pace is not None and kept % PACE_ROWS == 0:
                pace()
            yield make()
        if counts is not None:
            counts[kind] = counts.get(kind, 0) + number


def find_anomalies(bundle, store, exif_threshold_s: int = 86400) -> list[Anomaly]:
    """Every anomaly of the bundle's times, in a stable order (kind, item, path)."""
    return list(iter_anomalies(bundle, store, exif_threshold_s))
