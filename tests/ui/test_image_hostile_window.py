"""Damaged disk images opened in the window: every file selected, its details and preview shown or the
reason said; no exception in a slot (pytest-qt fails the test on one)."""

import shutil

import pytest

from tests.image_factory import iso_image, iso_set_offsets
from tests.models.test_image_hostile import _ext2_with_a_huge_sparse_claim
from tests.ui.test_window import SCAN_TIMEOUT, all_paths, messages  # noqa: F401 - messages: a fixture


def _iso_pycdlib_refuses(folder):
    image = iso_image(folder)
    iso_set_offsets(image, 32)
    data = bytearray(image.read_bytes())
    data[16 * 2048 + 6] = 2
    image.write_bytes(bytes(data))
    return image


@pytest.mark.parametrize(("make", "shown_path", "said"), [
    (_iso_pycdlib_refuses, "disc.iso:/p1/readme.txt", "ISO 9660 时区偏移未读出"),
    (lambda folder: _ext2_with_a_huge_sparse_claim(folder, 32 << 20), "ext.img:/p1/sub/big.bin", "超过其所在分区")])
def test_every_file_of_a_damaged_image_shows_or_says_why(qtbot, window, tmp_path, make, shown_path, said):
    (tmp_path / "src").mkdir()
    image = make(tmp_path / "src")
    (tmp_path / "case").mkdir()
    image = shutil.move(image, tmp_path / "case" / image.name)
    with qtbot.waitSignals([window.scan_finished, window.types_finished], timeout=SCAN_TIMEOUT):
        assert window.open_bundle(image)
    paths = sorted(all_paths(window.files_tab.model))
    assert shown_path in paths
    for path in [*paths, shown_path]:  # details and preview of each; the last one stays on show
        assert window.files_tab.select_path(path)
        qtbot.wait(20)
    qtbot.wait(300)  # the last preview's worker ends (an exception in its slot fails the test)
    texts = "\n".join(window.detail.section_texts())
    assert said in texts, texts
    assert "内部错误" not in texts and "internal error" not in texts


def test_an_e01_libewf_will_not_open_is_a_stated_reason_not_an_unexpected_error(qtbot, window, tmp_path,
                                                                                  messages):  # noqa: F811
    """An E01 whose table section's header checksum fails: libewf refuses the handle, the scan ends with an
    ImageError. Before: the window's 程序遇到意外错误 box (an internal error) with the text in English."""
    import struct
    import subprocess

    from tests.image_factory import e01_of, require
    from tests.test_image_hostile import _sections

    require("mkfs.vfat")
    raw = tmp_path / "usb.raw"
    with open(raw, "wb") as out:
        out.truncate(1 << 20)
    subprocess.run(["mkfs.vfat", "-F", "12", str(raw)], check=True, capture_output=True)
    (tmp_path / "case").mkdir()
    image = e01_of(raw, tmp_path / "case" / "usb", compression="none")
    data = bytearray(image.read_bytes())
    at = next(at for at, kind in _sections(data) if kind == "table")
    struct.pack_into("<I", data, at + 76, 0x7FFFFFFF)  # the entry count: the header's checksum no longer matches
    image.write_bytes(bytes(data))
    with qtbot.waitSignal(window.scan_finished, timeout=SCAN_TIMEOUT):
        assert window.open_bundle(image)
    assert len(messages) == 1, messages
    _kind, _title, text = messages[0]
    assert "扫描未能完成" in text and "libewf" in text and "usb.E01" in text, text
    assert "意外错误" not in text and "ImageError" not in text, text
