"""Art. 45 data that cannot be shown directly: such files need an explanation of content, location and function."""

from checks.base import Check, present, result

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
    NAME = "a45_undisplayable"
    ARTICLE = "45"
    KIND = "assisted"
    MANIFEST = False

    def evaluate(self, item, context):
        records = [r for r in context.file_records(item.get("id")) if r.get("kind") == "file" and r.get("listed")]
        images = {e.get("path") for e in item.get("content") or [] if e.get("type") == "disk_image"}
        typed = [r for r in records if r.get("mime") and r.get("path") not in images]
        if not typed:
            return result("not_recorded", "尚未识别文件类型，无法判断能否直接展示", files=len(records))
        hidden = [{"path": r["path"], "mime": r["mime"]} for r in typed if not displayable(r["mime"])]
        explanation_docs = [d.get("path") for d in item.get("documents") or [] if d.get("kind") == "explanation"]
        explained = _explained_paths(item)
        open_ = [h for h in hidden if not _covered(h["path"], explained)]
        facts = {"typed": len(typed), "undisplayable": hidden[:200], "unexplained": open_[:200],
                 "explanation_documents": explanation_docs}
        if not hidden:
            return result("pass", f"{len(typed)} 个文件均可直接展示", **facts)
        if open_ and not explanation_docs:
            return result("needs_review", f"{len(open_)} 个文件无法直接展示，需要内容、存储位置、附属信息、功能作用的说明",
                          **facts)
        return result("needs_review", f"{len(hidden)} 个文件无法直接展示，已有说明，请审查说明是否充分", **facts)
