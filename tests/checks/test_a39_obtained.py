"""Art. 39: obtained data."""

from checks.articles import a39_obtained as a39
from tests.checks.contract import CheckContract, run


class TestNoticeListsData(CheckContract):
    CHECK = a39.NoticeListsDataCheck

    def test_flag(self, tmp_path):
        item = {"id": "E4", "kind": "obtained", "obtain": {"notice_lists_data": False}}
        assert run(self.CHECK, item, tmp_path=tmp_path).status == "fail"
        item["obtain"]["notice_lists_data"] = True
        assert run(self.CHECK, item, tmp_path=tmp_path).status == "pass"


class TestReceiptSigned(CheckContract):
    CHECK = a39.ReceiptSignedCheck

    def test_unsigned(self, tmp_path):
        item = {"id": "E4", "kind": "obtained", "obtain": {"receipt_signed": False}}
        assert run(self.CHECK, item, tmp_path=tmp_path).status == "fail"
        item["obtain"]["refusal_explanation"] = "单位拒绝盖章"
        assert run(self.CHECK, item, tmp_path=tmp_path).status == "warn"


class TestRefusalExplained(CheckContract):
    CHECK = a39.RefusalExplainedCheck

    def test_refusal(self, tmp_path):
        item = {"id": "E4", "kind": "obtained", "obtain": {"receipt_signed": False}}
        assert run(self.CHECK, item, tmp_path=tmp_path).status == "fail"
        item["obtain"] = {"receipt_signed": True}
        assert run(self.CHECK, item, tmp_path=tmp_path).status == "not_applicable"


class TestDigests(CheckContract):
    CHECK = a39.ObtainedDigestsCheck
