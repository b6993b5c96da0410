"""A typing worker that dies mid-run (killed here; a hostile file that crashes libmagic or a parser does the
same) ends no image scan: the files it held are typed again one at a time, the rest in a fresh pool, and the
run completes with every file typed or given its finding."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import ROOT, parent_of, process_group
from tests.models.test_image_helper_death import image  # noqa: F401 - the 3,000-file ext4 image


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table from /proc (Linux)")
def test_a_killed_typing_worker_ends_no_run(image, tmp_path):  # noqa: F811
    err_path = tmp_path / "stderr"
    with open(err_path, "wb") as err:
        scan = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "scan", str(image),
                                 "--store", str(tmp_path / "store")], cwd=ROOT, stdout=subprocess.DEVNULL,
                                stderr=err, start_new_session=True,
                                env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    try:
        deadline, killed = time.monotonic() + 120, False
        while not killed and scan.poll() is None and time.monotonic() < deadline:
            for worker in [p for p in process_group(scan.pid) if parent_of(parent_of(p) or 0) == scan.pid]:
                try:
                    os.kill(worker, signal.SIGKILL)
                    killed = True
                    break
                except ProcessLookupError:  # ended between the look and the kill: look again
                    continue
            time.sleep(0.01)
        if not killed:
            pytest.skip("the scan ended before a typing worker could be killed")
        assert scan.wait(timeout=300) == 0, err_path.read_text(errors="replace")[-800:]
    finally:
        if scan.poll() is None:
            os.killpg(scan.pid, signal.SIGKILL)
    said = err_path.read_text(errors="replace")
    assert "内部错误" not in said and "Traceback" not in said, said[-800:]
    conn = sqlite3.connect(next((tmp_path / "store").glob("*.sqlite")))
    files, untyped = conn.execute("SELECT count(*), sum(mime IS NULL AND type_error IS NULL) FROM files "
                                  "WHERE kind = 'file' AND role IS NULL").fetchone()
    conn.close()
    assert files >= 3000 and untyped == 0
