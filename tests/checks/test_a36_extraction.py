"""Art. 36: extraction from original media."""

from checks.articles import a36_extraction as a36
from tests.checks.contract import CheckContract, run


class TestMediaDescribed(CheckContract):
    CHECK = a36.ExtractionMediaDescribedCheck


class TestExtractionProcess(CheckContract):
    CHECK = a36.ExtractionProcessCheck

    def test_fields_and_attached_info(self, tmp_path):
        acquisition = {"original_path": "/data/wx", "tool": "X", "method": "逻辑提取"}
        item = {"id": "E1", "kind": "onsite_extraction", "acquisition": acquisition}
        assert run(self.CHECK, item, tmp_path=tmp_path).status == "warn"
        acquisition["attached_info_extracted"] = True
        assert run(self.CHECK, item, tmp_path=tmp_path).status == "pass"
        acquisition.pop("original_path")
        assert run(self.CHECK, item, tmp_path=tmp_path).status == "fail"


class TestDigests(CheckContract):
    CHECK = a36.ExtractionDigestsCheck


class TestSignatures(CheckContract):
    CHECK = a36.ExtractionSignaturesCheck
