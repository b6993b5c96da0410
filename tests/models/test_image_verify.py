"""`verify IMAGE`: the media stream's digests against those the E01 stores; exit 0 match, 1 mismatch."""

import hashlib
import json
import os
import re

import pytest

from models.integrity.digests import compute_digests
from tests.helpers import run_main
from tests.image_factory import e01_of, fat32_image


@pytest.fixture
def split_e01(tmp_path):
    (tmp_path / "src").mkdir()
    raw = fat32_image(tmp_path / "src", size_mb=34, files={"noise.bin": os.urandom(3 << 20)})
    out = tmp_path / "case"
    out.mkdir()
    return raw, e01_of(raw, out / "usb", segment="1MiB", compression="none", case="案件一号", examiner="张三")


def _verify(image, tmp_path, *extra):
    result = run_main("verify", image, "--json", *extra, store=tmp_path / "store")
    rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    return result, {row["algorithm"]: row for row in rows}


def test_intact_e01_matches_and_every_digest_is_the_raw_media(split_e01, tmp_path):
    raw, e01 = split_e01
    result, rows = _verify(e01, tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    with open(raw, "rb") as stream:
        expected = compute_digests(stream, ("md5", "sha1", "sha256", "sm3"))
    assert {a: r["computed"] for a, r in rows.items()} == expected
    assert rows["md5"]["status"] == rows["sha1"]["status"] == "match"
    assert rows["md5"]["recorded_source"] == "ewf_header" and rows["sha256"]["status"] == "computed"
    assert rows["md5"]["recorded"] == hashlib.md5(raw.read_bytes()).hexdigest()


def test_damaged_segment_is_a_mismatch_and_libewf_names_the_chunk(split_e01, tmp_path):
    _raw, e01 = split_e01
    segment = e01.with_suffix(".E03")
    with open(segment, "r+b") as stream:  # inside the chunk data of an uncompressed segment
        stream.seek(segment.stat().st_size // 2)
        stream.write(b"\xa5" * 4096)
    result, rows = _verify(e01, tmp_path)
    assert result.returncode == 1, result.stderr.decode()
    assert rows["md5"]["status"] == rows["sha1"]["status"] == "mismatch"
    # libewf's own list of the chunks failing their checksum names where: exactly the bytes that differ
    found = re.findall(r"([\d,]+)–([\d,]+)", rows["md5"]["error"])
    assert found and "checksum" in rows["md5"]["error"]
    ranges = [(int(a.replace(",", "")), int(b.replace(",", ""))) for a, b in found]
    import pyewf

    handle = pyewf.handle()
    handle.open([str(p) for p in sorted(e01.parent.glob("usb.E*"))])
    raw = _raw.read_bytes()
    for first, last in ranges:
        assert handle.read_buffer_at_offset(last - first + 1, first) == bytes(last - first + 1)  # read as zeros
        assert raw[first:last + 1] != bytes(last - first + 1)
    chunk = handle.get_chunk_size()
    differ = {i // chunk for i in range(0, len(raw), chunk)
              if handle.read_buffer_at_offset(chunk, i) != raw[i:i + chunk]}
    assert differ == {i for first, last in ranges for i in range(first // chunk, last // chunk + 1)}
    handle.close()


def test_cut_segment_and_missing_segment_are_clear_errors(split_e01, tmp_path):
    _raw, e01 = split_e01
    segment = e01.with_suffix(".E02")
    with open(segment, "r+b") as stream:
        stream.truncate(segment.stat().st_size // 3)
    result, _ = _verify(e01, tmp_path)
    err = result.stderr.decode()
    assert result.returncode in (1, 2) and "Traceback" not in err
    assert result.returncode == 1 or "usb.E02" in err
    segment.unlink()
    result, _ = _verify(e01, tmp_path)
    assert result.returncode == 2 and "usb.E02" in result.stderr.decode()


def test_raw_image_has_its_digests_computed(tmp_path):
    raw = fat32_image(tmp_path)
    result, rows = _verify(raw, tmp_path)
    assert result.returncode == 0
    assert rows["sha256"]["computed"] == hashlib.sha256(raw.read_bytes()).hexdigest()
    assert {r["status"] for r in rows.values()} == {"computed"}


def test_media_hashed_in_threads_equals_one_pass_and_stays_within_its_buffers(tmp_path):
    from models.image.disk import media_hash
    from models.image.disk.media import RawMedia

    data = os.urandom(2 * media_hash.READ_SIZE + 12345)
    (tmp_path / "m.raw").write_bytes(data)
    media = RawMedia([str(tmp_path / "m.raw")])
    seen = []
    try:
        digests, done = media_hash.hash_media(media, ("sm3", "md5", "sha256", "sha1"),
                                              progress=lambda *a: seen.append(a[2]))
    finally:
        media.close()
    assert done == len(data) and seen[-1] == len(data) and len(seen) == 3
    assert digests == {a: hashlib.new(a, data).hexdigest() for a in ("md5", "sha1", "sha256", "sm3")}


def test_a_cancelled_media_hash_stops_its_threads(tmp_path):
    import threading

    from models.image.disk import media_hash
    from models.image.disk.media import RawMedia
    from models.runtime.jobs import Cancelled

    (tmp_path / "m.raw").write_bytes(bytes(3 * media_hash.READ_SIZE))
    media, cancel = RawMedia([str(tmp_path / "m.raw")]), threading.Event()
    try:
        with pytest.raises(Cancelled):
            media_hash.hash_media(media, ("md5", "sm3"), progress=lambda *a: cancel.set(), cancel=cancel)
    finally:
        media.close()
    assert not [t for t in threading.enumerate() if t.name.startswith("EvidenceDesk md5")]


def test_damaged_chunks_that_read_as_the_recorded_zeros_are_not_all_clear(split_e01, tmp_path):
    # ewfverify calls a chunk failing its checksum a FAILURE even when the digest agrees: libewf reads it as
    # zeros, so a chunk that held zeros hides its damage from the digest
    raw, e01 = split_e01
    for segment in sorted(e01.parent.glob("usb.E*"))[1:-1]:  # a run of zero chunk data, far from the tables
        data = segment.read_bytes()
        at = data.find(bytes(16 << 10), len(data) // 4)  # each 32 KiB chunk ends in its Adler-32: no longer run
        if 0 < at < len(data) // 2:
            break
    else:
        pytest.fail("no segment with a run of zeros")
    with open(segment, "r+b") as stream:
        stream.seek(at + 4096)
        stream.write(b"\xa5" * 4096)
    result, rows = _verify(e01, tmp_path)
    assert rows["md5"]["status"] == "match" and "checksum" in rows["md5"]["error"]
    assert result.returncode == 1, result.stderr.decode()
    text = run_main("verify", e01, store=tmp_path / "store")
    assert text.returncode == 1 and "校验和错误的数据块" in text.stdout.decode()
