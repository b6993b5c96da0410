"""Property-based test (hypothesis, fixed seed): names inside a disk image keep their bytes. An ext4 image made
by mkfs.ext4 -d of a folder whose names are any bytes (GBK, Latin-1, broken UTF-8) lists each name as name text
whose bytes are the name's own, shown decoded (GB18030 first) with the hex beside."""

import os
import subprocess

import pytest

from models.bundle.names import raw_bytes, shown
from models.image.disk.container import inspect
from models.image.source import ImageSource
from tests.image_factory import require

hypothesis = pytest.importorskip("hypothesis", reason="hypothesis is not installed (requirements-dev.txt)")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

# mkfs.ext4 and a listing per example (~0.2 s): fewer examples than the text parsers
EXAMPLES = int(os.environ.get("EVIDENCEDESK_IMAGE_NAME_EXAMPLES", "25"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
NAME = st.one_of(st.binary(min_size=1, max_size=20),
                 st.text("文件照片聊天记录。abc", min_size=1, max_size=6).map(lambda t: t.encode("gbk")),
                 st.text(min_size=1, max_size=6).map(lambda t: t.encode("utf-8", "surrogatepass"))).filter(
    lambda b: b"/" not in b and b"\x00" not in b and b not in (b".", b".."))


def _check_listing(folder, names: list[bytes]) -> None:
    """An ext4 image of files named `names` lists each as name text of exactly those bytes."""
    require("mkfs.ext4")
    src = os.path.join(os.fsencode(folder), b"src")
    os.mkdir(src)
    for raw in names:
        with open(os.path.join(src, raw), "wb") as out:
            out.write(raw)
    image = folder / "e.img"
    with open(image, "wb") as out:
        out.truncate(2 << 20)
    subprocess.run(["mkfs.ext4", "-q", "-F", "-d", os.fsdecode(src), str(image)], check=True, capture_output=True)
    source = ImageSource(inspect(image), "UTC")
    try:
        listed = [e.path.rsplit("/", 1)[1] for e in source.entries() if e.kind == "file" and e.role is None]
    finally:
        source.close()
    assert sorted(raw_bytes(n) for n in listed) == sorted(names)
    for name in listed:
        name.encode("utf-8")  # storable and printable
        if raw_bytes(name) != name.encode("utf-8"):
            assert raw_bytes(name).hex() in shown(name)


@SETTINGS
@given(st.lists(NAME, min_size=1, max_size=6, unique=True))
def test_names_in_an_image_keep_their_bytes(tmp_path_factory, names):
    _check_listing(tmp_path_factory.mktemp("ext4"), names)


def test_a_gbk_name_in_an_image_is_not_replaced(tmp_path):
    """Found by the property above: ext4 names were decoded with 'replace': 文件.txt in GBK listed as '�ļ�.txt',
    b'\\xff\\xfe.txt' and b'\\xff\\xfd.txt' both as '��.txt' (told apart by address only)."""
    _check_listing(tmp_path, ["文件.txt".encode("gbk"), b"\xff\xfe.txt", b"\xff\xfd.txt"])
