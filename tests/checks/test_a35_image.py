"""Art. 35: imaged media described, imaging recorded (acquisition logs count), hashed, signed."""

from checks.articles import a35_image as a35
from tests.checks.contract import CheckContract, run
from tests.checks.test_a34_seized import MEDIA


class TestMediaDescribed(CheckContract):
    CHECK = a35.ImageMediaDescribedCheck

    def test_custodian_required(self, tmp_path):
        outcome = run(self.CHECK, {"id": "E1", "kind": "media_image", "media": dict(MEDIA, custodian=None)},
                      tmp_path=tmp_path)
        assert outcome.status == "fail" and outcome.facts["missing"] == ["custodian"]


class TestImagingProcess(CheckContract):
    CHECK = a35.ImagingProcessCheck

    def test_tool_missing_fails_unless_a_log_lies_beside_the_image(self, tmp_path):
        item = {"id": "E1", "kind": "media_image", "acquisition": {"method": "只读"},
                "content": [{"path": "evidence/E1/usb.E01", "type": "disk_image"}]}
        assert run(self.CHECK, item, tmp_path=tmp_path).status == "fail"
        files = [{"item": "E1", "path": "evidence/E1/usb.E01.txt", "kind": "file"}]
        outcome = run(self.CHECK, item, tmp_path=tmp_path, files=files)
        assert outcome.status == "warn" and outcome.facts["acquisition_logs"] == ["evidence/E1/usb.E01.txt"]

    def test_complete_passes(self, tmp_path):
        item = {"id": "E1", "kind": "media_image",
                "acquisition": {"tool": "ewfacquire", "method": "只读", "steps": "接入写保护器后制作镜像"}}
        assert run(self.CHECK, item, tmp_path=tmp_path).status == "pass"


class TestDigests(CheckContract):
    CHECK = a35.ImageDigestsCheck

    def test_directory_without_digest_list_fails(self, tmp_path):
        item = {"id": "E1", "kind": "media_image", "content": [{"path": "evidence/E1", "type": "directory"}]}
        assert run(self.CHECK, item, tmp_path=tmp_path).status == "fail"
        item["content"][0]["digest_list"] = "documents/list.txt"
        assert run(self.CHECK, item, tmp_path=tmp_path).status == "pass"


class TestSignatures(CheckContract):
    CHECK = a35.ImageSignaturesCheck
