"""Outcome proposals under Art. 43/44."""

from checks.base import CheckResult
from checks.outcome import propose_outcome


def _r(status, **facts):
    return CheckResult(status, facts, "")


def test_unexplained_mismatch_excludes():
    proposed = propose_outcome({"id": "E1"}, {"a31_2_digests": _r("fail", problems=[{"path": "a"}])})
    assert (proposed.outcome, proposed.basis) == ("excluded", "44.1")
    assert proposed.reasons[0]["article"] == "31.2"


def test_confirmed_change_is_admissible_under_44_2():
    item = {"id": "E1", "changes": [{"path": "a", "explanation": "转码", "confirmed_by": "appraisal"}]}
    proposed = propose_outcome(item, {"a31_2_digests": _r("warn", problems=[{"path": "a", "explanation": "转码"}])})
    assert (proposed.outcome, proposed.basis) == ("admissible", "44.2")


def test_explained_but_unconfirmed_change_is_a_defect():
    item = {"id": "E1", "changes": [{"path": "a", "explanation": "转码"}]}
    proposed = propose_outcome(item, {"a31_2_digests": _r("warn", problems=[{"path": "a", "explanation": "转码"}])})
    assert (proposed.outcome, proposed.basis) == ("defect", "43.4")


def test_unsigned_record_is_43_2_and_missing_paperwork_43_4():
    proposed = propose_outcome({"id": "E1"}, {"a32_4_participants": _r("fail"), "a32_2_paperwork": _r("fail"),
                                              "a31_2_digests": _r("pass")})
    assert (proposed.outcome, proposed.basis) == ("defect", "43.2;43.4")


def test_clean_is_admissible():
    proposed = propose_outcome({"id": "E1"}, {"a31_2_digests": _r("pass"), "a33_1_case_facts": _r("needs_review")})
    assert (proposed.outcome, proposed.basis, proposed.reasons) == ("admissible", "", ())
