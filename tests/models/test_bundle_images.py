"""Disk images as disk_image content entries of a bundle made by code: the scan lists their files under the
item (deleted ones marked, typed through TSK, in the timeline), a rescan does not walk an unchanged image,
and verify compares the manifest with the image file's bytes and its media stream, the E01's stored digests
and FTK Imager / Guymager logs with the media stream."""

import hashlib
import json
import os

import pytest

from models.bundle.bundle_writer import write_bundle
from models.bundle.manifest import load_bundle
from models.image.bundle_verify import MEDIA_SOURCE
from models.integrity.verify import verify_bundle
from models.inventory.scan import iter_file_records, scan_bundle
from models.inventory.typing_pass import fill_types
from models.store.store import open_store
from tests.helpers import run_main, snapshot
from tests.image_factory import e01_of, fat32_image

JPEG = "exif/ianare-exif-samples/jpg/gps/DSCN0010.jpg"
CASE = {"case_number": "某检刑诉〔2026〕12号", "title": "测试", "prepared_by": "李某",
        "prepared_at": "2026-11-20T10:00:00+08:00", "timezone": "Asia/Shanghai"}


def _manifest(content: list[dict]) -> dict:
    return {"format": "evidence-bundle/1", "case": CASE,
            "items": [{"id": "E1", "title": "U盘镜像", "kind": "media_image", "content": content}]}


def _bundle(tmp_path, files: dict, content: list[dict], name: str = "b"):
    return write_bundle(tmp_path / name, _manifest(content), files, fill=True)


@pytest.fixture(scope="module")
def fat_raw(tmp_path_factory, corpus_dir) -> bytes:
    """A 34 MB FAT32 image: Chinese names, a folder, a JPEG with EXIF and GPS, a deleted file, and 16 MB of
    noise (libewf gives zeros for a damaged chunk: damage to a chunk of zeros would change nothing)."""
    folder = tmp_path_factory.mktemp("fat")
    return fat32_image(folder, size_mb=34, jpeg=(corpus_dir / JPEG).read_bytes(),
                       files={"noise.bin": os.urandom(16 << 20)}).read_bytes()


@pytest.fixture(scope="module")
def e01_segments(tmp_path_factory, fat_raw) -> dict[str, bytes]:
    """An E01 of fat_raw in 1 MiB uncompressed segments, Chinese headers in code page 936: name -> bytes."""
    folder = tmp_path_factory.mktemp("e01")
    raw = folder / "usb.raw"
    raw.write_bytes(fat_raw)
    (folder / "out").mkdir()
    e01_of(raw, folder / "out" / "usb", segment="1MiB", compression="none", case="案件一号", examiner="张三")
    return {p.name: p.read_bytes() for p in sorted((folder / "out").iterdir())}


def _scan_json(root, tmp_path):
    result = run_main("scan", root, "--json", store=tmp_path / "store")
    assert result.returncode == 0, result.stderr.decode()
    return {row["path"]: row for row in map(json.loads, result.stdout.decode().splitlines())}


def test_scan_lists_the_image_files_under_the_item_deleted_ones_marked(tmp_path, fat_raw):
    root = _bundle(tmp_path, {"evidence/E1/usb.dd": fat_raw},
                   [{"path": "evidence/E1/usb.dd", "type": "disk_image"}])
    before = snapshot(root)
    rows = _scan_json(root, tmp_path)
    prefix = "evidence/E1/usb.dd:/p1/"
    assert rows["evidence/E1/usb.dd"]["error"] is None  # the image file itself is still listed
    deleted, keep = rows[prefix + "删除.txt"], rows[prefix + "keep.txt"]
    assert deleted["deleted"] is True and deleted["mime"] == "text/plain" and deleted["item"] == "E1"
    assert keep["deleted"] is False and keep["listed"] is True and keep["address"]
    assert rows[prefix + "目录/中文文件.txt"]["size"] == len("你好\n".encode())
    photo = rows[prefix + "目录/照片.jpg"]
    assert photo["mime"] == "image/jpeg" and photo["exif"]["make"] and photo["exif"]["gps"]
    assert rows[prefix + "$FAT1"]["role"] == "virtual" and rows[prefix + "$FAT1"]["mime"] is None
    assert keep["modified"].endswith("Z") and keep["changed"] is None  # FAT keeps no change time
    assert snapshot(root) == before  # bytes and mtimes of the evidence unchanged


def test_files_inside_reach_the_timeline_with_local_time_said(tmp_path, fat_raw, store_dir):
    from models.timeline.timeline_store import build_timeline

    root = _bundle(tmp_path, {"evidence/E1/usb.dd": fat_raw},
                   [{"path": "evidence/E1/usb.dd", "type": "disk_image"}])
    bundle = load_bundle(root)
    store = open_store(bundle, store_dir)
    scan_bundle(bundle, store)
    fill_types(bundle, store)
    build_timeline(store.db.conn, bundle)
    rows = store.db.execute("SELECT f.path, f.deleted, t.zone_known, t.item FROM timeline t JOIN files f "
                            "ON f.id = t.file_id WHERE f.path LIKE 'evidence/E1/usb.dd:/%'").fetchall()
    paths = {r[0] for r in rows}
    assert "evidence/E1/usb.dd:/p1/删除.txt" in paths and "evidence/E1/usb.dd:/p1/keep.txt" in paths
    assert all(r[3] == "E1" and r[2] == 0 for r in rows)  # FAT's local times: the zone is not known
    assert {r[1] for r in rows if r[0].endswith("删除.txt")} == {1}


def test_rescan_does_not_walk_an_unchanged_image(tmp_path, fat_raw, store_dir, monkeypatch):
    import models.image.source as image_source

    root = _bundle(tmp_path, {"evidence/E1/usb.dd": fat_raw},
                   [{"path": "evidence/E1/usb.dd", "type": "disk_image"}])
    bundle = load_bundle(root)
    store = open_store(bundle, store_dir)
    first = scan_bundle(bundle, store)
    assert fill_types(bundle, store) > 0
    walked = []
    original = image_source.ImageSource.lister  # each partition's listing starts there
    monkeypatch.setattr(image_source.ImageSource, "lister",
                        lambda self, part: walked.append(self.name) or original(self, part))
    again = scan_bundle(bundle, store)
    assert walked == [] and again.files == first.files and again.removed == 0 and again.additions == 0
    records = {r["path"]: r for r in iter_file_records(store)}
    assert records["evidence/E1/usb.dd:/p1/keep.txt"]["mime"] == "text/plain"  # types kept
    assert fill_types(bundle, store) == 0
    image = root / "evidence/E1/usb.dd"
    os.utime(image, ns=(image.stat().st_atime_ns, image.stat().st_mtime_ns + 10**9))
    scan_bundle(bundle, store)
    assert walked == ["evidence/E1/usb.dd"]


def test_an_image_that_cannot_be_read_is_listed_with_the_reason(tmp_path, fat_raw, store_dir):
    qcow = b"QFI\xfb" + bytes(4092)
    root = _bundle(tmp_path, {"evidence/E1/disk.qcow2": qcow, "evidence/E1/usb.dd": fat_raw},
                   [{"path": "evidence/E1/disk.qcow2", "type": "disk_image"},
                    {"path": "evidence/E1/usb.dd", "type": "disk_image"}])
    bundle = load_bundle(root)
    store = open_store(bundle, store_dir)
    summary = scan_bundle(bundle, store)
    records = {r["path"]: r for r in iter_file_records(store)}
    assert "QCOW2" in records["evidence/E1/disk.qcow2"]["error"] and summary.errors == 1
    assert not [p for p in records if p.startswith("evidence/E1/disk.qcow2:")]
    assert "evidence/E1/usb.dd:/p1/keep.txt" in records  # the other image goes on


def test_a_segment_linked_out_of_the_bundle_is_not_read(tmp_path, e01_segments, store_dir):
    content = [{"path": "evidence/E1/usb.E01", "type": "disk_image", "digests": {"md5": "0" * 32}}]
    root = _bundle(tmp_path, {f"evidence/E1/{n}": d for n, d in e01_segments.items()}, content)
    outside = tmp_path / "outside.E02"
    (root / "evidence/E1/usb.E02").rename(outside)
    (root / "evidence/E1/usb.E02").symlink_to(outside)
    bundle = load_bundle(root)
    store = open_store(bundle, store_dir)
    scan_bundle(bundle, store)
    records = {r["path"]: r for r in iter_file_records(store)}
    assert "usb.E02" in records["evidence/E1/usb.E01"]["error"]
    assert not [p for p in records if p.startswith("evidence/E1/usb.E01:")]
    rows = verify_bundle(bundle)
    assert any(r.status == "unreadable" and "usb.E02" in (r.error or "") for r in rows)


def _digests(data: bytes) -> dict:
    return {"md5": hashlib.md5(data).hexdigest(), "sha1": hashlib.sha1(data).hexdigest()}


def _by(rows):
    return {(r.algorithm, r.recorded_source): r for r in rows if r.path.startswith("evidence/E1/")}


def test_e01_manifest_matches_file_bytes_or_media_stream_and_says_which(tmp_path, fat_raw, e01_segments):
    files = {f"evidence/E1/{n}": d for n, d in e01_segments.items()}
    digests = {"md5": hashlib.md5(fat_raw).hexdigest(), "sha1": _digests(e01_segments["usb.E01"])["sha1"]}
    root = _bundle(tmp_path, files, [{"path": "evidence/E1/usb.E01", "type": "disk_image", "digests": digests}])
    before = snapshot(root)
    result = run_main("verify", root, "--json", store=tmp_path / "store")
    assert result.returncode == 0, result.stdout.decode() + result.stderr.decode()
    rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    by = {(r["algorithm"], r["recorded_source"]): r for r in rows}
    assert by[("md5", MEDIA_SOURCE)]["status"] == "match"  # the manifest recorded the media's MD5
    assert by[("sha1", "manifest")]["status"] == "match"  # and the E01 file's SHA-1
    assert by[("md5", "ewf_header")]["computed"] == hashlib.md5(fat_raw).hexdigest()
    assert by[("sha1", "ewf_header")]["status"] == "match"
    assert not [r for r in rows if r["status"] == "unlisted"]  # segments are the image's
    assert snapshot(root) == before


def test_damaged_e01_segment_in_a_bundle_makes_verify_exit_1(tmp_path, fat_raw, e01_segments):
    files = {f"evidence/E1/{n}": d for n, d in e01_segments.items()}
    content = [{"path": "evidence/E1/usb.E01", "type": "disk_image", "digests": _digests(fat_raw)}]
    root = _bundle(tmp_path, files, content)
    segment = root / "evidence/E1/usb.E03"
    with open(segment, "r+b") as stream:  # inside the chunk data of an uncompressed segment
        stream.seek(segment.stat().st_size // 2)
        stream.write(b"\xa5" * 4096)
    before = snapshot(root)
    result = run_main("verify", root, "--json", store=tmp_path / "store")
    assert result.returncode == 1, result.stderr.decode()
    rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    by = {(r["algorithm"], r["recorded_source"]): r for r in rows}
    assert by[("md5", "ewf_header")]["status"] == by[("sha1", "ewf_header")]["status"] == "mismatch"
    assert by[("md5", "manifest")]["status"] == "mismatch" and "media stream" in by[("md5", "manifest")]["error"]
    assert snapshot(root) == before


def test_split_raw_matches_its_concatenation_or_its_first_file(tmp_path, fat_raw):
    third = len(fat_raw) // 3
    parts = [fat_raw[:third], fat_raw[third:2 * third], fat_raw[2 * third:]]
    files = {f"evidence/E1/usb.00{n}": part for n, part in enumerate(parts, 1)}
    content = [{"path": "evidence/E1/usb.001", "type": "disk_image",
                "digests": {"md5": hashlib.md5(fat_raw).hexdigest(), "sha1": hashlib.sha1(parts[0]).hexdigest(),
                            "sha256": "ab" * 32}}]
    root = _bundle(tmp_path, files, content)
    by = _by(verify_bundle(load_bundle(root)))
    assert by[("md5", MEDIA_SOURCE)].status == "match"
    assert by[("sha1", "manifest")].status == "match"
    wrong = by[("sha256", "manifest")]
    assert wrong.status == "mismatch" and wrong.computed == hashlib.sha256(fat_raw).hexdigest()
    assert hashlib.sha256(parts[0]).hexdigest() in wrong.error
    bundle = load_bundle(root)
    store = open_store(bundle, tmp_path / "store")
    scan_bundle(bundle, store)  # the files inside are read across the segments
    records = {r["path"]: r for r in iter_file_records(store)}
    assert records["evidence/E1/usb.001:/p1/目录/中文文件.txt"]["deleted"] == 0


def _guymager_info(md5: str, sha1: str, sha256: str) -> bytes:
    """A Guymager .info as Guymager writes it (UTF-8), with the three hash rows per algorithm."""
    hashes = "".join(f"{label} hash{suffix}: {value}\n"
                     for label, value in (("MD5", md5), ("SHA1", sha1), ("SHA256", sha256))
                     for suffix in ("                   ", " verified source   ", " verified image    "))
    text = ("GUYMAGER ACQUISITION INFO FILE\n==============================\n\nGuymager\n========\n"
            "Version              : 0.8.13-1\nlibewf version       : 20140807\nHost name            : forensic\n"
            "System               : Linux forensic 5.15.0-91-generic x86_64\n\n"
            "Device information\n==================\nHidden areas: unknown\n\n"
            "Acquisition\n===========\nLinux device         : /dev/sdb\n"
            "Device size          : 35651584 (35.7MB)\nFormat               : Linux dd raw image - file extension "
            "is .dd\nImage meta data\n    Case number      : 案件一号\n    Evidence number  : 证据甲\n"
            "    Examiner         : 张三\n    Description      : U盘\n    Notes            : \n"
            "Image path and file name: /mnt/case/usb.dd\nInfo  path and file name: /mnt/case/usb.info\n"
            "Hash calculation     : MD5, SHA-1 and SHA256\nSource verification  : on\n"
            "Image verification   : on\n\nNo bad sectors encountered during acquisition.\n"
            "No bad sectors encountered during verification.\n\nState: Finished successfully\n\n" + hashes +
            "Source verification OK. The source device delivered the same data during acquisition and "
            "verification.\nImage verification OK. The image contains exactly the data that was written.\n\n"
            "Acquisition started : 2020-05-18 14:02:11 (0 seconds)\n"
            "Verification started: 2020-05-18 14:02:40 (29 seconds)\n"
            "Ended               : 2020-05-18 14:03:05 (54 seconds)\n")
    return text.encode("utf-8")


def _ftk_txt(md5: str, sha1: str) -> bytes:
    """An FTK Imager .txt log as FTK Imager writes it (ANSI code page: 936 on a Chinese Windows)."""
    text = ("Created By AccessData® FTK® Imager 4.7.1.2\r\n\r\nCase Information: \r\nAcquired using: ADI4.7.1.2\r\n"
            "Case Number: 案件一号\r\nEvidence Number: 证据甲\r\nUnique Description: U盘\r\nExaminer: 张三\r\n"
            "Notes: \r\n\r\n" + "-" * 62 + "\r\n\r\nInformation for \\\\.\\PHYSICALDRIVE1:\r\n\r\n"
            "Physical Evidentiary Item (Source) Information:\r\n[Device Info]\r\n Source Type: Physical\r\n"
            "[Drive Geometry]\r\n Bytes per Sector: 512\r\n Sector Count: 69,632\r\n"
            "[Physical Drive Information]\r\n Drive Model: Kingston DataTraveler USB Device\r\n"
            " Drive Serial Number: 0019E06B4A2C\r\n Source data size: 34 MB\r\n Sector count:    69632\r\n"
            f"[Computed Hashes]\r\n MD5 checksum:    {md5}\r\n SHA1 checksum:   {sha1}\r\n\r\n"
            "Image Information:\r\n Acquisition started:   Mon May 18 14:02:11 2020\r\n"
            " Acquisition finished:  Mon May 18 14:02:40 2020\r\n Segment list:\r\n  D:\\case\\usb.001\r\n"
            "  D:\\case\\usb.002\r\n\r\nImage Verification Results:\r\n"
            " Verification started:  Mon May 18 14:02:41 2020\r\n"
            " Verification finished: Mon May 18 14:03:05 2020\r\n"
            f" MD5 checksum:    {md5} : verified\r\n SHA1 checksum:   {sha1} : verified\r\n")
    return text.encode("gbk", errors="replace")


def test_guymager_info_beside_a_raw_image_matching_and_not(tmp_path, fat_raw):
    md5, sha1 = hashlib.md5(fat_raw).hexdigest(), hashlib.sha1(fat_raw).hexdigest()
    sha256 = hashlib.sha256(fat_raw).hexdigest()
    files = {"evidence/E1/usb.dd": fat_raw, "evidence/E1/usb.info": _guymager_info(md5, sha1, "0" * 64)}
    root = _bundle(tmp_path, files, [{"path": "evidence/E1/usb.dd", "type": "disk_image"}])
    result = run_main("verify", root, "--json", store=tmp_path / "store")
    rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    by = {(r["algorithm"], r["recorded_source"]): r for r in rows}
    log = "guymager:evidence/E1/usb.info"
    assert by[("md5", log)]["status"] == by[("sha1", log)]["status"] == "match"
    assert by[("sha256", log)]["status"] == "mismatch" and by[("sha256", log)]["computed"] == sha256
    assert result.returncode == 1
    assert not [r for r in rows if r["status"] == "unlisted"]


def test_ftk_log_beside_a_split_raw_image_records_the_media_stream(tmp_path, fat_raw):
    half = len(fat_raw) // 2
    md5, sha1 = hashlib.md5(fat_raw).hexdigest(), hashlib.sha1(fat_raw).hexdigest()
    files = {"evidence/E1/usb.001": fat_raw[:half], "evidence/E1/usb.002": fat_raw[half:],
             "evidence/E1/usb.001.txt": _ftk_txt(md5, sha1)}
    content = [{"path": "evidence/E1/usb.001", "type": "disk_image", "digests": {"md5": md5}}]
    root = _bundle(tmp_path, files, content)
    result = run_main("verify", root, "--json", store=tmp_path / "store")
    assert result.returncode == 0, result.stdout.decode()
    rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    log = [r for r in rows if r["recorded_source"] == "ftk_log:evidence/E1/usb.001.txt"]
    assert {(r["algorithm"], r["status"]) for r in log} == {("md5", "match"), ("sha1", "match")}
    (root / "evidence/E1/usb.001.txt").write_bytes(_ftk_txt(md5[::-1], sha1))
    result = run_main("verify", root, "--json", store=tmp_path / "store")
    assert result.returncode == 1
    rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert {(r["algorithm"], r["status"]) for r in rows if r["recorded_source"].startswith("ftk_log:")} == \
        {("md5", "mismatch"), ("sha1", "match")}


def test_the_media_stream_is_read_once(tmp_path, fat_raw, e01_segments, monkeypatch):
    import models.image.disk.media_child as media_child

    files = {f"evidence/E1/{n}": d for n, d in e01_segments.items()}
    md5 = hashlib.md5(fat_raw).hexdigest()
    files["evidence/E1/usb.info"] = _guymager_info(md5, hashlib.sha1(fat_raw).hexdigest(), "0" * 64)
    content = [{"path": "evidence/E1/usb.E01", "type": "disk_image", "digests": {"md5": md5}}]
    root = _bundle(tmp_path, files, content)
    reads = []
    original = media_child.read_media  # the media stream is read in a forked child: one child, one read
    monkeypatch.setattr(media_child, "read_media", lambda spec, *a, **k: reads.append(spec) or
                        original(spec, *a, **k))
    rows = verify_bundle(load_bundle(root))
    assert len(reads) == 1  # one read for the manifest, the E01's own digests and the log
    sources = {r.recorded_source for r in rows if r.status == "match"}
    assert {MEDIA_SOURCE, "ewf_header", "guymager:evidence/E1/usb.info"} <= sources


def test_shared_wording_stays_equal_to_verify():
    import models.image.bundle_verify as bundle_verify
    import models.integrity.verify as verify

    assert bundle_verify.RECORD_DEFECT == verify.RECORD_DEFECT
    assert bundle_verify.IMAGE_LOG_SUFFIXES == verify.IMAGE_LOG_SUFFIXES


def test_segments_and_logs_beside_an_image_belong_to_its_item(tmp_path, fat_raw, e01_segments, store_dir):
    from models.image.files import read_image_file

    files = {f"evidence/E1/{n}": d for n, d in e01_segments.items()}
    files["evidence/E1/usb.info"] = _guymager_info("0" * 32, "0" * 40, "0" * 64)
    files["evidence/E1/other.bin"] = b"not an image's"
    root = _bundle(tmp_path, files, [{"path": "evidence/E1/usb.E01", "type": "disk_image",
                                      "digests": _digests(fat_raw)}])
    bundle = load_bundle(root)
    store = open_store(bundle, store_dir)
    for _ in range(2):  # a rescan too
        summary = scan_bundle(bundle, store)
        records = {r["path"]: r for r in iter_file_records(store)}
        assert summary.additions == 1 and records["evidence/E1/other.bin"]["listed"] == 0
        assert records["evidence/E1/usb.E02"]["item"] == "E1" and records["evidence/E1/usb.E02"]["listed"] == 1
        assert records["evidence/E1/usb.info"]["item"] == "E1"
    keep = records["evidence/E1/usb.E01:/p1/keep.txt"]
    assert read_image_file(bundle, keep["path"], keep["address"]) == b"hello\n"  # on demand, as the window reads


def test_types_from_two_processes_equal_those_typed_here(tmp_path, fat_raw, monkeypatch):
    import models.image.typing as image_typing

    root = _bundle(tmp_path, {"evidence/E1/usb.dd": fat_raw}, [{"path": "evidence/E1/usb.dd", "type": "disk_image"}])
    answers = []
    for pool_from, name in ((10**9, "here"), (1, "pool")):
        monkeypatch.setattr(image_typing, "POOL_FROM", pool_from)
        monkeypatch.setattr(image_typing, "BATCH", 2)
        bundle = load_bundle(root)
        store = open_store(bundle, tmp_path / name)
        scan_bundle(bundle, store)
        fill_types(bundle, store)
        answers.append(store.db.execute("SELECT path, mime, category, exif_json, type_error FROM files "
                                        "WHERE path LIKE '%:/%' ORDER BY path").fetchall())
    assert answers[0] == answers[1]
    assert any(row[1] == "image/jpeg" and row[3] for row in answers[1]) and not any(row[4] for row in answers[1])


def test_image_verification_reports_progress_and_can_be_cancelled(tmp_path, fat_raw):
    import threading

    from models.runtime.jobs import Cancelled

    root = _bundle(tmp_path, {"evidence/E1/usb.dd": fat_raw}, [{"path": "evidence/E1/usb.dd", "type": "disk_image"}])
    before = snapshot(root)
    seen = []
    verify_bundle(load_bundle(root), progress=lambda *args: seen.append(args))
    assert max(args[2] for args in seen) == len(fat_raw)  # bytes of the media stream, as read
    cancel = threading.Event()

    def stop_early(_done, _total, done_bytes, _size):
        if done_bytes:
            cancel.set()
    with pytest.raises(Cancelled):
        verify_bundle(load_bundle(root), progress=stop_early, cancel=cancel)
    assert snapshot(root) == before


def test_an_image_without_a_file_system_tsk_reads_gives_the_reason_and_still_verifies(tmp_path, store_dir):
    noise = os.urandom(1 << 20)
    root = _bundle(tmp_path, {"evidence/E1/blank.dd": noise}, [{"path": "evidence/E1/blank.dd", "type": "disk_image"}])
    bundle = load_bundle(root)
    store = open_store(bundle, store_dir)
    scan_bundle(bundle, store)
    records = {r["path"]: r for r in iter_file_records(store)}
    assert records["evidence/E1/blank.dd"]["error"] is None
    assert "TSK" in records["evidence/E1/blank.dd:/p1"]["error"] and records["evidence/E1/blank.dd:/p1"]["item"] == "E1"
    assert {r.status for r in verify_bundle(bundle)} == {"match"}
