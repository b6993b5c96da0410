"""Art. 34 seized and sealed original media: described, sealed or hashed with photos, signed."""

from checks.a32_legality import signature_result
from checks.base import Check, missing_fields, present, result

APPEARANCE = ("brand", "model", "capacity_bytes", "serial")
OPTIONAL_APPEARANCE = ("identifier", "user_mark")
CUSTODY = ("location", "user", "custodian")


def _image_sizes(item: dict, context) -> list[int]:
    sizes = [e.get("size") for e in item.get("content") or [] if e.get("type") == "disk_image" and e.get("size")]
    paths = {e.get("path") for e in item.get("content") or [] if e.get("type") == "disk_image"}
    sizes += [r["size"] for r in context.file_records(item.get("id")) if r.get("path") in paths and r.get("size")]
    return sizes


def media_result(item: dict, context, required):
    """The media's appearance (and custody) recorded; a single raw image larger than the capacity is flagged."""
    media = item.get("media")
    if not media:
        return result("not_recorded", "清单未记录原始存储介质信息")
    missing = missing_fields(media, required)
    facts = {k: media.get(k) for k in (*APPEARANCE, *OPTIONAL_APPEARANCE, *CUSTODY)}
    facts["missing"] = missing
    if missing:
        return result("fail", "未记录：" + "、".join(missing), **facts)
    capacity = media.get("capacity_bytes")
    too_big = [s for s in _image_sizes(item, context) if isinstance(capacity, int) and s > capacity]
    if too_big:
        return result("warn", "镜像大小超过记录的介质容量，请核对是否一一对应", image_sizes=too_big, **facts)
    return result("pass", "介质外观信息已记录，请对照照片确认与实物一一对应", **facts)


class SeizedMediaDescribedCheck(Check):
    NAME = "a34_1_media_described"
    ARTICLE = "34.1"
    KINDS = frozenset({"seized_media"})

    def evaluate(self, item, context):
        return media_result(item, context, APPEARANCE)


def content_digested(item: dict) -> tuple[list[str], list[str]]:
    """(entries with an integrity value, entries without one): a directory counts with a digest_list."""
    with_value, without = [], []
    for entry in item.get("content") or []:
        has = present(entry.get("digests")) or (entry.get("type") == "directory" and present(entry.get("digest_list")))
        (with_value if has else without).append(entry.get("path"))
    return with_value, without


class SealingCheck(Check):
    NAME = "a34_2_sealing"
    ARTICLE = "34.2"
    KIND = "assisted"
    KINDS = frozenset({"seized_media"})

    def evaluate(self, item, context):
        sealing = item.get("sealing") or {}
        hashed, unhashed = content_digested(item)
        before, after = sealing.get("photos_before") or [], sealing.get("photos_after") or []
        facts = {"sealed": sealing.get("sealed"), "hashed": hashed, "not_hashed": unhashed,
                 "photos_before": before, "photos_after": after, "missing_files": context.missing_paths(before + after)}
        if not sealing and not hashed:
            return result("not_recorded", "清单未记录封存情况，也没有完整性校验值", **facts)
        if not sealing.get("sealed") and not hashed:
            return result("fail", "既未封存，也未计算完整性校验值", **facts)
        if sealing.get("sealed") and (not before or not after or facts["missing_files"]):
            return result("fail", "已封存，但缺少封存前或封存后的照片", **facts)
        if sealing.get("sealed"):
            return result("pass", "已封存，封存前后照片齐全；请确认照片清晰反映封口状况", **facts)
        return result("pass", "未封存，已计算完整性校验值", **facts)


class SeizedSignaturesCheck(Check):
    NAME = "a34_3_signatures"
    ARTICLE = "34.3"
    KINDS = frozenset({"seized_media"})

    def evaluate(self, item, context):
        return signature_result(item)
