"""Bundles made by code for the hostile tests: a valid manifest listing a file, a disk image and a folder
with its digest list, into which a test plants a FIFO, a device, a sparse file or an odd name."""

import copy
import hashlib
import json
import os
from pathlib import Path

from tests.models.test_manifest import GOOD

IMAGE = b"\x00" * 4096


def manifest() -> dict:
    data = copy.deepcopy(GOOD)
    data["items"][0]["content"] = [
        {"path": "evidence/E1/a.txt", "type": "file", "digests": {"md5": hashlib.md5(b"hello").hexdigest()}},
        {"path": "evidence/E1/disk.dd", "type": "disk_image", "digests": {"md5": hashlib.md5(IMAGE).hexdigest()}},
        {"path": "evidence/E1/dir", "type": "directory", "digest_list": "evidence/E1/dir.md5"},
    ]
    return data


def hostile_bundle(tmp_path, data: dict | None = None) -> Path:
    """The bundle: evidence/E1/{a.txt, disk.dd, dir/b.txt, dir.md5}; every digest matches."""
    root = Path(tmp_path) / "bundle"
    (root / "evidence" / "E1" / "dir").mkdir(parents=True)
    (root / "evidence" / "E1" / "a.txt").write_bytes(b"hello")
    (root / "evidence" / "E1" / "disk.dd").write_bytes(IMAGE)
    (root / "evidence" / "E1" / "dir" / "b.txt").write_bytes(b"b")
    (root / "evidence" / "E1" / "dir.md5").write_text(f"{hashlib.md5(b'b').hexdigest()}  b.txt\n")
    (root / "bundle.json").write_text(json.dumps(data or manifest(), ensure_ascii=False), encoding="utf-8")
    return root


def replace_with_fifo(path: Path) -> None:
    if path.exists():
        path.unlink()
    os.mkfifo(path)
