"""Art. 45 data that cannot be shown directly: such files need an explanation of content, location and function."""

from checks.base import Check, correction, present, say

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
        records = [r for r in context.file_records(item.get("id")) if r.get("kind") == "file" and r.get("listed")]
        images = {e.get("path") for e in item.get("content") or [] if e.get("type") == "disk_image"}
        typed = [r for r in records if r.get("mime") and r.get("path") not in images]
        if not typed:
            return say("not_recorded", f"{self.NAME}.not_typed", count=len(records))
        hidden = [{"path": r["path"], "mime": r["mime"]} for r in typed if not displayable(r["mime"])]
        explanation_docs = [d.get("path") for d in item.get("documents") or [] if d.get("kind") == "explanation"]
        explained = _explained_paths(item)
        open_ = [h for h in hidden if not _covered(h["path"], explained)]
        disguised = [{"path": r["path"], "mime": r["mime"]} for r in typed if r.get("extension_mismatch")]
        facts = {"typed": len(typed), "undisplayable": hidden[:200], "unexplained": open_[:200],
                 "explanation_documents": explanation_docs}
        if disguised:
            paths = [d["path"] for d in disguised]
            facts.update(format_unclear=disguised[:200], files=paths, effect="43.3", corrections=[
                correction(f"{self.NAME}.correct_format", path=d["path"], mime=d["mime"]) for d in disguised[:200]])
            return say("fail", f"{self.NAME}.format_unclear", {"count": len(paths), "files": paths[:5]}, **facts)
        if not hidden:
            return say("pass", f"{self.NAME}.all_shown", {"count": len(typed)}, **facts)
        if open_ and not explanation_docs:
            paths = [h["path"] for h in open_]
            return say("needs_review", f"{self.NAME}.unexplained", {"count": len(open_)}, **facts, files=paths,
                       corrections=[correction(f"{self.NAME}.correct_explain", files=paths[:20])])
        return say("needs_review", f"{self.NAME}.explained", {"count": len(hidden)}, **facts,
                   files=[h["path"] for h in hidden])
