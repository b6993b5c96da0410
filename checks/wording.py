"""The words shown for each check (clause quoted from the law, question, English gloss), from resources/."""

import json
from functools import lru_cache

from models.common.i18n import language
from models.common.resources import resource_path

WORDING_FILE = ("checks", "wording.json")
MESSAGES_FILE = ("checks", "messages.json")
# a parameter whose name is here holds codes shown through models.common.labels (domain), one label per element
LABELLED_PARAMS = {"fields": "field", "roles": "role", "documents": "document", "opinion": "opinion_field",
                   "problems": "appraisal_problem"}


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


@lru_cache(maxsize=1)
def all_messages() -> dict:
    """resources/checks/messages.json: group (a check name, or a helper shared by several) -> key -> zh/en."""
    return json.loads(resource_path(*MESSAGES_FILE).read_text(encoding="utf-8"))


def message_entry(key: str) -> dict:
    """The {"zh": ..., "en": ...} of a message key "group.key"; an empty dict for an unknown key."""
    group, _, name = key.partition(".")
    return dict(all_messages().get(group, {}).get(name, {}))


@lru_cache(maxsize=1)
def format_names() -> dict:
    """resources/checks/formats.json: content type -> {"zh": ..., "en": ...} (a plain name for a person)."""
    return json.loads(resource_path("checks", "formats.json").read_text(encoding="utf-8"))


def format_text(mime, lang: str = "zh") -> str:
    """'application/vnd.sqlite3' -> 'SQLite 数据库' (the type stays in the result's facts); an unnamed type as it
    is, the one name a technician can look up."""
    mime = str(mime or "")
    entry = format_names().get(mime.split(";")[0].strip().lower())
    return (entry.get(lang) or entry["zh"]) if entry else mime


def _shown_param(name: str, value, lang: str) -> str:
    from checks.outcome_words import article_text
    from models.common.labels import label

    domain = LABELLED_PARAMS.get(name)
    if name == "clause" and lang == "zh":  # "34.3" -> 第三十四条第（三）项, as every clause is named
        return article_text(value)
    if name == "mime":
        return format_text(value, lang)
    if name == "question":  # a check's name: its question from wording.json, in the language shown
        words = wording(value)
        return words.get(f"question_{lang}") or words.get("question_zh", "")
    if isinstance(value, dict) and "found" in value:  # an image's record set against another (image_compare)
        return difference_text(value, lang)
    if isinstance(value, dict) and "role" in value:  # a person: their role's label and their name
        role = label("role", value.get("role"), lang)
        return f"{role}{value.get('name') or ''}" if lang == "zh" else f"{role} {value.get('name') or ''}".strip()
    if isinstance(value, (list, tuple)):
        parts = [_shown_param(name, v, lang) for v in value]
        if any(isinstance(v, dict) and "found" in v for v in value):  # sentences with commas of their own
            return ("；" if lang == "zh" else "; ").join(parts)
        return ("、" if lang == "zh" else ", ").join(parts)
    if domain:
        return label(domain, value, lang)
    if isinstance(value, bool):
        return ("是" if value else "否") if lang == "zh" else ("yes" if value else "no")
    return "" if value is None else str(value)


def difference_text(row: dict, lang: str) -> str:
    """'镜像制作时间：E01 文件头记为 …，证据清单记为 …': codes through labels, a log named by its path."""
    from models.common.labels import label

    source = label("image_source", row.get("source"), lang)
    if row.get("log"):
        source += f"（{row['log']}）" if lang == "zh" else f" ({row['log']})"
    values = {"field": label("field", row.get("field"), lang), "source": source,
              "against": label("image_source", row.get("against"), lang), "found": row.get("found") or "",
              "recorded": row.get("recorded") or "", "zone": row.get("zone") or "",
              "found_local": row.get("found_local") or ""}
    key = "image_record.difference_time" if row.get("found_local") else "image_record.difference"
    entry = message_entry(key)
    return (entry.get(lang) or entry["zh"]).format(**values)


def message_text(key: str, params: dict | None = None, lang: str | None = None) -> str:
    """A check's message in lang ("zh" or "en"; the interface language when None), parameters filled here, at
    display: lists joined, codes (field names, roles, document kinds) through their human labels."""
    lang = lang or ("en" if language() == "en" else "zh")
    entry = message_entry(key)
    template = entry.get(lang) or entry.get("zh")
    if template is None:
        raise KeyError(f"no message {key!r} in resources/checks/messages.json")
    values = {name: _shown_param(name, value, lang) for name, value in (params or {}).items()}
    return template.format(**values)


def correction_text(key: str, params: dict | None = None) -> str:
    """A correction asked of the investigating organ (Chinese: it goes to them in the case file)."""
    return message_text(key, params, "zh")


def result_message(result, lang: str | None = None) -> str:
    """What a person reads for a check result (a CheckResult or its dict): its message key filled in the
    language shown; the stored Chinese message where a record carries no key."""
    get = result.get if isinstance(result, dict) else lambda name, default=None: getattr(result, name, default)
    key = get("message_key")
    if key and message_entry(key):
        return message_text(key, get("params") or {}, lang)
    return get("message") or ""
