"""ISO 9660 recording times with their offset from GMT (ECMA-119 9.1.5), which TSK drops: a disc written at
+08:00 lists the exact instants, eight hours before the wall clocks `fls -z UTC` shows."""

import os
import shutil
import subprocess

import pycdlib

from models.image.disk.container import inspect
from models.image.listing.iso_times import OFFSET_UNREAD
from models.image.source import ImageSource
from tests.image_factory import ISO_FILES, fls_entries, iso_set_offsets, our_entries, require

EIGHT_HOURS = 8 * 3600


def _disc(folder, joliet=True):
    """The test disc mastered by xorriso in Shanghai's zone."""
    require("xorriso")
    src = folder / "iso_src"
    (src / "子目录").mkdir(parents=True)
    for rel, (data, seconds) in ISO_FILES.items():
        (src / rel).write_bytes(data)
        os.utime(src / rel, (seconds, seconds))
    image = folder / "disc.iso"
    args = ["xorriso", "-as", "mkisofs", "-quiet", *(["-J"] if joliet else []), "-o", str(image), str(src)]
    subprocess.run(args, check=True, capture_output=True, env=dict(os.environ, TZ="Asia/Shanghai"))
    return image


def _offsets(image) -> set[int]:
    disc = pycdlib.PyCdlib()
    disc.open(str(image))
    try:
        return {c.date.gmtoffset for c in disc.list_children(iso_path="/")}
    finally:
        disc.close()


def _listing(image):
    source = ImageSource(inspect(image), "Asia/Shanghai")
    try:
        return list(source.entries())
    finally:
        source.close()


def _assert_moved(image, hours: int):
    """Every entry with a time: fls's wall clock as UTC minus the offset; the source stays the file system."""
    entries = _listing(image)
    theirs, ours = fls_entries(image, "UTC"), our_entries(entries, "disc.iso:/p1")
    assert set(theirs) == set(ours)
    timed = 0
    for key, (_size, *times, _deleted) in theirs.items():
        _size2, *mine, _d = ours[key]
        assert mine == [t - hours * 3600 if t else 0 for t in times], key
        timed += any(times)
    assert timed >= 4  # the files and the folder, not only TSK's $OrphanFiles
    assert {e.time_source for e in entries if e.created_ns is not None} == {"filesystem"}
    return entries


def test_offset_of_eight_hours_moves_each_instant_by_eight_hours(tmp_path):
    image = _disc(tmp_path)
    assert _offsets(image) == {0}  # xorriso writes UTC with offset 0 whatever TZ says: patched below
    _assert_moved(image, 0)
    patched = tmp_path / "patched"
    patched.mkdir()
    copy = shutil.copy(image, patched / "disc.iso")
    assert iso_set_offsets(copy, 32) >= 10  # primary and Joliet records, dots included
    assert _offsets(copy) == {32}
    entries = _assert_moved(copy, 8)
    readme = next(e for e in entries if e.path.endswith("/readme.txt"))
    assert readme.created_ns == (ISO_FILES["readme.txt"][1] - EIGHT_HOURS) * 10**9


def test_primary_names_without_joliet_and_a_western_offset(tmp_path):
    image = _disc(tmp_path, joliet=False)
    iso_set_offsets(image, -20)  # -05:00
    entries = _assert_moved(image, -5)
    assert any(e.path.endswith("/README.TXT") for e in entries)  # 8.3 names, ';1' dropped, as TSK gives


def test_a_disc_pycdlib_cannot_read_keeps_tsk_time_and_says_so(tmp_path):
    image = _disc(tmp_path)
    iso_set_offsets(image, 32)
    data = bytearray(image.read_bytes())
    data[16 * 2048 + 6] = 2  # the primary descriptor's version: pycdlib refuses it, TSK reads on
    image.write_bytes(bytes(data))
    entries = _listing(image)
    theirs, ours = fls_entries(image, "UTC"), our_entries(entries, "disc.iso:/p1")
    assert {k: v[1:] for k, v in ours.items()} == {k: v[1:] for k, v in theirs.items()}  # TSK's, as UTC
    timed = [e for e in entries if e.created_ns is not None]
    assert timed and {e.time_source for e in timed} == {OFFSET_UNREAD}
