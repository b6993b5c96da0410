"""Which item each bundle path belongs to, and whether the manifest lists it (Art. 30.4 additions)."""

from pathlib import PurePosixPath

from models.manifest_rules import item_paths


def _norm(rel: str) -> str:
    text = str(PurePosixPath(rel))
    return "" if text == "." else text


class Coverage:
    """Maps a bundle-relative path to (item id or None, listed)."""

    def __init__(self, bundle):
        self.files: dict[str, str] = {}
        self.dirs: dict[str, str] = {}
        self.named: dict[str, str] = {}
        for item in bundle.items:
            for entry in item.get("content", []):
                target = self.dirs if entry.get("type") == "directory" else self.files
                target.setdefault(_norm(entry.get("path", "")), item.get("id"))
            for _parts, rel in item_paths(item):
                self.named.setdefault(_norm(rel), item.get("id"))

    def content_item(self, rel: str) -> str | None:
        """The item whose content entry covers this path (a file entry or a directory above it)."""
        if rel in self.files:
            return self.files[rel]
        if "" in self.dirs:
            return self.dirs[""]
        parent = rel
        while "/" in parent:
            parent = parent.rsplit("/", 1)[0]
            if parent in self.dirs:
                return self.dirs[parent]
        return self.dirs.get(rel)

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
