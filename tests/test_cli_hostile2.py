"""The command line's surroundings made hostile: its output channels, environment and files that change
under it. No hang, no internal error, no write inside a bundle, results either delivered or refused aloud."""

import json
import os

import pytest

from tests.helpers import run_main, snapshot
from tests.hostile_bundle import hostile_bundle

TIMEOUT = 120


def no_traceback(result) -> str:
    err = result.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err and "internal error" not in err and "Exception ignored" not in err, err
    return err


def shell(redirect: str) -> tuple:
    """A wrapper for run_main: the command run by bash with REDIRECT applied (`>&-`, `2>/dev/full`)."""
    return ("bash", "-c", f'exec "$@" {redirect}', "probe")


# --- the output channels ------------------------------------------------------------------------------------
@pytest.mark.parametrize("command", ["scan", "verify", "check"])
def test_a_closed_stdout_is_no_internal_error(tmp_path, command):
    root = hostile_bundle(tmp_path)
    before = snapshot(root)
    result = run_main(command, root, "--json", store=tmp_path / "store", timeout=TIMEOUT, wrapper=shell(">&-"))
    no_traceback(result)
    assert result.returncode in (0, 1), result.stderr.decode()
    assert snapshot(root) == before


def test_a_closed_stderr_keeps_progress_out_of_the_json(tmp_path):
    root = hostile_bundle(tmp_path)
    result = run_main("scan", root, "--json", store=tmp_path / "store", timeout=TIMEOUT, wrapper=shell("2>&-"))
    assert result.returncode == 0
    rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert "evidence/E1/a.txt" in {r["path"] for r in rows}


def test_a_full_stderr_does_not_stop_the_memo(tmp_path, identity):
    root = hostile_bundle(tmp_path)
    p12, passphrase = identity
    result = run_main("memo", root, "--identity", p12, "--passphrase-file", passphrase, "--out", tmp_path / "m.pdf",
                      store=tmp_path / "store", timeout=TIMEOUT, wrapper=shell("2>/dev/full"))
    assert result.returncode == 0
    assert (tmp_path / "m.pdf").read_bytes().startswith(b"%PDF-")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
@pytest.mark.parametrize("command", ["scan", "verify"])
def test_a_full_stdout_is_told_in_one_line(tmp_path, command):
    root = hostile_bundle(tmp_path)
    result = run_main(command, root, "--json", store=tmp_path / "store", timeout=TIMEOUT, wrapper=shell(">/dev/full"))
    err = no_traceback(result)
    assert result.returncode == 2 and "无法写出结果" in err and "cannot write the results" in err, err


@pytest.fixture(scope="module")
def identity(tmp_path_factory):
    folder = tmp_path_factory.mktemp("identity")
    (folder / "pass").write_text("pw\n")
    result = run_main("identity", "--name", "张检察官", "--training", "--out", folder / "id.p12",
                      "--passphrase-file", folder / "pass")
    assert result.returncode == 0, result.stderr.decode()
    return folder / "id.p12", folder / "pass"
