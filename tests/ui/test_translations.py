"""The English interface (--lang en): every message of resources/i18n/en.ts has its English with the source's
placeholders, and the strings the window translates at run time come out in English, also those that
pyside6-lupdate cannot collect (helpers such as _t() and models.common.i18n.tr, tables translated by variable,
window.tr() which PySide6 looks up under the object's class, MainWindow)."""

import ast
import re
import shutil
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTranslator

from tests.helpers import ROOT

TS = ROOT / "resources" / "i18n" / "en.ts"
IDEOGRAPH = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")  # Chinese words (the code's own ，：（） are left aside)
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
PLACEHOLDERS = re.compile(r"%\d+|%n|\{\d*\}|</?[A-Za-z][^>]*>")


def untranslated(ts_path: Path) -> list[tuple[str, str]]:
    """(context, source) of every message without finished English: type="unfinished" or an empty translation.
    Messages lupdate marked vanished/obsolete are left out (lrelease skips them)."""
    found = []
    for context in ET.parse(ts_path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type")
            if kind in ("vanished", "obsolete"):
                continue
            forms = [n.text for n in translation.iter("numerusform")] if message.get("numerus") == "yes" \
                else [translation.text]
            if kind == "unfinished" or not all(form and form.strip() for form in forms):
                found.append((name, message.findtext("source") or ""))
    return found


def messages(ts_path: Path) -> list[tuple[str, str, str]]:
    return [(context.findtext("name") or "", message.findtext("source") or "",
             message.find("translation").text or "")
            for context in ET.parse(ts_path).getroot().iter("context") for message in context.iter("message")]


def test_every_message_has_english():
    missing = untranslated(TS)
    assert missing == [], f"{len(missing)} messages of en.ts without English: {missing[:20]}"


def test_an_unfinished_message_is_found(tmp_path):
    ts = tmp_path / "xx.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="en">\n<context>\n'
        "    <name>A</name>\n"
        "    <message><source>是</source><translation>Yes</translation></message>\n"
        '    <message><source>否</source><translation type="unfinished">No</translation></message>\n'
        "    <message><source>无</source><translation></translation></message>\n"
        '    <message><source>旧</source><translation type="vanished">Old</translation></message>\n'
        "</context>\n</TS>\n", encoding="utf-8")
    assert untranslated(ts) == [("A", "否"), ("A", "无")]


def test_english_keeps_placeholders_and_has_no_chinese():
    wrong = []
    for context, source, english in messages(TS):
        if sorted(PLACEHOLDERS.findall(source)) != sorted(PLACEHOLDERS.findall(english)):
            wrong.append((context, source, english, "placeholders"))
        if CJK.search(english):
            wrong.append((context, source, english, "Chinese left"))
        if source.endswith("…") and not english.endswith("…"):
            wrong.append((context, source, english, "ellipsis"))
        if source.endswith(("：", ":")) and not english.rstrip().endswith(":"):
            wrong.append((context, source, english, "colon"))
    assert wrong == []


# --- at run time ------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def english_qm(tmp_path_factory) -> Path:
    """en.ts compiled as scripts/build_translations.sh does (the .qm is not committed)."""
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    lrelease = str(lrelease) if lrelease.exists() else shutil.which("pyside6-lrelease")
    assert lrelease, "pyside6-lrelease not found"
    qm = tmp_path_factory.mktemp("i18n") / "en.qm"
    subprocess.run([lrelease, str(TS), "-qm", str(qm)], check=True, capture_output=True)
    return qm


@pytest.fixture
def english(qapp, english_qm):
    """The English translator installed for one test (the other tests read the Chinese source strings)."""
    from models.common.i18n import language, set_language

    translator = QTranslator()
    assert translator.load(str(english_qm))
    QCoreApplication.installTranslator(translator)
    before = language()
    set_language("en")  # the labels of models.common.labels follow the interface language
    yield translator
    set_language(before)
    QCoreApplication.removeTranslator(translator)


def chinese_in(texts) -> list[str]:
    return [t for t in texts if IDEOGRAPH.search(str(t or ""))]


def headers(model) -> list[str]:
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


def literal_calls(path: Path, name: str) -> list[str]:
    """The string literals passed to a helper of that name (what lupdate cannot follow)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name and node.args \
                and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
            found.append(node.args[0].value)
    return found


def test_the_window_tabs_and_menus_are_english(english, qtbot, tmp_path, store_dir):
    from ui.app import make_context
    from ui.window.main_window import MainWindow

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    context = make_context(store_dir=store_dir, settings=settings)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.extras_installed, timeout=5000)
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == ["Files", "Verification", "Review",
                                                                          "Timeline"]
    texts = [menu.title() for menu in window.menus.values()]
    texts += [action.text() for menu in window.menus.values() for action in menu.actions()]
    assert "Review memo" in texts and "Export review memo…" in texts
    assert chinese_in(texts) == []
    context.runner.cancel_all()
    context.runner.wait(10_000)


def test_tables_translated_by_variable_are_english(english, qtbot):
    from models.common.labels import all_labels
    from ui.review.clause_list_model import COL_DECISION, COL_STATUS, ClauseListModel
    from ui.review.clause_pane import ClausePane
    from ui.review.outcome_box import OutcomeBox
    from ui.review.relevance_pane import HEADING_ZH, RelevancePane, TaggedFilesTableModel
    from ui.review.review_overview import COL_CHOSEN, COL_KIND, KIND_ZH, OverviewTableModel
    from ui.timeline.timeline_model import TimelineTableModel, kind_text, source_text
    from ui.verify.verify_table_model import STATUSES, VerifyTableModel, status_text

    clauses = ClauseListModel()
    decisions = [None, {"decision": "confirm"}, {"decision": "override"}] + [
        {"decision": "answer", "answer": a} for a in all_labels()["answer"]]
    statuses = all_labels()["status"]
    clauses.set_records([{"check_name": f"c{i}", "article": "30.1", "title": "t", "status": status,
                          "decision": decisions[i % len(decisions)]} for i, status in enumerate(statuses)])
    texts = headers(clauses) + [clauses.data(clauses.index(r, c)) for r in range(clauses.rowCount())
                                for c in (0, COL_STATUS, COL_DECISION)]
    assert clauses.data(clauses.index(0, 0)) == "Art. 30.1"
    overview = OverviewTableModel()
    overview.set_rows([{"id": f"E{i}", "title": "", "kind": kind, "decided": 0, "applicable": 1, "open": [],
                        "proposed": "pending", "chosen": "correctable"} for i, kind in enumerate(KIND_ZH)])
    texts += headers(overview) + [overview.data(overview.index(r, c)) for r in range(overview.rowCount())
                                  for c in range(COL_KIND, COL_CHOSEN + 1)]
    tagged = TaggedFilesTableModel()
    texts += headers(tagged) + headers(VerifyTableModel()) + headers(TimelineTableModel())
    texts += [status_text(s) for s in STATUSES] + [kind_text(k) for k in all_labels()["time_kind"]]
    texts += [source_text(s) for s in all_labels()["source"]]
    relevance, outcome, pane = RelevancePane(), OutcomeBox(), ClausePane()
    for widget in (relevance, outcome, pane):
        qtbot.addWidget(widget)
    texts += [relevance.heading.itemText(i) for i in range(relevance.heading.count())]
    assert relevance.heading.count() == len(HEADING_ZH)
    texts += [button.text() for button in outcome.buttons.values()]
    texts += [pane.answer_combo.itemText(i) for i in range(pane.answer_combo.count())]
    assert chinese_in(texts) == []


def test_helper_strings_are_english(english, qtbot, tmp_path):
    """Strings passed through module helpers: _t() of the detail sections, errors and the timeline,
    models.common.i18n.tr of the anomalies, the progress panel's tr lambda, the memo dialogs' tables."""
    from ui.app import make_context
    from ui.common.errors import reason_text
    from ui.common.progress_panel import progress_text
    from ui.common.store_write import write_reason
    from ui.detail.digest_section import digest_rows
    from ui.detail.exif_section import gps_text, time_text
    from ui.memo.memo_dialog import STEPS, MemoDialog
    from ui.memo.verify_memo_dialog import VerifyMemoDialog, findings_summary, yes_no
    from ui.review.review_tab import PANE_TITLES, ReviewTab

    helpers = {"ui/detail/digest_section.py": ("_t", "DigestSection"),
               "ui/detail/exif_section.py": ("_t", "ExifSection"),
               "ui/common/errors.py": ("_t", "Errors"), "ui/common/store_write.py": ("_t", "StoreWrite"),
               "ui/timeline/timeline_model.py": ("_t", "TimelineModel"), "ui/window/unsaved.py": ("_t", "Unsaved"),
               "ui/window/store_guard.py": ("_t", "StoreGuard"),
               "models/timeline/anomalies.py": ("tr", "EvidenceDesk")}
    texts = []
    for path, (name, context) in helpers.items():
        found = literal_calls(ROOT / path, name)
        assert found, path
        texts += [QCoreApplication.translate(context, text) for text in found]
    texts += [reason_text(FileNotFoundError(2, "x")), reason_text(PermissionError(13, "x"))]
    full = sqlite3.OperationalError("database or disk is full")
    full.sqlite_errorcode = 13
    texts += [write_reason(full).split("（")[0]]
    texts += [text for _label, text in digest_rows(None, "a.txt")] + [time_text("2026-01-01T00:00:00", None, 0, None),
                                                                       gps_text((1.0, -2.0), 3.0)]
    progress = progress_text("x", 5, 10, 0, 0, 1.0)
    assert "files" in progress and "elapsed" in progress and "left" in progress
    context = make_context(settings=QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    memo, verify, review = MemoDialog(context, None, None), VerifyMemoDialog(context), ReviewTab(context)
    for widget in (memo, verify, review):
        qtbot.addWidget(widget)
    texts += [memo.tr(step) for step in STEPS] + [review.pane_tabs.tabText(i) for i in range(len(PANE_TITLES))]
    texts += [yes_no(True, tr=verify.tr), yes_no(False, False, tr=verify.tr)]
    texts.append(findings_summary({"format": "f", "case": {}, "review": {}, "reviewer": {"training": True},
                                   "items": [{"outcome": {"outcome": o}} for o in ("admissible", "defect", None)]},
                                  verify.tr))
    assert chinese_in(texts) == []
    context.runner.cancel_all()
    context.runner.wait(10_000)
