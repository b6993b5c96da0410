"""Helpers that had drifted copies, now one each: what the one copy does."""

import pytest

from models.bundle.coverage import change_for
from models.integrity.backup import differences
from models.integrity.verify import explanation_for
from models.inventory.textenc import decode_text

ITEM = {"changes": [{"path": "evidence/E1/logs/", "explanation": "清理", "confirmed_by": "鉴定"},
                    {"path": "evidence/E1/a.txt", "description": "补充"}]}


@pytest.mark.parametrize("path, found", [("evidence/E1/logs/x.log", "清理"), ("evidence/E1/logs", "清理"),
                                         ("evidence/E1/logsx/y", None), ("evidence/E1/a.txt", "补充"),
                                         ("evidence/E1/b.txt", None)])
def test_change_for_and_explanation_for_cover_a_path_or_a_folder_above_it(path, found):
    assert explanation_for(ITEM, path) == found
    change = change_for(ITEM, path)
    assert (change is None) == (found is None)


def test_backup_differences_ignore_case_and_empty_values():
    theirs = {"a": {"md5": "AB"}, "b": {"md5": "11"}, "c": {"md5": ""}, "d": {"sha1": "ff"}}
    mine = {"a": {"md5": "ab"}, "b": {"md5": "12", "sha1": "ee"}, "c": {"md5": "00"}, "e": {"md5": "1"}}
    found = [(d.path, d.difference, d.original, d.backup) for d in differences("E2", theirs, mine)]
    assert found == [("b", "digest", {"md5": "11"}, {"md5": "12"}), ("c", "no_common_algorithm", {}, {}),
                     ("d", "missing_in_backup", {}, {}), ("e", "missing_in_original", {}, {})]


@pytest.mark.parametrize("data, text", [("\ufeff时间".encode("utf-8"), "时间"), ("时间".encode("gb18030"), "时间"),
                                        ("\ufeffabc", "abc"), (b"2024-01-01 \xff\x80", "2024-01-01 \ufffd\ufffd")])
def test_decode_text_reads_utf8_then_gb18030_else_replaces(data, text):
    assert decode_text(data) == text


def test_decode_text_can_keep_the_bytes_of_a_latin1_name():
    from models.bundle.names import from_os, raw_bytes

    data = "md5 *caf\xe9.txt".encode("latin-1") + b"\xff"
    kept = from_os(decode_text(data, "surrogateescape"))
    assert raw_bytes(kept) == b"md5 *caf\xe9.txt\xff"


def test_hex_digests_match_hashlib_and_leave_the_prototypes_fresh():
    import hashlib

    from models.integrity.digests import hex_digests

    prototypes = [hashlib.md5(), hashlib.sha256()]
    assert hex_digests(prototypes, b"abc") == [hashlib.md5(b"abc").hexdigest(), hashlib.sha256(b"abc").hexdigest()]
    assert hex_digests(prototypes, b"") == [hashlib.md5().hexdigest(), hashlib.sha256().hexdigest()]


def test_write_atomic_writes_whole_with_its_mode_or_leaves_nothing(tmp_path):
    import os
    import stat

    from models.common.atomic import write_atomic

    out = tmp_path / "identity.p12"
    write_atomic(out, b"key", mode=0o600)
    assert out.read_bytes() == b"key"
    if os.name == "posix":
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
    (tmp_path / "taken").mkdir()
    with pytest.raises(OSError):
        write_atomic(tmp_path / "taken", b"memo")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["identity.p12", "taken"]
