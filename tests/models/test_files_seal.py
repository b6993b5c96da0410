"""The inventory the memo counts (files: paths, sizes, times, forms) is sealed by triggers: an sqlite3 edit of
files.category changed the memo's counts unnoticed (before); now a database tool cannot edit the table without
dropping the triggers, and an edit made so is caught before signing. The program's own writes keep the seal, and
a store from before the seal starts it afresh, said in the audit."""

import os
import sqlite3

import pytest

from models.bundle.manifest import load_bundle
from models.inventory.scan import scan_bundle
from models.inventory.typing_pass import fill_types
from models.store import audit
from models.store.guards import files_seal
from models.store.overrides import clear_category_override, set_category_override
from models.store.store import open_store
from tests.helpers import run_main


@pytest.fixture(scope="module")
def scanned(tmp_path_factory):
    from tests.factory import BundleFactory

    root = BundleFactory(tmp_path_factory.mktemp("bundle")).clean()
    store_dir = tmp_path_factory.mktemp("seal") / "store"
    assert run_main("check", root, store=store_dir).returncode in (0, 1)
    return root, next(store_dir.glob("*.sqlite"))


def _copy(store_path, tmp_path):
    copy = tmp_path / "store" / store_path.name
    copy.parent.mkdir()
    with sqlite3.connect(store_path) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    source.close()
    target.close()
    anchor = store_path.with_name(store_path.name + ".audit-head")
    if anchor.exists():
        copy.with_name(copy.name + ".audit-head").write_bytes(anchor.read_bytes())
    return copy


def _edit(copy, *statements) -> None:
    conn = sqlite3.connect(copy)
    with conn:
        for statement in statements:
            conn.execute(statement)
    conn.close()


def _memo(root, copy, tmp_path, identity):
    return run_main("memo", root, "--identity", identity[0], "--passphrase-file", identity[1], "--out",
                    tmp_path / "m.pdf", "--no-examine", store=copy.parent)


def test_a_database_tool_cannot_edit_the_inventory(scanned, tmp_path):
    copy = _copy(scanned[1], tmp_path)
    with pytest.raises(sqlite3.OperationalError, match=files_seal.FUNCTION):
        _edit(copy, "UPDATE files SET category = '27.7' WHERE id = (SELECT MIN(id) FROM files)")


@pytest.mark.parametrize("edit", [
    "UPDATE files SET category = '27.1' WHERE id = (SELECT MIN(id) FROM files WHERE category = '27.7')",
    "UPDATE files SET size = size + 1 WHERE id = (SELECT MIN(id) FROM files WHERE kind = 'file')",
    "UPDATE files SET modified_ns = 0 WHERE id = (SELECT MAX(id) FROM files)",
    "DELETE FROM files WHERE id = (SELECT MAX(id) FROM files WHERE kind = 'file')",
])
def test_an_inventory_edited_with_the_triggers_dropped_is_not_signed(scanned, tmp_path, training_identity, edit):
    root, store_path = scanned
    copy = _copy(store_path, tmp_path)
    _edit(copy, *(f"DROP TRIGGER {name}" for name in files_seal.TRIGGERS), edit)
    result = _memo(root, copy, tmp_path, training_identity)
    err = result.stderr.decode()
    assert result.returncode == 2 and "文件清单在程序之外被改动" in err and "内部错误" not in err, err
    assert not (tmp_path / "m.pdf").exists()


def test_triggers_dropped_without_an_edit_are_put_back(scanned, tmp_path, training_identity):
    root, store_path = scanned
    copy = _copy(store_path, tmp_path)
    _edit(copy, *(f"DROP TRIGGER {name}" for name in files_seal.TRIGGERS))
    result = _memo(root, copy, tmp_path, training_identity)
    assert result.returncode == 0, result.stderr.decode()[-400:]
    with sqlite3.connect(copy) as conn:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    conn.close()
    assert names >= set(files_seal.TRIGGERS)


def test_a_seal_removed_while_the_triggers_stand_is_caught(scanned, tmp_path, training_identity):
    root, store_path = scanned
    copy = _copy(store_path, tmp_path)
    _edit(copy, f"DELETE FROM meta WHERE key = '{files_seal.KEY}'")
    result = _memo(root, copy, tmp_path, training_identity)
    assert result.returncode == 2 and "文件清单在程序之外被改动" in result.stderr.decode()


def test_the_programs_own_writes_keep_the_seal(make_bundle, tmp_path):
    root = make_bundle.clean()
    bundle = load_bundle(root)
    store = open_store(bundle, tmp_path / "store")
    scan_bundle(bundle, store)
    fill_types(bundle, store, workers=1, mode="thread")
    assert files_seal.problems(store.db) == []
    path = store.db.execute("SELECT path FROM files WHERE kind = 'file' ORDER BY id LIMIT 1").fetchone()[0]
    set_category_override(store, path, "27.7", "李某")
    clear_category_override(store, path, "李某")
    assert files_seal.problems(store.db) == []
    files = sorted(p for p in (root / "evidence").rglob("*") if p.is_file())
    files[0].write_bytes(files[0].read_bytes() + b"grown")  # a rescan updates, inserts and deletes rows
    os.utime(files[0], ns=(0, 10 ** 18))
    files[1].unlink()
    (files[2].parent / "new.txt").write_text("新增")
    scan_bundle(bundle, store)
    fill_types(bundle, store, workers=1, mode="thread")
    assert files_seal.problems(store.db) == []
    store.db.conn.execute("INSERT OR REPLACE INTO files(path, kind) VALUES (?, 'file')", [path])  # a replace
    store.db.conn.commit()
    assert files_seal.problems(store.db) == []
    store.close()


def test_a_store_from_before_the_seal_starts_it_in_the_audit(scanned, tmp_path, training_identity):
    root, store_path = scanned
    copy = _copy(store_path, tmp_path)
    _edit(copy, *(f"DROP TRIGGER {name}" for name in files_seal.TRIGGERS),
          f"DELETE FROM meta WHERE key = '{files_seal.KEY}'")
    result = _memo(root, copy, tmp_path, training_identity)
    assert result.returncode == 0, result.stderr.decode()[-400:]
    store = open_store(load_bundle(root), copy.parent)
    started = list(audit.iter_payloads(store.db, files_seal.ACTION))
    count = store.db.execute("SELECT COUNT(*) FROM files").fetchone()[0]
    assert len(started) == 1 and started[0]["rows"] == count > 0 and "开始封存" in started[0]["reason"]
    assert files_seal.problems(store.db) == []
    store.close()
