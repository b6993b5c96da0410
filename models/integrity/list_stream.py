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
        self.encoding, self.lines = "utf-8", 0
        candidates = {"utf-8-sig": codecs.getincrementaldecoder("utf-8-sig")(),
                      "gb18030": codecs.getincrementaldecoder("gb18030")()}
        last = b""
        for chunk in self._chunks():
            self.lines += chunk.count(b"\n")
            last = chunk
            for name, decoder in list(candidates.items()):
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    del candidates[name]
        if last and not last.endswith(b"\n"):
            self.lines += 1
        for name, decoder in list(candidates.items()):
            try:
                decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                del candidates[name]
        self.encoding, self.errors = next(((n, "strict") for n in ("utf-8-sig", "gb18030") if n in candidates),
                                          ("utf-8", "surrogateescape"))

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
