"""A refused read or write told in the reviewer's words, the system's own text kept beside it."""

import errno

import pytest

from models.common.os_errors import os_reason


def _raised(action):
    with pytest.raises(OSError) as caught:
        action()
    return caught.value


def test_a_missing_file_is_told_in_chinese_with_the_system_text(tmp_path):
    exc = _raised(lambda: open(tmp_path / "没有.json", "rb"))
    assert os_reason(exc) == f"文件或文件夹不存在（{exc.strerror}）"


def test_a_folder_read_as_a_file(tmp_path):
    exc = _raised(lambda: open(tmp_path, "rb"))
    assert os_reason(exc).startswith("这是文件夹，不是文件（")
    assert os_reason(exc, "en").startswith("is a folder, not a file (")


def test_an_errno_without_words_keeps_the_system_text():
    exc = OSError(errno.ENOEXEC, "Exec format error")
    assert os_reason(exc) == "Exec format error"


def test_an_error_without_errno_is_its_own_text():
    assert os_reason(OSError("odd")) == "odd"
    assert os_reason(ValueError("bad value")) == "bad value"
