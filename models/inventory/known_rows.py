"""What a rescan compares against: each stored path's stat columns, kept as a 16-byte digest beside the path in
compact arrays (models.bundle.compact.PathTable), ~70 bytes a file instead of a dict entry and a 12-column tuple
(~330 bytes): a rescan of 1M files held ~330 MB for it (issue 19.12)."""

import os
from hashlib import blake2b

from models.bundle.compact import PathTable

DIGEST = 16


class KnownRows:
    """The stored rows of a rescan. changed(path, columns) marks the path seen and says whether its columns
    differ (or it is new); pop(path) marks it seen; iteration gives the paths never seen (the ones to remove),
    len how many. The digest is keyed afresh each run: a bundle cannot be made to collide with it."""

    def __init__(self, rows=()):
        self._key = os.urandom(16)
        self._table, digests, count = PathTable(), bytearray(), 0
        for path, *columns in rows:
            self._table.add(path, count)
            digests += self._digest(columns)
            count += 1
        self._table.seal()
        self._digests, self._seen, self._left = bytes(digests), bytearray(count), count

    def _digest(self, columns) -> bytes:
        # repr of ints, texts and None is exact; surrogates (a name that is not UTF-8) kept as they are
        text = repr(tuple(columns)).encode("utf-8", "surrogatepass")
        return blake2b(text, digest_size=DIGEST, key=self._key).digest()

    def _mark(self, path: str) -> int:
        """The path's entry, marked seen; -1 when it is not stored or was seen before."""
        entry = self._table.get(path, -1)
        if entry < 0 or self._seen[entry]:
            return -1
        self._seen[entry] = 1
        self._left -= 1
        return entry

    def changed(self, path: str, columns) -> bool:
        """True when the path is new or its columns differ from the stored ones (a path seen twice: changed)."""
        entry = self._mark(path)
        if entry < 0:
            return True
        start = entry * DIGEST
        return self._digests[start:start + DIGEST] != self._digest(columns)

    def pop(self, path: str, default=None):
        """Marks the path seen (as dict.pop takes it out of the rows left); gives default."""
        self._mark(path)
        return default

    def __len__(self) -> int:
        return self._left

    def __iter__(self):
        """The paths never seen, in the stored order."""
        for entry in range(len(self._seen)):
            if not self._seen[entry]:
                yield self._table.path_at(entry)

