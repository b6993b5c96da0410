"""Values as the memo prints them: fields by their Chinese labels, sizes in GB with the bytes, codes in words."""

from __future__ import annotations

import re

from models.common.labels import all_labels, label

MEDIA_KEYS = ("brand", "model", "capacity_bytes", "serial", "identifier", "user_mark", "location", "user",
              "custodian")
FIELD_WORDS = {"capacity_bytes": "容量"}  # the value carries its bytes
# a code a check's message may carry (seizure_list, needs_review), put in words where known; a single word
# (process, signatures) only from the domains of such lists and never beside a path's / or .
_CODE = re.compile(r"(?<![A-Za-z0-9_.-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![A-Za-z0-9_.-])")
_WORD = re.compile(r"(?<![A-Za-z0-9_./-])[a-z]+(?![A-Za-z0-9_./-])")
_DOMAINS = ("document", "status", "verify_status", "kind", "role", "party_role", "heading", "outcome", "field")
_WORD_DOMAINS = ("opinion_field", "document", "field")


def size_text(n) -> str:
    """32000000000 -> 32 GB（32,000,000,000 字节）; small sizes in bytes only (decimal units, as media are sold)."""
    if n is None:
        return ""
    n = int(n)
    for unit, scale in (("TB", 10**12), ("GB", 10**9), ("MB", 10**6), ("KB", 10**3)):
        if n >= scale:
            value = f"{n / scale:,.1f}".removesuffix(".0")
            return f"{value} {unit}（{n:,} 字节）"
    return f"{n:,} 字节"


def _party_name(bundle, value) -> str:
    party = bundle.party(value) if bundle is not None and hasattr(bundle, "party") else None
    if not party:
        return str(value)
    role = label("party_role", party.get("role"), "zh")
    return f"{party.get('name', value)}（{role}）" if role else party.get("name", value)


def media_fields(media: dict | None, bundle=None) -> list[list[str]]:
    """[[label, value]] of the media description; the original's transfer said in words."""
    if not media:
        return []
    rows = []
    for key in MEDIA_KEYS:
        value = media.get(key)
        if value in (None, ""):
            continue
        if key == "capacity_bytes":
            value = size_text(value)
        elif key == "user":
            value = _party_name(bundle, value)
        rows.append([FIELD_WORDS.get(key) or label("field", key, "zh"), str(value)])
    if media.get("original_transferred") is True:
        rows.append(["原始存储介质", "已随案移送"])
    elif media.get("original_transferred") is False:
        reason = media.get("not_transferred_reason")
        rows.append(["原始存储介质", "未移送，" + (f"原因：{reason}" if reason else "未说明原因")])
    return rows


def plain(text) -> str:
    """A check's message with any code it carries (seizure_list) put in words; true/false/yes/no too."""
    if text is None:
        return ""
    words = {"true": "是", "false": "否", "yes": "是", "no": "否", "None": "无", "null": "无"}

    def swapper(domains):
        def swap(match):
            code = match.group(0)
            for domain in domains:
                entry = all_labels().get(domain, {}).get(code)
                if entry:
                    return entry.get("zh") or code
            return code
        return swap

    out = _WORD.sub(swapper(_WORD_DOMAINS), _CODE.sub(swapper(_DOMAINS), str(text)))
    return re.sub(r"(?<![A-Za-z])(true|false|yes|no|None|null)(?![A-Za-z])", lambda m: words[m.group(1)], out)
