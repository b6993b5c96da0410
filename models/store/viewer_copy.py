"""A copy of one evidence file for an outside program: made read-only in a folder beside the review store,
so whatever the program does (save, lock, rewrite) it never reaches the bundle."""

import os
import shutil
import tempfile
import time
from pathlib import Path, PurePosixPath

from models.bundle.safepath import is_inside, open_evidence, resolve_inside
from models.runtime.jobs import check_cancel

CHUNK = 1 << 20
KEEP_SECONDS = 7 * 24 * 3600  # a copy an outside program may still have open is kept a week


def viewer_dir(store) -> Path:
    """<store file>.viewer/ beside the review store."""
    return Path(f"{store.path}.viewer")


def copy_for_viewer(root, rel: str, folder, cancel=None) -> Path:
    """Copy bundle file `rel` into a fresh sub-folder of `folder`, read-only (0444); the copy's path."""
    source = resolve_inside(Path(root), rel)
    folder = Path(folder)
    if is_inside(Path(root), folder):  # asked before the folder is made: nothing is ever written into the bundle
        raise ValueError("副本文件夹在证据包内 / the copy folder is inside the bundle")
    folder.mkdir(parents=True, exist_ok=True)
    prune(folder)
    target = Path(tempfile.mkdtemp(prefix="open-", dir=folder)) / PurePosixPath(rel).name
    with open_evidence(source) as stream, open(target, "xb") as out:
        while chunk := stream.read(CHUNK):
            check_cancel(cancel)
            out.write(chunk)
    os.chmod(target, 0o444)
    shutil.copystat(source, target, follow_symlinks=False)  # the program sees the evidence's times
    os.chmod(target, 0o444)
    now = time.time()  # the folder's age is then read by the clock prune reads, even where it and the disk disagree
    os.utime(target.parent, (now, now))
    return target


def prune(folder, keep_seconds: float = KEEP_SECONDS) -> int:
    """Remove the copies made more than keep_seconds ago (a copy still held open elsewhere stays); how many went."""
    limit, removed = time.time() - keep_seconds, 0
    for sub in Path(folder).glob("open-*"):
        try:
            if sub.is_symlink() or not sub.is_dir() or sub.stat().st_mtime >= limit:
                continue
            for child in sub.iterdir():  # read-only copies: writable again so every system can delete them
                if not child.is_symlink():
                    os.chmod(child, 0o600)
            shutil.rmtree(sub)
            removed += 1
        except OSError:
            continue
    return removed
