"""An E01's acquisition time read the same on any reviewer's machine: EnCase 4+ headers keep an instant (libewf
prints it in the reading process's zone, so it is read back as the instant), EnCase 1-3 a wall clock (kept as
written, its zone unknown)."""

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from tests.image_factory import e01_of

ROOT = Path(__file__).resolve().parents[2]
READ = ("import json, sys, pyewf\nsys.path.insert(0, sys.argv[1])\nfrom models.image.disk.headers import ewf_headers\n"
        "h = pyewf.handle(); h.open([sys.argv[2]])\nprint(json.dumps(ewf_headers(h)['acquired_at']))\n")


def _acquired(image: Path, tz: str):
    env = dict(os.environ, TZ=tz)
    done = subprocess.run([sys.executable, "-c", READ, str(ROOT), str(image)], capture_output=True, text=True,
                          env=env, check=True)
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def raw(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("hdr") / "m.raw"
    path.write_bytes(os.urandom(64 * 1024))
    return path


def test_encase6_time_is_an_instant_the_same_in_any_zone(raw):
    image = e01_of(raw, raw.parent / "e6", fmt="encase6")
    seen = {tz: _acquired(image, tz) for tz in ("UTC", "Asia/Shanghai", "America/New_York")}
    instants = {datetime.fromisoformat(v) for v in seen.values()}
    assert len(instants) == 1, seen  # before: three wall clocks, 13 hours apart
    assert all(datetime.fromisoformat(v).tzinfo is not None for v in seen.values())


def test_encase2_time_is_the_wall_clock_as_written(raw):
    image = e01_of(raw, raw.parent / "e2", fmt="encase2")
    seen = {tz: _acquired(image, tz) for tz in ("UTC", "Asia/Shanghai")}
    assert len(set(seen.values())) == 1, seen
    assert datetime.fromisoformat(seen["UTC"]).tzinfo is None  # no zone invented for a time that has none
