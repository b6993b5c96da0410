"""A store whose rows hold text that is not UTF-8 passes quick_check but is damage all the same: the command
that meets it keeps the store aside with its side files, says where, and the next run starts afresh."""

import sqlite3

import pytest

from models.bundle.manifest import load_bundle
from models.store import review
from models.store.store import open_store
from tests.helpers import run_main

MARK = b"marker-note-1"


@pytest.fixture(scope="module")
def damaged(tmp_path_factory):
    """(bundle root, store folder, {file name: bytes}) of a checked store with 3 decisions, one note's first
    byte overwritten with 0xff in the file (its audit copy too)."""
    from tests.factory import BundleFactory

    tmp = tmp_path_factory.mktemp("rows")
    root = BundleFactory(tmp).clean()
    store_dir = tmp / "store"
    assert run_main("check", root, store=store_dir).returncode in (0, 1)
    store = open_store(load_bundle(root), store_dir)
    for n in range(3):
        review.decide(store, "E1", f"a3{n}_x", "confirm", "李某", note=f"marker-note-{n}")
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    path = store.path
    store.close()
    data = path.read_bytes()
    assert MARK in data
    path.write_bytes(data.replace(MARK, b"\xff" + MARK[1:]))
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"  # not found on open: met by a command
    conn.close()
    files = {p.name: p.read_bytes() for p in store_dir.iterdir() if p.is_file()}
    return root, store_dir, files


@pytest.mark.parametrize("command", ["scan", "check", "verify", "memo"])
def test_undecodable_rows_are_kept_aside_and_said(damaged, training_identity, tmp_path, command):
    root, _store_dir, files = damaged
    store_dir = tmp_path / "store"
    store_dir.mkdir()
    for name, data in files.items():
        (store_dir / name).write_bytes(data)
    extra = []
    if command == "memo":
        p12, passphrase = training_identity
        extra = ["--identity", p12, "--passphrase-file", passphrase, "--out", tmp_path / "m.pdf"]
    result = run_main(command, root, *extra, store=store_dir)
    err = result.stderr.decode()
    assert "内部错误" not in err and "Traceback" not in err, err[-600:]
    assert result.returncode == 2 and "审查库已损坏" in err and "无法解码" in err and "重新运行" in err, err[-600:]
    kept = min(store_dir.glob("*.sqlite.damaged-*"), key=lambda p: len(p.name))
    assert str(kept) in err and kept.with_name(kept.name + ".audit-head").is_file()
    assert not list(store_dir.glob("*.sqlite"))
    conn = sqlite3.connect(kept)
    conn.text_factory = bytes
    assert conn.execute("SELECT count(*) FROM decisions").fetchone()[0] == 3  # the decisions are in the kept copy
    conn.close()
    again = run_main("scan", root, store=store_dir)
    assert again.returncode == 0, again.stderr.decode()[-600:]
    assert len(list(store_dir.glob("*.sqlite"))) == 1 and len(list(store_dir.glob("*.sqlite.damaged-*"))) >= 1


def test_a_decode_failure_elsewhere_moves_no_good_store(tmp_path):
    from models.store import store_rows
    from tests.checks.contract import make_bundle

    store = open_store(make_bundle(tmp_path / "bundle", [{"id": "E1", "kind": "obtained"}]), tmp_path / "store")
    review.decide(store, "E1", "a30_x", "confirm", "李某")
    error = sqlite3.OperationalError("Could not decode to UTF-8 column 'x' with text 'a'")  # an evidence database's
    assert store_rows.set_aside_if_undecodable(error) is None
    assert store.path.is_file() and not list(store.path.parent.glob("*.damaged-*"))


def test_the_window_looks_only_where_the_error_points(damaged, tmp_path):
    """damage_met reads only the columns sqlite3's error names: the store's own bad note is found from an error on
    'note', not from an evidence database's error on a column the store does not have."""
    from models.store import store_rows

    _root, _store_dir, files = damaged
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    path = next(tmp_path.glob("*.sqlite"))
    note = sqlite3.OperationalError("Could not decode to UTF-8 column 'note' with text '\ufffdarker'")
    found = store_rows.damage_met(note, path)
    assert found is not None and found[1] in ("decisions", "audit") and "无法解码" in found[0]
    assert store_rows.damage_met(sqlite3.OperationalError("Could not decode to UTF-8 column 'ZTEXT' with text 'x'"),
                                 path) is None
    assert store_rows.damage_met(ValueError("other"), path) is None and path.is_file()
