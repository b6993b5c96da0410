"""Creation time comes from statx on Linux and agrees with stat(1)'s %W; absent stays None."""

import subprocess
import sys

from models.birthtime import birth_time_ns


def test_birth_time_matches_stat_tool(tmp_path):
    path = tmp_path / "f.txt"
    path.write_text("x")
    ns = birth_time_ns(str(path))
    if sys.platform.startswith("linux"):
        seconds = subprocess.run(["stat", "-c", "%W", str(path)], capture_output=True, text=True).stdout.strip()
        expected = None if seconds in ("0", "-") else int(seconds)
        assert (ns // 1_000_000_000 if ns is not None else None) == expected


def test_missing_file_has_no_birth_time(tmp_path):
    assert birth_time_ns(str(tmp_path / "absent")) is None
