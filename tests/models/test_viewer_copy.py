"""The copy an outside program gets: read-only, outside the bundle, never through a link, never inside the bundle."""

import os
import stat
import time

import pytest

from models.bundle.safepath import SafePathError
from models.store.viewer_copy import KEEP_SECONDS, copy_for_viewer, prune


def test_a_read_only_copy_outside_the_bundle(tmp_path):
    root = tmp_path / "bundle"
    (root / "evidence").mkdir(parents=True)
    source = root / "evidence" / "a.txt"
    source.write_bytes(b"abc" * 1000)
    os.utime(source, ns=(1_000_000_000, 2_000_000_000))
    copy = copy_for_viewer(root, "evidence/a.txt", tmp_path / "store.sqlite.viewer")
    assert copy.read_bytes() == source.read_bytes() and copy.name == "a.txt"
    assert not stat.S_IMODE(copy.stat().st_mode) & 0o222 and copy.stat().st_mtime_ns == 2_000_000_000
    assert copy != copy_for_viewer(root, "evidence/a.txt", tmp_path / "store.sqlite.viewer")  # a fresh folder each time
    assert source.stat().st_mtime_ns == 2_000_000_000


def test_links_and_folders_inside_the_bundle_are_refused(tmp_path):
    root = tmp_path / "bundle"
    root.mkdir()
    (tmp_path / "secret").write_bytes(b"s")
    (root / "out").symlink_to(tmp_path / "secret")
    (root / "a.txt").write_bytes(b"a")
    with pytest.raises(SafePathError):
        copy_for_viewer(root, "out", tmp_path / "v")
    with pytest.raises(ValueError):
        copy_for_viewer(root, "a.txt", root / "copies")
    assert sorted(p.name for p in root.iterdir()) == ["a.txt", "out"]


def test_copies_older_than_a_week_are_removed_and_newer_ones_kept(tmp_path):
    root = tmp_path / "bundle"
    root.mkdir()
    (root / "a.txt").write_bytes(b"a")
    folder = tmp_path / "v"
    old, new = copy_for_viewer(root, "a.txt", folder), copy_for_viewer(root, "a.txt", folder)
    past = time.time() - KEEP_SECONDS - 60  # relative to now: passes on any day
    os.utime(old.parent, (past, past))
    assert prune(folder) == 1
    assert not old.parent.exists() and new.exists() and (root / "a.txt").read_bytes() == b"a"
