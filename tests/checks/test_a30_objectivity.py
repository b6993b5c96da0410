"""Art. 30: transfer reason, reproducible digests, changes explained, integrity summary."""

from checks.articles import a30_objectivity as a30
from tests.checks.contract import CheckContract, make_bundle, run


class TestOriginalMedia(CheckContract):
    CHECK = a30.OriginalMediaCheck

    def test_not_transferred_without_reason_fails(self, tmp_path):
        item = {"id": "E1", "kind": "seized_media", "media": {"original_transferred": False}}
        assert run(self.CHECK, item, tmp_path=tmp_path).status == "fail"

    def test_reason_stated_passes(self, tmp_path):
        item = {"id": "E1", "kind": "media_image",
                "media": {"original_transferred": False, "not_transferred_reason": "服务器无法扣押"}}
        outcome = run(self.CHECK, item, tmp_path=tmp_path)
        assert outcome.status == "pass" and outcome.facts["reason"] == "服务器无法扣押"

    def test_online_data_has_no_original_media(self, tmp_path):
        assert run(self.CHECK, {"id": "E2", "kind": "online_extraction"}, tmp_path=tmp_path).status == "not_applicable"


class TestSignatures(CheckContract):
    CHECK = a30.SignaturesCheck

    def test_manifest_signature_listed(self, tmp_path):
        item = {"id": "E1", "kind": "obtained"}
        bundle = make_bundle(tmp_path, [item], files={"bundle.json.sig": b"sig"})
        outcome = run(self.CHECK, item, bundle=bundle)
        assert outcome.status == "needs_review" and outcome.facts["manifest_signature"] == "bundle.json.sig"


def _verification(item, path, status, **extra):
    return dict({"item": item, "path": path, "algorithm": "sha256", "recorded": "aa", "recorded_source": "manifest",
                 "computed": "aa" if status == "match" else "bb", "status": status, "error": None,
                 "explanation": None}, **extra)


class TestReproducible(CheckContract):
    """30.3 asks whether the process can be re-run (tool, version, steps recorded), not a second rehash."""

    CHECK = a30.ReproducibleCheck

    def test_tool_version_and_steps_recorded_pass_whatever_the_digests(self, tmp_path):
        item = {"id": "E1", "kind": "onsite_extraction",
                "acquisition": {"tool": "x", "tool_version": "1.0", "method": "y", "steps": "z"}}
        outcome = run(self.CHECK, item, tmp_path=tmp_path,
                      verify_results=[_verification("E1", "evidence/a", "mismatch")])
        assert outcome.status == "pass" and outcome.facts["refers_to"] == "31.2"

    def test_missing_steps_and_version_fail_with_corrections(self, tmp_path):
        item = {"id": "E1", "kind": "online_extraction", "acquisition": {"tool": "x"}}
        outcome = run(self.CHECK, item, tmp_path=tmp_path, verify_results=[_verification("E1", "evidence/a", "match")])
        assert outcome.status == "fail" and outcome.facts["missing"] == ["tool_version", "steps"]
        assert "tool_version" not in outcome.message and "工具版本" in outcome.message
        assert outcome.facts["corrections"][0].startswith("补充说明")

    def test_seized_original_media_has_no_process_to_rerun(self, tmp_path):
        assert run(self.CHECK, {"id": "E1", "kind": "seized_media"}, tmp_path=tmp_path).status == "not_applicable"


class TestChangesExplained(CheckContract):
    CHECK = a30.ChangesExplainedCheck

    def test_unexplained_addition_and_deletion_fail(self, tmp_path):
        item = {"id": "E2", "kind": "online_extraction", "content": [{"path": "evidence/E2/a.txt", "type": "file"}]}
        results = [_verification("E2", "evidence/E2/a.txt", "missing"),
                   _verification(None, "evidence/E2/new.txt", "unlisted")]
        outcome = run(self.CHECK, item, tmp_path=tmp_path, verify_results=results)
        assert outcome.status == "fail"
        assert [p["path"] for p in outcome.facts["added"]] == ["evidence/E2/new.txt"]
        assert [p["path"] for p in outcome.facts["deleted"]] == ["evidence/E2/a.txt"]

    def test_explained_change_passes(self, tmp_path):
        item = {"id": "E1", "kind": "obtained",
                "changes": [{"path": "evidence/a", "description": "转码", "explanation": "平台导出时转码"}]}
        outcome = run(self.CHECK, item, tmp_path=tmp_path,
                      verify_results=[_verification("E1", "evidence/a", "mismatch")])
        assert outcome.status == "pass" and outcome.facts["modified"][0]["explanation"] == "平台导出时转码"

    def test_an_explained_addition_is_still_for_article_44(self, tmp_path):
        """An explanation answers 30.4's question; the added data is still judged under Art. 44."""
        item = {"id": "E1", "kind": "obtained", "content": [{"path": "evidence/E1/a.txt", "type": "file"}],
                "changes": [{"path": "evidence/E1/new.txt", "explanation": "整理时误操作"}]}
        rows = [_verification("E1", "evidence/E1/a.txt", "match"),
                _verification(None, "evidence/E1/new.txt", "unlisted")]
        outcome = run(self.CHECK, item, tmp_path=tmp_path, verify_results=rows)
        assert outcome.status == "warn" and outcome.facts["files"] == ["evidence/E1/new.txt"]
        assert outcome.facts["effect"] == "44.2" and outcome.facts["added"][0]["explanation"] == "整理时误操作"

    def test_an_addition_only_changes_names_is_still_an_addition(self, tmp_path):
        """changes[] naming a new file makes the manifest name it, so verify finds nothing unlisted: 30.4 does."""
        item = {"id": "E3", "kind": "obtained", "content": [{"path": "evidence/E3/a.txt", "type": "file"}],
                "changes": [{"path": "evidence/E3/extra.txt", "explanation": "持有人补充提供",
                             "confirmed_by": "party"}]}
        bundle = make_bundle(tmp_path, [item], files={"evidence/E3/a.txt": b"a", "evidence/E3/extra.txt": b"x"})
        outcome = run(self.CHECK, item, bundle=bundle,
                      verify_results=[_verification("E3", "evidence/E3/a.txt", "match")])
        assert outcome.status == "warn" and outcome.facts["files"] == ["evidence/E3/extra.txt"]
        assert outcome.facts["added"] == [{"path": "evidence/E3/extra.txt", "explanation": "持有人补充提供",
                                           "confirmed_by": "party"}]

    def test_anomaly_needs_review(self, tmp_path):
        item = {"id": "E1", "kind": "obtained"}
        outcome = run(self.CHECK, item, tmp_path=tmp_path, verify_results=[_verification("E1", "evidence/a", "match")],
                      anomalies=[{"item": "E1", "path": "evidence/a", "kind": "modified_after_seizure",
                                  "message": "修改时间晚于封存"}])
        assert outcome.status == "needs_review" and outcome.facts["files"] == ["evidence/a"]

    def test_a_copys_creation_time_is_no_sign_of_change(self, tmp_path):
        item = {"id": "E1", "kind": "obtained"}
        outcome = run(self.CHECK, item, tmp_path=tmp_path, verify_results=[_verification("E1", "evidence/a", "match")],
                      anomalies=[{"item": "E1", "path": "evidence/a", "kind": "created_after_modified"}])
        assert outcome.status == "pass"

    def test_an_edited_photo_surfaces_beside_a_changed_file(self, tmp_path):
        """The planted defect that vanished: a fail for one file returned before the anomalies were attached."""
        item = {"id": "E1", "kind": "seized_media"}
        rows = [_verification("E1", "evidence/E1/chat.txt", "mismatch"), _verification(None, "evidence/E1/new.txt",
                                                                                      "unlisted")]
        photo = {"item": "E1", "path": "evidence/E1/photo.jpg", "kind": "modified_after_seizure"}
        for results in (rows[:1], rows):
            outcome = run(self.CHECK, item, tmp_path=tmp_path, verify_results=results, anomalies=[photo])
            assert outcome.status == "fail" and "evidence/E1/photo.jpg" in outcome.facts["files"]
            assert [a["path"] for a in outcome.facts["anomalies"]] == ["evidence/E1/photo.jpg"]

    def test_a_mismatch_is_referred_to_31_2_not_counted_again(self, tmp_path):
        item = {"id": "E1", "kind": "obtained"}
        rows = [_verification("E1", "evidence/a", "mismatch"), _verification("E1", "evidence/a", "mismatch",
                                                                            algorithm="md5")]
        outcome = run(self.CHECK, item, tmp_path=tmp_path, verify_results=rows)
        assert outcome.status == "fail" and outcome.facts["effect"] == "none" and outcome.facts["refers_to"] == "31.2"
        assert outcome.params["count"] == 1 and outcome.facts["files"] == ["evidence/a"]


class TestIntegrity(CheckContract):
    CHECK = a30.IntegrityCheck

    def test_summarises_article_31(self, tmp_path):
        item = {"id": "E1", "kind": "obtained"}
        ok = run(self.CHECK, item, tmp_path=tmp_path, verify_results=[_verification("E1", "evidence/a", "match")])
        bad = run(self.CHECK, item, tmp_path=tmp_path, verify_results=[_verification("E1", "evidence/a", "mismatch")])
        assert (ok.status, bad.status) == ("pass", "fail")
