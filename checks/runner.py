"""Run the registry's checks over a bundle's items, with a context gathered from the review store."""

import importlib
import logging
from datetime import date

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
    """callable(item_id) -> the item's file records; item_id None gives the records no item claims."""
    from models.inventory.scan import iter_file_records

    def records(item_id):
        if item_id is None:
            return [r for r in iter_file_records(store) if r.get("item") is None]
        return list(iter_file_records(store, item=item_id))

    return records


def _backup_differences(bundle, store) -> dict | None:
    compare = _optional("models.integrity.backup", "compare_backup")
    if compare is None:
        return None
    found = {}
    for item in bundle.items:
        if item.get("backup_of"):
            found[item["id"]] = list(compare(bundle, store, item["id"]))
    return found


def _anomalies(bundle, store) -> tuple[list, dict]:
    """(the first ANOMALIES_PER_ITEM anomalies of each item, in their order; item id -> how many in all). A copy
    of a million files can give a million alike findings, each made with its message (two formatted times) and
    held for the run, while a check lists 200 of an item at most."""
    find = _optional("models.timeline.anomalies", "iter_anomalies")
    if find is None:
        return [], {}
    counts: dict = {}
    return list(find(bundle, store, keep_per_item=ANOMALIES_PER_ITEM, item_counts=counts)), counts


def _case_settings(store) -> dict:
    """The settings kept in the case's store: the E01 header code page the reviewer chose for it."""
    from models.image.codepages import stored

    codepage = stored(store) if store is not None else None
    return {"image_header_codepage": codepage} if codepage else {}


def build_context(bundle, store, today: date | None = None, settings: dict | None = None,
                  verified: bool | None = None) -> CheckContext:
    """Verification records, file records, backup differences and anomalies for one run of the checks;
    verified: whether that verification is for the bundle as it is now (None: asked of the store)."""
    load_results = _optional("models.integrity.verify", "load_results")
    anomalies, anomaly_counts = _anomalies(bundle, store)
    if verified is None:
        verified = verification_current(store)
    return CheckContext(
        bundle=bundle,
        verified=verified,
        verify_results=list(load_results(store)) if load_results and verified else [],
        files=_file_loader(store),
        today=today or date.today(),
        settings=dict(DEFAULT_SETTINGS, **_case_settings(store), **(settings or {})),
        backup_differences=_backup_differences(bundle, store),
        anomalies=anomalies,
        anomaly_counts=anomaly_counts,
    )


def run_checks(bundle, context: CheckContext, registry) -> dict[str, list]:
    """item id -> [(check, CheckResult)] for every registered check, in registry order (n/a included)."""
    return {item.get("id"): [(check, check.run(item, context)) for check in registry.all()] for item in bundle.items}
