"""The seventh round of hostile probes on the command line: outputs that would replace the review they report,
folders the program writes into on its own set inside the bundle, and writes through a hard link."""

import json
import os

import pytest

from tests.helpers import run_main, snapshot
from tests.hostile_bundle import hostile_bundle

TIMEOUT = 120


def no_traceback(result) -> str:
    err = result.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err and "internal error" not in err and "内部错误" not in err, err
    return err


@pytest.fixture
def identity(training_identity):
    return training_identity  # tests/conftest.py: one training identity for the session


def _memo(root, store, out, identity, env=None):
    p12, passphrase = identity
    return run_main("memo", root, "--identity", p12, "--passphrase-file", passphrase, "--out", out, store=store,
                    timeout=TIMEOUT, env=env)


# --- an output over the review ------------------------------------------------------------------------------
@pytest.mark.parametrize("suffix", ["", "-wal", ".audit-head", ".lock"])
def test_memo_out_onto_the_review_store_is_refused(tmp_path, identity, suffix):
    root = hostile_bundle(tmp_path)
    store = tmp_path / "store"
    assert _memo(root, store, tmp_path / "first.pdf", identity).returncode == 0
    (db,) = store.glob("*.sqlite")
    target = db.with_name(db.name + suffix)
    target.touch()
    result = _memo(root, store, target, identity)
    err = no_traceback(result)
    assert result.returncode == 2 and "审查库" in err and str(target) in err, err
    assert not target.exists() or not target.read_bytes().startswith(b"%PDF")  # SQLite removes its -wal on close
    assert db.read_bytes().startswith(b"SQLite format 3\x00")


def test_memo_out_onto_its_own_identity_is_refused(tmp_path, identity):
    p12, passphrase = identity
    copy = tmp_path / "id.p12"
    copy.write_bytes(p12.read_bytes())
    result = _memo(hostile_bundle(tmp_path), tmp_path / "store", copy, (copy, passphrase))
    err = no_traceback(result)
    assert result.returncode == 2 and "签名身份文件" in err, err
    assert copy.read_bytes() == p12.read_bytes()


def test_identity_out_onto_a_review_store_is_refused(tmp_path, identity):
    root = hostile_bundle(tmp_path)
    store = tmp_path / "store"
    assert run_main("scan", root, store=store, timeout=TIMEOUT).returncode == 0
    (db,) = store.glob("*.sqlite")
    before = db.read_bytes()
    result = run_main("identity", "--name", "张三", "--out", db, "--passphrase-file", identity[1], timeout=TIMEOUT)
    err = no_traceback(result)
    assert result.returncode == 2 and ("数据库" in err or "审查库" in err), err
    assert db.read_bytes() == before


def test_identity_certificate_through_a_hard_link_leaves_the_evidence_whole(tmp_path, identity):
    root = hostile_bundle(tmp_path)
    evidence = root / "evidence" / "E1" / "a.txt"
    os.link(evidence, tmp_path / "id.pem")  # the .pem written beside id.p12 is a hard link to evidence
    result = run_main("identity", "--name", "张三", "--out", tmp_path / "id.p12", "--passphrase-file", identity[1],
                      timeout=TIMEOUT)
    no_traceback(result)
    assert result.returncode == 0
    assert evidence.read_bytes() == b"hello"
    assert (tmp_path / "id.pem").read_bytes().startswith(b"-----BEGIN CERTIFICATE-----")


# --- folders the program writes into on its own -------------------------------------------------------------
@pytest.mark.parametrize("variable", ["TMPDIR", "XDG_STATE_HOME"])
@pytest.mark.parametrize("command", ["scan", "check", "memo"])
def test_a_side_folder_inside_the_bundle_is_refused(tmp_path, identity, variable, command):
    root = hostile_bundle(tmp_path)
    before = snapshot(root)
    env = {variable: str(root / "evidence")}
    if command == "memo":
        result = _memo(root, tmp_path / "store", tmp_path / "m.pdf", identity, env=env)
    else:
        result = run_main(command, root, store=tmp_path / "store", timeout=TIMEOUT, env=env)
    err = no_traceback(result)
    assert result.returncode == 2 and variable in err and "证据包内" in err, err
    assert snapshot(root) == before


# --- a manifest's very long texts in the memo ---------------------------------------------------------------
def _pages(pdf) -> int:
    from pyhanko.pdf_utils.reader import PdfFileReader

    with open(pdf, "rb") as f:
        return int(PdfFileReader(f).root["/Pages"]["/Count"])


def test_a_very_long_item_id_and_party_name_do_not_swell_the_memo(tmp_path, identity):
    from tests.hostile_bundle import manifest

    data = manifest()
    data["items"][0]["id"] = "证" * 20000  # repeated in every table of the memo, in a column 9% wide
    data["parties"][0]["name"] = "长" * 100000
    root = hostile_bundle(tmp_path, data)
    result = _memo(root, tmp_path / "store", tmp_path / "m.pdf", identity)
    no_traceback(result)
    assert result.returncode == 0
    assert _pages(tmp_path / "m.pdf") < 20  # 20,000 characters of the id laid out in full ran to hundreds of pages


# --- evidence changed after the check -----------------------------------------------------------------------
def test_a_memo_after_the_evidence_changed_is_not_signed_as_it_was(tmp_path, identity):
    import sqlite3

    root = hostile_bundle(tmp_path)
    store = tmp_path / "store"
    assert run_main("check", root, store=store, timeout=TIMEOUT).returncode in (0, 1)  # 1: the manifest is spare
    (root / "evidence" / "E1" / "a.txt").write_bytes(b"tampered after the check")
    p12, passphrase = identity
    refused = run_main("memo", root, "--identity", p12, "--passphrase-file", passphrase, "--no-examine",
                       "--out", tmp_path / "stale.pdf", store=store, timeout=TIMEOUT)
    err = no_traceback(refused)
    assert refused.returncode == 2 and "已有改动" in err, err
    assert not (tmp_path / "stale.pdf").exists()
    signed = _memo(root, store, tmp_path / "m.pdf", identity)
    err = no_traceback(signed)
    assert signed.returncode == 0 and "已有改动" in err, err
    (db,) = store.glob("*.sqlite")
    with sqlite3.connect(db) as conn:  # the memo rests on the evidence as it is now: a.txt no longer matches
        statuses = {row[0] for row in conn.execute("SELECT status FROM verification WHERE path = 'evidence/E1/a.txt'")}
    assert statuses == {"mismatch"}, statuses


# --- a store made by one bundle used with another -----------------------------------------------------------
def test_a_review_store_copied_from_another_case_is_refused(tmp_path, identity):
    from models.bundle.manifest import load_bundle
    from models.store import review
    from models.store.store import open_store
    from tests.hostile_bundle import manifest

    first = hostile_bundle(tmp_path / "a")
    data = manifest()
    data["case"]["title"] = "另一案"
    second = hostile_bundle(tmp_path / "b", data)
    store = tmp_path / "store"
    bundle = load_bundle(first)
    opened = open_store(bundle, store)
    review.set_outcome(opened, "E1", "excluded", ["44.2"], "甲案的决定", "", "审查人甲")
    opened.close()
    theirs = store / f"{load_bundle(second).digest}.sqlite"
    theirs.write_bytes((store / f"{bundle.digest}.sqlite").read_bytes())  # copied under the other case's name
    for command in ("scan", "check"):
        result = run_main(command, second, store=store, timeout=TIMEOUT)
        err = no_traceback(result)
        assert result.returncode == 2 and "属于另一份清单" in err, err
    result = _memo(second, store, tmp_path / "m.pdf", identity)
    assert result.returncode == 2 and not (tmp_path / "m.pdf").exists()  # 甲案的决定 never signed for 乙案
    assert theirs.exists()  # someone's review: told, never moved nor replaced


# --- a refused manifest value is quoted short, and the reason given -----------------------------------------
@pytest.mark.parametrize("field, value, said", [
    ("timezone", "A" * 300000, "未知时区"),
    ("prepared_at", "2026-02-30T10:00:00+08:00", "日期、时刻或时区偏移不存在"),
    ("prepared_at", "2026-11-20T10:00:00+25:00", "日期、时刻或时区偏移不存在"),
    ("prepared_at", "0001-01-01T00:00:00+08:00", "须在公元 2 年至 9998 年之间"),
    ("prepared_at", "2026-11-20T10:00:00" + "0" * 300000 + "+08:00", "时间须为带时区偏移的 ISO 8601 格式"),
])
def test_a_refused_manifest_value_is_named_in_one_short_line(tmp_path, field, value, said):
    from tests.hostile_bundle import manifest

    data = manifest()
    data["case"][field] = value
    result = run_main("scan", hostile_bundle(tmp_path, data), store=tmp_path / "store", timeout=TIMEOUT)
    err = no_traceback(result)
    assert result.returncode == 2 and f"$.case.{field}" in err and said in err, err[:500]
    assert len(err) < 1000 and len(err.strip().splitlines()) == 1, len(err)


# --- a content entry called a folder that is a file ---------------------------------------------------------
def test_digests_of_a_file_entered_as_a_folder_are_verified(tmp_path):
    from tests.hostile_bundle import manifest

    data = manifest()
    data["items"][0]["content"][0]["type"] = "directory"  # evidence/E1/a.txt, its md5 still recorded
    root = hostile_bundle(tmp_path, data)
    (root / "evidence" / "E1" / "a.txt").write_bytes(b"changed")
    result = run_main("verify", root, "--json", store=tmp_path / "store", timeout=TIMEOUT)
    no_traceback(result)
    assert result.returncode == 1, result.stdout.decode()[-2000:]  # before: no row for a.txt, all clear, exit 0
    rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert {r["status"] for r in rows if r["path"] == "evidence/E1/a.txt"} == {"mismatch"}, rows


@pytest.mark.parametrize("value, shown", [(None, "null"), ("__NAN__", "NaN"), (["seized_media"], '["seized_media"]')])
def test_a_refused_value_is_shown_as_json_not_python(tmp_path, value, shown):
    from tests.hostile_bundle import manifest

    data = manifest()
    data["items"][0]["kind"] = value
    root = hostile_bundle(tmp_path, data)
    text = (root / "bundle.json").read_text(encoding="utf-8").replace('"__NAN__"', "NaN")
    (root / "bundle.json").write_text(text, encoding="utf-8")
    result = run_main("scan", root, store=tmp_path / "store", timeout=TIMEOUT)
    err = no_traceback(result)
    assert result.returncode == 2 and "$.items[0].kind" in err and f"取值 {shown} 无效" in err, err
    assert "None" not in err and "nan" not in err, err


# --- a digest list of junk lines ----------------------------------------------------------------------------
def test_junk_lines_of_a_digest_list_are_counted_past_a_thousand(tmp_path):
    root = hostile_bundle(tmp_path)
    (root / "evidence" / "E1" / "dir.md5").write_bytes(b"zz\n" * 5000)  # 2 million such lines took minutes, GBs
    result = run_main("verify", root, "--json", store=tmp_path / "store", timeout=TIMEOUT)
    no_traceback(result)
    assert result.returncode == 1
    rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    junk = [r for r in rows if (r.get("recorded_source") or "").startswith("digest_list:")
            and r["status"] == "unreadable"]
    assert len(junk) == 1001, len(junk)
    assert "另有 4,000 行无法识别" in junk[-1]["error"], junk[-1]


# --- an output path that is a symbolic link -----------------------------------------------------------------
def test_memo_out_through_a_symbolic_link_is_refused_not_replaced(tmp_path, identity):
    target = tmp_path / "stdout-file"
    target.write_bytes(b"kept")
    link = tmp_path / "stdout"
    link.symlink_to(target)  # as /dev/stdout -> /proc/self/fd/1 -> a file the shell redirected into
    result = _memo(hostile_bundle(tmp_path), tmp_path / "store", link, identity)
    err = no_traceback(result)
    assert result.returncode == 2 and "符号链接" in err, err
    assert link.is_symlink() and target.read_bytes() == b"kept"  # before: the link itself replaced by the PDF


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="no /proc here")
def test_a_store_folder_where_no_file_can_be_made_is_told_in_chinese(tmp_path):
    result = run_main("scan", hostile_bundle(tmp_path), "--store", "/proc", timeout=TIMEOUT)
    err = no_traceback(result)
    assert result.returncode == 2 and "无法在审查库文件夹建立锁文件" in err and "cannot read" not in err, err
