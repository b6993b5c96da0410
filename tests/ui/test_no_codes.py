"""No internal code reaches a person: every cell of the demo cases' tables and every clause's facts read in words."""

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from tests.ui.demo_window import demo_cases, new_window, open_checked, stop

# snake_case words (seizure_list, created_ns), dotted field paths (sealing.sealed_at) and long raw integers
CODE = re.compile(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\b|\b[a-z]+\.[a-z_]+_[a-z_]+\b|\b\d{16,19}\b")
DISPLAY = Qt.ItemDataRole.DisplayRole


def model_texts(model, where: str) -> list[tuple[str, str]]:
    from PySide6.QtCore import QModelIndex

    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    found = []
    from PySide6.QtCore import QStringListModel

    columns = 1 if isinstance(model, QStringListModel) else model.columnCount()
    for row in range(model.rowCount()):
        for column in range(columns):
            for role in (DISPLAY, Qt.ItemDataRole.ToolTipRole):
                value = model.index(row, column).data(role)
                if isinstance(value, str):
                    found.append((f"{where}[{row},{column}]", value))
    return found


def codes_in(texts, data: set[str]) -> list[tuple[str, str]]:
    """Codes found, less the evidence's own data (an account id such as wxid_zhang0101)."""
    return [(where, match) for where, text in texts for match in CODE.findall(text) if match not in data]


def identifiers(bundle) -> set[str]:
    return {str(i) for party in bundle.data.get("parties", []) for i in party.get("identifiers", [])}


def review_texts(qtbot, window) -> list[tuple[str, str]]:
    tab = window.review_tab
    window.tabs.setCurrentWidget(tab)
    texts = model_texts(tab.overview.model, "overview")
    for item in window.bundle.items:
        tab.select_item(item["id"])
        for key, pane in tab.panes.items():
            texts += model_texts(pane.model, f"{item['id']}/{key}")
            for row in range(pane.model.rowCount()):
                pane.view.setCurrentIndex(pane.model.index(row, 0))
                clause = pane.clause
                where = f"{item['id']}/{pane.current_name()}"
                texts += [(where, clause.facts.toPlainText()), (where, clause.status.text()),
                          (where, clause.decision_label.text())]
    return texts


@pytest.fixture(scope="module")
def cases(tmp_path_factory):
    return demo_cases(tmp_path_factory.mktemp("codes"))


@pytest.mark.parametrize("case", ["clean", "training"])
def test_no_code_in_any_table_or_fact(qtbot, tmp_path, store_dir, cases, case):
    window = new_window(qtbot, tmp_path, store_dir)
    window.resize(1366, 768)
    window.show()
    try:
        open_checked(qtbot, window, cases[case])
        window.tabs.setCurrentWidget(window.verify_tab)
        with qtbot.waitSignal(window.verify_tab.verify_finished, timeout=60_000):
            window.verify_tab.verify()
        qtbot.waitUntil(lambda: not any(h.running for h in window.context.runner.handles), timeout=60_000)
        window.tabs.setCurrentWidget(window.timeline_tab)
        qtbot.waitUntil(lambda: window.timeline_tab.anomaly_model.rowCount() > 0, timeout=60_000)
        texts = [("header", window.header.label.text())]
        texts += model_texts(window.files_tab.model, "files")
        texts += model_texts(window.verify_tab.model, "verify")
        texts += model_texts(window.timeline_tab.model, "timeline")
        texts += model_texts(window.timeline_tab.anomaly_model, "anomalies")
        texts += review_texts(qtbot, window)
        for path in ("evidence/E4/交易流水.csv", "evidence/E1/相册/IMG_20260928_194510.jpg"):
            window.detail.show_file(path)
            texts += [(f"detail:{path}", label.text()) for label in window.detail.findChildren(QLabel)]
        found = codes_in(texts, identifiers(window.bundle))
        first = {}
        for where, match in found:
            first.setdefault(match if not match.isdigit() else "<ns>", where)
        assert not found, sorted(first.items())
    finally:
        stop(window)
