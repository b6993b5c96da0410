"""What several articles' checks share: the record's signatures, the media's description, the content's
integrity values, an acquisition's process fields."""

from checks.base import correction, missing_fields, present, say

SIGNING_ROLES = ("collector", "witness", "holder")
EXCUSABLE_ROLES = ("witness", "holder")  # whose absence a reason noted in the record excuses (2016 rules Art. 14, 15)
APPEARANCE = ("brand", "model", "capacity_bytes", "serial")
OPTIONAL_APPEARANCE = ("identifier", "user_mark")
CUSTODY = ("location", "user", "custodian")


def _person(p: dict) -> dict:
    """A participant as a message parameter: role code and name, shown in the reader's language."""
    return {"role": p.get("role"), "name": p.get("name") or ""}


def signature_result(item: dict, required_roles=SIGNING_ROLES):
    """The record signed by its participants (Art. 34.3, 35.4, 36.4, 37.4; 32.4 for kinds without such a clause).
    absent_reason excuses only the witness and the holder (provider) (2016 rules Art. 14, 15: noted in the
    record); the investigators who collected the data sign, whatever the reason given."""
    people = item.get("participants") or []
    if not people:
        return say("not_recorded", "signatures.not_recorded",
                   corrections=[correction("signatures.correct_list")])
    unsigned = [p for p in people if not p.get("signed") and (p.get("role") not in EXCUSABLE_ROLES
                                                                or not present(p.get("absent_reason")))]
    explained = [p for p in people if not p.get("signed") and p not in unsigned]
    roles = {p.get("role") for p in people}
    absent_roles = [r for r in required_roles if r not in roles]
    facts = {"participants": people, "unsigned": unsigned, "explained": explained, "roles_not_listed": absent_roles}
    if unsigned:
        names = [_person(p) for p in unsigned]
        return say("fail", "signatures.unsigned", {"people": names}, **facts,
                   corrections=[correction("signatures.correct_unsigned", people=names)])
    if "collector" in absent_roles:
        return say("fail", "signatures.no_collector", **facts, corrections=[correction("signatures.correct_list")])
    if absent_roles:
        return say("warn", "signatures.roles_not_listed", {"roles": absent_roles}, **facts,
                   corrections=[correction("signatures.correct_roles", roles=absent_roles)])
    if explained:
        return say("pass", "signatures.explained", {"count": len(explained)}, **facts)
    return say("pass", "signatures.all_signed", **facts)


def _image_sizes(item: dict, context) -> list[int]:
    sizes = [e.get("size") for e in item.get("content") or [] if e.get("type") == "disk_image" and e.get("size")]
    paths = {e.get("path") for e in item.get("content") or [] if e.get("type") == "disk_image"}
    sizes += [r["size"] for r in context.file_records(item.get("id")) if r.get("path") in paths and r.get("size")]
    return sizes


def media_result(item: dict, context, required):
    """The media's appearance (and custody) recorded; a single raw image larger than the capacity is flagged."""
    media = item.get("media")
    if not media:
        return say("not_recorded", "media.not_recorded", corrections=[correction("media.correct",
                                                                                 fields=list(required))])
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


def content_digested(item: dict) -> tuple[list[str], list[str]]:
    """(entries with an integrity value, entries without one): a directory counts with a digest_list."""
    with_value, without = [], []
    for entry in item.get("content") or []:
        has = present(entry.get("digests")) or (entry.get("type") == "directory" and present(entry.get("digest_list")))
        (with_value if has else without).append(entry.get("path"))
    return with_value, without


def digests_result(item: dict):
    """Integrity values computed for every content entry (Art. 35.3, 36.3, 37.3, 39.4)."""
    hashed, unhashed = content_digested(item)
    if not hashed and not unhashed:
        return say("not_recorded", "hashed.no_content")
    if unhashed:
        return say("fail", "hashed.missing", {"count": len(unhashed)}, hashed=hashed, not_hashed=unhashed,
                   files=unhashed, corrections=[correction("hashed.correct", files=unhashed)])
    return say("pass", "hashed.all", {"count": len(hashed)}, hashed=hashed, refers_to="31.2")


def process_result(acquisition: dict | None, required, what: str):
    """Required acquisition fields present; attached information extracted (else warn)."""
    if not acquisition:
        return say("not_recorded", f"{what}.not_recorded",
                   corrections=[correction("process.correct", fields=list(required))])
    missing = missing_fields(acquisition, required)
    facts = {k: acquisition.get(k) for k in (*required, "tool_version", "attached_info_extracted")}
    facts["missing"] = missing
    if missing:
        return say("fail", f"{what}.missing", {"fields": missing}, **facts,
                   corrections=[correction("process.correct", fields=missing)])
    if acquisition.get("attached_info_extracted") is not True:
        return say("warn", "process.attached_info", **facts, corrections=[correction("process.correct_attached")])
    return say("pass", f"{what}.recorded", **facts)
