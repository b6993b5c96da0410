"""Damaged and hostile disk images made by code: a stated reason or a finding, never a traceback or a hang."""

import json
import os
import shutil
import struct
import subprocess
import time

import pytest

from models.image.disk.container import inspect
from models.image.source import ImageSource
from tests.helpers import run_main
from tests.image_factory import e01_of, fat32_image, gpt_image, require


def _no_crash(result):
    err = result.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err and "internal error" not in err and "内部错误" not in err, err[-800:]
    return err


def _gpt_entry_count(image, count: int) -> None:
    """The GPT header's number of partition entries, as a damaged header may give it (TSK does not check the
    header's CRC: it reads on past the table into the file systems' boot sectors as entries)."""
    data = bytearray(image.read_bytes())
    struct.pack_into("<I", data, 512 + 80, count)
    image.write_bytes(bytes(data))


def test_partition_starting_far_past_the_end_is_named_and_the_rest_listed(tmp_path):
    image, _starts = gpt_image(tmp_path, (8, 8))
    _gpt_entry_count(image, 0xFFFFFFFF)  # entries far past any medium: pread and TSK's offset overflowed
    source = ImageSource(inspect(image), "UTC")
    try:
        parts = source.partitions
        assert [p.fs_type for p in parts[:2]] == ["FAT16", "FAT16"]
        past = [p for p in parts if p.error and "past the end of the medium" in p.error]
        assert past and all(p.fs is None and p.start >= source.media.size for p in past)
        paths = [e.path for e in source.entries()]
    finally:
        source.close()
    assert "gpt.img:/p1/part1.txt" in paths and "gpt.img:/p2/part2.txt" in paths
    result = run_main("scan", image, "--json", store=tmp_path / "store")
    _no_crash(result)
    assert result.returncode == 0
    info = json.loads(result.stdout.decode().splitlines()[0])["image"]
    assert [p["file_system"] for p in info["partitions"][:2]] == ["FAT16", "FAT16"]
    result = run_main("verify", image, store=tmp_path / "store")
    _no_crash(result)
    assert result.returncode == 0


@pytest.fixture(scope="module")
def e01_set(tmp_path_factory):
    folder = tmp_path_factory.mktemp("e01")
    raw = fat32_image(folder, size_mb=34, files={"noise.bin": os.urandom(1 << 20)})
    (folder / "case").mkdir()
    return e01_of(raw, folder / "case" / "usb", segment="1MiB", compression="none")


def _copy_set(e01, target):
    target.mkdir()
    for segment in e01.parent.iterdir():
        shutil.copy(segment, target / segment.name)
    return target / "usb.E01"


def _refused(path, tmp_path, words: str):
    for command in ("scan", "verify", "check"):
        result = run_main(command, path, store=tmp_path / "store", timeout=120)
        err = _no_crash(result)
        assert result.returncode == 2 and words in err, (command, err)


def test_a_later_segment_given_when_the_first_is_missing_names_the_first(e01_set, tmp_path):
    first = _copy_set(e01_set, tmp_path / "set")
    first.unlink()  # libewf's glob answered MemoryError: an internal error
    _refused(first.with_suffix(".E02"), tmp_path, "usb.E01")


def test_a_section_pointing_past_any_file_is_a_damaged_segment(e01_set, tmp_path):
    first = _copy_set(e01_set, tmp_path / "set")
    data = bytearray(first.read_bytes())
    struct.pack_into("<Q", data, 13 + 16, 1 << 63)  # the first section's 'next' offset: seek raised ValueError
    first.write_bytes(bytes(data))
    _refused(first, tmp_path, "usb.E01")


def _ext2_with_a_huge_sparse_claim(folder, claim: int = 0x7FFFFFFF):
    """ext4 without extents (block pointers, as ext2/3 keep them): sub/big.bin's inode then claims 2 GiB with
    every block pointer zero, as a damaged inode table leaves it. pytsk3 builds a sparse run per claimed
    block when it opens the file (istat: 43 s here), and grows with the claim."""
    import pytsk3

    require("mkfs.ext4")
    src = folder / "src"
    (src / "sub").mkdir(parents=True)
    (src / "top.txt").write_text("top\n")
    (src / "sub" / "big.bin").write_bytes(b"x" * 5000)
    image = folder / "ext.img"
    with open(image, "wb") as out:
        out.truncate(8 << 20)
    subprocess.run(["mkfs.ext4", "-q", "-F", "-b", "1024", "-O", "^extent,^has_journal,^64bit", "-d", str(src),
                    str(image)], check=True, capture_output=True)
    inode = pytsk3.FS_Info(pytsk3.Img_Info(str(image))).open("/sub/big.bin").info.meta.addr
    data = bytearray(image.read_bytes())
    inode_size = struct.unpack_from("<H", data, 1024 + 88)[0]
    per_group = struct.unpack_from("<I", data, 1024 + 40)[0]
    group, index = divmod(inode - 1, per_group)
    table = struct.unpack_from("<I", data, 2 * 1024 + group * 32 + 8)[0]
    at = table * 1024 + index * inode_size
    struct.pack_into("<I", data, at + 4, claim)  # i_size_lo
    struct.pack_into("<15I", data, at + 40, *[0] * 15)  # i_block: no pointer at all
    image.write_bytes(bytes(data))
    return image


@pytest.mark.skipif("faketime" in os.environ.get("LD_PRELOAD", ""),
                    reason="libfaketime moves the monotonic clock a thread's timed wait counts on: a stall cannot be "
                           "timed in the shifted run (the plain run tests it)")
def test_a_damaged_inode_that_stalls_tsk_stops_its_partition_with_the_reason(tmp_path):
    image = _ext2_with_a_huge_sparse_claim(tmp_path)
    started = time.monotonic()
    result = run_main("scan", image, "--json", store=tmp_path / "store", timeout=120,
                      env={"EVIDENCEDESK_IMAGE_STALL_S": "3"})
    _no_crash(result)
    assert result.returncode == 0
    assert time.monotonic() - started < 60  # unguarded: 43 s and more in TSK alone
    rows = {r["path"]: r for r in map(json.loads, result.stdout.decode().splitlines()[1:])}
    assert "ext.img:/p1/top.txt" in rows  # the folders listed before the stall are kept
    assert "no progress for 3 s" in rows["ext.img:/p1"]["error"]
    result = run_main("verify", image, store=tmp_path / "store", timeout=120)
    _no_crash(result)
    assert result.returncode == 0  # the media stream still verified


def test_a_file_claiming_more_than_its_partition_is_not_opened_for_its_type(tmp_path):
    from models.bundle.manifest import load_bundle
    from models.image.files import read_image_file
    from models.image.typing import type_records

    image = _ext2_with_a_huge_sparse_claim(tmp_path, 32 << 20)  # 32 MiB claimed on an 8 MiB disk
    source = ImageSource(inspect(image), "UTC")
    try:
        entries = {e.path: e for e in source.entries()}
        big, small = entries["ext.img:/p1/sub/big.bin"], entries["ext.img:/p1/top.txt"]
        assert big.size == 32 << 20
        rows = type_records(source, [(1, big.path, big.size, big.address), (2, small.path, small.size, small.address)],
                            "UTC", exif=True)
    finally:
        source.close()
    assert rows[0][:4] == (None, None, None, None) and "exceeds its partition" in rows[0][4]
    assert rows[1][0] == "text/plain" and rows[1][4] is None  # the rest goes on
    bundle = load_bundle(image)  # previews, the viewer and digests on demand: refused unopened, with the reason
    with pytest.raises(OSError, match="exceeds its partition"):
        read_image_file(bundle, big.path, big.address, limit=4096, size=big.size)
    assert read_image_file(bundle, small.path, small.address, limit=4096, size=small.size) == b"top\n"


@pytest.mark.parametrize(("name", "content", "said"), [("empty.E01", b"", "an empty file"),
                                                       ("notes.E01", b"not an image\n" * 40, "no EWF signature")])
def test_an_e01_name_without_the_ewf_signature_is_refused_not_read_as_raw(tmp_path, name, content, said):
    path = tmp_path / name
    path.write_bytes(content)  # was read as a raw image: verify exit 0, its digests 'computed'
    for command in ("scan", "verify", "check"):
        result = run_main(command, path, store=tmp_path / "store")
        err = _no_crash(result)
        assert result.returncode == 2 and said in err and name in err, (command, err)
