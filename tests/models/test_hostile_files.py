"""models.bundle.safe_read and the manifest's shape: hostile files and hostile JSON refused with a stated reason."""

import json
import os

import pytest

from models.bundle.manifest import ManifestError, load_bundle
from models.bundle.manifest_shape import MAX_DEPTH, deep_point
from models.bundle.safe_read import MetadataReadError, read_metadata
from tests.models.test_manifest import GOOD, changed, write


def test_regular_file_is_read(tmp_path):
    (tmp_path / "f").write_bytes(b"abc")
    assert read_metadata(tmp_path / "f", 10) == b"abc"


def test_fifo_is_refused_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "f")
    with pytest.raises(MetadataReadError, match="FIFO"):
        read_metadata(tmp_path / "f", 10)


def test_link_is_refused(tmp_path):
    (tmp_path / "t").write_bytes(b"abc")
    os.symlink(tmp_path / "t", tmp_path / "f")
    with pytest.raises(MetadataReadError, match="link"):
        read_metadata(tmp_path / "f", 10)


def test_folder_is_refused(tmp_path):
    with pytest.raises(MetadataReadError, match="folder"):
        read_metadata(tmp_path, 10)


def test_sparse_file_over_the_cap_names_the_cap(tmp_path):
    with open(tmp_path / "f", "wb") as f:
        f.truncate(3 * 1024 ** 3)
    with pytest.raises(MetadataReadError, match="16 MB"):
        read_metadata(tmp_path / "f", 16 * 1024 * 1024)


def test_absent_file_keeps_its_own_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        read_metadata(tmp_path / "absent", 10)


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 10_000, 100_000])
def test_deep_manifest_is_a_manifest_error_with_a_path(tmp_path, depth):
    raw = b'{"format": "evidence-bundle/1", "case": ' + b'{"x": ' * depth + b"1" + b"}" * depth + b"}"
    with pytest.raises(ManifestError) as info:
        load_bundle(write(tmp_path, None, raw))
    assert info.value.json_path.startswith("$.case.x.x") and "64" in info.value.rule_en


def test_deep_arrays_are_a_manifest_error(tmp_path):
    raw = b'{"items": [' + b"[" * 10_000 + b"]" * 10_000 + b"]}"
    with pytest.raises(ManifestError) as info:
        load_bundle(write(tmp_path, None, raw))
    assert info.value.json_path.startswith("$.items[0][0]")


def test_deep_point_counts_keys_and_indexes():
    text = '{"a": [1, {"b": "x[{"}, [[[' + "]]]]}"
    assert deep_point(text, limit=4) == ["a", 2, 0, 0]
    assert deep_point('{"a": 1}', limit=4) is None


def test_surrogate_escape_in_a_manifest_path_is_a_manifest_error(tmp_path):
    raw = json.dumps(GOOD).replace("evidence/E1/a.txt", "evidence/E1/a\\udcff.txt").encode()
    with pytest.raises(ManifestError) as info:
        load_bundle(write(tmp_path, None, raw))
    assert info.value.json_path == "$.items[0].content[0].path"


def test_surrogate_in_a_key_is_a_manifest_error(tmp_path):
    raw = json.dumps(changed(lambda d: d["case"].update({"\udcff": 1})))  # ensure_ascii writes the escape
    with pytest.raises(ManifestError) as info:
        load_bundle(write(tmp_path, None, raw.encode()))
    assert info.value.json_path == "$.case.\\udcff"
