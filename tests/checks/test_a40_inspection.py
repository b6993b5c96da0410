"""Art. 40: inspection and experiment records."""

from checks.articles import a40_inspection as a40
from tests.checks.contract import CheckContract, make_bundle, run


def _item():
    return {"id": "E6", "kind": "inspection", "inspection": {"record": "documents/r.pdf", "signed": True,
            "conditions": "同型号手机", "environment": "同一 Wi-Fi", "recording": ["recordings/v.mp4"]}}


class TestInspectionRecord(CheckContract):
    CHECK = a40.InspectionRecordCheck

    def test_signed_record(self, tmp_path):
        item = _item()
        bundle = make_bundle(tmp_path, [item], files={"documents/r.pdf": b"%PDF", "recordings/v.mp4": b"v"})
        assert run(self.CHECK, item, bundle=bundle).status == "pass"
        item["inspection"]["signed"] = False
        assert run(self.CHECK, item, bundle=bundle).status == "fail"


class TestExperimentRecord(CheckContract):
    CHECK = a40.ExperimentRecordCheck


class TestEnvironment(CheckContract):
    CHECK = a40.EnvironmentCheck

    def test_environment_asked(self, tmp_path):
        assert run(self.CHECK, _item(), tmp_path=tmp_path).status == "needs_review"


class TestObjectiveRecord(CheckContract):
    CHECK = a40.ObjectiveRecordCheck

    def test_recording_file(self, tmp_path):
        assert run(self.CHECK, _item(), tmp_path=tmp_path).status == "fail"
        bundle = make_bundle(tmp_path, [_item()], files={"recordings/v.mp4": b"v"})
        assert run(self.CHECK, _item(), bundle=bundle).status == "pass"
