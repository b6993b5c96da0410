"""The built-in cases: complete bundles, real EXIF and PDFs, deliberate times, an answer key beside the training
case."""

import hashlib
import json
import shutil
import subprocess
import sys
from argparse import Namespace
from datetime import date, datetime, timedelta
from pathlib import Path

import exifread
import pytest

from checks.image_records import entry_image
from models.bundle.bundle_writer import BundleWriteError, digest_list_text, digests_of, write_bundle
from models.bundle.manifest import load_bundle
from models.cli import demo_cmd
from models.common.resources import resource_path
from models.demo.demo import ANSWERS_NAME, CLEAN_NAME, TRAINING_NAME, write_demo
from models.demo.demo_content import CST, dms_decimal
from models.demo.demo_image import IMAGE
from models.demo.demo_items import PHONE, PHOTOS, SEIZED

TODAY = date(2026, 11, 23)
KINDS = {"seized_media", "online_extraction", "frozen", "obtained", "appraisal", "media_image"}
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo") / "cases"
    return out, write_demo(out, today=TODAY)


def test_writes_two_bundles_and_the_key_beside_them(demo):
    out, paths = demo
    assert paths == [out / CLEAN_NAME, out / TRAINING_NAME, out / ANSWERS_NAME]
    assert not (out / TRAINING_NAME / ANSWERS_NAME).exists()
    for name in (CLEAN_NAME, TRAINING_NAME):
        bundle = load_bundle(out / name)
        assert {i["kind"] for i in bundle.items} >= KINDS
        assert bundle.item("E4B")["backup_of"] == "E4"
        assert bundle.case["case_number"] == "某检刑诉〔2026〕12号"


def test_clean_files_match_their_recorded_digests(demo):
    root = demo[0] / CLEAN_NAME
    bundle = load_bundle(root)
    for item in bundle.items:
        for entry in item["content"]:
            if entry["type"] == "file":
                assert digests_of((root / entry["path"]).read_bytes()) == entry["digests"], entry["path"]
    listing = (root / "documents/E1-电子数据哈希值清单.txt").read_text(encoding="utf-8").splitlines()
    assert listing[0] == "%%%% HASHDEEP-1.0"
    rows = [line.split(",", 3) for line in listing if not line.startswith(("%", "#"))]
    assert len(rows) == 5
    for size, md5, sha256, path in rows:
        data = (root / path).read_bytes()
        assert (int(size), md5, sha256) == (len(data), hashlib.md5(data).hexdigest(), hashlib.sha256(data).hexdigest())


def test_photos_carry_exif_and_gps(demo):
    for name, (taken, _scene, lat, lon, _alt) in PHOTOS.items():
        with open(demo[0] / CLEAN_NAME / "evidence/E1/相册" / name, "rb") as f:
            tags = exifread.process_file(f, details=False)
        assert str(tags["Image Make"]) == PHONE["make"] and str(tags["Image Model"]) == PHONE["model"]
        assert str(tags["EXIF BodySerialNumber"]) == PHONE["serial"]
        assert str(tags["EXIF DateTimeOriginal"]) == taken.strftime("%Y:%m:%d %H:%M:%S")
        assert str(tags["EXIF OffsetTimeOriginal"]) == "+08:00"
        got_lat, got_lon = exifread.utils.get_gps_coords(tags)
        assert abs(got_lat - dms_decimal(lat)) < 1e-6 and abs(got_lon - dms_decimal(lon)) < 1e-6


def test_evidence_times_precede_the_seizure(demo):
    root = demo[0] / CLEAN_NAME / "evidence/E1"
    files = [p for p in root.rglob("*") if p.is_file()]
    assert files and all(p.stat().st_mtime < SEIZED.timestamp() for p in files)
    photo = root / "相册/IMG_20261001_201503.jpg"
    assert photo.stat().st_mtime == datetime.fromisoformat("2026-10-01T20:15:04+08:00").timestamp()


@pytest.mark.parametrize("name, words", [("E1-扣押决定书.pdf", ["扣押决定书", "张某某"]),
                                         ("E1-扣押清单.pdf", ["扣押清单", "华为"]),
                                         ("E1-电子数据提取笔录.pdf", ["电子数据提取笔录", "完整性校验值"]),
                                         ("E4-调取证据通知书.pdf", ["调取证据通知书"]),
                                         ("E3-冻结通知书.pdf", ["冻结电子数据通知书"]),
                                         ("E5-鉴定意见书.pdf", ["鉴定意见", "GB/T 29360-2012"])])
def test_paperwork_pdfs_carry_chinese_text(demo, name, words):
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "pdftotext (poppler-utils) is needed: bash scripts/setup.sh --dev"
    path = demo[0] / CLEAN_NAME / "documents" / name
    text = subprocess.run([pdftotext, str(path), "-"], capture_output=True, check=True).stdout.decode("utf-8")
    assert path.stat().st_size < 100_000
    for word in words:
        assert word in text.replace("\n", "")


def test_gbk_chat_is_gbk(demo):
    data = (demo[0] / CLEAN_NAME / "evidence/E1/聊天记录/QQ_王某.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert "快递单号" in data.decode("gbk")


def test_answer_key_lists_the_planted_defects(demo):
    out = demo[0]
    key = json.loads((out / ANSWERS_NAME).read_text(encoding="utf-8"))
    training = load_bundle(out / TRAINING_NAME)
    assert len(key["defects"]) >= 10
    assert {d["article"] for d in key["defects"]} >= {"30.1", "30.4", "31.2", "31.4", "32.2", "34.3", "38.3",
                                                      "41.2", "41.4", "45"}
    for defect in key["defects"]:
        assert training.item(defect["item"]) is not None
        assert defect["expected_status"] in ("fail", "warn", "needs_review")
        assert any("\u4e00" <= ch <= "\u9fff" for ch in defect["description"])


def test_training_defects_are_really_there(demo):
    root = demo[0] / TRAINING_NAME
    bundle = load_bundle(root)
    assert (root / "evidence/E2/新建文本文档.txt").exists() and not (root / "evidence/E2/帖子附件.txt").exists()
    assert (root / "evidence/E1/相册/IMG_20261002_093000.jpg").read_bytes().startswith(b"SQLite format 3\x00")
    listing = (root / "documents/E1-电子数据哈希值清单.txt").read_text(encoding="utf-8")
    chat = (root / "evidence/E1/聊天记录/微信_张某某_李某.txt").read_bytes()
    assert hashlib.sha256(chat).hexdigest() not in listing
    expires = datetime.fromisoformat(bundle.item("E3")["freeze"]["expires_at"]).date()
    assert 0 < (expires - TODAY).days <= 10
    assert bundle.item("E1")["media"]["original_transferred"] is False
    assert "not_transferred_reason" not in bundle.item("E1")["media"]


def test_same_bytes_every_run(demo, tmp_path):
    again = write_demo(tmp_path / "again", today=TODAY)
    for first, second in zip(demo[1], again):
        files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file()) if first.is_dir() else [None]
        for rel in files:
            a, b = (first / rel, second / rel) if rel else (first, second)
            assert a.read_bytes() == b.read_bytes(), rel
            if rel:  # evidence times are deliberate; the answer key's own time is not
                assert a.stat().st_mtime == b.stat().st_mtime, rel


def test_demo_command(tmp_path, capsys):
    assert demo_cmd.run(Namespace(out_dir=str(tmp_path / "new"))) == 0
    printed = capsys.readouterr().out.split()
    assert printed[0].endswith(CLEAN_NAME) and printed[2].endswith(ANSWERS_NAME)
    assert demo_cmd.run(Namespace(out_dir=str(tmp_path / "new"))) == 2
    (tmp_path / "file").write_text("x")
    assert demo_cmd.run(Namespace(out_dir=str(tmp_path / "file"))) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and "Traceback" not in "".join(err)


def test_writer_refuses_a_non_empty_folder_and_unsafe_paths(tmp_path):
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("x")
    manifest = {"format": "evidence-bundle/1"}
    with pytest.raises(BundleWriteError, match="not empty"):
        write_bundle(tmp_path / "full", manifest, {})
    with pytest.raises(BundleWriteError):
        write_bundle(tmp_path / "a", manifest, {"evidence/../x": b""})
    with pytest.raises(BundleWriteError):
        write_bundle(tmp_path / "b", manifest, {"/abs": b""})


def test_digests_and_lists():
    # GB/T 32905-2016 example: SM3("abc")
    assert digests_of(b"abc")["sm3"] == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
    assert digests_of(b"abc")["md5"] == "900150983cd24fb0d6963f7d28e17f72"
    files = {"evidence/a.txt": b"abc", "other/b.txt": b"x"}
    assert digest_list_text(files, "md5sum", "evidence") == "900150983cd24fb0d6963f7d28e17f72  evidence/a.txt\n"
    assert digest_list_text(files, "sha256sum", "evidence").startswith("ba7816bf")
    rows = digest_list_text(files, "hashdeep").splitlines()
    assert rows[:2] == ["%%%% HASHDEEP-1.0", "%%%% size,md5,sha256,filename"] and len(rows) == 6


def _cli(*args) -> tuple[int, list[dict]]:
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, timeout=120)
    assert b"Traceback" not in done.stderr, done.stderr.decode("utf-8", "replace")
    return done.returncode, [json.loads(line) for line in done.stdout.decode("utf-8").splitlines() if line]


def test_the_usb_image_lists_its_files_the_deleted_one_marked_and_verifies(demo, tmp_path):
    """E6: the committed E01 copied as it is; its FAT volume lists the stick's Chinese names with FAT's local
    times read in the case zone, the deleted data sample marked and typed from its recovered bytes; its
    manifest digests (the media stream's) and the header's MD5 match: verify exits 0."""
    root = demo[0] / CLEAN_NAME
    item = load_bundle(root).item("E6")
    assert item["kind"] == "media_image" and item["content"][0]["type"] == "disk_image"
    assert (root / IMAGE).read_bytes() == resource_path("demo", "usb.E01").read_bytes()
    assert (root / IMAGE).stat().st_size < 200_000
    code, rows = _cli("scan", str(root), "--json", "--store", str(tmp_path / "store"))
    assert code == 0
    inside = {r["path"][len(IMAGE + ":/p1/"):]: r for r in rows
              if r.get("path", "").startswith(IMAGE + ":/p1/") and r["role"] is None}
    assert all(r["item"] == "E6" and r["listed"] for r in inside.values())
    assert set(inside) == {"聊天记录", "照片", "资料", "账目.txt", "聊天记录/微信_李某_导出.txt",
                           "照片/IMG_20261003_090512.jpg", "资料/车主信息_样本.csv"}
    assert sorted(p for p, r in inside.items() if r["deleted"]) == ["资料/车主信息_样本.csv"]
    assert inside["资料/车主信息_样本.csv"]["mime"] == "text/csv"
    assert inside["账目.txt"]["modified"] == "2026-10-03T01:31:02Z"  # 09:31:02 on the stick, read at +08:00
    assert inside["照片/IMG_20261003_090512.jpg"]["exif"]["make"] == "HUAWEI"
    code, rows = _cli("verify", str(root), "--json", "--store", str(tmp_path / "store"))
    image = [r for r in rows if r.get("path") == IMAGE]
    assert code == 0 and image and all(r["status"] == "match" for r in image)
    assert {r["recorded_source"] for r in image} == {"manifest_media", "ewf_header"}


def test_the_usb_image_header_agrees_with_the_record(demo):
    """The header read back (code page 936) says what the sample case records; the training case's record
    dates the imaging a day later, the answer key says so."""
    head = entry_image(demo[0] / CLEAN_NAME, IMAGE)["headers"]
    record = load_bundle(demo[0] / CLEAN_NAME).item("E6")
    assert (head["case_number"], head["evidence_number"], head["examiner"]) == \
        (record["case_number"], record["evidence_number"], "刘某")
    assert head["header_codepage"] == "windows-936"
    assert head["software_version"] == record["acquisition"]["tool_version"]
    acquired = datetime.fromisoformat(head["acquired_at"]).replace(tzinfo=CST)
    assert datetime.fromisoformat(record["acquisition"]["started_at"]) <= acquired <= \
        datetime.fromisoformat(record["acquisition"]["finished_at"])
    training = load_bundle(demo[0] / TRAINING_NAME).item("E6")
    assert datetime.fromisoformat(training["acquisition"]["started_at"]) - acquired > timedelta(hours=12)
    key = json.loads((demo[0] / ANSWERS_NAME).read_text(encoding="utf-8"))
    assert [(d["article"], d["path"]) for d in key["defects"] if d["item"] == "E6"] == [("35.2", IMAGE)]
