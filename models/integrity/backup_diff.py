"""Art. 31.3 in detail: which files of a backup differ from its original, and a line diff for text and CSV.

Reads the bundle read-only (models.bundle.safepath), never through a link; each text side is read up to
`cap` bytes so a large log cannot stall the window, and the result says when a side was cut."""

import difflib
import io
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from models.bundle.safepath import open_evidence, resolve_inside
from models.bundle.source import FolderSource
from models.common.os_errors import os_reason
from models.integrity.backup import strip_common_folder
from models.inventory.textenc import read_text_preview
from models.runtime.jobs import check_cancel

CAP_BYTES = 5 * 1024 * 1024  # each side of a line diff
MAX_DIFF_LINES = 20_000  # a diff longer than this is cut; the rest is counted
TEXT_SUFFIXES = {".txt", ".csv", ".tsv", ".log", ".json", ".xml", ".html", ".htm", ".md", ".ini", ".cfg", ".sql"}
CHUNK = 1 << 20


@dataclass
class FileDiff:
    """status: same | differs | missing_in_backup | missing_in_original | unreadable."""

    path: str
    status: str
    original: str | None = None
    backup: str | None = None
    lines: list[str] = field(default_factory=list)
    text: bool = False
    truncated: bool = False
    more_lines: int = 0
    error: str = ""


def item_files(root: Path, item: dict, cancel=None) -> dict[str, str]:
    """Path relative to the item's common folder -> bundle path, for every file its content lists or holds."""
    found: list[str] = []
    for entry in item.get("content") or []:
        rel = entry.get("path")
        if not rel:
            continue
        if entry.get("type", "file") != "directory":
            found.append(rel)
            continue
        folder = resolve_inside(root, rel)
        prefix = "" if rel in (".", "") else rel.rstrip("/") + "/"
        found.extend(prefix + e.path for e in FolderSource(folder).entries(cancel=cancel) if e.kind == "file")
    relative = strip_common_folder(found)
    return {relative[p]: p for p in found}


def _same_bytes(root: Path, a: str, b: str, cancel=None) -> bool:
    with open_evidence(resolve_inside(root, a)) as fa, open_evidence(resolve_inside(root, b)) as fb:
        while True:
            check_cancel(cancel)
            ca, cb = fa.read(CHUNK), fb.read(CHUNK)
            if ca != cb:
                return False
            if not ca:
                return True


def read_capped(root: Path, rel: str, cap: int = CAP_BYTES) -> bytes:
    """Up to cap + 1 bytes of one evidence file (one more than the cap: the reader learns it was cut)."""
    with open_evidence(resolve_inside(root, rel)) as stream:
        data = b""
        while len(data) <= cap:
            chunk = stream.read(cap + 1 - len(data))
            if not chunk:
                break
            data += chunk
        return data


def is_text_name(rel: str) -> bool:
    return PurePosixPath(rel).suffix.lower() in TEXT_SUFFIXES


def text_diff(old: bytes, new: bytes, old_name: str, new_name: str, cap: int = CAP_BYTES) -> tuple[list, bool] | None:
    """(unified diff lines, either side cut at cap) over the decoded text; None when either side is not text."""
    old_text, old_enc = read_text_preview(io.BytesIO(old), cap)
    new_text, new_enc = read_text_preview(io.BytesIO(new), cap)
    if old_enc is None or new_enc is None:
        return None
    lines = difflib.unified_diff(old_text.splitlines(), new_text.splitlines(), old_name, new_name, lineterm="")
    return list(lines), len(old) > cap or len(new) > cap


def compare_files(root: Path, rel: str, original: str, backup: str, cap: int = CAP_BYTES, cancel=None) -> FileDiff:
    """One file present on both sides: same bytes, or the differences (a line diff when it is text)."""
    diff = FileDiff(rel, "same", original, backup, text=is_text_name(rel))
    try:
        if _same_bytes(root, original, backup, cancel):
            return diff
        diff.status = "differs"
        if diff.text:
            found = text_diff(read_capped(root, original, cap), read_capped(root, backup, cap), original, backup, cap)
            if found is None:
                diff.text = False
            else:
                lines, diff.truncated = found
                diff.lines, diff.more_lines = lines[:MAX_DIFF_LINES], max(0, len(lines) - MAX_DIFF_LINES)
    except OSError as exc:
        diff.status, diff.error = "unreadable", os_reason(exc)
    return diff


def diff_backup(root: Path, item: dict, original: dict, cap: int = CAP_BYTES, progress=None,
                cancel=None) -> list[FileDiff]:
    """Every file of the backup `item` and its `original`, by relative path, in path order."""
    root = Path(root)
    theirs, mine = item_files(root, original, cancel), item_files(root, item, cancel)
    paths = sorted(set(theirs) | set(mine))
    result = []
    for done, rel in enumerate(paths):
        check_cancel(cancel)
        if progress is not None:
            progress(done, len(paths))
        a, b = theirs.get(rel), mine.get(rel)
        if a is None or b is None:
            status = "missing_in_backup" if b is None else "missing_in_original"
            result.append(FileDiff(rel, status, a, b, text=is_text_name(rel)))
            continue
        result.append(compare_files(root, rel, a, b, cap, cancel))
    if progress is not None:
        progress(len(paths), len(paths))
    return result
