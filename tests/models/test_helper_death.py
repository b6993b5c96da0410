"""A killed scan takes its helpers with it: kill -9 (or SIGTERM) of `main.py scan` while its typing workers
run leaves no process of its group behind, and a reader of its stdout sees the end (before: the forkserver,
its resource tracker and two workers stayed, holding the pipe)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import ROOT, kill_group, kill_leader, process_group

FOLDERS, FILES = 60, 200  # 12,000 files: the walk is shared with a helper and the typing pass uses a pool


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    root = tmp_path_factory.mktemp("tree")
    for d in range(FOLDERS):
        folder = root / "evidence" / f"d{d}"
        folder.mkdir(parents=True)
        for f in range(FILES):
            (folder / f"f{f}.txt").write_bytes(b"x" * (f * 7))
    return root


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table from /proc (Linux)")
@pytest.mark.parametrize("sig, trial", [(signal.SIGKILL, 1), (signal.SIGTERM, 1), (signal.SIGKILL, 2)])
def test_killed_scan_leaves_no_helper(tree, tmp_path, sig, trial):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", EVIDENCEDESK_STORE=str(tmp_path / "store"))
    scan = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "scan", str(tree)], env=env, cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while len(process_group(scan.pid)) < 5 and scan.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)  # the program, forkserver, tracker, two typing workers: the work is under way
        assert scan.poll() is None and len(process_group(scan.pid)) >= 5, "the scan's helpers never started"
        assert kill_leader(scan, sig, grace=8) == []
        scan.stdout.read()  # returns: no helper holds the pipe open
    finally:
        kill_group(scan.pid)
