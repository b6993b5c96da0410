"""Art. 35.1/35.2 with the image's own record: E01 headers (made by ewfacquirestream, Chinese values in code
page 936) and Guymager logs beside the image, set against the manifest."""

from datetime import datetime, timedelta, timezone

import pytest

from checks.articles import a35_image as a35
from checks.image_compare import header_missing, process_differences, same_people, same_tool
from checks.image_records import entry_image, local_time
from checks.outcome import propose_outcome
from checks.wording import message_text, result_message
from models.bundle.manifest import load_bundle
from tests.checks.contract import make_bundle, make_context
from tests.checks.image_situations import HEADERS, guymager_info
from tests.factory_case import fat_image
from tests.image_factory import e01_of

IMAGE = "evidence/E2/usb.E01"


@pytest.fixture(scope="module")
def e01(tmp_path_factory):
    """(E01 bytes, header fields read back): made once for the module."""
    folder = tmp_path_factory.mktemp("e01")
    raw = folder / "usb.dd"
    raw.write_bytes(fat_image())
    image = e01_of(raw, folder / "usb", fmt="encase2", **HEADERS)  # the narrow header only: code page 936
    return image.read_bytes(), entry_image(folder, image.name)["headers"]


def _item(head: dict, zone_offset: str = "+08:00", **acquisition) -> dict:
    at = local_time(head["acquired_at"])
    values = {"tool": "ewfacquirestream", "tool_version": head["software_version"], "method": "只读接口制作镜像",
              "steps": "接入写保护器后制作", "performed_by": "刘某",
              "started_at": (at - timedelta(minutes=1)).isoformat() + zone_offset,
              "finished_at": (at + timedelta(minutes=5)).isoformat() + zone_offset}
    values.update(acquisition)
    return {"id": "E2", "kind": "media_image", "evidence_number": "E2-1",
            "content": [{"path": IMAGE, "type": "disk_image"}], "acquisition": values,
            "media": {"brand": "Kingston", "model": "DT", "capacity_bytes": 1 << 30, "serial": "SN-1",
                      "location": "物证室", "user": "张某", "custodian": "物证室"}}


def _run(check, item, tmp_path, data, files=None, zone="Asia/Shanghai"):
    bundle = make_bundle(tmp_path, [item], files={IMAGE: data, **(files or {})}, timezone=zone)
    records = [{"item": "E2", "path": p} for p in [IMAGE, *(files or {})]]
    return check().run(item, make_context(bundle, files=records))


def test_chinese_narrow_header_read_and_agreeing_record_passes(tmp_path, e01):
    data, head = e01
    assert (head["examiner"], head["case_number"], head["header_codepage"]) == ("刘某", HEADERS["case"], "windows-936")
    result = _run(a35.ImagingProcessCheck, _item(head), tmp_path, data)
    assert result.status == "pass", result
    assert result.facts["header_missing"] == [{"path": IMAGE, "missing": ["software"]}]
    assert "不构成瑕疵" in result.message


def test_header_time_is_read_in_the_case_zone(tmp_path, e01):
    """The same instant written with another offset agrees; the same header in a case kept in UTC does not."""
    data, head = e01
    at = local_time(head["acquired_at"])
    utc = {"started_at": (at - timedelta(hours=8, minutes=1)).isoformat() + "Z",
           "finished_at": (at - timedelta(hours=8) + timedelta(minutes=5)).isoformat() + "Z"}
    assert _run(a35.ImagingProcessCheck, _item(head, **utc), tmp_path / "a", data).status == "pass"
    result = _run(a35.ImagingProcessCheck, _item(head, **utc), tmp_path / "b", data, zone="UTC")
    assert result.status == "fail"
    row = result.facts["differences"][0]
    assert (row["field"], row["zone"]) == ("acquired_at", "UTC")
    assert "按案件时区 UTC 读作" in result.message and "+00:00" in result.message
    assert "no time zone in the file" in result_message(result, "en")


def test_examiner_and_version_disagreements_are_43_4(tmp_path, e01):
    data, head = e01
    item = _item(head, performed_by="王某", tool_version="4.7")
    result = _run(a35.ImagingProcessCheck, item, tmp_path, data)
    assert result.status == "fail"
    assert {r["field"] for r in result.facts["differences"]} == {"examiner", "software_version"}
    proposal = propose_outcome(item, {a35.ImagingProcessCheck.NAME: result})
    assert (proposal.proposal, proposal.basis, proposal.files) == ("correctable", ("43.4",), (IMAGE,))
    assert "王某" in proposal.corrections[0] and "刘某" in proposal.corrections[0]


def test_log_digest_other_than_the_header_is_for_the_reviewer(tmp_path, e01):
    data, head = e01
    at = local_time(head["acquired_at"])
    log = {"evidence/E2/usb.info": guymager_info("刘某", at, "0" * 32)}
    item = _item(head)
    result = _run(a35.ImagingProcessCheck, item, tmp_path, data, files=log)
    assert result.status == "warn" and result.facts["effect"] == "review"
    assert result.facts["differences"][0]["field"] == "md5"
    assert propose_outcome(item, {a35.ImagingProcessCheck.NAME: result}).proposal == "pending"
    same = {"evidence/E2/usb.info": guymager_info("刘某", at, head["md5"])}
    assert _run(a35.ImagingProcessCheck, item, tmp_path / "same", data, files=same).status == "pass"


def test_evidence_number_is_43_3_and_serial_for_the_reviewer(tmp_path, e01):
    data, head = e01
    item = dict(_item(head), evidence_number="E9-9")
    result = _run(a35.ImageMediaDescribedCheck, item, tmp_path, data)
    assert result.status == "fail" and result.facts["effect"] == "43.3"
    assert "E9-9" in result.message and "E2-1" in result.message
    ftk = "Created By AccessData® FTK® Imager 4.7.1.2\r\nEvidence Number: E2-1\r\nDrive Serial Number: SN-OTHER\r\n"
    other = _run(a35.ImageMediaDescribedCheck, _item(head), tmp_path / "serial", data,
                 files={"evidence/E2/usb.E01.txt": ftk.encode("utf-8")})
    assert other.status == "fail" and other.facts["effect"] == "review"  # another medium? established first
    assert [r["field"] for r in other.facts["differences"]] == ["serial_number"]
    agreeing = {"evidence/E2/usb.E01.txt": ftk.replace("SN-OTHER", "SN-1").encode("utf-8")}
    assert _run(a35.ImageMediaDescribedCheck, _item(head), tmp_path / "same", data, files=agreeing).status == "pass"


def test_encase6_header_time_is_an_instant_in_any_case_zone(tmp_path):
    """An EnCase 6 header keeps an instant: a record of the same instant agrees whatever zone the case is kept in,
    and a disagreement names no assumed zone."""
    raw = tmp_path / "usb.dd"
    raw.write_bytes(fat_image())
    image = e01_of(raw, tmp_path / "usb", fmt="encase6", **HEADERS)
    data, head = image.read_bytes(), entry_image(tmp_path, image.name)["headers"]
    instant = datetime.fromisoformat(head["acquired_at"])
    assert instant.tzinfo is not None
    utc = instant.astimezone(timezone.utc).replace(tzinfo=None)
    record = {"started_at": (utc - timedelta(minutes=1)).isoformat() + "Z",
              "finished_at": (utc + timedelta(minutes=5)).isoformat() + "Z"}
    for zone in ("Asia/Shanghai", "UTC", "America/New_York"):
        result = _run(a35.ImagingProcessCheck, _item(head, **record), tmp_path / zone.replace("/", "-"), data,
                      zone=zone)
        assert result.status == "pass", (zone, result.message)
    late = {"started_at": (utc + timedelta(days=1)).isoformat() + "Z",
            "finished_at": (utc + timedelta(days=1, minutes=5)).isoformat() + "Z"}
    result = _run(a35.ImagingProcessCheck, _item(head, **late), tmp_path / "late", data)
    assert result.status == "fail" and "不载时区" not in result.message and "+08:00" in result.message


def test_image_opened_on_its_own_shows_its_header(tmp_path, e01):
    data, _head = e01
    (tmp_path / "usb.E01").write_bytes(data)
    bundle = load_bundle(tmp_path / "usb.E01")
    result = a35.ImagingProcessCheck().run(bundle.items[0], make_context(bundle))
    assert result.status == "not_recorded" and "刘某" in result.message and "不载时区" in result.message


def test_header_missing_and_matching_rules():
    records = [{"path": "a.E01", "format": "E01", "headers": {"software_version": "1"}},
               {"path": "b.E01", "format": "E01", "headers": {"software": "X", "acquired_at": "2026-01-01T00:00:00"}},
               {"path": "c.dd", "format": "raw", "headers": {}}]
    assert header_missing(records) == [{"path": "a.E01", "missing": ["software", "acquired_at"]}]
    assert same_tool("ewfacquirestream", "ewfacquire") and same_tool("AccessData® FTK® Imager 4.7", "FTK Imager")
    assert not same_tool("Guymager", "FTK Imager")
    assert same_people("刘某", "刘某、王某") and not same_people("赵某", "刘某、王某")
    item = {"acquisition": {"tool": "FTK Imager", "started_at": "2026-11-18T10:00:00+08:00"}}
    rows = process_differences(item, [{"path": "x.E01", "headers": {"software": "Guymager",
                                                                    "acquired_at": "2026-11-18T10:05:00"}}],
                               "Asia/Shanghai")
    assert [r["field"] for r in rows] == ["software"]  # five minutes after the start: within the slack


def test_difference_rows_read_without_codes():
    row = {"field": "examiner", "source": "log", "log": "evidence/x.info", "found": "王某", "against": "header",
           "recorded": "刘某"}
    zh = message_text("a35_2_imaging_process.differs", {"differences": [row, row]}, "zh")
    en = message_text("a35_2_imaging_process.differs", {"differences": [row]}, "en")
    assert "制作人（检验人）：采集日志（evidence/x.info）记为“王某”，E01 文件头记为“刘某”；" in zh
    assert "examiner" in en and "acquisition log" in en and "header" in en and "_" not in en.replace(
        "evidence/x.info", "")


@pytest.mark.parametrize("name", ["e01_examiner_differs", "e01_time_outside_record", "e01_evidence_number_differs",
                                  "e01_log_examiner_differs", "e01_header_agrees"])
def test_image_findings_read_in_words_with_labelled_facts(tmp_path, name):
    """As test_planted_defects asks of every result: words from resources in both languages, no code in them,
    every fact key labelled, corrections asked as 补…."""
    import argparse

    from checks import check_cmd
    from checks.registry import default_registry
    from checks.runner import build_context, run_checks
    from models.cli.cli_common import open_bundle_and_store
    from models.common.labels import known
    from tests.checks.image_situations import IMAGE_SCENARIOS
    from tests.checks.test_planted_defects import SNAKE, _fact_keys, _without_paths
    from tests.factory import BundleFactory

    factory = BundleFactory(tmp_path)
    spec = factory.spec()
    IMAGE_SCENARIOS[name][0](spec, factory.today)
    path = factory.write(spec, name)
    bundle, store = open_bundle_and_store(argparse.Namespace(path=str(path), store=str(tmp_path / "store")))
    check_cmd._prepare(bundle, store)
    try:
        pairs = run_checks(bundle, build_context(bundle, store), default_registry())["E2"]
        for check, outcome in pairs:
            if not check.NAME.startswith("a35_"):
                continue
            english = result_message(outcome.to_dict(), "en")
            for words in (outcome.message, english, *outcome.facts.get("corrections", [])):
                assert not SNAKE.search(_without_paths(words)), (check.NAME, words)
            assert all(s.startswith("补") for s in outcome.facts.get("corrections", [])), check.NAME
            assert not [k for k in _fact_keys(outcome.facts) if not known("field", k)], check.NAME
    finally:
        store.close()
