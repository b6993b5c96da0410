"""`verify` streams: its results go into the store as they are made and out of it in the same order, never
gathered in one list (1M files: ~1.4 GB projected for that list alone)."""

import contextlib
import io
import json

import main
from models.bundle.manifest import load_bundle
from models.integrity import verify
from models.store.store import open_store
from tests.models.test_verify import _many_listed, _spoil


def test_verify_command_never_lists_all_results(tmp_path, monkeypatch):
    root = _many_listed(tmp_path, count=600)
    _spoil(root, tmp_path)
    expected = [r.to_json() for r in verify.verify_bundle(load_bundle(root))]
    made, writing = [], []

    def counted(bundle, store, *args, **kwargs):
        for result in real(bundle, store, *args, **kwargs):
            made.append(result.status)
            writing.append(store.db.conn.in_transaction)
            yield result

    real = verify.iter_verify
    monkeypatch.setattr(verify, "iter_verify", counted)
    monkeypatch.setattr(verify, "verify_bundle", lambda *a, **k: (_ for _ in ()).throw(AssertionError("a list")))
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main.main(["verify", str(root), "--json", "--store", str(tmp_path / "store")])
    assert code == 1
    printed = [json.loads(line) for line in out.getvalue().splitlines()]
    assert sorted(map(_key, printed)) == sorted(map(_key, expected))  # same results (helpers' order may vary)
    assert len(made) == len(expected)
    # every file read outside the store's write transaction: a window on the same store saves decisions meanwhile
    assert not any(writing)


def test_saved_rows_come_back_in_the_order_made(tmp_path):
    root = _many_listed(tmp_path, count=600)
    bundle = load_bundle(root)
    store = open_store(bundle, tmp_path / "store")
    made = []
    verify.save_results(store, (made.append(r) or r for r in verify.iter_verify(bundle)))
    assert list(verify.iter_saved(store)) == made
    assert sorted(made) == sorted(verify.verify_bundle(bundle))


def _key(row: dict) -> str:
    return json.dumps(row, sort_keys=True)
