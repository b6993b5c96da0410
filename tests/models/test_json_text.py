"""models.common.json_text gives json.dumps' text byte for byte, a long list of paths encoded in blocks."""

import json

import pytest

from models.common.json_text import LONG, facts_text

PATHS = [f"evidence/E1/{n}.bin" for n in range(LONG + 5)] + ['引"号\\.txt', "\udcff名", "换\n行", "\x1b[2J"]

CASES = [
    {"files": PATHS, "count": len(PATHS), "nested": {"a": [1.5, None, True]}, "effect": "43.3"},
    {"item": "E1", "facts": {"files": PATHS, "corrections": [{"files": PATHS[:20]}]}, "message": None},
    {"files": PATHS[:-1] + [3]},  # not all texts: as json.dumps would, whole
    {1: PATHS}, PATHS, {"files": []}, {"when": object()},
]


@pytest.mark.parametrize("value", CASES)
def test_the_text_is_json_dumps_text(value):
    assert facts_text(value) == json.dumps(value, ensure_ascii=False, default=str)


def test_the_text_reads_back_to_the_same_paths():
    assert json.loads(facts_text({"files": PATHS}))["files"] == PATHS
