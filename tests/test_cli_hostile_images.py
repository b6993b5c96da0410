"""Hostile disk images through the command line (issue 19 re-probed on images): outputs never land on an
image's segments or logs nor through a bind mount into a bundle, names inside an image keep their bytes, and
an image's header fields cannot forge or clear the text output."""

import json
import os
import shutil
import subprocess

import pytest

from tests.helpers import run_main, snapshot
from tests.image_factory import e01_of
from tests.test_cli_hostile import TIMEOUT, identity, memo, no_traceback  # noqa: F401 - identity: a fixture

__all__ = ["identity"]


@pytest.fixture(scope="module")
def e01_set(tmp_path_factory) -> dict[str, bytes]:
    """An E01 of 3 MiB of patterned bytes in 1 MiB segments (usb.E01 .. usb.E04): name -> bytes."""
    folder = tmp_path_factory.mktemp("e01")
    raw = folder / "usb.raw"
    raw.write_bytes(bytes(range(256)) * (3 * 4096))
    (folder / "out").mkdir()
    e01_of(raw, folder / "out" / "usb", segment="1MiB", compression="none", case="案件一号")
    return {p.name: p.read_bytes() for p in sorted((folder / "out").iterdir())}


def _place(folder, files: dict[str, bytes]):
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


# --- point 1: outputs onto an image's own files, or into a bundle through a bind mount --------------------
@pytest.mark.parametrize("target", ["usb.E02", "usb.E01", "usb.E09", "usb.E01.txt", "acquisition.txt"])
def test_memo_out_onto_an_image_s_own_files_is_refused(tmp_path, identity, e01_set, target):  # noqa: F811
    folder = _place(tmp_path / "media", e01_set)
    (folder / "acquisition.txt").write_text("FTK log\n")
    before = snapshot(folder)
    result = memo(folder / "usb.E01", folder / target, identity, tmp_path / "store")
    err = no_traceback(result)
    assert result.returncode == 2 and "inside the open bundle" in err, err
    assert snapshot(folder) == before


def test_memo_of_an_image_beside_it_under_another_name_works(tmp_path, identity, e01_set):  # noqa: F811
    folder = _place(tmp_path / "media", e01_set)
    result = memo(folder / "usb.E01", folder / "审查意见.pdf", identity, folder / "store")
    assert result.returncode == 0, result.stderr.decode()
    assert {p.name: p.read_bytes() for p in folder.glob("usb.*")} == e01_set


def _bind(source, target) -> None:
    target.mkdir()
    done = subprocess.run(["mount", "--bind", str(source), str(target)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"bind mounts not permitted here: {done.stderr.decode(errors='replace').strip()}")


@pytest.mark.skipif(shutil.which("mount") is None, reason="no mount command")
def test_memo_out_through_a_bind_mount_into_the_bundle_is_refused(tmp_path, identity):  # noqa: F811
    from tests.hostile_bundle import hostile_bundle

    root = hostile_bundle(tmp_path)
    _bind(root, tmp_path / "bound")
    try:
        before = snapshot(root)
        result = memo(root, tmp_path / "bound" / "bundle.json", identity, tmp_path / "store")
        stored = run_main("scan", root, "--store", tmp_path / "bound" / "evidence" / "s", timeout=TIMEOUT)
        after = snapshot(root)
    finally:
        subprocess.run(["umount", str(tmp_path / "bound")], check=True)
    for done in (result, stored):
        err = no_traceback(done)
        assert done.returncode == 2 and "inside the open bundle" in err, err
    assert after == before


# --- points 3 and 9: names inside an image, its header fields, C1 and line separators in --json ----------
ODD = {b"gbk_" + "证据".encode("gbk") + b".doc": "GB18030", b"bad_\xff\xfe.bin": "Latin-1",
       b"bad_\xfe\xff.bin": "Latin-1", b"nel_\xc2\x85{\"path\": \"x\"}.txt": None}


@pytest.fixture(scope="module")
def odd_ext4(tmp_path_factory):
    """An ext4 image (mkfs.ext4 -d) of files named in GBK, in bytes that are no text, and with a NEL (U+0085)."""
    from tests.image_factory import _run, require

    require("mkfs.ext4")
    folder = tmp_path_factory.mktemp("ext4")
    src = os.fsencode(folder / "src")
    os.mkdir(src)
    for name in ODD:
        with open(os.path.join(src, name), "wb") as f:
            f.write(b"odd")
    image = folder / "odd.img"
    with open(image, "wb") as out:
        out.truncate(8 << 20)
    _run(["mkfs.ext4", "-q", "-F", "-d", os.fsdecode(src), str(image)])
    return image


@pytest.mark.parametrize("encoding", ["utf-8", "gbk", "ascii"])
def test_names_inside_an_image_keep_their_bytes(tmp_path, odd_ext4, encoding):
    from models.bundle.names import raw_bytes

    env = {"PYTHONIOENCODING": encoding, "LANG": "C", "LC_ALL": "C"}
    listed = run_main("scan", odd_ext4, "--json", "--no-types", store=tmp_path / "store", env=env, timeout=TIMEOUT)
    no_traceback(listed)
    lines = listed.stdout.decode(encoding).splitlines()  # Python's splitlines also breaks at U+0085 and U+2028
    rows = [json.loads(line) for line in lines[1:]]
    names = {raw_bytes(r["path"].rsplit("/", 1)[1]) for r in rows if r["path"].startswith("odd.img:/p1/")}
    assert set(ODD) <= names, names  # before: U+FFFD for each byte, and both bad_ names the same
    text = run_main("scan", odd_ext4, "--no-types", store=tmp_path / "store", env=env, timeout=TIMEOUT)
    no_traceback(text)
    out = text.stdout.decode(encoding)
    assert f"gbk_证据.doc [GB18030 hex {b'gbk_'.hex()}d6a4bedd{b'.doc'.hex()}]".encode(
        encoding, "backslashreplace").decode(encoding) in out, out
    assert "[Latin-1 hex 6261645ffffe2e62696e]" in out and "[Latin-1 hex 6261645ffeff2e62696e]" in out, out
    assert "\x85" not in out and "nel_\\x85{" in out, out


HEADER = "U盘\x1b[2J\x7f\u2028伪造\u202eexe"


@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_e01_header_fields_cannot_clear_or_split_the_text_output(tmp_path, e01_set, encoding):
    folder = tmp_path / "media"
    folder.mkdir()
    raw = folder / "m.raw"
    raw.write_bytes(e01_set["usb.E01"][:65536])
    e01_of(raw, folder / "m", description=HEADER, examiner="张三\x07\x85")
    env = {"PYTHONIOENCODING": encoding}
    result = run_main("scan", folder / "m.E01", "--no-types", store=tmp_path / "store", env=env, timeout=TIMEOUT)
    no_traceback(result)
    out = result.stdout.decode(encoding)
    head = [line for line in out.splitlines() if line.startswith("# description:")]
    assert head and "\\x1b[2J\\x7f\\u2028" in head[0] and "\\u202eexe" in head[0], out
    assert not any(c in out for c in "\x1b\x7f\u2028\u202e\x07\x85"), out
    as_json = run_main("scan", folder / "m.E01", "--json", "--no-types", store=tmp_path / "store", env=env,
                       timeout=TIMEOUT)
    image = json.loads(as_json.stdout.decode(encoding).splitlines()[0])["image"]
    assert image["description"] == HEADER  # --json stays exact


def test_an_image_s_hostile_file_name_is_escaped_in_the_refusal(tmp_path):
    folder = tmp_path / "media"
    folder.mkdir()
    (folder / "x\x1b[2J\u202e.E01").write_bytes(b"")  # named as an E01, empty: refused with its name
    result = run_main("scan", folder / "x\x1b[2J\u202e.E01", store=tmp_path / "store", timeout=TIMEOUT)
    err = no_traceback(result)
    assert result.returncode == 2 and "x\\x1b[2J\\u202e.E01" in err and "\x1b" not in err, err


# --- point 2: a FIFO as an image or as one of its segments --------------------------------------------
def _e01_bundle(tmp_path, e01_set):
    """A bundle whose item E1 is the E01 set as a disk_image entry (manifest MD5 of the first segment)."""
    import hashlib

    from models.bundle.bundle_writer import write_bundle

    case = {"case_number": "某检〔2026〕1号", "title": "探测", "prepared_by": "李某",
            "prepared_at": "2026-11-20T10:00:00+08:00", "timezone": "Asia/Shanghai"}
    content = [{"path": "evidence/E1/usb.E01", "type": "disk_image",
                "digests": {"md5": hashlib.md5(e01_set["usb.E01"]).hexdigest()}}]
    manifest = {"format": "evidence-bundle/1", "case": case,
                "items": [{"id": "E1", "title": "U盘", "kind": "media_image", "content": content}]}
    return write_bundle(tmp_path / "b", manifest, {f"evidence/E1/{k}": v for k, v in e01_set.items()})


@pytest.mark.parametrize("segment", ["usb.E01", "usb.E02", "usb.E04"])
@pytest.mark.parametrize("command", ["scan", "verify", "check"])
def test_a_fifo_as_an_e01_segment_in_a_bundle_never_blocks(tmp_path, e01_set, segment, command):
    from tests.hostile_bundle import replace_with_fifo

    root = _e01_bundle(tmp_path, e01_set)
    replace_with_fifo(root / "evidence" / "E1" / segment)
    before = snapshot(root)
    result = run_main(command, root, store=tmp_path / "store", timeout=TIMEOUT)  # before: blocked forever
    no_traceback(result)
    assert result.returncode == (0 if command == "scan" else 1), result.stderr.decode()
    assert snapshot(root) == before


@pytest.mark.parametrize("command", ["scan", "verify"])
def test_a_fifo_as_a_raw_image_in_a_bundle_never_blocks(tmp_path, command):
    from tests.hostile_bundle import hostile_bundle, replace_with_fifo

    root = hostile_bundle(tmp_path)
    replace_with_fifo(root / "evidence" / "E1" / "disk.dd")
    result = run_main(command, root, store=tmp_path / "store", timeout=TIMEOUT)
    no_traceback(result)
    assert result.returncode == (0 if command == "scan" else 1), result.stderr.decode()


@pytest.mark.parametrize("segment", ["usb.E01", "usb.E03"])
def test_a_fifo_as_a_segment_of_an_image_opened_on_its_own_is_refused(tmp_path, e01_set, segment):
    from tests.hostile_bundle import replace_with_fifo

    folder = _place(tmp_path / "media", e01_set)
    replace_with_fifo(folder / segment)
    result = run_main("verify", folder / "usb.E01", store=tmp_path / "store", timeout=TIMEOUT)
    err = no_traceback(result)
    assert result.returncode == 2 and "FIFO" in err and segment in err, err


def _gbk_short_names(folder):
    """A FAT32 image whose keep.txt and other.txt entries are turned into short names alone in GBK, as a
    Chinese Windows writes 证据文件.txt and 文件证据.txt (eight bytes fit 8.3: no long name)."""
    from tests.image_factory import fat32_image

    image = fat32_image(folder, size_mb=34, files={"other.txt": b"other\n"})
    data = bytearray(image.read_bytes())
    for plain, gbk in ((b"KEEP    TXT", "证据文件"), (b"OTHER   TXT", "文件证据")):
        at = data.find(plain)
        assert at > 0, plain
        data[at:at + 8] = gbk.encode("gbk")
    image.write_bytes(bytes(data))
    return image


def test_gbk_short_names_on_fat_are_read_from_their_entries(tmp_path):
    image = _gbk_short_names(tmp_path)
    result = run_main("scan", image, "--no-types", store=tmp_path / "store", timeout=TIMEOUT)
    no_traceback(result)
    out = result.stdout.decode()
    for name in ("证据文件", "文件证据"):  # TSK: '^^^^^^^^.txt' both, the second told apart by its address only
        hexed = (name.encode("gbk") + b".txt").hex()
        assert f"/p1/{name}.txt [GB18030 hex {hexed}]" in out, out
    assert "^" not in out, out


def test_a_gbk_log_name_quoted_in_a_check_message_leaves_the_message_readable():
    from models.bundle.names import name_text, shown
    from models.common.console import safe_text

    log = name_text("usb.采集日志.txt".encode("gbk"))
    message = f"案件编号：采集日志（evidence/E1/{log}）记为“案\x1b[2J”，E01 文件头记为“案”"
    # before: everything after the last '/' decoded as Latin-1 (mojibake) with one long hex of the sentence
    assert shown(message) == ("案件编号：采集日志（evidence/E1/usb.采集日志.txt [GB18030 hex "
                              "7573622eb2c9bcafc8d5d6be2e747874]）记为“案\x1b[2J”，E01 文件头记为“案”")
    assert "\\x1b[2J”，E01 文件头记为“案”" in safe_text(message)
    plain = f"evidence/E1/{log}"  # a plain path keeps one note at its end
    assert shown(plain) == "evidence/E1/usb.采集日志.txt [GB18030 hex 7573622eb2c9bcafc8d5d6be2e747874]"


def test_verify_finds_a_planted_folder_link_and_a_fifo_named_as_a_log(tmp_path):
    from tests.hostile_bundle import hostile_bundle

    root = hostile_bundle(tmp_path)
    (root / "evidence" / "E1" / "elsewhere").symlink_to(tmp_path)  # a link to a folder: os.walk puts it in dirs
    os.mkfifo(root / "evidence" / "E1" / "disk.log")  # named as the disk image's log, but no file at all
    result = run_main("verify", root, "--json", store=tmp_path / "store", timeout=TIMEOUT)
    no_traceback(result)
    unlisted = {r["path"] for r in map(json.loads, result.stdout.decode().splitlines()) if r["status"] == "unlisted"}
    assert unlisted == {"evidence/E1/elsewhere", "evidence/E1/disk.log"}, unlisted  # before: none, exit 0
    assert result.returncode == 1
    scanned = run_main("scan", root, "--json", "--no-types", store=tmp_path / "store", timeout=TIMEOUT)
    added = {r["path"] for r in map(json.loads, scanned.stdout.decode().splitlines()) if r["item"] is None}
    assert unlisted <= added  # the scan and verify agree
