"""Hostile pictures in the preview and the details: a 30000x30000 PNG (a decompression bomb of ~1 MB), a truncated
JPEG, the corpus's broken PNGs and JPEGs. Each gets a Chinese reason or a picture, never an internal error, the
exception's class name or a traceback; the GUI thread never stands still a second, and a sound picture shows after."""

import functools
import shutil
import struct
import time
import zlib

import pytest
from PySide6.QtWidgets import QMessageBox

from models.bundle.manifest import load_bundle
from models.inventory.scan import scan_bundle
from models.inventory.typing_pass import fill_types
from models.store.store import open_store
from tests.ui.test_preview import camera_jpeg, pane, show  # noqa: F401 - the fixture
from tests.ui.test_window_hostile import Heartbeat

CORPUS = ("broken.png", "pngtest_bad.png.bin", "truncated_app14.jpg", "truncated_exif_dpi.jpg",
          "broken_exif_dpi.jpg", "photoshop-200dpi-broken.jpg", "sugarshack_bad_mpo_header.jpg")
SIDE = 30000


@functools.lru_cache(maxsize=1)
def bomb_png() -> bytes:
    """A grey 30000x30000 PNG: ~1 MB of file, 900 MB of pixels once decoded."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    packer = zlib.compressobj(9)
    row = b"\0" * (SIDE + 1)
    body = b"".join(packer.compress(row) for _ in range(SIDE)) + packer.flush()
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", SIDE, SIDE, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", body) + chunk(b"IEND", b""))


@pytest.fixture
def case(tmp_path, store_dir, corpus_dir):
    folder = tmp_path / "seized"
    folder.mkdir()
    (folder / "bomb.png").write_bytes(bomb_png())
    whole = camera_jpeg()
    (folder / "cut.jpg").write_bytes(whole[: len(whole) // 2])
    (folder / "photo.jpg").write_bytes(whole)
    for name in CORPUS:
        shutil.copy(corpus_dir / "exif" / "Pillow" / "Tests" / "images" / name,
                    folder / name.replace(".png.bin", ".png"))
    bundle = load_bundle(folder)
    store = open_store(bundle, store_dir)
    scan_bundle(bundle, store)
    fill_types(bundle, store, workers=1)
    return bundle, store


@pytest.fixture
def boxes(monkeypatch):
    found = []
    for name in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name, lambda parent, title, text, *a, n=name, **k: found.append((n, text)))
    return found


def plain(text: str) -> None:
    for bad in ("Traceback", "Error", "内部错误", "Errno", "<_io", "Warning"):
        assert bad not in text, text


@pytest.mark.parametrize("name", ["bomb.png", "cut.jpg", *(n.replace(".png.bin", ".png") for n in CORPUS)])
def test_a_hostile_picture_is_explained_plainly(qtbot, pane, name, boxes):  # noqa: F811
    beat = Heartbeat()
    started = time.monotonic()
    show(qtbot, pane, name)
    beat.timer.stop()
    shown = " ".join(w.text() for w in (pane.message, pane.info))
    plain(shown)
    assert boxes == []
    assert beat.worst < 1.0 or time.monotonic() - started < 1.0
    assert show(qtbot, pane, "photo.jpg") is not None and pane.image.pixmap() is not None
