"""Art. 41: appraisal."""

from checks import a41_appraisal as a41
from tests.checks.contract import CheckContract, make_bundle, run


class TestAppraiserQualified(CheckContract):
    CHECK = a41.AppraiserQualifiedCheck

    def test_out_of_scope_fails(self, tmp_path):
        item = {"id": "E5", "kind": "appraisal", "appraisal": {"within_scope": False}}
        assert run(self.CHECK, item, tmp_path=tmp_path).status == "fail"


class TestMaterialConsistent(CheckContract):
    CHECK = a41.MaterialConsistentCheck

    def test_material_against_evidence_digests(self, tmp_path):
        evidence = {"id": "E1", "kind": "obtained",
                    "content": [{"path": "evidence/E1/a.txt", "type": "file", "digests": {"sha256": "ab"}}]}
        appraisal = {"id": "E5", "kind": "appraisal", "content": [],
                     "appraisal": {"material_digests": {"evidence/E1/a.txt": {"sha256": "AB"}}}}
        bundle = make_bundle(tmp_path, [evidence, appraisal])
        assert run(self.CHECK, appraisal, bundle=bundle).status == "pass"
        appraisal["appraisal"]["material_digests"]["evidence/E1/a.txt"] = {"sha256": "00"}
        assert run(self.CHECK, appraisal, bundle=bundle).status == "fail"

    def test_digest_list_values_from_verification(self, tmp_path):
        appraisal = {"id": "E5", "kind": "appraisal",
                     "appraisal": {"material_digests": {"evidence/E1/a.txt": {"md5": "11"}}}}
        rows = [{"item": "E1", "path": "evidence/E1/a.txt", "algorithm": "md5", "recorded": "22",
                 "recorded_source": "digest_list", "computed": "22", "status": "match"}]
        assert run(self.CHECK, appraisal, tmp_path=tmp_path, verify_results=rows).status == "fail"


class TestMethodStandard(CheckContract):
    CHECK = a41.MethodStandardCheck


class TestOpinionComplete(CheckContract):
    CHECK = a41.OpinionCompleteCheck

    def test_missing_fields(self, tmp_path):
        item = {"id": "E5", "kind": "appraisal", "appraisal": {"opinion_fields": ["client", "date", "material",
                                                                                   "result"]}}
        outcome = run(self.CHECK, item, tmp_path=tmp_path)
        assert outcome.status == "fail" and outcome.facts["missing"] == ["process", "signatures"]


class TestCorroborated(CheckContract):
    CHECK = a41.CorroboratedCheck
