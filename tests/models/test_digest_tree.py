"""digest_tree: every regular file under a folder, walked and read by helper processes, against hashlib."""

import hashlib
import json
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from models.integrity.digest_tree import SLICE_FILES, digest_tree
from models.integrity.digests import BUFFER_SIZE
from models.runtime.jobs import Cancelled

REPO = Path(__file__).resolve().parents[2]


def _write(path, data: bytes):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _tree(root, count: int) -> dict:
    """count files, some nested, a folder with more names than one task takes, a file past a read buffer."""
    files = {}
    for i in range(count):
        folder = "flat" if i < SLICE_FILES + 40 else f"d{i % 7}/s{i % 3}"
        files[f"{folder}/f{i:05}.bin"] = os.urandom(i % 3000)
    files["big/large.bin"] = os.urandom(BUFFER_SIZE + 1234)
    files["top.txt"] = "顶层，名字里有中文".encode()
    for rel, data in files.items():
        _write(root / rel, data)
    return files


def _expected(files: dict, algorithms) -> dict:
    return {rel: {a: hashlib.new(a, data).hexdigest() for a in algorithms} for rel, data in files.items()}


@pytest.mark.parametrize("processes", [0, 2])
def test_every_file_once_with_hashlib_digests(tmp_path, processes):
    files = _tree(tmp_path / "t", 900)
    seen = []
    answers = list(digest_tree(tmp_path / "t", ("sha256", "md5"), progress=lambda *a: seen.append(a),
                               processes=processes))
    assert {a.key: dict(a.digests) for a in answers} == _expected(files, ("md5", "sha256"))
    assert len(answers) == len(files)  # each once
    assert all(a.path == str(tmp_path / "t" / a.key) for a in answers)
    assert seen[-1][0] == len(files) and seen[-1][2] == sum(len(d) for d in files.values())
    assert not multiprocessing.active_children()


def test_links_not_followed_and_odd_entries_left_out(tmp_path):
    root = tmp_path / "t"
    files = _tree(root, 30)
    outside = _write(tmp_path / "outside/secret.bin", b"outside")
    (root / "link.bin").symlink_to(outside)
    (root / "linked_folder").symlink_to(outside.parent)
    os.mkfifo(root / "pipe")
    (root / "empty").mkdir()
    answers = list(digest_tree(root, ("md5",), processes=2))
    assert {a.key for a in answers} == set(files)


def _tree_elsewhere(root) -> list:
    """digest_tree(root, md5) in a child process where permissions bind (root: without the capabilities that
    override them, through util-linux's setpriv), as [[key, digests or None, error or None], ...]."""
    prefix = []
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("root without setpriv: permissions cannot bind here")
        caps = "-dac_override,-dac_read_search"
        prefix = [shutil.which("setpriv"), f"--bounding-set={caps}", f"--inh-caps={caps}"]
    code = ("import json, sys\nfrom models.integrity.digest_tree import FolderError, digest_tree\n"
            "if __name__ == '__main__':\n"
            "    out = [[a.folder, None, a.error] if isinstance(a, FolderError) else [a.key, dict(a.digests) or None,"
            " a.error] for a in digest_tree(sys.argv[1], ['md5'], processes=2)]\n"
            "    print(json.dumps(out))\n")
    done = subprocess.run([*prefix, sys.executable, "-c", code, str(root)], capture_output=True, text=True,
                          cwd=REPO, timeout=120)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    return json.loads(done.stdout)


def test_a_folder_that_cannot_be_listed_is_an_answer_and_the_rest_goes_on(tmp_path):
    root = tmp_path / "t"
    files = _tree(root, 40)
    _write(root / "locked/inside.bin", b"x")
    os.chmod(root / "locked", 0)
    try:
        answers = _tree_elsewhere(root)
    finally:
        os.chmod(root / "locked", 0o755)
    errors = [a for a in answers if a[1] is None]
    assert [e[0] for e in errors] == ["locked"] and errors[0][2]
    assert {a[0]: a[1] for a in answers if a[1]} == _expected(files, ("md5",))


def test_an_unreadable_file_is_its_own_answer(tmp_path):
    root = tmp_path / "t"
    files = _tree(root, 20)
    os.chmod(root / "top.txt", 0)
    try:
        answers = {a[0]: a for a in _tree_elsewhere(root)}
    finally:
        os.chmod(root / "top.txt", 0o644)
    assert answers["top.txt"][1] is None and "Permission denied" in answers["top.txt"][2]
    assert set(answers) == set(files)
    assert all(answers[rel][1] for rel in files if rel != "top.txt")


def test_cancel_stops_the_helpers(tmp_path):
    _tree(tmp_path / "t", 3000)
    cancel, got = threading.Event(), []
    with pytest.raises(Cancelled):
        for answer in digest_tree(tmp_path / "t", ("md5",), progress=lambda *a: cancel.set(), cancel=cancel,
                                  processes=2):
            got.append(answer)
    assert len(got) < 3002
    assert not multiprocessing.active_children()


def test_a_helper_that_dies_leaves_its_folders_to_the_others(tmp_path):
    files = _tree(tmp_path / "t", 4000)
    killed = []

    def progress(*_args):
        for child in multiprocessing.active_children():
            if not killed:
                killed.append(child.pid)
                os.kill(child.pid, signal.SIGKILL)
    answers = list(digest_tree(tmp_path / "t", ("sha1",), progress=progress, processes=2))
    assert killed
    assert sorted(a.key for a in answers) == sorted(files)  # each once
    assert {a.key: dict(a.digests) for a in answers} == _expected(files, ("sha1",))
    assert not multiprocessing.active_children()


def test_unknown_algorithm_refused_before_any_helper_starts(tmp_path):
    _tree(tmp_path / "t", 10)
    with pytest.raises(ValueError):
        list(digest_tree(tmp_path / "t", ("md5", "crc32")))
    assert not multiprocessing.active_children()
