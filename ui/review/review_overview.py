"""Per item: kind, clauses decided of applicable, the open ones, proposed and chosen outcome; pick an item to review."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from models.store import review
from ui.common.record_table_model import RecordTableModel
from ui.review.outcome_box import PROPOSAL_ZH, proposal_for, stored_restorable

KIND_ZH = {"seized_media": "扣押、封存原始存储介质", "media_image": "制作数据镜像", "onsite_extraction": "现场提取",
           "online_extraction": "在线提取", "frozen": "冻结", "obtained": "调取", "inspection": "检查、侦查实验",
           "appraisal": "检验、鉴定"}
COL_ITEM, COL_KIND, COL_DECIDED, COL_OPEN, COL_PROPOSED, COL_CHOSEN = range(6)
HEADERS = ("证据项", "取证方式", "已决/适用", "待决", "程序建议", "审查结论")
ItemIdRole = Qt.ItemDataRole.UserRole + 1


def item_summaries(bundle, store) -> list[dict]:
    """One summary record per manifest item, read from the store (check results, decisions, outcomes)."""
    results, decisions = {}, {}
    for record in review.load_check_results(store):
        results.setdefault(record["item"], []).append(record)
    for record in review.load_decisions(store):
        decisions.setdefault(record["item"], {})[record["check_name"]] = record["decision"]
    outcomes = review.load_outcomes(store)
    restorable = stored_restorable(store) if results else set()
    rows = []
    for item in bundle.items:
        item_results = results.get(item["id"], [])
        applicable = [r for r in item_results if r["status"] != "not_applicable"]
        done = decisions.get(item["id"], {})
        open_ones = [r for r in applicable if r["check_name"] not in done]
        proposal = proposal_for(item, item_results, restorable, done, store) if item_results else None  # decided
        rows.append({"id": item["id"], "title": item.get("title") or "", "kind": item.get("kind"),
                     "applicable": len(applicable), "decided": len(applicable) - len(open_ones),
                     "open": [f"第{r['article']}条" for r in open_ones],
                     "proposed": proposal.proposal if proposal else None,
                     "chosen": (outcomes.get(item["id"]) or {}).get("outcome")})
    return rows


class OverviewTableModel(RecordTableModel):
    """Rows are item_summaries() records."""

    HEADERS = HEADERS
    KEY = "id"

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_OPEN and row["open"]:
            return "、".join(row["open"])
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_OPEN:
            return QColor("#c62828" if row["open"] else "#2e7d32")
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_PROPOSED and row["proposed"] == "excluded":
            return QColor("#c62828")
        if role == ItemIdRole:
            return row["id"]
        return None

    def _display(self, row: dict, column: int) -> str:
        if column == COL_ITEM:
            return f"{row['id']} {row['title']}"
        if column == COL_KIND:
            return self.tr(KIND_ZH.get(row["kind"], row["kind"] or ""))
        if column == COL_DECIDED:
            return f"{row['decided']}/{row['applicable']}"
        if column == COL_OPEN:
            shown = row["open"][:3]
            return "、".join(shown) + (self.tr("等 %1 条").replace("%1", str(len(row["open"]))) if len(row["open"]) > 3
                                     else "") if shown else self.tr("无")
        value = row["proposed"] if column == COL_PROPOSED else row["chosen"]
        return self.tr(PROPOSAL_ZH[value]) if value else self.tr("—")

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class ReviewOverview(QWidget):
    """refresh(bundle, store) re-reads the store; item_selected(id) when the reviewer picks an item."""

    item_selected = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model = OverviewTableModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        self.view.verticalHeader().setDefaultSectionSize(22)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.total = QLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.total)
        layout.addWidget(self.view, 1)

    def refresh(self, bundle, store) -> None:
        """Re-read every item's summary, keeping the selected item."""
        current = self.current_item()
        rows = item_summaries(bundle, store) if bundle is not None and store is not None else []
        blocked = self.view.selectionModel().blockSignals(True)
        self.model.set_rows(rows)
        if current and self.model.row_of(current) >= 0:
            self.view.setCurrentIndex(self.model.index(self.model.row_of(current), 0))
        self.view.selectionModel().blockSignals(blocked)
        decided, applicable = sum(r["decided"] for r in rows), sum(r["applicable"] for r in rows)
        chosen = sum(1 for r in rows if r["chosen"])
        self.total.setText(self.tr("审查进度：%1/%2 条款，%3/%4 项已定结论").replace("%1", str(decided)).replace(
            "%2", str(applicable)).replace("%3", str(chosen)).replace("%4", str(len(rows))))

    def current_item(self) -> str | None:
        index = self.view.currentIndex()
        return index.siblingAtColumn(0).data(ItemIdRole) if index.isValid() else None

    def select_item(self, item_id: str) -> bool:
        """Show item_id as the current row, without emitting item_selected (the caller shows the item)."""
        row = self.model.row_of(item_id)
        if row >= 0:
            blocked = self.view.selectionModel().blockSignals(True)
            self.view.setCurrentIndex(self.model.index(row, 0))
            self.view.selectionModel().blockSignals(blocked)
            self.view.viewport().update()
        return row >= 0

    def _current_changed(self, current, _previous) -> None:
        if current.isValid():
            self.item_selected.emit(current.siblingAtColumn(0).data(ItemIdRole))
