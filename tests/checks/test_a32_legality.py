"""Art. 32: paperwork and records by kind, participants, recording, data from abroad."""

from checks.articles import a32_legality as a32
from tests.checks.contract import CheckContract, make_bundle, run

SIGNED = [{"role": "collector", "name": "王某", "signed": True}, {"role": "witness", "name": "赵某", "signed": True},
          {"role": "holder", "name": "张某某", "signed": False, "absent_reason": "拒绝签名"},
          {"role": "collector", "name": "陈某", "signed": True}]


class TestMethodCustody(CheckContract):
    CHECK = a32.MethodCustodyCheck

    def test_asks_with_the_recorded_method(self, tmp_path):
        outcome = run(self.CHECK, {"id": "E1", "kind": "obtained", "acquisition": {"tool": "X"}}, tmp_path=tmp_path)
        assert outcome.status == "needs_review" and outcome.facts["tool"] == "X" and outcome.message


class TestPaperwork(CheckContract):
    CHECK = a32.PaperworkCheck

    def test_seizure_list_missing_fails(self, tmp_path):
        item = {"id": "E1", "kind": "seized_media",
                "documents": [{"kind": "seizure_decision", "path": "documents/d.pdf"}]}
        bundle = make_bundle(tmp_path, [item], files={"documents/d.pdf": b"%PDF"})
        outcome = run(self.CHECK, item, bundle=bundle)
        assert outcome.status == "fail" and outcome.facts["missing"] == [["seizure_list"]]
        assert outcome.facts["sources"]

    def test_complete_and_present_passes(self, tmp_path):
        item = {"id": "E1", "kind": "seized_media", "documents": [
            {"kind": "seizure_decision", "path": "documents/d.pdf"},
            {"kind": "seizure_list", "path": "documents/l.pdf"}]}
        bundle = make_bundle(tmp_path, [item], files={"documents/d.pdf": b"%PDF", "documents/l.pdf": b"%PDF"})
        assert run(self.CHECK, item, bundle=bundle).status == "pass"

    def test_listed_but_absent_file_fails(self, tmp_path):
        item = {"id": "E3", "kind": "frozen", "freeze": {"notice": "documents/n.pdf"}}
        assert run(self.CHECK, item, tmp_path=tmp_path).status == "fail"


class TestRecords(CheckContract):
    CHECK = a32.RecordsCheck

    def test_extraction_record_required_for_image(self, tmp_path):
        assert run(self.CHECK, {"id": "E1", "kind": "media_image", "documents": []}, tmp_path=tmp_path).status == "fail"


class TestParticipants(CheckContract):
    CHECK = a32.ParticipantsCheck

    def test_one_investigator_is_not_enough(self, tmp_path):
        """2016 rules Art. 7: 二名以上侦查人员; a curable defect of the procedure (43.4), its source quoted."""
        item = {"id": "E1", "kind": "seized_media", "participants": SIGNED[:3]}
        outcome = run(self.CHECK, item, tmp_path=tmp_path)
        assert outcome.status == "fail" and outcome.facts["effect"] == "43.4" and outcome.facts["collectors"] == 1
        assert "二名以上侦查人员" in outcome.facts["law"]["quote_zh"] and outcome.facts["law"]["sources"]
        assert outcome.facts["corrections"][0].startswith("补充说明")

    def test_two_investigators_pass_and_refer_signatures_to_the_kinds_clause(self, tmp_path):
        outcome = run(self.CHECK, {"id": "E1", "kind": "seized_media", "participants": SIGNED}, tmp_path=tmp_path)
        assert outcome.status == "pass" and outcome.facts["refers_to"] == "34.3"

    def test_witness_not_listed_warns(self, tmp_path):
        people = [p for p in SIGNED if p["role"] != "witness"]
        assert run(self.CHECK, {"id": "E1", "kind": "seized_media", "participants": people},
                   tmp_path=tmp_path).status == "warn"

    def test_other_kinds_check_the_signatures_here(self, tmp_path):
        people = [dict(p) for p in SIGNED]
        people[2].pop("absent_reason")
        outcome = run(self.CHECK, {"id": "E1", "kind": "frozen", "participants": people}, tmp_path=tmp_path)
        assert outcome.status == "fail" and "持有人（提供人）张某某" in outcome.message


class TestSignatureResult:
    def test_absence_explained_for_holder_passes(self):
        outcome = a32.signature_result({"participants": SIGNED})
        assert outcome.status == "pass" and len(outcome.facts["explained"]) == 1

    def test_a_reason_never_excuses_an_investigator(self):
        """absent_reason excuses only the witness and the holder (provider), not the collectors."""
        people = [dict(p) for p in SIGNED]
        people[0].update(signed=False, absent_reason="出差")
        outcome = a32.signature_result({"participants": people})
        assert outcome.status == "fail" and [p["name"] for p in outcome.facts["unsigned"]] == ["王某"]
        assert outcome.facts["corrections"][0].startswith("补签")


class TestRecording(CheckContract):
    CHECK = a32.RecordingCheck

    def test_made_with_file_passes_and_without_reason_fails(self, tmp_path):
        item = {"id": "E1", "kind": "obtained", "recording": {"made": True, "paths": ["recordings/r.mp4"]}}
        bundle = make_bundle(tmp_path, [item], files={"recordings/r.mp4": b"v"})
        assert run(self.CHECK, item, bundle=bundle).status == "pass"
        item["recording"] = {"made": False}
        assert run(self.CHECK, item, bundle=bundle).status == "fail"
        item["recording"]["reason_absent"] = "无需录制"
        assert run(self.CHECK, item, bundle=bundle).status == "needs_review"


class TestCrossBorder(CheckContract):
    CHECK = a32.CrossBorderCheck

    def test_only_when_marked(self, tmp_path):
        item = {"id": "E1", "kind": "obtained", "cross_border": {"is_cross_border": True, "assistance_reference": "X"}}
        assert run(self.CHECK, item, tmp_path=tmp_path).status == "needs_review"
        item["cross_border"] = {"is_cross_border": False}
        assert run(self.CHECK, item, tmp_path=tmp_path).status == "not_applicable"
