"""Paths that stay inside the bundle, and read-only opening that never follows a link nor touches atime."""

import os
import re
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from models.bundle.names import to_os

_DRIVE_RE = re.compile(r"^[A-Za-z]:")
_NOATIME = getattr(os, "O_NOATIME", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_BINARY = getattr(os, "O_BINARY", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # no effect on a regular file; a FIFO or device never blocks


class SafePathError(ValueError):
    """A path that would leave the bundle; `.rule_zh` / `.rule_en` say why."""

    def __init__(self, rule_zh: str, rule_en: str):
        super().__init__(f"{rule_zh} / {rule_en}")
        self.rule_zh = rule_zh
        self.rule_en = rule_en


def check_relative(rel: str) -> None:
    """Refuse absolute paths, drive letters, backslashes and '..' segments."""
    if not isinstance(rel, str) or not rel.strip():
        raise SafePathError("路径为空", "empty path")
    if rel.startswith("/") or _DRIVE_RE.match(rel) or rel.startswith("\\\\"):
        raise SafePathError("不得使用绝对路径", "absolute paths are not allowed")
    if "\\" in rel:
        raise SafePathError("路径须以 / 分隔，不得含反斜杠", "paths use '/', not backslashes")
    if ".." in rel.split("/"):  # the same test as PurePosixPath(rel).parts, at a tenth of the cost
        raise SafePathError("路径不得含 .. 段", "'..' segments are not allowed")
    if "\x00" in rel:
        raise SafePathError("路径含空字符", "path contains a NUL character")


def is_inside(root: Path, path: Path) -> bool:
    """True when the fully resolved path is root or below it."""
    real_root = os.path.realpath(root)
    real = os.path.realpath(path)
    return os.path.commonpath([real_root, real]) == real_root


def resolve_inside(root: Path, rel: str) -> Path:
    """root/rel after checking it, refusing any link on the way that resolves outside root."""
    check_relative(rel)
    path = Path(root) / PurePosixPath(to_os(rel))  # a name that is not UTF-8: its bytes again
    if not is_inside(root, path):
        raise SafePathError("路径经链接指向证据包之外", "the path resolves outside the bundle through a link")
    return path


def open_evidence_fd(path) -> int:
    """A read-only descriptor, never through a final symlink, without updating atime (the caller closes it)."""
    flags = os.O_RDONLY | _NOFOLLOW | _BINARY | _NONBLOCK
    try:
        return os.open(path, flags | _NOATIME)
    except PermissionError:
        return os.open(path, flags)  # O_NOATIME needs ownership of the file; fall back quietly


def open_evidence(path: Path) -> BinaryIO:
    """Open read-only and unbuffered, never through a final symlink, without updating atime."""
    return os.fdopen(open_evidence_fd(path), "rb", buffering=0)
