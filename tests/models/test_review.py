"""Review store functions: results, decisions (override needs a reason), outcomes, tags; each audited and durable."""

import pytest

from checks.base import CheckResult
from checks.registry import default_registry
from models.store import audit, review
from models.store.store import open_store
from tests.checks.contract import make_bundle


@pytest.fixture
def opened(tmp_path):
    bundle = make_bundle(tmp_path / "bundle", [{"id": "E1", "kind": "obtained"}])
    return bundle, (lambda: open_store(bundle, tmp_path / "store"))


def test_check_results_round_trip(opened):
    _bundle, reopen = opened
    store = reopen()
    check = default_registry().get("a31_2_digests")
    review.save_check_results(store, "E1", [(check, CheckResult("fail", {"problems": [{"path": "a"}]}, "不一致"))])
    review.save_check_results(store, "E1", [(check, CheckResult("pass", {}, "一致"))])
    rows = review.load_check_results(reopen(), "E1")
    assert [(r["check_name"], r["article"], r["status"], r["facts"]) for r in rows] == [("a31_2_digests", "31.2",
                                                                                         "pass", {})]
    assert audit.verify_chain(store.db).count == 0  # machine output is not a reviewer action


def test_check_results_keep_their_message_key_and_params(opened):
    from checks.base import say
    from checks.wording import result_message

    _bundle, reopen = opened
    store = reopen()
    check = default_registry().get("a31_2_digests")
    said = say("fail", "digests.differ", {"count": 2, "unexplained": 1, "total": 9})
    review.save_check_results(store, "E1", [(check, said)])
    row = review.load_check_results(reopen(), "E1")[0]
    assert (row["message"], row["message_key"], row["params"]) == (said.message, "digests.differ",
                                                                   {"count": 2, "unexplained": 1, "total": 9})
    assert result_message(row, "en") == ("2 files differ from their recorded digests, 1 without an explanation; "
                                         "9 files compared")
    assert result_message(row, "zh") == said.message


def test_a_version_3_store_gains_message_keys_and_old_rows_keep_their_message(tmp_path):
    import sqlite3

    from checks.wording import result_message
    from models.store.store import open_store_file
    from models.store.store_schema import SCHEMA_VERSION, migrate_to_1, migrate_to_2, migrate_to_3

    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path)
    for step in (migrate_to_1, migrate_to_2, migrate_to_3):
        step(conn)
    conn.execute("PRAGMA user_version = 3")
    conn.execute("INSERT INTO check_results(item, check_name, article, status, facts_json, message, run_at) "
                 "VALUES ('E1', 'a31_2_digests', '31.2', 'fail', '{}', '旧的中文结论', 'x')")
    conn.commit()
    conn.close()
    store = open_store_file(path)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 4
    row = review.load_check_results(store, "E1")[0]
    assert (row["message_key"], row["params"]) == (None, {})
    assert result_message(row, "en") == "旧的中文结论"  # no key: the stored words, whatever the language


def test_override_needs_a_reason(opened):
    _bundle, reopen = opened
    store = reopen()
    with pytest.raises(ValueError):
        review.decide(store, "E1", "a31_2_digests", "override", "李某")
    with pytest.raises(ValueError):
        review.decide(store, "E1", "a31_2_digests", "maybe", "李某")
    assert review.load_decisions(store) == []
    assert audit.verify_chain(store.db).count == 0


def test_decisions_outcome_tags_survive_reopen_and_are_audited(opened):
    _bundle, reopen = opened
    store = reopen()
    review.decide(store, "E1", "a31_2_digests", "override", "李某", reason="鉴定确认", note="见鉴定意见")
    review.decide(store, "E1", "a33_1_case_facts", "answer", "李某", answer="证明身份")
    review.set_outcome(store, "E1", "defect", "43.2", "持有人未签名", ["补充签名"], "李某")  # the old word
    review.tag(store, "evidence/a.txt", "subject_identity", "微信号与手机号一致", "李某")
    review.tag(store, "evidence/b.txt", "objective_act", "转账", "李某")
    assert review.untag(store, "evidence/b.txt", "objective_act", "李某")
    store.close()
    again = reopen()
    decisions = {d["check_name"]: d for d in review.load_decisions(again, "E1")}
    assert decisions["a31_2_digests"]["reason"] == "鉴定确认" and decisions["a33_1_case_facts"]["answer"] == "证明身份"
    outcome = review.load_outcome(again, "E1")
    assert (outcome["outcome"], outcome["basis"], outcome["corrections"]) == ("correctable", "43.2", '["补充签名"]')
    assert [t["path"] for t in review.load_tags(again)] == ["evidence/a.txt"]
    status = audit.verify_chain(again.db)
    assert status.ok and status.count == 6
    actions = [e["action"] for e in audit.load_entries(again.db)]
    assert actions == ["decision.override", "decision.answer", "outcome.set", "tag.add", "tag.add", "tag.remove"]


def test_bad_values_refused(opened):
    _bundle, reopen = opened
    store = reopen()
    with pytest.raises(ValueError):
        review.set_outcome(store, "E1", "maybe", "", "", None, "李某")
    with pytest.raises(ValueError):
        review.tag(store, "a", "no_such_heading", "", "李某")
