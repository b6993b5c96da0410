"""The review tab: walk the clauses by keyboard, confirm, override, answer, tag, choose the outcome; reopen; audit."""

import sqlite3

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from checks.registry import default_registry
from checks.runner import build_context, run_checks
from models.bundle.manifest import load_bundle
from models.inventory.scan import scan_bundle
from models.store import audit, review
from models.store.store import open_store
from tests.ui.fake_runner import FakeTaskRunner
from tests.ui.shots import shots_folder
from ui.app import make_context
from ui.detail.media_viewers import PdfViewerDialog
from ui.review.clause_list_model import ClauseListModel, clause_records
from ui.review.review_overview import OverviewTableModel, item_summaries
from ui.review.review_tab import ReviewTab

REVIEWER = "检察官甲"
SHOTS = shots_folder()


def prepared(bundle_path, store_dir, with_results=True):
    """Load, scan, type (EXIF) and, when asked, verify, run and store every check: what the window does before
    review (unverified digests leave the proposal pending)."""
    from models.integrity.verify import save_results, verify_bundle
    from models.inventory.typing_pass import fill_types

    bundle = load_bundle(bundle_path)
    store = open_store(bundle, store_dir)
    scan_bundle(bundle, store)
    fill_types(bundle, store)
    if with_results:
        save_results(store, verify_bundle(bundle))
        for item_id, pairs in run_checks(bundle, build_context(bundle, store), default_registry()).items():
            review.save_check_results(store, item_id, pairs)
    return bundle, store


@pytest.fixture
def context(tmp_path, store_dir):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    ctx = make_context(store_dir=store_dir, settings=settings, runner=FakeTaskRunner())
    ctx.reviewer = REVIEWER
    return ctx


def make_tab(qtbot, context, bundle, store) -> ReviewTab:
    tab = ReviewTab(context)
    qtbot.addWidget(tab)
    tab.resize(1120, 900)
    tab.show()
    tab.set_case(bundle, store)
    return tab


def decision_of(store, item, name):
    return next((d for d in review.load_decisions(store, item) if d["check_name"] == name), None)


def shoot(widget, name: str) -> None:
    QApplication.processEvents()
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"review_{name}.png"
    assert widget.grab().save(str(path)) and path.stat().st_size > 10_000


def test_review_flow_survives_reopen(qtbot, make_bundle, store_dir, context):
    path = make_bundle.with_defect("32.4")
    bundle, store = prepared(path, store_dir)
    tab = make_tab(qtbot, context, bundle, store)
    assert tab.item_id == "E1" and not tab.banner.isVisible()

    # walk the authenticity clauses with J/K and the arrows, confirm one with 1
    pane = tab.show_pane("authenticity")
    pane.view.setFocus()
    first = pane.current_name()
    qtbot.keyClick(pane.view, Qt.Key.Key_J)
    second = pane.current_name()
    assert second != first
    qtbot.keyClick(pane.view, Qt.Key.Key_K)
    assert pane.current_name() == first
    qtbot.keyClick(pane.view, Qt.Key.Key_Down)
    assert pane.current_name() == second
    assert pane.select_clause("a30_1_original_media")
    qtbot.keyClick(pane.view, Qt.Key.Key_1)
    assert decision_of(store, "E1", "a30_1_original_media")["decision"] == "confirm"
    assert "✓" in pane.model.index(pane.model.row_of("a30_1_original_media"), 3).data()
    shoot(tab, "authenticity")

    # override the failed participants clause: an empty reason is refused, a reason is stored
    pane = tab.show_pane("legality")
    assert pane.select_clause("a32_4_participants")
    assert pane.model.record(pane.model.row_of("a32_4_participants"))["status"] == "fail"
    pane.view.setFocus()
    qtbot.keyClick(pane.view, Qt.Key.Key_2)
    assert decision_of(store, "E1", "a32_4_participants") is None
    assert pane.clause.hint.text()
    pane.clause.reason.setText("持有人拒签，笔录另页已注明")  # QTest cannot type CJK
    qtbot.keyClick(pane.clause.reason, Qt.Key.Key_Return)
    saved = decision_of(store, "E1", "a32_4_participants")
    assert saved["decision"] == "override" and saved["reason"] == "持有人拒签，笔录另页已注明"
    assert saved["reviewer"] == REVIEWER
    shoot(tab, "legality")

    # answer the manual relevance question, then add a note with Ctrl+Enter
    pane = tab.show_pane("relevance")
    assert pane.select_clause("a33_1_case_facts")
    pane.view.setFocus()
    qtbot.keyClick(pane.view, Qt.Key.Key_1)  # a manual clause cannot be "confirmed"
    qtbot.keyClick(pane.view, Qt.Key.Key_3)  # nor answered without an answer
    assert decision_of(store, "E1", "a33_1_case_facts") is None
    pane.clause.answer_combo.setCurrentIndex(pane.clause.answer_combo.findData("yes"))
    pane.view.setFocus()
    qtbot.keyClick(pane.view, Qt.Key.Key_3)
    assert decision_of(store, "E1", "a33_1_case_facts")["answer"] == "yes"
    assert pane.select_clause("a33_1_case_facts")  # a decision moved on to the next undecided clause: back
    pane.clause.note.setPlainText("聊天记录证明联系买家")
    qtbot.keyClick(pane.clause.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    saved = decision_of(store, "E1", "a33_1_case_facts")
    assert (saved["decision"], saved["answer"], saved["note"]) == ("answer", "yes", "聊天记录证明联系买家")

    # tag a file: a tag without the fact it proves is refused
    relevance = tab.relevance
    assert relevance.select_path("evidence/E1/chat.txt")
    relevance.heading.setCurrentIndex(relevance.heading.findData("objective_act"))
    assert not relevance.tag_selected()
    relevance.note.setText("与买家商谈出售公民个人信息")
    assert relevance.tag_selected()
    assert [(t["path"], t["heading"]) for t in review.load_tags(store)] == [("evidence/E1/chat.txt", "objective_act")]
    assert "SN-E1" in relevance.parties.toPlainText() and "张某某" in relevance.parties.toPlainText()
    shoot(tab, "relevance")

    # the outcome: the planted 32.4 is one collector where the 2016 rules' Art. 7 asks for two (43(4), other
    # defect) and the holder unsigned with no reason (43(2), clause 34.3); the reviewer overrode 32.4 above, so
    # only 43(2) drives the proposal; the corrections asked written in; none is refused
    box = tab.outcome
    assert box.proposal.proposal == "correctable" and box.proposal.basis == ("43.2",)
    assert "（审查人已推翻）" in box.proposal_label.text() and "按审查人对第三十二条" in box.proposal_label.text()
    assert box.corrections.toPlainText() == "\n".join(box.proposal.corrections) != ""
    box.choose("correctable")
    box.corrections.setPlainText("")
    assert not box.save()
    box.corrections.setPlainText("补充持有人签名或对拒签作出书面说明")
    assert box.save()
    assert review.load_outcome(store, "E1")["basis"] == ";".join(box.proposal.basis)
    overview = tab.overview.model.record(tab.overview.model.row_of("E1"))
    assert overview["chosen"] == "correctable" and overview["decided"] == 3

    # close and reopen: everything is there, and the audit chain verifies
    store.close()
    store = open_store(bundle, store_dir)
    tab2 = make_tab(qtbot, context, bundle, store)
    assert {d["check_name"] for d in review.load_decisions(store, "E1")} == {
        "a30_1_original_media", "a32_4_participants", "a33_1_case_facts"}
    legality = tab2.pane("legality")
    assert legality.model.record(legality.model.row_of("a32_4_participants"))["decision"]["decision"] == "override"
    assert tab2.outcome.chosen() == "correctable"
    assert "补充持有人签名" in tab2.outcome.corrections.toPlainText()
    assert "客观行为" in tab2.relevance.model.index(tab2.relevance.model.row_of("evidence/E1/chat.txt"), 2).data()
    status = audit.verify_chain(store.db)
    assert status.ok and status.count == 6  # confirm, override, answer, answer+note, tag, outcome
    assert not tab2.banner.isVisible()
    store.close()


def test_tampered_audit_log_shows_a_banner_until_acknowledged(qtbot, make_bundle, store_dir, context):
    bundle, store = prepared(make_bundle.clean(), store_dir)
    review.decide(store, "E1", "a30_1_original_media", "confirm", REVIEWER)
    review.decide(store, "E1", "a34_1_media_described", "confirm", REVIEWER)
    store_path = store.path
    store.close()
    with sqlite3.connect(store_path) as conn:
        conn.execute("UPDATE audit SET reviewer = '他人' WHERE seq = 1")
    store = open_store(bundle, store_dir)
    tab = make_tab(qtbot, context, bundle, store)
    assert tab.banner.isVisible() and tab.banner.ack_button.isVisible()
    assert "第 1 条" in tab.banner.label.text()
    entry = tab.banner.acknowledge()
    assert entry["action"] == "audit.broken_acknowledged" and entry["reviewer"] == REVIEWER
    assert tab.banner.isVisible() and not tab.banner.ack_button.isVisible()
    tab.set_case(None, None)
    tab.set_case(bundle, store)  # reopened: still shown, with who acknowledged
    assert tab.banner.isVisible() and REVIEWER in tab.banner.label.text()
    store.close()


def test_decision_edited_outside_the_program_shows_a_banner(qtbot, make_bundle, store_dir, context):
    bundle, store = prepared(make_bundle.clean(), store_dir)
    review.decide(store, "E1", "a30_1_original_media", "confirm", REVIEWER)
    store_path = store.path
    store.close()
    with sqlite3.connect(store_path) as conn:  # the chain itself stays intact
        conn.execute("UPDATE decisions SET decision = 'override', reason = '改' WHERE item = 'E1'")
    store = open_store(bundle, store_dir)
    tab = make_tab(qtbot, context, bundle, store)
    text = tab.banner.label.text()
    assert tab.banner.isVisible() and "审查决定" in text and "decisions" not in text
    tab.banner.acknowledge()
    tab.set_case(None, None)
    tab.set_case(bundle, store)
    assert tab.banner.isVisible() and REVIEWER in tab.banner.label.text()
    store.close()


def test_run_checks_button_fills_the_panes(qtbot, make_bundle, store_dir, context):
    bundle, store = prepared(make_bundle.with_defect("34.2"), store_dir, with_results=False)
    tab = make_tab(qtbot, context, bundle, store)
    assert tab.pane("authenticity").model.rowCount() == 0 and "运行自动检查" in tab.item_label.text()
    tab.run_checks()
    pane = tab.pane("authenticity")
    assert pane.select_clause("a34_2_sealing")
    assert pane.model.record(pane.model.row_of("a34_2_sealing"))["status"] == "fail"
    assert tab.pane("legality").model.rowCount() > 0
    store.close()


def test_documents_and_seal_photos_open_in_viewers(qtbot, make_bundle, store_dir, context):
    bundle, store = prepared(make_bundle.clean(), store_dir)
    tab = make_tab(qtbot, context, bundle, store)
    pane = tab.show_pane("legality")
    assert pane.select_clause("a32_2_paperwork")
    assert "documents/E1-seizure_list.pdf" in pane.clause.facts.toHtml()
    with qtbot.waitSignal(tab.file_selected) as blocker:
        dialog = pane.clause.open_file("documents/E1-seizure_list.pdf")
    assert blocker.args == ["documents/E1-seizure_list.pdf"]
    assert isinstance(dialog, PdfViewerDialog) and dialog.document.pageCount() >= 1
    dialog.close()
    pane = tab.show_pane("authenticity")
    assert pane.select_clause("a31_1_seal_intact") and pane.clause.seal_button.isVisible()
    seal = pane.clause.show_seal_photos()
    labels = [w for w in seal.findChildren(type(pane.clause.title)) if w.pixmap() and not w.pixmap().isNull()]
    assert len(labels) == 2  # before and after, side by side
    seal.close()
    store.close()


def test_models_pass_qtmodeltester(qtmodeltester, make_bundle, store_dir):
    bundle, store = prepared(make_bundle.with_defect("32.4"), store_dir)
    results = review.load_check_results(store, "E1")
    decisions = {"a32_4_participants": {"decision": "override", "reason": "x"}}
    for pane in ("authenticity", "legality", "relevance"):
        model = ClauseListModel()
        model.set_records(clause_records(results, decisions, pane))
        assert model.rowCount() > 0
        qtmodeltester.check(model)
    overview = OverviewTableModel()
    overview.set_rows(item_summaries(bundle, store))
    assert overview.rowCount() == len(bundle.items)
    qtmodeltester.check(overview)
    store.close()


def test_hidden_tab_reads_the_case_when_shown(qtbot, make_bundle, store_dir, context):
    """set_case on a hidden tab leaves the store unread (overview, panes); showing the tab fills them."""
    bundle, store = prepared(make_bundle.with_defect("32.4"), store_dir)
    tab = ReviewTab(context)
    qtbot.addWidget(tab)
    tab.set_case(bundle, store)
    assert tab.overview.model.rowCount() == 0 and tab.pane("authenticity").model.rowCount() == 0
    tab.resize(1120, 900)
    tab.show()
    assert tab.overview.model.rowCount() == len(bundle.items)
    assert tab.item_id == bundle.items[0]["id"] and tab.pane("authenticity").model.rowCount() > 0


def test_run_checks_saves_in_the_job_and_shows_on_show(qtbot, make_bundle, store_dir, context):
    """The checks' job stores the results itself; a hidden tab shows them once it is shown."""
    bundle, store = prepared(make_bundle.with_defect("32.4"), store_dir, with_results=False)
    tab = ReviewTab(context)
    qtbot.addWidget(tab)
    tab.set_case(bundle, store)
    handle = tab.run_checks()
    assert handle.last_progress is not None and review.load_check_results(store, "E1")
    assert tab.overview.model.rowCount() == 0
    tab.show()
    summary = tab.overview.model.record(tab.overview.model.row_of("E1"))
    assert summary["applicable"] > 0 and tab.run_button.isEnabled()


@pytest.mark.parametrize("answer", ["No", "Yes"])
def test_an_older_store_is_taken_as_the_truth_only_when_confirmed(qtbot, make_bundle, store_dir, context,
                                                                   monkeypatch, answer):
    """A store put back from an older copy (before: recover the newer one or start afresh): the banner offers
    以此审查库为准; No changes nothing, Yes records who gave up which head, and the banner goes."""
    import shutil

    from PySide6.QtWidgets import QMessageBox

    from models.store import audit_guard
    from models.store.guards import audit_record

    bundle, store = prepared(make_bundle.clean(), store_dir)
    review.decide(store, "E1", "a30_1_original_media", "confirm", REVIEWER)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    path, backup = store.path, store_dir.parent / "backup"
    backup.mkdir()
    sides = ("", ".audit-head")
    for side in sides:
        shutil.copy2(path.with_name(path.name + side), backup / (path.name + side))
    review.decide(store, "E1", "a34_1_media_described", "confirm", REVIEWER)
    store.close()
    for side in ("-wal", "-shm"):
        path.with_name(path.name + side).unlink(missing_ok=True)
    for side in sides:
        shutil.copy2(backup / (path.name + side), path.with_name(path.name + side))
    store = open_store(bundle, store_dir)
    tab = make_tab(qtbot, context, bundle, store)
    assert tab.banner.isVisible() and tab.banner.accept_button.isVisible()
    asked = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a, **k: asked.append(text) or getattr(
        QMessageBox.StandardButton, answer))
    entry = tab.banner.ask_accept_older()
    assert asked and REVIEWER in asked[0] and "较旧" in asked[0]
    if answer == "No":
        assert entry is None and tab.banner.isVisible() and not audit_guard.check(store.db).ok
    else:
        assert entry["action"] == audit_record.ACCEPT_ACTION and entry["reviewer"] == REVIEWER
        assert not tab.banner.isVisible() and audit_guard.check(store.db).ok
    store.close()
