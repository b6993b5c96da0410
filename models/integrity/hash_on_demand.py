"""工具 > 计算哈希值: the four digests of one file or of every file under a folder, links listed and never followed."""

import os
import stat
from pathlib import Path
from typing import NamedTuple

from models.common.os_errors import os_reason
from models.integrity.digests import ALGORITHMS, digest_file
from models.runtime.jobs import check_cancel


class HashedFile(NamedTuple):
    path: str  # relative to the folder picked ('/'), or the file's name
    size: int
    digests: dict  # algorithm -> hex; empty when error
    error: str | None = None


def files_under(target: Path) -> list[tuple[str, Path, int]]:
    """(relative path, path, size) of every regular file: the file itself, or a folder walked without links."""
    info = os.lstat(target)
    if stat.S_ISREG(info.st_mode):
        return [(target.name, target, info.st_size)]
    found = []
    for folder, dirs, names in os.walk(target, followlinks=False):
        dirs.sort()
        for name in sorted(names):
            path = Path(folder) / name
            entry = os.lstat(path)
            if stat.S_ISREG(entry.st_mode):
                found.append((path.relative_to(target).as_posix(), path, entry.st_size))
    return found


def hash_target(target, progress=None, cancel=None) -> list[HashedFile]:
    """MD5, SHA-1, SHA-256 and SM3 of each file; progress(files done, files, bytes done, bytes)."""
    files = files_under(Path(target))
    total = sum(size for _rel, _path, size in files)
    done_bytes, results = 0, []
    for number, (rel, path, size) in enumerate(files):
        check_cancel(cancel)
        base = done_bytes

        def step(_done, _total=None, read=0, _size=None, base=base):
            if progress:
                progress(number, len(files), base + (read or 0), total)
        try:
            results.append(HashedFile(rel, size, digest_file(path, ALGORITHMS, step, cancel)))
        except OSError as exc:
            results.append(HashedFile(rel, size, {}, f"{os_reason(exc)}"))
        done_bytes += size
        if progress:
            progress(number + 1, len(files), done_bytes, total)
    return results
