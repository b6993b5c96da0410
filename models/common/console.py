"""Text written to a console or a file by every command: nothing in a name can forge a line, move the cursor
or reverse the text, and nothing the console's encoding cannot hold stops the run.

Text output: control characters (newline, tab, ESC, C1), bidi controls (U+202E...), line separators and
the backslash are escaped (\\n, \\x1b, \\u202e, \\\\); a name that is not UTF-8 is shown decoded with its
bytes in hex (models.bundle.names.shown); characters the stream's encoding lacks become \\uXXXX escapes.
--json stays exact JSON: ensure_ascii when the stream cannot hold the text as it is.
"""

import json
import re

from models.bundle.names import has_raw_bytes, shown
from models.common.json_text import facts_text

_UNSAFE = re.compile("[\\\\\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe_text(value) -> str:
    """One field of text output: a name that is not UTF-8 decoded with its hex, unsafe characters escaped."""
    text = "-" if value is None else str(value)
    if has_raw_bytes(text):
        text = shown(text)
    if text.isascii() and text.isprintable() and "\\" not in text:
        return text
    return _UNSAFE.sub(_escape, text)


def safe_message(text: str) -> str:
    """A one-line message for stderr (it may quote a name from the evidence): control and bidi characters
    escaped, the backslash of a Windows path left as it is."""
    return _UNSAFE.sub(lambda m: "\\" if m.group() == "\\" else _escape(m), str(text))


def _encodable(stream, text: str) -> str:
    """text as the stream's encoding can hold it: what it cannot, as backslash escapes."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
        return text
    except UnicodeEncodeError:
        return text.encode(encoding, "backslashreplace").decode(encoding)
    except LookupError:
        return text.encode("ascii", "backslashreplace").decode("ascii")


def write_text(stream, text: str) -> None:
    """Write text already made safe (safe_text per field) in whatever encoding the stream has."""
    stream.write(_encodable(stream, text))


def write_fields(stream, fields, indent: str = "") -> None:
    """One line of tab-separated fields, each through safe_text (a tab or newline in a field is escaped)."""
    write_text(stream, indent + "\t".join(safe_text(f) for f in fields) + "\n")


# what json.dumps leaves raw that a reader splitting lines (Python's str.splitlines: U+0085, U+2028) or a
# terminal showing them (C1, bidi) would act on; in a JSON string they are written as \\uXXXX, the value exact
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def write_json(stream, obj, **options) -> None:
    """One JSON object on a line, exact: UTF-8 text as it is when the stream holds it, else ASCII escapes; a
    character that can break or reverse a line is always escaped."""
    if set(options) <= {"default"}:  # a finding's million paths encoded in blocks (models.common.json_text)
        text = facts_text(obj, default=options.get("default"))
    else:
        text = json.dumps(obj, ensure_ascii=False, **options)
    text = _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        text = json.dumps(obj, ensure_ascii=True, **options)
    stream.write(text + "\n")


def tolerant_streams(*streams) -> None:
    """Make print() on these streams escape what their encoding lacks instead of raising (a GBK console)."""
    for stream in streams:
        try:
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError, OSError):
            pass
