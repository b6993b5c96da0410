"""Art. 31: seal, digests, backup, operation log after freezing."""

from checks.articles import a31_integrity as a31
from tests.checks.contract import CheckContract, make_bundle, run
from tests.checks.test_a30_objectivity import _verification


class TestSealIntact(CheckContract):
    CHECK = a31.SealIntactCheck

    def test_broken_seal_fails(self, tmp_path):
        item = {"id": "E1", "kind": "seized_media", "sealing": {"sealed": True, "state": "broken"}}
        assert run(self.CHECK, item, tmp_path=tmp_path).status == "fail"

    def test_intact_with_photos_passes(self, tmp_path):
        item = {"id": "E1", "kind": "seized_media", "sealing": {"sealed": True, "state": "intact",
                "photos_before": ["photos/b.jpg"], "photos_after": ["photos/a.jpg"]}}
        bundle = make_bundle(tmp_path, [item], files={"photos/b.jpg": b"b", "photos/a.jpg": b"a"})
        assert run(self.CHECK, item, bundle=bundle).status == "pass"


class TestDigests(CheckContract):
    CHECK = a31.DigestsCheck

    def test_mismatch_names_file_and_both_values(self, tmp_path):
        item = {"id": "E1", "kind": "obtained"}
        outcome = run(self.CHECK, item, tmp_path=tmp_path,
                      verify_results=[_verification("E1", "evidence/a", "mismatch")])
        assert outcome.status == "fail" and outcome.facts["files"] == ["evidence/a"]
        problem = outcome.facts["problems"][0]
        assert (problem["path"], problem["recorded"], problem["computed"]) == ("evidence/a", {"sha256": "aa"},
                                                                              {"sha256": "bb"})

    def test_one_finding_per_file_with_its_algorithms_together(self, tmp_path):
        item = {"id": "E1", "kind": "obtained"}
        rows = [_verification("E1", "evidence/a", "mismatch"),
                _verification("E1", "evidence/a", "mismatch", algorithm="md5", recorded="11", computed="22")]
        outcome = run(self.CHECK, item, tmp_path=tmp_path, verify_results=rows)
        assert len(outcome.facts["problems"]) == 1 and outcome.facts["problems"][0]["algorithms"] == ["sha256", "md5"]
        assert outcome.params["count"] == 1 and "1 个文件" in outcome.message

    def test_never_verified_is_not_verified_not_not_recorded(self, tmp_path):
        item = {"id": "E1", "kind": "obtained",
                "content": [{"path": "evidence/a", "type": "file", "digests": {"sha256": "aa"}}]}
        assert run(self.CHECK, item, tmp_path=tmp_path).status == "not_verified"
        item["content"][0].pop("digests")
        assert run(self.CHECK, item, tmp_path=tmp_path).status == "not_recorded"
        empty = {"id": "E5", "kind": "appraisal", "content": []}
        assert run(self.CHECK, empty, tmp_path=tmp_path).status == "not_applicable"

    def test_a_malformed_list_line_is_a_record_defect_of_43_4(self, tmp_path):
        item = {"id": "E1", "kind": "obtained"}
        row = {"item": "E1", "path": "evidence/E1/a.jpg", "algorithm": None, "recorded": "12,abc,evidence/E1/a.jpg",
               "recorded_source": "digest_list:documents/list.txt", "computed": None, "status": "unreadable",
               "error": ("记录有误 / record defect: documents/list.txt 第 5 行 / line 5: "
                         "md5 needs 32 hex digits, got 31"),
               "explanation": None}
        outcome = run(self.CHECK, item, tmp_path=tmp_path,
                      verify_results=[row, _verification("E1", "evidence/b", "match")])
        assert outcome.status == "fail" and outcome.facts["effect"] == "43.4"
        assert outcome.facts["files"] == ["evidence/E1/a.jpg"] and outcome.facts["problems"] == []
        defect = outcome.facts["record_defects"][0]
        assert (defect["record"], defect["line"]) == ("documents/list.txt", 5)
        assert "第 5 行" in outcome.facts["corrections"][0] and outcome.facts["corrections"][0].startswith("补充说明")

    def test_freeze_digests_are_left_to_38_4(self, tmp_path):
        rows = [_verification("E1", "evidence/a", "match"),
                _verification("E1", "evidence/a", "mismatch", recorded_source="freeze")]
        assert run(self.CHECK, {"id": "E1", "kind": "frozen"}, tmp_path=tmp_path, verify_results=rows).status == "pass"


class TestBackup(CheckContract):
    CHECK = a31.BackupCheck

    def test_differences_given_fail(self, tmp_path):
        item = {"id": "E2", "kind": "obtained", "backup_of": "E1"}
        outcome = run(self.CHECK, item, tmp_path=tmp_path, backup_differences={"E2": [{"path": "x.csv"}]})
        assert outcome.status == "fail" and outcome.facts["count"] == 1

    def test_manifest_digests_compared_when_not_compared(self, tmp_path):
        original = {"id": "E1", "kind": "obtained", "content": [
            {"path": "evidence/E1/x.csv", "type": "file", "digests": {"md5": "11"}}]}
        same = {"id": "E2", "kind": "obtained", "backup_of": "E1", "content": [
            {"path": "evidence/E2/x.csv", "type": "file", "digests": {"md5": "11"}}]}
        bundle = make_bundle(tmp_path, [original, same])
        assert run(self.CHECK, same, bundle=bundle).status == "pass"
        same["content"][0]["digests"] = {"md5": "22"}
        assert run(self.CHECK, same, bundle=bundle).status == "fail"

    def test_fallback_gives_what_the_runner_comparison_gives(self, tmp_path):
        """One comparison: the check's own (no store) and models.integrity.backup's agree, computed values first."""
        from models.integrity.backup import compare_items

        original = {"id": "E1", "kind": "obtained", "content": [
            {"path": "evidence/E1/x.csv", "type": "file", "digests": {"md5": "AA"}},
            {"path": "evidence/E1/y.csv", "type": "file", "digests": {"md5": "bb"}}]}
        backup = {"id": "E2", "kind": "obtained", "backup_of": "E1", "content": [
            {"path": "evidence/E2/x.csv", "type": "file", "digests": {"md5": "aa"}},
            {"path": "evidence/E2/z.csv", "type": "file", "digests": {"md5": "", "sha1": None}}]}
        rows = [_verification("E1", "evidence/E1/y.csv", "mismatch", algorithm="md5", recorded="bb", computed="cc")]
        bundle = make_bundle(tmp_path, [original, backup])
        outcome = run(self.CHECK, backup, bundle=bundle, verify_results=rows)
        expected = [vars(d) for d in compare_items(backup, original, rows)]
        assert outcome.status == "fail" and outcome.facts["differences"] == expected
        assert [(d["path"], d["difference"]) for d in expected] == [("y.csv", "missing_in_backup"),
                                                                    ("z.csv", "missing_in_original")]


class TestOperationLog(CheckContract):
    CHECK = a31.OperationLogCheck

    def _item(self):
        return {"id": "E3", "kind": "frozen", "freeze": {"frozen_at": "2026-11-10T00:00:00+08:00",
                                                         "operation_log": "documents/log.csv"}}

    def test_entry_after_freeze_fails(self, tmp_path):
        log = "操作时间,操作,账号\n2026-11-09 10:00:00,登录,a\n2026-11-12 02:13:00,删除,a\n".encode()
        bundle = make_bundle(tmp_path, [self._item()], files={"documents/log.csv": log})
        outcome = run(self.CHECK, self._item(), bundle=bundle)
        assert outcome.status == "fail" and [e["line"] for e in outcome.facts["after_freeze"]] == [3]

    def test_gbk_log_without_time_header_found_by_parsing(self, tmp_path):
        log = "账号,时刻\na,2026-11-09T10:00:00+08:00\nb,2026-11-09T11:00:00+08:00\n".encode("gb18030")
        bundle = make_bundle(tmp_path, [self._item()], files={"documents/log.csv": log})
        outcome = run(self.CHECK, self._item(), bundle=bundle)
        assert outcome.status == "pass" and outcome.facts["time_column"] == "时刻"

    def test_log_file_absent_fails(self, tmp_path):
        assert run(self.CHECK, self._item(), tmp_path=tmp_path).status == "fail"
