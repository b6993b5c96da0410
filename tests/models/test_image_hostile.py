"""Damaged and hostile disk images made by code: a stated reason or a finding, never a traceback or a hang."""

import json
import os
import shutil
import struct

import pytest

from models.image.container import inspect
from models.image.source import ImageSource
from tests.helpers import run_main
from tests.image_factory import e01_of, fat32_image, gpt_image


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
