"""A store whose rows do not decode, met in the window (issue 19, point 5): the command line's path, not a
crash nor an 内部错误 box. The store is kept aside with its side files, the reviewer told in words what was kept
and where, a fresh review offered; taken, the case opens again on a new store."""

import sqlite3
import sys

import pytest
from PySide6.QtWidgets import QMessageBox

from models.bundle.manifest import load_bundle
from models.store import review
from models.store.guards import files_seal
from models.store.store import open_store
from tests.helpers import run_main
from tests.ui.test_window_hostile import clear_text

TIMEOUT = 60_000


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    """(bundle root, {store file name: bytes}) of a checked case with one decision."""
    from tests.factory import BundleFactory

    tmp = tmp_path_factory.mktemp("rows")
    root = BundleFactory(tmp).clean()
    assert run_main("check", root, store=tmp / "store").returncode in (0, 1)
    store = open_store(load_bundle(root), tmp / "store")
    review.decide(store, "E1", "a30_x", "confirm", "李某", note="留存")
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return root, {p.name: p.read_bytes() for p in (tmp / "store").iterdir() if p.is_file()}


@pytest.fixture
def said(monkeypatch, window):
    """Every message box (kind, title, text); the question answered 'yes'; exceptions in slots go to the
    program's own last-resort hook (ui/app.py installs it), whose 内部错误 box is recorded like any other."""
    from ui.common.errors import install_excepthook

    found = []
    for name in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name,
                            lambda parent, title, text, *a, n=name, **k: found.append((n, title, text)))

    def ask(parent, title, text, *a, **k):
        found.append(("question", title, text))
        return QMessageBox.StandardButton.Yes
    monkeypatch.setattr(QMessageBox, "question", ask)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_excepthook(lambda: window)
    return found


# (table, column, which row): what the window reads on opening, scanning, in its tabs, in a worker
DAMAGE = [("files", "path", "rowid = (SELECT min(rowid) FROM files)"),
          ("decisions", "note", "1"),
          ("verification", "computed", "rowid = (SELECT min(rowid) FROM verification)"),
          ("audit", "payload_json", "seq = (SELECT max(seq) FROM audit)"),
          ("meta", "value", "key = 'manifest_digest'")]


@pytest.mark.parametrize("table,column,where", DAMAGE, ids=[d[0] for d in DAMAGE])
def test_undecodable_rows_in_the_window_are_kept_aside_and_said(qtbot, window, said, checked, store_dir,
                                                                 table, column, where):
    root, files = checked
    store_dir.mkdir()
    for name, data in files.items():
        (store_dir / name).write_bytes(data)
    path = next(store_dir.glob("*.sqlite"))
    conn = sqlite3.connect(path)
    if table == "files":  # the inventory's seal triggers call a function only the program defines: a bad sector's
        for name in files_seal.TRIGGERS:  # bytes come without them
            conn.execute(f"DROP TRIGGER {name}")
    conn.execute(f"UPDATE {table} SET {column} = CAST(X'ff41' AS TEXT) WHERE {where}")
    conn.commit()
    conn.close()
    with qtbot.waitSignals([window.scan_finished, window.types_finished], timeout=TIMEOUT, raising=False):
        window.open_bundle(root)
    for index in range(window.tabs.count()):  # every tab shown once: each reads the store its own way
        if window.store is not None:
            window.tabs.setCurrentIndex(index)
            qtbot.wait(300)
    qtbot.waitUntil(lambda: any(kind == "question" for kind, _t, _x in said), timeout=TIMEOUT)
    kinds = [kind for kind, _t, _x in said]
    assert kinds.count("question") == 1 and "critical" not in kinds, said
    _kind, title, text = next(s for s in said if s[0] == "question")
    kept = min(store_dir.glob("*.sqlite.damaged-*"), key=lambda p: len(p.name))
    assert title == "审查库已损坏，已另存" and str(kept) in text and "重新开始审查" in text, text
    assert kept.with_name(kept.name + ".audit-head").is_file() and kept.name + ".audit-head" in text, text
    clear_text(text)
    back = sqlite3.connect(kept)
    back.text_factory = bytes
    assert back.execute("SELECT count(*) FROM decisions").fetchone()[0] == 1  # the decision is in the kept copy
    back.close()
    # the fresh review taken: the case is open again, on a new store that checks out
    qtbot.waitUntil(lambda: window.store is not None and window.store.path.is_file(), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: not window.context.runner.busy(), timeout=TIMEOUT)  # its scan done (or never begun)
    assert window.store.path == path and not sqlite3.connect(path).execute(
        "SELECT count(*) FROM decisions").fetchone()[0]


@pytest.mark.parametrize("payload", ["x", "[1]"])
def test_an_audit_payload_that_is_no_object_shows_the_banner(qtbot, window, said, checked, store_dir, payload):
    """An entry's payload edited with sqlite3 into something not a JSON object: the banner says the chain is
    broken; the window's list of acknowledgements failed on it in the review tab's showEvent."""
    root, files = checked
    store_dir.mkdir()
    for name, data in files.items():
        (store_dir / name).write_bytes(data)
    conn = sqlite3.connect(next(store_dir.glob("*.sqlite")))
    conn.execute("UPDATE audit SET payload_json = ? WHERE seq = (SELECT max(seq) FROM audit)", [payload])
    conn.commit()
    conn.close()
    with qtbot.waitSignals([window.scan_finished, window.types_finished], timeout=TIMEOUT, raising=False):
        window.open_bundle(root)
    window.tabs.setCurrentWidget(window.review_tab)
    qtbot.waitUntil(lambda: window.review_tab.banner.isVisible(), timeout=TIMEOUT)
    assert "critical" not in [kind for kind, _t, _x in said], said
