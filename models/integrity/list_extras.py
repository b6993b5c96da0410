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
from models.integrity.verify_result import VerifyResult


class Extra(NamedTuple):
    item: str | None
    path: str
    folder: str
    list_rel: str
    source: str


def folder_names(root: str, folder: str, cancel_check=None) -> Iterator[tuple[str, str | None]]:
    """(bundle path, None) of every regular file below the folder (links never followed: the helpers that read a
    long list's folder see regular files only, and both ways must find the same), and (folder path, reason) for
    each folder that cannot be read."""
    base = os.path.join(root, to_os(folder)) if folder else root
    failed: list = []

    def unreadable(exc: OSError) -> None:
        if not isinstance(exc, (FileNotFoundError, NotADirectoryError)):
            failed.append((from_os(os.path.relpath(exc.filename, root).replace(os.sep, "/")), os_reason(exc)))

    for here, dirs, names in os.walk(base, onerror=unreadable):
        if cancel_check:
            cancel_check()
        yield from failed
        failed.clear()
        prefix = from_os(os.path.relpath(here, root).replace(os.sep, "/"))
        dirs[:] = sorted(d for d in dirs if not os.path.islink(os.path.join(here, d)))
        for name in sorted(names):
            try:
                regular = stat.S_ISREG(os.lstat(os.path.join(here, name)).st_mode)
            except OSError:
                continue  # gone since the folder was listed
            if regular:
                yield f"{prefix}/{from_os(name)}", None
    yield from failed


class ListExtras:
    """Candidates gathered while the lists are read; results() drops those another record names."""

    def __init__(self):
        self.found: list[Extra] = []
        self.list_folders: set[str] = set()  # folders that carry a list of their own

    def listed_folder(self, folder: str) -> None:
        self.list_folders.add(folder.strip("/"))

    def add(self, item_id, path: str, folder: str, list_rel: str, source: str) -> None:
        if path != list_rel:  # a list kept inside the folder it lists does not name itself
            self.found.append(Extra(item_id, path, folder.strip("/"), list_rel, source))

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
            out.append(VerifyResult(extra.item, extra.path, None, None, extra.source, None, "unlisted",
                                    f"未列入校验值清单 {extra.list_rel} / not in the digest list {extra.list_rel}",
                                    explanation_for(item, extra.path)))
        return out
