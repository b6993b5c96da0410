"""Type by content against `file --mime-type` on the libmagic and exiftool sample files; extension mismatch."""

import shutil
import subprocess

from models.filetype import EMPTY_MIME, detect_path, detect_type, extension_mismatch, read_head


def _corpus_files(corpus_dir):
    root = corpus_dir / "filetypes"
    files = sorted(p for p in root.rglob("*") if p.is_file() and p.suffix != ".result")
    assert len(files) > 150, "the filetypes corpus is incomplete"
    return files


def test_mime_agrees_with_file_on_the_corpus(corpus_dir):
    assert shutil.which("file"), "the `file` tool is needed as the oracle (scripts/setup.sh --dev)"
    files = _corpus_files(corpus_dir)
    out = subprocess.run(["file", "--mime-type", "-b", "--", *map(str, files)],
                         capture_output=True, text=True, check=True).stdout.splitlines()
    assert len(out) == len(files)
    agree = sum(detect_path(p)[0] == ref for p, ref in zip(files, out))
    assert agree / len(files) >= 0.95, f"{agree}/{len(files)} agree with file --mime-type"


def test_description_is_libmagics_text(corpus_dir):
    mime, text = detect_path(corpus_dir / "filetypes/exiftool/t/images/FLAC.flac")
    assert mime == "audio/flac"
    assert text.startswith("FLAC audio bitstream")


def test_empty_file_reads_as_empty(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert detect_path(empty) == (EMPTY_MIME, "empty")
    assert not extension_mismatch("empty.txt", EMPTY_MIME)


def test_head_is_bounded(tmp_path):
    big = tmp_path / "big.bin"
    big.write_bytes(b"%PDF-1.7\n" + bytes(300_000))
    assert len(read_head(big)) == 64 * 1024
    assert len(read_head(big, 8)) == 8
    assert detect_type(read_head(big))[0] == "application/pdf"


def test_extension_mismatch_is_conservative():
    assert extension_mismatch("照片_001.jpg", "application/pdf")
    assert extension_mismatch("report.docx", "application/x-dosexec")
    assert extension_mismatch("photo.jpg", "text/plain")
    assert not extension_mismatch("photo.JPG", "image/jpeg")
    assert not extension_mismatch("notes.txt", "text/x-c")
    assert not extension_mismatch("data.csv", "text/plain")
    assert not extension_mismatch("report.docx", "application/zip")
    assert not extension_mismatch("old.doc", "application/x-ole-storage")
    assert not extension_mismatch("blob.xyz", "image/png")  # unknown extension
    assert not extension_mismatch("noext", "image/png")
    assert not extension_mismatch("photo.jpg", "application/octet-stream")  # generic


def test_misnamed_corpus_files_are_flagged(corpus_dir, tmp_path):
    jpeg = corpus_dir / "exif/Pillow/Tests/images/exif_gps.jpg"
    disguised = tmp_path / "合同.pdf"
    disguised.write_bytes(jpeg.read_bytes())
    mime, _ = detect_path(disguised)
    assert mime == "image/jpeg"
    assert extension_mismatch(disguised.name, mime)
