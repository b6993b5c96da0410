"""A save the store refuses (a full disk, a read-only store, the store's folder removed) is told in Chinese and the
typed text stays in the window, for every editor of the review tab that writes to the store; never an internal error,
never a decision silently written into a store file nobody will open again."""

import contextlib
import shutil
import subprocess

import pytest
from PySide6.QtWidgets import QMessageBox

from models.store import review
from models.store.store import open_store
from tests.ui.test_review_tab import REVIEWER, context, make_tab, prepared  # noqa: F401 - the fixture
from tests.ui.test_window_hostile import clear_text

MODES = ("full", "readonly", "removed")


@contextlib.contextmanager
def small_disk(folder):
    """A 24 MB tmpfs at folder (root only: skipped elsewhere), taken away after."""
    folder.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", str(folder)], capture_output=True,
                          check=False)
    if made.returncode != 0:
        pytest.skip("a tmpfs cannot be mounted here (not root)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(folder) -> None:
    """Write until the disk is full: the next page SQLite asks for is refused."""
    with open(folder / "filler", "wb") as stream:
        with contextlib.suppress(OSError):
            while True:
                stream.write(b"\0" * 65536)
                stream.flush()


@pytest.fixture
def shown(monkeypatch):
    found = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a, **k: found.append((title, text)))
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a, **k: found.append((title, text)))
    return found


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory):
    """A case scanned, verified and checked once (its store closed), copied for each test: ~10 s a preparation."""
    from tests.factory import BundleFactory

    folder = tmp_path_factory.mktemp("reviewed")
    bundle, store = prepared(BundleFactory(folder).with_defect("32.4"), folder / "store")
    store.close()
    return bundle, folder / "store"


@pytest.fixture
def case(tmp_path, reviewed, request):
    """(mode, bundle, store, place) on a copy of the prepared store, broken by the test's mode when it asks."""
    mode, (bundle, template) = request.param, reviewed
    with (small_disk(tmp_path / "disk") if mode == "full" else contextlib.nullcontext(tmp_path / "disk")) as place:
        shutil.copytree(template, place / "store")
        store = open_store(bundle, place / "store")
        yield mode, bundle, store, place
        store.close()


def break_store(mode, store, place) -> None:
    if mode == "full":
        fill(place)
    elif mode == "readonly":  # what SQLite says of a store it may not write (a read-only medium, as root too)
        store.db.conn.execute("PRAGMA query_only = ON")
    else:
        shutil.rmtree(place / "store")


def refused(shown, mode: str) -> None:
    assert len(shown) == 1, shown
    title, text = shown[0]
    assert title == "未能保存"
    clear_text(text)
    assert "没有丢失" in text, text
    assert mode != "removed" or "不在原处" in text, text  # SQLite would have written into the unlinked file


@pytest.mark.parametrize("case", MODES, indirect=True)
def test_outcome_not_saved_is_told_and_kept(qtbot, case, shown, context):  # noqa: F811
    mode, bundle, store, place = case
    tab = make_tab(qtbot, context, bundle, store)
    box = tab.outcome
    box.choose("excluded")
    box.reason.setText("封存照片与笔录不符，无法补正")
    break_store(mode, store, place)
    assert not box.save()
    refused(shown, mode)
    assert box.chosen() == "excluded" and box.reason.text() == "封存照片与笔录不符，无法补正"
    assert "未保存" in box.hint.text()
    if mode != "removed":
        store.db.conn.execute("PRAGMA query_only = OFF")
        assert review.load_outcome(store, bundle.items[0]["id"]) is None


@pytest.mark.parametrize("case", MODES, indirect=True)
def test_decision_not_saved_is_told_and_kept(qtbot, case, shown, context):  # noqa: F811
    mode, bundle, store, place = case
    tab = make_tab(qtbot, context, bundle, store)
    pane = tab.show_pane("authenticity")
    clause = pane.clause
    clause.note.setPlainText("照片与笔录一致")
    clause.reason.setText("笔录记载的封存编号与照片不同")
    break_store(mode, store, place)
    assert not clause.override()
    refused(shown, mode)
    assert clause.note.toPlainText() == "照片与笔录一致"
    assert clause.reason.text() == "笔录记载的封存编号与照片不同"
    assert not clause.record.get("decision")


@pytest.mark.parametrize("case", MODES, indirect=True)
def test_tag_not_saved_is_told_and_kept(qtbot, case, shown, context):  # noqa: F811
    mode, bundle, store, place = case
    tab = make_tab(qtbot, context, bundle, store)
    tab.show_pane("relevance")
    pane = tab.relevance
    pane.view.setCurrentIndex(pane.model.index(0, 0))
    pane.note.setText("证明转账经过")
    break_store(mode, store, place)
    assert not pane.tag_selected()
    refused(shown, mode)
    assert pane.note.text() == "证明转账经过"

