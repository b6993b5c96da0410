"""JSON text (a check result's facts, a line of `check --json`), the same text json.dumps gives, made without
one chunk per path: a finding that names a million files would otherwise take ~190 bytes a path while it is
encoded (issue 19.12)."""

import json
from itertools import islice
from json.encoder import encode_basestring

from models.store.finding_files import PathSequence

LONG = 10_000  # a list of so many strings is encoded in blocks
BLOCK = 10_000


def _plain(value, **kwargs) -> str:
    return json.dumps(value, ensure_ascii=False, **kwargs)


def _long_strings(value) -> bool:
    if isinstance(value, PathSequence):  # a finding's files read from the side table or a check's spooled list
        return True
    return type(value) is list and len(value) >= LONG and all(type(v) is str for v in value)


def _string_list(values) -> str:
    # the separators json.dumps writes (", "), each block joined and its quoted paths let go at once
    paths = iter(values)
    blocks = []
    while block := ", ".join(map(encode_basestring, islice(paths, BLOCK))):
        blocks.append(block)
    return "[" + ", ".join(blocks) + "]"


def _holds_long(value, depth: int = 0) -> bool:
    """A long list of strings among the dict's values, or a few dicts (or lists of dicts: the reasons of a proposal)
    down (a plain loop: asked of every result)."""
    for v in (value.values() if type(value) is dict else value):
        kind = type(v)
        if kind is list:
            if len(v) >= LONG and _long_strings(v):
                return True
            if depth < 4 and v and type(v[0]) is dict and _holds_long(v, depth + 1):
                return True
        elif kind is dict and depth < 4 and _holds_long(v, depth + 1):
            return True
        elif isinstance(v, PathSequence):
            return True
    return False


def facts_text(facts, default=str) -> str:
    """json.dumps(facts, ensure_ascii=False, default=default), byte for byte: a list of many strings (a finding's
    files), at the top or in a dict a few levels down, is encoded in blocks."""
    if _long_strings(facts):
        return _string_list(facts)
    if type(facts) is list and facts and type(facts[0]) is dict and _holds_long(facts):
        return "[" + ", ".join(facts_text(v, default) for v in facts) + "]"
    if type(facts) is not dict or not _holds_long(facts) or not all(type(k) is str for k in facts):
        return _plain(facts, default=default)
    return "{" + ", ".join(f"{encode_basestring(k)}: {facts_text(v, default)}" for k, v in facts.items()) + "}"
