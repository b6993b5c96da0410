"""Art. 38: freeze paperwork, days left, digests at freeze against now."""

from datetime import date

from checks.articles import a38_frozen as a38
from tests.checks.contract import CheckContract, make_bundle, run
from tests.checks.test_a30_objectivity import _verification


class TestFreezePaperwork(CheckContract):
    CHECK = a38.FreezePaperworkCheck

    def test_notice_present(self, tmp_path):
        item = {"id": "E3", "kind": "frozen", "freeze": {"notice": "documents/n.pdf", "notice_number": "1",
                                                         "frozen_at": "2026-11-10T00:00:00+08:00"}}
        assert run(self.CHECK, item, tmp_path=tmp_path).status == "fail"
        bundle = make_bundle(tmp_path, [item], files={"documents/n.pdf": b"%PDF"})
        assert run(self.CHECK, item, bundle=bundle).status == "needs_review"


class TestFreezeRelevance(CheckContract):
    CHECK = a38.FreezeRelevanceCheck


class TestFreezeExpiry(CheckContract):
    CHECK = a38.FreezeExpiryCheck

    def _status(self, tmp_path, today, **settings):
        item = {"id": "E3", "kind": "frozen", "freeze": {"expires_at": "2026-11-30T00:00:00+08:00"}}
        return run(self.CHECK, item, tmp_path=tmp_path, today=today, settings=settings)

    def test_days_left_against_today_and_threshold(self, tmp_path):
        assert self._status(tmp_path, date(2026, 11, 23)).status == "warn"
        assert self._status(tmp_path, date(2026, 11, 23)).facts["days_left"] == 7
        assert self._status(tmp_path, date(2026, 11, 1)).status == "pass"
        assert self._status(tmp_path, date(2026, 11, 23), freeze_warning_days=3).status == "pass"
        expired = self._status(tmp_path, date(2026, 12, 2))  # a deadline of the case, not a defect of the evidence
        assert expired.status == "warn" and expired.facts["effect"] == "alert"

    def test_expiry_day_read_in_case_time_zone(self, tmp_path):
        item = {"id": "E3", "kind": "frozen", "freeze": {"expires_at": "2026-11-29T20:00:00Z"}}  # 11-30 04:00 +08
        assert run(self.CHECK, item, tmp_path=tmp_path, today=date(2026, 11, 30)).facts["days_left"] == 0


class TestFreezeUnchanged(CheckContract):
    CHECK = a38.FreezeUnchangedCheck

    def test_freeze_verification_records(self, tmp_path):
        item = {"id": "E3", "kind": "frozen"}
        rows = [_verification("E3", "evidence/a", "mismatch", recorded_source="freeze")]
        assert run(self.CHECK, item, tmp_path=tmp_path, verify_results=rows).status == "fail"

    def test_digests_at_freeze_against_computed(self, tmp_path):
        item = {"id": "E3", "kind": "frozen", "freeze": {"digests_at_freeze": {"evidence/a": {"sha256": "AA"}}}}
        rows = [_verification("E3", "evidence/a", "match")]
        assert run(self.CHECK, item, tmp_path=tmp_path, verify_results=rows).status == "pass"
        rows = [_verification("E3", "evidence/a", "mismatch")]
        assert run(self.CHECK, item, tmp_path=tmp_path, verify_results=rows).status == "fail"
