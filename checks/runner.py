"""Run the registry's checks over a bundle's items, with a context gathered from the review store."""

import importlib
import logging
import marshal
import pickle
from collections.abc import Sequence
from datetime import date
from itertools import chain, islice

from checks.base import ANOMALIES_PER_ITEM, DEFAULT_SETTINGS, CheckContext
from models.store.verified_state import (  # noqa: F401  (check, the window and the memo ask them here too)
    VERIFIED_STATE,
    bundle_state,
    mark_verified,
    verification_current,
)

log = logging.getLogger(__name__)


def _optional(module: str, name: str):
    """A function from a models/ module that another part of the program may not ship yet (None then)."""
    try:
        return getattr(importlib.import_module(module), name)
    except ImportError as exc:
        if exc.name != module:  # the module is there but broken: that is an error, not an absence
            raise
        return None
    except AttributeError:
        return None


def _file_loader(store):
    """callable(item_id) -> the item's file records; item_id None gives the records no item claims (read once:
    every item's check of additions asks for them)."""
    from models.inventory.scan import FILE_COLUMNS, iter_file_records

    unclaimed: list = []

    def records(item_id):
        if item_id is None:
            if not unclaimed:
                cursor = store.db.conn.execute(f"SELECT {', '.join(FILE_COLUMNS)} FROM files WHERE item IS NULL "
                                               "ORDER BY path")
                unclaimed.append([dict(zip(FILE_COLUMNS, row)) for row in cursor])
            return unclaimed[0]
        return iter_file_records(store, item=item_id)  # streamed: an item of 1M files is never held as dicts

    return records


class StoredVerifications:
    """The store's verification records read an item (or a path) at a time, through the indexes on item and
    path: the context never holds them all (1M files: ~1 GB as dicts), nor scans them all for each item."""

    KEEP = 4  # items kept read: an item's checks ask for its records several times, a backup's for its original's
    SMALL = 2_000  # records of an item kept read; a larger item is read again for each asking, never held

    def __init__(self, store):
        self.conn, self.cache = store.db.conn, {}
        self.large: set = set()  # items found to have more than SMALL records
        self._restorable = None

    def _cursor(self, item_id, status=None):
        where, params = ("item IS NULL", ()) if item_id is None else ("item = ?", (item_id,))
        if status is not None:
            where, params = where + " AND status = ?", params + (status,)
        cursor = self.conn.execute(f"SELECT * FROM verification WHERE {where} ORDER BY path, algorithm", params)
        names = [c[0] for c in cursor.description]
        return (dict(zip(names, row)) for row in cursor)

    def item(self, item_id) -> list[dict]:
        return list(self.iter_item(item_id))

    def iter_item(self, item_id, status: str | None = None):
        """The item's records in path order (of that status if given). A small item's are read once and kept
        (its checks ask several times); a large one's come one at a time and none is kept: an item of 1M files
        has 2M records, ~1 GB as dicts."""
        if item_id in self.large:
            yield from self._cursor(item_id, status)
            return
        if item_id not in self.cache:
            rows = self._cursor(item_id)
            first = list(islice(rows, self.SMALL + 1))
            if len(first) > self.SMALL:
                self.large.add(item_id)
                yield from (r for r in chain(first, rows) if status is None or r.get("status") == status)
                return
            if len(self.cache) >= self.KEEP:
                self.cache.pop(next(iter(self.cache)))
            self.cache[item_id] = first
        yield from (dict(r) for r in self.cache[item_id] if status is None or r.get("status") == status)

    def path(self, path: str) -> list[dict]:
        cursor = self.conn.execute("SELECT * FROM verification WHERE path = ? ORDER BY id", (path,))
        names = [c[0] for c in cursor.description]
        return [dict(zip(names, row)) for row in cursor]

    def restorable(self) -> set:
        """checks.outcome.restorable_paths over the whole store, in one query (once per run)."""
        if self._restorable is None:
            self._restorable = {row[0] for row in self.conn.execute(
                "SELECT DISTINCT a.path FROM verification a WHERE a.status IN ('mismatch', 'missing') "
                "AND a.recorded IS NOT NULL AND a.recorded != '' AND EXISTS (SELECT 1 FROM verification b "
                "WHERE b.status = 'match' AND b.computed = a.recorded AND b.path IS NOT a.path)")}
        return self._restorable


def _backup_differences(bundle, store) -> dict | None:
    compare = _optional("models.integrity.backup", "compare_backup")
    if compare is None:
        return None
    found = {}
    for item in bundle.items:
        if item.get("backup_of"):
            found[item["id"]] = list(compare(bundle, store, item["id"]))
    return found


class PackedAnomalies(Sequence):
    """The anomalies a run keeps, each as bytes (its message is most of it) and grouped by item: about half the
    memory of the objects, each made again when read (issue 19.12). A read-only list; of_item(id) in order."""

    def __init__(self, anomalies):
        self._blobs: list[bytes] = []
        self._by_item: dict = {}
        for anomaly in anomalies:
            blob = _pack(anomaly)
            self._blobs.append(blob)
            item = anomaly.get("item") if isinstance(anomaly, dict) else anomaly.item
            kept = self._by_item.get(item)  # one blob alone, or a list of them: an item has often just one
            if kept is None:
                self._by_item[item] = blob
            elif isinstance(kept, bytes):
                self._by_item[item] = [kept, blob]
            else:
                kept.append(blob)

    def __len__(self) -> int:
        return len(self._blobs)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [_unpack(b) for b in self._blobs[index]]
        return _unpack(self._blobs[index])

    def of_item(self, item_id) -> list:
        kept = self._by_item.get(item_id, [])
        return [_unpack(b) for b in ([kept] if isinstance(kept, bytes) else kept)]


def _pack(anomaly) -> bytes:
    from models.timeline.anomalies import Anomaly

    if type(anomaly) is Anomaly:
        try:  # its fields in a tuple: no class name nor field names in every blob
            return b"m" + marshal.dumps((anomaly.kind, anomaly.item, anomaly.path, anomaly.facts, anomaly.message))
        except ValueError:  # a fact marshal cannot hold
            pass
    return b"p" + pickle.dumps(anomaly, pickle.HIGHEST_PROTOCOL)


def _unpack(blob: bytes):
    from models.timeline.anomalies import Anomaly

    if blob[:1] == b"m":
        return Anomaly(*marshal.loads(blob[1:]))
    return pickle.loads(blob[1:])


def _anomalies(bundle, store) -> tuple[list, dict]:
    """(the first ANOMALIES_PER_ITEM anomalies of each item, in their order; item id -> how many in all). A copy
    of a million files can give a million alike findings, each made with its message (two formatted times) and
    held for the run, while a check lists 200 of an item at most."""
    find = _optional("models.timeline.anomalies", "iter_anomalies")
    if find is None:
        return [], {}
    counts: dict = {}
    return PackedAnomalies(find(bundle, store, keep_per_item=ANOMALIES_PER_ITEM, item_counts=counts)), counts


def _case_settings(store) -> dict:
    """The settings kept in the case's store: the E01 header code page the reviewer chose for it."""
    from models.image.disk.codepages import stored

    codepage = stored(store) if store is not None else None
    return {"image_header_codepage": codepage} if codepage else {}


def build_context(bundle, store, today: date | None = None, settings: dict | None = None,
                  verified: bool | None = None) -> CheckContext:
    """Verification records, file records, backup differences and anomalies for one run of the checks;
    verified: whether that verification is for the bundle as it is now (None: asked of the store)."""
    anomalies, anomaly_counts = _anomalies(bundle, store)
    if verified is None:
        verified = verification_current(store)
    return CheckContext(
        bundle=bundle,
        verified=verified,
        stored=StoredVerifications(store) if verified else None,
        files=_file_loader(store),
        today=today or date.today(),
        settings=dict(DEFAULT_SETTINGS, **_case_settings(store), **(settings or {})),
        backup_differences=_backup_differences(bundle, store),
        anomalies=anomalies,
        anomaly_counts=anomaly_counts,
    )


def run_checks(bundle, context: CheckContext, registry) -> dict[str, list]:
    """item id -> [(check, CheckResult)] for every registered check, in registry order (n/a included)."""
    return dict(iter_checks(bundle, context, registry))


def iter_checks(bundle, context: CheckContext, registry):
    """(item id, [(check, CheckResult)]) an item at a time, as made: `check` saves and prints each and lets it go."""
    for item, pairs in iter_item_checks(bundle, context, registry):
        yield item.get("id"), pairs


def iter_item_checks(bundle, context: CheckContext, registry):
    """(item dict, [(check, CheckResult)]) an item at a time: the item as the checks saw it, made once."""
    checks = registry.all()
    for item in bundle.items:
        yield item, [(check, check.run(item, context)) for check in checks]
