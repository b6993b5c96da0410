"""A read-only, seekable stream over a read(offset, size) function: what libraries that want a file (pycdlib,
libmagic, Pillow, exifread) are given for bytes inside an image."""

import io


class PositionedReader(io.RawIOBase):
    """Subclasses give read_at(offset, size) -> bytes (fewer at the end); the stream keeps the position."""

    def __init__(self, size: int):
        super().__init__()
        self.size, self.pos = size, 0

    def read_at(self, offset: int, size: int) -> bytes:
        raise NotImplementedError

    def readable(self):
        return True

    def seekable(self):
        return True

    def tell(self):
        return self.pos

    def seek(self, offset, whence=io.SEEK_SET):
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self.pos, io.SEEK_END: self.size}[whence]
        self.pos = max(0, base + offset)
        return self.pos

    def readinto(self, buffer):
        want = min(len(buffer), self.size - self.pos)
        if want <= 0:
            return 0
        data = self.read_at(self.pos, want)
        buffer[:len(data)] = data
        self.pos += len(data)
        return len(data)
