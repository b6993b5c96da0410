"""The command line's own inputs made hostile (issue 19 re-probed): a passphrase file that is no text, holds a
NUL, is a device or 3 GB; an identity name that forges a line or exceeds X.509's limit; a header code page
libewf does not know given to scan or verify. Each: one line and exit 2, never an internal error or a hang."""

import os

import pytest

from tests.helpers import run_main
from tests.test_cli_hostile import TIMEOUT, make_char_device, no_traceback


def _passphrase(tmp_path, kind):
    path = tmp_path / "pass"
    if kind == "latin1":
        path.write_bytes(b"mot de passe \xe9\n")
    elif kind == "nul":
        path.write_bytes(b"pw\x00x\n")
    elif kind == "sparse":
        with open(path, "wb") as f:
            f.truncate(3 * 1024 ** 3)
    elif kind == "device":
        make_char_device(path)
    elif kind == "folder":
        path.mkdir()
    return path


@pytest.mark.parametrize("kind, said", [("latin1", "UTF-8"), ("nul", "NUL"), ("sparse", "64 KB"),
                                        ("device", "device"), ("folder", "folder")])
def test_a_hostile_passphrase_file_is_refused(tmp_path, kind, said):
    path = _passphrase(tmp_path, kind)
    result = run_main("identity", "--name", "张检察官", "--training", "--out", tmp_path / "id.p12",
                      "--passphrase-file", path, timeout=TIMEOUT)  # before: UnicodeDecodeError, a Rust panic, a hang
    err = no_traceback(result)
    assert result.returncode == 2 and said in err and "PanicException" not in err, err
    assert not (tmp_path / "id.p12").exists()


def test_a_passphrase_from_a_shell_pipe_still_works(tmp_path):
    result = run_main("identity", "--name", "张检察官", "--training", "--out", tmp_path / "id.p12",
                      "--passphrase-file", "/dev/fd/0", input_bytes=b"pw\n", timeout=TIMEOUT)
    assert result.returncode == 0, result.stderr.decode()


@pytest.mark.parametrize("name, said", [("张三\n一致\tE1", "control"), ("\u202eexe.pdf", "bidi"),
                                        ("\x1b[2J检察官", "control"), ("检察官" * 22, "64")],
                         ids=["newline", "rlo", "esc", "long"])
def test_an_identity_name_that_forges_or_overflows_is_refused(tmp_path, name, said):
    (tmp_path / "pass").write_text("pw\n")
    result = run_main("identity", "--name", name, "--training", "--out", tmp_path / "id.p12",
                      "--passphrase-file", tmp_path / "pass", timeout=TIMEOUT)
    err = no_traceback(result)
    assert result.returncode == 2 and said in err and "\x1b" not in err, err


@pytest.mark.parametrize("command", ["scan", "verify"])
@pytest.mark.parametrize("codepage", ["../../etc/passwd", "utf-8", "\x1b[2J"])
def test_an_unknown_header_code_page_is_refused_by_scan_and_verify(tmp_path, command, codepage):
    image = tmp_path / "usb.dd"
    image.write_bytes(b"\x00" * 65536)
    result = run_main(command, image, "--header-codepage", codepage, store=tmp_path / "store", timeout=TIMEOUT)
    err = no_traceback(result)  # before: RuntimeError from pyewf for an E01, as an internal error
    assert result.returncode == 2 and "accepted" in err and "\x1b" not in err, err


# --- point 1 for the commands that open no bundle: never into a bundle all the same ------------------------
def test_identity_and_demo_are_not_written_into_a_bundle(tmp_path):
    from tests.helpers import snapshot
    from tests.hostile_bundle import hostile_bundle

    root = hostile_bundle(tmp_path)
    (tmp_path / "pass").write_text("pw\n")
    before = snapshot(root)
    made = run_main("identity", "--name", "张检察官", "--training", "--out", root / "evidence" / "id.p12",
                    "--passphrase-file", tmp_path / "pass", timeout=TIMEOUT)
    demo = run_main("demo", root / "evidence" / "samples", timeout=TIMEOUT)
    for result in (made, demo):
        err = no_traceback(result)
        assert result.returncode == 2 and "bundle.json" in err, err
    assert snapshot(root) == before  # before: id.p12 and id.pem, and two sample cases, written into evidence/


def test_outputs_onto_a_fifo_or_device_are_refused_not_replaced(tmp_path):
    import stat

    from tests.hostile_bundle import hostile_bundle
    from tests.test_cli_hostile import memo

    root = hostile_bundle(tmp_path)
    (tmp_path / "pass").write_text("pw\n")
    made = run_main("identity", "--name", "张检察官", "--training", "--out", tmp_path / "id.p12",
                    "--passphrase-file", tmp_path / "pass", timeout=TIMEOUT)
    assert made.returncode == 0, made.stderr.decode()
    os.mkfifo(tmp_path / "out.pdf")
    signed = memo(root, tmp_path / "out.pdf", (tmp_path / "id.p12", tmp_path / "pass"), tmp_path / "store")
    os.mkfifo(tmp_path / "other.p12")
    other = run_main("identity", "--name", "李检察官", "--training", "--out", tmp_path / "other.p12",
                     "--passphrase-file", tmp_path / "pass", timeout=TIMEOUT)
    (tmp_path / "afile").write_text("x")
    stored = run_main("scan", root, "--store", tmp_path / "afile", timeout=TIMEOUT)
    for result, said in ((signed, "FIFO"), (other, "FIFO"), (stored, "not a folder")):
        err = no_traceback(result)
        assert result.returncode == 2 and said in err, err  # before: the FIFO renamed over (as /dev/full was)
    for name in ("out.pdf", "other.p12"):
        assert stat.S_ISFIFO(os.lstat(tmp_path / name).st_mode)
