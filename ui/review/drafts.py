"""What the reviewer typed but has not saved yet (an outcome's choice, reason and corrections, a clause's note and
reason, a relevance fact), kept in a small file beside the store: closing the window, opening another case or a
SIGTERM keeps it, and it is put back when the case opens again. A draft is never a decision: only 保存 records one.

The file is JSON, written whole through a temporary name and a rename; one that is not a draft file is ignored."""

import json
import os
import stat
import tempfile
from pathlib import Path

CAP = 4 << 20  # a draft file is a few KB: a larger one is not ours
SUFFIX = ".drafts.json"


def drafts_path(store) -> Path | None:
    return store.path.with_name(store.path.name + SUFFIX) if store is not None else None


def _read(path: Path) -> dict[str, object]:
    """The drafts kept in path; {} when there is none or it is not a draft file (never an error)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return {}
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > CAP:
            return {}
        with os.fdopen(fd, "rb", closefd=False) as stream:
            value = json.loads(stream.read(CAP).decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return {}
    finally:
        os.close(fd)
    entries = value.get("drafts") if isinstance(value, dict) else None
    return {k: v for k, v in entries.items() if isinstance(k, str) and _plain(v)} if isinstance(entries, dict) else {}


def _plain(value) -> bool:
    """A string, or a flat dict of strings (and None): what the widgets put."""
    if isinstance(value, str):
        return True
    return isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, (str, type(None)))
                                           for k, v in value.items())


class Drafts:
    """key -> draft for one store; put() and take() in memory, write() to the file (False when it cannot)."""

    def __init__(self):
        self.path: Path | None = None
        self.entries: dict[str, object] = {}
        self._written: dict[str, object] = {}
        self.error: OSError | None = None

    def open(self, store) -> None:
        self.path = drafts_path(store)
        self.entries = _read(self.path) if self.path is not None else {}
        self._written = dict(self.entries)
        self.error = None

    def get(self, key: str):
        return self.entries.get(key)

    def put(self, key: str, value) -> None:
        """Keep value under key; an empty value (None, "", a dict of empty values) forgets the key."""
        empty = not value or isinstance(value, dict) and not any(value.values())
        if empty:
            self.entries.pop(key, None)
        else:
            self.entries[key] = value

    def changed(self) -> bool:
        return self.entries != self._written

    def write(self) -> bool:
        """Keep the drafts in the file beside the store (the file goes when none is left); False, with error set,
        when the disk or the folder refuses."""
        if self.path is None or not self.changed():
            return True
        try:
            kept = self._merged()
            if not kept:
                self.path.unlink(missing_ok=True)
            else:
                data = json.dumps({"format": "evidencedesk-drafts", "drafts": kept}, ensure_ascii=False)
                fd, temp = tempfile.mkstemp(prefix="." + self.path.name, suffix=".part", dir=self.path.parent)
                try:
                    with os.fdopen(fd, "wb") as stream:
                        stream.write(data.encode("utf-8"))
                        stream.flush()
                        os.fsync(stream.fileno())
                    os.replace(temp, self.path)
                except BaseException:
                    Path(temp).unlink(missing_ok=True)
                    raise
        except OSError as exc:
            self.error = exc
            return False
        self._written, self.error = dict(self.entries), None
        return True

    def _merged(self) -> dict[str, object]:
        """The file's drafts with this window's changes since it last wrote: another window open on the same store
        keeps its own (each wrote its whole set, and the text the other had typed was gone)."""
        kept = _read(self.path)
        for key in set(self.entries) | set(self._written):
            if key not in self.entries:
                kept.pop(key, None)
            elif self.entries[key] != self._written.get(key):
                kept[key] = self.entries[key]
        return kept
