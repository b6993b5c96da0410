"""Text written to a console or a file by every command: nothing in a name can forge a line, move the cursor
or reverse the text, and nothing the console's encoding cannot hold stops the run.

Text output: control characters (newline, tab, ESC, C1), bidi controls (U+202E...), line separators and
the backslash are escaped (\\n, \\x1b, \\u202e, \\\\); a name that is not UTF-8 is shown decoded with its
bytes in hex (models.bundle.names.shown); characters the stream's encoding lacks become \\uXXXX escapes.
--json stays exact JSON: ensure_ascii when the stream cannot hold the text as it is.
"""

import json
import os
import re
import sys

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
    except (UnicodeEncodeError, LookupError):  # the same JSON in ASCII escapes (a side-table list read whole)
        text = json.dumps(json.loads(text), ensure_ascii=True) if set(options) <= {"default"} else \
            json.dumps(obj, ensure_ascii=True, **options)
    stream.write(text + "\n")


def tolerant_streams(*streams) -> None:
    """Make print() on these streams escape what their encoding lacks instead of raising (a GBK console)."""
    for stream in streams:
        try:
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError, OSError):
            pass


class OutputError(OSError):
    """stdout could not take the results (a full disk, an I/O error): exit 2 with this line. An OSError, so
    argparse's help, which ignores those, is not turned into a traceback."""


def _reopen_on_devnull(fd: int) -> None:
    null = os.open(os.devnull, os.O_RDWR)
    if null != fd:
        os.dup2(null, fd)
        os.close(null)


class _Guarded:
    """A standard stream whose write errors never stop the work: progress and messages on stderr are advice
    (lost when stderr is full or gone); stdout's results are not, so a failure there is an OutputError. After
    the first failure the descriptor points at the null device, so Python's own flush at exit cannot fail."""

    def __init__(self, stream, results: bool):
        self._stream = stream
        self._results = results
        self._lost = False

    def __getattr__(self, name):
        return getattr(self._stream, name)

    def _failed(self, exc: OSError):
        if isinstance(exc, BrokenPipeError) and self._results:
            raise exc  # the reader left (`| head`): main says nothing more
        self._lost = True
        try:
            _reopen_on_devnull(self._stream.fileno())
        except (OSError, ValueError):
            pass
        if self._results:
            from models.common.os_errors import os_reason

            raise OutputError(f"无法写出结果：{os_reason(exc)} / cannot write the results") from exc

    def write(self, text):
        if self._lost and not self._results:
            return len(text)
        try:
            return self._stream.write(text)
        except OSError as exc:
            self._failed(exc)
            return len(text)

    def flush(self):
        if self._lost and not self._results:
            return
        try:
            self._stream.flush()
        except OSError as exc:
            self._failed(exc)


def guard_standard_streams() -> None:
    """A closed descriptor 0, 1 or 2 (`>&-`, a daemon) is opened on the null device, so no file the program
    opens later takes its number and a helper's stray write cannot land in it; stdout and stderr are then
    wrapped so a full or closed stderr never stops a command and a full stdout is one message."""
    for fd, name in ((0, "stdin"), (1, "stdout"), (2, "stderr")):
        try:
            os.fstat(fd)
        except OSError:
            _reopen_on_devnull(fd)
        if getattr(sys, name) is None:
            setattr(sys, name, open(fd, "r" if fd == 0 else "w", encoding="utf-8", closefd=False,
                                    errors="strict" if fd == 0 else "backslashreplace"))
    if not isinstance(sys.stdout, _Guarded):
        sys.stdout = _Guarded(sys.stdout, results=True)
    if not isinstance(sys.stderr, _Guarded):
        sys.stderr = _Guarded(sys.stderr, results=False)
