"""The audit protects the decisions: tables edited outside the program, the last entries cut off, or another
copy of the store put back are caught (models.store.audit_guard) and nothing is signed from such a store."""

import re
import shutil
import sqlite3

import pytest

from models.bundle.manifest import load_bundle
from models.store import audit, audit_guard, review
from models.store.store import open_store
from tests.helpers import run_main


def _review(store, n=3):
    for k in range(n):
        review.decide(store, "E1", f"a3{k}_clause", "confirm", "李某", note=f"一致 {k}")
    review.set_outcome(store, "E1", "admissible", "43", "无瑕疵", ["无"], "李某")
    review.tag(store, "evidence/a.txt", "objective_act", "聊天", "李某")
    review.tag(store, "evidence/b.txt", "objective_act", "聊天", "李某")
    review.untag(store, "evidence/b.txt", "objective_act", "李某")


@pytest.fixture
def case(make_bundle, tmp_path):
    root = make_bundle.clean()
    bundle = load_bundle(root)
    store = open_store(bundle, tmp_path / "store")
    _review(store)
    path = store.path
    store.close()
    return root, bundle, path


def _sql(path, *statements):
    with sqlite3.connect(path) as conn:
        for statement in statements:
            conn.execute(statement)
    conn.close()


def _status(bundle, path):
    store = open_store(bundle, path.parent)
    try:
        return audit_guard.check(store.db)
    finally:
        store.close()


def test_an_untouched_review_holds_and_is_anchored(case):
    _root, bundle, path = case
    status = _status(bundle, path)
    assert status.ok and status.count == 7
    assert audit.canonical({"seq": 7, "digest": status.head_digest}) == (
        path.with_name(path.name + ".audit-head").read_text())


@pytest.mark.parametrize("edit, where", [
    ("UPDATE decisions SET decision = 'override', reason = 'x' WHERE check_name = 'a31_clause'", "审查决定"),
    ("UPDATE outcomes SET outcome = 'excluded'", "审查结论"),
    ("DELETE FROM decisions WHERE check_name = 'a30_clause'", "审查决定"),
    ("INSERT INTO decisions(item, check_name, decision, reviewer) VALUES ('E1', 'a99_x', 'confirm', '李某')",
     "审查决定"),
    ("INSERT INTO tags(path, heading, note, reviewer) VALUES ('evidence/b.txt', 'objective_act', '', '李某')",
     "关联标记"),
])
def test_a_table_edited_outside_the_program_is_caught(case, edit, where):
    _root, bundle, path = case
    _sql(path, edit)
    status = _status(bundle, path)
    assert not status.ok and where in status.problem
    assert not re.search(r"\b(decisions|outcomes|tags)\b", status.problem)  # the words, never the table


def test_cutting_the_last_entries_is_caught(case):
    _root, bundle, path = case
    _sql(path, "DELETE FROM audit WHERE seq > 5", "DELETE FROM tags")  # the chain itself still verifies
    status = _status(bundle, path)
    assert not status.ok and "缺少 2 条" in status.problem


def test_another_copy_put_back_is_caught(case, tmp_path):
    _root, bundle, path = case
    other = tmp_path / "copy"
    other.mkdir()
    for side in ("", "-wal", "-shm"):
        if path.with_name(path.name + side).exists():
            shutil.copy2(path.with_name(path.name + side), other / (path.name + side))
    store = open_store(bundle, path.parent)
    review.decide(store, "E1", "a40_clause", "confirm", "李某")
    store.close()
    copy = open_store(bundle, other)
    review.decide(copy, "E1", "a41_clause", "override", "王某", reason="另一副本")
    copy.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    copy.close()
    for side in ("-wal", "-shm"):
        path.with_name(path.name + side).unlink(missing_ok=True)
    shutil.copy2(other / path.name, path)
    status = _status(bundle, path)
    assert not status.ok and "第 8 条" in status.problem


def test_an_anchor_behind_by_a_crash_catches_up(case):
    _root, bundle, path = case
    store = open_store(bundle, path.parent)
    sixth = store.db.execute("SELECT digest FROM audit WHERE seq = 6").fetchone()[0]
    store.close()
    path.with_name(path.name + ".audit-head").write_text(audit.canonical({"seq": 6, "digest": sixth}))
    assert _status(bundle, path).ok
    assert '"seq":7' in path.with_name(path.name + ".audit-head").read_text()


def test_memo_refuses_a_doubtful_store(case, tmp_path):
    root, _bundle, path = case
    _sql(path, "UPDATE decisions SET note = '改过' WHERE check_name = 'a30_clause'")
    (tmp_path / "pw").write_text("pw\n")
    assert run_main("identity", "--name", "李某", "--out", tmp_path / "id.p12",
                    "--passphrase-file", tmp_path / "pw").returncode == 0
    result = run_main("memo", root, "--identity", tmp_path / "id.p12", "--passphrase-file", tmp_path / "pw",
                      "--out", tmp_path / "memo.pdf", store=path.parent)
    err = result.stderr.decode()
    assert result.returncode == 2 and "审计日志校验失败" in err and "审查决定" in err, err
    assert "decisions" not in err
    assert "Traceback" not in err and not (tmp_path / "memo.pdf").exists()
    check = run_main("check", root, store=path.parent)  # other commands go on, and say it
    assert check.returncode in (0, 1) and "审计日志校验失败" in check.stderr.decode()
