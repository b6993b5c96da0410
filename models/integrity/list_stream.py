"""A digest list read line by line, never whole: a list of a million files is ~130 MB of bytes, and as one
str and a list of lines it was three times that at once. Decoded as models.inventory.textenc.decode_text decodes
the whole (UTF-8, else GB18030, else UTF-8 keeping the bytes): a first pass finds which one holds for every
byte and counts the lines, the second gives them. A line feed is never inside a character in either."""

import codecs
import os

from models.bundle.names import from_os
from models.bundle.safe_read import _open, _too_large, check_regular

CHUNK = 128 * 1024  # the lines of one chunk are held at once (a few hundred KB), whatever the list


class ListFile:
    """A regular file of at most `cap` bytes (as models.bundle.safe_read.read_metadata checks it), its encoding
    and its number of lines."""

    def __init__(self, path, cap: int):
        self.path, self.cap = path, cap
        check_regular(path, os.lstat(path))  # a FIFO is never opened
        self.lines = 0
        # checked as UTF-8, read as UTF-8-SIG: the same bytes are valid in both, but the SIG decoder takes a file
        # of b"\xef" or b"\xef\xbb" (a BOM's start) as an empty text, final or not
        utf8 = self._decodes("utf-8", count=True)  # GB18030 tried only when UTF-8 fails (4x slower to check)
        self.encoding = "utf-8-sig" if utf8 else "gb18030" if self._decodes("gb18030") else "utf-8"
        if utf8 and self.lines == 1 and self._head == codecs.BOM_UTF8:
            self.lines = 0  # a BOM alone: no line (the whole-text reading strips it)

    def _decodes(self, encoding: str, count: bool = False) -> bool:
        """Every byte decodes in this encoding (and, when count, the lines are counted on the way)."""
        decoder, valid, last = codecs.getincrementaldecoder(encoding)(), True, b""
        self._head = b""
        for chunk in self._chunks():
            if count:
                self.lines += chunk.count(b"\n")
                last = chunk
                if len(self._head) < 4:
                    self._head += chunk[:4]
            if valid:
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    valid = False
                    if not count:
                        return False
        if last and not last.endswith(b"\n"):
            self.lines += 1
        if valid:
            try:
                decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                valid = False
        return valid

    def _chunks(self):
        fd = _open(self.path)
        try:
            st = os.fstat(fd)
            check_regular(self.path, st)  # swapped in between
            if st.st_size > self.cap:
                raise _too_large(self.path, st.st_size, self.cap)
            total = 0
            while chunk := os.read(fd, CHUNK):
                total += len(chunk)
                if total > self.cap:  # grew while read
                    raise _too_large(self.path, total, self.cap)
                yield chunk
        finally:
            os.close(fd)

    def __iter__(self):
        """The lines (cut at line feeds only, as models.integrity.recorded.list_lines cuts), names kept as text."""
        decoder = codecs.getincrementaldecoder(self.encoding)("surrogateescape")  # a list swapped since: no raise
        rest = ""
        for chunk in self._chunks():
            lines = (rest + decoder.decode(chunk)).split("\n")
            rest = lines.pop()
            for line in lines:
                yield from_os(line)
        rest += decoder.decode(b"", final=True)
        if rest:
            yield from_os(rest)
