"""The memo counts a disk image's bytes once: files listed inside an image lie within the image file."""

import os

from models.bundle.manifest import load_bundle
from models.inventory.scan import scan_bundle
from models.memo.memo_data import build_memo_data
from models.store.store import open_store
from tests.factory import BundleFactory


def _on_disk(root) -> int:
    """Bytes of the bundle's evidence files as they lie on disk (bundle.json and the documents are files too)."""
    return sum(os.path.getsize(os.path.join(d, n)) for d, _s, names in os.walk(root) for n in names)


def test_image_bytes_once(tmp_path):
    root = BundleFactory(tmp_path).clean()
    bundle = load_bundle(root)
    store = open_store(bundle, tmp_path / "store")
    scan_bundle(bundle, store)
    inner = store.db.execute("SELECT COUNT(*) FROM files WHERE kind = 'file' AND address IS NOT NULL "
                             "AND role IS NULL").fetchone()[0]
    assert inner > 0  # the factory's FAT image is listed inside (else this test proves nothing)
    data = build_memo_data(bundle, store, "甲", False)
    inv = data["inventory"]
    assert inv["image_files"] == inner
    assert inv["bytes"] <= _on_disk(root)  # counted twice it exceeded what lies on disk
    e2 = next(it for it in data["items"] if it["id"] == "E2")
    own = store.db.execute("SELECT SUM(size) FROM files WHERE item = 'E2' AND kind = 'file' AND address IS NULL"
                           ).fetchone()[0]
    assert own >= os.path.getsize(os.path.join(root, "evidence", "E2", "usb.dd"))
    assert e2["bytes"] == own and e2["image_files"] > 0
