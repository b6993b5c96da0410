"""The applicable clauses of one item in one review pane: article, short title, auto status, the reviewer's decision."""

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from checks.wording import shown, wording
from models.common.labels import label
from ui.common.record_table_model import RecordTableModel

PANES = ("authenticity", "legality", "relevance")
# the kind's clauses beyond Art. 30-33, by pane (ARTICLES.md): objectivity/integrity, procedure, relevance
AUTHENTICITY_ARTICLES = {"34.1", "34.2", "35.1", "35.3", "36.1", "36.3", "37.3", "37.5", "38.4", "39.4", "41.2", "45"}
RELEVANCE_ARTICLES = {"38.2", "41.5"}
STATUS_COLORS = {"pass": "#2e7d32", "fail": "#c62828", "error": "#6a1b9a", "warn": "#ef6c00",
                 "needs_review": "#1565c0", "not_verified": "#8d6e63", "not_recorded": "#757575",
                 "not_applicable": "#bdbdbd"}
# every code read through models.common.labels (resources/labels.json): one vocabulary with the command line and
# the memo


def status_text(status: str) -> str:
    return label("status", status)


COL_ARTICLE, COL_TITLE, COL_STATUS, COL_DECISION = range(4)
HEADERS = ("条款", "标题", "自动结果", "审查")
RecordRole = Qt.ItemDataRole.UserRole + 1  # the clause record (dict)
NameRole = Qt.ItemDataRole.UserRole + 2  # the check's stable name
StatusRole = Qt.ItemDataRole.UserRole + 3
DecidedRole = Qt.ItemDataRole.UserRole + 4  # bool


def pane_of(article: str) -> str:
    """Which of the three panes a clause belongs to (its article number decides)."""
    article = str(article or "")
    if article.startswith("33") or article in RELEVANCE_ARTICLES:
        return "relevance"
    if article.split(".")[0] in ("30", "31") or article in AUTHENTICITY_ARTICLES:
        return "authenticity"
    return "legality"


def article_key(article: str) -> tuple:
    return tuple(int(p) if p.isdigit() else 0 for p in str(article or "0").split("."))


def clause_records(results: list[dict], decisions: dict, pane: str) -> list[dict]:
    """From check-result records and {check_name: decision record}: the pane's applicable clauses, in article order."""
    rows = []
    for record in results:
        if record.get("status") == "not_applicable" or pane_of(record.get("article")) != pane:
            continue
        words = wording(record["check_name"])
        rows.append({**record, "title": shown(words, "title") or record["check_name"],
                     "decision": decisions.get(record["check_name"])})
    return sorted(rows, key=lambda r: article_key(r.get("article")))


_ICONS: dict[str, QIcon] = {}


def status_icon(status: str) -> QIcon:
    """A filled circle in the status colour (made once per status)."""
    if status not in _ICONS:
        pixmap = QPixmap(14, 14)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(QColor(STATUS_COLORS.get(status, "#9e9e9e")))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawEllipse(1, 1, 12, 12)
        painter.end()
        _ICONS[status] = QIcon(pixmap)
    return _ICONS[status]


def decision_text(decision: dict | None) -> str:
    """'待决', or '✓ 已确认' / '✓ 已回答：是', in the interface language."""
    if not decision:
        return QCoreApplication.translate("ClauseListModel", "待决")
    text = label("decision", decision.get("decision"))
    if decision.get("decision") == "answer" and decision.get("answer"):
        text += "：" + label("answer", decision["answer"])
    return "✓ " + text


class ClauseListModel(RecordTableModel):
    """Rows are clause records of clause_records(); set_decision() updates one row's decision column."""

    HEADERS = HEADERS
    KEY = "check_name"

    def set_records(self, records: list[dict]) -> None:
        self.set_rows(records)

    def set_decision(self, check_name: str, decision: dict | None) -> None:
        row = self.row_of(check_name)
        if row >= 0:
            self._rows[row]["decision"] = decision
            self.dataChanged.emit(self.index(row, 0), self.index(row, COL_DECISION))

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        record, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(record, column)
        if role == Qt.ItemDataRole.DecorationRole and column == COL_STATUS:
            return status_icon(record["status"])
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_DECISION:
            return QColor("#2e7d32" if record.get("decision") else "#c62828")
        if role == Qt.ItemDataRole.ToolTipRole:
            return record.get("message") or None
        return {RecordRole: record, NameRole: record["check_name"], StatusRole: record["status"],
                DecidedRole: bool(record.get("decision"))}.get(role)

    def _display(self, record: dict, column: int) -> str:
        if column == COL_ARTICLE:
            return self.tr("第%1条").replace("%1", str(record.get("article") or ""))
        if column == COL_TITLE:
            return record["title"]
        if column == COL_STATUS:
            return status_text(record["status"])
        return decision_text(record.get("decision"))

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
