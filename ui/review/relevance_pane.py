"""Art. 33 relevance: tag the item's files under the Art. 17-20 headings; parties beside media holder and device
identifiers."""

import html
import json

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from models.store import review
from ui.common.record_table_model import RecordTableModel
from ui.common.store_write import written
from ui.review.drafts import Drafts

HEADING_ZH = {"subject_identity": "主体身份同一性（人机同一性／身份同一性）", "objective_act": "客观行为",
              "subjective_intent": "主观故意", "circumstances": "情节和后果"}
ROLE_ZH = {"suspect": "犯罪嫌疑人", "victim": "被害人", "witness": "证人", "holder": "持有人", "unit": "单位",
           "other": "其他"}
MEDIA_FIELDS = (("brand", "品牌"), ("model", "型号"), ("serial", "序列号"), ("identifier", "标识"),
                ("user_mark", "使用人标记"))
BATCH = 500
COL_PATH, COL_TYPE, COL_TAGS = range(3)
HEADERS = ("文件", "类型", "相关性标记")
PathRole = Qt.ItemDataRole.UserRole + 1


class TaggedFilesTableModel(RecordTableModel):
    """The item's files from the store in path order, fetched in batches, with their relevance tags."""

    HEADERS = HEADERS
    KEY = "path"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.store, self.item_id, self.text = None, None, ""
        self._rows: list[dict] = []
        self._tags: dict[str, list[dict]] = {}
        self._more = False

    def set_item(self, store, item_id: str | None, text: str = "") -> None:
        self.beginResetModel()
        self.store, self.item_id, self.text, self._rows = store, item_id, text, []
        self._more = store is not None and item_id is not None
        self._load_tags()
        self.endResetModel()
        if self.canFetchMore():
            self.fetchMore()

    def _load_tags(self) -> None:
        self._tags = {}
        for record in review.load_tags(self.store) if self.store is not None else []:
            self._tags.setdefault(record["path"], []).append(record)

    def refresh_tags(self, path: str) -> None:
        self._load_tags()
        row = self.row_of(path)
        if row >= 0:
            self.dataChanged.emit(self.index(row, COL_TAGS), self.index(row, COL_TAGS))

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and self._more

    def fetchMore(self, parent=QModelIndex()) -> None:
        after = self._rows[-1]["path"] if self._rows else ""
        sql = "SELECT path, mime, category FROM files WHERE item = ? AND kind = 'file' AND path > ?"
        params = [self.item_id, after]
        if self.text:
            sql, params = sql + " AND instr(path, ?) > 0", params + [self.text]
        rows = self.store.db.conn.execute(sql + " ORDER BY path LIMIT ?", params + [BATCH]).fetchall()
        self._more = len(rows) == BATCH
        if rows:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
            self._rows += [{"path": p, "mime": m, "category": c} for p, m, c in rows]
            self.endInsertRows()

    def tags_of(self, path: str) -> list[dict]:
        return self._tags.get(path, [])

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        tags = self.tags_of(row["path"])
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == COL_PATH:
                return row["path"]
            if index.column() == COL_TYPE:
                return row["mime"] or ""
            return "、".join(self.tr(HEADING_ZH[t["heading"]]).split("（")[0] for t in tags)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == COL_TAGS and tags:
            return "\n".join(f"{self.tr(HEADING_ZH[t['heading']])}：{t.get('note') or ''}" for t in tags)
        if role == PathRole:
            return row["path"]
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


def _cell(value) -> str:
    return html.escape(str(value)) if value not in (None, "", []) else '<span style="color:#999">未记录</span>'


def parties_html(bundle, item: dict, store) -> str:
    """A33.2: the parties named for the item beside the media user/holder and the device identifiers."""
    media = item.get("media") or {}
    user = media.get("user")
    user_party = bundle.party(user) if user else None
    parties = [bundle.party(p) or {"id": p, "name": "（名单中无此编号）"} for p in item.get("related_parties") or []]
    left = "".join(f"<li>{_cell(p.get('name'))}（{ROLE_ZH.get(p.get('role'), p.get('role') or '')}）"
                   f"{'：' + html.escape('、'.join(p.get('identifiers') or [])) if p.get('identifiers') else ''}</li>"
                   for p in parties) or "<li>未记录</li>"
    holders = "、".join(p.get("name") or "" for p in item.get("participants") or [] if p.get("role") == "holder")
    right = (f"<li>介质使用人：{_cell(user_party.get('name') if user_party else user)}</li>"
             f"<li>持有人（提供人）：{_cell(holders)}</li><li>保管人：{_cell(media.get('custodian'))}</li>"
             + "".join(f"<li>介质{label}：{_cell(media.get(key))}</li>" for key, label in MEDIA_FIELDS)
             + "".join(f"<li>{id_html(path, exif)}</li>" for path, exif in device_identifiers(store, item["id"])))
    return (f"<table width='100%' cellpadding='4'><tr><th align='left'>当事人（清单）</th>"
            f"<th align='left'>介质使用人、持有人与设备标识</th></tr>"
            f"<tr><td valign='top'><ul>{left}</ul></td><td valign='top'><ul>{right}</ul></td></tr></table>")


def device_identifiers(store, item_id: str, limit: int = 30) -> list[tuple[str, dict]]:
    """(path, exif dict) for the item's files whose EXIF names a make, model or body serial."""
    rows = store.db.conn.execute("SELECT path, exif_json FROM files WHERE item = ? AND exif_json IS NOT NULL "
                                 "ORDER BY path", [item_id])
    found = []
    for path, text in rows:
        try:
            exif = json.loads(text)
        except ValueError:
            continue
        if any(exif.get(k) for k in ("make", "model", "body_serial", "serial")):
            found.append((path, exif))
            if len(found) >= limit:
                break
    return found


def id_html(path: str, exif: dict) -> str:
    values = [exif.get("make"), exif.get("model"), exif.get("body_serial") or exif.get("serial")]
    text = " ".join(html.escape(v) for v in values if v)
    return f'EXIF 设备 {text}（<a href="evidence:{html.escape(path, quote=True)}">{html.escape(path)}</a>）'


class RelevancePane(QWidget):
    """set_item(bundle, store, item, reviewer); tag_selected() / untag_selected() commit and audit at once."""

    file_selected = Signal(str)
    tags_changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.bundle = self.store = self.item = None
        self.reviewer = ""
        self.drafts = Drafts()  # the fact typed, not yet tagged; the review tab shares one kept beside the store
        self.model = TaggedFilesTableModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(COL_PATH, QHeaderView.ResizeMode.Stretch)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("按路径筛选"))
        self.filter.textChanged.connect(lambda text: self.model.set_item(self.store, self._item_id(), text.strip()))
        self.heading = QComboBox()
        for key, text in HEADING_ZH.items():
            self.heading.addItem(self.tr(text), key)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("所证明的事实（必填）"))
        self.tag_button = QPushButton(self.tr("标记为相关"))
        self.untag_button = QPushButton(self.tr("取消此标记"))
        self.tag_button.clicked.connect(self.tag_selected)
        self.untag_button.clicked.connect(self.untag_selected)
        self.hint = QLabel()
        self.hint.setStyleSheet("color: #c62828;")
        self.parties = QTextBrowser()
        self.parties.setOpenLinks(False)
        self.parties.anchorClicked.connect(lambda url: self.file_selected.emit(url.path()))
        self._layout()

    def _layout(self) -> None:
        controls = QHBoxLayout()
        for widget in (self.heading, self.note, self.tag_button, self.untag_button):
            controls.addWidget(widget, 1 if widget is self.note else 0)
        files = QWidget()
        column = QVBoxLayout(files)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(QLabel(self.tr("<b>第三十三条（一）与案件事实的关联：标记相关文件</b>")))
        column.addWidget(self.filter)
        column.addWidget(self.view, 1)
        column.addLayout(controls)
        column.addWidget(self.hint)
        side = QWidget()
        right = QVBoxLayout(side)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(QLabel(self.tr("<b>第三十三条（二）数据及介质与当事人的关联</b>")))
        right.addWidget(self.parties, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(files)
        splitter.addWidget(side)
        splitter.setSizes([560, 380])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def _item_id(self) -> str | None:
        return (self.item or {}).get("id")

    def set_item(self, bundle, store, item: dict | None, reviewer: str) -> None:
        self.keep_draft()
        self.bundle, self.store, self.item, self.reviewer = bundle, store, item, reviewer
        self.hint.clear()
        draft = self.drafts.get(f"tag/{self._item_id()}") if item is not None else None
        self.note.setText(draft.get("note") or "" if isinstance(draft, dict) else "")
        if self.note.text():
            self.heading.setCurrentIndex(max(0, self.heading.findData(draft.get("heading"))))
            self.hint.setText(self.tr("已恢复未保存的关联事实（尚未标记）"))
        self.model.set_item(store, self._item_id(), self.filter.text().strip())
        self.parties.setHtml(parties_html(bundle, item, store) if item is not None else "")

    def keep_draft(self) -> None:
        """The fact typed for the item's files, kept until a file is tagged with it."""
        if self.item is not None:
            note = self.note.text().strip()
            self.drafts.put(f"tag/{self._item_id()}", {"heading": self.heading.currentData(), "note": note}
                            if note else None)

    def selected_path(self) -> str | None:
        index = self.view.currentIndex()
        return index.siblingAtColumn(COL_PATH).data(PathRole) if index.isValid() else None

    def select_path(self, path: str) -> bool:
        while self.model.row_of(path) < 0 and self.model.canFetchMore():
            self.model.fetchMore()
        row = self.model.row_of(path)
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, COL_PATH))
        return row >= 0

    def tag_selected(self) -> bool:
        path, note = self.selected_path(), self.note.text().strip()
        if not path:
            self.hint.setText(self.tr("请先选择文件"))
            return False
        if not note:
            self.hint.setText(self.tr("请说明该文件证明的事实"))
            self.note.setFocus()
            return False
        ok, _ = written(self, self.store, review.tag, self.store, path, self.heading.currentData(), note,
                        self.reviewer)
        if not ok:  # said in a message box; the fact typed stays
            self.hint.setText(self.tr("未保存：审查库无法写入"))
            return False
        self._tagged(path)
        self.note.clear()
        self.drafts.put(f"tag/{self._item_id()}", None)
        return True

    def untag_selected(self) -> bool:
        path = self.selected_path()
        if not path:
            self.hint.setText(self.tr("所选文件没有此项标记"))
            return False
        ok, removed = written(self, self.store, review.untag, self.store, path, self.heading.currentData(),
                              self.reviewer)
        if not ok:
            self.hint.setText(self.tr("未保存：审查库无法写入"))
            return False
        if removed:
            self._tagged(path)
        else:
            self.hint.setText(self.tr("所选文件没有此项标记"))
        return removed

    def _tagged(self, path: str) -> None:
        self.hint.clear()
        self.model.refresh_tags(path)
        self.tags_changed.emit()

    def _current_changed(self, current, _previous) -> None:
        path = current.siblingAtColumn(COL_PATH).data(PathRole) if current.isValid() else None
        if path:
            self.file_selected.emit(path)
