"""One human label for every code a person may read: statuses, kinds, roles, sources, fields, outcomes.

The window, the command line and the memo all ask here, so a code never reaches a person and a word is
changed in one place (resources/labels.json: domain -> code -> {"zh": ..., "en": ...})."""

import json
import re
from functools import lru_cache

from models.common.i18n import language
from models.common.resources import resource_path


@lru_cache(maxsize=1)
def all_labels() -> dict:
    return json.loads(resource_path("labels.json").read_text(encoding="utf-8"))


def label(domain: str, code, lang: str | None = None) -> str:
    """The label of code in domain, in lang ('zh' or 'en'; the interface language when None).

    English falls back to Chinese where no English was written; an unknown code comes back as it is,
    so a new code shows (and a test over every domain catches it) rather than vanishing."""
    if code is None:
        return ""
    lang = lang or ("en" if language() == "en" else "zh")
    entry = all_labels().get(domain, {}).get(str(code))
    if not entry:
        return str(code)
    return entry.get(lang) or entry.get("zh") or str(code)


def source_label(source: str | None, lang: str | None = None) -> str:
    """A recorded digest's source: 'manifest', or 'digest_list:REL' / 'acquisition_log:REL' with the file named."""
    if not source:
        return ""
    kind, _, rel = str(source).partition(":")
    text = label("source", kind, lang)
    return f"{text}（{rel}）" if rel and (lang or language()) != "en" else (f"{text} ({rel})" if rel else text)


def known(domain: str, code) -> bool:
    return str(code) in all_labels().get(domain, {})


VALUE_DOMAINS = ("value", "role", "party_role", "heading", "status", "document", "anomaly", "time_kind")


def manifest_field_label(text: str | None, lang: str | None = None) -> str:
    """A manifest field named in a fact or a note: 'sealing.sealed_at' -> 封存时间,
    'documents[1] seizure_decision' -> 扣押决定书."""
    if not text:
        return ""
    match = re.match(r"documents\[\d+\]\s*(\S*)$", str(text))
    if match:
        return label("document", match.group(1) or "other", lang)
    return label("field", text, lang)


def value_label(value: str, lang: str | None = None) -> str:
    """A coded value met in facts (a role, a seal state, a document kind...): its label, else itself."""
    for domain in VALUE_DOMAINS:
        if known(domain, value):
            return label(domain, value, lang)
    if "." in value and known("field", value):
        return label("field", value, lang)
    return value
