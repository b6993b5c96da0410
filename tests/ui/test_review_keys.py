"""The review's keys: Ctrl+Enter saves a note and never decides, a refused key leaves no answer behind, 1/2/3 work
wherever the focus is in the pane, N and auto-advance, 0 back to 待决 (audited), 可采 warned while clauses wait."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from models.store import audit
from tests.ui.test_review_tab import context, decision_of, make_tab, prepared  # noqa: F401 - fixture


def tab_on(qtbot, make_bundle, store_dir, context, defect="32.4"):  # noqa: F811
    bundle, store = prepared(make_bundle.with_defect(defect), store_dir)
    tab = make_tab(qtbot, context, bundle, store)
    with qtbot.waitActive(tab):  # the pane's keys are shortcuts of an active window
        tab.activateWindow()
    return tab, store


def test_ctrl_enter_before_a_decision_keeps_the_note_and_decides_nothing(qtbot, make_bundle, store_dir, context):  # noqa: F811
    tab, store = tab_on(qtbot, make_bundle, store_dir, context)
    pane = tab.show_pane("authenticity")
    name = pane.current_name()
    pane.clause.note.setPlainText("封存照片另附")
    qtbot.keyClick(pane.clause.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert decision_of(store, "E1", name) is None
    assert "备注已留存" in pane.clause.hint.text()
    pane.move(1)
    pane.move(-1)
    assert pane.clause.note.toPlainText() == "封存照片另附"  # kept for the clause
    pane.view.setFocus()
    qtbot.keyClick(pane.view, Qt.Key.Key_1)
    assert decision_of(store, "E1", name)["note"] == "封存照片另附"  # saved with the decision


def test_an_arrow_after_a_refused_key_sets_no_answer(qtbot, make_bundle, store_dir, context):  # noqa: F811
    tab, store = tab_on(qtbot, make_bundle, store_dir, context)
    pane = tab.show_pane("relevance")
    assert pane.select_clause("a33_1_case_facts")
    pane.view.setFocus()
    qtbot.keyClick(pane.view, Qt.Key.Key_1)  # refused: a manual clause is answered
    assert pane.clause.hint.text()
    focused = QApplication.focusWidget() or pane.view
    qtbot.keyClick(focused, Qt.Key.Key_Down)
    assert pane.clause.answer_combo.currentData() is None
    assert decision_of(store, "E1", "a33_1_case_facts") is None


def test_digits_work_with_the_focus_in_the_clause_pane(qtbot, make_bundle, store_dir, context):  # noqa: F811
    tab, store = tab_on(qtbot, make_bundle, store_dir, context)
    pane = tab.show_pane("authenticity")
    pane.auto_advance = False
    name = pane.current_name()
    pane.clause.facts.setFocus()
    qtbot.waitUntil(lambda: pane.clause.facts.hasFocus(), timeout=2_000)
    qtbot.keyClick(pane.clause.facts, Qt.Key.Key_1)
    assert decision_of(store, "E1", name)["decision"] == "confirm"


def test_a_decision_moves_on_to_the_next_undecided_and_0_takes_it_back(qtbot, make_bundle, store_dir, context):  # noqa: F811
    tab, store = tab_on(qtbot, make_bundle, store_dir, context)
    pane = tab.show_pane("authenticity")
    first = pane.current_name()
    assert pane.clause.confirm()
    after = pane.current_name()
    assert after != first and decision_of(store, "E1", after) is None
    assert pane.select_clause(first)
    pane.view.setFocus()
    qtbot.keyClick(pane.view, Qt.Key.Key_0)
    assert decision_of(store, "E1", first) is None
    assert pane.model.record(pane.model.row_of(first)).get("decision") is None
    entries = audit.load_entries(store.db)
    assert entries[-1]["action"] == "decision.revert" and audit.verify_chain(store.db).ok
    pane.view.setFocus()
    qtbot.keyClick(pane.view, Qt.Key.Key_N)  # the next undecided after the first one
    assert pane.current_name() != first


def test_override_says_what_the_result_becomes(qtbot, make_bundle, store_dir, context):  # noqa: F811
    tab, store = tab_on(qtbot, make_bundle, store_dir, context)
    pane = tab.show_pane("legality")
    assert pane.select_clause("a32_4_participants")
    assert "改为符合" in pane.clause.override_button.text()
    pane.auto_advance = False
    pane.clause.reason.setText("持有人拒签，笔录另页已注明")
    assert pane.clause.override()
    assert "改为符合" in pane.clause.decision_label.text()


def test_admissible_with_clauses_waiting_is_asked_first(qtbot, make_bundle, store_dir, context):  # noqa: F811
    tab, store = tab_on(qtbot, make_bundle, store_dir, context)
    asked = []
    tab.confirm_undecided = lambda waiting: asked.append(len(waiting)) or False
    tab.outcome.choose("admissible")
    tab.outcome.reason.setText("理由")
    assert not tab.save_outcome()
    assert asked and asked[0] > 0 and "待决" in tab.outcome.hint.text()
    from models.store import review

    assert review.load_outcome(store, "E1") is None
    tab.confirm_undecided = lambda waiting: True
    assert tab.save_outcome() and review.load_outcome(store, "E1")["outcome"] == "admissible"
