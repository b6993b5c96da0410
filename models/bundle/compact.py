"""Compact forms for what a large manifest keeps for a whole run (issue 19.12): its items as marshal blobs
(CompactItems, ~5 times smaller than the dicts) and its paths in sorted arrays (PathTable, ~25 bytes plus the path
instead of a dict's ~150; TextList, texts in one blob). Each pickles as a few arrays and bytes."""

import marshal
from array import array
from bisect import bisect_left
from collections.abc import Sequence
from zlib import crc32


class CompactItems(Sequence):
    """A read-only list of the manifest's item dicts: items[i], iteration, len. Each access gives a new dict
    equal to the one parsed (marshal keeps every JSON type exactly): a caller's change to it is never seen again."""

    __slots__ = ("_blobs", "_where")

    def __init__(self, items: list):
        """Takes the parsed items over, emptying the list as it goes: dicts and blobs are never all held at once."""
        self._blobs: list[bytes] = []
        self._where: dict | None = None  # id -> index, made on the first find(): a plain `check` never asks
        for index, item in enumerate(items):
            self._blobs.append(marshal.dumps(item))
            items[index] = None
        items.clear()

    @classmethod
    def from_blobs(cls, blobs: list) -> "CompactItems":
        """Items already made into marshal blobs (models.bundle.manifest_stream)."""
        made = cls([])
        made._blobs = blobs
        return made

    def __len__(self) -> int:
        return len(self._blobs)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [marshal.loads(blob) for blob in self._blobs[index]]
        return marshal.loads(self._blobs[index])

    def __iter__(self):
        for blob in self._blobs:
            yield marshal.loads(blob)

    def __eq__(self, other) -> bool:
        return isinstance(other, (list, CompactItems)) and list(self) == list(other)

    __hash__ = None

    def __repr__(self) -> str:
        return f"CompactItems({len(self)} items)"

    def find(self, item_id) -> dict | None:
        """The first item with this id (as next(i for i in items if i.get('id') == item_id)), without decoding all."""
        if self._where is None:
            where: dict = {}
            for index, item in enumerate(self):
                key = item.get("id") if isinstance(item, dict) else None
                if _hashable(key):
                    where.setdefault(key, index)
            self._where = where
        if not _hashable(item_id):
            return next((i for i in self if i.get("id") == item_id), None)
        index = self._where.get(item_id)
        return None if index is None else self[index]


def _hashable(value) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True

def _key(path: str) -> bytes:
    return path.encode("utf-8", "surrogatepass")  # a lone surrogate is kept, never an error


class PathTable:
    """path -> int (under 2**31), the first value given for a path kept (as dict.setdefault). Each path's CRC-32,
    sorted, finds its candidates; the path's bytes, kept in one blob, are compared exactly: a shared CRC never
    confuses two paths."""

    __slots__ = ("_crcs", "_order", "_offsets", "_blob", "_values")

    def __init__(self, pairs=()):
        self._blob, self._offsets, self._values, self._crcs = bytearray(), array("q", [0]), array("i"), array("I")
        self._order = None
        for path, value in pairs:
            self.add(path, value)

    def add(self, path: str, value: int) -> None:
        """One more path (before the first look-up: the table is sorted then)."""
        data = _key(path)
        self._blob += data
        self._offsets.append(len(self._blob))
        self._values.append(value)
        self._crcs.append(crc32(data))

    def seal(self) -> None:
        """Sort the CRCs: the table is read from then on (the first look-up seals it if nobody did)."""
        # each entry's CRC and place packed in one int and sorted: half the objects of sorting the places by key,
        # and the same order (a path's first entry first)
        packed = sorted(array("Q", ((crc << 32) | entry for entry, crc in enumerate(self._crcs))))
        order = array("i", (p & 0xFFFFFFFF for p in packed))
        self._crcs = array("I", (p >> 32 for p in packed))
        del packed
        self._order, self._blob = order, bytes(self._blob)

    def __len__(self) -> int:
        return len(self._values)

    def _find(self, path: str) -> int:
        """The entry of this path (its first, in the order given), or -1."""
        if self._order is None:
            self.seal()
        data = _key(path)
        crc, crcs, order, offsets, blob = crc32(data), self._crcs, self._order, self._offsets, self._blob
        at = bisect_left(crcs, crc)
        while at < len(crcs) and crcs[at] == crc:
            entry = order[at]
            if blob[offsets[entry]:offsets[entry + 1]] == data:
                return entry
            at += 1
        return -1

    def path_at(self, entry: int) -> str:
        """The path of an entry, by its place in the order given."""
        return self._blob[self._offsets[entry]:self._offsets[entry + 1]].decode("utf-8", "surrogatepass")

    def get(self, path: str, default=None):
        entry = self._find(path)
        return default if entry < 0 else self._values[entry]

    def __contains__(self, path) -> bool:
        return isinstance(path, str) and self._find(path) >= 0

    def __getitem__(self, path: str) -> int:
        entry = self._find(path)
        if entry < 0:
            raise KeyError(path)
        return self._values[entry]


class TextList:
    """A list of texts kept as one blob (an item id a few bytes, not a 56-byte object); [i] makes the text again.
    Anything not a text (an id a test left out) is kept as it is, in a list beside."""

    __slots__ = ("_blob", "_offsets", "_other")

    def __init__(self):
        self._blob, self._offsets, self._other = bytearray(), array("q", [0]), {}

    def append(self, value) -> None:
        if isinstance(value, str):
            self._blob += _key(value)
        else:
            self._other[len(self._offsets) - 1] = value
        self._offsets.append(len(self._blob))

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def __getitem__(self, index: int):
        if index in self._other:
            return self._other[index]
        return self._blob[self._offsets[index]:self._offsets[index + 1]].decode("utf-8", "surrogatepass")
