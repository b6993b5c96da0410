"""The bundle factory: a complete clean bundle, one loadable bundle per planted defect, hostile manifests."""

import os
from pathlib import Path

import pytest

from models.bundle.bundle_writer import ALGORITHMS, digests_of
from models.bundle.manifest import ManifestError, load_bundle
from tests.factory import DEFECTS, HOSTILE, BundleFactory

ALL_KINDS = {"seized_media", "media_image", "onsite_extraction", "online_extraction", "frozen", "obtained",
             "inspection", "appraisal"}


@pytest.fixture
def factory(tmp_path):
    return BundleFactory(tmp_path)


def test_clean_bundle_is_complete(factory):
    root = factory.clean()
    bundle = load_bundle(root)
    assert {i["kind"] for i in bundle.items} == ALL_KINDS
    for item in bundle.items:
        assert all(p["signed"] for p in item["participants"]), item["id"]
        assert item["recording"]["made"] and all((root / p).is_file() for p in item["recording"]["paths"])
        assert item["documents"] and all((root / d["path"]).is_file() for d in item["documents"])
        for entry in item["content"]:
            assert set(entry["digests"]) == set(ALGORITHMS)
            assert digests_of((root / entry["path"]).read_bytes()) == entry["digests"]
    e1 = bundle.item("E1")
    assert all(e1["media"].get(k) for k in ("brand", "model", "capacity_bytes", "serial", "identifier", "user_mark"))
    assert (root / e1["sealing"]["photos_before"][0]).is_file() and (root / e1["sealing"]["photos_after"][0]).is_file()
    assert bundle.item("E2")["media"]["capacity_bytes"] == (root / "evidence/E2/usb.dd").stat().st_size
    assert bundle.item("E9")["backup_of"] == "E1"


def test_defects_name_a_known_item_and_status():
    assert len(DEFECTS) >= 25
    for article, (item, status, description) in DEFECTS.items():
        assert item.startswith("E") and status in ("fail", "warn", "needs_review") and description, article


@pytest.mark.parametrize("article", sorted(DEFECTS))
def test_each_defect_bundle_loads_and_differs_from_clean(factory, article):
    clean, defect = factory.clean(), factory.with_defect(article)
    bundle = load_bundle(defect)
    assert bundle.item(DEFECTS[article][0]) is not None
    assert _snapshot(defect) != _snapshot(clean)


def _snapshot(root: Path) -> dict:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_manifests(factory, name):
    root = getattr(factory, name)()
    if HOSTILE[name] is None:
        bundle = load_bundle(root)
        assert not (root / "evidence/E1/chat.txt").exists()
        assert any(e["path"] == "evidence/E1/chat.txt" for e in bundle.item("E1")["content"])
        return
    with pytest.raises(ManifestError) as caught:
        load_bundle(root)
    assert caught.value.json_path == HOSTILE[name]


def test_link_out_points_outside(factory, tmp_path):
    for listed in (True, False):
        root = factory.link_out(listed=listed)
        link = root / "evidence/E1/link.txt"
        assert link.is_symlink()
        assert not Path(os.path.realpath(link)).is_relative_to(root)
    load_bundle(root)  # unlisted: the manifest stays valid, the link is an inventory matter


def test_each_call_writes_a_new_folder(factory):
    assert factory.clean() != factory.clean()
