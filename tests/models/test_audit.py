"""The audit chain: appended entries verify; editing, deleting or reordering a row with sqlite3 breaks it."""

import sqlite3

from models.store import audit
from models.store.store import open_store
from tests.checks.contract import make_bundle


def _store(tmp_path):
    bundle = make_bundle(tmp_path / "bundle", [{"id": "E1", "kind": "obtained"}])
    return open_store(bundle, tmp_path / "store")


def test_chain_verifies_and_links(tmp_path):
    store = _store(tmp_path)
    assert audit.verify_chain(store.db) == audit.ChainStatus(True, None, audit.GENESIS, 0)
    first = audit.append(store.db, "李某", "decision.confirm", {"item": "E1", "note": "一致"})
    second = audit.append(store.db, "李某", "tag.add", {"path": "evidence/a"})
    assert second["prev_digest"] == first["digest"] and second["seq"] == 2
    assert first["at"].endswith("Z")
    status = audit.verify_chain(store.db)
    assert status.ok and status.count == 2 and status.head_digest == second["digest"] == audit.head_digest(store.db)


def test_tampered_row_reports_its_seq(tmp_path):
    store = _store(tmp_path)
    for n in range(4):
        audit.append(store.db, "李某", "decision.confirm", {"n": n})
    store.close()
    conn = sqlite3.connect(store.path)
    conn.execute("UPDATE audit SET payload_json = '{\"n\":9}' WHERE seq = 3")
    conn.commit()
    conn.close()
    reopened = _store(tmp_path)
    status = audit.verify_chain(reopened.db)
    assert not status.ok and status.broken_at_seq == 3 and status.count == 2


def test_deleted_row_breaks_the_chain(tmp_path):
    store = _store(tmp_path)
    for n in range(3):
        audit.append(store.db, "李某", "outcome.set", {"n": n})
    store.db.conn.execute("DELETE FROM audit WHERE seq = 2")
    store.db.conn.commit()
    assert audit.verify_chain(store.db).broken_at_seq == 3


def test_failed_transaction_appends_nothing(tmp_path):
    store = _store(tmp_path)
    try:
        with audit.transaction(store.db):
            audit.append(store.db, "李某", "x", {})
            raise RuntimeError("crash in flight")
    except RuntimeError:
        pass
    assert audit.verify_chain(store.db).count == 0
