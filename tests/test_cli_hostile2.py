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
    """A wrapper for run_main: the command run by bash with REDIRECT applied (`>&-`, `2>/dev/full`). A descriptor
    closed: without LD_PRELOAD, as the shifted run's libfaketime opens its shared clock at the lowest free
    descriptor, so with stdout closed the results went into the clock every later process of the run reads
    (OverflowError in time.monotonic)."""
    unset = "unset LD_PRELOAD; " if "&-" in redirect else ""  # the clock stays shifted where no descriptor closes
    return ("bash", "-c", f'{unset}exec "$@" {redirect}', "probe")


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


@pytest.fixture
def identity(training_identity):
    return training_identity  # tests/conftest.py: one training identity for the session


# --- the environment ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("zone", ["Foo/Bar", ":/etc/passwd", "../../../../etc/passwd", "A" * 300])
def test_memo_signs_under_a_time_zone_nobody_can_read(tmp_path, identity, zone):
    root = hostile_bundle(tmp_path)
    p12, passphrase = identity
    out = tmp_path / "m.pdf"
    result = run_main("memo", root, "--identity", p12, "--passphrase-file", passphrase, "--out", out,
                      store=tmp_path / "store", timeout=TIMEOUT, env={"TZ": zone})
    no_traceback(result)
    assert result.returncode == 0, result.stderr.decode()
    checked = run_main("verify-memo", out, timeout=TIMEOUT, env={"TZ": zone})
    no_traceback(checked)
    assert checked.returncode == 0, checked.stderr.decode()


@pytest.mark.parametrize("name, value", [("EVIDENCEDESK_LOG", "NOTALEVEL"), ("EVIDENCEDESK_IMAGE_STALL_S", "abc"),
                                         ("EVIDENCEDESK_IMAGE_STALL_S", "nan")])
def test_a_garbage_setting_in_the_environment_is_no_crash(tmp_path, name, value):
    root = hostile_bundle(tmp_path)
    result = run_main("scan", root, store=tmp_path / "store", timeout=TIMEOUT, env={name: value})
    no_traceback(result)
    assert result.returncode == 0, result.stderr.decode()


def test_chinese_names_given_under_an_ascii_locale(tmp_path):
    env = {"PYTHONUTF8": "0", "LC_ALL": "C", "LANG": "C", "PYTHONCOERCECLOCALE": "0"}
    (tmp_path / "pass").write_text("pw\n")
    result = run_main("identity", "--name", "李四", "--training", "--out", tmp_path / "id.p12",
                      "--passphrase-file", tmp_path / "pass", env=env, timeout=TIMEOUT)
    no_traceback(result)
    assert result.returncode == 0
    assert _pem_names(tmp_path / "id.pem") == "李四"
    demo = run_main("demo", tmp_path / "demo", env=env, timeout=TIMEOUT)
    err = no_traceback(demo)
    assert demo.returncode in (0, 2) and (demo.returncode == 0 or "UTF-8" in err), err


def _pem_names(path) -> str:
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    cert = x509.load_pem_x509_certificate(path.read_bytes())
    return cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value


def test_a_read_only_home_is_told_as_the_store_folder(tmp_path):
    home = tmp_path / "home"
    home.mkdir(mode=0o500)
    root = hostile_bundle(tmp_path)
    caps = "-dac_override,-dac_read_search"
    wrapper = ("setpriv", f"--inh-caps={caps}", f"--bounding-set={caps}") if os.geteuid() == 0 else ()
    env = {"HOME": str(home), "XDG_DATA_HOME": "", "XDG_STATE_HOME": "", "EVIDENCEDESK_STORE": ""}
    result = run_main("scan", root, timeout=TIMEOUT, env=env, wrapper=wrapper)
    err = no_traceback(result)
    assert result.returncode == 2 and "无法建立审查库文件夹" in err and "--store" in err, err


# --- resource limits ----------------------------------------------------------------------------------------
def test_demo_stopped_by_a_file_size_limit_leaves_no_half_case(tmp_path):
    out = tmp_path / "demo"
    result = run_main("demo", out, timeout=TIMEOUT, wrapper=("bash", "-c", 'ulimit -f 20; exec "$@"', "probe"))
    err = no_traceback(result)
    assert result.returncode == 2 and "File too large" in err, err
    assert not out.exists() or not any(out.iterdir()), sorted(p.name for p in out.iterdir())


@pytest.mark.parametrize("kib", [100_000, 150_000])
def test_too_little_memory_is_a_message(tmp_path, identity, kib):
    root = hostile_bundle(tmp_path)
    p12, passphrase = identity
    limit = ("bash", "-c", f'ulimit -v {kib}; exec "$@"', "probe")
    for args in (("verify-memo", p12), ("memo", root, "--identity", p12, "--passphrase-file", passphrase,
                                        "--out", tmp_path / "m.pdf")):
        result = run_main(*args, store=tmp_path / "store", timeout=TIMEOUT, wrapper=limit)
        err = no_traceback(result)
        assert result.returncode in (0, 1, 2), err
        assert result.returncode != 2 or "内存不足" in err or "无法" in err, err


# --- hostile values for identity ----------------------------------------------------------------------------
@pytest.mark.parametrize("days", ["99999999", "-5", "0", "abc"])
def test_an_identity_s_validity_out_of_range_is_refused(tmp_path, days):
    (tmp_path / "pass").write_text("pw\n")
    result = run_main("identity", "--name", "王", "--training", "--out", tmp_path / "id.p12", f"--days={days}",
                      "--passphrase-file", tmp_path / "pass", timeout=TIMEOUT)
    err = no_traceback(result)
    assert result.returncode == 2 and "--days" in err and not (tmp_path / "id.p12").exists(), err


# --- Ctrl-C at any moment -----------------------------------------------------------------------------------
def test_ctrl_c_while_the_program_loads_is_one_line(tmp_path):
    """SIGINT while modules load and the parser is built (a KeyboardInterrupt inside Qt's import hook aborted the
    interpreter, elsewhere it was a traceback): one line, exit 2, or the command had already finished."""
    import signal
    import subprocess
    import sys
    import time

    from tests.helpers import ROOT

    (tmp_path / "pass").write_text("pw\n")
    for delay in (0.12, 0.18, 0.25, 0.35, 0.5):
        out = tmp_path / f"id{delay}.p12"
        proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "identity", "--name", "王", "--training",
                                 "--out", str(out), "--passphrase-file", str(tmp_path / "pass")],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
        time.sleep(delay)
        proc.send_signal(signal.SIGINT)
        _out, err = proc.communicate(timeout=TIMEOUT)
        text = err.decode("utf-8", "replace")
        assert "Traceback" not in text and "Fatal" not in text and "KeyboardInterrupt" not in text, (delay, text)
        finished = "已写入" in text and out.exists()  # then a Ctrl-C during the interpreter's exit may end it (-2)
        assert proc.returncode in (0, 2) or (finished and proc.returncode == -signal.SIGINT), (delay, proc.returncode,
                                                                                             text)
        assert proc.returncode != 2 or not out.exists(), delay


# --- shapes: files nobody may read, paths longer than the system takes ---------------------------------------
def test_an_unreadable_listed_file_gives_the_reason_in_chinese(tmp_path):
    root = hostile_bundle(tmp_path)
    (root / "evidence" / "E1" / "dir" / "b.txt").chmod(0)
    caps = "-dac_override,-dac_read_search"
    wrapper = ("setpriv", f"--inh-caps={caps}", f"--bounding-set={caps}") if os.geteuid() == 0 else ()
    result = run_main("verify", root, "--json", store=tmp_path / "store", timeout=TIMEOUT, wrapper=wrapper)
    no_traceback(result)
    rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    row = next(r for r in rows if r["path"] == "evidence/E1/dir/b.txt")
    assert row["status"] == "unreadable" and row["error"].startswith("没有访问权限（Permission denied）"), row
    assert result.returncode == 1


def test_a_listed_file_deeper_than_the_system_reaches_is_unreadable_in_a_few_words(tmp_path):
    data = __import__("tests.hostile_bundle", fromlist=["manifest"]).manifest()
    root = hostile_bundle(tmp_path, data)
    fd = os.open(root / "evidence" / "E1", os.O_RDONLY)
    for _ in range(260):  # 260 x 20 bytes: past PATH_MAX (4096), reached only folder by folder
        os.mkdir("d" * 19, dir_fd=fd)
        deeper = os.open("d" * 19, os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd = deeper
    os.close(fd)
    rel = "evidence/E1/" + "/".join(["d" * 19] * 260) + "/deep.txt"
    data["items"][0]["content"].append({"path": rel, "type": "file", "digests": {"md5": "0" * 32}})
    (root / "bundle.json").write_text(json.dumps(data), encoding="utf-8")
    result = run_main("verify", root, "--json", store=tmp_path / "store", timeout=TIMEOUT)
    no_traceback(result)
    rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    row = next(r for r in rows if r["path"] == rel)
    assert row["status"] in ("unreadable", "missing") and len(row["error"]) < 200, row["error"][:300]
    assert result.returncode == 1
    __import__("subprocess").run(["rm", "-rf", str(root / "evidence" / "E1" / ("d" * 19))])
