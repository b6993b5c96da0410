"""The outcome box records the basis the text gives: an uncured 43 defect excluded stays under 43, an item
admitted against an exclusion rests on 44(2); a pending proposal needs no reason to be decided."""

import html

import pytest

from models.store import review
from tests.ui.test_review_tab import prepared
from ui.review.outcome_box import OutcomeBox


def _box(qtbot, store, bundle, item_id):
    box = OutcomeBox()
    qtbot.addWidget(box)
    item = next(i for i in bundle.items if i["id"] == item_id)
    box.set_item(store, item, review.load_check_results(store, item_id), "检察官甲")
    return box


def test_admitting_against_an_exclusion_records_44_2(qtbot, make_bundle, store_dir):
    bundle, store = prepared(make_bundle.with_defect("31.2"), store_dir)
    box = _box(qtbot, store, bundle, "E1")
    assert box.proposal.proposal == "excluded" and box.proposal.files == ("evidence/E1/chat.txt",)
    assert "第四十四条第二款" in box.proposal_label.text()
    box.choose("admissible")
    assert not box.save()  # differs from the proposal: a reason is required
    box.reason.setText("经当事人确认金额未变")
    assert box.save()
    assert review.load_outcome(store, "E1")["basis"] == "44.2"


def test_excluding_an_uncured_defect_stays_under_43(qtbot, make_bundle, store_dir):
    bundle, store = prepared(make_bundle.with_defect("39.3"), store_dir)
    box = _box(qtbot, store, bundle, "E6")
    assert (box.proposal.proposal, box.proposal.basis) == ("correctable", ("43.2",))
    assert box.corrections.toPlainText()  # the corrections asked, ready to edit
    box.choose("excluded")
    box.reason.setText("经要求未能补正")
    assert box.save()
    assert review.load_outcome(store, "E6")["basis"] == "43.2"


def test_pending_is_decided_without_a_reason(qtbot, make_bundle, store_dir):
    bundle, store = prepared(make_bundle.with_defect("42"), store_dir)
    box = _box(qtbot, store, bundle, "E3")
    assert box.proposal.proposal == "pending"
    box.choose("admissible")
    assert box.save()
    assert review.load_outcome(store, "E3")["outcome"] == "admissible"


def _override_the_defect(store):
    """The reviewer overrides E6's one curable finding (39.3): nothing is left to propose a defect from."""
    name = next(r["check"] for r in proposal_reasons(store, "E6") if r["effect"].startswith("43"))
    review.decide(store, "E6", name, "override", "检察官甲", reason="笔录已补签，附卷")
    return name


def proposal_reasons(store, item_id):
    from checks.memo_examine import propose

    return propose({"id": item_id}, review.load_check_results(store, item_id)).proposal.reasons


def test_an_overridden_clause_no_longer_drives_the_proposal(qtbot, make_bundle, store_dir):
    from ui.review.review_overview import item_summaries

    bundle, store = prepared(make_bundle.with_defect("39.3"), store_dir)
    box = _box(qtbot, store, bundle, "E6")
    assert box.proposal.proposal == "correctable"
    name = _override_the_defect(store)
    box.set_overridden([name])  # what the review tab calls after a decision
    assert (box.proposal.proposal, box.proposal.basis) == ("admissible", ())
    text = box.proposal_label.text()
    assert "由“瑕疵可补正（第四十三条第（二）项" in text and "改为“可采”" in text
    assert "第三十九条" in text and "（审查人已推翻）" in text
    reopened = _box(qtbot, store, bundle, "E6")  # the same from the store alone
    assert reopened.proposal.proposal == "admissible" and "改为“可采”" in reopened.proposal_label.text()
    row = next(r for r in item_summaries(bundle, store) if r["id"] == "E6")
    assert row["proposed"] == "admissible"
    box.choose("admissible")
    assert box.save()  # agrees with the proposal as decided: no reason asked
    assert review.load_outcome(store, "E6")["basis"] == ""


def test_the_memo_applies_the_same_decisions(qtbot, make_bundle, store_dir):
    from checks.memo_examine import propose
    from models.memo.memo_data import build_memo_data

    bundle, store = prepared(make_bundle.with_defect("39.3"), store_dir)
    _override_the_defect(store)
    data = build_memo_data(bundle, store, "检察官甲", False, propose=propose)
    e6 = next(i for i in data["items"] if i["id"] == "E6")
    assert e6["proposal"]["proposal"] == "admissible" and e6["proposal"]["basis"] == []


@pytest.fixture
def in_english():
    from models.common.i18n import language, set_language

    before = language()
    set_language("en")
    yield
    set_language(before)


def test_check_messages_follow_the_interface_language(qtbot, make_bundle, store_dir, in_english):
    from checks.wording import message_text
    from ui.review.clause_pane import ClausePane

    bundle, store = prepared(make_bundle.with_defect("39.3"), store_dir)
    name = next(r["check"] for r in proposal_reasons(store, "E6") if r["effect"].startswith("43"))
    record = next(r for r in review.load_check_results(store, "E6") if r["check_name"] == name)
    english = html.escape(message_text(record["message_key"], record["params"], "en"))
    assert record["message_key"] and english != html.escape(record["message"])
    box = _box(qtbot, store, bundle, "E6")
    assert english in box.proposal_label.text() and html.escape(record["message"]) not in box.proposal_label.text()
    pane = ClausePane()
    qtbot.addWidget(pane)
    pane.set_clause(store, bundle, "E6", record, "检察官甲")
    assert english in pane.status.text()
    # a row stored before message keys shows the words it was stored with
    store.db.execute("UPDATE check_results SET message_key = NULL, params_json = NULL WHERE check_name = ?", [name])
    store.db.conn.commit()
    old = next(r for r in review.load_check_results(store, "E6") if r["check_name"] == name)
    pane.set_clause(store, bundle, "E6", old, "检察官甲")
    assert html.escape(record["message"]) in pane.status.text()
    assert html.escape(record["message"]) in _box(qtbot, store, bundle, "E6").proposal_label.text()
