"""A validated manifest's items kept compact: each item's JSON objects as one marshal blob (~5 times smaller than
the dicts), made into a fresh dict when asked for, so memory per item stays small through a long run (issue 19.12:
a manifest of 100k items held as dicts is ~136 MB for the whole of `check`)."""

import marshal
from collections.abc import Sequence


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
