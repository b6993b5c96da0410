"""Art. 33 relevance: to the facts of the case (reviewer's tags) and to the parties (identifiers side by side)."""

import json

from checks.base import Check, ManualCheck, correction, present, say

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
            return say("fail", f"{self.NAME}.unknown_party", {"ids": unknown}, **facts, effect="43.4",
                       corrections=[correction(f"{self.NAME}.correct_party", ids=unknown)])
        if not related and not present(media.get("user")):
            return say("not_recorded", f"{self.NAME}.not_recorded", **facts)
        return say("needs_review", f"{self.NAME}.review", **facts)
