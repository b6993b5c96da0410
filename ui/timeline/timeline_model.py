"""The timeline table: every timestamp of the case as one row, paged from the store's timeline table.

The model keeps the ids of the rows fetched so far (8 bytes a row) and a small cache of pages, as the file
table does: the time order is the index's order, filters are WHERE clauses (models/timeline/timeline_store.py), so a
million files (several million times) never pass through Python at once. A list of records (tests, small
cases) is put in an in-memory database of the same shape and shown by the same queries.
"""

import sqlite3
import threading
from array import array
from collections import OrderedDict
from datetime import datetime
from operator import itemgetter

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from models.common.labels import label, manifest_field_label
from models.common.timeutil import format_local, format_utc, zone
from models.timeline import timeline_store as ts
from models.timeline.timeline_order import (
    TIME_ORDER,
    Order,
    count_before,
    find_key,
    has_order_table,
    locate,
    needs_table,
    next_ids,
)
from ui.common.paged_model import reset_pages

CONTEXT = "TimelineModel"
COL_TIME, COL_KIND, COL_SOURCE, COL_ITEM, COL_PATH, COL_TYPE, COL_NOTE = range(7)
COLUMN_KEYS = ("time", "kind", "source", "item", "path", "type", "zone")  # models.timeline.timeline_order.SORT_EXPR's
HEADERS = tuple(QT_TRANSLATE_NOOP("TimelineModel", h)
                for h in ("时间（案件时区）", "时间种类", "来源", "证据项", "路径", "类型", "备注"))
# one normalised record: (ns, kind, source, item, path, type, zone_known, label)
NS, KIND, SOURCE, ITEM, PATH, TYPE, ZONE_KNOWN, LABEL = range(8)
# kinds of time and sources read through models.common.labels (resources/labels.json: time_kind, source)
ANOMALY_TINT = "#fff1d6"
ZONE_UNKNOWN_COLOUR = "#9a5b00"
BATCH = 500  # the first fetch: a screen or two (the view asks for more as it scrolls)
MAX_BATCH = 10_000  # keys a fetch reads at most: 100k held the GUI thread ~170 ms, 10k ~15 ms
PAGE = 64  # rows a page read brings: a screen is ~30; 256 made each new screen read and build 4x what it showed
CELL_ROWS = 256  # rows whose cells are kept made (a screen or a few)
CACHE_PAGES = 64  # 4,096 rows (16,384 took ~5 ms of the GUI thread to let go at each new filter after a long scroll)

_TINT, _ZONE_UNKNOWN = QBrush(QColor(ANOMALY_TINT)), QBrush(QColor(ZONE_UNKNOWN_COLOUR))  # shared: never changed
DELETED_COLOUR = "#8a1c1c"  # a deleted file's path, as its note says
_DELETED = QBrush(QColor(DELETED_COLOUR))
PathRole = Qt.ItemDataRole.UserRole + 1
NsRole = Qt.ItemDataRole.UserRole + 2
RecordRole = Qt.ItemDataRole.UserRole + 3
DISPLAY, BACKGROUND, FOREGROUND = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.BackgroundRole,
                                   Qt.ItemDataRole.ForegroundRole)
DATA_ROLES = frozenset((Qt.ItemDataRole.ToolTipRole, PathRole, NsRole, RecordRole))  # answered by data() alone


def _t(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def kind_text(kind: str) -> str:
    return label("time_kind", kind) if kind else ""


def source_text(source: str) -> str:
    return label("source", source) if source else ""


def _get(rec, *names, default=None):
    for name in names:
        value = rec.get(name) if isinstance(rec, dict) else getattr(rec, name, None)
        if value is not None:
            return value
    return default


def normalise(rec) -> tuple | None:
    """A models.timeline.timeline.TimelineRecord (or a dict with its field names) as the tuple this model keeps;
    None without a time."""
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


def local_text(ns: int, tzinfo, tz_name: str | None) -> str:
    """format_local(ns, tz_name) ('2026-10-01 20:15:03 +08:00') without strftime: each strftime imports the
    time module again, and PySide6's import hook made that ~25 us, the better part of a row's cells."""
    try:
        local = datetime.fromtimestamp(ns // 1_000_000_000, tzinfo)
    except (OverflowError, OSError, ValueError):
        return format_local(ns, tz_name) or ""
    minutes = int(local.utcoffset().total_seconds()) // 60
    sign, minutes = ("+", minutes) if minutes >= 0 else ("-", -minutes)
    return (f"{local.year:04d}-{local.month:02d}-{local.day:02d} {local.hour:02d}:{local.minute:02d}:"
            f"{local.second:02d} {sign}{minutes // 60:02d}:{minutes % 60:02d}")


class _Box:
    """Where a worker leaves the batch it read ahead: begin() (worker) and drop() (GUI thread) decide under a lock
    whether it reads at all; done is set when it has read (result None: it failed)."""

    def __init__(self):
        self.lock, self.done, self.result = threading.Lock(), threading.Event(), None
        self.state = "waiting"  # -> reading (the worker began) or dropped (before it began)
        self.wanted = False  # a fetchMore asked while it was read: its rows go in as it answers

    def begin(self) -> bool:
        with self.lock:
            if self.state == "waiting":
                self.state = "reading"
        return self.state == "reading"

    def drop(self) -> bool:
        """Not wanted any more, unless it is being read: True when the worker has begun (its answer will come)."""
        with self.lock:
            if self.state == "waiting":
                self.state = "dropped"
        return self.state == "reading"


class TimelineTableModel(QAbstractTableModel):
    """set_source(conn, tz_name) or set_records(records, tz_name); set_filter(...) narrows; sort() by any column
    (time and kind: the table's indexes; others: their order table on a large timeline, made in a worker when
    order_needed asks for it, or a sort by SQLite on a small one); paged with fetchMore. With a reader (a
    function running fn(connection, cancel) in a worker, on_done on the GUI thread) the next batch is read in a
    worker while the rows fetched last are painted, and locate() finds a row far down without holding the GUI
    thread."""

    order_needed = Signal(int, object)  # column, Qt order: sorting by it on this timeline wants its order table

    def __init__(self, parent=None):
        super().__init__(parent)
        self._conn = None
        self._own_conn = None  # the in-memory database of set_records
        self._ids = array("q")
        self._last_key = None
        self._exhausted = True
        self._busy = False
        self._batch = BATCH
        self._pages: OrderedDict[int, list] = OrderedDict()
        self._cell_cache: OrderedDict[int, list] = OrderedDict()
        self._tz: str | None = None
        self._zone = zone(None)
        self._anomalies: dict[tuple, list[str]] = {}
        self._deleted: dict[str, bool] = {}  # path -> deleted in its file system (an image's), asked as rows show
        self._filter: dict = {}
        self._where, self._params = "", []
        self._all_count: int | None = None
        self._sort = (COL_TIME, Qt.SortOrder.AscendingOrder)
        self._order = TIME_ORDER
        self._reader = None
        self._generation = 0  # of the query shown: answers of workers for an older one are dropped
        self._prefetch = None  # (generation, rows had, limit, box the worker leaves (ids, last key) in)

    # --- data in -----------------------------------------------------------------------------------
    def set_source(self, conn, tz_name: str | None, all_count: int | None = None, fetch: bool = True,
                   reader=None) -> None:
        """Show the timeline table of this connection (None: nothing); all_count when already counted;
        fetch=False: the first rows wait for the filter that follows (one query, not two); reader: reads the
        same table on a connection of its own in a worker (see the class)."""
        self._conn, self._tz, self._all_count, self._reader = conn, tz_name, all_count, reader
        self._zone = zone(tz_name)
        self._deleted = {}
        if self._own_conn is not None and self._own_conn is not conn:
            self._own_conn.close()
            self._own_conn = None
        if self._order.table and (reader is None or conn is None or not has_order_table(conn, self._order.key)):
            self._sort, self._order = (COL_TIME, Qt.SortOrder.AscendingOrder), TIME_ORDER  # made for other rows
        self.requery(fetch)

    def set_records(self, records, tz_name: str | None, prepared: bool = False, fetch: bool = True) -> None:
        """Records as models.timeline.timeline gives them, or (prepared) the list prepare() made of them."""
        conn = ts.memory_timeline(records if prepared else prepare(records))
        self.set_source(conn, tz_name, fetch=fetch)
        self._own_conn = conn

    def connection(self):
        return self._conn

    def set_anomalies(self, by_key: dict[tuple, list[str]]) -> None:
        """(path, kind of time or None for every time of the path) -> messages: rows tinted, messages under 备注."""
        paths = {path for path, _kind in self._anomalies} | {path for path, _kind in by_key}
        self._anomalies = dict(by_key)
        # only rows painted lately (their cells kept) whose path has notes, before or now, are painted again: a
        # repaint of every row made every cell shown again and took ~15 ms of the GUI thread as the anomalies came
        changed = [row for row, cells in self._cell_cache.items() if cells[COL_PATH][DISPLAY] in paths]
        self._cell_cache.clear()
        if changed:
            self.dataChanged.emit(self.index(min(changed), 0), self.index(max(changed), COL_NOTE))

    def set_filter(self, start_ns=None, end_ns=None, item=None, kind=None, source=None, file_type=None,
                   text: str = "") -> None:
        """Keep times in [start_ns, end_ns) of this item, kind, source, type, path substring (None: any)."""
        self._filter = {k: v for k, v in dict(start_ns=start_ns, end_ns=end_ns, item=item, kind=kind, source=source,
                                              file_type=file_type, text=text).items() if v not in (None, "")}
        self._where, self._params = ts.where_clause(self._filter)
        self.requery()

    def current_filter(self) -> tuple[str, list]:
        """(SQL condition, parameters) of the filter shown: a worker counts and bins with them."""
        return self._where, list(self._params)

    def sort_state(self) -> tuple[int, Qt.SortOrder]:
        """(column, order) the rows are in (a sort waiting for its order table is not yet)."""
        return self._sort

    def requery(self, fetch: bool = True) -> None:
        self._generation += 1
        self._drop_prefetch()
        reset_pages(self, BATCH, self._cell_cache)
        if fetch and self.canFetchMore():
            self.fetchMore()

    # --- paging ------------------------------------------------------------------------------------
    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent=QModelIndex()) -> None:
        if parent.isValid() or self._exhausted or self._busy:
            return
        limit = self._batch
        box = self._prefetch_here(limit)
        if box is not None and not box.done.is_set():
            if box.drop():  # a worker is reading these rows: they go in when it answers (_prefetched)
                box.wanted = True
                return
            box = None  # its worker had not begun: dropped, read here
        self._busy = True
        try:
            read, self._prefetch = (box.result if box is not None else None), None
            if box is not None:
                box.result = None  # whoever still holds the box (a finished task's closure) holds no ids
            ids, last = read if read is not None else next_ids(self._conn, self._where, self._params, self._order,
                                                               self._last_key, limit)
            self._batch = min(limit * 2, MAX_BATCH)
            self._append(ids, last, exhausted=len(ids) < limit)
        finally:
            self._busy = False
        self._start_prefetch()

    def _append(self, ids: array, last: tuple | None, exhausted: bool) -> None:
        self._exhausted = exhausted
        if ids:
            start = len(self._ids)
            self.beginInsertRows(QModelIndex(), start, start + len(ids) - 1)
            self._ids.extend(ids)
            self._last_key = last
            self._pages.pop(start // PAGE, None)  # the last page was cached short (rows above keep their cells)
            self.endInsertRows()

    # --- reading in a worker -------------------------------------------------------------------------
    def _start_prefetch(self) -> None:
        """Read the next batch in a worker now: the next fetchMore (a scroll to the bottom) finds it read. Read on
        the GUI thread, 10,000 keys took ~9-12 ms of each scroll's ~40 ms. The worker leaves its answer in a box
        that fetchMore looks in: the signal that it is done may come after the next scroll has asked already."""
        if self._reader is None or self._exhausted or self._prefetch is not None:
            return
        where, params, order, after, limit = self._where, list(self._params), self._order, self._last_key, self._batch
        box = _Box()

        def read(conn, _cancel):
            if box.begin():
                try:
                    box.result = next_ids(conn, where, params, order, after, limit)
                finally:
                    box.done.set()

        self._prefetch = (self._generation, len(self._ids), limit, box)
        self._reader(read, lambda _result: self._prefetched(box))  # failed: no result, fetchMore reads itself

    def _prefetch_here(self, limit: int):
        """The box of the batch asked for this place (query, rows had, size), or None (any other is dropped)."""
        found = self._prefetch
        if found is not None and found[:3] == (self._generation, len(self._ids), limit):
            return found[3]
        self._drop_prefetch()
        return None

    def _prefetched(self, box: _Box) -> None:
        """A worker has read ahead: when a fetchMore asked meanwhile its rows go in now. fetchMore does not wait
        for a worker that has begun, nor read the rows again beside it: on a busy machine either made a scroll
        wait for the other (gaps of 57-70 ms in bench_timeline on a loaded machine)."""
        if box.wanted and self._prefetch is not None and self._prefetch[3] is box:
            box.wanted = False
            self.fetchMore()

    def _drop_prefetch(self) -> None:
        if self._prefetch is not None:
            self._prefetch[3].drop()  # a worker not begun reads nothing; an answer goes nowhere
        self._prefetch = None

    def locate(self, path: str, ns: int | None, on_found) -> None:
        """on_found(row) with the row of the first time of this path (at this instant) in the order shown under
        the filter, fetched up to it; -1 when the filter hides it. With a reader the row is found, counted and
        read up to in a worker (on 3M times a pick far down counted and fetched on the GUI thread for seconds);
        when the query changed meanwhile (a filter, a sort) the row is looked for again under the new one."""
        if self._reader is None or self._conn is None or not path:
            on_found(self.row_of(path, ns))
            return
        generation, have, after = self._generation, len(self._ids), self._last_key
        where, params, order = self._where, list(self._params), self._order

        def found(result):
            if generation != self._generation:
                self.locate(path, ns, on_found)
                return
            if result is None:
                on_found(-1)
                return
            row, ids, last = result
            if have + len(ids) > len(self._ids) >= have:  # rows fetched meanwhile are not added twice
                self._drop_prefetch()
                self._append(ids[len(self._ids) - have:], last, exhausted=False)
            on_found(row if row < len(self._ids) else -1)

        self._reader(lambda conn, cancel: locate(conn, where, params, order, path, ns, have, after, cancel), found)

    def _row(self, row: int) -> tuple | None:
        if not 0 <= row < len(self._ids):
            return None
        number = row // PAGE
        page = self._pages.get(number)
        if page is None:
            ids = self._ids[number * PAGE:(number + 1) * PAGE].tolist()
            found = {r[0]: (r[1], r[2], r[3], r[4], r[5], r[6] or "", bool(r[7]), r[8] or "")
                     for r in ts.rows_by_id(self._conn, ids)}
            page = self._pages[number] = [found.get(i) for i in ids]
            while len(self._pages) > CACHE_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page[row % PAGE]

    # --- data out ----------------------------------------------------------------------------------
    def times(self) -> list[int]:
        """The UTC ns of every row passing the filter, in time order (a query; for tests and small cases)."""
        if self._conn is None:
            return []
        sql = f"SELECT t.at_utc_ns FROM {ts.FROM}" + (f" WHERE {self._where}" if self._where else "")
        return [ns for (ns,) in self._conn.execute(sql + " ORDER BY t.at_utc_ns, t.id", self._params)]

    def values(self, column: int) -> list:
        """Distinct raw values of one field over all records (for the filter combo boxes)."""
        if self._conn is None:
            return []
        return ts.distinct_values(self._conn, {COL_ITEM: "item", COL_KIND: "kind", COL_SOURCE: "source",
                                               COL_TYPE: "type"}[column])

    def total_count(self) -> int:
        """How many times pass the filter (a COUNT query: the tab runs it in a worker on large timelines)."""
        return ts.count(self._conn, self._where, self._params) if self._conn is not None else 0

    def time_span(self) -> tuple[int, int] | None:
        """(earliest, latest) UTC ns over all records, ignoring the filter."""
        return ts.span(self._conn) if self._conn is not None else None

    def all_count(self) -> int:
        if self._all_count is None:
            self._all_count = ts.count(self._conn) if self._conn is not None else 0
        return self._all_count

    def record(self, row: int) -> dict | None:
        rec = self._row(row)
        if rec is None:
            return None
        return dict(zip(("ns", "kind", "source", "item", "path", "type", "zone_known", "label"), rec))

    def row_of(self, path: str, ns: int | None = None) -> int:
        """Row of the first time of this path (at this instant) in the order shown under the filter, fetched
        up to it; -1 when the filter hides it. On the GUI thread: see locate() for a large timeline."""
        if self._conn is None or not path:
            return -1
        key = find_key(self._conn, self._where, self._params, self._order, path, ns)
        if key is None:
            return -1
        row = count_before(self._conn, self._where, self._params, self._order, key)
        while row >= len(self._ids) and self.canFetchMore():
            self.fetchMore()
        return row if row < len(self._ids) else -1

    def time_text(self, rec: tuple) -> str:
        text = local_text(rec[NS], self._zone, self._tz)
        return text if rec[ZONE_KNOWN] else text + " " + _t("（时区未知）")

    def _notes(self, rec: tuple) -> list[str]:
        if not rec[PATH] or not self._anomalies:
            return []
        return [*self._anomalies.get((rec[PATH], rec[KIND]), []), *self._anomalies.get((rec[PATH], None), [])]

    def is_deleted(self, path: str | None) -> bool:
        """The file was deleted in its file system (a row of a disk image's): one indexed look-up per path shown,
        kept; a timeline without the files' deleted column (an in-memory one) has none."""
        if not path or self._conn is None:
            return False
        found = self._deleted.get(path)
        if found is None:
            try:
                row = self._conn.execute("SELECT deleted FROM files WHERE path = ?", [path]).fetchone()
            except sqlite3.Error:
                row = None
            found = self._deleted[path] = bool(row and row[0])
            if len(self._deleted) > 4 * CELL_ROWS:
                self._deleted.pop(next(iter(self._deleted)))
        return found

    def note_text(self, rec: tuple, notes: list[str] | None = None) -> str:
        notes = list(self._notes(rec) if notes is None else notes)
        if self.is_deleted(rec[PATH]):
            notes.insert(0, _t("已删除（从镜像恢复）"))
        if not rec[ZONE_KNOWN]:
            notes.append(_t("来源未记录时区，按案件时区解读"))
        if rec[LABEL]:
            notes.append(manifest_field_label(rec[LABEL]))
        return "；".join(notes)

    # --- Qt model API ------------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 7:
            return _t(HEADERS[section])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.parent().isValid():
            return None
        rec = self._row(index.row())
        if rec is None:
            return None
        return self._role(rec, index.row(), index.column(), role)

    def multiData(self, index, roles) -> None:  # noqa: N802 - Qt's name
        """Every role a view asks of a cell in one call, from the row's cells made once (the time formatted,
        the notes looked up) and kept while the row is on screen: a repaint of the table spent ~20 ms in Python."""
        cells = self._cells(index.row()) if index.isValid() else None
        cell = cells[index.column()] if cells is not None and 0 <= index.column() < len(cells) else {}
        for role_data in roles:
            role = role_data.role()
            value = cell.get(role)
            if value is None and role in DATA_ROLES and cells is not None:
                value = self.data(index, role)  # not made for a paint: asked on its own
            if value is None:
                role_data.clearData()
            else:
                role_data.setData(value)

    def _cells(self, row: int) -> list[dict] | None:
        found = self._cell_cache.get(row)
        if found is not None:
            return found
        rec = self._row(row)
        if rec is None:
            return None
        cells = self._cell_cache[row] = self._make_cells(rec)
        if len(self._cell_cache) > CELL_ROWS:
            self._cell_cache.popitem(last=False)
        return cells

    def _make_cells(self, rec: tuple) -> list[dict]:
        """A row's answers to a paint (display, background, foreground), column by column. Only what a paint asks:
        the tooltip, path and instant are asked through data() (a tooltip, a pick), not made for every row shown
        (made with every role of _role, a screen of new rows took ~8 ms of a scroll's repaint)."""
        notes = self._notes(rec)
        item, path = rec[ITEM], rec[PATH]
        texts = (self.time_text(rec), kind_text(rec[KIND]), source_text(rec[SOURCE]), "" if item is None else str(item),
                 "" if path is None else str(path), str(rec[TYPE]), self.note_text(rec, notes))
        if notes:
            cells = [{DISPLAY: text, BACKGROUND: _TINT} for text in texts]
        else:
            cells = [{DISPLAY: text} for text in texts]
        if not rec[ZONE_KNOWN]:
            cells[COL_TIME][FOREGROUND] = _ZONE_UNKNOWN
        if self.is_deleted(path):
            cells[COL_PATH][FOREGROUND] = _DELETED
        return cells

    def _role(self, rec: tuple, row: int, column: int, role):
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(rec, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_TIME:
            return f"UTC {format_utc(rec[NS])}"
        if role == Qt.ItemDataRole.BackgroundRole and self._notes(rec):
            return _TINT
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_TIME and not rec[ZONE_KNOWN]:
            return _ZONE_UNKNOWN
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_PATH and self.is_deleted(rec[PATH]):
            return _DELETED
        if role == PathRole:
            return rec[PATH]
        if role == NsRole:
            return rec[NS]
        if role == RecordRole:
            return self.record(row)
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
        """Time and kind: the table's indexes. Another column on a large timeline of the store: read from its
        order table; when that is not made yet, order_needed asks for it (the tab makes it in a worker, then sorts
        again) and the rows keep their order. A sort by SQLite at each fetch took seconds a scroll on 3M times.
        In-memory and small timelines: sorted by SQLite (then by time)."""
        if not 0 <= column < len(HEADERS):
            return
        key, descending = COLUMN_KEYS[column], order == Qt.SortOrder.DescendingOrder
        table = self._reader is not None and self._conn is not None and needs_table(key, self.all_count())
        if table and not has_order_table(self._conn, key):
            self.order_needed.emit(column, order)
            return
        self._sort, self._order = (column, order), Order(key, descending, table)
        self.requery()
