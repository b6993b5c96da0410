"""Bad input through the command line: exit 2, one clear line, no traceback, nothing written into the bundle."""

import json
import os
import shutil

import pytest

from tests.helpers import run_main, snapshot
from tests.models.test_manifest import GOOD, changed, write

HOSTILE = {
    "invalid_json": (None, b"{not json"),
    "wrong_format": (changed(lambda d: d.update(format="x")), None),
    "missing_field": (changed(lambda d: d.pop("case")), None),
    "duplicate_ids": (changed(lambda d: d["items"].append(dict(d["items"][0]))), None),
    "absolute_path": (changed(lambda d: d["items"][0]["content"][0].update(path="/etc/passwd")), None),
    "dotdot": (changed(lambda d: d["items"][0]["content"][0].update(path="../x")), None),
    "naive_time": (changed(lambda d: d["case"].update(prepared_at="2026-01-01 10:00")), None),
    "unknown_kind": (changed(lambda d: d["items"][0].update(kind="x")), None),
}


def assert_clean_refusal(result):
    err = result.stderr.decode()
    assert result.returncode == 2, err
    assert "Traceback" not in err and "Traceback" not in result.stdout.decode()
    assert err.strip(), "a refusal must say why"


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_manifest_exits_2(tmp_path, name):
    data, raw = HOSTILE[name]
    root = write(tmp_path, data, raw)
    before = snapshot(root)
    result = run_main("scan", root, "--json", store=tmp_path / "store")
    assert_clean_refusal(result)
    assert "清单无效" in result.stderr.decode() and "$" in result.stderr.decode()
    assert snapshot(root) == before


def test_link_out_of_bundle_exits_2(tmp_path):
    root = write(tmp_path, changed(lambda d: d["items"][0]["content"][0].update(path="evidence/E1/l")))
    os.symlink("/etc/hostname", root / "evidence" / "E1" / "l")
    assert_clean_refusal(run_main("scan", root, store=tmp_path / "store"))


def test_missing_path_exits_2(tmp_path):
    result = run_main("scan", tmp_path / "absent", store=tmp_path / "store")
    assert_clean_refusal(result)
    assert "不存在" in result.stderr.decode()


def test_unknown_option_exits_2(tmp_path):
    assert_clean_refusal(run_main("scan", "--frobnicate", store=tmp_path / "store"))


def test_listed_file_absent_still_scans(tmp_path):
    root = write(tmp_path, GOOD)
    (root / "evidence" / "E1" / "a.txt").unlink()
    result = run_main("scan", root, "--json", "--no-types", store=tmp_path / "store")
    assert result.returncode == 0, result.stderr.decode()
    assert [json.loads(line)["path"] for line in result.stdout.decode().splitlines()] == ["bundle.json"]


def _without_root_powers() -> list[str]:
    """A prefix under which a file's permissions bind: root keeps its uid but loses the capabilities that
    override them (setpriv, util-linux); nothing for an ordinary user."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("root without setpriv: a file's permissions cannot bind here")
    caps = "-dac_override,-dac_read_search"
    return [setpriv, f"--bounding-set={caps}", f"--inh-caps={caps}"]


def test_unreadable_file_is_a_finding_not_a_crash(tmp_path):
    root = write(tmp_path, GOOD)
    secret = root / "evidence" / "E1" / "a.txt"
    before = snapshot(root)
    secret.chmod(0)
    wrapper = _without_root_powers()
    try:
        scanned = run_main("scan", root, "--json", store=tmp_path / "store", wrapper=wrapper)
        verified = run_main("verify", root, "--json", store=tmp_path / "store", wrapper=wrapper)
    finally:
        secret.chmod(0o644)
    assert scanned.returncode == 0, scanned.stderr.decode()
    record = {r["path"]: r for r in map(json.loads, scanned.stdout.decode().splitlines())}["evidence/E1/a.txt"]
    assert record["size"] == secret.stat().st_size and record["mime"] is None  # listed by stat, content unread
    assert verified.returncode == 1, verified.stderr.decode()
    results = [json.loads(line) for line in verified.stdout.decode().splitlines()]
    mine = [r for r in results if r["path"] == "evidence/E1/a.txt"]
    assert mine and all(r["status"] == "unreadable" for r in mine), mine
    for result in (scanned, verified):
        assert "Traceback" not in result.stderr.decode()
    assert snapshot(root) == before


def test_every_subcommand_imports_and_no_phantom_one_is_offered():
    """A subcommand whose module is missing or broken is a build error, not 'not available in this build': the
    parser imports every module listed, and make-bundle (never written) is no longer offered."""
    import importlib

    from main import COMMANDS

    for module, run_name, add, _help in COMMANDS.values():
        loaded = importlib.import_module(module)
        assert callable(getattr(loaded, run_name)) and callable(getattr(loaded, add))
    assert "make-bundle" not in COMMANDS


def test_an_unreadable_manifest_is_told_in_chinese(tmp_path):
    """The system's 'Permission denied' is English whatever the language: the reason comes first in Chinese."""
    root = write(tmp_path, GOOD)
    manifest = root / "bundle.json"
    manifest.chmod(0)
    try:
        result = run_main("scan", root, store=tmp_path / "store", wrapper=_without_root_powers())
    finally:
        manifest.chmod(0o644)
    assert result.returncode == 2
    assert "无法读取清单" in result.stderr.decode() and "没有访问权限" in result.stderr.decode()
    assert_clean_refusal(result)
