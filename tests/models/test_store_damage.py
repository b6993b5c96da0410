"""A damaged review store is kept aside with its WAL, the reviewer told where, and a fresh review started;
random corruption of the file never ends in an internal error."""

import contextlib
import io
import random
import sqlite3

import main
from models.store import review
from models.store.store import open_store
from tests.checks.contract import make_bundle
from tests.helpers import run_main

CORRUPTIONS = 80  # random 20-byte overwrites of one store copy each


def _filled_store(tmp_path, decisions=5):
    bundle = make_bundle(tmp_path / "bundle", [{"id": "E1", "kind": "obtained"}])
    store = open_store(bundle, tmp_path / "store")
    for n in range(decisions):
        review.decide(store, "E1", f"a3{n}_x", "confirm", "李某", note="一致" * 40)
    return bundle, store


def test_empty_store_is_kept_aside_and_said(tmp_path):
    bundle, store = _filled_store(tmp_path)
    path = store.path
    store.close()
    path.write_bytes(b"")
    path.with_name(path.name + "-wal").write_bytes(b"w" * 10)
    fresh = open_store(bundle, tmp_path / "store")
    aside = sorted(path.parent.glob(path.name + ".damaged-*"))
    assert [p.name.rsplit("-", 1)[-1] for p in aside if p.name.endswith("-wal")] == ["wal"]
    assert fresh.replaced and str(aside[0]) in fresh.replaced and "0 字节" in fresh.replaced
    assert review.load_decisions(fresh) == [] and fresh.db.execute("PRAGMA quick_check").fetchone()[0] == "ok"


def test_cut_store_is_kept_aside(tmp_path):
    bundle, store = _filled_store(tmp_path, decisions=40)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    path = store.path
    store.close()
    data = path.read_bytes()
    path.write_bytes(data[:-1000])
    fresh = open_store(bundle, tmp_path / "store")
    assert fresh.replaced and "已保留" in fresh.replaced
    kept = min(path.parent.glob(path.name + ".damaged-*"), key=lambda p: len(p.name))  # not its side files
    assert kept.read_bytes() == data[:-1000]
    assert kept.with_name(kept.name + ".audit-head").is_file()  # the audit anchor moved along


def test_intact_store_is_reused_without_a_word(tmp_path):
    bundle, store = _filled_store(tmp_path)
    store.close()
    again = open_store(bundle, tmp_path / "store")
    assert again.replaced is None and len(review.load_decisions(again)) == 5


def test_cli_says_where_the_damaged_store_went(make_bundle, tmp_path):
    root = make_bundle.clean()
    store_dir = tmp_path / "store"
    assert run_main("scan", root, store=store_dir).returncode == 0
    path = next(store_dir.glob("*.sqlite"))
    for side in store_dir.glob("*.sqlite-*"):
        side.unlink()
    path.write_bytes(b"")
    result = run_main("scan", root, store=store_dir)
    err = result.stderr.decode()
    assert result.returncode == 0, err
    assert "审查库已损坏" in err and ".damaged-" in err and "内部错误" not in err


def _run(*argv) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main.main([*map(str, argv)])
    return code, err.getvalue()


def test_random_corruption_never_ends_in_an_internal_error(make_bundle, tmp_path):
    root = make_bundle.clean()
    store_dir = tmp_path / "store"
    assert _run("check", root, "--store", store_dir)[0] in (0, 1)
    path = next(store_dir.glob("*.sqlite"))
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    template = path.read_bytes()
    rng = random.Random(19)
    trials = [(rng.randrange(len(template) - 20), rng.randbytes(20)) for _ in range(CORRUPTIONS)]
    trials.append((len(template) - 1000, None))  # the last 1,000 bytes cut off
    said = 0
    for offset, noise in trials:
        for old in store_dir.iterdir():
            old.unlink()
        path.write_bytes(template[:offset] + noise + template[offset + 20:] if noise else template[:offset])
        code, err = _run("check", root, "--store", store_dir)
        assert "内部错误" not in err and "internal error" not in err, (offset, err[-400:])
        assert code in (0, 1, 2), (offset, err[-400:])
        said += "审查库" in err
        if noise is None:
            assert "审查库已损坏" in err and list(store_dir.glob("*.damaged-*")), err[-400:]
    assert said >= 5  # corruption of the b-tree is found and said, not only content changes left unseen


def test_a_store_we_may_not_write_is_refused_not_moved(tmp_path, monkeypatch):
    import pytest

    from models.store.guards import store_damage

    bundle, store = _filled_store(tmp_path)
    store.close()
    monkeypatch.setattr(store_damage.os, "access", lambda *_a: False)  # root passes any mode bits: the answer
    with pytest.raises(PermissionError):  # a non-root reviewer gets for a store of another user
        open_store(bundle, tmp_path / "store")
    assert store.path.is_file() and not list(store.path.parent.glob("*.damaged-*"))
