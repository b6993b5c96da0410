"""The timeline table: every timestamp of the case as one row, filtered and sorted in Python lists, paged to the view.

Filtering a proxy row by row calls Python once per row and cell; a list comprehension over plain tuples is
an order of magnitude faster for the few hundred thousand times a large case has.
"""

from operator import itemgetter

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt, QT_TRANSLATE_NOOP
from PySide6.QtGui import QBrush, QColor

from models.timeutil import format_local, format_utc

CONTEXT = "TimelineModel"
COL_TIME, COL_KIND, COL_SOURCE, COL_ITEM, COL_PATH, COL_TYPE, COL_NOTE = range(7)
HEADERS = tuple(QT_TRANSLATE_NOOP("TimelineModel", h) for h in ("时间（案件时区）", "时间种类", "来源", "证据项", "路径",
                                                                  "类型", "备注"))
# one normalised record: (ns, kind, source, item, path, type, zone_known, label)
NS, KIND, SOURCE, ITEM, PATH, TYPE, ZONE_KNOWN, LABEL = range(8)
KIND_TEXT = {"modified": "修改", "created": "创建", "accessed": "访问", "changed": "变更",
             "exif_original": "拍摄（EXIF）", "exif_digitized": "数字化（EXIF）", "seized": "扣押", "sealed": "封存",
             "acquisition_start": "提取开始", "acquisition_end": "提取结束", "frozen": "冻结", "expires": "冻结到期",
             "prepared": "清单制作", "appraised": "鉴定", "inspected": "检查",
             # the kinds models.timeline gives the manifest's times (they showed untranslated)
             "acquisition_started": "提取开始", "acquisition_finished": "提取结束", "freeze_expires": "冻结到期",
             "appraisal_commissioned": "委托鉴定", "document": "文书日期"}
SOURCE_TEXT = {"filesystem": "文件系统", "exif": "EXIF", "manifest": "清单", "container": "容器"}
for _text in (*KIND_TEXT.values(), *SOURCE_TEXT.values()):
    QT_TRANSLATE_NOOP("TimelineModel", _text)
ANOMALY_TINT = "#fff1d6"
ZONE_UNKNOWN_COLOUR = "#9a5b00"
BATCH = 2000

PathRole = Qt.ItemDataRole.UserRole + 1
NsRole = Qt.ItemDataRole.UserRole + 2
RecordRole = Qt.ItemDataRole.UserRole + 3


def _t(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def kind_text(kind: str) -> str:
    return _t(KIND_TEXT[kind]) if kind in KIND_TEXT else str(kind or "")


def source_text(source: str) -> str:
    return _t(SOURCE_TEXT[source]) if source in SOURCE_TEXT else str(source or "")


def _get(rec, *names, default=None):
    for name in names:
        value = rec.get(name) if isinstance(rec, dict) else getattr(rec, name, None)
        if value is not None:
            return value
    return default


def normalise(rec) -> tuple | None:
    """A models.timeline.TimelineRecord (or a dict with its field names) as the tuple this model keeps; None without a time."""
    ns = _get(rec, "at_utc_ns", "ns")
    if ns is None:
        return None
    return (int(ns), str(_get(rec, "kind_of_time", "kind", default="")), str(_get(rec, "source", default="")),
            _get(rec, "item"), _get(rec, "path"), _get(rec, "mime", default="") or "",
            bool(_get(rec, "zone_known", default=True)), _get(rec, "label", "note", default="") or "")


def prepare(records) -> list[tuple]:
    """The records normalised and in time order: the worker's part of a load, so that showing 100k+ times on
    the GUI thread needs neither (normalising them there took ~0.5 s of 120k; the sort as much again)."""
    rows = [n for n in map(normalise, records) if n is not None]
    rows.sort(key=itemgetter(NS))
    return rows


class TimelineTableModel(QAbstractTableModel):
    """set_records(records, tz_name); set_filter(...) narrows; sort() by any column; paged with fetchMore."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._all: list[tuple] = []
        self._rows: list[tuple] = []
        self._shown = 0
        self._tz: str | None = None
        self._anomalies: dict[str, list[str]] = {}
        self._filter: dict = {}
        self._values: dict[int, list] = {}
        self._sort = (COL_TIME, Qt.SortOrder.AscendingOrder)

    # --- data in -----------------------------------------------------------------------------------
    def set_records(self, records, tz_name: str | None, prepared: bool = False) -> None:
        """Records as models.timeline gives them, or (prepared) the list prepare() made of them."""
        self._tz = tz_name
        self._all = records if prepared else prepare(records)
        self._values = {}
        self._refilter()

    def set_anomalies(self, by_key: dict[tuple, list[str]]) -> None:
        """(path, kind of time or None for every time of the path) -> messages: rows tinted, messages under 备注."""
        self._anomalies = dict(by_key)
        if self._shown:
            self.dataChanged.emit(self.index(0, 0), self.index(self._shown - 1, COL_NOTE))

    def set_filter(self, start_ns=None, end_ns=None, item=None, kind=None, source=None, file_type=None,
                   text: str = "") -> None:
        """Keep times in [start_ns, end_ns) of this item, kind, source, type, path substring (None: any)."""
        self._filter = {k: v for k, v in dict(start_ns=start_ns, end_ns=end_ns, item=item, kind=kind, source=source,
                                              file_type=file_type, text=text).items() if v not in (None, "")}
        self._refilter()

    def _refilter(self) -> None:
        f, rows = self._filter, self._all
        if "start_ns" in f:
            rows = [r for r in rows if r[NS] >= f["start_ns"]]
        if "end_ns" in f:
            rows = [r for r in rows if r[NS] < f["end_ns"]]
        for key, col in (("item", ITEM), ("kind", KIND), ("source", SOURCE), ("file_type", TYPE)):
            if key in f:
                rows = [r for r in rows if r[col] == f[key]]
        if "text" in f:
            needle = f["text"].lower()
            rows = [r for r in rows if needle in (r[PATH] or "").lower()]
        self.beginResetModel()
        self._rows = self._sorted(list(rows))
        self._shown = min(BATCH, len(self._rows))
        self.endResetModel()

    def _sorted(self, rows: list) -> list:
        column, order = self._sort
        if (column, order) == (COL_TIME, Qt.SortOrder.AscendingOrder):
            return rows  # _all is in time order and filtering keeps it
        keys = {COL_TIME: lambda r: r[NS], COL_KIND: lambda r: r[KIND], COL_SOURCE: lambda r: r[SOURCE],
                COL_ITEM: lambda r: r[ITEM] or "", COL_PATH: lambda r: r[PATH] or "", COL_TYPE: lambda r: r[TYPE],
                COL_NOTE: lambda r: (not self._notes(r), r[ZONE_KNOWN])}
        rows.sort(key=lambda r: (keys[column](r), r[NS]), reverse=order == Qt.SortOrder.DescendingOrder)
        return rows

    # --- data out ----------------------------------------------------------------------------------
    def times(self) -> list[int]:
        """The UTC ns of every row passing the filter (for the density strip)."""
        return [r[NS] for r in self._rows]

    def values(self, column: int) -> list:
        """Distinct raw values of one field over all records (for the filter combo boxes)."""
        index = {COL_ITEM: ITEM, COL_KIND: KIND, COL_SOURCE: SOURCE, COL_TYPE: TYPE}[column]
        if index not in self._values:
            self._values[index] = sorted({r[index] for r in self._all if r[index]})
        return self._values[index]

    def total_count(self) -> int:
        return len(self._rows)

    def time_span(self) -> tuple[int, int] | None:
        """(earliest, latest) UTC ns over all records, ignoring the filter."""
        if not self._all:
            return None
        return self._all[0][NS], self._all[-1][NS]  # _all is in time order

    def all_count(self) -> int:
        return len(self._all)

    def record(self, row: int) -> dict:
        return dict(zip(("ns", "kind", "source", "item", "path", "type", "zone_known", "label"), self._rows[row]))

    def row_of(self, path: str, ns: int | None = None) -> int:
        for row, rec in enumerate(self._rows):
            if rec[PATH] == path and (ns is None or rec[NS] == ns):
                while row >= self._shown and self.canFetchMore():
                    self.fetchMore()
                return row
        return -1

    def time_text(self, rec: tuple) -> str:
        text = format_local(rec[NS], self._tz) or ""
        return text if rec[ZONE_KNOWN] else text + " " + _t("（时区未知）")

    def _notes(self, rec: tuple) -> list[str]:
        if not rec[PATH] or not self._anomalies:
            return []
        return [*self._anomalies.get((rec[PATH], rec[KIND]), []), *self._anomalies.get((rec[PATH], None), [])]

    def note_text(self, rec: tuple) -> str:
        notes = self._notes(rec)
        if not rec[ZONE_KNOWN]:
            notes.append(_t("来源未记录时区，按案件时区解读"))
        if rec[LABEL]:
            notes.append(str(rec[LABEL]))
        return "；".join(notes)

    # --- Qt model API ------------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and self._shown < len(self._rows)

    def fetchMore(self, parent=QModelIndex()) -> None:
        more = 0 if parent.isValid() else min(BATCH, len(self._rows) - self._shown)
        if more <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + more - 1)
        self._shown += more
        self.endInsertRows()

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 7:
            return _t(HEADERS[section])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= self._shown:
            return None
        rec, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(rec, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_TIME:
            return f"UTC {format_utc(rec[NS])}"
        if role == Qt.ItemDataRole.BackgroundRole and self._notes(rec):
            return QBrush(QColor(ANOMALY_TINT))
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_TIME and not rec[ZONE_KNOWN]:
            return QBrush(QColor(ZONE_UNKNOWN_COLOUR))
        if role == PathRole:
            return rec[PATH]
        if role == NsRole:
            return rec[NS]
        if role == RecordRole:
            return self.record(index.row())
        return None

    def _display(self, rec: tuple, column: int) -> str:
        if column == COL_TIME:
            return self.time_text(rec)
        if column == COL_KIND:
            return kind_text(rec[KIND])
        if column == COL_SOURCE:
            return source_text(rec[SOURCE])
        if column == COL_NOTE:
            return self.note_text(rec)
        value = {COL_ITEM: rec[ITEM], COL_PATH: rec[PATH], COL_TYPE: rec[TYPE]}[column]
        return "" if value is None else str(value)

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(HEADERS):
            return
        self._sort = (column, order)
        self._refilter()  # from _all, which is in time order: the time order needs no sort
