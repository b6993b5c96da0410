"""The words shown for each check (clause quoted from the law, question, English gloss), from resources/."""

import json
from functools import lru_cache

from models.i18n import language
from models.resources import resource_path

WORDING_FILE = ("checks", "wording.json")


@lru_cache(maxsize=1)
def all_wording() -> dict:
    """Every entry of resources/checks/wording.json, keyed by check name (and a43_*/a44_* outcomes)."""
    return json.loads(resource_path(*WORDING_FILE).read_text(encoding="utf-8"))


def wording(name: str) -> dict:
    """The entry for one check name; an empty dict for an unknown name (the contract test forbids those)."""
    return dict(all_wording().get(name, {}))


def shown(words: dict, field: str) -> str:
    """A check's title or question in the interface language: the English gloss (title_en, question_en) when
    the window runs in English and the entry has one, else the Chinese. The law is always quoted in Chinese
    (quote_zh): a translation is no quotation."""
    if language() == "en" and words.get(f"{field}_en"):
        return words[f"{field}_en"]
    return words.get(f"{field}_zh", "")


def quote_lines(name: str) -> list[str]:
    """The quoted clause as its separate verbatim segments (lead-in sentence, item)."""
    return [line for line in wording(name).get("quote_zh", "").split("\n") if line.strip()]
