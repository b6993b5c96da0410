"""Art. 35 data images of original media: medium described, imaging recorded, hashed, signed."""

from pathlib import PurePosixPath

from checks.articles.common import APPEARANCE, CUSTODY, digests_result, media_result, signature_result
from checks.base import Check, correction, missing_fields, say

IMAGE_KINDS = frozenset({"media_image"})
LOG_SUFFIXES = (".txt", ".info", ".log")


def acquisition_logs(item: dict, context) -> list[str]:
    """Acquisition logs (FTK Imager .txt, Guymager .info) lying beside a disk image of the item."""
    images = [PurePosixPath(e["path"]) for e in item.get("content") or [] if e.get("type") == "disk_image"]
    logs = []
    for record in context.file_records(item.get("id")):
        path = PurePosixPath(record.get("path", ""))
        if path.suffix.lower() in LOG_SUFFIXES and any(path.parent == i.parent for i in images):
            logs.append(str(path))
    return logs


class ImageMediaDescribedCheck(Check):
    NAME = "a35_1_media_described"
    ARTICLE = "35.1"
    KINDS = IMAGE_KINDS

    def evaluate(self, item, context):
        return media_result(item, context, APPEARANCE + CUSTODY)


class ImagingProcessCheck(Check):
    NAME = "a35_2_imaging_process"
    ARTICLE = "35.2"
    KINDS = IMAGE_KINDS

    def evaluate(self, item, context):
        acquisition = item.get("acquisition") or {}
        logs = acquisition_logs(item, context)
        missing = missing_fields(acquisition, ("tool", "method"))
        if not (acquisition.get("steps") or acquisition.get("started_at") or logs):
            missing.append("steps")
        facts = {k: acquisition.get(k) for k in ("tool", "tool_version", "method", "steps", "started_at",
                                                  "finished_at")} | {"acquisition_logs": logs, "missing": missing}
        if not acquisition and not logs:
            return say("not_recorded", f"{self.NAME}.not_recorded", **facts,
                       corrections=[correction(f"{self.NAME}.correct", fields=["tool", "method", "steps"])])
        if missing and not logs:
            return say("fail", f"{self.NAME}.missing", {"fields": missing}, **facts,
                       corrections=[correction(f"{self.NAME}.correct", fields=missing)])
        if missing:
            return say("warn", f"{self.NAME}.see_logs", **facts, files=logs)
        return say("pass", f"{self.NAME}.recorded", **facts)


class ImageDigestsCheck(Check):
    NAME = "a35_3_digests"
    ARTICLE = "35.3"
    KINDS = IMAGE_KINDS

    def evaluate(self, item, context):
        return digests_result(item)


class ImageSignaturesCheck(Check):
    NAME = "a35_4_signatures"
    ARTICLE = "35.4"
    KINDS = IMAGE_KINDS

    def evaluate(self, item, context):
        return signature_result(item)
