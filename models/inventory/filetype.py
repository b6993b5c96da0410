"""Type by content with libmagic (python-magic), read from a bounded head of the file; extension mismatch."""

import mimetypes
import os
import threading
from functools import lru_cache
from pathlib import Path

import magic

from models.bundle.safepath import open_evidence_fd
from models.common.resources import resource_path

HEAD_BYTES = 64 * 1024
EMPTY_MIME = "inode/x-empty"  # what `file --mime-type` says of an empty file

# Mimes that say "could not tell": never a mismatch.
GENERIC_MIMES = {"application/octet-stream", "inode/x-empty", "application/x-empty",
                 "application/data"}
# Containers that carry other formats: an extension of a format built on them is fine.
_ZIP = {"application/zip", "application/x-zip-compressed"}
_OLE = {"application/x-ole-storage", "application/CDFV2", "application/vnd.ms-office"}
# Extensions whose files libmagic often reports under another (right) name.
EXTENSION_ALIASES = {
    ".jpg": {"image/jpeg"}, ".jpeg": {"image/jpeg"}, ".jpe": {"image/jpeg"}, ".jfif": {"image/jpeg"},
    ".bmp": {"image/bmp", "image/x-ms-bmp"}, ".ico": {"image/vnd.microsoft.icon", "image/x-icon"},
    ".heic": {"image/heic", "image/heif"}, ".heif": {"image/heif", "image/heic"},
    ".tif": {"image/tiff"}, ".tiff": {"image/tiff"}, ".webp": {"image/webp"},
    ".docx": _ZIP | {"application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    ".xlsx": _ZIP | {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    ".pptx": _ZIP | {"application/vnd.openxmlformats-officedocument.presentationml.presentation"},
    ".odt": _ZIP | {"application/vnd.oasis.opendocument.text"},
    ".ods": _ZIP | {"application/vnd.oasis.opendocument.spreadsheet"},
    ".jar": _ZIP | {"application/java-archive", "application/x-java-archive"},
    ".apk": _ZIP | {"application/vnd.android.package-archive", "application/java-archive"},
    ".epub": _ZIP | {"application/epub+zip"}, ".hwpx": _ZIP,
    ".doc": _OLE | {"application/msword"}, ".xls": _OLE | {"application/vnd.ms-excel"},
    ".ppt": _OLE | {"application/vnd.ms-powerpoint"}, ".msg": _OLE | {"application/vnd.ms-outlook"},
    ".wps": _OLE, ".et": _OLE, ".hwp": _OLE | {"application/x-hwp"},
    ".db": {"application/vnd.sqlite3", "application/x-sqlite3"},
    ".sqlite": {"application/vnd.sqlite3", "application/x-sqlite3"},
    ".exe": {"application/vnd.microsoft.portable-executable", "application/x-dosexec"},
    ".dll": {"application/vnd.microsoft.portable-executable", "application/x-dosexec"},
    ".mp3": {"audio/mpeg", "audio/x-mp3"}, ".wav": {"audio/x-wav", "audio/wav", "audio/vnd.wave"},
    ".avi": {"video/x-msvideo"}, ".mp4": {"video/mp4", "audio/mp4"}, ".m4a": {"audio/mp4", "audio/x-m4a"},
    ".mov": {"video/quicktime"}, ".wmv": {"video/x-ms-asf", "video/x-ms-wmv"},
    ".ogg": {"audio/ogg", "video/ogg", "application/ogg"}, ".flac": {"audio/flac", "audio/x-flac"},
    ".gz": {"application/gzip", "application/x-gzip"}, ".tgz": {"application/gzip", "application/x-gzip"},
    ".7z": {"application/x-7z-compressed"}, ".rar": {"application/x-rar", "application/vnd.rar"},
    ".pdf": {"application/pdf"}, ".eml": {"message/rfc822"}, ".ttf": {"font/sfnt", "font/ttf"},
    ".aac": {"audio/aac", "audio/x-aac", "audio/x-hx-aac-adts"}, ".opus": {"audio/ogg", "audio/opus"},
    ".url": {"application/x-mswinurl", "text/plain"}, ".lnk": {"application/x-ms-shortcut"},
    ".so": {"application/x-sharedlib", "application/x-pie-executable"}, ".a": {"application/x-archive"},
}
# Expected formats that are text: any text/* content is acceptable for them.
_TEXTUAL = ("text/", "application/json", "application/xml", "application/javascript", "image/svg+xml",
            "application/x-sh", "application/x-python", "message/", "application/x-csh",
            "application/x-perl", "application/x-tex", "application/rtf", "application/x-subrip",
            "application/x-bibtex", "application/x-ndjson", "application/ld+json")
_TEXT_EXTENSIONS = {".txt", ".log", ".csv", ".tsv", ".md", ".json", ".xml", ".ini", ".cfg", ".conf",
                    ".html", ".htm", ".js", ".py", ".sh", ".c", ".h", ".java", ".php", ".sql", ".yaml",
                    ".yml", ".srt", ".vcf", ".eml", ".url", ".plist", ".xmp", ".svg", ".rst", ".ram", ".m3u",
                    ".m3u8", ".pls", ".cue", ".ics", ".asx", ".wpl"}

_local = threading.local()


def magic_database() -> str | None:
    """The shipped magic.mgc (frozen build) when present, else None for libmagic's own default."""
    shipped = resource_path("magic.mgc")
    return str(shipped) if shipped.is_file() else None


class TypeDetector:
    """Two libmagic cookies (type and description); not thread-safe: one per thread."""

    def __init__(self, magic_file: str | None = None):
        self.db = magic_file or magic_database()
        self.mime = magic.Magic(mime=True, magic_file=self.db)
        self._text = None

    @property
    def text(self) -> magic.Magic:
        """The description cookie, loaded on first use (the typing pass needs only the type)."""
        if self._text is None:
            self._text = magic.Magic(mime=False, magic_file=self.db)
        return self._text

    def detect(self, head: bytes) -> tuple[str, str]:
        if not head:
            return EMPTY_MIME, "empty"
        return self.mime.from_buffer(head), self.text.from_buffer(head)


def _detector() -> TypeDetector:
    detector = getattr(_local, "detector", None)
    if detector is None:
        detector = _local.detector = TypeDetector()
    return detector


def detect_mime(head: bytes) -> str:
    """The mime type alone (half the cost of detect_type: one libmagic pass)."""
    return EMPTY_MIME if not head else _detector().mime.from_buffer(head)


def detect_type(head: bytes) -> tuple[str, str]:
    """(mime, description) of the first bytes of a file (empty bytes = an empty file)."""
    return _detector().detect(head)


def read_head(path, limit: int = HEAD_BYTES, size: int | None = None) -> bytes:
    """Up to `limit` bytes from the start (no atime, no link followed). With the file's size known, a
    small file takes one read; reading on after a short read keeps a file that grew or a slow file system right."""
    fd = open_evidence_fd(path)
    try:
        head = os.read(fd, limit)
        want = limit if size is None else min(size, limit)
        while head and len(head) < want:
            more = os.read(fd, limit - len(head))
            if not more:
                break
            head += more
        return head
    finally:
        os.close(fd)


def detect_path(path: Path) -> tuple[str, str]:
    """(mime, description) of a file on disk; OSError propagates for the caller to record."""
    return detect_type(read_head(Path(path)))


@lru_cache(maxsize=1024)
def _expected_mimes(ext: str) -> frozenset[str]:
    expected = set(EXTENSION_ALIASES.get(ext, ()))
    guessed = mimetypes.types_map.get(ext) or mimetypes.common_types.get(ext)
    if guessed and guessed not in GENERIC_MIMES:  # mimetypes says octet-stream for .a, .so, .bin
        expected.add(guessed)
    if ext in _TEXT_EXTENSIONS:
        expected.add("text/plain")
    return frozenset(expected)


def extension_mismatch(name: str, mime: str | None) -> bool:
    """True only when the extension names a known format and the content is clearly another one."""
    if not mime or mime in GENERIC_MIMES:
        return False
    ext = os.path.splitext(name.rpartition("/")[2])[1].lower()
    expected = _expected_mimes(ext) if ext else set()
    if not expected or mime in expected:
        return False
    if mime.startswith("text/") and any(e.startswith(_TEXTUAL) for e in expected):
        return False
    return True
