"""Art. 34: seized media described, sealed or hashed with photos, signed."""

from checks.articles import a34_seized as a34
from tests.checks.contract import CheckContract, make_bundle, run
from tests.checks.test_a32_legality import SIGNED

MEDIA = {"brand": "Kingston", "model": "DT", "capacity_bytes": 1000, "serial": "0019", "location": "物证室",
         "user": "P1", "custodian": "某分局"}


class TestMediaDescribed(CheckContract):
    CHECK = a34.SeizedMediaDescribedCheck

    def test_missing_serial_fails(self, tmp_path):
        media = dict(MEDIA, serial="")
        outcome = run(self.CHECK, {"id": "E1", "kind": "seized_media", "media": media}, tmp_path=tmp_path)
        assert outcome.status == "fail" and outcome.facts["missing"] == ["serial"]

    def test_image_larger_than_capacity_warns(self, tmp_path):
        item = {"id": "E1", "kind": "seized_media", "media": MEDIA,
                "content": [{"path": "evidence/E1/usb.dd", "type": "disk_image", "size": 4096}]}
        assert run(self.CHECK, item, tmp_path=tmp_path).status == "warn"
        item["content"][0]["size"] = 512
        assert run(self.CHECK, item, tmp_path=tmp_path).status == "pass"


class TestSealing(CheckContract):
    CHECK = a34.SealingCheck

    def test_sealed_without_after_photo_fails(self, tmp_path):
        item = {"id": "E1", "kind": "seized_media", "sealing": {"sealed": True, "photos_before": ["photos/b.jpg"]}}
        bundle = make_bundle(tmp_path, [item], files={"photos/b.jpg": b"j"})
        assert run(self.CHECK, item, bundle=bundle).status == "fail"

    def test_not_sealed_but_hashed_passes(self, tmp_path):
        item = {"id": "E1", "kind": "seized_media", "sealing": {"sealed": False},
                "content": [{"path": "evidence/x", "type": "file", "digests": {"md5": "00"}}]}
        assert run(self.CHECK, item, tmp_path=tmp_path).status == "pass"


class TestSignatures(CheckContract):
    CHECK = a34.SeizedSignaturesCheck

    def test_signed(self, tmp_path):
        assert run(self.CHECK, {"id": "E1", "kind": "seized_media", "participants": SIGNED},
                   tmp_path=tmp_path).status == "pass"
