"""A finding's long file list lives beside its check result (models.store.finding_files, issue 19.12): the facts keep
a sample and a count, the proposal, `check --json` and the memo read every file from the side table, an edit of it
made with sqlite3 is caught before signing, and a store whose facts hold the whole list still proposes the same."""

import io
import json
import pickle
import sqlite3
import tempfile

import pytest

from checks.item_proposal import propose_stored
from checks.outcome import _union
from models.bundle.manifest import load_bundle
from models.store import finding_files, review
from models.store.store import open_store
from models.store.store_schema import migrate_to_6
from tests.benchmarks.bench_check_scale import make_files
from tests.helpers import run_main

FILES = 450  # more than the facts keep (SAMPLE)


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    folder = tmp_path_factory.mktemp("aside")
    root = make_files(folder, FILES)
    store_dir = folder / "store"
    result = run_main("check", root, "--json", store=store_dir)
    assert result.returncode in (0, 1), result.stderr.decode()
    lines = [json.loads(line) for line in result.stdout.decode().splitlines()]
    (folder / "pw").write_text("pw\n")
    made = run_main("identity", "--name", "李某", "--training", "--out", folder / "id.p12", "--passphrase-file",
                    folder / "pw")
    assert made.returncode == 0
    return root, next(store_dir.glob("*.sqlite")), folder, lines


def _copy(store_path, folder):
    copy = folder / "store" / store_path.name
    copy.parent.mkdir()
    with sqlite3.connect(store_path) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    head = store_path.with_name(store_path.name + ".audit-head")
    if head.exists():
        copy.with_name(copy.name + ".audit-head").write_bytes(head.read_bytes())
    return copy


def test_the_facts_keep_a_sample_and_the_side_table_every_file(checked):
    _root, store_path, _folder, lines = checked
    with sqlite3.connect(store_path) as conn:
        facts = json.loads(conn.execute("SELECT facts_json FROM check_results WHERE check_name = "
                                        "'a45_undisplayable'").fetchone()[0])
        stored = [r[0] for r in conn.execute("SELECT path FROM finding_files WHERE check_name = 'a45_undisplayable' "
                                             "AND key = 'files' ORDER BY seq")]
    conn.close()
    assert facts["files_total"] == len(stored) == len(set(stored)) > finding_files.SAMPLE
    assert facts["files"] == stored[:finding_files.SAMPLE]
    printed = next(line for line in lines if line.get("check") == "a45_undisplayable")
    assert printed["facts"]["files"] == stored  # --json prints the check's whole list, as before
    outcome = lines[-1]["outcome"]
    reason = next(r for r in outcome["reasons"] if r["check"] == "a45_undisplayable")
    assert reason["files"] == stored  # the proposal read every file back from the side table, in order
    assert set(stored) <= set(outcome["files"]) and len(outcome["files"]) == len(set(outcome["files"]))


def test_a_store_whose_facts_hold_the_whole_list_proposes_the_same(checked, tmp_path):
    root, store_path, _folder, _lines = checked
    bundle = load_bundle(root)
    item = bundle.items[0]
    store = open_store(bundle, store_path.parent)
    try:
        now = propose_stored(store, item).proposal.to_dict()
        now = dict(now, files=list(now["files"]), reasons=[dict(r, files=list(r["files"])) for r in now["reasons"]])
        conn = store.db.conn
        facts = json.loads(conn.execute("SELECT facts_json FROM check_results WHERE check_name = "
                                        "'a45_undisplayable'").fetchone()[0])
        whole = finding_files.whole(finding_files.attach(conn, item["id"], "a45_undisplayable", facts))
        assert "files_total" not in whole and len(whole["files"]) == facts["files_total"]
        records = [dict(r, facts=whole) if r["check_name"] == "a45_undisplayable" else r
                   for r in review.load_check_results(store, item["id"])]
        before = propose_stored(store, item, records=records).proposal.to_dict()  # the shape stores held before
        assert before == now and len(before["files"]) >= facts["files_total"]
        from ui.review.outcome_box import proposal_for  # the window's overview: the same list, from the store

        shown = proposal_for(item, review.load_check_results(store, item["id"]), store=store)
        assert shown.proposal == now["proposal"] and list(shown.files) == now["files"]
    finally:
        store.close()


@pytest.mark.parametrize("edit", [
    "DELETE FROM finding_files WHERE rowid = (SELECT MAX(rowid) FROM finding_files)",
    "UPDATE finding_files SET path = 'evidence/E1/其他.bin' WHERE rowid = (SELECT MIN(rowid) FROM finding_files)",
])
def test_an_edit_of_the_side_table_is_not_signed(checked, tmp_path, edit):
    root, store_path, folder, _lines = checked
    copy = _copy(store_path, tmp_path)
    with sqlite3.connect(copy) as conn:
        assert conn.execute(edit).rowcount == 1
    conn.close()
    result = run_main("memo", root, "--identity", folder / "id.p12", "--passphrase-file", folder / "pw", "--out",
                      tmp_path / "m.pdf", "--no-examine", store=copy.parent)
    err = result.stderr.decode()
    assert result.returncode == 2 and "在程序之外被改动" in err and "内部错误" not in err, err
    assert not (tmp_path / "m.pdf").exists()


def test_the_memo_signs_an_untouched_side_table(checked, tmp_path):
    root, store_path, folder, _lines = checked
    copy = _copy(store_path, tmp_path)
    result = run_main("memo", root, "--identity", folder / "id.p12", "--passphrase-file", folder / "pw", "--out",
                      tmp_path / "m.pdf", "--no-examine", store=copy.parent)
    assert result.returncode == 0, result.stderr.decode()


def _side(lists: dict) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    migrate_to_6(conn)
    for name, paths in lists.items():
        kept, aside = finding_files.set_aside({"files": paths})
        finding_files.write_aside(conn, "E1", name, kept, aside)
    return conn


def test_a_union_with_side_table_lists_keeps_the_order_first_named():
    big = [f"evidence/{n % 300}" for n in range(600)]  # repeats: each once, where first named
    other = [f"evidence/{n}" for n in range(250, 560, 3)]
    conn = _side({"a": big, "b": other})
    stored = [finding_files.StoredFiles(conn, "E1", "a"), finding_files.StoredFiles(conn, "E1", "b")]
    assert len(stored[0]) == 300 and "evidence/299" in stored[0] and "evidence/300" not in stored[0]
    small = ["evidence/x", "evidence/5", "evidence/x", "evidence/400"]
    for lists in ([small, stored[0]], [stored[0], small], [stored[0], small, stored[1]], [stored[1], stored[0]],
                  [[], stored[0]]):
        plain = [list(files) for files in lists]
        assert list(_union(lists)) == list(dict.fromkeys(p for files in plain for p in files))
        assert len(_union(lists)) == len(dict.fromkeys(p for files in plain for p in files))


def test_a_checks_list_spills_to_a_file_and_reads_back_whole():
    paths = [f"evidence/E1/d{n // 1000:04}/名字{n:07}\udcff.bin" for n in range(40_000)]  # > 1 MB: on disk
    kept = finding_files.PathList(paths)
    assert not isinstance(kept._file, io.BytesIO) and len(kept) == len(paths)
    assert list(kept) == paths and kept == paths and kept[:3] == paths[:3] and kept[-1] == paths[-1]
    assert pickle.loads(pickle.dumps(kept)) == paths
    kept.append("evidence/last")
    assert list(kept)[-2:] == [paths[-1], "evidence/last"]


def test_a_checks_list_stays_in_memory_where_no_temporary_file_can_be_made(monkeypatch, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    monkeypatch.setattr(tempfile, "tempdir", str(locked / "gone"))  # a folder that is not there: no file made
    paths = [f"evidence/{n:07}.bin" for n in range(60_000)]
    kept = finding_files.PathList(paths)
    assert isinstance(kept._file, io.BytesIO) and list(kept) == paths
