"""The verification records and check results a memo signs are sealed by their writers: a status edited with a
database tool is caught before signing; the program's own rewrites (a whole run, an item at a time, rowids
reused) keep the seal true; a store from before seals is not accused."""

import random
import sqlite3

import pytest

from models.bundle.manifest import load_bundle
from models.integrity.verify import save_results
from models.store import records_seal, review
from models.store.store import open_store
from tests.helpers import run_main


@pytest.fixture(scope="module")
def checked(make_bundle_module, tmp_path_factory):
    root = make_bundle_module.clean()
    store_dir = tmp_path_factory.mktemp("seal") / "store"
    assert run_main("check", root, store=store_dir).returncode in (0, 1)
    tmp = store_dir.parent
    (tmp / "pw").write_text("pw\n")
    made = run_main("identity", "--name", "李某", "--out", tmp / "id.p12", "--passphrase-file", tmp / "pw")
    assert made.returncode == 0
    return root, next(store_dir.glob("*.sqlite")), tmp


@pytest.fixture(scope="module")
def make_bundle_module(tmp_path_factory):
    from tests.factory import BundleFactory

    return BundleFactory(tmp_path_factory.mktemp("bundle"))


def _memo(root, store_path, tmp, name):
    return run_main("memo", root, "--identity", tmp / "id.p12", "--passphrase-file", tmp / "pw", "--out",
                    tmp / f"{name}.pdf", "--no-examine", store=store_path.parent)


@pytest.mark.parametrize("edit", [
    "UPDATE verification SET status = CASE status WHEN 'match' THEN 'mismatch' ELSE 'match' END, computed = recorded "
    "WHERE id = (SELECT MIN(id) FROM verification)",
    "DELETE FROM verification WHERE id = (SELECT MAX(id) FROM verification)",
    "UPDATE check_results SET status = CASE status WHEN 'pass' THEN 'fail' ELSE 'pass' END "
    "WHERE rowid = (SELECT MIN(rowid) FROM check_results)",
])
def test_a_record_edited_with_a_database_tool_is_not_signed(checked, tmp_path, edit):
    root, store_path, tmp = checked
    copy = tmp_path / "store" / store_path.name
    copy.parent.mkdir()
    with sqlite3.connect(store_path) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    for side in (".audit-head",):
        if store_path.with_name(store_path.name + side).exists():
            copy.with_name(copy.name + side).write_bytes(store_path.with_name(store_path.name + side).read_bytes())
    with sqlite3.connect(copy) as conn:
        assert conn.execute(edit).rowcount == 1
    conn.close()
    result = run_main("memo", root, "--identity", tmp / "id.p12", "--passphrase-file", tmp / "pw", "--out",
                      tmp_path / "m.pdf", "--no-examine", store=copy.parent)
    err = result.stderr.decode()
    assert result.returncode == 2 and "在程序之外被改动" in err and "内部错误" not in err, err
    assert not (tmp_path / "m.pdf").exists()


def test_an_untouched_store_is_signed(checked):
    root, store_path, tmp = checked
    result = _memo(root, store_path, tmp, "intact")
    assert result.returncode == 0, result.stderr.decode()


def test_the_programs_own_rewrites_keep_the_seal(make_bundle, tmp_path):
    bundle = load_bundle(make_bundle.clean())
    store = open_store(bundle, tmp_path / "store")
    rng = random.Random(19)
    rows = lambda item, n: [{"item": item, "path": f"evidence/{item}/{k}", "algorithm": "sha256",  # noqa: E731
                             "recorded": "ab" * 32, "computed": rng.choice(["ab" * 32, "cd" * 32]),
                             "status": rng.choice(["match", "mismatch"])} for k in range(n)]
    save_results(store, rows("E1", 5) + rows("E2", 3))
    for _ in range(40):  # items rewritten one at a time, highest rowids freed and reused
        item = rng.choice(["E1", "E2", "E3"])
        save_results(store, rows(item, rng.randrange(0, 6)), items=[item])
        review.save_check_results(store, item, [])
    assert records_seal.problems(store.db) == []
    store.db.conn.execute("DELETE FROM meta WHERE key LIKE 'seal.%'")  # a store from before seals
    store.db.conn.commit()
    assert records_seal.problems(store.db) == []
    save_results(store, rows("E1", 2), items=["E1"])  # its first sealed write starts from what it holds
    assert records_seal.problems(store.db) == []
    save_results(store, [{"item": "E9", "path": "evidence/E9/x", "algorithm": "sha256", "recorded": "ab" * 32,
                          "computed": "cd" * 32, "status": "mismatch"}], items=["E9"])
    assert records_seal.problems(store.db) == []
    store.db.conn.execute("UPDATE verification SET status = 'match' WHERE item = 'E9'")
    store.db.conn.commit()
    assert records_seal.problems(store.db)


@pytest.mark.parametrize("sealed", [True, False])
def test_a_damaged_row_is_rewritten_not_a_dead_end(make_bundle, tmp_path, sealed):
    root = make_bundle.clean()
    store_dir = tmp_path / "store"
    assert run_main("check", root, store=store_dir).returncode in (0, 1)
    path = next(store_dir.glob("*.sqlite"))
    with sqlite3.connect(path) as conn:
        if not sealed:
            conn.execute("DELETE FROM meta WHERE key LIKE 'seal.%'")  # a store from before seals
        conn.execute("UPDATE check_results SET facts_json = CAST(X'7b22ff22' AS TEXT) "  # not UTF-8, as a bad sector
                     "WHERE rowid = (SELECT MIN(rowid) FROM check_results)")
    conn.close()
    again = run_main("check", root, store=store_dir)  # reads the item's rows to take them out of the seal
    assert again.returncode in (0, 1), again.stderr.decode()[-300:]


def test_a_fresh_check_seals_its_own_results_again(checked, tmp_path):
    """A check result edited outside the program, then a whole check: its rows replace the edited one, and the
    memo signs again (it stayed refused until a whole-case verify)."""
    root, store_path, tmp = checked
    copy = tmp_path / "store" / store_path.name
    copy.parent.mkdir()
    with sqlite3.connect(store_path) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    copy.with_name(copy.name + ".audit-head").write_bytes(
        store_path.with_name(store_path.name + ".audit-head").read_bytes())
    with sqlite3.connect(copy) as conn:
        conn.execute("UPDATE check_results SET status = CASE status WHEN 'pass' THEN 'fail' ELSE 'pass' END "
                     "WHERE rowid = (SELECT MIN(rowid) FROM check_results)")
    conn.close()
    def memo(name):
        return run_main("memo", root, "--identity", tmp / "id.p12", "--passphrase-file", tmp / "pw", "--out",
                        tmp_path / f"{name}.pdf", "--no-examine", store=copy.parent)

    refused = memo("refused")
    assert refused.returncode == 2 and "在程序之外被改动" in refused.stderr.decode()
    again = run_main("check", root, "--no-verify", store=copy.parent)
    assert again.returncode in (0, 1), again.stderr.decode()[-300:]
    signed = memo("signed")
    assert signed.returncode == 0, signed.stderr.decode()[-400:]


def test_a_run_seals_only_what_it_wrote(make_bundle, tmp_path):
    """Rows of an item the run did not write keep the seal as it was, and an edit made to them stays found."""
    from models.store.audit import transaction

    store = open_store(load_bundle(make_bundle.clean()), tmp_path / "store")
    for item in ("E1", "E2"):
        review.save_check_results(store, item, [("a30_x", {"status": "pass", "message": item})])
    store.db.conn.execute("UPDATE check_results SET status = 'fail' WHERE item = 'E2'")
    store.db.conn.commit()
    assert records_seal.problems(store.db)
    run = review.check_run()
    with transaction(store.db) as conn:
        review.save_check_results(store, "E1", [("a30_x", {"status": "pass", "message": "again"})], run)
        assert run.reseal(conn) is False
    assert records_seal.problems(store.db)
    run = review.check_run()
    with transaction(store.db) as conn:
        for item in ("E1", "E2"):
            review.save_check_results(store, item, [("a30_x", {"status": "pass", "message": "again"})], run)
        assert run.reseal(conn) is True
    assert records_seal.problems(store.db) == []
