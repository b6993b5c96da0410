"""Hostile bundles through the command line: no hang, no internal error, a stated refusal or a finding."""

import json
import os
import stat

import pytest

from tests.helpers import run_main, snapshot
from tests.hostile_bundle import hostile_bundle, replace_with_fifo

TIMEOUT = 120  # a FIFO read blocks forever: a hang fails here instead of stalling the suite


def no_traceback(result) -> str:
    err = result.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err and "internal error" not in err, err
    return err


def make_char_device(path) -> None:
    """/dev/zero's numbers (1, 5): reads never end. Only where mknod is permitted (root, no user namespace)."""
    if path.exists():
        path.unlink()
    try:
        os.mknod(path, stat.S_IFCHR | 0o600, os.makedev(1, 5))
    except (PermissionError, OSError) as exc:
        pytest.skip(f"mknod not permitted here: {exc}")


@pytest.mark.parametrize("command", ["scan", "verify", "check"])
def test_fifo_manifest_is_refused(tmp_path, command):
    root = hostile_bundle(tmp_path)
    replace_with_fifo(root / "bundle.json")
    result = run_main(command, root, store=tmp_path / "store", timeout=TIMEOUT)
    err = no_traceback(result)
    assert result.returncode == 2 and "不是普通文件" in err and "FIFO" in err, err


@pytest.mark.parametrize("command", ["scan", "verify"])
def test_char_device_manifest_is_refused(tmp_path, command):
    root = hostile_bundle(tmp_path)
    make_char_device(root / "bundle.json")
    result = run_main(command, root, store=tmp_path / "store", timeout=TIMEOUT)
    err = no_traceback(result)
    assert result.returncode == 2 and "device" in err, err


def test_huge_manifest_is_refused_with_its_cap(tmp_path):
    root = hostile_bundle(tmp_path)
    with open(root / "bundle.json", "r+b") as f:
        f.truncate(3 * 1024 ** 3)  # sparse: costs no disk
    result = run_main("scan", root, store=tmp_path / "store", timeout=TIMEOUT)
    err = no_traceback(result)
    assert result.returncode == 2 and "64 MB" in err, err


@pytest.mark.parametrize("command", ["verify", "check"])
def test_fifo_digest_list_is_a_finding(tmp_path, command):
    root = hostile_bundle(tmp_path)
    replace_with_fifo(root / "evidence" / "E1" / "dir.md5")
    result = run_main(command, root, "--json", store=tmp_path / "store", timeout=TIMEOUT)
    no_traceback(result)
    assert result.returncode == 1
    if command == "verify":
        rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
        refused = [r for r in rows if r["path"] == "evidence/E1/dir.md5"]
        assert refused and refused[0]["status"] == "unreadable" and "FIFO" in refused[0]["error"], rows


def test_char_device_digest_list_is_a_finding(tmp_path):
    root = hostile_bundle(tmp_path)
    make_char_device(root / "evidence" / "E1" / "dir.md5")
    result = run_main("verify", root, "--json", store=tmp_path / "store", timeout=TIMEOUT)
    no_traceback(result)
    rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert any(r["path"] == "evidence/E1/dir.md5" and r["status"] == "unreadable" for r in rows), rows
    assert result.returncode == 1


@pytest.mark.parametrize("command", ["scan", "verify", "check"])
def test_fifo_beside_a_disk_image_does_not_block(tmp_path, command):
    root = hostile_bundle(tmp_path)
    os.mkfifo(root / "evidence" / "E1" / "disk.txt")
    before = snapshot(root)
    result = run_main(command, root, store=tmp_path / "store", timeout=TIMEOUT)
    no_traceback(result)
    assert result.returncode in (0, 1)
    assert snapshot(root) == before


def test_sparse_3gb_text_beside_a_disk_image_is_not_read(tmp_path):
    root = hostile_bundle(tmp_path)
    with open(root / "evidence" / "E1" / "disk.txt", "wb") as f:
        f.truncate(3 * 1024 ** 3)
    result = run_main("verify", root, store=tmp_path / "store", timeout=TIMEOUT,
                      wrapper=("prlimit", f"--as={1536 * 1024 ** 2}"))  # 1.5 GB of address space: a whole read fails
    no_traceback(result)
    assert result.returncode == 0, result.stdout.decode()


def test_verify_memo_on_a_fifo_is_refused(tmp_path):
    os.mkfifo(tmp_path / "memo.pdf")
    result = run_main("verify-memo", tmp_path / "memo.pdf", timeout=TIMEOUT)
    err = no_traceback(result)
    assert result.returncode == 2 and "FIFO" in err, err
