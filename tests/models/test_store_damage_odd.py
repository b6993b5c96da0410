"""A store that is not damaged but cannot be checked now (disk full) is left where it is; odd files around the
store (a FIFO as its audit anchor, a negative or mangled schema) are said in one line, never a hang or an
internal error, and a store that is not ours in shape is kept aside like a damaged one."""

import os
import resource
import signal
import sqlite3
import subprocess
import sys

import pytest

from models.bundle.manifest import load_bundle
from models.store import audit_guard, review
from models.store.guards import files_seal, store_damage
from models.store.store import open_store
from tests.checks.contract import make_bundle
from tests.helpers import ROOT
from tests.models.test_store_damage import _filled_store

FULL_DISK = 16 * 1024  # bytes any one file may grow to: SQLite's 32 KB shared-memory file cannot be made


def _no_room():
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG, as a full disk gives ENOSPC, not a killed process
    resource.setrlimit(resource.RLIMIT_FSIZE, (FULL_DISK, FULL_DISK))


def _loaded_store(tmp_path, decisions=5):
    """A bundle as the command line loads it (its real manifest digest names the store) with decisions made."""
    bundle = load_bundle(make_bundle(tmp_path / "bundle", [{"id": "E1", "kind": "obtained"}]).root)
    store = open_store(bundle, tmp_path / "store")
    for n in range(decisions):
        review.decide(store, "E1", f"a3{n}_x", "confirm", "李某", note="一致" * 40)
    return bundle, store


def _check(root, store_dir, limit=None, timeout=120):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "check", str(root), "--store", str(store_dir)],
                          capture_output=True, cwd=ROOT, timeout=timeout, preexec_fn=limit,
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="1"))


@pytest.mark.skipif(not hasattr(resource, "RLIMIT_FSIZE"), reason="no file size limit on this platform")
def test_no_room_to_check_a_good_store_leaves_it_in_place(tmp_path):
    bundle, store = _loaded_store(tmp_path)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    for side in store.path.parent.glob(store.path.name + "-*"):
        side.unlink()  # the next opener must make its shared-memory file: no room for it
    result = _check(bundle.root, store.path.parent, limit=_no_room)
    err = result.stderr.decode()
    assert result.returncode == 2 and "内部错误" not in err, err
    assert not list(store.path.parent.glob("*.damaged-*")), err  # not taken for damage, not moved aside
    again = open_store(bundle, store.path.parent)
    assert again.replaced is None and len(review.load_decisions(again)) == 5


def test_a_fifo_as_the_audit_anchor_is_said_not_waited_on(tmp_path):
    bundle, store = _loaded_store(tmp_path)
    store.close()
    anchor = store.path.with_name(store.path.name + ".audit-head")
    anchor.unlink()
    os.mkfifo(anchor)
    result = _check(bundle.root, store.path.parent, timeout=60)  # a blocked open never returns
    err = result.stderr.decode()
    assert result.returncode in (0, 1) and "内部错误" not in err, err
    assert "锚点" in err  # the anchor cannot be read: said


def test_a_huge_audit_anchor_is_not_read_whole(tmp_path):
    bundle, store = _filled_store(tmp_path)
    anchor = store.path.with_name(store.path.name + ".audit-head")
    with open(anchor, "r+b") as f:
        f.truncate(3 << 30)  # sparse
    status = audit_guard.check(store.db)
    assert not status.ok and "锚点" in status.problem


@pytest.mark.parametrize("version", [-1, -2147483648])
def test_a_negative_schema_version_is_damage(tmp_path, version):
    bundle, store = _filled_store(tmp_path)
    store.db.execute(f"PRAGMA user_version = {version}")
    store.close()
    fresh = open_store(bundle, tmp_path / "store")
    assert fresh.replaced and "版本" in fresh.replaced
    assert list(store.path.parent.glob("*.damaged-*"))


@pytest.mark.parametrize("edit", ["DROP TABLE decisions", "DROP TABLE audit", "ALTER TABLE files DROP COLUMN role",
                                  "PRAGMA user_version = 0", "PRAGMA user_version = 3"])
def test_a_store_not_in_its_versions_shape_is_kept_aside(tmp_path, edit):
    bundle, store = _filled_store(tmp_path)
    if "DROP COLUMN" in edit:  # the inventory's seal triggers name every sealed column: gone first
        for name in files_seal.TRIGGERS:
            store.db.execute(f"DROP TRIGGER {name}")
    store.db.execute(edit)
    store.close()
    fresh = open_store(bundle, tmp_path / "store")
    assert fresh.replaced and "结构" in fresh.replaced, edit
    assert fresh.db.execute("PRAGMA quick_check").fetchone()[0] == "ok" and review.load_decisions(fresh) == []


def test_an_older_store_in_its_versions_shape_is_migrated_not_moved(tmp_path):
    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path)
    from models.store.store_schema import MIGRATIONS

    for target in (1, 2, 3):
        MIGRATIONS[target](conn)
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    conn.close()
    assert store_damage.damage(path) is None


def test_undecodable_text_in_the_schema_is_damage_not_an_error(tmp_path):
    bundle, store = _filled_store(tmp_path)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    data = bytearray(store.path.read_bytes())
    at = data.index(b"CREATE TABLE files")
    data[at + 7:at + 11] = b"\xa8\xff\xfe\xa8"  # the schema's own text, not UTF-8 any more
    store.path.write_bytes(bytes(data))
    reason = store_damage.damage(store.path)
    assert reason


def test_a_store_that_is_a_link_is_kept_aside_not_followed(tmp_path):
    bundle, store = _filled_store(tmp_path)
    store.close()
    elsewhere = tmp_path / "elsewhere.sqlite"
    os.replace(store.path, elsewhere)
    store.path.symlink_to(elsewhere)
    before = elsewhere.read_bytes()
    fresh = open_store(bundle, tmp_path / "store")
    assert fresh.replaced and "链接" in fresh.replaced
    assert elsewhere.read_bytes() == before and not store.path.is_symlink()


def test_a_mangled_header_is_damage_not_a_moment(tmp_path):
    bundle, store = _filled_store(tmp_path)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    data = bytearray(store.path.read_bytes())
    data[44:48] = b"\xff\xff\xff\xff"  # the schema format number: SQLite says "unsupported file format"
    store.path.write_bytes(bytes(data))
    fresh = open_store(bundle, tmp_path / "store")
    assert fresh.replaced and list(store.path.parent.glob("*.damaged-*"))
