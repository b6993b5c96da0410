"""The verification results table: one row per recorded digest (and per unlisted file), read from the store."""

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
BATCH = 2000
COUNTS_SQL = "SELECT status, COUNT(*) FROM verification GROUP BY status"
ALGORITHM_NAMES = {"md5": "MD5", "sha1": "SHA-1", "sha256": "SHA-256", "sha512": "SHA-512", "sm3": "SM3"}

PathRole = Qt.ItemDataRole.UserRole + 1
StatusRole = Qt.ItemDataRole.UserRole + 2
RecordRole = Qt.ItemDataRole.UserRole + 3


def status_text(status: str | None) -> str:
    """'一致' for 'match' and so on; an unknown status shows as it is."""
    text = STATUS_TEXT.get(status or "")
    return QCoreApplication.translate(CONTEXT, text) if text else str(status or "")


def status_colour(status: str | None) -> tuple[str, str] | None:
    return STATUS_COLOURS.get(status or "")


class VerifyTableModel(QAbstractTableModel):
    """Records of the store's verification table; set_filter(status, item) and sort re-query in SQL."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._conn = None
        self._status: str | None = None
        self._item: str | None = None
        self._order = "item, path, algorithm"
        self._records: list[tuple] = []
        self._counts: dict[str, int] | None = None  # until the store's verification records change
        self._shown = 0
        self._mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)  # digests read column by column
        self._bold = QFont()
        self._bold.setBold(True)

    def set_store(self, store) -> None:
        self._conn = store.db.conn if store is not None else None
        self._counts = None
        self.requery()

    def set_filter(self, status: str | None = None, item: str | None = None) -> None:
        """Only rows of this status and/or this item (None: all)."""
        self._status, self._item = status or None, item or None
        self.requery()

    def _where(self) -> tuple[str, list]:
        clauses, params = [], []
        if self._status:
            clauses.append("status = ?")
            params.append(self._status)
        if self._item:
            clauses.append("item = ?")
            params.append(self._item)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def query(self) -> tuple[str, tuple]:
        """The SQL and parameters of the rows shown now (filter and order)."""
        where, params = self._where()
        return f"SELECT {', '.join(FIELDS)} FROM verification{where} ORDER BY {self._order}, id", tuple(params)

    @staticmethod
    def fetch(conn, query: tuple[str, tuple]) -> tuple[list[tuple], dict[str, int]]:
        """(records, counts) of a query() on any connection to the store: a worker's, after a verify, so that
        the GUI thread does not spend a quarter of a second per 40k rows reading them."""
        return conn.execute(*query).fetchall(), dict(conn.execute(COUNTS_SQL).fetchall())

    def show(self, records: list[tuple], counts: dict[str, int]) -> None:
        """Rows fetched elsewhere by fetch(query()) for the store and filter shown now."""
        self.beginResetModel()
        self._records, self._counts = records, counts
        self._shown = min(BATCH, len(records))
        self.endResetModel()

    def requery(self) -> None:
        self.beginResetModel()
        self._records, self._shown = [], 0
        if self._conn is not None:
            self._records = self._conn.execute(*self.query()).fetchall()
            self._shown = min(BATCH, len(self._records))
        self.endResetModel()

    def counts(self) -> dict[str, int]:
        """status -> rows in the store (ignoring the filter), for the summary line."""
        if self._conn is None:
            return {}
        if self._counts is None:
            self._counts = dict(self._conn.execute(COUNTS_SQL).fetchall())
        return self._counts

    def items(self) -> list[str]:
        if self._conn is None:
            return []
        rows = self._conn.execute("SELECT DISTINCT item FROM verification WHERE item IS NOT NULL ORDER BY item")
        return [r[0] for r in rows.fetchall()]

    def total_count(self) -> int:
        return len(self._records)

    def record(self, row: int) -> dict:
        return dict(zip(FIELDS, self._records[row]))

    def row_of_path(self, path: str) -> int:
        for row, values in enumerate(self._records):
            if values[2] == path:
                while row >= self._shown and self.canFetchMore():
                    self.fetchMore()
                return row
        return -1

    # --- Qt model API ------------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and self._shown < len(self._records)

    def fetchMore(self, parent=QModelIndex()) -> None:
        if parent.isValid():
            return
        more = min(BATCH, len(self._records) - self._shown)
        if more <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + more - 1)
        self._shown += more
        self.endInsertRows()

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < len(HEADERS):
                return QCoreApplication.translate(CONTEXT, HEADERS[section])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= self._shown:
            return None
        rec = self._records[index.row()]
        status, column = rec[0], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(rec, column)
        colours = status_colour(status)
        if role == Qt.ItemDataRole.BackgroundRole and colours:
            return QBrush(QColor(colours[1]))
        if role == Qt.ItemDataRole.ForegroundRole and colours and column == COL_STATUS:
            return QBrush(QColor(colours[0]))
        if role == Qt.ItemDataRole.FontRole and column == COL_STATUS and status != "match":
            return self._bold
        if role == Qt.ItemDataRole.FontRole and column in (COL_RECORDED, COL_COMPUTED):
            return self._mono
        if role == PathRole:
            return rec[2]
        if role == StatusRole:
            return status
        if role == RecordRole:
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
