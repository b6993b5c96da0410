"""Art. 45 data that cannot be shown directly: such files need an explanation of content, location and function."""

from checks.base import Check, correction, present, say
from models.store.finding_files import PathList

DISPLAYABLE_PREFIXES = ("image/", "text/", "audio/", "video/")
DISPLAYABLE_TYPES = frozenset({
    "application/pdf", "application/json", "application/xml", "application/xhtml+xml", "application/rtf",
    "application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet",
    "application/x-empty", "inode/x-empty", "message/rfc822",
})


def displayable(mime: str | None) -> bool:
    mime = (mime or "").split(";")[0].strip().lower()
    return mime.startswith(DISPLAYABLE_PREFIXES) or mime in DISPLAYABLE_TYPES


def _explained_paths(item: dict) -> list[str]:
    """File content entries with a description count as explained (a folder's description is too general)."""
    return [e.get("path") for e in item.get("content") or [] if e.get("type") != "directory"
            and present(e.get("description"))]


def _covered(path: str, explained: list[str]) -> bool:
    return any(path == p or path.startswith(str(p).rstrip("/") + "/") for p in explained if p)


class UndisplayableCheck(Check):
    """Art. 45 data that cannot be shown directly; and a file whose name says one format while its content is
    another (a .jpg that is a SQLite database): its name and format are not stated clearly, Art. 43(三)."""

    NAME = "a45_undisplayable"
    ARTICLE = "45"
    KIND = "assisted"
    MANIFEST = False

    def evaluate(self, item, context):
        images = {e.get("path") for e in item.get("content") or [] if e.get("type") == "disk_image"}
        explained = _explained_paths(item)
        # the records pass one at a time (an item of 1M files is never held as dicts): counts, the first
        # SHOWN of each list for the facts, and the paths alone of the files a finding names
        listed = typed = 0
        hidden, open_, disguised = _Kept(), _Kept(), _Kept()
        for r in context.file_records(item.get("id")):
            if r.get("kind") != "file" or not r.get("listed"):
                continue
            listed += 1
            if not r.get("mime") or r.get("path") in images:
                continue
            typed += 1
            row = {"path": r["path"], "mime": r["mime"]}
            if not displayable(r["mime"]):
                hidden.add(row)
                if not _covered(row["path"], explained):
                    open_.add(row)
            if r.get("extension_mismatch"):
                disguised.add(row)
        if not typed:
            return say("not_recorded", f"{self.NAME}.not_typed", count=listed)
        explanation_docs = [d.get("path") for d in item.get("documents") or [] if d.get("kind") == "explanation"]
        facts = {"typed": typed, "undisplayable": hidden.shown, "unexplained": open_.shown,
                 "explanation_documents": explanation_docs}
        if disguised.count:
            paths = disguised.paths
            facts.update(format_unclear=disguised.shown, files=paths, effect="43.3", corrections=[
                correction(f"{self.NAME}.correct_format", path=d["path"], mime=d["mime"]) for d in disguised.shown])
            return say("fail", f"{self.NAME}.format_unclear", {"count": len(paths), "files": paths[:5]}, **facts)
        if not hidden.count:
            return say("pass", f"{self.NAME}.all_shown", {"count": typed}, **facts)
        if open_.count and not explanation_docs:
            paths = open_.paths
            return say("needs_review", f"{self.NAME}.unexplained", {"count": open_.count}, **facts, files=paths,
                       corrections=[correction(f"{self.NAME}.correct_explain", files=paths[:20])])
        return say("needs_review", f"{self.NAME}.explained", {"count": hidden.count}, **facts, files=hidden.paths)


class _Kept:
    """A list of a finding's files as the records pass: every path in a spooled file (models.store.finding_files:
    the saved result writes it to the side table; 1M files held ~85 MB of strings), the first SHOWN rows whole."""

    SHOWN = 200

    def __init__(self):
        self.paths = PathList()
        self.shown: list[dict] = []

    @property
    def count(self) -> int:
        return len(self.paths)

    def add(self, row: dict) -> None:
        self.paths.append(row["path"])
        if len(self.shown) < self.SHOWN:
            self.shown.append(row)
