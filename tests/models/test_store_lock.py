"""One writer per store: two first scans (or checks) of a new bundle started together both end well, the second
waiting for the first ("UNIQUE constraint failed: files.path" and "database is locked" before the lock)."""

import os
import subprocess
import sys

from models.store import store_lock
from tests.helpers import ROOT

ROUNDS = 20


def _start(command, root, store):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", EVIDENCEDESK_STORE=str(store))
    return subprocess.Popen([sys.executable, str(ROOT / "main.py"), command, str(root)], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def test_two_first_runs_of_a_new_bundle_do_not_race(make_bundle, tmp_path):
    root = make_bundle.clean()
    failures = []
    for n in range(ROUNDS):
        store = tmp_path / f"store{n}"
        command = "scan" if n % 2 == 0 else "check"
        both = [_start(command, root, store), _start(command, root, store)]
        for process in both:
            _out, err = process.communicate(timeout=120)
            text = err.decode()
            if process.returncode not in (0, 1) or "内部错误" in text or "locked" in text:
                failures.append((n, command, process.returncode, text[-300:]))
    assert failures == []


def test_lock_is_counted_within_a_process_and_released(tmp_path):
    path = tmp_path / "x.sqlite"
    store_lock.acquire(path)
    store_lock.acquire(path)  # a nested take in the same process does not wait for itself
    store_lock.release(path)
    code = "import fcntl, os, sys; fd = os.open(sys.argv[1], os.O_RDWR); fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)"
    probe = [sys.executable, "-c", code, str(store_lock.lock_path(path))]
    assert subprocess.run(probe, capture_output=True, check=False).returncode != 0  # still held by this process
    store_lock.release(path)
    assert subprocess.run(probe, capture_output=True, check=False).returncode == 0


def test_second_process_waits_with_a_message(tmp_path):
    path = tmp_path / "x.sqlite"
    store_lock.acquire(path)
    code = ("import sys; sys.path.insert(0, sys.argv[2]); from models.store import store_lock; "
            "store_lock.acquire(sys.argv[1], lambda m: print(m, file=sys.stderr, flush=True)); print('got it')")
    process = subprocess.Popen([sys.executable, "-c", code, str(path), str(ROOT)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    first = process.stderr.readline().decode()
    assert "等待" in first and process.poll() is None
    store_lock.release(path)
    out, _err = process.communicate(timeout=30)
    assert out.decode().strip() == "got it"
