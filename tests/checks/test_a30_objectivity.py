"""Art. 30: transfer reason, reproducible digests, changes explained, integrity summary."""

from checks import a30_objectivity as a30
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
    CHECK = a30.ReproducibleCheck

    def test_all_match_passes(self, tmp_path):
        item = {"id": "E1", "kind": "obtained", "acquisition": {"tool": "x", "method": "y"}}
        outcome = run(self.CHECK, item, tmp_path=tmp_path, verify_results=[_verification("E1", "evidence/a", "match")])
        assert outcome.status == "pass"

    def test_mismatch_fails(self, tmp_path):
        item = {"id": "E1", "kind": "obtained"}
        outcome = run(self.CHECK, item, tmp_path=tmp_path, verify_results=[_verification("E1", "evidence/a", "mismatch")])
        assert outcome.status == "fail"


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
        outcome = run(self.CHECK, item, tmp_path=tmp_path, verify_results=[_verification("E1", "evidence/a", "mismatch")])
        assert outcome.status == "pass" and outcome.facts["modified"][0]["explanation"] == "平台导出时转码"

    def test_anomaly_needs_review(self, tmp_path):
        item = {"id": "E1", "kind": "obtained"}
        outcome = run(self.CHECK, item, tmp_path=tmp_path, verify_results=[_verification("E1", "evidence/a", "match")],
                      anomalies=[{"item": "E1", "path": "evidence/a", "message": "修改时间晚于封存"}])
        assert outcome.status == "needs_review"


class TestIntegrity(CheckContract):
    CHECK = a30.IntegrityCheck

    def test_summarises_article_31(self, tmp_path):
        item = {"id": "E1", "kind": "obtained"}
        ok = run(self.CHECK, item, tmp_path=tmp_path, verify_results=[_verification("E1", "evidence/a", "match")])
        bad = run(self.CHECK, item, tmp_path=tmp_path, verify_results=[_verification("E1", "evidence/a", "mismatch")])
        assert (ok.status, bad.status) == ("pass", "fail")
