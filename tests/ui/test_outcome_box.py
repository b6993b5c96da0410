"""The outcome box records the basis the text gives: an uncured 43 defect excluded stays under 43, an item
admitted against an exclusion rests on 44(2); a pending proposal needs no reason to be decided."""

from models.store import review
from tests.ui.test_review_tab import prepared
from ui.outcome_box import OutcomeBox


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
