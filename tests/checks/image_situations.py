"""Legal situations of an imaged medium (Art. 35) whose image is an E01 made by code: the clean case's item E2
(media_image) with its raw image replaced by an E01 of it (ewfacquirestream, Chinese header values in code
page 936) and, where asked, a Guymager .info beside it; the manifest's acquisition record set to agree with
the header, then one thing changed."""

import tempfile
from datetime import timedelta
from pathlib import Path

from checks.image_records import entry_image, local_time
from models.bundle.bundle_writer import digests_of
from tests.factory_case import CST, T0, fat_image
from tests.image_factory import e01_of

IMAGE = "evidence/E2/usb.E01"
LOG = "evidence/E2/usb.info"
HEADERS = {"case": "公（刑）〔2026〕8号", "evidence": "E2-1", "examiner": "刘某", "description": "涉案U盘镜像",
           "notes": "经只读接口制作"}


def _e01(fmt: str, headers: dict, codepage: str = "windows-936") -> tuple[bytes, dict]:
    """The E01 bytes and the header fields libewf reads back from them (by default)."""
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "usb.dd"
        raw.write_bytes(fat_image())
        image = e01_of(raw, Path(tmp) / "usb", codepage=codepage, fmt=fmt, **headers)
        return image.read_bytes(), entry_image(tmp, image.name)["headers"]


def guymager_info(examiner: str, started, md5: str | None = None) -> bytes:
    """A Guymager .info as Guymager writes one (its labels, 'value (duration)' times); hash rows when md5 given."""
    lines = ["GUYMAGER ACQUISITION INFO FILE", "==============================", "", "Guymager", "========",
             "Version              : 0.8.13-1", "", "Device information", "==================",
             f"Case number          : {HEADERS['case']}", "Evidence number      : E2-1",
             f"Examiner             : {examiner}", "Description          : 涉案U盘镜像", "Notes                : ",
             "", "Acquisition", "==========="]
    if md5:
        lines += [f"MD5 hash                   : {md5}", "MD5 hash verified source   : --",
                  f"MD5 hash verified image    : {md5}"]
    lines += [f"Acquisition started        : {started:%Y-%m-%d %H:%M:%S} (0 hours, 0 minutes and 1 seconds)", ""]
    return "\n".join(lines).encode("utf-8")


def e01_item(fmt: str = "encase6", log: dict | None = None, shift_days: int = 0, codepage: str = "windows-936",
             **changes):
    """A change of the clean case: E2 holds the E01 (header values HEADERS updated by `changes`), the manifest
    records the acquisition as the header does (tool ewfacquirestream, its version, the examiner, the times
    around the header's date read in the case zone +08:00), shifted by shift_days; `log` writes a Guymager
    .info beside the image (examiner, md5); `codepage` the narrow header's (ewfacquirestream -A)."""
    def change(spec, today):
        data, head = _e01(fmt, dict(HEADERS, **changes), codepage)
        at = local_time(head["acquired_at"]).replace(tzinfo=CST)
        item = spec.item("E2")
        spec.drop(item["content"][0]["path"])
        path = spec.put(IMAGE, data, T0)
        item["content"] = [{"path": path, "type": "disk_image", "description": "U盘镜像（E01）",
                            "size": len(data), "digests": digests_of(data)}]
        item["evidence_number"] = "E2-1"
        item["media"]["capacity_bytes"] = len(fat_image())
        start = at - timedelta(minutes=2) + timedelta(days=shift_days)
        item["acquisition"].update(tool="ewfacquirestream", tool_version=head["software_version"],
                                   performed_by="刘某", started_at=start.isoformat(),
                                   finished_at=(start + timedelta(minutes=10)).isoformat())
        if log is not None:
            text = guymager_info(log.get("examiner", "刘某"), at, log.get("md5"))  # the same clock as the header
            item["content"].append({"path": spec.put(LOG, text, T0), "type": "file", "description": "采集日志",
                                    "size": len(text), "digests": digests_of(text)})
    return change


def then(first, second):
    def change(spec, today):
        first(spec, today)
        second(spec, today)
    return change


def set_acquisition(**values):
    def change(spec, today):
        acquisition = spec.item("E2")["acquisition"]
        for key, value in values.items():
            if value is None:
                acquisition.pop(key, None)
            else:
                acquisition[key] = value
    return change


# name -> (change, item, proposal, basis, files or None), as test_legal_table.SCENARIOS
IMAGE_SCENARIOS = {
    # header, log and manifest agree; the header names no software (ewfacquirestream writes its version only):
    # Art. 35(二) asks the record for the tool, and the manifest has it, so no defect
    "e01_header_agrees": (e01_item(), "E2", "admissible", [], None),
    # the narrow header only (EnCase 2 format), written in code page 936: read as Chinese, the examiner agrees
    "e01_narrow_header_cp936_agrees": (e01_item("encase2"), "E2", "admissible", [], None),
    "e01_with_log_agrees": (e01_item(log={}), "E2", "admissible", [], None),
    # 43(四) 有其他瑕疵: the image names another examiner than the record
    "e01_examiner_differs": (e01_item(examiner="王某"), "E2", "correctable", ["43.4"], [IMAGE]),
    # 43(四): the tool's version the image was made with is not the one recorded
    "e01_tool_version_differs": (then(e01_item(), set_acquisition(tool_version="4.7")), "E2", "correctable",
                                 ["43.4"], [IMAGE]),
    # 43(四): the header's date, read in the case zone, lies outside the recorded acquisition
    "e01_time_outside_record": (e01_item(shift_days=-2), "E2", "correctable", ["43.4"], [IMAGE]),
    # 43(三) 对电子数据的名称……注明不清的: the image calls itself another evidence number
    "e01_evidence_number_differs": (e01_item(evidence="E7-3"), "E2", "correctable", ["43.3"], [IMAGE]),
    # 43(四): the log beside the image names another examiner than the record and the header
    "e01_log_examiner_differs": (e01_item(log={"examiner": "王某"}), "E2", "correctable", ["43.4"], [IMAGE]),
    # the manifest does not name the tool; the header gives only a version: the record must name it (43(四))
    "e01_tool_not_recorded": (then(e01_item(), set_acquisition(tool=None)), "E2", "correctable", ["43.4"],
                              None),
}
