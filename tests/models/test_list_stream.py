"""A digest list read line by line gives the lines the whole-file reading gave: same decoding, same cuts."""

import pytest

from models.bundle.names import from_os
from models.bundle.safe_read import MetadataReadError
from models.integrity.list_stream import CHUNK, ListFile
from models.integrity.recorded import list_lines
from models.inventory.textenc import decode_text

CASES = {
    "utf8_bom": "\ufeff%%%% HASHDEEP-1.0\n文件/照片.jpg\r\n".encode() * 3,
    "gbk": ("d41d8cd98f00b204e9800998ecf8427e  目录/聊天记录.txt\n" * 5).encode("gbk"),
    "invalid": b"d41d8cd98f00b204e9800998ecf8427e  bad\xff\xfe.txt\nlast line without feed",
    "long_utf8_then_gbk": ("a" * (CHUNK + 7) + "\n").encode() + "尾\n".encode("gbk"),
    "split_character": ("x" * (CHUNK - 1) + "文\n").encode() * 2,
    "odd_breaks": "a\x1cb\u2028c\x85d\n\ne\n".encode(),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_lines_and_count_as_the_whole_reading(tmp_path, name):
    data = CASES[name]
    path = tmp_path / name
    path.write_bytes(data)
    listing = ListFile(path, 1 << 30)
    expected = list_lines(from_os(decode_text(data, "surrogateescape")))
    assert list(listing) == expected
    assert listing.lines == len(expected)


def test_fifo_and_cap_refused(tmp_path):
    import os

    os.mkfifo(tmp_path / "fifo")
    with pytest.raises(MetadataReadError):
        ListFile(tmp_path / "fifo", 1 << 20)
    (tmp_path / "big").write_bytes(b"x\n" * 100)
    with pytest.raises(MetadataReadError):
        ListFile(tmp_path / "big", 50)
