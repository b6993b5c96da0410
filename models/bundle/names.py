"""File names that are not UTF-8 (GBK or Latin-1 bytes written by Windows): kept byte for byte as text.

Python gives such a name with surrogate escapes (b'\\xce' -> '\\udcce'), which no UTF-8 store, JSON or
console accepts. Inside the program a bundle path is "name text": each byte 0x80-0xFF that is not part of
valid UTF-8 stands as U+10FF80-U+10FFFF (private use, plane 16), valid Unicode that SQLite and JSON keep
as is; to_os turns it back into the exact bytes to open the file. A real name holding those code points is
read as those bytes (accepted: no known system writes them).
"""

import codecs
import re

_BASE = 0x10FF00
_TO_TEXT = {0xDC00 + b: _BASE + b for b in range(0x80, 0x100)}
_TO_OS = {_BASE + b: 0xDC00 + b for b in range(0x80, 0x100)}
_ESCAPED = re.compile("[\U0010ff80-\U0010ffff]+")
_SURROGATE = re.compile("[\udc80-\udcff]")
_FS_ENCODING = "utf-8"


def from_os(name: str) -> str:
    """Name text of a str the os module gave (surrogate escapes for undecodable bytes)."""
    if name.isascii() or not _SURROGATE.search(name):
        return name
    return name.translate(_TO_TEXT)


def name_text(raw: bytes) -> str:
    """Name text of a raw name: UTF-8 where it is, the other bytes kept as private-use stand-ins."""
    return from_os(raw.decode(_FS_ENCODING, "surrogateescape"))


def to_os(text: str) -> str:
    """The str the os module takes for this name text (the original bytes, as surrogate escapes)."""
    if text.isascii() or not _ESCAPED.search(text):
        return text
    return text.translate(_TO_OS)


def raw_bytes(text: str) -> bytes:
    """The bytes of the name on disk."""
    return to_os(text).encode(_FS_ENCODING, "surrogateescape")


def has_raw_bytes(text: str) -> bool:
    return not text.isascii() and _ESCAPED.search(text) is not None


def as_gb18030_name(text: str) -> str | None:
    """The name text a name written in GB18030 by a list would have on disk if the disk kept GBK bytes
    (None when it is plain ASCII or not encodable): how a GBK digest list finds GBK file names."""
    if text.isascii():
        return None
    try:
        return name_text(text.encode("gb18030"))
    except UnicodeEncodeError:
        return None


def _decoded(raw: bytes) -> tuple[str, str]:
    """(text, encoding) of a name's raw bytes: GB18030 first (Chinese media), then Latin-1 (always)."""
    try:
        return codecs.decode(raw, "gb18030"), "GB18030"
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "Latin-1"


def shown(text: str) -> str:
    """A name text for people: each part that is not UTF-8 decoded (GB18030 first, else Latin-1) with its
    raw bytes in hex beside, e.g. 'evidence/文件.txt [GB18030 hex cec4bcfe2e747874]'."""
    if not has_raw_bytes(text):
        return text
    if _MESSAGE_BREAK.search(text):  # a message quoting a name: each name decoded where it stands
        return "".join(_shown_word(word) for word in _MESSAGE_WORD.split(text))
    parts, notes = [], []
    for part in text.split("/"):
        if has_raw_bytes(part):
            raw = raw_bytes(part)
            decoded, encoding = _decoded(raw)
            parts.append(decoded)
            notes.append(f"{encoding} hex {raw.hex()}")
        else:
            parts.append(part)
    return "/".join(parts) + f" [{'; '.join(notes)}]"


# what ends a name quoted inside a sentence (the message of a check naming a log): the full-width marks
# a message puts around a path; a plain path holds none of them and keeps one note at its end
_MESSAGE_BREAK = re.compile("[（）“”，：；。、《》]")
_MESSAGE_WORD = re.compile("([（）“”，：；。、《》/]+)")


def _shown_word(word: str) -> str:
    if not has_raw_bytes(word):
        return word
    raw = raw_bytes(word)
    decoded, encoding = _decoded(raw)
    return f"{decoded} [{encoding} hex {raw.hex()}]"
