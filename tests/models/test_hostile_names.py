"""Names that are not UTF-8 kept byte for byte: stored, matched in GBK and Latin-1 lists, shown decoded."""

import hashlib
import json
import os

from models.bundle.manifest import load_bundle
from models.bundle.names import from_os, name_text, raw_bytes, shown, to_os
from models.common.console import safe_text, write_fields, write_json
from models.integrity.verify import verify_bundle
from models.inventory.scan import iter_file_records, scan_bundle
from models.store.store import open_store
from tests.hostile_bundle import hostile_bundle

GBK = "证据.doc".encode("gbk")
LATIN1 = "café.doc".encode("latin-1")


def test_name_text_round_trips_any_bytes():
    for raw in (GBK, LATIN1, bytes(range(1, 256)).replace(b"/", b""), "ok.txt".encode()):
        text = name_text(raw)
        text.encode("utf-8")  # valid Unicode: SQLite and JSON take it
        assert raw_bytes(text) == raw and os.fsencode(to_os(text)) == raw
        assert from_os(os.fsdecode(raw)) == text


def test_shown_decodes_gb18030_first_with_hex_beside():
    assert shown("evidence/" + name_text(GBK)) == f"evidence/证据.doc [GB18030 hex {GBK.hex()}]"
    assert shown(name_text(LATIN1)) == f"café.doc [Latin-1 hex {LATIN1.hex()}]"
    assert shown("plain/名字.txt") == "plain/名字.txt"


def test_safe_text_escapes_controls_and_bidi():
    assert safe_text("a\nb\tc\x1b[2J\u202ed\\e\x85") == "a\\nb\\tc\\x1b[2J\\u202ed\\\\e\\x85"
    assert safe_text("普通 name.txt") == "普通 name.txt"


class _Stream(list):
    def __init__(self, encoding):
        super().__init__()
        self.encoding = encoding

    def write(self, text):
        text.encode(self.encoding)  # strict, as a real GBK console
        self.append(text)


def test_writers_never_raise_on_a_narrow_console():
    for encoding in ("gbk", "ascii", "latin-1"):
        stream = _Stream(encoding)
        write_fields(stream, ["€ \U0001f600 证据", name_text(LATIN1)])
        write_json(stream, {"path": name_text(GBK) + "\udcff€"})
        assert json.loads(stream[-1])["path"].endswith("\udcff€")


def _bundle_with_list(tmp_path, list_bytes: bytes):
    root = hostile_bundle(tmp_path)
    folder = os.fsencode(root / "evidence" / "E1" / "dir")
    for raw in (GBK, LATIN1):
        with open(os.path.join(folder, raw), "wb") as f:
            f.write(raw)
    (root / "evidence" / "E1" / "dir.md5").write_bytes(list_bytes)
    return root


def _line(raw: bytes) -> bytes:
    return hashlib.md5(raw).hexdigest().encode() + b"  " + raw + b"\n"


def test_scan_stores_names_that_are_not_utf8(tmp_path):
    root = _bundle_with_list(tmp_path, _line(GBK))
    bundle = load_bundle(root)
    store = open_store(bundle, tmp_path / "store")
    scan_bundle(bundle, store)
    paths = {r["path"] for r in iter_file_records(store)}
    assert "evidence/E1/dir/" + name_text(GBK) in paths and "evidence/E1/dir/" + name_text(LATIN1) in paths


def test_gbk_list_matches_gbk_names_on_disk(tmp_path):
    root = _bundle_with_list(tmp_path, _line(GBK))  # the list is GBK text, as Windows writes it
    results = [r for r in verify_bundle(load_bundle(root)) if r.recorded_source and "dir.md5" in r.recorded_source]
    compared = [(r.path, r.status) for r in results if r.status != "unlisted"]  # the others: named by no row
    assert compared == [("evidence/E1/dir/" + name_text(GBK), "match")], results
    assert "evidence/E1/dir/" + name_text(LATIN1) in {r.path for r in results if r.status == "unlisted"}


def test_latin1_list_matches_latin1_names_on_disk(tmp_path):
    root = _bundle_with_list(tmp_path, _line(LATIN1) + _line(GBK))  # neither UTF-8 nor GB18030 text
    results = {r.path: r.status for r in verify_bundle(load_bundle(root))
               if r.recorded_source and "dir.md5" in r.recorded_source}
    assert results["evidence/E1/dir/" + name_text(LATIN1)] == "match", results


def test_long_list_read_by_the_tree_helpers_matches_odd_names(tmp_path):
    root = hostile_bundle(tmp_path)
    folder = root / "evidence" / "E1" / "dir"
    odd = os.path.join(os.fsencode(folder), "子目录".encode("gbk"))
    os.mkdir(odd)
    lines = [_line(GBK).replace(GBK, "子目录/".encode("gbk") + GBK)]
    with open(os.path.join(odd, GBK), "wb") as f:
        f.write(GBK)
    for n in range(600):  # past TREE_MIN_FILES: the folder is read by models.integrity.digest_tree
        (folder / f"f{n}.txt").write_text(str(n))
        lines.append(hashlib.md5(str(n).encode()).hexdigest().encode() + f"  f{n}.txt\n".encode())
    with open(os.path.join(odd, LATIN1), "wb") as f:
        f.write(b"unlisted but read")
    (root / "evidence" / "E1" / "dir.md5").write_bytes(b"".join(lines))  # GBK text
    results = verify_bundle(load_bundle(root))
    statuses = {r.path: r.status for r in results if r.recorded_source and "dir.md5" in r.recorded_source}
    unlisted = {p for p, s in statuses.items() if s == "unlisted"}  # in the folder, named by no row
    assert unlisted == {"evidence/E1/dir/b.txt", "evidence/E1/dir/" + name_text("子目录".encode("gbk")) + "/"
                        + name_text(LATIN1)}
    statuses = {p: s for p, s in statuses.items() if p not in unlisted}
    assert len(statuses) == 601 and set(statuses.values()) == {"match"}, {p: s for p, s in statuses.items()
                                                                          if s != "match"}
    assert "evidence/E1/dir/" + name_text("子目录".encode("gbk")) + "/" + name_text(GBK) in statuses


def test_scan_helper_process_keeps_odd_names(tmp_path, monkeypatch):
    from models.inventory import scan as scan_module

    monkeypatch.setattr(scan_module, "HANDOFF", 50)  # the walk shared with the helper after 50 entries
    root = hostile_bundle(tmp_path)
    base = os.fsencode(root / "evidence")
    for n in range(12):
        folder = os.path.join(base, f"d{n:02}".encode() + GBK)
        os.mkdir(folder)
        for raw in (GBK, LATIN1, *(f"f{i}".encode() for i in range(10))):
            with open(os.path.join(folder, raw), "wb") as f:
                f.write(b"x")
    bundle = load_bundle(root)
    store = open_store(bundle, tmp_path / "store")
    scan_bundle(bundle, store)
    paths = {r["path"] for r in iter_file_records(store)}
    expected = {f"evidence/d{n:02}{name_text(GBK)}/{name_text(raw)}" for n in range(12) for raw in (GBK, LATIN1)}
    assert expected <= paths


def test_memo_html_shows_an_odd_name_decoded():
    from models.memo.memo_html import e

    assert e("evidence/" + name_text(GBK) + "<b>") == f"evidence/证据.doc&lt;b&gt; [GB18030 hex {(GBK + b'<b>').hex()}]"
