"""Type by content against `file --mime-type` on the libmagic and exiftool sample files; extension mismatch."""

import shutil
import subprocess

import pytest

from models.inventory.filetype import EMPTY_MIME, detect_path, detect_type, extension_mismatch, read_head


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


def test_forms_are_quoted_from_the_seed(corpus_dir):
    from models.inventory.category import FORMS, form_name

    seed = (corpus_dir.parent / "seeds/001_16a2641aec0fb88a.txt").read_text(encoding="utf-8")
    for form in FORMS:
        assert form_name(form) in seed, form


def test_category_by_content_with_name_hints():
    from models.inventory.category import category_for

    assert category_for("image/jpeg", "evidence/E1/照片.jpg") == "27.7"
    assert category_for("image/jpeg", "evidence/E1/tool.exe") == "27.7"  # content wins over the name
    assert category_for("application/vnd.sqlite3", "evidence/E1/WeChat/EnMicroMsg.db") == "27.2"
    assert category_for("application/vnd.sqlite3", "evidence/E1/app.db") == "27.7"
    assert category_for("message/rfc822", "mail/a.eml") == "27.2"
    assert category_for("application/x-x509-ca-cert", "a.crt") == "27.7"  # 数字证书: Art. 27(七)
    assert category_for("application/octet-stream", "id.p12") == "27.7"
    assert category_for("application/octet-stream", "mail.p7s") == "27.3"  # 数字签名: Art. 27(三)
    assert category_for("text/csv", "银行交易流水.csv") == "27.4"
    assert category_for("text/csv", "名单.csv") == "27.7"
    assert category_for("application/x-dosexec", "a.bin") == "27.5"
    assert category_for("text/x-shellscript", "run") == "27.5"
    assert category_for("text/plain", "var/log/syslog") == "27.6"
    assert category_for("text/html", "page.html") == "27.1"
    assert category_for(None, "x") == "27.7"


@pytest.mark.parametrize("mode", ["thread", "process"])
def test_fill_types_fills_the_store_and_honours_overrides(corpus_dir, tmp_path, store_dir, mode, monkeypatch):
    import shutil

    from models.bundle.manifest import load_bundle
    from models.inventory import typing_pass
    from models.inventory.scan import scan_bundle
    from models.inventory.typing_pass import fill_types
    from models.store.store import open_store

    root = tmp_path / "folder"
    root.mkdir()
    shutil.copyfile(corpus_dir / "exif/Pillow/Tests/images/ultrahdr.jpg", root / "photo.jpg")
    shutil.copyfile(corpus_dir / "exif/Pillow/Tests/images/ultrahdr.jpg", root / "合同.pdf")
    (root / "run.sh").write_text("#!/bin/sh\necho hi\n")
    (root / "empty.txt").write_bytes(b"")
    shutil.copyfile(corpus_dir / "exif/exiftool/t/images/CanonRaw.cr3", root / "IMG_0001.CR3")
    bundle = load_bundle(root)
    store = open_store(bundle, store_dir)
    scan_bundle(bundle, store)
    with store.db.conn:
        store.db.execute("INSERT INTO category_overrides(path, category, reviewer, at) VALUES "
                         "('run.sh', '27.6', '王某', '2026-11-20T10:00:00Z')")
    seen = []
    monkeypatch.setattr(typing_pass, "BATCH", 1)  # one file per task: the pool path runs
    assert fill_types(bundle, store, progress=lambda *a: seen.append(a), workers=2, mode=mode) == 5
    rows = {r[0]: r[1:] for r in store.db.execute(
        "SELECT path, mime, category, extension_mismatch, exif_json, type_error FROM files")}
    assert rows["photo.jpg"][:3] == ("image/jpeg", "27.7", 0)
    assert rows["合同.pdf"][:3] == ("image/jpeg", "27.7", 1)
    assert rows["run.sh"][:2] == ("text/x-shellscript", "27.6")  # the reviewer's correction stands
    assert rows["empty.txt"][0] == "inode/x-empty"
    assert '"offset": "+08:00"' in rows["photo.jpg"][3]
    assert rows["IMG_0001.CR3"][0] == "application/octet-stream"  # libmagic 5.44 does not know CR3
    assert '"model": "Canon EOS M50"' in rows["IMG_0001.CR3"][3]  # read anyway: a raw container signature
    assert seen[-1][:2] == (5, 5)
    assert fill_types(bundle, store) == 0  # nothing left untyped


def test_fill_types_cancels(tmp_path, store_dir):
    import threading

    from models.bundle.manifest import load_bundle
    from models.inventory.scan import scan_bundle
    from models.inventory.typing_pass import fill_types
    from models.runtime.jobs import Cancelled
    from models.store.store import open_store

    (tmp_path / "f").mkdir()
    (tmp_path / "f/a.txt").write_text("a")
    bundle = load_bundle(tmp_path / "f")
    store = open_store(bundle, store_dir)
    scan_bundle(bundle, store)
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        fill_types(bundle, store, cancel=cancel)
    assert store.db.execute("SELECT mime FROM files WHERE path = 'a.txt'").fetchone() == (None,)


def test_mismatch_over_the_corpus_flags_only_the_disguised_executable(corpus_dir):
    flagged = []
    for path in sorted(corpus_dir.rglob("*")):
        if path.is_file() and path.suffix != ".result" and "disk_images" not in path.parts:
            if extension_mismatch(path.name, detect_path(path)[0]):
                flagged.append(path.relative_to(corpus_dir).as_posix())
    assert flagged == ["hashlists/hashdeep/sample-hashes/sample.jpg"]  # a PE file named .jpg


def test_category_override_is_applied_and_audited(tmp_path, store_dir):
    from models.bundle.manifest import load_bundle
    from models.inventory.scan import scan_bundle
    from models.inventory.typing_pass import fill_types
    from models.store import audit
    from models.store.overrides import clear_category_override, set_category_override
    from models.store.store import open_store

    (tmp_path / "f").mkdir()
    (tmp_path / "f/run.sh").write_text("#!/bin/sh\necho hi\n")
    bundle = load_bundle(tmp_path / "f")
    store = open_store(bundle, store_dir)
    scan_bundle(bundle, store)
    fill_types(bundle, store)
    category = lambda: store.db.execute("SELECT category FROM files WHERE path = 'run.sh'").fetchone()[0]  # noqa
    assert category() == "27.5"
    set_category_override(store, "run.sh", "27.6", "王某", "运行日志脚本")
    assert category() == "27.6"
    with pytest.raises(ValueError):
        set_category_override(store, "run.sh", "27.9", "王某")
    clear_category_override(store, "run.sh", "王某")
    assert category() == "27.5"
    entries = audit.load_entries(store.db)
    assert [e["action"] for e in entries] == ["category.override", "category.clear"]
    assert audit.verify_chain(store.db).ok


def test_head_reads_on_when_the_listed_size_is_out_of_date(tmp_path):
    grown = tmp_path / "grown.bin"
    grown.write_bytes(b"%PDF-1.7\n" + bytes(100_000))
    assert len(read_head(grown, size=10)) == 64 * 1024  # the file grew after the listing
    assert read_head(grown, 8, size=100_009) == b"%PDF-1.7"
    small = tmp_path / "small.txt"
    small.write_bytes(b"hello")
    assert read_head(small, size=1_000_000) == b"hello"  # it shrank: stops at its end
    assert read_head(small, size=5) == b"hello"


def test_a_changed_file_loses_its_old_exif(corpus_dir, tmp_path, store_dir):
    import os

    from models.bundle.manifest import load_bundle
    from models.inventory.scan import scan_bundle
    from models.inventory.typing_pass import fill_types
    from models.store.store import open_store

    (tmp_path / "f").mkdir()
    photo = tmp_path / "f/photo.jpg"
    shutil.copyfile(corpus_dir / "exif/Pillow/Tests/images/ultrahdr.jpg", photo)
    bundle = load_bundle(tmp_path / "f")
    store = open_store(bundle, store_dir)
    scan_bundle(bundle, store)
    fill_types(bundle, store)
    sql = "SELECT mime, exif_json, type_error FROM files WHERE path = 'photo.jpg'"
    row = lambda: store.db.execute(sql).fetchone()  # noqa: E731
    assert row()[0] == "image/jpeg" and '"offset": "+08:00"' in row()[1]
    photo.write_bytes(b"just text now\n")  # the same name, another content, size and time
    os.utime(photo, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    scan_bundle(bundle, store)
    assert fill_types(bundle, store) == 1
    assert row() == ("text/plain", None, None)
