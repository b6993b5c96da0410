"""Which item each bundle path belongs to, whether the manifest lists it (Art. 30.4 additions), and which
changes[] entry explains it."""

from pathlib import PurePosixPath

_UNSEEN = object()


def change_for(item: dict, path: str) -> dict | None:
    """The item's changes[] entry for this path (exact, or a folder above it); None when no entry covers it."""
    for change in item.get("changes") or []:
        target = str(change.get("path") or "").rstrip("/")
        if target and (path == target or path.startswith(target + "/")):
            return change
    return None


def _norm(rel: str) -> str:
    text = str(PurePosixPath(rel))
    return "" if text == "." else text


class Coverage:
    """Maps a bundle-relative path to (item id or None, listed)."""

    def __init__(self, bundle):
        from models.bundle.manifest_rules import item_paths  # here: a scan helper process unpickles this class cheaply

        self.files: dict[str, str] = {}
        self.dirs: dict[str, str] = {}
        self.named: dict[str, str] = {}
        self._folders: dict[str, str | None] = {}
        for item in bundle.items:
            for entry in item.get("content", []):
                target = self.dirs if entry.get("type") == "directory" else self.files
                target.setdefault(_norm(entry.get("path", "")), item.get("id"))
            for _parts, rel in item_paths(item):
                self.named.setdefault(_norm(rel), item.get("id"))

    def content_item(self, rel: str) -> str | None:
        """The item whose content entry covers this path (a file entry or a directory above it)."""
        item = self.files.get(rel)
        if item is not None:
            return item
        parent = rel.rpartition("/")[0]
        item = self._folders.get(parent, _UNSEEN)
        if item is _UNSEEN:  # once per folder: a scan asks for every file of it
            item = self._folders[parent] = self._folder_item(parent)
        return item if item is not None else self.dirs.get(rel)

    def _folder_item(self, folder: str) -> str | None:
        """The item of the nearest listed directory at or above this folder (the bundle root counts)."""
        if "" in self.dirs:
            return self.dirs[""]
        while folder:
            if folder in self.dirs:
                return self.dirs[folder]
            folder = folder.rpartition("/")[0]
        return None

    def locate(self, rel: str) -> tuple[str | None, bool]:
        """(item, listed): content first, then any other path the manifest names (paperwork, photos)."""
        item = self.content_item(rel)
        if item is not None:
            return item, True
        if rel in self.named:
            return self.named[rel], True
        return None, rel == "bundle.json" or rel == "bundle.json.sig"


def is_addition(rel: str, listed: bool) -> bool:
    """A file under evidence/ that no content entry covers (Art. 30.4)."""
    return not listed and rel.startswith("evidence/")
