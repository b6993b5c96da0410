"""Every key a check puts in its facts has a Chinese label in the clause pane (no English key on screen)."""

from checks.registry import default_registry
from checks.runner import build_context, run_checks
from models.bundle.manifest import load_bundle
from models.common.labels import all_labels
from models.integrity.verify import verify_bundle
from models.inventory.scan import scan_bundle
from models.store.store import open_store
from tests.factory import DEFECTS, BundleFactory


def _keys(value, found: set) -> None:
    if isinstance(value, dict):
        for key, inner in value.items():
            found.add(key)
            _keys(inner, found)
    elif isinstance(value, (list, tuple)):
        for inner in value:
            _keys(inner, found)


def test_every_fact_key_of_every_planted_defect_has_a_label(tmp_path):
    factory, registry, found = BundleFactory(tmp_path), default_registry(), {}
    for number, root in enumerate([factory.clean()] + [factory.with_defect(a) for a in sorted(DEFECTS)]):
        bundle = load_bundle(root)
        store = open_store(bundle, tmp_path / f"store{number}")
        scan_bundle(bundle, store)
        verify_bundle(bundle, store)
        for pairs in run_checks(bundle, build_context(bundle, store), registry).values():
            for check, result in pairs:
                keys: set = set()
                _keys(result.facts, keys)
                for key in keys - set(all_labels()["field"]):
                    found.setdefault(key, check.NAME)
        store.close()
    assert not found, f"fact keys without a Chinese label (key: check): {found}"
