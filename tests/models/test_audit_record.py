"""A store put back from an older copy together with its anchor (a rollback) reached its anchor and lost the
decisions made since, unsaid. The head recorded per user outside the store's folder
(models/store/guards/audit_record.py) makes it a finding: the memo refuses, check says it; a copy on another
machine is not accused; a state folder that cannot be written changes nothing but one warning."""

import logging
import shutil

import pytest

from models.bundle.manifest import load_bundle
from models.store import audit, audit_guard, review
from models.store.guards import audit_record
from models.store.guards.older_accept import accept_older
from models.store.store import open_store
from tests.helpers import run_main

SIDES = ("", ".audit-head")


@pytest.fixture
def rolled_back(make_bundle, tmp_path):
    """(root, store path): two decisions, a backup of the store with its anchor, three more decisions, then the
    backup put back over the store (its -wal/-shm gone, as a restored folder has)."""
    root = make_bundle.clean()
    store = open_store(load_bundle(root), tmp_path / "store")
    for k in range(2):
        review.decide(store, "E1", f"a3{k}_clause", "confirm", "李某")
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    path = store.path
    backup = tmp_path / "backup"
    backup.mkdir()
    for side in SIDES:
        shutil.copy2(path.with_name(path.name + side), backup / (path.name + side))
    for k in range(2, 5):
        review.decide(store, "E1", f"a3{k}_clause", "confirm", "李某")
    store.close()
    for side in ("-wal", "-shm"):
        path.with_name(path.name + side).unlink(missing_ok=True)
    for side in SIDES:
        shutil.copy2(backup / (path.name + side), path.with_name(path.name + side))
    return root, path


@pytest.fixture
def identity(tmp_path):
    (tmp_path / "pw").write_text("pw\n")
    assert run_main("identity", "--name", "李某", "--out", tmp_path / "id.p12",
                    "--passphrase-file", tmp_path / "pw").returncode == 0
    return tmp_path / "id.p12", tmp_path / "pw"


def _memo(root, path, identity, out):
    return run_main("memo", root, "--identity", identity[0], "--passphrase-file", identity[1], "--out", out,
                    "--no-examine", store=path.parent)


def test_a_store_put_back_with_its_anchor_is_a_finding(rolled_back, identity, tmp_path):
    root, path = rolled_back
    store = open_store(load_bundle(root), path.parent)
    status = audit_guard.check(store.db)
    store.close()
    assert not status.ok and "审查决定缺失" in status.problem and "少 3 条" in status.problem, status
    assert " UTC 之后" in status.problem
    memo = _memo(root, path, identity, tmp_path / "memo.pdf")
    err = memo.stderr.decode()
    assert memo.returncode == 2 and "审查决定缺失" in err and "内部错误" not in err, err
    assert not (tmp_path / "memo.pdf").exists()
    check = run_main("check", root, store=path.parent)  # other commands go on, and say it (as a missing anchor)
    assert check.returncode in (0, 1) and "审查决定缺失" in check.stderr.decode()


def test_a_decision_after_the_rollback_does_not_hide_it(rolled_back):
    root, path = rolled_back
    store = open_store(load_bundle(root), path.parent)
    review.decide(store, "E1", "a39_clause", "confirm", "李某")  # the anchor moves on; the record does not
    status = audit_guard.check(store.db)
    store.close()
    assert not status.ok and "审查决定缺失" in status.problem + "本机记录不符", status


def test_a_copy_on_another_machine_is_not_refused(rolled_back, tmp_path, monkeypatch):
    root, path = rolled_back
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "other-user-state"))  # no record of this store there
    store = open_store(load_bundle(root), path.parent)
    assert audit_guard.check(store.db).ok
    store.close()
    check = run_main("check", root, store=path.parent)
    assert check.returncode in (0, 1) and "审计日志校验失败" not in check.stderr.decode(), check.stderr.decode()


def test_an_unwritable_state_folder_is_said_once_and_changes_nothing(make_bundle, tmp_path, monkeypatch, caplog):
    (tmp_path / "a-file").write_text("")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "a-file" / "state"))  # below a file: never a folder
    monkeypatch.setattr(audit_record, "_said_unwritable", [])
    root = make_bundle.clean()
    store = open_store(load_bundle(root), tmp_path / "store")
    with caplog.at_level(logging.WARNING):
        for k in range(3):
            review.decide(store, "E1", f"a3{k}_clause", "confirm", "李某")
        assert audit_guard.check(store.db).ok
    store.close()
    said = [r for r in caplog.records if "无法在本机记录审计日志末条" in r.getMessage()]
    assert len(said) == 1
    result = run_main("check", root, store=tmp_path / "store", env={"XDG_STATE_HOME": str(tmp_path / "a-file" / "s")})
    err = result.stderr.decode()
    assert result.returncode in (0, 1) and "内部错误" not in err and "审计日志校验失败" not in err, err


def test_two_stores_of_one_bundle_are_two_records(make_bundle, tmp_path):
    """A fresh store of a bundle reviewed elsewhere on this machine is no rollback of the other."""
    root = make_bundle.clean()
    first = open_store(load_bundle(root), tmp_path / "one")
    for k in range(3):
        review.decide(first, "E1", f"a3{k}_clause", "confirm", "李某")
    first.close()
    second = open_store(load_bundle(root), tmp_path / "two")
    assert audit_guard.check(second.db).ok
    second.close()


def test_the_older_store_can_be_accepted_deliberately(rolled_back, identity, tmp_path):
    """Before: a reviewer whose newer store is gone could only start afresh. Now --accept-older-store takes the
    older store as the truth: an audit entry names who gave up which head and when; the memo is signed
    afterwards; the record then follows this store, so a later rollback is still caught."""
    root, path = rolled_back
    refused = _memo(root, path, identity, tmp_path / "refused.pdf")
    assert refused.returncode == 2 and "--accept-older-store" in refused.stderr.decode()
    accepted = run_main("memo", root, "--identity", identity[0], "--passphrase-file", identity[1], "--out",
                        tmp_path / "memo.pdf", "--accept-older-store", store=path.parent)  # examined first
    err = accepted.stderr.decode()
    assert accepted.returncode == 0 and "已确认以此审查库为准" in err and "第 5 条" in err, err
    store = open_store(load_bundle(root), path.parent)
    entries = [e for e in store.db.execute("SELECT seq, reviewer, action, payload_json FROM audit ORDER BY seq")]
    given = [e for e in entries if e[2] == audit_record.ACCEPT_ACTION]
    assert len(given) == 1 and given[0][1] == "李某" and '"seq":5' in given[0][3]
    assert audit_guard.check(store.db).ok and audit_record.read(store.db)["seq"] == len(entries)
    review.decide(store, "E1", "a39_clause", "confirm", "李某")  # the record follows this chain again
    assert audit_record.read(store.db)["seq"] == len(entries) + 1
    store.close()
    again = _memo(root, path, identity, tmp_path / "again.pdf")
    assert again.returncode == 0, again.stderr.decode()[-400:]


def test_accepting_is_never_the_default_nor_needed_for_a_sound_store(make_bundle, identity, tmp_path):
    root = make_bundle.clean()
    store = open_store(load_bundle(root), tmp_path / "store")
    review.decide(store, "E1", "a30_clause", "confirm", "李某")
    assert accept_older(store.db, "李某") is None  # nothing to accept: nothing written
    assert not list(audit.iter_payloads(store.db, audit_record.ACCEPT_ACTION))
    store.close()
