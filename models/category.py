"""The Art. 27 form of a file (27.1-27.7), from its content type and a few name hints (resources/categories.json)."""

import json
from fnmatch import fnmatchcase
from functools import lru_cache
from pathlib import PurePosixPath

from models.resources import resource_path

FORMS = ("27.1", "27.2", "27.3", "27.4", "27.5", "27.6", "27.7")


@lru_cache(maxsize=1)
def category_table() -> dict:
    """The parsed categories.json: forms (zh, en names), default and ordered rules."""
    return json.loads(resource_path("categories.json").read_text(encoding="utf-8"))


def form_name(category: str, language: str = "zh") -> str:
    """The form's name as the article words it (zh) or its English gloss."""
    return category_table()["forms"][category][language]


def _any(patterns, value: str) -> bool:
    return any(fnmatchcase(value, p.lower()) for p in patterns)


def _matches(rule: dict, mime: str, name: str, path: str) -> bool:
    if "mime" in rule and not _any(rule["mime"], mime):
        return False
    if "name" in rule and not _any(rule["name"], name):
        return False
    return "path" not in rule or _any(rule["path"], "/" + path)


def category_for(mime: str | None, path: str) -> str:
    """One of '27.1'..'27.7' for a file's libmagic type and its bundle-relative path."""
    table = category_table()
    lowered_mime = (mime or "application/octet-stream").lower()
    lowered_path = path.lower()
    name = PurePosixPath(lowered_path).name
    for rule in table["rules"]:
        if _matches(rule, lowered_mime, name, lowered_path):
            return rule["category"]
    return table["default"]


def category_overrides(store) -> dict[str, str]:
    """The reviewer's corrections, path -> category (the review store's category_overrides table)."""
    rows = store.db.execute("SELECT path, category FROM category_overrides").fetchall()
    return {path: category for path, category in rows}
