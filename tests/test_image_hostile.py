"""Hostile disk images made by code, second round: E01 sections that loop, folders linked twice or into a
loop. Each case: a stated reason or a finding, never a traceback, a hang or a listing that grows without end."""

import json
import shutil
import struct

import pytest

from tests.helpers import run_main, snapshot
from tests.image_factory import e01_of, iso_image, iso_set_volume_size, require
from tests.test_cli_hostile import identity, no_traceback  # noqa: F401 - identity: a fixture

SECTION = struct.Struct("<16sQQ40xI")  # an EWF section descriptor: type, next offset, size, padding, Adler-32


def _sections(data: bytes) -> list[tuple[int, str]]:
    at, found = 13, []
    while at + SECTION.size <= len(data):
        kind, following, _size, _sum = SECTION.unpack_from(data, at)
        kind = kind.rstrip(b"\0").decode()
        found.append((at, kind))
        if kind in ("next", "done") or following <= at:
            return found
        at = following
    return found


@pytest.fixture(scope="module")
def e01_folder(tmp_path_factory):
    """An E01 of 3 MiB (a FAT12 file system, then patterned bytes) in 1 MiB segments usb.E01 .. usb.E04."""
    require("mkfs.vfat", "ewfacquirestream")
    import subprocess

    folder = tmp_path_factory.mktemp("e01")
    raw = folder / "usb.raw"
    with open(raw, "wb") as out:
        out.truncate(2 << 20)
    subprocess.run(["mkfs.vfat", "-F", "12", "-n", "EVID", str(raw)], check=True, capture_output=True)
    with open(raw, "ab") as out:
        out.write(bytes(range(256)) * 4096)
    (folder / "set").mkdir()
    e01_of(raw, folder / "set" / "usb", segment="1MiB", compression="none")
    return folder / "set"


def test_an_e01_table_section_looping_back_reads_as_unreadable_data_not_an_internal_error(e01_folder, tmp_path):
    target = tmp_path / "set"
    shutil.copytree(e01_folder, target)
    first = target / "usb.E01"
    data = bytearray(first.read_bytes())
    at = next(at for at, kind in _sections(data) if kind == "table")
    struct.pack_into("<Q", data, at + 16, 13)  # 'next' back to the first section: libewf opens it, chunks lost
    struct.pack_into("<I", data, at + 72, __import__("zlib").adler32(bytes(data[at:at + 72])))
    first.write_bytes(bytes(data))
    before = snapshot(target)
    result = run_main("scan", first, "--json", store=tmp_path / "store", timeout=120)
    no_traceback(result)  # before: RuntimeError out of pytsk3 (pyewf's read error inside TSK's read callback)
    assert result.returncode == 0, result.stderr.decode()
    info = json.loads(result.stdout.decode().splitlines()[0])["image"]
    assert "the image's data cannot be read" in info["partitions"][0]["error"]
    result = run_main("check", first, store=tmp_path / "store", timeout=120)
    no_traceback(result)
    assert result.returncode in (1, 2), result.stderr.decode()
    assert snapshot(target) == before


def _rows(result) -> dict:
    return {r["path"]: r for r in map(json.loads, result.stdout.decode().splitlines()[1:])}


@pytest.mark.skipif("faketime" in __import__("os").environ.get("LD_PRELOAD", ""),
                    reason="libfaketime moves the monotonic clock the stall is timed with (the plain run tests it)")
def test_folders_linked_twice_at_every_level_are_listed_once(tmp_path):
    """ext4 folders d0 .. d23, each linked twice (x, y) from the one above: 2^23 paths. Before: the listing
    grew without end (1.2 million entries in 90 s inside a bundle) or stopped at TSK's stall with 33."""
    import subprocess

    require("mkfs.ext4", "debugfs")
    image = tmp_path / "dag.img"
    with open(image, "wb") as out:
        out.truncate(8 << 20)
    subprocess.run(["mkfs.ext4", "-q", "-F", str(image)], check=True, capture_output=True)
    commands = [f"mkdir /d{level}" for level in range(24)] + ["write /dev/null /d23/leaf.txt"]
    commands += [f"link /d{level + 1} /d{level}/{name}" for level in range(23) for name in "xy"]
    commands += ["link /d0 /d23/loop"]
    subprocess.run(["debugfs", "-w", "-f", "-", str(image)], input="\n".join(commands).encode(), check=True,
                   capture_output=True)
    result = run_main("scan", image, "--json", store=tmp_path / "store", timeout=90,
                      env={"EVIDENCEDESK_IMAGE_STALL_S": "3"})
    no_traceback(result)
    assert result.returncode == 0
    rows = _rows(result)
    assert len(rows) < 200, len(rows)
    again = [p for p, r in rows.items() if "already listed in this partition" in (r["error"] or "")]
    assert {"dag.img:/p1/d0/x", "dag.img:/p1/d0/y", "dag.img:/p1/d23/loop"} <= set(again)  # each di at the top
    assert rows["dag.img:/p1/d23/leaf.txt"]["error"] is None and rows["dag.img:/p1/d1"]["error"] is None


def _fat_dirent(name: bytes, cluster: int) -> bytes:
    return name.ljust(11) + b"\x10" + bytes(14) + struct.pack("<H", cluster) + bytes(4)


@pytest.mark.skipif("faketime" in __import__("os").environ.get("LD_PRELOAD", ""),
                    reason="its orphan search is ended by the stall timer, which libfaketime's clock moves (the plain "
                           "run tests it)")
def test_fat_records_of_one_folder_twice_at_every_level_are_listed_once(tmp_path):
    """FAT: TSK numbers entries by the place of their record, so two records of one folder carry two
    addresses: folders are told apart by their first cluster. 20 levels, X and Y to the same next folder."""
    import subprocess

    require("mkfs.vfat")
    image = tmp_path / "fat.img"
    with open(image, "wb") as out:
        out.truncate(2 << 20)
    subprocess.run(["mkfs.vfat", "-F", "12", "-s", "1", "-n", "DAG", str(image)], check=True, capture_output=True)
    data = bytearray(image.read_bytes())
    sector, reserved, fats = struct.unpack_from("<H", data, 11)[0], struct.unpack_from("<H", data, 14)[0], data[16]
    roots, fat_sectors = struct.unpack_from("<H", data, 17)[0], struct.unpack_from("<H", data, 22)[0]
    root = (reserved + fats * fat_sectors) * sector
    first_data = root + roots * 32

    def set_fat(cluster: int, value: int) -> None:
        for copy in range(fats):
            at = (reserved + copy * fat_sectors) * sector + cluster * 3 // 2
            word = struct.unpack_from("<H", data, at)[0]
            word = (word & 0x000F) | (value << 4) if cluster & 1 else (word & 0xF000) | value
            struct.pack_into("<H", data, at, word)

    levels, base = 20, 100
    data[root:root + 32] = _fat_dirent(b"D0", base)
    for level in range(levels):
        cluster = base + level
        set_fat(cluster, 0xFFF)
        block = _fat_dirent(b".", cluster) + _fat_dirent(b"..", cluster - 1 if level else 0)
        if level < levels - 1:
            block += _fat_dirent(b"X", cluster + 1) + _fat_dirent(b"Y", cluster + 1)
        else:
            block += _fat_dirent(b"BACK", base)  # and a loop back to D0
        at = first_data + (cluster - 2) * sector
        data[at:at + len(block)] = block
    image.write_bytes(bytes(data))
    result = run_main("scan", image, "--json", store=tmp_path / "store", timeout=90,
                      env={"EVIDENCEDESK_IMAGE_STALL_S": "3"})
    no_traceback(result)
    assert result.returncode == 0
    rows = _rows(result)
    assert len(rows) < 200, len(rows)  # before: 2^20 paths
    again = [p for p, r in rows.items() if "already listed in this partition" in (r["error"] or "")]
    assert "fat.img:/p1/D0/Y" in again and any(p.endswith("/BACK") for p in again)
    assert "fat.img:/p1/D0/X/X/X" in rows


def test_fat_short_names_with_control_characters_are_listed_not_hidden(tmp_path):
    """TSK (and fls) skip a live 8.3 entry whose name holds a control character: a file could be hidden from
    the review by one byte. Before: not listed at all."""
    import subprocess

    require("mkfs.vfat", "mcopy")
    image = tmp_path / "fat.img"
    with open(image, "wb") as out:
        out.truncate(2 << 20)
    subprocess.run(["mkfs.vfat", "-F", "12", "-n", "CTRL", str(image)], check=True, capture_output=True)
    for name, data in (("HIDE.TXT", b"h" * 1234), ("SHOW.TXT", b"s")):
        (tmp_path / name).write_bytes(data)
        subprocess.run(["mcopy", "-i", str(image), str(tmp_path / name), "::/"], check=True, capture_output=True,
                       env={**__import__("os").environ, "MTOOLS_SKIP_CHECK": "1"})
    data = bytearray(image.read_bytes())
    at = data.find(b"HIDE    TXT")
    data[at:at + 11] = b"H\x1b[2J\x07  TXT"
    image.write_bytes(bytes(data))
    result = run_main("scan", image, "--json", store=tmp_path / "store", timeout=90)
    no_traceback(result)
    assert result.returncode == 0
    rows = _rows(result)
    hidden = rows["fat.img:/p1/H\x1b[2J\x07.TXT"]
    assert hidden["size"] == 1234 and "control character" in hidden["error"] and hidden["kind"] == "file"
    assert rows["fat.img:/p1/SHOW.TXT"]["error"] is None
    text = run_main("scan", image, store=tmp_path / "store", timeout=90)
    out = text.stdout.decode()
    assert "H\\x1b[2J\\x07.TXT" in out and "\x1b" not in out and "\x07" not in out


@pytest.mark.parametrize(("trigger", "said"), [("crash", "crashed opening the image (signal 11"),
                                               ("stall", "made no progress in TSK/libewf for 1 s")])
def test_an_image_whose_opening_crashes_or_stalls_libtsk_is_refused_and_the_process_lives(tmp_path, trigger, said):
    """Opening parses the image's bytes in C: tried first in a forked child. The child's opening is made to die
    by SIGSEGV (as a libtsk/libewf fault would) or to hang; this process gets an ImageError naming the image."""
    import os
    import re
    import signal
    import time

    from models.bundle.bundle_error import ImageError
    from models.image.disk import first_open
    from models.image.disk.container import inspect
    from models.image.source import ImageSource

    image = tmp_path / "one.dd"
    image.write_bytes(b"\0" * 4096)
    spec = inspect(image)

    def opener(_spec):
        if trigger == "crash":
            os.kill(os.getpid(), signal.SIGSEGV)
        time.sleep(60)

    with pytest.raises(ImageError, match=re.escape(said)) as caught:
        first_open.try_open(spec, "one.dd", limit=1, opener=opener)
    assert "one.dd" in str(caught.value)
    first_open.try_open(spec, "one.dd")  # a sound image: the child opens it, nothing raised
    ImageSource(spec, "UTC").close()


def test_a_crash_reading_the_media_stream_is_an_unreadable_result_not_the_end_of_the_process(tmp_path):
    """verify reads an E01 through libewf's own inflate for its whole length: in a forked child. The child's
    reading is made to die by SIGSEGV; verify's process states it and goes on."""
    import os
    import signal

    from models.bundle.manifest import load_bundle
    from models.image.disk import media_child
    from models.image.verify import verify_image

    image = tmp_path / "one.dd"
    image.write_bytes(b"\1" * 8192)
    bundle = load_bundle(image)
    plain = media_child._read

    def crash(*_args):
        os.kill(os.getpid(), signal.SIGSEGV)

    media_child._read = crash
    try:
        with pytest.raises(OSError, match=r"crashed reading the media stream \(signal 11; damaged image data\)"):
            verify_image(bundle)
    finally:
        media_child._read = plain
    results = verify_image(bundle)
    assert {r.status for r in results} == {"computed"}
    md5 = next(r for r in results if r.algorithm == "md5").computed
    assert md5 == __import__("hashlib").md5(b"\1" * 8192).hexdigest()


def test_an_iso_whose_volume_size_is_one_block_is_refused_at_once_not_after_the_stall(tmp_path):
    """A volume size of 1 leaves TSK no file but its orphan folder, numbered as the root: listing the root then
    searches for orphans inside that search, and TSK waits on its own lock for ever. Before: the listing ended
    by the 30 s helper stall (fls hangs for good)."""
    image = iso_image(tmp_path)
    iso_set_volume_size(image, 1)
    before = image.read_bytes()
    result = run_main("scan", image, "--json", store=tmp_path / "store", timeout=120,
                      env={"EVIDENCEDESK_IMAGE_STALL_S": "3600"})  # no stall to end it: before, a timeout here
    no_traceback(result)
    assert result.returncode == 0
    part = json.loads(result.stdout.decode().splitlines()[0])["image"]["partitions"][0]
    assert part["file_system"] == "ISO 9660" and "root entry 0 is not below the last entry 0" in part["error"]
    assert image.read_bytes() == before


@pytest.fixture
def fat_case(tmp_path, monkeypatch):
    """A scanned FAT32 image opened on its own (keep.txt, 目录/中文文件.txt ...), and a helper forked from this
    process whatever threads it runs (the patches below reach the helper that way)."""
    import multiprocessing

    from models.bundle.manifest import load_bundle
    from models.image import file_child
    from models.inventory.scan import scan_bundle
    from models.store.store import open_store
    from tests.image_factory import fat32_image

    image = fat32_image(tmp_path, size_mb=34)
    bundle = load_bundle(image)
    store = open_store(bundle, tmp_path / "store")
    scan_bundle(bundle, store)
    monkeypatch.setattr(file_child, "_context", lambda: (multiprocessing.get_context("fork"), False))
    yield bundle, store
    store.close()


def _hostile_open(monkeypatch, how: str, name: str = "keep.txt") -> None:
    """TSK opening `name` dies by SIGSEGV (as a fault on crafted runs would) or hangs."""
    import os
    import signal
    import time

    from models.image.source import ImageSource

    plain = ImageSource.open

    def hostile(self, path, address=None):
        if path.endswith(name):
            if how == "crash":
                os.kill(os.getpid(), signal.SIGSEGV)
            time.sleep(120)
        return plain(self, path, address)

    monkeypatch.setattr(ImageSource, "open", hostile)


@pytest.mark.parametrize("how", ["crash", "stall"])
def test_a_file_whose_reading_kills_or_holds_tsk_gets_its_reason_and_typing_goes_on(fat_case, monkeypatch, how):
    """Typing a short list read content through TSK in this process: such a file ended the scan (or the window's
    helper) with it, or held it for good. Now it is typed in a helper: the file gets the reason, the rest is
    typed."""
    if how == "stall" and "faketime" in __import__("os").environ.get("LD_PRELOAD", ""):
        pytest.skip("libfaketime moves the monotonic clock the stall is timed with (the plain run tests it)")
    from models.image import file_child
    from models.inventory.typing_pass import fill_types

    bundle, store = fat_case
    monkeypatch.setattr(file_child, "STALL_S", 2.0)
    _hostile_open(monkeypatch, how)
    assert fill_types(bundle, store) >= 3
    rows = {path.rsplit("/", 1)[-1]: (mime, error) for path, mime, error in store.db.execute(
        "SELECT path, mime, type_error FROM files WHERE kind = 'file' AND role IS NULL")}
    mime, error = rows.pop("keep.txt")
    assert mime is None and error.startswith("无法读取：无法读取镜像中的文件：TSK ")
    assert ("signal 11" if how == "crash" else "made no progress reading for 2 s") in error
    assert rows and all(mime and error is None for mime, error in rows.values()), rows


def test_a_preview_whose_reading_kills_tsk_is_a_stated_reason_and_the_next_file_reads(fat_case, monkeypatch):
    """The window's previews, viewer and digests read a file inside an image through open_image_file: a TSK
    crash there ended the window with the reviewer's unsaved work. Now it is an OSError naming the file."""
    from models.image.files import open_image_file, read_image_file

    bundle, _store = fat_case
    _hostile_open(monkeypatch, "crash")
    with pytest.raises(OSError, match=r"TSK 读取进程意外退出（信号 11 / signal 11）.*fat32.raw:/p1/keep.txt"):
        with open_image_file(bundle, "fat32.raw:/p1/keep.txt"):
            pass
    assert read_image_file(bundle, "fat32.raw:/p1/目录/中文文件.txt") == "你好\n".encode()
    with open_image_file(bundle, "fat32.raw:/p1/目录/中文文件.txt") as stream:  # seek and read back: as Pillow does
        stream.seek(6)
        assert stream.read(1) == b"\n" and stream.tell() == 7
        stream.seek(0)
        assert stream.read() == "你好\n".encode()


@pytest.mark.parametrize(("field", "value", "said"), [
    ("block[0]", "0", "Unable to open directory"),  # the extent header's magic gone: TSK cannot open the folder
    ("size", "0x7FFFFFFFFFFFFFFF", "the folder claims 4,294,967,295 bytes, more than its file system")])
def test_an_ext4_folder_tsk_cannot_open_keeps_its_row_with_the_reason(tmp_path, field, value, said):
    """The walk gives a folder TSK cannot open as its own path with the reason, after its parent listed it.
    Before: a first scan stopped on the second row of that path ("UNIQUE constraint failed", told as a damaged
    store, exit 2); a folder claiming 2^63 bytes also held TSK 18 s before it failed."""
    import subprocess

    from tests.image_factory import ext4_image

    require("mkfs.ext4", "debugfs")
    image = ext4_image(tmp_path)
    subprocess.run(["debugfs", "-w", "-R", f"sif /文档 {field} {value}", str(image)], check=True, capture_output=True)
    before = image.read_bytes()
    result = run_main("scan", image, "--json", store=tmp_path / "store", timeout=120)
    no_traceback(result)
    assert result.returncode == 0, result.stderr.decode()
    rows = _rows(result)
    assert said in rows["ext4.img:/p1/文档"]["error"] and rows["ext4.img:/p1/a.bin"]["error"] is None
    assert image.read_bytes() == before


def test_files_claiming_2_63_bytes_inside_an_image_do_not_stop_the_memo(tmp_path, identity):  # noqa: F811
    """Two files of an ext4 image claim 2^63-1 bytes each: SQLite's SUM overflowed, and the memo of a bundle
    holding the image stopped with 'integer overflow' told as a damaged store (exit 2, no memo)."""
    import subprocess

    from models.bundle.bundle_writer import write_bundle
    from tests.image_factory import ext4_image
    from tests.test_cli_hostile import memo

    require("mkfs.ext4", "debugfs")
    (tmp_path / "src").mkdir()
    image = ext4_image(tmp_path / "src")
    for name in ("/a.bin", "/文档/报告.txt"):
        subprocess.run(["debugfs", "-w", "-R", f"sif {name} size 0x7FFFFFFFFFFFFFFF", str(image)], check=True,
                       capture_output=True)
    case = {"case_number": "某检刑诉〔2026〕12号", "title": "测试", "prepared_by": "李某",
            "prepared_at": "2026-11-20T10:00:00+08:00", "timezone": "Asia/Shanghai"}
    root = write_bundle(tmp_path / "b", {"format": "evidence-bundle/1", "case": case, "items": [
        {"id": "E1", "title": "硬盘镜像", "kind": "media_image",
         "content": [{"path": "evidence/E1/disk.img", "type": "disk_image"}]}]},
        {"evidence/E1/disk.img": image.read_bytes()}, fill=True)
    before = snapshot(root)
    result = memo(root, tmp_path / "memo.pdf", identity, tmp_path / "store")
    no_traceback(result)
    assert result.returncode == 0, result.stderr.decode()[-600:]
    assert (tmp_path / "memo.pdf").stat().st_size > 0 and snapshot(root) == before


def test_the_viewer_refuses_a_file_claiming_more_than_its_partition_without_being_told_its_size(tmp_path):
    """The viewer reads a file inside an image by its path alone: the claim was checked only when the caller
    gave the listed size, and TSK was asked to build runs for 2^63 bytes."""
    import subprocess

    from models.bundle.manifest import load_bundle
    from models.image.files import read_image_file
    from tests.image_factory import ext4_image

    require("mkfs.ext4", "debugfs")
    image = ext4_image(tmp_path)
    subprocess.run(["debugfs", "-w", "-R", "sif /a.bin size 0x7FFFFFFFFFFFFFFF", str(image)], check=True,
                   capture_output=True)
    bundle = load_bundle(image)
    with pytest.raises(OSError, match="claimed size 9,223,372,036,854,775,807 bytes exceeds its partition"):
        read_image_file(bundle, "ext4.img:/p1/a.bin", limit=1 << 20)
    assert read_image_file(bundle, "ext4.img:/p1/文档/报告.txt") == "报告内容\n".encode()
