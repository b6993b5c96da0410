"""A new store appears whole or not at all: a process killed at any moment while it makes stores leaves either
no store or a valid one of the current schema (before: sqlite3.connect made the file at once, and a first scan
killed before its first commit left a 0-byte store, moved aside as damaged on the next run)."""

import random
import signal
import sqlite3
import subprocess
import sys
import time

from models.store.guards import store_damage
from models.store.store_schema import SCHEMA_VERSION
from tests.helpers import ROOT

CHILD = """
import sys
from pathlib import Path
from models.store.store import open_store_file
folder = Path(sys.argv[1])
print("ready", flush=True)
for n in range(100000):
    open_store_file(folder / f"s{n:05}.sqlite").close()
"""


def _kill_while_making(folder, delay: float, how) -> None:
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(folder)], cwd=ROOT, stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL)
    assert child.stdout.readline().strip() == b"ready"
    time.sleep(delay)
    child.send_signal(how)
    child.wait(timeout=60)


def test_a_kill_at_any_moment_leaves_no_store_or_a_whole_one(tmp_path):
    rng = random.Random(4)
    made = 0
    for trial in range(12):
        folder = tmp_path / f"t{trial}"
        folder.mkdir()
        _kill_while_making(folder, rng.uniform(0.1, 1.2), rng.choice([signal.SIGTERM, signal.SIGKILL]))
        stores = sorted(folder.glob("*.sqlite"))
        made += len(stores)
        for path in stores:
            assert store_damage.damage(path) is None, (path, path.stat().st_size)
            with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True) as conn:
                assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION, path
            conn.close()
    assert made >= 12, "too few stores made before the kills: the test would prove little"
    leftovers = list(tmp_path.rglob("*.new-*"))
    from models.store.store import open_store_file

    for stem in {p.with_name(p.name.partition(".new-")[0]) for p in leftovers}:  # the same store made again
        open_store_file(stem).close()  # removes a dead builder's files
    assert not list(tmp_path.rglob("*.new-*")), leftovers
