"""Sources of evidence entries: a folder now, disk images beside it later (same two methods)."""

import os
import stat as statmod
import sys
from operator import attrgetter
from pathlib import Path, PurePosixPath
from typing import BinaryIO, Iterator, NamedTuple

from models.bundle.birthtime import make_reader, make_statx_reader
from models.bundle.names import from_os, name_text
from models.bundle.safepath import open_evidence, resolve_inside
from models.common.os_errors import os_reason
from models.runtime.jobs import check_cancel


class Entry(NamedTuple):
    """One listed thing with its file-system times in UTC nanoseconds (None where the source lacks one).

    A NamedTuple rather than a frozen dataclass: a million of them are made in a scan, and a frozen
    dataclass's __init__ costs several times more."""

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


_IS_WINDOWS = sys.platform == "win32"
S_ISREG = statmod.S_ISREG
_NAME = attrgetter("name")
_FS_ENCODING = sys.getfilesystemencoding()


def _kind(mode: int) -> str:
    if statmod.S_ISREG(mode):
        return "file"
    if statmod.S_ISLNK(mode):
        return "link"
    if statmod.S_ISDIR(mode):
        return "dir"
    return "other"


def entry_from_stat(rel: str, st: os.stat_result, full, birth=None) -> Entry:
    """dfvfs-style: each time only where the platform really gives it; a link's target read, not followed."""
    kind = _kind(st.st_mode)
    target = None
    if kind == "link":
        try:
            target = from_os(os.fsdecode(os.readlink(full)))
        except OSError as exc:
            target = f"? ({os_reason(exc)})"
    created = getattr(st, "st_birthtime_ns", None)
    if _IS_WINDOWS:  # there st_ctime is the creation time, and no change time exists
        return Entry(rel, kind, st.st_size, st.st_mode, st.st_mtime_ns, st.st_atime_ns, None,
                     created if created is not None else st.st_ctime_ns, target)
    if created is None:
        created = (birth or make_reader())(os.fsencode(full))
    return Entry(rel, kind, st.st_size, st.st_mode, st.st_mtime_ns, st.st_atime_ns, st.st_ctime_ns, created, target)


class FolderSource:
    """Every entry below a folder, stat taken with lstat before any read; links listed, never followed."""

    def __init__(self, root: Path, skip: tuple[str, ...] = ()):
        self.root = Path(root)
        self.skip = set(skip)

    def start(self) -> list[tuple[bytes, str]]:
        """The stack of folders still to list at the start: the root."""
        return [(os.fsencode(self.root), "")]

    def folders(self, stack: list | None = None, cancel=None) -> Iterator[list[Entry]]:
        """The entries folder by folder (children in name order, subfolders after), from a stack of
        (full path, relative path) still to list. Between two folders the stack holds exactly the work
        left, so a caller may stop and hand it on (models.inventory.scan_process continues it in a helper process).

        A regular file costs one statx call on Linux (all times, the birth time included); anything else
        an lstat, and a link also its target, which is never followed."""
        stack = self.start() if stack is None else stack
        statx = None if _IS_WINDOWS else make_statx_reader()
        birth, skip, make = make_reader(), self.skip, Entry._make
        while stack:
            check_cancel(cancel)
            full_dir, rel_dir = stack.pop()
            try:
                with os.scandir(full_dir) as listing:
                    children = sorted(listing, key=_NAME)
            except OSError as exc:
                yield [Entry(rel_dir or ".", "dir", error=os_reason(exc))]
                continue
            prefix = rel_dir + "/" if rel_dir else ""
            found, subfolders = [], []
            for child in children:
                try:
                    rel = prefix + child.name.decode(_FS_ENCODING)
                except UnicodeDecodeError:  # GBK or Latin-1 bytes: kept as name text (models.bundle.names)
                    rel = prefix + name_text(child.name)
                if skip and rel in skip:
                    continue
                try:
                    if child.is_dir(follow_symlinks=False):  # from the listing's d_type: no system call
                        subfolders.append((child.path, rel))
                        continue
                    if statx is not None:
                        times = statx(child.path)
                        if S_ISREG(times[1]):
                            found.append(make((rel, "file", *times, None, None, False)))
                            continue
                    st = child.stat(follow_symlinks=False)
                except OSError as exc:
                    found.append(Entry(rel, "other", error=os_reason(exc)))
                    continue
                found.append(entry_from_stat(rel, st, child.path, birth))
            stack.extend(reversed(subfolders))
            yield found

    def entries(self, cancel=None) -> Iterator[Entry]:
        """Every entry below the folder except folders themselves, depth-first in name order."""
        for found in self.folders(cancel=cancel):
            yield from found

    def open(self, rel: str) -> BinaryIO:
        """Read-only stream of one file inside the folder (refuses anything that leaves it)."""
        return open_evidence(resolve_inside(self.root, str(PurePosixPath(rel))))
