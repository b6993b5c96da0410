"""Art. 34 seized and sealed original media: described, sealed or hashed with photos, signed."""

from checks.articles.a32_legality import signature_result
from checks.base import Check, correction, missing_fields, present, say

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
        return say("not_recorded", "media.not_recorded", corrections=[correction("media.correct", fields=list(required))])
    missing = missing_fields(media, required)
    facts = {k: media.get(k) for k in (*APPEARANCE, *OPTIONAL_APPEARANCE, *CUSTODY)}
    facts["missing"] = missing
    if missing:
        return say("fail", "media.missing", {"fields": missing}, **facts,
                   corrections=[correction("media.correct", fields=missing)])
    capacity = media.get("capacity_bytes")
    too_big = [s for s in _image_sizes(item, context) if isinstance(capacity, int) and s > capacity]
    if too_big:
        return say("warn", "media.image_too_big", image_sizes=too_big, **facts,
                   corrections=[correction("media.correct_capacity")])
    return say("pass", "media.described", **facts)


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
            return say("not_recorded", f"{self.NAME}.not_recorded", **facts)
        if not sealing.get("sealed") and not hashed:
            return say("fail", f"{self.NAME}.neither", **facts, effect="43.1",
                       corrections=[correction(f"{self.NAME}.correct_neither")])
        if sealing.get("sealed") and (not before or not after or facts["missing_files"]):
            if facts["missing_files"]:
                facts["files"] = facts["missing_files"]
            return say("fail", f"{self.NAME}.photos_missing", **facts, effect="43.4",
                       corrections=[correction(f"{self.NAME}.correct_photos")])
        if sealing.get("sealed"):
            return say("pass", f"{self.NAME}.sealed", **facts)
        return say("pass", f"{self.NAME}.hashed", **facts)


class SeizedSignaturesCheck(Check):
    NAME = "a34_3_signatures"
    ARTICLE = "34.3"
    KINDS = frozenset({"seized_media"})

    def evaluate(self, item, context):
        return signature_result(item)
