"""Files inside a folder whose digest list does not name them: what `hashdeep -a` calls a new file.

A directory entry covers every file below it, so such a file is no addition to the manifest; but its list
records no value for it, so its integrity cannot be compared and it may have come after the list was made
(Art. 30.4, 31.2): an unlisted result of the item, never silence. A file another record names (a file entry,
a deeper folder's own list, a freeze or appraisal record) is not one."""

import os
import stat
from collections.abc import Iterator
from typing import NamedTuple

from models.bundle.names import from_os, to_os
from models.common.os_errors import os_reason
from models.integrity.odd_entry import odd_entry
from models.integrity.verify_result import VerifyResult


class Extra(NamedTuple):
    item: str | None
    path: str
    folder: str
    list_rel: str
    source: str
    kind: str | None = None  # what the entry is when not a regular file (models.integrity.odd_entry)


class Name(NamedTuple):
    path: str
    error: str | None = None  # a folder that cannot be read: why
    kind: str | None = None  # an entry that is not a regular file: what it is (never opened, never followed)


def folder_names(root: str, folder: str, cancel_check=None) -> Iterator[Name]:
    """Name(bundle path) of every regular file below the folder, with its kind when it is anything else but a
    folder (a link, never followed, not even to a folder; a FIFO or device, never opened: the helpers that read
    a long list's folder answer the same, and both ways must find the same), and Name(folder path, reason) for
    each folder that cannot be read."""
    base = os.path.join(root, to_os(folder)) if folder else root
    failed: list = []

    def unreadable(exc: OSError) -> None:
        if not isinstance(exc, (FileNotFoundError, NotADirectoryError)):
            failed.append(Name(from_os(os.path.relpath(exc.filename, root).replace(os.sep, "/")), os_reason(exc)))

    for here, dirs, names in os.walk(base, onerror=unreadable):
        if cancel_check:
            cancel_check()
        yield from failed
        failed.clear()
        prefix = from_os(os.path.relpath(here, root).replace(os.sep, "/"))
        links = [d for d in dirs if os.path.islink(os.path.join(here, d))]  # named as a link, never walked
        dirs[:] = sorted(d for d in dirs if d not in links)
        for name in sorted(names + links):
            full = os.path.join(here, name)
            try:
                mode = os.lstat(full).st_mode
            except OSError:
                continue  # gone since the folder was listed
            if stat.S_ISREG(mode):
                yield Name(f"{prefix}/{from_os(name)}")
            elif kind := odd_entry(full, mode):
                yield Name(f"{prefix}/{from_os(name)}", None, kind)
    yield from failed


class ListExtras:
    """Candidates gathered while the lists are read; results() drops those another record names."""

    def __init__(self):
        self.found: list[Extra] = []
        self.list_folders: set[str] = set()  # folders that carry a list of their own

    def listed_folder(self, folder: str) -> None:
        self.list_folders.add(folder.strip("/"))

    def add(self, item_id, path: str, folder: str, list_rel: str, source: str, kind: str | None = None) -> None:
        if path != list_rel:  # a list kept inside the folder it lists does not name itself
            self.found.append(Extra(item_id, path, folder.strip("/"), list_rel, source, kind))

    def _deeper_list(self, extra: Extra) -> bool:
        """A folder below the list's own, on the way to the file, has its list: that list speaks for the file."""
        parts = extra.path.split("/")[:-1]
        for end in range(len(parts), 0, -1):
            folder = "/".join(parts[:end])
            if len(folder) <= len(extra.folder):
                return False
            if folder in self.list_folders:
                return True
        return False

    def results(self, bundle, expected, findings, explanation_for) -> list[VerifyResult]:
        """The unlisted results: candidates that no expected digest, no finding on a record (a malformed line
        names the file: said there), no content entry and no deeper list speaks for."""
        if not self.found:
            return []
        kept = [e for e in self.found if not self._deeper_list(e)]
        candidates = {e.path for e in kept}
        named = {e.path for e in expected if e.path in candidates} | {f.path for f in findings if f.path in candidates}
        for item in bundle.items:
            named |= {str(c.get("path")) for c in item.get("content") or [] if str(c.get("path")) in candidates}
        wanted = {e.item for e in kept if e.path not in named}
        items = {i.get("id"): i for i in bundle.items if i.get("id") in wanted}
        out, seen = [], set()
        for extra in kept:
            if extra.path in named or extra.path in seen:
                continue
            seen.add(extra.path)
            item = items.get(extra.item) or {}
            error = f"未列入校验值清单 {extra.list_rel} / not in the digest list {extra.list_rel}"
            if extra.kind:  # its content cannot be compared with any value: it was not read
                error = f"{error}；{extra.kind}"
            out.append(VerifyResult(extra.item, extra.path, None, None, extra.source, None, "unlisted", error,
                                    explanation_for(item, extra.path)))
        return out
