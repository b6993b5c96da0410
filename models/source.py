"""Sources of evidence entries: a folder now, disk images beside it later (same two methods)."""

import os
import stat as statmod
import sys
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO, Iterator

from models.birthtime import birth_time_ns
from models.jobs import check_cancel
from models.safepath import open_evidence, resolve_inside


@dataclass(frozen=True)
class Entry:
    """One listed thing with its file-system times in UTC nanoseconds (None where the source lacks one)."""

    path: str
    kind: str  # file | dir | link | other
    size: int | None = None
    mode: int | None = None
    modified_ns: int | None = None
    accessed_ns: int | None = None
    changed_ns: int | None = None
    created_ns: int | None = None
    link_target: str | None = None
    error: str | None = None
    deleted: bool = False


def _kind(st: os.stat_result) -> str:
    if statmod.S_ISLNK(st.st_mode):
        return "link"
    if statmod.S_ISDIR(st.st_mode):
        return "dir"
    if statmod.S_ISREG(st.st_mode):
        return "file"
    return "other"


def _times(st: os.stat_result, full: str) -> dict:
    """dfvfs-style: each time only where the platform really gives it."""
    created = getattr(st, "st_birthtime_ns", None)
    if sys.platform == "win32":  # there st_ctime is the creation time, and no change time exists
        return {"modified_ns": st.st_mtime_ns, "accessed_ns": st.st_atime_ns, "changed_ns": None,
                "created_ns": created if created is not None else st.st_ctime_ns}
    if created is None and hasattr(st, "st_birthtime"):
        created = int(st.st_birthtime * 1_000_000_000)
    if created is None:
        created = birth_time_ns(full)
    return {"modified_ns": st.st_mtime_ns, "accessed_ns": st.st_atime_ns, "changed_ns": st.st_ctime_ns,
            "created_ns": created}


def entry_from_stat(rel: str, st: os.stat_result, full: str) -> Entry:
    kind = _kind(st)
    target = None
    if kind == "link":
        try:
            target = os.readlink(full)
        except OSError as exc:
            target = f"? ({exc.strerror})"
    return Entry(path=rel, kind=kind, size=st.st_size, mode=st.st_mode, link_target=target, **_times(st, full))


class FolderSource:
    """Every entry below a folder, stat taken with lstat before any read; links listed, never followed."""

    def __init__(self, root: Path, skip: tuple[str, ...] = ()):
        self.root = Path(root)
        self.skip = set(skip)

    def entries(self, cancel=None) -> Iterator[Entry]:
        stack = [""]
        while stack:
            check_cancel(cancel)
            rel_dir = stack.pop()
            full_dir = os.path.join(self.root, rel_dir) if rel_dir else str(self.root)
            try:
                with os.scandir(full_dir) as listing:
                    children = sorted(listing, key=lambda d: d.name)
            except OSError as exc:
                yield Entry(path=rel_dir or ".", kind="dir", error=exc.strerror or str(exc))
                continue
            for child in children:
                rel = f"{rel_dir}/{child.name}" if rel_dir else child.name
                if rel in self.skip:
                    continue
                yield from self._one(child, rel, stack)

    def _one(self, child: os.DirEntry, rel: str, stack: list) -> Iterator[Entry]:
        try:
            st = child.stat(follow_symlinks=False)
        except OSError as exc:
            yield Entry(path=rel, kind="other", error=exc.strerror or str(exc))
            return
        entry = entry_from_stat(rel, st, child.path)
        if entry.kind == "dir":
            stack.append(rel)
        else:
            yield entry

    def open(self, rel: str) -> BinaryIO:
        """Read-only stream of one file inside the folder (refuses anything that leaves it)."""
        return open_evidence(resolve_inside(self.root, str(PurePosixPath(rel))))
