"""The item-at-a-time manifest reader (models.bundle.manifest_stream) accepts only what the whole-document path
accepts, and gives back the same data; a valid manifest is read by it, not by the whole-document path."""

import copy
import json
import os

import pytest

hypothesis = pytest.importorskip("hypothesis", reason="hypothesis is not installed (requirements-dev.txt)")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from models.bundle import manifest  # noqa: E402
from models.bundle.manifest import ManifestError, load_bundle, validate_manifest  # noqa: E402
from models.bundle.manifest_stream import load_streamed  # noqa: E402
from tests.models.test_hostile_properties import ANY_TEXT, JSON_TREES  # noqa: E402
from tests.models.test_manifest import GOOD  # noqa: E402

EXAMPLES = int(os.environ.get("EVIDENCEDESK_HYPOTHESIS_EXAMPLES", "300"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
ITEM_KEYS = ["id", "title", "kind", "content", "backup_of", "related_parties", "sealing", "acquisition", "freeze",
             "changes", "documents", "notes"]


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bundle")
    (folder / "evidence" / "E1").mkdir(parents=True)
    (folder / "evidence" / "E1" / "a.txt").write_text("hello")
    return folder


def _whole(text: str, folder):
    """What the whole-document path gives: the data, or None when it refuses."""
    try:
        data = manifest._parse(text)
        validate_manifest(data, folder)
    except ManifestError:
        return None
    return data


def _same(text: str, folder) -> None:
    streamed, whole = load_streamed(text, folder, manifest._validator()), _whole(text, folder)
    if streamed is None:
        return
    assert whole is not None, "the streamed reader accepted what the whole document refuses"
    assert list(streamed) == list(whole)  # the same keys in the same order
    assert dict(streamed, items=list(streamed["items"])) == whole


def test_a_valid_manifest_is_read_item_by_item(root):
    text = json.dumps(dict(GOOD, items=GOOD["items"] * 1 + [dict(GOOD["items"][0], id="E2", backup_of="E1")]))
    data = load_streamed(text, root, manifest._validator())
    assert data is not None and [i["id"] for i in data["items"]] == ["E1", "E2"]
    _same(text, root)


@pytest.mark.parametrize("text", [
    '{"items": [], "format": "evidence-bundle/1"}',  # no item: minItems
    json.dumps(dict(GOOD, items=GOOD["items"] * 2)),  # an id twice
    json.dumps(dict(GOOD, items=[dict(GOOD["items"][0], backup_of="E9")])),  # names no item
    json.dumps(dict(GOOD, items=[dict(GOOD["items"][0], related_parties=["P9"])])),  # names no party
    json.dumps(GOOD)[:-1] + ', "items": []}',  # a second "items": the last wins
    json.dumps(GOOD) + " x",  # extra data
    json.dumps(GOOD).replace('"items": [', '"items": [1, '),  # an item that is no object
    "\ufeff" + json.dumps(GOOD),  # a second byte-order mark
])
def test_what_it_does_not_judge_goes_to_the_whole_document(root, text):
    assert load_streamed(text, root, manifest._validator()) is None
    _same(text, root)


def test_load_bundle_keeps_the_streamed_items(root, monkeypatch):
    (root / "bundle.json").write_text(json.dumps(GOOD, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(manifest, "_parse", lambda text: pytest.fail("the whole document was parsed"))
    bundle = load_bundle(root)
    assert list(bundle.items) == GOOD["items"] and bundle.item("E1") == GOOD["items"][0]


@SETTINGS
@given(st.sampled_from(["format", "case", "items", "parties", "extra"]), JSON_TREES)
def test_any_field_value_reads_the_same(root, key, value):
    _same(json.dumps(dict(GOOD, **{key: value})), root)


@SETTINGS
@given(st.sampled_from(ITEM_KEYS), JSON_TREES, st.booleans())
def test_any_item_field_reads_the_same(root, key, value, second):
    data = copy.deepcopy(GOOD)
    item = dict(data["items"][0], **{key: value})
    data["items"] = [item, dict(item, id="E2")] if second else [item]
    _same(json.dumps(data), root)


@SETTINGS
@given(st.sampled_from([0, 1, 2, 3]), st.sampled_from([None, 2]), ANY_TEXT)
def test_any_layout_and_text_reads_the_same(root, order, indent, text):
    data = copy.deepcopy(GOOD)
    data["items"][0]["title"] = text
    keys = list(data)
    keys = keys[order:] + keys[:order]  # "items" anywhere among the keys
    _same(json.dumps({k: data[k] for k in keys}, indent=indent, ensure_ascii=bool(order % 2)), root)
