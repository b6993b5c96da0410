"""What the memo signs beyond decisions, outcomes and tags: the reviewer's form corrections, and the anchor's
absence once the store was anchored; an edit made while `memo` examines is caught before it signs."""

import argparse
import sqlite3

import pytest

from models.bundle.manifest import load_bundle
from models.cli import memo_cmd
from models.memo.identity import make_identity
from models.store import audit_guard, review
from models.store.audit_guard import AuditError
from models.store.overrides import set_category_override
from models.store.store import open_store


@pytest.fixture
def case(make_bundle, tmp_path):
    root = make_bundle.clean()
    bundle = load_bundle(root)
    store = open_store(bundle, tmp_path / "store")
    review.decide(store, "E1", "a30_clause", "confirm", "李某", note="一致")
    set_category_override(store, "evidence/a.txt", "27.7", "李某", reason="聊天记录")
    set_category_override(store, "evidence/b.txt", "27.7", "李某", reason="聊天记录")
    path = store.path
    store.close()
    return root, bundle, path


def _status(bundle, path):
    store = open_store(bundle, path.parent)
    try:
        return audit_guard.check(store.db)
    finally:
        store.close()


def _sql(path, statement):
    with sqlite3.connect(path) as conn:
        conn.execute(statement)
    conn.close()


def test_untouched_corrections_hold(case):
    _root, bundle, path = case
    assert _status(bundle, path).ok


@pytest.mark.parametrize("edit", ["UPDATE category_overrides SET category = '27.1' WHERE path = 'evidence/a.txt'",
                                  "DELETE FROM category_overrides WHERE path = 'evidence/b.txt'",
                                  "INSERT INTO category_overrides VALUES ('evidence/c.txt', '27.3', '李某', 'x')"])
def test_a_form_correction_edited_outside_the_program_is_caught(case, edit):
    _root, bundle, path = case
    _sql(path, edit)
    status = _status(bundle, path)
    assert not status.ok and "文件类别更正" in status.problem


def test_a_removed_anchor_is_caught_once_the_store_was_anchored(case):
    _root, bundle, path = case
    path.with_name(path.name + ".audit-head").unlink()
    status = _status(bundle, path)
    assert not status.ok and "锚点" in status.problem and "缺失" in status.problem


def test_an_edit_while_memo_examines_is_caught_before_it_signs(case, tmp_path):
    root, _bundle, path = case
    make_identity("李某", tmp_path / "id.p12", b"pw")
    (tmp_path / "pw").write_text("pw\n")
    out = tmp_path / "memo.pdf"
    args = argparse.Namespace(path=str(root), identity=str(tmp_path / "id.p12"), passphrase_file=str(tmp_path / "pw"),
                              out=str(out), reviewer=None, reviewer_title=None, unit=None, document_number=None,
                              english=False, store=str(path.parent), no_examine=False)

    def examine(_bundle, _store):  # another hand edits the table while the memo's examination runs
        _sql(path, "UPDATE decisions SET note = '改过' WHERE check_name = 'a30_clause'")

    with pytest.raises(AuditError):
        memo_cmd.run_memo(args, examine=examine, needs=lambda _store: True)
    assert not out.exists()
