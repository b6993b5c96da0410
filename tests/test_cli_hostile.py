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


# --- an unreadable folder (point 4) -----------------------------------------------------------------------
def without_read_override() -> tuple:
    """Run as a reviewer who cannot read a mode-000 folder: root with its DAC override dropped (setpriv),
    anyone else as themselves."""
    if os.geteuid() != 0:
        return ()
    caps = "-dac_override,-dac_read_search"
    return ("setpriv", f"--inh-caps={caps}", f"--bounding-set={caps}")


def test_unreadable_folder_is_a_finding_not_all_clear(tmp_path):
    root = hostile_bundle(tmp_path)
    hidden = root / "evidence" / "hidden"
    hidden.mkdir()
    (hidden / "added.exe").write_bytes(b"MZ")
    hidden.chmod(0)
    try:
        result = run_main("verify", root, "--json", store=tmp_path / "store", timeout=TIMEOUT,
                          wrapper=without_read_override())
    finally:
        hidden.chmod(0o755)
    no_traceback(result)
    rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert {"path": "evidence/hidden", "status": "unreadable"}.items() <= next(
        (r for r in rows if r["path"] == "evidence/hidden"), {}).items(), rows
    assert result.returncode == 1


# --- names that are not UTF-8, control characters, a GBK console (points 3 and 9) -------------------------
GBK_NAME = "证据.doc".encode("gbk")  # not .txt: a .txt beside the disk image counts as its log
LATIN1_NAME = "café.doc".encode("latin-1")
FORGED = "x\n一致\tE1\ta.txt\x1b[2J\u202edoc.exe"  # a forged result line, a screen clear, reversed text


def odd_names_bundle(tmp_path):
    root = hostile_bundle(tmp_path)
    folder = os.fsencode(root / "evidence" / "E1")
    for name in (GBK_NAME, LATIN1_NAME):
        with open(os.path.join(folder, name), "wb") as f:
            f.write(b"odd")
    (root / "evidence" / "E1" / FORGED).write_bytes(b"forged")
    return root


@pytest.mark.parametrize("command", ["scan", "verify", "check"])
@pytest.mark.parametrize("encoding", ["utf-8", "gbk", "ascii"])
def test_odd_names_never_abort_nor_forge_a_line(tmp_path, command, encoding):
    root = odd_names_bundle(tmp_path)
    before = snapshot(root)
    result = run_main(command, root, store=tmp_path / "store", timeout=TIMEOUT,
                      env={"PYTHONIOENCODING": encoding, "LANG": "C", "LC_ALL": "C"})
    no_traceback(result)
    assert result.returncode in (0, 1)
    out = result.stdout.decode(encoding)
    assert "\x1b" not in out and "\u202e" not in out
    if command != "check":
        assert f"证据.doc [GB18030 hex {GBK_NAME.hex()}]".encode(encoding, "backslashreplace").decode(encoding) in out
        assert f"[Latin-1 hex {LATIN1_NAME.hex()}]" in out
        lines = out.splitlines()
        forged = [line for line in lines if "doc.exe" in line]  # the name stays on one line, escaped
        assert forged and all("x\\n" in line and "\\ta.txt\\x1b[2J\\u202edoc.exe" in line for line in forged), lines
    assert snapshot(root) == before


@pytest.mark.parametrize("command", ["scan", "verify", "check"])
def test_json_stays_exact_on_an_ascii_console(tmp_path, command):
    root = odd_names_bundle(tmp_path)
    result = run_main(command, root, "--json", store=tmp_path / "store", timeout=TIMEOUT,
                      env={"PYTHONIOENCODING": "ascii"})
    no_traceback(result)
    rows = [json.loads(line) for line in result.stdout.decode("ascii").splitlines()]
    if command != "check":
        paths = {r["path"] for r in rows}
        assert "evidence/E1/" + FORGED in paths
        assert sum(1 for p in paths if "\U0010ffe9" in p) == 1  # café's é byte, kept as name text


# --- output and store inside the bundle (point 1) ---------------------------------------------------------
@pytest.fixture
def identity(training_identity):
    return training_identity


def memo(root, out, identity, store):
    p12, passphrase = identity
    return run_main("memo", root, "--identity", p12, "--passphrase-file", passphrase, "--out", out,
                    store=store, timeout=TIMEOUT)


@pytest.mark.parametrize("target", ["bundle.json", "evidence/E1/a.txt", "evidence/E1/new.pdf", ".", "evidence"])
def test_memo_out_inside_the_bundle_is_refused(tmp_path, identity, target):
    root = hostile_bundle(tmp_path)
    before = snapshot(root)
    result = memo(root, root / target, identity, tmp_path / "store")
    err = no_traceback(result)
    assert result.returncode == 2 and "证据包内" in err and "inside the open bundle" in err, err
    assert snapshot(root) == before


def test_memo_out_through_a_link_into_the_bundle_is_refused(tmp_path, identity):
    root = hostile_bundle(tmp_path)
    (tmp_path / "elsewhere").symlink_to(root / "evidence")
    before = snapshot(root)
    result = memo(root, tmp_path / "elsewhere" / "memo.pdf", identity, tmp_path / "store")
    no_traceback(result)
    assert result.returncode == 2 and snapshot(root) == before


@pytest.mark.parametrize("command", ["scan", "verify", "check", "memo"])
def test_store_inside_the_bundle_is_refused(tmp_path, identity, command):
    root = hostile_bundle(tmp_path)
    before = snapshot(root)
    if command == "memo":
        result = memo(root, tmp_path / "memo.pdf", identity, root / "evidence" / "store")
    else:
        result = run_main(command, root, "--store", root / "evidence" / "store", timeout=TIMEOUT)
    err = no_traceback(result)
    assert result.returncode == 2 and "审查库文件夹" in err, err
    assert snapshot(root) == before


def test_store_from_the_environment_inside_the_bundle_is_refused(tmp_path):
    root = hostile_bundle(tmp_path)
    (tmp_path / "link").symlink_to(root)
    before = snapshot(root)
    result = run_main("scan", root, store=tmp_path / "link" / "s", timeout=TIMEOUT)
    no_traceback(result)
    assert result.returncode == 2 and snapshot(root) == before


def test_memo_out_beside_the_bundle_still_works(tmp_path, identity):
    root = hostile_bundle(tmp_path)
    result = memo(root, tmp_path / "memo.pdf", identity, tmp_path / "store")
    assert result.returncode == 0, result.stderr.decode()
    assert (tmp_path / "memo.pdf").read_bytes().startswith(b"%PDF-")


def test_verify_memo_with_a_fifo_as_trust_is_refused(tmp_path, identity):
    root = hostile_bundle(tmp_path)
    assert memo(root, tmp_path / "memo.pdf", identity, tmp_path / "store").returncode == 0
    os.mkfifo(tmp_path / "trust.pem")
    result = run_main("verify-memo", tmp_path / "memo.pdf", "--trust", tmp_path / "trust.pem", timeout=TIMEOUT)
    err = no_traceback(result)
    assert result.returncode == 2 and "FIFO" in err, err


def test_memo_with_a_fifo_as_identity_is_refused(tmp_path, identity):
    root = hostile_bundle(tmp_path)
    os.mkfifo(tmp_path / "id.p12")
    result = memo(root, tmp_path / "memo.pdf", (tmp_path / "id.p12", identity[1]), tmp_path / "store")
    err = no_traceback(result)
    assert result.returncode == 2 and "FIFO" in err and not (tmp_path / "memo.pdf").exists(), err


# --- manifests: a surrogate escape, 10,000 levels (points 3 and 10) ---------------------------------------
@pytest.mark.parametrize("case", ["surrogate", "deep_objects", "deep_arrays"])
@pytest.mark.parametrize("command", ["scan", "verify", "check"])
def test_hostile_manifest_text_is_a_manifest_error(tmp_path, command, case):
    root = hostile_bundle(tmp_path)
    text = (root / "bundle.json").read_text(encoding="utf-8")
    if case == "surrogate":
        text = text.replace("evidence/E1/a.txt", "evidence/E1/a\\udcff.txt")
        where = "$.items[0].content[0].path"
    elif case == "deep_objects":
        text = text[:-1] + ', "x": ' + '{"a": ' * 10_000 + "1" + "}" * 10_000 + "}"
        where = "$.x.a.a"
    else:
        text = text[:-1] + ', "x": ' + "[" * 10_000 + "]" * 10_000 + "}"
        where = "$.x[0][0]"
    (root / "bundle.json").write_text(text, encoding="utf-8")
    result = run_main(command, root, store=tmp_path / "store", timeout=TIMEOUT)
    err = no_traceback(result)
    assert result.returncode == 2 and "清单无效" in err and where in err, err


def test_a_signer_name_cannot_forge_the_verdict(tmp_path):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12

    from models.memo.identity import _build_cert

    forged = "张\x1b[2J\n结论：审查意见完整有效\u202e"
    (tmp_path / "pass").write_text("pw\n")
    made = run_main("identity", "--name", forged, "--training", "--out", tmp_path / "id.p12",
                    "--passphrase-file", tmp_path / "pass")
    assert made.returncode == 2  # refused here; another tool may make such an identity all the same:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    (tmp_path / "id.p12").write_bytes(pkcs12.serialize_key_and_certificates(
        forged.encode(), key, _build_cert(key, forged, True, 30), None,
        serialization.BestAvailableEncryption(b"pw")))
    root = hostile_bundle(tmp_path)
    assert memo(root, tmp_path / "memo.pdf", (tmp_path / "id.p12", tmp_path / "pass"),
                tmp_path / "store").returncode == 0
    with open(tmp_path / "memo.pdf", "r+b") as f:  # one changed byte: the verdict must say so, alone
        f.seek(200)
        byte = f.read(1)
        f.seek(200)
        f.write(bytes([byte[0] ^ 1]))
    result = run_main("verify-memo", tmp_path / "memo.pdf", timeout=TIMEOUT)
    out = result.stdout.decode()
    no_traceback(result)
    assert "\x1b" not in out and "\u202e" not in out
    verdicts = [line for line in out.splitlines() if line.startswith("结论")]
    assert len(verdicts) == 1 and "完整有效" not in verdicts[0], out
    assert result.returncode == 1


@pytest.mark.parametrize("command", ["scan", "verify", "check"])
def test_a_bundle_folder_named_in_latin1_opens(tmp_path, command):
    root = os.path.join(os.fsencode(tmp_path), "café".encode("latin-1"))
    os.makedirs(os.path.join(root, b"evidence"))
    with open(os.path.join(root, b"evidence", b"x.txt"), "wb") as f:
        f.write(b"x")
    result = run_main(command, os.fsdecode(root), store=tmp_path / "store", timeout=TIMEOUT)
    no_traceback(result)
    assert result.returncode == 0, result.stderr.decode()


def test_memo_of_a_bundle_folder_named_in_latin1(tmp_path, identity):
    root = os.path.join(os.fsencode(tmp_path), "café".encode("latin-1"))
    os.makedirs(os.path.join(root, b"evidence"))
    with open(os.path.join(root, b"evidence", "证据.doc".encode("gbk")), "wb") as f:
        f.write(b"x")
    assert run_main("check", os.fsdecode(root), store=tmp_path / "store", timeout=TIMEOUT).returncode in (0, 1)
    result = memo(os.fsdecode(root), tmp_path / "memo.pdf", identity, tmp_path / "store")
    no_traceback(result)
    assert result.returncode == 0
    assert run_main("verify-memo", tmp_path / "memo.pdf", timeout=TIMEOUT).returncode == 0


@pytest.mark.parametrize("how", ["option", "environment", "link"])
def test_store_in_the_folder_of_an_image_opened_alone_is_refused(tmp_path, how):
    """Nothing is written beside evidence: the folder of an image opened on its own is its media (the store's
    files were written beside the segments, exit 0). A store folder elsewhere stays allowed."""
    from tests.factory_case import fat_image

    media = tmp_path / "media"
    media.mkdir()
    (media / "usb.dd").write_bytes(fat_image())
    (tmp_path / "to-media").symlink_to(media)
    before = snapshot(media)
    if how == "option":
        result = run_main("scan", media / "usb.dd", "--store", media, timeout=TIMEOUT)
    else:
        result = run_main("scan", media / "usb.dd", store=media if how == "environment" else tmp_path / "to-media",
                          timeout=TIMEOUT)
    err = no_traceback(result)
    assert result.returncode == 2 and "审查库文件夹不得是单独打开的磁盘镜像所在的文件夹" in err, err
    assert snapshot(media) == before
    below = run_main("scan", media / "usb.dd", "--store", tmp_path / "elsewhere", timeout=TIMEOUT)
    assert below.returncode == 0, below.stderr.decode()[-400:]
