"""The Art. 27 form of a file (27.1-27.7), from its content type and a few name hints (resources/categories.json)."""

import json
import re
from fnmatch import translate
from functools import lru_cache

from models.common.resources import resource_path

FORMS = ("27.1", "27.2", "27.3", "27.4", "27.5", "27.6", "27.7")


@lru_cache(maxsize=1)
def category_table() -> dict:
    """The parsed categories.json: forms (zh, en names), default and ordered rules."""
    return json.loads(resource_path("categories.json").read_text(encoding="utf-8"))


def form_name(category: str, language: str = "zh") -> str:
    """The form's name as the article words it (zh) or its English gloss."""
    return category_table()["forms"][category][language]


def _glob_regex(patterns: list[str]) -> re.Pattern:
    """One compiled regex for a list of glob patterns (fnmatch semantics, case folded to lower)."""
    return re.compile("|".join(f"(?:{translate(p.lower())})" for p in patterns), re.DOTALL)


@lru_cache(maxsize=1)
def _compiled_rules() -> list[tuple[str, dict]]:
    return [(rule["category"], {key: _glob_regex(rule[key]) for key in ("mime", "name", "path") if key in rule})
            for rule in category_table()["rules"]]


@lru_cache(maxsize=4096)
def _rules_for_mime(mime: str) -> tuple:
    """(category, name regex or None, path regex or None) of the rules a type lets through (types repeat: cached)."""
    return tuple((category, tests.get("name"), tests.get("path"))
                 for category, tests in _compiled_rules() if "mime" not in tests or tests["mime"].match(mime))


def category_for(mime: str | None, path: str) -> str:
    """One of '27.1'..'27.7' for a file's libmagic type and its bundle-relative path."""
    lowered_path = path.lower()
    name = lowered_path.rpartition("/")[2]
    for category, name_regex, path_regex in _rules_for_mime((mime or "application/octet-stream").lower()):
        if (name_regex is None or name_regex.match(name)) and (
                path_regex is None or path_regex.match("/" + lowered_path)):
            return category
    return category_table()["default"]


@lru_cache(maxsize=4096)
def form_by_type(mime: str | None) -> str | None:
    """category_for's answer when the type alone decides it (the first rule the type lets through tests no
    name or path, or none does), else None: the name or the path must be looked at."""
    rules = _rules_for_mime((mime or "application/octet-stream").lower())
    if not rules:
        return category_table()["default"]
    category, name_regex, path_regex = rules[0]
    return category if name_regex is None and path_regex is None else None


def category_overrides(store) -> dict[str, str]:
    """The reviewer's corrections, path -> category (the review store's category_overrides table)."""
    rows = store.db.execute("SELECT path, category FROM category_overrides").fetchall()
    return {path: category for path, category in rows}
