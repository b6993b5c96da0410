"""The outcome model over check results made by hand: effects, files, routes, and the basis recorded."""

from checks.base import CheckResult
from checks.outcome import default_effect, effects_table, propose_outcome, recorded_basis, restorable_paths
from checks.registry import default_registry


def _r(status, message="", **facts):
    return CheckResult(status, facts, message)


def test_unexplained_change_is_excluded_with_its_file_and_the_open_route():
    proposed = propose_outcome({"id": "E1"},
                               {"a31_2_digests": _r("fail", problems=[{"path": "a", "status": "mismatch"}]),
                                              "a30_1_original_media": _r("pass")})
    assert (proposed.proposal, proposed.basis, proposed.files) == ("excluded", ("44.2",), ("a",))
    assert proposed.route_44_2 and "第四十四条第二款" in proposed.route_44_2
    assert proposed.outcome == "excluded"  # the old name still answers
    reason = proposed.reasons[0]
    assert (reason["check"], reason["article"], reason["status"], reason["effect"], reason["files"]) == (
        "a31_2_digests", "31.2", "fail", "44.2", ["a"])


def test_confirmed_change_is_admissible_under_44_2():
    for confirmer in ("appraisal", "party"):
        item = {"id": "E1", "changes": [{"path": "a", "explanation": "转码", "confirmed_by": confirmer}]}
        proposed = propose_outcome(item, {"a31_2_digests": _r("warn", problems=[{"path": "a", "explanation": "转码"}])})
        assert (proposed.proposal, proposed.basis, proposed.route_44_2) == ("admissible", ("44.2",), None)


def test_explanation_alone_does_not_cure_a_change():
    item = {"id": "E1", "changes": [{"path": "a", "explanation": "整理时误操作"}]}
    proposed = propose_outcome(item,
                               {"a31_2_digests": _r("warn", problems=[{"path": "a", "explanation": "整理时误操作"}])})
    assert (proposed.proposal, proposed.basis) == ("excluded", ("44.2",))


def test_restored_original_with_explanation_is_admissible():
    item = {"id": "E1", "changes": [{"path": "a", "explanation": "转码"}]}
    rows = [{"path": "a", "status": "mismatch", "recorded": "r1", "computed": "c1"},
            {"path": "backup/a", "status": "match", "recorded": "r1", "computed": "r1"}]
    assert restorable_paths(rows) == {"a"}
    proposed = propose_outcome(item, {"a31_2_digests": _r("warn", problems=[{"path": "a"}])}, rows)
    assert (proposed.proposal, proposed.basis) == ("admissible", ("44.2",))
    assert propose_outcome({"id": "E1"}, {"a31_2_digests": _r("warn", problems=[{"path": "a"}])}, rows).proposal \
        == "excluded"  # restorable, but the change is not explained


def test_only_the_open_files_are_listed():
    item = {"id": "E1", "changes": [{"path": "a", "confirmed_by": "party"}]}
    proposed = propose_outcome(item, {"a31_2_digests": _r("fail", problems=[{"path": "a"}, {"path": "b"}])})
    assert (proposed.proposal, proposed.files) == ("excluded", ("b",))


def test_unsigned_record_and_missing_paperwork_are_correctable_with_corrections():
    proposed = propose_outcome({"id": "E1"}, {"a32_4_participants": _r("fail"), "a32_2_paperwork": _r("fail"),
                                              "a31_2_digests": _r("pass")})
    assert (proposed.proposal, proposed.basis) == ("correctable", ("43.2", "43.4"))
    assert len(proposed.corrections) == 2 and all(proposed.corrections)


def test_not_recorded_and_warn_count():
    assert propose_outcome({}, {"a32_4_participants": _r("not_recorded")}).basis == ("43.2",)
    assert propose_outcome({}, {"a32_6_cross_border": _r("warn")}).proposal == "correctable"
    assert propose_outcome({}, {"a34_1_media_described": _r("warn", image_sizes=[1])}).proposal == "correctable"


def test_not_verified_and_review_are_pending_and_alerts_weigh_nothing():
    assert propose_outcome({}, {"a31_2_digests": _r("not_verified")}).proposal == "pending"
    assert propose_outcome({}, {"a42_administrative": _r("needs_review")}).proposal == "pending"
    alert = propose_outcome({}, {"a38_3_freeze_expiry": _r("fail"), "a31_2_digests": _r("pass")})
    assert (alert.proposal, alert.reasons[0]["effect"]) == ("admissible", "alert")


def test_clean_is_admissible_and_questions_do_not_block():
    proposed = propose_outcome({"id": "E1"}, {"a31_2_digests": _r("pass"), "a33_1_case_facts": _r("needs_review")})
    assert (proposed.proposal, proposed.basis, proposed.reasons) == ("admissible", (), ())


def test_facts_effect_overrides_the_table():
    typo = _r("fail", effect="43.4", files=["list.md5"], corrections=["更正校验值清单第 3 行"])
    proposed = propose_outcome({}, {"a31_2_digests": typo})
    assert (proposed.proposal, proposed.basis, proposed.files, proposed.corrections) == (
        "correctable", ("43.4",), ("list.md5",), ("更正校验值清单第 3 行",))


def test_appraisal_grounds_of_art_98():
    scope = propose_outcome({}, {"a41_1_appraiser_qualified": _r("fail", within_scope=False)})
    assert (scope.proposal, scope.basis) == ("excluded", ("interp98.1",))
    recusal = propose_outcome({}, {"a41_1_appraiser_qualified": _r("fail", within_scope=True, recusal_checked=False)})
    assert recusal.proposal == "pending"  # not checked is not 违反回避规定
    unsigned = propose_outcome({}, {"a41_4_opinion_complete": _r("fail", "鉴定意见缺少：process、signatures")})
    assert (unsigned.proposal, unsigned.basis) == ("excluded", ("interp98.7",))
    no_process = propose_outcome({}, {"a41_4_opinion_complete": _r("fail", "鉴定意见缺少：process")})
    assert (no_process.proposal, no_process.basis) == ("correctable", ("43.4",))


def test_sealing_and_freeze_log_read_their_facts():
    assert propose_outcome({}, {"a34_2_sealing": _r("fail", sealed=False)}).basis == ("43.1",)
    assert propose_outcome({}, {"a34_2_sealing": _r("fail", sealed=True)}).basis == ("43.4",)
    logged = {"a31_4_operation_log": _r("fail")}
    assert propose_outcome({}, logged).proposal == "excluded"
    assert propose_outcome({}, dict(logged, a38_4_freeze_unchanged=_r("pass"))).basis == ("43.4",)


def test_a_reviewer_override_takes_the_finding_out():
    results = {"a32_4_participants": _r("fail")}
    assert propose_outcome({}, results, decisions={"a32_4_participants": "override"}).proposal == "admissible"
    assert propose_outcome({}, results, decisions={"a32_4_participants": "confirm"}).proposal == "correctable"


def test_recorded_basis_follows_the_text():
    correctable = propose_outcome({}, {"a32_4_participants": _r("fail")})
    assert recorded_basis(correctable, "excluded") == ["43.2"]  # 不能补正或者作出合理解释的: still Art. 43
    assert recorded_basis(correctable, "admissible") == ["43.2"]
    excluded = propose_outcome({}, {"a31_2_digests": _r("fail", problems=[{"path": "a"}])})
    assert recorded_basis(excluded, "admissible") == ["44.2"]
    assert recorded_basis(excluded, "excluded") == ["44.2"]
    clean = propose_outcome({}, {"a31_2_digests": _r("pass")})
    assert recorded_basis(clean, "excluded") == ["44.1"] and recorded_basis(clean, "correctable") == ["43.4"]


def test_every_check_has_a_row_in_the_effects_table():
    table = effects_table()
    names = {check.NAME for check in default_registry().all()}
    assert names - set(table) == set()
    for name in names:
        for status in ("fail", "warn", "not_recorded", "needs_review", "not_verified", "error"):
            effect, correction = default_effect(name, status)
            assert effect in ("none", "43.1", "43.2", "43.3", "43.4", "44.1", "44.2", "interp98.1", "interp98.4",
                              "review", "unverified", "alert"), (name, status, effect)
            if effect.startswith("43"):
                assert correction, (name, status)


def test_telling_anomalies_are_kept_beside_another_finding():
    anomalies = [{"kind": "modified_after_seizure", "path": "p.jpg"}, {"kind": "created_after_modified", "path": "q"}]
    changed = _r("fail", added=[{"path": "x"}], anomalies=anomalies)
    proposed = propose_outcome({}, {"a30_4_changes_explained": changed})
    assert [(r["effect"], r["files"]) for r in proposed.reasons] == [("44.2", ["x"]), ("review", ["p.jpg"])]
    copies_only = propose_outcome({}, {"a30_4_changes_explained": _r("needs_review", anomalies=anomalies[1:])})
    assert copies_only.proposal == "admissible"  # a copy's creation time says nothing of the data


def test_every_appraisal_ground_cited_has_its_text_and_source():
    import json

    from checks.outcome import EFFECTS
    from models.common.labels import label
    from models.common.resources import resource_path

    law = json.loads(resource_path("law", "interpretation_2021.json").read_text(encoding="utf-8"))
    assert law["found_2021_text"] is False and law["quote_2012"]["sources"]  # said as it is, not invented
    for code in [e for e in EFFECTS if e.startswith("interp98")]:
        item = law["items_used"][code]
        assert item in law["quote_2012"]["text"].replace("\n", "")
        assert label("basis", code,
                     "zh").startswith("《最高人民法院关于适用〈中华人民共和国刑事诉讼法〉的解释》第九十八条")


def test_a_finding_listing_many_files_is_read_in_one_pass():
    """A finding may list every file of a large item (a million in one folder): its paths are gathered in one
    pass, in their first order, repeats once (a list searched per path took hours at 1M files)."""
    from checks.outcome import result_files

    rows = [{"path": f"evidence/E1/f{i:06}.bin", "status": "mismatch"} for i in range(200_000)]
    found = result_files({"files": rows + [rows[5]["path"], {"path": "evidence/E1/ok", "status": "match"}]})
    assert len(found) == 200_000 and found[:2] == ["evidence/E1/f000000.bin", "evidence/E1/f000001.bin"]
