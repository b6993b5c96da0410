"""A file inside a folder whose digest list does not name it is reported (hashdeep's "new file"), by the short
list's walk and by the long list's helpers alike, unless another record names it (before: dropped in silence,
verify exit 0 "一致" while the folder held a file no record vouched for)."""

import os

import pytest

from models.bundle.bundle_writer import write_bundle
from models.bundle.manifest import load_bundle
from models.integrity.verify import verify_bundle

CASE = {"case_number": "测试〔2026〕2号", "title": "测试", "prepared_by": "李某",
        "prepared_at": "2026-11-20T10:00:00+08:00"}


def _bundle(tmp_path, count: int, *, inner_list: bool = False, deeper: bool = False, changes=()) -> tuple:
    files = {f"evidence/E1/d/f{i:04}.bin": os.urandom(i % 50 + 1) for i in range(count)}
    files["evidence/E1/d/named.bin"] = b"named by a file entry of E2 with its own digests"
    lists = {"evidence/E1/d/list.sha256" if inner_list else "documents/E1.txt": ("sha256sum", "evidence/E1/d")}
    content = [{"path": "evidence/E1/d", "type": "directory",
                "digest_list": "evidence/E1/d/list.sha256" if inner_list else "documents/E1.txt"}]
    items = [{"id": "E1", "title": "E1", "kind": "seized_media", "content": content, "changes": list(changes)},
             {"id": "E2", "title": "E2", "kind": "seized_media",
              "content": [{"path": "evidence/E1/d/named.bin", "type": "file"}]}]
    if deeper:
        files["evidence/E1/d/sub/x.bin"] = b"in a folder with a list of its own"
        lists["documents/E3.txt"] = ("sha256sum", "evidence/E1/d/sub")
        entry = {"path": "evidence/E1/d/sub", "type": "directory", "digest_list": "documents/E3.txt"}
        items.append({"id": "E3", "title": "E3", "kind": "seized_media", "content": [entry]})
    root = write_bundle(tmp_path / "b", {"format": "evidence-bundle/1", "case": CASE, "items": items}, files,
                        fill=True, digest_lists=lists)
    return root


def _not_matching(root) -> set:
    return {(r.item, r.path, r.status) for r in verify_bundle(load_bundle(root)) if r.status != "match"}


@pytest.mark.parametrize("count", [5, 600])  # file by file; read by the walking helpers (over TREE_MIN_FILES)
def test_a_file_the_list_does_not_name_is_unlisted(tmp_path, count):
    root = _bundle(tmp_path, count)
    assert _not_matching(root) == set()
    (root / "evidence/E1/d/planted.exe").write_bytes(b"MZ after the list was made")
    (root / "evidence/E1/d/deep/er").mkdir(parents=True)
    (root / "evidence/E1/d/deep/er/more.txt").write_bytes(b"two folders down")
    assert _not_matching(root) == {("E1", "evidence/E1/d/planted.exe", "unlisted"),
                                   ("E1", "evidence/E1/d/deep/er/more.txt", "unlisted")}


@pytest.mark.parametrize("count", [5, 600])
def test_other_records_and_the_list_itself_are_not_unlisted(tmp_path, count):
    root = _bundle(tmp_path, count, inner_list=True, deeper=True)
    assert _not_matching(root) == set()  # the list inside its folder, a file entry, a deeper folder's list
    (root / "evidence/E1/d/sub/y.bin").write_bytes(b"not in the deeper list")
    assert _not_matching(root) == {("E3", "evidence/E1/d/sub/y.bin", "unlisted")}  # said once, by its own list


def test_an_explained_addition_carries_its_explanation(tmp_path):
    root = _bundle(tmp_path, 5, changes=[{"path": "evidence/E1/d/report.txt", "explanation": "提取时生成的报告"}])
    (root / "evidence/E1/d/report.txt").write_text("报告")
    row = next(r for r in verify_bundle(load_bundle(root)) if r.path == "evidence/E1/d/report.txt")
    assert row.status == "unlisted" and row.explanation == "提取时生成的报告"


def test_a_file_named_by_a_malformed_line_is_a_record_defect_only(tmp_path):
    root = _bundle(tmp_path, 5)
    (root / "evidence/E1/d/typo.bin").write_bytes(b"listed with a broken digest")
    with open(root / "documents/E1.txt", "a", encoding="utf-8") as f:
        f.write("0" * 63 + "  evidence/E1/d/typo.bin\n")  # one hex digit short
    rows = [r for r in verify_bundle(load_bundle(root)) if r.path == "evidence/E1/d/typo.bin"]
    assert [r.status for r in rows] == ["unreadable"] and "记录有误" in rows[0].error


def _plant_odd(root, outside) -> set:
    """A link out of the bundle, a link inside it, a link to a folder, a FIFO, a socket and (where mknod is
    permitted) a device node, in the listed folder; the bundle paths planted."""
    import socket
    import stat

    d = root / "evidence/E1/d"
    (d / "link_out").symlink_to(outside)
    (d / "link_in").symlink_to(d / "f0001.bin")
    (d / "link_folder").symlink_to(outside.parent, target_is_directory=True)
    os.mkfifo(d / "pipe")
    planted = {"link_out", "link_in", "link_folder", "pipe"}
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(d / "sock"))
        planted.add("sock")
    except OSError:  # a path too long for a socket address: the others still stand
        pass
    finally:
        server.close()
    try:
        os.mknod(d / "zero", stat.S_IFCHR | 0o600, os.makedev(1, 5))
        planted.add("zero")
    except OSError:
        pass
    return {f"evidence/E1/d/{name}" for name in planted}


@pytest.mark.parametrize("count", [5, 600])
def test_links_fifos_and_devices_in_a_listed_folder_are_said(tmp_path, count):
    """Before: a link, FIFO or device planted in a digest-listed folder was dropped in silence (regular files
    only), verify said 一致. Now each is an unlisted result saying what it is; none is opened or followed."""
    root = _bundle(tmp_path, count)
    outside = tmp_path / "outside/secret.txt"
    outside.parent.mkdir()
    outside.write_text("outside the bundle")
    planted = _plant_odd(root, outside)
    rows = {r.path: r for r in verify_bundle(load_bundle(root)) if r.status != "match"}
    assert set(rows) == planted
    assert {r.status for r in rows.values()} == {"unlisted"}
    assert "从不跟随" in rows["evidence/E1/d/link_out"].error and str(outside) in rows["evidence/E1/d/link_out"].error
    assert "从不跟随" in rows["evidence/E1/d/link_folder"].error
    assert "命名管道（FIFO），从不打开" in rows["evidence/E1/d/pipe"].error
    assert all(r.error.startswith("未列入校验值清单 documents/E1.txt") for r in rows.values())


@pytest.mark.parametrize("count", [5, 600])
def test_a_listed_file_now_a_fifo_or_link_is_unreadable(tmp_path, count):
    """A listed path that is now a FIFO, a link out of the bundle or a link inside it: a finding saying what
    it is, never a hang, never a read through the link."""
    root = _bundle(tmp_path, count)
    d = root / "evidence/E1/d"
    outside = tmp_path / "secret.bin"
    outside.write_bytes((d / "f0002.bin").read_bytes())  # the same bytes: a followed link would match
    (d / "f0001.bin").unlink()
    os.mkfifo(d / "f0001.bin")
    (d / "f0002.bin").unlink()
    (d / "f0002.bin").symlink_to(outside)
    (d / "f0003.bin").unlink()
    (d / "f0003.bin").symlink_to(d / "f0004.bin")
    rows = {r.path: r for r in verify_bundle(load_bundle(root)) if r.status != "match"}
    assert set(rows) == {f"evidence/E1/d/f000{n}.bin" for n in (1, 2, 3)}
    assert {r.status for r in rows.values()} == {"unreadable"}
    assert "FIFO" in rows["evidence/E1/d/f0001.bin"].error
    assert "链接" in rows["evidence/E1/d/f0002.bin"].error and "链接" in rows["evidence/E1/d/f0003.bin"].error


def test_verify_and_check_report_a_planted_link_and_fifo(tmp_path):
    """The command line: verify exits 1 naming them; check's 30.4 counts them as additions."""
    import json

    from tests.helpers import run_main

    root = _bundle(tmp_path, 5)
    outside = tmp_path / "secret.txt"
    outside.write_text("outside")
    (root / "evidence/E1/d/link_out").symlink_to(outside)
    os.mkfifo(root / "evidence/E1/d/pipe")
    verify = run_main("verify", root, "--json", store=tmp_path / "store", timeout=120)
    assert verify.returncode == 1 and b"Traceback" not in verify.stderr, verify.stderr
    unlisted = {r["path"] for r in map(json.loads, verify.stdout.decode().splitlines()) if r["status"] == "unlisted"}
    assert unlisted == {"evidence/E1/d/link_out", "evidence/E1/d/pipe"}
    check = run_main("check", root, "--json", store=tmp_path / "store", timeout=120)
    assert check.returncode == 1 and b"Traceback" not in check.stderr, check.stderr
    text = check.stdout.decode()
    assert "evidence/E1/d/link_out" in text and "evidence/E1/d/pipe" in text
