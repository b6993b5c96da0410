"""Hostile and valid manifests: every refusal names the JSON path and the rule, in Chinese and English."""

import copy
import json
import os

import pytest

from models.bundle.manifest import BundleError, ManifestError, load_bundle

GOOD = {
    "format": "evidence-bundle/1",
    "case": {"case_number": "某检刑诉〔2026〕12号", "title": "张某某侵犯公民个人信息案", "prepared_by": "李某",
             "prepared_at": "2026-11-20T10:00:00+08:00", "timezone": "Asia/Shanghai"},
    "parties": [{"id": "P1", "name": "张某某", "role": "suspect"}],
    "items": [{"id": "E1", "title": "涉案U盘", "kind": "seized_media", "related_parties": ["P1"],
               "content": [{"path": "evidence/E1/a.txt", "type": "file",
                            "digests": {"md5": "0" * 32}}]}],
}


def write(tmp_path, data, raw=None):
    root = tmp_path / "bundle"
    (root / "evidence" / "E1").mkdir(parents=True)
    (root / "evidence" / "E1" / "a.txt").write_text("hello")
    (root / "bundle.json").write_bytes(raw if raw is not None else json.dumps(data, ensure_ascii=False).encode())
    return root


def refused(tmp_path, data=None, raw=None) -> ManifestError:
    root = write(tmp_path, data, raw)
    with pytest.raises(ManifestError) as info:
        load_bundle(root)
    error = info.value
    assert error.json_path.startswith("$") and error.rule_zh and error.rule_en
    assert "清单无效" in str(error) and "invalid manifest" in str(error)
    return error


def changed(edit):
    data = copy.deepcopy(GOOD)
    edit(data)
    return data


def test_valid_manifest_loads(tmp_path):
    bundle = load_bundle(write(tmp_path, GOOD))
    assert not bundle.adhoc and bundle.item("E1")["kind"] == "seized_media"
    assert bundle.timezone == "Asia/Shanghai" and len(bundle.digest) == 64


def test_bom_is_tolerated(tmp_path):
    raw = b"\xef\xbb\xbf" + json.dumps(GOOD).encode()
    assert load_bundle(write(tmp_path, None, raw)).case["title"] == GOOD["case"]["title"]


def test_invalid_json(tmp_path):
    error = refused(tmp_path, raw=b'{"format": "evidence-bundle/1",')
    assert error.json_path == "$" and "JSON" in error.rule_zh


def test_wrong_format(tmp_path):
    error = refused(tmp_path, changed(lambda d: d.update(format="evidence-bundle/2")))
    assert error.json_path == "$.format"


def test_missing_required_field(tmp_path):
    error = refused(tmp_path, changed(lambda d: d["case"].pop("prepared_by")))
    assert error.json_path == "$.case.prepared_by" and "缺少" in error.rule_zh


def test_duplicate_ids(tmp_path):
    error = refused(tmp_path, changed(lambda d: d["items"].append(copy.deepcopy(d["items"][0]))))
    assert error.json_path == "$.items[1].id" and "重复" in error.rule_zh


@pytest.mark.parametrize("bad", ["/etc/passwd", "C:/x/y", "evidence/../../x", "evidence\\E1\\a.txt"])
def test_paths_must_stay_inside(tmp_path, bad):
    error = refused(tmp_path, changed(lambda d: d["items"][0]["content"][0].update(path=bad)))
    assert error.json_path == "$.items[0].content[0].path"


def test_link_out_of_bundle_is_refused(tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("outside")
    root = write(tmp_path, changed(lambda d: d["items"][0]["content"][0].update(path="evidence/E1/link.txt")))
    os.symlink(outside, root / "evidence" / "E1" / "link.txt")
    with pytest.raises(ManifestError) as info:
        load_bundle(root)
    assert "链接" in info.value.rule_zh


def test_naive_time(tmp_path):
    error = refused(tmp_path, changed(lambda d: d["case"].update(prepared_at="2026-11-20T10:00:00")))
    assert error.json_path == "$.case.prepared_at" and "偏移" in error.rule_zh


def test_unknown_kind(tmp_path):
    error = refused(tmp_path, changed(lambda d: d["items"][0].update(kind="teleported")))
    assert error.json_path == "$.items[0].kind"


def test_wrong_digest_length(tmp_path):
    error = refused(tmp_path, changed(lambda d: d["items"][0]["content"][0].update(digests={"md5": "abc"})))
    assert error.json_path == "$.items[0].content[0].digests.md5" and "32" in error.rule_zh


def test_unknown_references(tmp_path):
    error = refused(tmp_path, changed(lambda d: d["items"][0].update(backup_of="E9")))
    assert error.json_path == "$.items[0].backup_of"
    error = refused(tmp_path / "b", changed(lambda d: d["items"][0].update(related_parties=["P9"])))
    assert error.json_path == "$.items[0].related_parties[0]"


def test_plain_folder_opens_ad_hoc(tmp_path):
    (tmp_path / "f").mkdir()
    bundle = load_bundle(tmp_path / "f")
    assert bundle.adhoc and bundle.items[0]["id"] == "ADHOC"


def test_missing_path_is_a_bundle_error(tmp_path):
    with pytest.raises(BundleError):
        load_bundle(tmp_path / "nope")
    (tmp_path / "file").write_text("x")
    with pytest.raises(BundleError):
        load_bundle(tmp_path / "file")
