"""A long walk handed to a helper process gives the same inventory, in the same order, as one walked here;
cancel stops the helper; a helper's failure is a clear error, not a hang."""

import multiprocessing
import threading

import pytest

import models.inventory.scan as scan
from models.bundle.coverage import Coverage
from models.bundle.manifest import load_bundle
from models.bundle.source import FolderSource
from models.inventory.scan import scan_bundle
from models.inventory.scan_process import HELPER_ENV, ScanHelperError, walk_in_helper
from models.runtime.jobs import Cancelled
from models.store.store import open_store


def _tree(root, folders=6, files=5):
    for f in range(folders):
        folder = root / "evidence" / f"d{f}" / "sub"
        folder.mkdir(parents=True)
        for i in range(files):
            (folder.parent / f"文件{i}.txt").write_bytes(b"x" * i)
            (folder / f"{i}.bin").write_bytes(b"y" * (i + 1))
    (root / "evidence" / "top.txt").write_text("top")
    return root


def _inventory(store) -> list[tuple]:
    sql = "SELECT id, path, item, listed, kind, size, modified_ns, accessed_ns, changed_ns, created_ns FROM files"
    return store.db.execute(sql + " ORDER BY id").fetchall()


def test_helper_walk_equals_walk_here(tmp_path, monkeypatch):
    root = _tree(tmp_path / "case")
    bundle = load_bundle(root)
    monkeypatch.setenv(HELPER_ENV, "0")
    here = open_store(bundle, tmp_path / "here")
    walked_here = scan_bundle(bundle, here)
    monkeypatch.setenv(HELPER_ENV, "1")
    monkeypatch.setattr(scan, "HANDOFF", 3)  # a few folders here, the rest in the helper
    there = open_store(bundle, tmp_path / "there")
    walked_there = scan_bundle(bundle, there)
    assert walked_here.files == walked_there.files == 6 * 10 + 1
    assert walked_here.bytes == walked_there.bytes
    assert _inventory(here) == _inventory(there)
    paths = [row[1] for row in _inventory(there)]
    order = [paths.index(p) for p in ("evidence/d0/文件0.txt", "evidence/d0/sub/0.bin", "evidence/d1/文件0.txt")]
    assert order == sorted(order)


def test_rescan_through_the_helper_writes_only_changes(tmp_path, monkeypatch):
    root = _tree(tmp_path / "case")
    bundle = load_bundle(root)
    monkeypatch.setattr(scan, "HANDOFF", 3)
    store = open_store(bundle, tmp_path / "store")
    scan_bundle(bundle, store)
    (root / "evidence" / "d5" / "sub" / "0.bin").write_bytes(b"changed!")
    (root / "evidence" / "d2" / "文件1.txt").unlink()
    again = scan_bundle(bundle, store)
    assert (again.changed, again.removed) == (1, 1)
    size = store.db.execute("SELECT size FROM files WHERE path = 'evidence/d5/sub/0.bin'").fetchone()[0]
    assert size == len(b"changed!")


def test_cancel_stops_the_helper(tmp_path):
    root = _tree(tmp_path / "case", folders=30, files=30)
    source, cancel = FolderSource(root), threading.Event()
    batches = walk_in_helper(source, source.start(), Coverage(load_bundle(root)), cancel)
    cancel.set()
    with pytest.raises(Cancelled):
        list(batches)


class _BrokenCoverage:
    def locate(self, path):
        raise ValueError(f"坏的路径 {path}")


def test_a_failing_helper_raises_a_clear_error(tmp_path):
    root = _tree(tmp_path / "case", folders=1, files=1)
    source = FolderSource(root)
    with pytest.raises(ScanHelperError, match="扫描子进程出错：ValueError: 坏的路径"):
        list(walk_in_helper(source, source.start(), _BrokenCoverage()))


class _CancelLater:
    """A cancel flag that is set from the n-th look on: the scan is stopped mid-walk."""

    def __init__(self, looks: int):
        self.looks = looks

    def is_set(self) -> bool:
        self.looks -= 1
        return self.looks < 0


def test_cancel_while_the_walk_is_shared_stops_both(tmp_path, monkeypatch):
    root = _tree(tmp_path / "case", folders=30, files=30)
    bundle = load_bundle(root)
    monkeypatch.setenv(HELPER_ENV, "1")
    monkeypatch.setattr(scan, "HANDOFF", 3)  # a shared walk from the third folder on
    store = open_store(bundle, tmp_path / "store")
    with pytest.raises(Cancelled):
        scan_bundle(bundle, store, cancel=_CancelLater(8))  # while this process walks its part
    assert not [p for p in multiprocessing.active_children() if p.name == "EvidenceDesk scan"]
    listed = store.db.execute("SELECT count(*) FROM files").fetchone()[0]
    assert 0 < listed < 30 * 60  # what was listed before the cancel stays; the rest never came
