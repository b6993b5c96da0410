"""Property-based damage (hypothesis, fixed seed): random bytes written at random places of a FAT12 image's
boot sector, FAT and folders, and of an ISO's descriptors and directory records. Each damaged copy is
listed, each file read (first 64 KiB) and the ISO's record times read by pycdlib: a reason or a listing,
never an exception other than OSError for a file that cannot be read, and an ISO time either TSK's or moved
from it by a whole number of quarter hours within ECMA-119's range."""

import os

import pytest

from models.image.disk.container import inspect
from models.image.listing.iso_times import OFFSET_UNREAD
from models.image.source import ImageSource
from tests.image_factory import iso_image, iso_set_offsets, require

hypothesis = pytest.importorskip("hypothesis", reason="hypothesis is not installed (requirements-dev.txt)")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

EXAMPLES = int(os.environ.get("EVIDENCEDESK_IMAGE_DAMAGE_EXAMPLES", "100"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def _fat12(folder):
    import subprocess

    require("mkfs.vfat", "mcopy")
    src = folder / "src"
    (src / "d1" / "d2").mkdir(parents=True)
    for i in range(4):
        (src / f"f{i}.txt").write_bytes(bytes([65 + i]) * (700 * (i + 1)))
    (src / "d1" / "d2" / "deep.txt").write_text("deep")
    image = folder / "fat12.img"
    with open(image, "wb") as out:
        out.truncate(1 << 20)
    env = dict(os.environ, MTOOLS_SKIP_CHECK="1", TZ="UTC")
    subprocess.run(["mkfs.vfat", "-F", "12", str(image)], check=True, capture_output=True, env=env)
    subprocess.run(["mcopy", "-s", "-m", "-i", str(image), *map(str, sorted(src.iterdir())), "::/"], check=True,
                   capture_output=True, env=env)
    return image.read_bytes()


@pytest.fixture(scope="module")
def fat_bytes(tmp_path_factory):
    return _fat12(tmp_path_factory.mktemp("fat"))


@pytest.fixture(scope="module")
def iso_bytes(tmp_path_factory):
    image = iso_image(tmp_path_factory.mktemp("iso"))
    iso_set_offsets(image, 32)
    return image.read_bytes()


def _damage(data: bytes, patches) -> bytes:
    out = bytearray(data)
    for position, value in patches:
        position %= len(out)
        out[position:position + len(value)] = value[:len(out) - position]
    return bytes(out)


def _list_and_read(path) -> list:
    from models.bundle.bundle_error import ImageError

    try:
        source = ImageSource(inspect(path), "Asia/Shanghai")
    except ImageError:
        return []
    try:
        entries = list(source.entries())
        for entry in entries:
            if entry.kind == "file" and entry.role is None and (entry.size or 0) <= 1 << 20:
                try:
                    with source.open(entry.path, entry.address) as stream:
                        stream.read(1 << 16)
                except OSError:
                    pass  # that file's error; the rest goes on
        return entries
    finally:
        source.close()


PATCHES = st.lists(st.tuples(st.integers(0, 48 * 1024), st.binary(min_size=1, max_size=16)), min_size=1, max_size=8)


@SETTINGS
@given(patches=PATCHES)
def test_fat12_damaged_anywhere_in_its_first_48_kib_lists_or_says_why(fat_bytes, tmp_path, patches):
    path = tmp_path / "fat12.img"
    path.write_bytes(_damage(fat_bytes, patches))
    entries = _list_and_read(path)
    assert len(entries) < 10_000  # a looping chain or folder does not multiply the listing


@SETTINGS
@given(patches=st.lists(st.tuples(st.integers(16 * 2048, 40 * 2048), st.binary(min_size=1, max_size=8)),
                        min_size=1, max_size=6))
def test_iso_damaged_in_descriptors_and_records_lists_with_true_or_unread_times(iso_bytes, tmp_path, patches):
    """Each time is TSK's wall clock as UTC, moved by the record's offset (-12:00 to +13:00 in quarter hours)
    or, offset unread, left as it is."""
    from models.image.listing.walk import walk

    path = tmp_path / "disc.iso"
    path.write_bytes(_damage(iso_bytes, patches))
    entries = _list_and_read(path)
    if not entries or entries[0].error:
        return
    source = ImageSource(inspect(path), "Asia/Shanghai")
    try:
        part = source.partitions[0]
        walls = {e.path: e.created_ns for batch in walk(part.fs, source.prefix(part)) for e in batch}
    finally:
        source.close()
    quarters = {k * 900 * 10**9 for k in range(-52, 49)}
    for entry in entries:
        if entry.created_ns is None:
            continue
        wall = walls[entry.path]
        if entry.time_source == OFFSET_UNREAD:
            assert entry.created_ns == wall
        else:
            assert entry.time_source == "filesystem" and wall - entry.created_ns in quarters


@pytest.fixture(scope="module")
def e01_files(tmp_path_factory):
    """Two small E01s of the same bytes: EnCase 2 (a wall-clock header) and EnCase 6 (header2, an instant)."""
    from tests.image_factory import e01_of

    folder = tmp_path_factory.mktemp("e01")
    raw = folder / "disk.raw"
    raw.write_bytes(bytes(range(256)) * 256)
    return {fmt: e01_of(raw, folder / fmt, fmt=fmt, compression="none", case="案件一号", examiner="张三",
                        description="U盘", notes="Mon Jan  1 00:00:00 0001").read_bytes()
            for fmt in ("encase2", "encase6")}


@SETTINGS
@given(fmt=st.sampled_from(["encase2", "encase6"]), machine=st.sampled_from(["UTC", "Asia/Shanghai", "America/Lima"]),
       patches=st.lists(st.tuples(st.integers(0, 4096), st.binary(min_size=1, max_size=8)), min_size=1, max_size=6))
def test_e01_damaged_in_its_headers_is_read_or_refused(e01_files, tmp_path, fmt, machine, patches):
    """checks.image_records.entry_image on an E01 damaged in its first 4 KiB (file header, header and header2
    sections), the machine in any zone: header values as text or None, or an error line; never an exception."""
    import time

    from checks.image_records import entry_image, local_time

    (tmp_path / "evidence").mkdir(exist_ok=True)
    (tmp_path / "evidence" / "disk.E01").write_bytes(_damage(e01_files[fmt], patches))
    old = os.environ.get("TZ")
    os.environ["TZ"] = machine
    time.tzset()
    try:
        found = entry_image(tmp_path, "evidence/disk.E01")
    finally:
        os.environ.pop("TZ") if old is None else os.environ.__setitem__("TZ", old)
        time.tzset()
    if found["error"]:
        assert "\n" not in found["error"] and not found["headers"]
        return
    for key, value in found["headers"].items():
        assert value is None or isinstance(value, str), (key, value)
        if value is not None:
            value.encode("utf-8")
    for key in ("acquired_at", "system_date"):
        local_time(found["headers"].get(key), "Asia/Shanghai")
