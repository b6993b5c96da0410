"""Which item each bundle path belongs to, whether the manifest lists it (Art. 30.4 additions), and which
changes[] entry explains it."""

from pathlib import PurePosixPath

from models.bundle.compact import PathTable, TextList

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
    """Maps a bundle-relative path to (item id or None, listed). The paths are kept in compact tables of item
    numbers (models.bundle.compact): a manifest of 100k items lists 100k paths or more."""

    FOLDERS_KEPT = 4096  # folders whose item is remembered: a walk asks folder by folder, a cache need not grow

    def __init__(self, bundle):
        from models.bundle.manifest_rules import item_paths  # here: a scan helper process unpickles this class cheaply

        self.ids = TextList()
        self.files, self.dirs, self.named = _Table(self.ids), _Table(self.ids), _Table(self.ids)
        for number, item in enumerate(bundle.items):
            item_id = item.get("id")
            self.ids.append(item_id)
            for entry in item.get("content", []):
                table = self.dirs if entry.get("type") == "directory" else self.files
                table.add(_norm(entry.get("path", "")), number)
            for parts, rel in item_paths(item):
                if parts[0] == "content" and parts[2] == "path" and item_id is not None:
                    continue  # content_item answers for it before `named` is asked: kept once, not twice
                self.named.add(_norm(rel), number)
        for table in (self.files, self.dirs, self.named):
            table.seal()
        self._folders: dict[str, str | None] = {}

    def content_item(self, rel: str) -> str | None:
        """The item whose content entry covers this path (a file entry or a directory above it)."""
        item = self.files.get(rel)
        if item is not None:
            return item
        parent = rel.rpartition("/")[0]
        item = self._folders.get(parent, _UNSEEN)
        if item is _UNSEEN:  # once per folder: a scan asks for every file of it
            if len(self._folders) >= self.FOLDERS_KEPT:
                self._folders.clear()
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


class _Table:
    """A PathTable of item numbers read as item ids: get, [] and `in`, as the dict it replaces."""

    __slots__ = ("_table", "_ids")

    def __init__(self, ids):
        self._table, self._ids = PathTable(), ids

    def add(self, rel: str, number: int) -> None:
        self._table.add(rel, number)

    def seal(self) -> None:
        self._table.seal()

    def get(self, rel: str, default=None):
        number = self._table.get(rel)
        return default if number is None else self._ids[number]

    def __getitem__(self, rel: str):
        return self._ids[self._table[rel]]

    def __contains__(self, rel) -> bool:
        return rel in self._table

    def __len__(self) -> int:
        return len(self._table)


def is_addition(rel: str, listed: bool) -> bool:
    """A file under evidence/ that no content entry covers (Art. 30.4)."""
    return not listed and rel.startswith("evidence/")
