"""The verification results table: one row per recorded digest (and per unlisted file), read from the store."""

from array import array
from collections import OrderedDict

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontDatabase

from models.bundle.names import shown
from models.common.labels import source_label

CONTEXT = "VerifyTableModel"
COL_STATUS, COL_ITEM, COL_PATH, COL_ALGORITHM, COL_RECORDED, COL_COMPUTED, COL_SOURCE, COL_NOTE = range(8)
HEADERS = (QT_TRANSLATE_NOOP("VerifyTableModel", "状态"), QT_TRANSLATE_NOOP("VerifyTableModel", "证据项"),
           QT_TRANSLATE_NOOP("VerifyTableModel", "路径"), QT_TRANSLATE_NOOP("VerifyTableModel", "算法"),
           QT_TRANSLATE_NOOP("VerifyTableModel", "记录值"), QT_TRANSLATE_NOOP("VerifyTableModel", "计算值"),
           QT_TRANSLATE_NOOP("VerifyTableModel", "记录来源"), QT_TRANSLATE_NOOP("VerifyTableModel", "说明"))
FIELDS = ("status", "item", "path", "algorithm", "recorded", "computed", "recorded_source", "error",
          "explanation", "verified_at", "program_version", "id")
SORT_SQL = {COL_STATUS: "status", COL_ITEM: "COALESCE(item, '')", COL_PATH: "path", COL_ALGORITHM: "algorithm",
            COL_RECORDED: "recorded", COL_COMPUTED: "computed", COL_SOURCE: "recorded_source",
            COL_NOTE: "COALESCE(error, explanation, '')"}
STATUSES = ("match", "mismatch", "missing", "unreadable", "unlisted")
STATUS_TEXT = {"match": QT_TRANSLATE_NOOP("VerifyTableModel", "一致"),
               "mismatch": QT_TRANSLATE_NOOP("VerifyTableModel", "不一致"),
               "missing": QT_TRANSLATE_NOOP("VerifyTableModel", "缺失"),
               "unreadable": QT_TRANSLATE_NOOP("VerifyTableModel", "无法读取"),
               "unlisted": QT_TRANSLATE_NOOP("VerifyTableModel", "清单外新增")}
# (strong text colour, light row tint): green agrees, red disagrees, amber needs a look
GREEN, RED, AMBER = ("#1b7f2a", "#e6f6e8"), ("#b3141b", "#fde2e2"), ("#9a5b00", "#fff1d6")
STATUS_COLOURS = {"match": GREEN, "mismatch": RED, "missing": AMBER, "unreadable": AMBER, "unlisted": AMBER}
STATUS_MARK = {"match": "✓", "mismatch": "✗"}
PAGE = 256  # rows read at once as the view asks for them
PAGES_KEPT = 16
COUNTS_SQL = "SELECT status, COUNT(*) FROM verification GROUP BY status"
EMPTY = (None,) * len(FIELDS)
ALGORITHM_NAMES = {"md5": "MD5", "sha1": "SHA-1", "sha256": "SHA-256", "sha512": "SHA-512", "sm3": "SM3"}

PathRole = Qt.ItemDataRole.UserRole + 1
StatusRole = Qt.ItemDataRole.UserRole + 2
RecordRole = Qt.ItemDataRole.UserRole + 3
DISPLAY, TOOLTIP, FONT = (int(r.value) for r in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                                                 Qt.ItemDataRole.FontRole))
BACKGROUND, FOREGROUND = int(Qt.ItemDataRole.BackgroundRole.value), int(Qt.ItemDataRole.ForegroundRole.value)
PATH_ROLE, STATUS_ROLE, RECORD_ROLE = (int(getattr(r, "value", r)) for r in (PathRole, StatusRole, RecordRole))
_BRUSHES: dict[tuple[str, int], QBrush] = {}


def _brush(status, which: int):
    """The strong (0) or light (1) brush of a status, made once; None for a status without colours."""
    colours = STATUS_COLOURS.get(status or "")
    if colours is None:
        return None
    brush = _BRUSHES.get((status, which))
    if brush is None:
        brush = _BRUSHES[(status, which)] = QBrush(QColor(colours[which]))
    return brush


def status_text(status: str | None) -> str:
    """'一致' for 'match' and so on; an unknown status shows as it is."""
    text = STATUS_TEXT.get(status or "")
    return QCoreApplication.translate(CONTEXT, text) if text else str(status or "")


def status_colour(status: str | None) -> tuple[str, str] | None:
    return STATUS_COLOURS.get(status or "")


class VerifyTableModel(QAbstractTableModel):
    """Records of the store's verification table; set_filter(status, item) and sort re-query in SQL. Only the
    ids of the rows shown are held (8 bytes a row), their fields read a page at a time: 200k rows held whole
    were ~100 MB on the GUI thread. follow_run(conn) shows a verify's rows as it makes them (in the order made)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._conn = None
        self._status: str | None = None
        self._item: str | None = None
        self._order = "item, path, algorithm"
        self._ids = array("q")
        self._pages: OrderedDict[int, list[tuple]] = OrderedDict()
        self._counts: dict[str, int] | None = None  # until the store's verification records change
        self._live = False  # the rows of a verify still running, from its scratch file
        self._seen = 0  # of those, the last id read
        self._pending = array("q")  # and the ids read but not shown yet
        self._mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)  # digests read column by column
        self._bold = QFont()
        self._bold.setBold(True)

    def set_store(self, store) -> None:
        self._conn = store.db.conn if store is not None else None
        self._live = False
        self._counts = None
        self.requery()

    def follow_run(self, conn) -> None:
        """Show the rows a running verify writes into its scratch file (a connection to it), as rows_made() finds
        them: in the order made, the filter kept; an order chosen meanwhile applies once the run is saved."""
        self._conn, self._live = conn, True
        self.requery()

    def rows_made(self, show: bool = True) -> None:
        """Read the rows the running verify has written since the last look: all are counted; the new ones of the
        filter are shown now, or with show=False kept until the view asks for them (fetchMore, as it scrolls to
        the end): each insertion repaints the whole table on the GUI thread, rows out of sight or not."""
        if not self._live or self._conn is None:
            return
        self._pending.extend(self._new_rows())
        if show:
            self.show_pending()

    def show_pending(self, limit: int | None = None) -> None:
        """The rows read and not shown yet (or the first limit of them), into the table in one insertion."""
        if not self._pending:
            return
        cut = len(self._pending) if limit is None else limit
        new, self._pending = self._pending[:cut], self._pending[cut:]
        self._pages.pop((len(self._ids) - 1) // PAGE, None)  # a page cut short by the end of the rows so far
        self.beginInsertRows(QModelIndex(), len(self._ids), len(self._ids) + len(new) - 1)
        self._ids.extend(new)
        self.endInsertRows()

    def _new_rows(self) -> array:
        """The ids of the filter's rows written since the last look, all of them counted, in SQLite's own loops:
        a Python loop over each new row took 30-130 ms of the GUI thread a look."""
        top = self._conn.execute("SELECT MAX(id) FROM verification").fetchone()[0] or 0
        if top <= self._seen:
            return array("q")
        span, counts, added = (self._seen, top), self._counts, 0
        for status, number in self._conn.execute(
                "SELECT status, COUNT(*) FROM verification WHERE id > ? AND id <= ? GROUP BY status", span):
            counts[status] = counts.get(status, 0) + number
            added += number
        self._seen = top
        if self._status is None and self._item is None and added == top - span[0]:
            return array("q", range(span[0] + 1, top + 1))  # every id of the span, one after the other
        where, params = self._where("id > ? AND id <= ?")
        return array("q", (r[0] for r in self._conn.execute(f"SELECT id FROM verification{where} ORDER BY id",
                                                             (*span, *params))))

    def set_filter(self, status: str | None = None, item: str | None = None) -> None:
        """Only rows of this status and/or this item (None: all)."""
        self._status, self._item = status or None, item or None
        self.requery()

    def _where(self, *more: str) -> tuple[str, list]:
        clauses, params = list(more), []
        if self._status:
            clauses.append("status = ?")
            params.append(self._status)
        if self._item:
            clauses.append("item = ?")
            params.append(self._item)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def query(self) -> tuple[str, tuple]:
        """The SQL and parameters of the ids of the rows shown now from the store (filter and order)."""
        where, params = self._where()
        return f"SELECT id FROM verification{where} ORDER BY {self._order}, id", tuple(params)


    def show(self, store, ids, counts: dict[str, int]) -> None:
        """Rows of store fetched elsewhere by fetch(query()) for the filter shown now."""
        self.beginResetModel()
        self._conn, self._live = store.db.conn, False
        self._ids, self._counts = array("q", ids), counts
        self._pages.clear()
        self.endResetModel()

    def requery(self) -> None:
        self.beginResetModel()
        self._ids = array("q")
        self._pages.clear()
        if self._live:
            self._seen, self._counts, self._pending = 0, {}, array("q")
            self._ids = self._new_rows()
        elif self._conn is not None:
            self._ids = array("q", (row[0] for row in self._conn.execute(*self.query())))
        self.endResetModel()

    def counts(self) -> dict[str, int]:
        """status -> rows in the store (ignoring the filter), for the summary line; of a run: its rows so far."""
        if self._conn is None:
            return {}
        if self._counts is None:
            self._counts = dict(self._conn.execute(COUNTS_SQL).fetchall())
        return self._counts

    def live(self) -> bool:
        return self._live

    def items(self) -> list[str]:
        if self._conn is None:
            return []
        rows = self._conn.execute("SELECT DISTINCT item FROM verification WHERE item IS NOT NULL ORDER BY item")
        return [r[0] for r in rows.fetchall()]

    def total_count(self) -> int:
        """The rows of the filter: of a run, those shown and those read but waiting to be shown."""
        return len(self._ids) + len(self._pending)

    def _row(self, row: int) -> tuple:
        """The fields of a row, its page read from the store when not cached (a few pages are kept)."""
        number = row // PAGE
        page = self._pages.get(number)
        if page is None:
            ids = self._ids[number * PAGE:(number + 1) * PAGE]
            found = {}
            for start in range(0, len(ids), 500):  # SQLite's variables per statement, kept well below its limit
                part = ids[start:start + 500]
                sql = f"SELECT {', '.join(FIELDS)} FROM verification WHERE id IN ({', '.join('?' * len(part))})"
                found.update((values[-1], values) for values in self._conn.execute(sql, tuple(part)))
            page = []
            for i in ids:
                rec = found.get(i) or EMPTY  # a row gone meanwhile shows empty
                page.append((rec, tuple(self._text(rec, column) for column in range(len(HEADERS)))))
            self._pages[number] = page
            while len(self._pages) > PAGES_KEPT:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page[row - number * PAGE]

    def record(self, row: int) -> dict:
        return dict(zip(FIELDS, self._row(row)[0]))

    def row_of_path(self, path: str) -> int:
        if self._conn is None:
            return -1
        wanted = {i for (i,) in self._conn.execute("SELECT id FROM verification WHERE path = ?", (path,))}
        if wanted:
            for row, row_id in enumerate(self._ids):
                if row_id in wanted:
                    return row
        return -1

    # --- Qt model API ------------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        """Rows of a running verify read and kept back (their fields are read by page in any case)."""
        return not parent.isValid() and bool(self._pending)

    def fetchMore(self, parent=QModelIndex()) -> None:
        """The rows kept back, as the view reaches its end (one insertion, however many)."""
        if not parent.isValid():
            self.show_pending()

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < len(HEADERS):
                return QCoreApplication.translate(CONTEXT, HEADERS[section])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        """Each cell painted is one call from C++ into Python, a dozen roles a cell: plain ints compared, texts
        made once a page, brushes once a status: painting is the GUI thread's main cost while rows arrive."""
        row = index.row()
        if row < 0 or row >= len(self._ids):
            return None
        rec, texts = self._row(row)
        role, column, status = int(role), index.column(), rec[0]
        if role == DISPLAY or role == TOOLTIP:
            return texts[column]
        if role == BACKGROUND:
            return _brush(status, 1)
        if role == FOREGROUND:
            return _brush(status, 0) if column == COL_STATUS else None
        if role == FONT:
            if column == COL_STATUS and status != "match":
                return self._bold
            return self._mono if column in (COL_RECORDED, COL_COMPUTED) else None
        if role == PATH_ROLE:
            return rec[2]
        if role == STATUS_ROLE:
            return status
        if role == RECORD_ROLE:
            return dict(zip(FIELDS, rec))
        return None

    def _text(self, rec: tuple, column: int) -> str:
        status, item, path, algorithm, recorded, computed, source, error, explanation = rec[:9]
        if column == COL_STATUS:
            return f"{STATUS_MARK.get(status, '!')} {status_text(status)}"
        if column == COL_NOTE:
            return "；".join(t for t in (error, explanation) if t)
        algorithm_name = ALGORITHM_NAMES.get(algorithm or "", (algorithm or "").upper())
        values = {COL_ITEM: item, COL_PATH: shown(path) if path else path, COL_ALGORITHM: algorithm_name,
                  COL_RECORDED: recorded, COL_COMPUTED: computed, COL_SOURCE: source_label(source) if source else None}
        return "" if values[column] is None else str(values[column])

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        expr = SORT_SQL.get(column)
        if expr is None:
            return
        direction = "DESC" if order == Qt.SortOrder.DescendingOrder else "ASC"
        self._order = f"{expr} {direction}"
        self.requery()
