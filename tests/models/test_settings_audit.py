"""The E01 header code page and the memo's document number, kept in the store's meta, are audited like decisions
(models/store/guards/settings_audit.py): an sqlite3 edit of either is a finding, and nothing is signed from it."""

import sqlite3

import pytest

from models.bundle.manifest import load_bundle
from models.image.disk import codepages
from models.memo.memo_data import DOCUMENT_NUMBER_KEY, remember_document_number
from models.store import audit, audit_guard
from models.store.guards import settings_audit
from models.store.store import open_store


def test_the_keys_are_those_the_program_keeps():
    assert set(settings_audit.KEYS) == {DOCUMENT_NUMBER_KEY, codepages.STORE_KEY}


def _edit(path, key, value):
    with sqlite3.connect(path) as conn:
        assert conn.execute("UPDATE meta SET value = ? WHERE key = ?", [value, key]).rowcount == 1
    conn.close()


@pytest.mark.parametrize("key, value, words", [
    (codepages.STORE_KEY, "windows-1252", "E01 文件头代码页"),
    (DOCUMENT_NUMBER_KEY, "京检电审〔2099〕9号", "文书编号"),
])
def test_a_setting_edited_outside_the_program_is_caught(make_bundle, tmp_path, key, value, words):
    bundle = load_bundle(make_bundle.clean())
    store = open_store(bundle, tmp_path / "store")
    codepages.remember(store, "windows-936", "李某")
    remember_document_number(store, "京检电审〔2026〕1号", "李某")
    assert audit_guard.check(store.db).ok
    entries = [e for e in audit.load_entries(store.db) if e["action"] == settings_audit.ACTION]
    assert [e["payload"]["key"] for e in entries] == [codepages.STORE_KEY, DOCUMENT_NUMBER_KEY]
    remember_document_number(store, "京检电审〔2026〕1号", "李某")  # the same again: no second entry
    assert len([e for e in audit.load_entries(store.db) if e["action"] == settings_audit.ACTION]) == 2
    path = store.path
    store.close()
    _edit(path, key, value)
    store = open_store(bundle, path.parent)
    status = audit_guard.check(store.db)
    assert not status.ok and words in status.problem, status
    with pytest.raises(audit_guard.AuditError):
        audit_guard.require_intact(store.db)
    store.close()


def test_a_setting_kept_before_auditing_is_adopted_once(make_bundle, tmp_path):
    bundle = load_bundle(make_bundle.clean())
    store = open_store(bundle, tmp_path / "store")
    store.set_meta(DOCUMENT_NUMBER_KEY, "京检电审〔2026〕7号")  # as an older program kept it: no entry
    path = store.path
    store.close()
    store = open_store(bundle, path.parent)
    assert audit_guard.check(store.db).ok
    adopted = [e["payload"] for e in audit.load_entries(store.db) if e["action"] == settings_audit.ACTION]
    assert adopted == [{"key": DOCUMENT_NUMBER_KEY, "value": "京检电审〔2026〕7号", "adopted": True}]
    store.close()
    _edit(path, DOCUMENT_NUMBER_KEY, "京检电审〔2026〕8号")
    store = open_store(bundle, path.parent)
    assert not audit_guard.check(store.db).ok
    store.close()
