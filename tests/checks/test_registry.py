"""The registry: an instance, explicit list, duplicates refused, every check module registered."""

import importlib
import inspect
import pkgutil

import pytest

import checks.articles
from checks.base import Check, ManualCheck
from checks.registry import DEFAULT_CHECKS, CheckRegistry, DuplicateCheckError, default_registry

HELPERS = {"common"}  # checks/articles/common.py: helpers the article modules share, no check of its own


def _check_modules():
    return [m.name for m in pkgutil.iter_modules(checks.articles.__path__) if m.name not in HELPERS]


def test_every_check_class_in_checks_is_registered():
    registered = {type(c) for c in default_registry().all()}
    found = set()
    for name in _check_modules():
        module = importlib.import_module(f"checks.articles.{name}")
        classes = [c for _n, c in inspect.getmembers(module, inspect.isclass)
                   if issubclass(c, Check) and c not in (Check, ManualCheck) and c.__module__ == module.__name__]
        assert classes, f"checks/articles/{name}.py defines no check"
        found |= set(classes)
    assert found == registered


def test_one_check_per_clause():
    articles = [c.ARTICLE for c in DEFAULT_CHECKS]
    assert len(articles) == len(set(articles)) == 52
    for art in ("30.1", "31.4", "32.6", "33.2", "34.3", "35.4", "36.4", "37.5", "38.4", "39.4", "40.4", "41.5",
                "42", "45"):
        assert art in articles


def test_duplicate_name_raises():
    registry = CheckRegistry()
    registry.register(DEFAULT_CHECKS[0])
    with pytest.raises(DuplicateCheckError):
        registry.register(DEFAULT_CHECKS[0]())


def test_registries_are_independent():
    first, second = default_registry(), default_registry()
    assert first.get("a31_2_digests") is not second.get("a31_2_digests")
    assert len(CheckRegistry()) == 0


def test_for_item_by_kind_and_markers():
    registry = default_registry()
    names = {c.NAME for c in registry.for_item({"id": "E", "kind": "frozen"})}
    assert "a38_3_freeze_expiry" in names and "a34_1_media_described" not in names
    assert "a31_4_operation_log" in names and "a42_administrative" not in names
    marked = {c.NAME for c in registry.for_item({"kind": "obtained", "source": "administrative",
                                                 "cross_border": {"is_cross_border": True}, "backup_of": "E1"})}
    assert {"a42_administrative", "a32_6_cross_border", "a31_3_backup"} <= marked
