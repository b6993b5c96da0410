"""Creation time comes from statx on Linux and agrees with stat(1)'s %W; absent stays None."""

import os
import subprocess
import sys

import pytest

from models.bundle.birthtime import birth_time_ns


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


def test_statx_reader_agrees_with_lstat(tmp_path):
    from models.bundle.birthtime import make_statx_reader

    read = make_statx_reader()
    if read is None:  # no statx here (not Linux): the scan uses os.lstat
        return
    path = tmp_path / "f.bin"
    path.write_bytes(b"x" * 1234)
    os.utime(path, ns=(1_600_000_000_123_456_789, 1_700_000_000_987_654_321))
    st = os.lstat(path)
    size, mode, modified, accessed, changed, created = read(os.fsencode(path))
    assert (size, mode, modified, accessed, changed) == (st.st_size, st.st_mode, st.st_mtime_ns, st.st_atime_ns,
                                                         st.st_ctime_ns)
    assert created == birth_time_ns(str(path))
    with pytest.raises(FileNotFoundError):
        read(os.fsencode(tmp_path / "absent"))
