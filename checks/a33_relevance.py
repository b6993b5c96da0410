"""Art. 33 relevance: to the facts of the case (reviewer's tags) and to the parties (identifiers side by side)."""

import json

from checks.base import Check, ManualCheck, present, result

HEADINGS = ("subject_identity", "objective_act", "subjective_intent", "circumstances")


class CaseFactsCheck(ManualCheck):
    NAME = "a33_1_case_facts"
    ARTICLE = "33.1"

    def facts(self, item, context):
        return {"headings": list(HEADINGS)}


def _device_identifiers(records: list[dict], limit: int) -> list[dict]:
    """EXIF make/model (and serial where the summary has one) of the item's files."""
    found = []
    for record in records:
        if not record.get("exif_json"):
            continue
        try:
            exif = json.loads(record["exif_json"])
        except (TypeError, ValueError):
            continue
        values = {k: exif.get(k) for k in ("make", "model", "body_serial", "serial") if exif.get(k)}
        if values:
            found.append({"path": record.get("path"), **values})
        if len(found) >= limit:
            break
    return found


class PartiesCheck(Check):
    NAME = "a33_2_parties"
    ARTICLE = "33.2"
    KIND = "assisted"

    def evaluate(self, item, context):
        bundle = context.bundle
        related = item.get("related_parties") or []
        unknown = [p for p in related if bundle.party(p) is None]
        media = item.get("media") or {}
        facts = {"related_parties": [bundle.party(p) for p in related if bundle.party(p)],
                 "unknown_party_ids": unknown, "media_user": media.get("user"), "custodian": media.get("custodian"),
                 "holders": [p for p in item.get("participants") or [] if p.get("role") == "holder"],
                 "device_identifiers": _device_identifiers(context.file_records(item.get("id")), 50)}
        if unknown:
            return result("fail", "关联当事人编号在当事人名单中不存在：" + "、".join(unknown), **facts)
        if not related and not present(media.get("user")):
            return result("not_recorded", "清单未载明与本证据关联的当事人或介质使用人", **facts)
        return result("needs_review", "请对照当事人、介质使用人与设备标识，判断数据及介质与当事人的关联", **facts)
