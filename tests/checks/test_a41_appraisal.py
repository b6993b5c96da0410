"""Art. 41: appraisal."""

from checks.articles import a41_appraisal as a41
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


    def test_material_equal_to_the_recorded_original_is_consistent_though_the_file_changed_since(self, tmp_path):
        """The evidence file changed after it was recorded (31.2's finding on E1); the material equals what was
        recorded: consistent, and each file is compared once whatever the number of rows about it."""
        evidence = {"id": "E1", "kind": "obtained",
                    "content": [{"path": "evidence/E1/a.txt", "type": "file",
                                 "digests": {"sha256": "ab", "md5": "11"}}]}
        appraisal = {"id": "E5", "kind": "appraisal", "content": [],
                     "appraisal": {"material_digests": {"evidence/E1/a.txt": {"sha256": "ab", "md5": "11"}}}}
        rows = [{"item": "E1", "path": "evidence/E1/a.txt", "algorithm": a, "recorded": v,
                 "recorded_source": "manifest",
                 "computed": "ff", "status": "mismatch"} for a, v in (("sha256", "ab"), ("md5", "11"))]
        rows += [dict(r, item="E5", recorded_source="appraisal") for r in rows]
        bundle = make_bundle(tmp_path, [evidence, appraisal])
        outcome = run(self.CHECK, appraisal, bundle=bundle, verify_results=rows)
        assert outcome.status == "pass" and len(outcome.facts["comparisons"]) == 1
        appraisal["appraisal"]["material_digests"]["evidence/E1/a.txt"] = {"sha256": "00", "md5": "11"}
        outcome = run(self.CHECK, appraisal, bundle=bundle, verify_results=rows)
        assert outcome.status == "fail" and outcome.facts["files"] == ["evidence/E1/a.txt"]
        assert outcome.facts["comparisons"][0]["algorithms"] == ["sha256"]


class TestMethodStandard(CheckContract):
    CHECK = a41.MethodStandardCheck


class TestOpinionComplete(CheckContract):
    CHECK = a41.OpinionCompleteCheck

    def test_missing_fields(self, tmp_path):
        item = {"id": "E5", "kind": "appraisal", "appraisal": {"opinion_fields": ["client", "date", "material",
                                                                                   "result"]}}
        outcome = run(self.CHECK, item, tmp_path=tmp_path)
        assert outcome.status == "fail" and outcome.facts["missing"] == ["process", "signatures"]
        assert "signatures" not in outcome.message and "鉴定人签名" in outcome.message
        assert "corrections" not in outcome.facts  # unsigned: Art. 98's ground, nothing to supply

    def test_a_missing_process_is_asked_for(self, tmp_path):
        item = {"id": "E5", "kind": "appraisal", "appraisal": {"opinion_fields": ["client", "date", "material",
                                                                                   "result", "signatures"]}}
        outcome = run(self.CHECK, item, tmp_path=tmp_path)
        assert outcome.facts["corrections"] == ["补充提供鉴定意见所缺的内容：鉴定过程"]


class TestCorroborated(CheckContract):
    CHECK = a41.CorroboratedCheck
