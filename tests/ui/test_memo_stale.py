"""The window's memo is not signed over evidence changed since its checks: the command line's memo scans again
first (checks.memo_examine); the window's worker signed "一致" for a file edited after `check`."""

import pytest

from models.bundle.manifest import load_bundle
from models.memo.memo_render import MemoError
from models.store.store import open_store
from tests.helpers import run_main
from ui.memo.memo_dialog import memo_job


def _job(bundle, store_dir, training_identity, out):
    store = open_store(bundle, store_dir)
    try:
        p12, passphrase = training_identity
        return memo_job(bundle, store.path, p12, passphrase.read_bytes().strip(), "", str(out), False)
    finally:
        store.close()


def test_the_window_memo_refuses_evidence_changed_after_the_check(tmp_path, store_dir, make_bundle,
                                                                   training_identity):
    root = make_bundle.clean()
    assert run_main("check", root, store=store_dir).returncode in (0, 1)
    bundle = load_bundle(root)
    first = _job(bundle, store_dir, training_identity, tmp_path / "before.pdf")(lambda *a: None, None)
    assert (tmp_path / "before.pdf").is_file() and first["path"]  # as checked: signed
    victim = next(p for p in sorted((root / "evidence").rglob("*")) if p.is_file())
    victim.write_bytes(victim.read_bytes() + b"tampered")
    with pytest.raises(MemoError, match="已有改动"):
        _job(bundle, store_dir, training_identity, tmp_path / "after.pdf")(lambda *a: None, None)
    assert not (tmp_path / "after.pdf").exists()
