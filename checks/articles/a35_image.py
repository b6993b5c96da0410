"""Art. 35 data images of original media: medium described, imaging recorded, hashed, signed. The image's
own record (E01 case headers, acquisition logs beside it) counts as a record of 35(二) and is set against
the manifest's (checks.image_compare): a disagreement is a defect of the record, 43(三) for the labels that
name the data, 43(四) for the process; digests or a medium serial that differ are for the reviewer to judge,
as they may tell of another medium or another acquisition (44)."""

from checks.articles.common import APPEARANCE, CUSTODY, digests_result, media_result, signature_result
from checks.base import Check, correction, missing_fields, say
from checks.image_records import acquisition_logs

IMAGE_KINDS = frozenset({"media_image"})
class ImageMediaDescribedCheck(Check):
    NAME = "a35_1_media_described"
    ARTICLE = "35.1"
    KINDS = IMAGE_KINDS

    def evaluate(self, item, context):
        from checks.image_compare import label_differences
        from checks.image_records import image_paths, image_records

        found = media_result(item, context, APPEARANCE + CUSTODY)
        if not image_paths(item):
            return found
        rows = label_differences(item, image_records(item, context))
        if not rows:
            return found
        facts = {k: v for k, v in found.facts.items() if k != "corrections"}
        asked = list(found.facts.get("corrections") or []) + [correction(f"{self.NAME}.correct_labels")]
        # a serial that differs may tell of another medium: for the reviewer to establish (44) before any cure
        effect = "review" if any(r["field"] == "serial_number" for r in rows) else "43.3"
        return say("fail", f"{self.NAME}.labels_differ", {"differences": rows}, **facts, differences=rows,
                   effect=effect, files=sorted({r["image"] for r in rows}), corrections=asked)


class ImagingProcessCheck(Check):
    NAME = "a35_2_imaging_process"
    ARTICLE = "35.2"
    KINDS = IMAGE_KINDS

    def run(self, item, context):
        if context.adhoc and getattr(context.bundle, "image", None) is not None:
            return self._alone(item, context)
        return super().run(item, context)

    def _alone(self, item, context):
        """An image opened on its own: no record to set its header against; what the header says is shown."""
        from checks.image_records import image_records

        record = image_records(item, context)[0]
        head = record.get("headers") or {}
        if record.get("format") != "E01" or not head:
            return say("not_recorded", "common.adhoc", adhoc=True, image=record)
        params = {k: head.get(k) or "—" for k in ("software", "software_version", "examiner", "acquired_at")}
        return say("not_recorded", f"{self.NAME}.image_alone", params, adhoc=True, image=record,
                   zone=context.bundle.timezone)

    def evaluate(self, item, context):
        from checks.image_compare import digest_differences, header_missing, header_records_process, process_differences
        from checks.image_records import image_records

        acquisition = item.get("acquisition") or {}
        logs = acquisition_logs(item, context)
        records = image_records(item, context) if any(e.get("type") == "disk_image"
                                                      for e in item.get("content") or []) else []
        headed = header_records_process(records)
        shown = logs + headed  # the image's own record of its making: logs and E01 headers count (A35.2)
        missing = missing_fields(acquisition, ("tool", "method"))
        if not (acquisition.get("steps") or acquisition.get("started_at") or shown):
            missing.append("steps")
        facts = {k: acquisition.get(k) for k in ("tool", "tool_version", "method", "steps", "started_at",
                                                  "finished_at", "performed_by")}
        facts |= {"acquisition_logs": logs, "images": [_image_fact(r) for r in records], "missing": missing,
                  "header_missing": header_missing(records), "zone": context.bundle.timezone}
        differ = process_differences(item, records, context.bundle.timezone)
        digests = digest_differences(records)
        if differ or digests:
            asked = [correction(f"{self.NAME}.correct_differences", differences=differ + digests)]
            if missing:
                asked.append(correction(f"{self.NAME}.correct", fields=missing))
            files = sorted({r["image"] for r in differ + digests})
            if digests:  # the log is of another acquisition, or the image was made again: the reviewer judges
                return say("warn", f"{self.NAME}.digests_differ", {"differences": digests + differ}, **facts,
                           differences=digests + differ, effect="review", files=files, corrections=asked)
            return say("fail", f"{self.NAME}.differs", {"differences": differ}, **facts, differences=differ,
                       files=files, corrections=asked)
        if not acquisition and not shown:
            return say("not_recorded", f"{self.NAME}.not_recorded", **facts,
                       corrections=[correction(f"{self.NAME}.correct", fields=["tool", "method", "steps"])])
        if missing and not shown:
            return say("fail", f"{self.NAME}.missing", {"fields": missing}, **facts,
                       corrections=[correction(f"{self.NAME}.correct", fields=missing)])
        if missing:
            return say("warn", f"{self.NAME}.see_logs", **facts, files=logs + headed,
                       corrections=[correction(f"{self.NAME}.correct", fields=missing)])
        if facts["header_missing"]:  # 35(二) asks the record, which has them: the header need not
            fields = sorted({f for row in facts["header_missing"] for f in row["missing"]})
            return say("pass", f"{self.NAME}.header_silent", {"fields": fields}, **facts)
        if headed or logs:
            return say("pass", f"{self.NAME}.agrees", **facts)
        return say("pass", f"{self.NAME}.recorded", **facts)


def _image_fact(record: dict) -> dict:
    """An image's header as a fact (a plain dict: stored with the result, shown in the window)."""
    return {k: record.get(k) for k in ("path", "format", "segments", "headers", "error")} | {
        "logs": [log["path"] for log in record.get("logs") or []]}


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
