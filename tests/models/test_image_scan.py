"""`scan IMAGE [--json]` through the folder's pipeline: the image object first, files typed through TSK."""

import json

import pytest

from models.bundle.manifest import load_bundle
from models.inventory.scan import iter_file_records, scan_bundle
from models.inventory.typing_pass import fill_types
from models.store.store import open_store
from tests.helpers import run_main, snapshot
from tests.image_factory import e01_of, fat32_image

JPEG = "exif/ianare-exif-samples/jpg/gps/DSCN0010.jpg"


@pytest.fixture
def usb_e01(tmp_path, corpus_dir):
    (tmp_path / "src").mkdir()
    raw = fat32_image(tmp_path / "src", jpeg=(corpus_dir / JPEG).read_bytes())
    out = tmp_path / "case"
    out.mkdir()
    return e01_of(raw, out / "usb", case="案件一号", examiner="张三", evidence="证据甲", description="U盘",
                  notes="封存于办案区")


def test_scan_json_prints_the_image_first_then_its_files(usb_e01, tmp_path):
    before = snapshot(usb_e01.parent)
    result = run_main("scan", usb_e01, "--json", store=tmp_path / "store")
    assert result.returncode == 0, result.stderr.decode()
    lines = [json.loads(line) for line in result.stdout.decode().splitlines()]
    image = lines[0]["image"]
    assert image["format"] == "E01" and image["segments"] == ["usb.E01"]
    assert (image["case_number"], image["examiner"], image["evidence_number"], image["notes"]) == \
        ("案件一号", "张三", "证据甲", "封存于办案区")
    assert len(image["md5"]) == 32 and image["partitions"][0]["file_system"] == "FAT32"
    files = {row["path"]: row for row in lines[1:]}
    prefix = "usb.E01:/p1/"
    deleted = files[prefix + "删除.txt"]
    assert deleted["deleted"] is True and deleted["mime"] == "text/plain"  # content read where TSK can
    assert files[prefix + "keep.txt"]["deleted"] is False
    photo = files[prefix + "目录/照片.jpg"]
    assert photo["mime"] == "image/jpeg" and photo["exif"]["make"] and photo["exif"]["gps"]
    assert files[prefix + "$FAT1"]["role"] == "virtual" and files[prefix + "$FAT1"]["mime"] is None
    assert photo["changed"] is None and photo["modified"].endswith("Z")
    assert snapshot(usb_e01.parent) == before  # the evidence is never changed


def test_rescan_keeps_types_and_the_store_has_the_columns(usb_e01, tmp_path):
    bundle = load_bundle(usb_e01)
    assert bundle.image is not None
    store = open_store(bundle, tmp_path / "store")
    first = scan_bundle(bundle, store)
    fill_types(bundle, store)
    again = scan_bundle(bundle, store)
    assert first.files == again.files and again.removed == 0
    records = {r["path"]: r for r in iter_file_records(store)}
    keep = records["usb.E01:/p1/keep.txt"]
    assert keep["mime"] == "text/plain" and keep["address"] and keep["role"] is None
    assert records["usb.E01:/p1/删除.txt"]["deleted"] == 1


@pytest.mark.parametrize("rel, word", [("dfvfs/test_data/ext2.qcow2", "QCOW2"), ("dfvfs/test_data/image.vhd", "VHD")])
def test_unsupported_container_exits_2_naming_it(corpus_dir, tmp_path, rel, word):
    result = run_main("scan", corpus_dir / "disk_images" / rel, store=tmp_path / "store")
    err = result.stderr.decode()
    assert result.returncode == 2 and word in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_a_plain_file_is_neither_folder_nor_image(tmp_path):
    plain = tmp_path / "notes.txt"
    plain.write_text("x")
    result = run_main("scan", plain, store=tmp_path / "store")
    assert result.returncode == 2 and "disk image" in result.stderr.decode()


def test_header_code_page_can_be_chosen(tmp_path):
    (tmp_path / "src").mkdir()
    raw = fat32_image(tmp_path / "src")
    e01 = e01_of(raw, tmp_path / "old", fmt="encase2", case="案件二号")  # the narrow header only
    def first(*extra):
        return json.loads(run_main("scan", e01, "--json", "--no-types", *extra,
                                   store=tmp_path / "store").stdout.decode().splitlines()[0])["image"]

    assert first()["case_number"] == "案件二号"
    latin = first("--header-codepage", "windows-1252")["case_number"]
    assert latin and latin != "案件二号"


def test_file_system_tsk_cannot_read_gives_the_reason_and_still_verifies(corpus_dir, tmp_path):
    image = corpus_dir / "disk_images/plaso/test_data/tsk_volume_system.raw"  # p1's file system unreadable
    result = run_main("scan", image, "--json", "--no-types", store=tmp_path / "store")
    assert result.returncode == 0, result.stderr.decode()
    lines = [json.loads(line) for line in result.stdout.decode().splitlines()]
    first, second = lines[0]["image"]["partitions"]
    assert first["file_system"] is None and "TSK" in first["error"] and second["file_system"] == "ext2"
    rows = {row["path"]: row for row in lines[1:]}
    assert rows["tsk_volume_system.raw:/p1"]["error"] == first["error"]
    assert any(path.startswith("tsk_volume_system.raw:/p2/") for path in rows)
    verified = run_main("verify", image, "--json", store=tmp_path / "store")
    assert verified.returncode == 0 and '"computed"' in verified.stdout.decode()


def test_types_from_two_processes_equal_those_typed_here(usb_e01, tmp_path, monkeypatch):
    import models.image.typing as image_typing

    answers = []
    for pool_from, name in ((10**9, "here"), (1, "pool")):
        monkeypatch.setattr(image_typing, "POOL_FROM", pool_from)
        monkeypatch.setattr(image_typing, "BATCH", 2)
        bundle = load_bundle(usb_e01)
        store = open_store(bundle, tmp_path / name)
        scan_bundle(bundle, store)
        assert fill_types(bundle, store) == 4
        answers.append(store.db.execute("SELECT path, mime, category, exif_json, type_error FROM files "
                                        "ORDER BY path").fetchall())
    assert answers[0] == answers[1]
    assert any(row[1] == "image/jpeg" and row[3] for row in answers[1])
