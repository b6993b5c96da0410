"""A scan of a disk image killed while its typing workers run takes them with it: they watch the program as
every other helper does (before: the image typing pool's workers, their forkserver and its resource tracker
stayed after SIGTERM or kill -9, holding the caller's stdout, so `main.py scan IMAGE | cat` never ended)."""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import ROOT, kill_group, kill_leader, parent_of, process_group

FILES = 3000  # over models.image.typing.POOL_FROM: typed by a pool of workers


@pytest.fixture(scope="module")
def image(tmp_path_factory):
    if shutil.which("mkfs.ext4") is None:
        pytest.skip("mkfs.ext4 is not installed")
    root = tmp_path_factory.mktemp("img")
    src = root / "src"
    for d in range(30):
        (src / f"d{d}").mkdir(parents=True)
        for f in range(FILES // 30):
            (src / f"d{d}" / f"f{f}.txt").write_bytes(b"x" * (f * 3 + 1))
    target = root / "fs.raw"
    subprocess.run(["mkfs.ext4", "-q", "-F", "-N", str(FILES + 200), "-d", str(src), str(target), "48M"], check=True,
                   capture_output=True)
    return target


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table from /proc (Linux)")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_killed_image_scan_leaves_no_typing_worker(image, tmp_path, sig):
    scan = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "scan", str(image), "--json",
                             "--store", str(tmp_path / "store")], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, start_new_session=True,
                            env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    try:
        deadline, workers = time.monotonic() + 120, []
        while not workers and scan.poll() is None and time.monotonic() < deadline:
            # a typing worker: forked by the forkserver the scan started, so its grandchild
            workers = [p for p in process_group(scan.pid) if parent_of(parent_of(p) or 0) == scan.pid]
            time.sleep(0.02)
        if not workers:
            pytest.skip("the scan ended before its typing workers were seen")
        assert kill_leader(scan, sig, grace=20) == []
        scan.stdout.read()  # returns: no helper holds the pipe open
    finally:
        kill_group(scan.pid)
