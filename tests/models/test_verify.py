"""verify_bundle on bundles written into tmp_path: match, mismatch, missing, unlisted, unreadable, logs, store."""

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from models.bundle.bundle_writer import write_bundle
from models.bundle.manifest import load_bundle
from models.integrity.backup import compare_backup
from models.integrity.digests import BUFFER_SIZE
from models.integrity.verify import is_record_defect, load_results, record_line, save_results, verify_bundle
from models.store.store import open_store

REPO = Path(__file__).resolve().parents[2]
FILES = {"evidence/E1/chat.txt": "钱转过去了\n".encode(), "evidence/E1/photo.jpg": os.urandom(5000),
         "evidence/E2/dir/a.txt": b"alpha\n", "evidence/E2/dir/sub/b,c.txt": b"beta\n",
         "evidence/E3/usb.dd": os.urandom(70000)}


def _sha256sum(path: Path) -> str:
    return subprocess.run(["sha256sum", str(path)], capture_output=True, text=True, check=True).stdout.split()[0]


def _manifest(changes=None) -> dict:
    def item(i, kind, content, **kw):
        return {"id": i, "title": i, "kind": kind, "content": content, **kw}

    return {"format": "evidence-bundle/1",
            "case": {"case_number": "测试〔2026〕1号", "title": "测试", "prepared_by": "李某",
                     "prepared_at": "2026-11-20T10:00:00+08:00"},
            "items": [item("E1", "seized_media", [{"path": "evidence/E1/chat.txt", "type": "file"},
                                                  {"path": "evidence/E1/photo.jpg", "type": "file"}],
                           changes=changes or []),
                      item("E2", "obtained", [{"path": "evidence/E2/dir", "type": "directory",
                                               "digest_list": "documents/E2.hashdeep.txt"}]),
                      item("E3", "media_image", [{"path": "evidence/E3/usb.dd", "type": "disk_image"}]),
                      item("E4", "seized_media", [{"path": "evidence/E4/chat.txt", "type": "file"}],
                           backup_of="E1")]}


def _bundle(tmp_path, changes=None) -> Path:
    files = dict(FILES, **{"evidence/E4/chat.txt": FILES["evidence/E1/chat.txt"]})
    root = write_bundle(tmp_path / "b", _manifest(changes), files, fill=True,
                        digest_lists={"documents/E2.hashdeep.txt": ("hashdeep", "evidence/E2/dir")})
    return root


def _by(results):
    return {(r.path, r.algorithm, r.recorded_source): r for r in results}


def test_clean_bundle_all_match_against_sha256sum(tmp_path):
    root = _bundle(tmp_path)
    results = verify_bundle(load_bundle(root))
    assert results and {r.status for r in results} == {"match"}
    by = _by(results)
    for rel in ("evidence/E1/chat.txt", "evidence/E3/usb.dd"):
        assert by[(rel, "sha256", "manifest")].computed == _sha256sum(root / rel)
    listed = by[("evidence/E2/dir/sub/b,c.txt", "md5", "digest_list:documents/E2.hashdeep.txt")]
    assert listed.computed == hashlib.md5(b"beta\n").hexdigest() and listed.item == "E2"
    assert {r.algorithm for r in results if r.path == "evidence/E1/photo.jpg"} == {"md5", "sha1", "sha256", "sm3"}


def test_changed_deleted_added_and_explained(tmp_path):
    root = _bundle(tmp_path, changes=[{"path": "evidence/E1/photo.jpg", "explanation": "鉴定时导出缩略图"}])
    data = bytearray((root / "evidence/E1/photo.jpg").read_bytes())
    data[100] ^= 1
    (root / "evidence/E1/photo.jpg").write_bytes(bytes(data))
    (root / "evidence/E1/chat.txt").unlink()
    (root / "evidence/E2/dir/new.txt").write_bytes(b"covered by the directory entry, named by no list row")
    (root / "evidence/E1/extra.bin").write_bytes(b"added")
    results = verify_bundle(load_bundle(root))
    status = {(r.path, r.status) for r in results if r.status != "match"}
    assert status == {("evidence/E1/photo.jpg", "mismatch"), ("evidence/E1/chat.txt", "missing"),
                      ("evidence/E1/extra.bin", "unlisted"), ("evidence/E2/dir/new.txt", "unlisted")}
    new = next(r for r in results if r.path == "evidence/E2/dir/new.txt")
    assert new.item == "E2" and "documents/E2.hashdeep.txt" in new.error  # the list that does not name it
    assert all(r.explanation == "鉴定时导出缩略图" for r in results if r.path == "evidence/E1/photo.jpg")
    assert all(r.error for r in results if r.status == "missing")


def test_directory_where_a_file_was_listed_and_malformed_list_line(tmp_path):
    root = _bundle(tmp_path)
    (root / "evidence/E3/usb.dd").unlink()
    (root / "evidence/E3/usb.dd").mkdir()
    with open(root / "documents/E2.hashdeep.txt", "a", encoding="utf-8") as f:
        f.write("12,not-hex,also-bad,evidence/E2/dir/a.txt\n")
    results = verify_bundle(load_bundle(root))
    image = [r for r in results if r.path == "evidence/E3/usb.dd"]
    assert image and {r.status for r in image} == {"unreadable"} and "文件夹" in image[0].error
    finding = [r for r in results if r.recorded_source == "digest_list:documents/E2.hashdeep.txt" and r.error]
    assert len(finding) == 1 and finding[0].status == "unreadable" and "line 7" in finding[0].error
    assert finding[0].path == "evidence/E2/dir/a.txt" and is_record_defect(finding[0]) and record_line(finding[0]) == 7
    assert {r.status for r in results if r.item == "E1"} == {"match"}  # the rest went on


def test_a_typo_in_a_digest_list_is_a_record_defect_not_a_change(tmp_path):
    """One digit lost in one line, no evidence changed: the file it names is neither unlisted nor mismatched."""
    root = _bundle(tmp_path)
    listing = root / "documents/E2.hashdeep.txt"
    lines = listing.read_text(encoding="utf-8").splitlines()
    at = next(n for n, line in enumerate(lines) if line.endswith("evidence/E2/dir/a.txt"))
    size, md5, rest = lines[at].split(",", 2)
    lines[at] = ",".join((size, md5[:-1], rest))
    listing.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = verify_bundle(load_bundle(root))
    named = [r for r in results if r.path == "evidence/E2/dir/a.txt"]
    assert [(r.status, is_record_defect(r), record_line(r)) for r in named] == [("unreadable", True, at + 1)]
    assert not [r for r in results if r.status in ("mismatch", "missing", "unlisted")]


def test_acquisition_logs_beside_an_image(tmp_path):
    root = _bundle(tmp_path)
    data = (root / "evidence/E3/usb.dd").read_bytes()
    md5, sha1 = hashlib.md5(data).hexdigest(), hashlib.sha1(data).hexdigest()
    ftk = (f"Created By AccessData® FTK® Imager 3.1.4.6\n[Computed Hashes]\n MD5 checksum:    {md5}\n"
           f" SHA1 checksum:   {'0' * 40}\n")
    (root / "evidence/E3/usb.dd.txt").write_bytes(ftk.encode("gbk", errors="replace"))
    guy = f"GUYMAGER ACQUISITION INFO FILE\n调查员 : 王某\nMD5 hash                   : {md5}\nSHA1 hash : {sha1}\n"
    (root / "evidence/E3/usb.info").write_bytes(guy.encode("gbk"))
    by = _by(verify_bundle(load_bundle(root)))
    assert by[("evidence/E3/usb.dd", "md5", "ftk_log:evidence/E3/usb.dd.txt")].status == "match"
    assert by[("evidence/E3/usb.dd", "sha1", "ftk_log:evidence/E3/usb.dd.txt")].status == "mismatch"
    assert by[("evidence/E3/usb.dd", "sha1", "guymager:evidence/E3/usb.info")].status == "match"
    assert not any(r.status == "unlisted" for r in by.values())  # logs beside an image are not additions


def test_freeze_and_appraisal_digests_reported_with_their_source(tmp_path):
    manifest = _manifest()
    chat = hashlib.sha256(FILES["evidence/E1/chat.txt"]).hexdigest()
    manifest["items"][0]["freeze"] = {"digests_at_freeze": {"evidence/E1/chat.txt": {"sha256": chat}}}
    manifest["items"][1]["appraisal"] = {"material_digests": {"evidence/E2/dir/a.txt": {"md5": "0" * 32}}}
    root = write_bundle(tmp_path / "b", manifest, dict(FILES, **{"evidence/E4/chat.txt": b"x"}), fill=True,
                        digest_lists={"documents/E2.hashdeep.txt": ("hashdeep", "evidence/E2/dir")})
    by = _by(verify_bundle(load_bundle(root)))
    assert by[("evidence/E1/chat.txt", "sha256", "freeze")].status == "match"
    assert by[("evidence/E2/dir/a.txt", "md5", "appraisal")].status == "mismatch"


def test_wrong_length_recorded_digest_is_a_finding_not_a_crash(tmp_path):
    root = _bundle(tmp_path)
    bundle = load_bundle(root)
    bundle.data["items"] = list(bundle.items)  # plain dicts: the loaded items are kept compact, read-only
    bundle.items[0]["content"][0]["digests"] = {"md5": "abc"}  # what load_bundle would refuse, given anyway
    results = verify_bundle(bundle)
    bad = [r for r in results if r.path == "evidence/E1/chat.txt"]
    assert [r.status for r in bad] == ["unreadable"] and "32" in bad[0].error


def test_save_load_replace_and_backup(tmp_path, store_dir):
    root = _bundle(tmp_path)
    (root / "evidence/E4/chat.txt").write_bytes(b"changed")
    bundle = load_bundle(root)
    store = open_store(bundle, store_dir)
    save_results(store, verify_bundle(bundle))
    first = load_results(store)
    assert first and all(r["verified_at"].endswith("Z") and r["program_version"] for r in first)
    save_results(store, verify_bundle(bundle, items=["E1"]), items=["E1"])
    assert len(load_results(store)) == len(first) and load_results(store, "E1")
    diffs = compare_backup(bundle, store, "E4")
    assert [(d.path, d.difference) for d in diffs] == [("chat.txt", "digest"), ("photo.jpg", "missing_in_backup")]


def test_cli_exit_codes_and_json(tmp_path, store_dir):
    root = _bundle(tmp_path)
    cmd = [sys.executable, str(REPO / "main.py"), "verify", str(root), "--json", "--store", str(store_dir)]
    ok = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, timeout=120)
    assert ok.returncode == 0, ok.stderr
    rows = [json.loads(line) for line in ok.stdout.splitlines()]
    assert rows and {r["status"] for r in rows} == {"match"}
    assert {"item", "path", "algorithm", "recorded", "computed", "status"} <= set(rows[0])
    (root / "evidence/E1/extra.bin").write_bytes(b"added")
    bad = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, timeout=120)
    assert bad.returncode == 1 and '"unlisted"' in bad.stdout
    text = subprocess.run(cmd[:-3] + ["--store", str(store_dir)], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert "清单外新增" in text.stdout
    gone = subprocess.run(cmd[:3] + [str(tmp_path / "nowhere")], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert gone.returncode == 2 and "Traceback" not in gone.stderr and len(gone.stderr.strip().splitlines()) == 1


def _bundle_with_big(tmp_path, size: int) -> Path:
    """E1 lists a file of several read buffers first (read first), then a small one; E2 one more."""
    files = {"evidence/E1/big.bin": os.urandom(size), "evidence/E1/chat.txt": FILES["evidence/E1/chat.txt"],
             "evidence/E2/a.txt": b"alpha\n"}
    manifest = _manifest()
    manifest["items"] = [
        {"id": "E1", "title": "E1", "kind": "seized_media",
         "content": [{"path": "evidence/E1/big.bin", "type": "file"},
                     {"path": "evidence/E1/chat.txt", "type": "file"}]},
        {"id": "E2", "title": "E2", "kind": "obtained", "content": [{"path": "evidence/E2/a.txt", "type": "file"}]}]
    return write_bundle(tmp_path / "b", manifest, files, fill=True)


@pytest.mark.parametrize("change, status", [("shrink", "unreadable"), ("delete", "missing"),
                                            ("replace", "unreadable")])
def test_file_that_shrinks_or_vanishes_mid_read_is_a_finding_of_that_file(tmp_path, change, status):
    size = 8 * BUFFER_SIZE + 123
    root = _bundle_with_big(tmp_path, size)
    big = root / "evidence/E1/big.bin"
    seen = []

    def progress(_count, _total, done_bytes, _total_bytes):
        if done_bytes and not seen:  # the first report comes after the first buffer of big.bin
            seen.append(done_bytes)
            if change == "shrink":
                os.truncate(big, BUFFER_SIZE // 2)
            elif change == "delete":
                big.unlink()
            else:  # another file renamed over it: the open one is read to its end, the path holds a new file
                (tmp_path / "new.bin").write_bytes(b"new content")
                os.replace(tmp_path / "new.bin", big)
    results = verify_bundle(load_bundle(root), progress=progress)
    assert seen and seen[0] < size  # the change came while big.bin was being read
    rows = [r for r in results if r.path == "evidence/E1/big.bin"]
    assert len(rows) == 4 and {r.status for r in rows} == {status}
    assert all(r.computed is None and "读取过程中" in r.error for r in rows), rows[0].error
    others = [r for r in results if r.path != "evidence/E1/big.bin"]
    assert {r.path for r in others} == {"evidence/E1/chat.txt", "evidence/E2/a.txt"}
    assert {r.status for r in others} == {"match"}  # the rest of the run completed


def test_links_are_findings_whether_the_file_or_a_folder_above_it_is_the_link(tmp_path):
    root = _bundle(tmp_path)
    bundle = load_bundle(root)  # opened before the links appear (load_bundle refuses listed paths that lead out)
    outside = tmp_path / "outside"
    (outside / "dir/sub").mkdir(parents=True)
    (outside / "dir/a.txt").write_bytes(b"alpha\n")  # the same bytes: only the link check can tell
    (outside / "dir/sub/b,c.txt").write_bytes(b"beta\n")
    (outside / "chat.txt").write_bytes(FILES["evidence/E1/chat.txt"])
    (root / "evidence/E1/chat.txt").unlink()
    (root / "evidence/E1/chat.txt").symlink_to(outside / "chat.txt")  # the file itself leads out
    shutil.rmtree(root / "evidence/E2/dir")
    (root / "evidence/E2/dir").symlink_to(outside / "dir")  # a folder above the files leads out
    (root / "evidence/E3/usb.dd").rename(root / "evidence/E3/real.dd")
    (root / "evidence/E3/usb.dd").symlink_to("real.dd")  # a link that stays inside is still not the file
    results = verify_bundle(bundle)
    by_path = {}
    for r in results:
        by_path.setdefault(r.path, set()).add((r.status, r.error))
    for rel in ("evidence/E1/chat.txt", "evidence/E2/dir/a.txt", "evidence/E2/dir/sub/b,c.txt"):
        assert {status for status, _e in by_path[rel]} == {"unreadable"}, rel
        assert all("证据包之外" in error for _s, error in by_path[rel]), by_path[rel]
    assert {status for status, _e in by_path["evidence/E3/usb.dd"]} == {"unreadable"}
    assert all("链接" in error for _s, error in by_path["evidence/E3/usb.dd"])
    assert {status for status, _e in by_path["evidence/E1/photo.jpg"]} == {"match"}


def _many_listed(tmp_path, count: int = 700) -> Path:
    """A directory entry whose hashdeep list names `count` files (nested, one past a read buffer): read by
    helpers that walk the folder (models.integrity.digest_tree), not file by file."""
    files = {f"evidence/E2/dir/s{i % 4}/f{i:04}.bin": os.urandom(i % 700) for i in range(count)}
    files["evidence/E2/dir/big.bin"] = os.urandom(BUFFER_SIZE + 99)
    manifest = _manifest()
    manifest["items"] = [i for i in manifest["items"] if i["id"] in ("E1", "E2")]
    files.update({k: v for k, v in FILES.items() if k.startswith("evidence/E1/")})
    return write_bundle(tmp_path / "many", manifest, files, fill=True,
                        digest_lists={"documents/E2.hashdeep.txt": ("hashdeep", "evidence/E2/dir")})


def _spoil(root: Path, tmp_path: Path) -> None:
    """A changed byte, a deleted file, a folder and a link where files were listed, a folder linked out."""
    base = root / "evidence/E2/dir"
    data = bytearray((base / "s1/f0005.bin").read_bytes())
    data[0] ^= 1
    (base / "s1/f0005.bin").write_bytes(bytes(data))
    (base / "s1/f0009.bin").unlink()
    (base / "s3/f0007.bin").unlink()
    (base / "s3/f0007.bin").mkdir()
    (base / "s0/f0008.bin").rename(base / "s0/real.bin")
    (base / "s0/f0008.bin").symlink_to("real.bin")
    (base / "extra.bin").write_bytes(b"in the folder, not in the list")
    outside = tmp_path / "outside"
    shutil.move(str(base / "s2"), outside)
    (base / "s2").symlink_to(outside)


def test_a_long_list_read_by_walking_helpers_gives_what_file_by_file_gives(tmp_path, monkeypatch):
    import models.integrity.verify as verify

    root = _many_listed(tmp_path)
    bundle = load_bundle(root)
    clean = verify_bundle(bundle)
    assert len([r for r in clean if r.item == "E2"]) == 2 * 701 and {r.status for r in clean} == {"match"}
    big = [r for r in clean if r.path == "evidence/E2/dir/big.bin" and r.algorithm == "sha256"]
    assert big[0].computed == hashlib.sha256((root / "evidence/E2/dir/big.bin").read_bytes()).hexdigest()
    _spoil(root, tmp_path)
    walked = verify_bundle(bundle)
    monkeypatch.setattr(verify, "TREE_MIN_FILES", 10 ** 9)
    one_by_one = verify_bundle(bundle)
    assert sorted(walked) == sorted(one_by_one)
    status = {}
    for r in walked:
        status.setdefault(r.status, set()).add(r.path)
    assert status["mismatch"] == {"evidence/E2/dir/s1/f0005.bin"}
    assert status["missing"] == {"evidence/E2/dir/s1/f0009.bin"}
    assert {p for p in status["unreadable"] if "/s2/" not in p} == {"evidence/E2/dir/s3/f0007.bin",
                                                                  "evidence/E2/dir/s0/f0008.bin"}
    assert len([p for p in status["unreadable"] if "/s2/" in p]) == 175  # under the folder linked out
    assert len([p for p in status["match"] if p.startswith("evidence/E2/")]) == 701 - 1 - 1 - 2 - 175
    assert status["unlisted"] == {"evidence/E2/dir/extra.bin", "evidence/E2/dir/s0/real.bin",  # named by no row
                                  "evidence/E2/dir/s2"}  # the link itself, never followed


def test_progress_of_a_long_list_reaches_every_file(tmp_path):
    root = _many_listed(tmp_path)
    seen = []
    verify_bundle(load_bundle(root), progress=lambda *a: seen.append(a))
    assert max(s[0] for s in seen) >= 701
    assert max(s[2] for s in seen) >= BUFFER_SIZE + 99 + sum(i % 700 for i in range(700))
