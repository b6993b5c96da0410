"""Art. 34 seized and sealed original media: described, sealed or hashed with photos, signed."""

from checks.articles.common import APPEARANCE, content_digested, media_result, signature_result
from checks.base import Check, correction, say


class SeizedMediaDescribedCheck(Check):
    NAME = "a34_1_media_described"
    ARTICLE = "34.1"
    KINDS = frozenset({"seized_media"})

    def evaluate(self, item, context):
        return media_result(item, context, APPEARANCE)


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
