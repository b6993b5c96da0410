"""EXIF against exiftool on the real corpus: never crashes, and agrees on make, model, time and GPS."""

import json
import shutil
import subprocess

import pytest

from models.inventory.exif import ExifSummary, exif_contract_json, exif_time_to_ns, exif_to_json_text, read_exif

FIELDS = ["-EXIF:Make", "-EXIF:Model", "-EXIF:DateTimeOriginal", "-EXIF:GPSLatitude", "-EXIF:GPSLatitudeRef",
          "-EXIF:GPSLongitude", "-EXIF:GPSLongitudeRef"]


def _read(path):
    with open(path, "rb") as stream:
        return read_exif(stream)


def _exiftool(root):
    assert shutil.which("exiftool"), "exiftool is the oracle here (scripts/setup.sh --dev installs it)"
    out = subprocess.run(["exiftool", "-G", "-n", "-j", "-r", "-q", "-q", *FIELDS, "."], cwd=root,
                         capture_output=True, text=True).stdout
    return json.loads(out)


def _expected(record) -> dict:
    """Fields exiftool reports with a value (an empty string is no value)."""
    expected = {}
    for key, name in (("EXIF:Make", "make"), ("EXIF:Model", "model")):
        if str(record.get(key, "")).strip():
            expected[name] = str(record[key]).strip()
    if str(record.get("EXIF:DateTimeOriginal", "")).strip():
        expected["datetime_original"] = str(record["EXIF:DateTimeOriginal"])[:19]
    for axis, ref_key, negative in (("lat", "EXIF:GPSLatitudeRef", "S"), ("lon", "EXIF:GPSLongitudeRef", "W")):
        value = record.get(f"EXIF:GPS{'Latitude' if axis == 'lat' else 'Longitude'}")
        if isinstance(value, (int, float)) and ref_key in record:
            expected[axis] = -value if record[ref_key] == negative else value
    return expected


def _agrees(name, want, summary) -> bool:
    if summary is None:
        return False
    if name == "datetime_original":
        got = summary.datetime_original
        return got is not None and got.replace("-", ":").replace("T", " ") == want
    if name in ("lat", "lon"):
        return summary.gps is not None and abs(summary.gps[0 if name == "lat" else 1] - want) < 1e-6
    return getattr(summary, name) == want


def test_every_corpus_file_is_read_without_crashing(corpus_dir):
    files = [p for p in (corpus_dir / "exif").rglob("*") if p.is_file()]
    assert len(files) > 100
    for path in files:  # how long each takes is measured in tests/benchmarks/bench_exif.py
        summary = _read(path)
        assert summary is None or isinstance(summary, ExifSummary)


def test_agreement_with_exiftool(corpus_dir):
    root = corpus_dir / "exif"
    total = agree = 0
    misses = []
    for record in _exiftool(root):
        summary = _read(root / record["SourceFile"])
        for name, want in _expected(record).items():
            total += 1
            if _agrees(name, want, summary):
                agree += 1
            else:
                misses.append((record["SourceFile"], name, want))
    assert total > 150
    assert agree / total >= 0.98, f"{agree}/{total}: {misses}"


def test_broken_files_get_a_reason(corpus_dir):
    summary = _read(corpus_dir / "exif/Pillow/Tests/images/seek_too_large.tif")
    assert summary is not None and summary.error
    summary = _read(corpus_dir / "exif/Pillow/Tests/images/broken.png")
    assert summary is not None and "UnicodeDecodeError" in summary.error


def test_offset_gps_and_contract_json(corpus_dir):
    summary = _read(corpus_dir / "exif/Pillow/Tests/images/ultrahdr.jpg")
    assert summary.make == "Google" and summary.model == "Pixel 6"
    assert summary.datetime_original == "2024-05-07T09:33:04"
    assert summary.offset == "+08:00"
    assert summary.gps == pytest.approx((30.62765, 119.7387667), abs=1e-6)
    assert summary.altitude == pytest.approx(98.9)
    assert summary.to_json() == {"make": "Google", "model": "Pixel 6", "datetime_original": "2024-05-07T09:33:04",
                                 "offset": "+08:00", "gps": [summary.gps[0], summary.gps[1]]}
    stored = exif_to_json_text(summary, "Asia/Shanghai")
    assert exif_contract_json(stored) == summary.to_json()
    assert json.loads(stored)["zone_known"] is True


def test_raw_container_fallback(corpus_dir):
    summary = _read(corpus_dir / "exif/exiftool/t/images/CanonRaw.cr3")
    assert (summary.make, summary.model, summary.datetime_original) == ("Canon", "Canon EOS M50",
                                                                        "2018-02-21T12:08:56")


def test_time_without_offset_is_read_in_case_zone():
    ns, known = exif_time_to_ns("2026-10-01T20:15:03", None, "Asia/Shanghai")
    assert known is False
    assert ns == exif_time_to_ns("2026-10-01T12:15:03", "+00:00", None)[0]
    assert exif_time_to_ns("2026-10-01T20:15:03", "+08:00", "Europe/Berlin") == (ns, True)
    assert exif_time_to_ns(None, None, "Asia/Shanghai") == (None, False)


def test_no_exif_is_none(tmp_path):
    plain = tmp_path / "a.txt"
    plain.write_bytes(b"hello")
    assert _read(plain) is None
