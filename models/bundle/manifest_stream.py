"""A valid manifest read an item at a time: each item parsed, checked against the schema and the per-item rules,
and kept compact (models.bundle.compact) before the next is parsed, so the JSON objects of every item are
never all held (issue 19.12: 1.7 KB an item at the load's peak). It only ever accepts: whatever is unusual or wrong
gives None, and the whole-document path (models.bundle.manifest) reads the text again and names the exact error."""

import json
import marshal
from functools import lru_cache
from json.decoder import scanstring
from json.scanner import make_scanner
from pathlib import Path

from models.bundle.compact import CompactItems
from models.bundle.manifest_rules import item_problems, semantic_errors
from models.bundle.manifest_shape import shape_problem
from models.common.resources import resource_path

_SPACE = " \t\n\r"


class _Unusual(Exception):
    """Anything the item-at-a-time path does not judge itself."""


@lru_cache(maxsize=1)
def _item_validator():
    """The schema's item definition on its own, with every definition it may refer to."""
    import jsonschema

    schema = json.loads(resource_path("bundle.schema.json").read_text(encoding="utf-8"))
    items = schema["properties"]["items"]
    if set(schema) - {"$schema", "$id", "title", "type", "required", "properties", "$defs"} or \
            items != {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/item"}}:
        return None  # a schema that judges the items together: the whole-document path alone can say
    return jsonschema.Draft202012Validator({"$schema": schema["$schema"], "$ref": "#/$defs/item",
                                            "$defs": schema["$defs"]})


def _space(text: str, at: int) -> int:
    while at < len(text) and text[at] in _SPACE:
        at += 1
    return at


def _expect(text: str, at: int, char: str) -> int:
    at = _space(text, at)
    if text[at:at + 1] != char:
        raise _Unusual
    return at + 1


class _Items:
    """Each item as it is parsed: checked, its id and references noted, kept as a marshal blob."""

    def __init__(self, root: Path, validator):
        self.root, self.validator = root, validator
        self.blobs: list[bytes] = []
        self.ids: set = set()
        self.references: list = []  # (item id, backup_of, related_parties) of the items that name others

    def add(self, item) -> None:
        if not isinstance(item, dict) or shape_problem({"items": [item]}) or not self.validator.is_valid(item):
            raise _Unusual
        if item_problems(item, self.root):
            raise _Unusual
        item_id = item.get("id")
        if item_id in self.ids:
            raise _Unusual
        self.ids.add(item_id)
        if item.get("backup_of") is not None or item.get("related_parties"):
            self.references.append((item_id, item.get("backup_of"), item.get("related_parties") or []))
        self.blobs.append(marshal.dumps(item))

    def references_hold(self, parties: list) -> bool:
        party_ids = {p.get("id") for p in parties}
        return all((backup is None or (backup in self.ids and backup != item_id))
                   and all(pid in party_ids for pid in related) for item_id, backup, related in self.references)


def _parse(text: str, items: _Items) -> dict:
    """The top-level object with its items given to `items` one by one; "items" left as []."""
    scan = make_scanner(json.JSONDecoder())
    data, seen_items = {}, False
    at = _expect(text, 0, "{")
    at = _space(text, at)
    if text[at:at + 1] == "}":
        raise _Unusual
    while True:
        at = _expect(text, at, '"')
        key, at = scanstring(text, at)
        at = _expect(text, at, ":")
        at = _space(text, at)
        if key == "items":
            if seen_items:
                raise _Unusual  # the last of two would win: the whole-document path reads it
            seen_items = True
            at = _expect(text, at, "[")
            at = _space(text, at)
            if text[at:at + 1] == "]":
                raise _Unusual
            while True:
                item, at = scan(text, at)
                items.add(item)
                at = _space(text, at)
                if text[at:at + 1] == ",":
                    at = _space(text, at + 1)
                    continue
                at = _expect(text, at, "]")
                break
            data[key] = []
        else:
            data[key], at = scan(text, at)
        at = _space(text, at)
        if text[at:at + 1] == ",":
            at += 1
            continue
        at = _expect(text, at, "}")
        break
    if _space(text, at) != len(text) or not seen_items:
        raise _Unusual
    return data


def load_streamed(text: str, root: Path, whole_validator):
    """(data with items as CompactItems) for a valid manifest, or None: then the whole-document path decides.
    whole_validator: the schema's validator (models.bundle.manifest), for the document with its items left out."""
    validator = _item_validator()
    if validator is None:
        return None
    items = _Items(root, validator)
    try:
        data = _parse(text, items)
        if shape_problem(data) or semantic_errors(data, root) or not items.references_hold(data.get("parties", [])):
            return None
        errors = list(whole_validator.iter_errors(data))  # the rest of the document, its items left out
        if any(e.validator != "minItems" or list(e.absolute_path) != ["items"] for e in errors):
            return None
    except (_Unusual, StopIteration, ValueError, RecursionError, TypeError, AttributeError):
        return None
    data["items"] = CompactItems.from_blobs(items.blobs)
    return data
