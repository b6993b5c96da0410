"""Bundle-relative paths that may not leave the bundle; opening evidence without a link or atime change."""

import os

import pytest

from models.bundle.safepath import SafePathError, check_relative, open_evidence, open_evidence_fd


@pytest.mark.parametrize("rel", ["..", "../x", "a/..", "a/../b", "a/./../b", "a//../b", "/etc/passwd", "C:x",
                                 "a\\b", "", " ", "a\x00b"])
def test_paths_that_leave_or_are_malformed_are_refused(rel):
    with pytest.raises(SafePathError):
        check_relative(rel)


@pytest.mark.parametrize("rel", ["a", "a/b.txt", "a/..b", "..a/b", "a/b..", "a//b", "./a", "证据/照片.jpg"])
def test_ordinary_paths_pass(rel):
    check_relative(rel)


def test_evidence_is_opened_read_only_and_never_through_a_final_link(tmp_path):
    target = tmp_path / "t.txt"
    target.write_bytes(b"x")
    (tmp_path / "link").symlink_to(target)
    with pytest.raises(OSError):
        open_evidence(tmp_path / "link")
    fd = open_evidence_fd(target)
    try:
        with pytest.raises(OSError):
            os.write(fd, b"y")
    finally:
        os.close(fd)
    with open_evidence(target) as stream:
        assert stream.read() == b"x"
