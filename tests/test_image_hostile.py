"""Hostile disk images made by code, second round: E01 sections that loop, folders linked twice or into a
loop. Each case: a stated reason or a finding, never a traceback, a hang or a listing that grows without end."""

import json
import shutil
import struct

import pytest

from tests.helpers import run_main, snapshot
from tests.image_factory import e01_of, require
from tests.test_cli_hostile import no_traceback

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
