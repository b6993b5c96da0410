"""The file table: a model paging records from the store (fetchMore), sorted by SQL, never a copy of the inventory.

The model keeps only the ordered row ids it has fetched (8 bytes a row) and a small cache of record pages.
Sorting re-queries with ORDER BY and keyset paging, so a million records never pass through Python at once.
"""

from array import array
from collections import OrderedDict

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from models.bundle.names import shown
from models.common.labels import label
from models.common.timeutil import format_local, format_utc
from models.inventory.file_flags import flags_of
from models.store.page_rows import rows_by_id
from models.store.sort_keys import INDEX_FROM, SORT_KEYS, UNIQUE_KEYS, has_sort_index
from ui.common.paged_model import reset_pages

COL_NAME, COL_SIZE, COL_MODIFIED, COL_CREATED, COL_ACCESSED, COL_CHANGED, COL_ITEM, COL_TYPE, COL_FOLDER, COL_FLAGS = \
    range(10)
HEADERS = (QT_TRANSLATE_NOOP("FileTableModel", "名称"), QT_TRANSLATE_NOOP("FileTableModel", "大小"),
           QT_TRANSLATE_NOOP("FileTableModel", "修改时间"), QT_TRANSLATE_NOOP("FileTableModel", "创建时间"),
           QT_TRANSLATE_NOOP("FileTableModel", "访问时间"), QT_TRANSLATE_NOOP("FileTableModel", "变更时间"),
           QT_TRANSLATE_NOOP("FileTableModel", "证据项"), QT_TRANSLATE_NOOP("FileTableModel", "类型"),
           QT_TRANSLATE_NOOP("FileTableModel", "所在文件夹"), QT_TRANSLATE_NOOP("FileTableModel", "提示"))
TIME_FIELDS = {COL_MODIFIED: "modified_ns", COL_CREATED: "created_ns", COL_ACCESSED: "accessed_ns",
               COL_CHANGED: "changed_ns"}
# the sort key of each column (models.store.sort_keys gives its SQL expression and its index)
COLUMN_KEYS = {COL_NAME: "path", COL_SIZE: "size", COL_MODIFIED: "modified", COL_CREATED: "created",
               COL_ACCESSED: "accessed", COL_CHANGED: "changed", COL_ITEM: "item", COL_TYPE: "type"}
SORT_EXPR = {column: SORT_KEYS[key] for column, key in COLUMN_KEYS.items()}
UNIQUE_EXPRS = {SORT_KEYS.get(key, key) for key in UNIQUE_KEYS}  # keyset on the expression alone (indexed)

PathRole = Qt.ItemDataRole.UserRole + 1  # bundle-relative path
RecordRole = Qt.ItemDataRole.UserRole + 2  # the record as a dict
RawValueRole = Qt.ItemDataRole.UserRole + 3  # the stored value (bytes, UTC nanoseconds, mime)
OWN_ROLES = (PathRole, RecordRole, RawValueRole)
DISPLAY = Qt.ItemDataRole.DisplayRole
# the roles a cell may answer besides its own: a view asks about nine, the rest get no value without a call
CELL_ROLES = frozenset(int(role) for role in (DISPLAY, Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.ToolTipRole,
                                              Qt.ItemDataRole.ForegroundRole))

RECORD_FIELDS = ("id", "path", "item", "listed", "kind", "size", "modified_ns", "created_ns", "accessed_ns",
                 "changed_ns", "time_source", "link_target", "deleted", "error", "mime", "type_error",
                 "extension_mismatch", "software", "role")
RECORD_SQL = tuple("json_extract(exif_json, '$.software')" if f == "software" else f for f in RECORD_FIELDS)
PAGE = 256
ABSENT = "—"  # the source does not give this time (never a fake epoch)
CACHE_PAGES = 64
REFRESH_PAGES = 4  # pages refresh_column reads again: the rows on screen are among the last used
REPAINT_CELLS = 64  # more changed rows than this: one repaint of their span instead of one per cell
FIRST_BATCH = 1000
MAX_BATCH = 100_000
CELL_CACHE = 4096  # cells whose answers are kept (a screen of the table is ~200)
FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


def _within(rows: list[int], shown: tuple[int, int] | None) -> list[int]:
    if shown is None:
        return rows
    first, last = shown
    return [row for row in rows if first <= row <= last]


def human_size(size) -> str:
    if size is None:
        return ""
    value = float(size)
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if value < 1024 or unit == "TB":
            return f"{int(value)} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return str(size)


def file_name(path: str) -> str:
    return path.rsplit("/", 1)[-1]


class FileTableModel(QAbstractTableModel):
    """Rows are file records of one store; set_filter / sort re-query; fetchMore pages in batches."""

    index_needed = Signal(int, object)  # column, order: sorting by it on this inventory wants its index first

    def __init__(self, parent=None):
        super().__init__(parent)
        self._conn = None
        self._tz = None
        self._utc = False
        self.anomalous: frozenset = frozenset()  # paths with a timestamp anomaly (set_anomalous)
        self._where, self._params = "", []
        self._order = ("id", Qt.SortOrder.AscendingOrder)
        self._ids = array("q")
        self._last_key = None
        self._exhausted = True
        self._pages: OrderedDict[int, list] = OrderedDict()
        self._batch = FIRST_BATCH
        self._busy = False
        self._cells: OrderedDict[tuple, tuple] = OrderedDict()  # (row, column) -> (its record, {role: value})

    # --- the store and the query -------------------------------------------------------------------
    def set_store(self, store, tz_name: str | None) -> None:
        """Show the records of this store (None clears); times shown in tz_name."""
        self._conn = store.db.conn if store is not None else None
        self._tz = tz_name
        self.requery()

    def set_anomalous(self, paths) -> None:
        """The paths with a timestamp anomaly (found by a worker): their rows get the flag."""
        self.anomalous = frozenset(paths or ())
        self._changed_columns([COL_FLAGS])

    def set_filter(self, item=None, prefix: str | None = None, unlisted: bool = False, text: str = "",
                   flag: str | None = None) -> None:
        """Restrict to one item, one folder (prefix), records of no item, a path substring, and/or one flag
        ('any': any flag)."""
        where, params = [], []
        if flag:
            self._flag_where(flag, where, params)
        if item is not None:
            where.append("item = ?")
            params.append(item)
        if unlisted:
            where.append("item IS NULL")
        prefix = (prefix or "").strip("/")
        if prefix and prefix != ".":
            where.append("path >= ? AND path < ?")
            params += [prefix + "/", prefix + "0"]  # '0' follows '/' in code-point order
        if text:
            escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            where.append("path LIKE ? ESCAPE '\\'")
            params.append(f"%{escaped}%")
        self._where, self._params = " AND ".join(where), params
        self.requery()

    def _flag_where(self, flag: str, where: list, params: list) -> None:
        import json

        from models.inventory.file_flags import FLAGS as ALL_FLAGS
        from models.inventory.file_flags import flag_sql

        flags = ALL_FLAGS if flag == "any" else (flag,)
        clauses = []
        for one in flags:
            clauses.append(flag_sql(one))
            if one == "anomaly":
                params.append(json.dumps(sorted(self.anomalous), ensure_ascii=False))
        where.append("(" + " OR ".join(clauses) + ")")

    def set_utc(self, utc: bool) -> None:
        self._utc = bool(utc)
        self._changed_columns(list(TIME_FIELDS))

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        """Order by a column; on a large inventory whose index for it is missing, ask for the index first
        (index_needed) and sort when it is there (FilesTab builds it in a worker)."""
        key = COLUMN_KEYS.get(column)
        if (key and self._conn is not None and not has_sort_index(self._conn, key)
                and self.total_count() >= INDEX_FROM):
            self.index_needed.emit(column, order)
            return
        self._order = (SORT_EXPR.get(column, "id"), order)
        self.requery()

    def requery(self) -> None:
        reset_pages(self, FIRST_BATCH, self._cells)
        if self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    def append_new(self) -> None:
        """Records were added to the store (a scan is running): let the next fetch find them."""
        if self._conn is not None and self._exhausted:
            self._exhausted = False
            if len(self._ids) < FIRST_BATCH:
                self.fetchMore(QModelIndex())

    def refresh_all(self, shown: tuple[int, int] | None = None) -> None:
        """Values of the fetched rows may have changed (a rescan): the pages shown last are read again and
        only rows that changed are repainted (a repaint of every column repainted the whole table, ~40 ms of
        the GUI thread as a scan ended, for rows a first scan had not changed); other pages are dropped.
        shown (first, last row on screen): only those rows are repainted (see refresh_column)."""
        changed = _within(self._reload_recent(), shown)
        last = len(HEADERS) - 1
        if len(changed) > REPAINT_CELLS:
            self.dataChanged.emit(self.index(min(changed), 0), self.index(max(changed), last))
            return
        for row in changed:
            self.dataChanged.emit(self.index(row, 0), self.index(row, last))

    def refresh_column(self, column: int, shown: tuple[int, int] | None = None) -> None:
        """Values of one column change in the store (the typing pass, once a second): the pages shown last
        are read again and only cells that changed are repainted (a repaint of every row of the column
        repainted the whole table, ~70 ms on the GUI thread); other pages are dropped, read when shown.
        shown (first, last row on screen): only changed cells among those rows are repainted, one by one. A
        view repaints its whole viewport for a span of rows (156 cells for one column against 26), and rows
        off screen are painted from the reloaded pages when they come into view."""
        changed = _within(self._reload_recent(), shown)
        if len(changed) > REPAINT_CELLS:
            self.dataChanged.emit(self.index(min(changed), column), self.index(max(changed), column))
            return
        for row in changed:  # a single cell: the view repaints that cell alone, or nothing when it is off screen
            self.dataChanged.emit(self.index(row, column), self.index(row, column))

    def _reload_recent(self) -> list[int]:
        """Read the pages used last again (the rows on screen are among them), drop the others; the rows whose
        record changed."""
        recent = list(self._pages)[-REFRESH_PAGES:]
        for number in list(self._pages)[:-REFRESH_PAGES]:
            del self._pages[number]
        return [row for number in recent for row in self._reload_page(number)]

    def _reload_page(self, number: int) -> list[int]:
        """Read a cached page again in place; the rows whose record changed. An unchanged record stays the
        object it was, so that its cells' answers (multiData) stay valid."""
        old = self._pages.pop(number)
        new = self._load_page(number)
        changed = [offset for offset, (a, b) in enumerate(zip(old, new)) if a != b]
        if len(old) == len(new):
            kept = set(changed)
            new[:] = [b if offset in kept else a for offset, (a, b) in enumerate(zip(old, new))]
        return [number * PAGE + offset for offset in changed]

    def _changed_columns(self, columns: list) -> None:
        self._pages.clear()
        if self._ids:
            for column in columns:
                self.dataChanged.emit(self.index(0, column), self.index(len(self._ids) - 1, column))

    def total_count(self) -> int:
        """How many records the current filter matches (a COUNT query)."""
        if self._conn is None:
            return 0
        sql = "SELECT COUNT(*) FROM files" + (f" WHERE {self._where}" if self._where else "")
        return self._conn.execute(sql, self._params).fetchone()[0]

    # --- paging ------------------------------------------------------------------------------------
    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent=QModelIndex()) -> None:
        if parent.isValid() or self._exhausted or self._busy:
            return
        self._busy = True  # listeners of the insert signals (Qt's model tester) may call fetchMore: not re-entrantly
        try:
            self._fetch_batch()
        finally:
            self._busy = False

    def _fetch_batch(self) -> None:
        limit = self._batch
        rows = self._next_ids(limit)
        self._batch = min(limit * 2, MAX_BATCH)  # each scroll to the bottom asks for more: fewer queries
        self._exhausted = len(rows) < limit
        if not rows:
            return
        start = len(self._ids)
        self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
        self._ids.extend(r[0] for r in rows)
        self._last_key = (rows[-1][1], rows[-1][0])
        self._pages.pop(start // PAGE, None)  # the last page was cached short
        self.endInsertRows()

    def _next_ids(self, limit: int) -> list:
        expr, order = self._order
        desc = order == Qt.SortOrder.DescendingOrder
        where, params = ([self._where] if self._where else []), list(self._params)
        if self._last_key is not None:
            op = "<" if desc else ">"
            if expr in UNIQUE_EXPRS:
                where.append(f"{expr} {op} ?")
                params.append(self._last_key[0])
            else:
                where.append(f"({expr}, id) {op} (?, ?)")
                params += list(self._last_key)
        direction = "DESC" if desc else "ASC"
        if expr == "id":  # the scan order: the ids as one text, one step (see _ids_in_one_row)
            return self._ids_in_one_row(where, params, direction, limit)
        sql = (f"SELECT id, {expr} FROM files" + (f" WHERE {' AND '.join(where)}" if where else "")
               + f" ORDER BY {expr} {direction}" + ("" if expr in UNIQUE_EXPRS else f", id {direction}")
               + " LIMIT ?")
        return self._conn.execute(sql, params + [limit]).fetchall()

    def _ids_in_one_row(self, where: list, params: list, direction: str, limit: int) -> list:
        """[(id, id)] of the next ids in id order, read as one group_concat row. Python's sqlite3 lets the GIL go
        at each row's step: while a scan's worker runs Python, a fetch of 1,000 rows took the GUI thread ~15 ms
        (1.5-10 ms against 1.4 alone in a bare test), one row 0.3 ms either way. The ids are sorted here: the
        order of group_concat is not promised."""
        sql = ("SELECT group_concat(id) FROM (SELECT id FROM files" + (f" WHERE {' AND '.join(where)}" if where else "")
               + f" ORDER BY id {direction} LIMIT ?)")
        text = self._conn.execute(sql, params + [limit]).fetchone()[0]
        ids = sorted(map(int, text.split(",")), reverse=direction == "DESC") if text else []
        return [(i, i) for i in ids]

    def record(self, row: int) -> dict | None:
        """The record shown on this row, from the page cache or one small query."""
        if not 0 <= row < len(self._ids):
            return None
        number = row // PAGE
        page = self._pages.get(number)
        if page is None:
            page = self._load_page(number)
        else:
            self._pages.move_to_end(number)
        return page[row % PAGE]

    def _load_page(self, number: int) -> list:
        ids = self._ids[number * PAGE:(number + 1) * PAGE].tolist()
        found = {r[0]: dict(zip(RECORD_FIELDS, r)) for r in rows_by_id(self._conn, "files", RECORD_SQL, ids)}
        page = [found.get(i) for i in ids]
        self._pages[number] = page
        while len(self._pages) > CACHE_PAGES:
            self._pages.popitem(last=False)
        return page

    def row_of_path(self, path: str) -> int:
        """Row of a path among the rows fetched so far, or -1 (a linear look-up: for tests and selection)."""
        found = self._conn.execute("SELECT id FROM files WHERE path = ?", [path]).fetchone() if self._conn else None
        if not found:
            return -1
        try:
            return self._ids.index(found[0])
        except ValueError:
            return -1

    # --- Qt's table interface ----------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < len(HEADERS):
                return QCoreApplication.translate("FileTableModel", HEADERS[section])
        return None

    def flags(self, index):
        # a constant: an enum's | in Python took a tenth of a repaint's Python time (asked once a cell)
        return FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.parent().isValid():
            return None
        rec = self.record(index.row())
        if rec is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(rec, column)
        if role == PathRole:
            return rec["path"]
        if role == RecordRole:
            return dict(rec)
        if role == RawValueRole:
            return self._raw(rec, column)
        return self._decoration_role(rec, column, role)

    def multiData(self, index, roles) -> None:  # noqa: N802 - Qt's name
        """Every role a view asks of a cell (about nine to paint it) in one call from C++: the record is looked
        up once, and the paint hands the GIL over once a cell instead of once a role (a repaint of the table
        took ~50 ms, longer while a scan's worker held the GIL). A cell's answers are kept while its record
        is the one cached: the next repaint of unchanged rows formats nothing again."""
        row = index.row() if index.isValid() else -1
        rec = self.record(row)
        if rec is None:
            for role_data in roles:
                role_data.clearData()
            return
        column = index.column()
        cell = self._cells.get((row, column))
        if cell is None or cell[0] is not rec:
            cell = self._cells[(row, column)] = (rec, {})
            if len(self._cells) > CELL_CACHE:
                self._cells.popitem(last=False)
        answers = cell[1]
        for role_data in roles:
            role = role_data.role()
            if role in answers:
                value = answers[role]
            elif role in OWN_ROLES:
                value = self.data(index, role)
            elif role not in CELL_ROLES:
                value = None
            else:
                value = answers[role] = (self._display(rec, column) if role == DISPLAY
                                         else self._decoration_role(rec, column, role))
            if value is None:
                role_data.clearData()  # the view reuses its role list from cell to cell
            else:
                role_data.setData(value)

    def _display(self, rec: dict, column: int):
        if column == COL_NAME:
            name = shown(file_name(rec["path"]))  # a name that is not UTF-8: decoded, its bytes in hex beside
            return f"{name} → {rec['link_target']}" if rec["kind"] == "link" else name
        if column == COL_SIZE:
            return human_size(rec["size"]) if rec["kind"] == "file" else ""
        if column in TIME_FIELDS:
            value = rec[TIME_FIELDS[column]]
            if value is None:
                return ABSENT
            return format_utc(value) if self._utc else format_local(value, self._tz)
        if column == COL_ITEM:
            return rec["item"] or ""
        if column == COL_TYPE:
            return rec["mime"] or ""
        if column == COL_FOLDER:
            return rec["path"].rpartition("/")[0]
        if column == COL_FLAGS:
            words = [label("flag", f) for f in flags_of(rec, self.anomalous)]
            if rec["role"]:  # $MBR, $FAT1, a FAT volume label: the file system's, not a user's file
                from ui.detail.image_section import role_text

                words.append(role_text(rec["role"]))
            return "、".join(words)
        return None

    @staticmethod
    def _raw(rec: dict, column: int):
        if column in TIME_FIELDS:
            return rec[TIME_FIELDS[column]]
        return {COL_NAME: rec["path"], COL_SIZE: rec["size"], COL_ITEM: rec["item"], COL_TYPE: rec["mime"]}.get(column)

    def _decoration_role(self, rec: dict, column: int, role):
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_FLAGS:
            return QBrush(QColor("#c62828" if flags_of(rec, self.anomalous) else "#616161"))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(rec, column)
        if role == Qt.ItemDataRole.ForegroundRole and (rec["error"] or rec["type_error"]):
            return QBrush(QColor("#b00020"))
        if role == Qt.ItemDataRole.ForegroundRole and rec["item"] is None and rec["path"].startswith("evidence/"):
            return QBrush(QColor("#a15c00"))  # an addition the manifest does not list (Art. 30.4)
        return None

    @staticmethod
    def _tooltip(rec: dict, column: int):
        if rec["error"]:
            return rec["error"]
        if column == COL_NAME:
            return shown(rec["path"])
        if column == COL_SIZE and rec["size"] is not None:
            return QCoreApplication.translate("FileTableModel", "%1 字节").replace("%1", f"{rec['size']:,}")
        if column in TIME_FIELDS and rec[TIME_FIELDS[column]] is not None:
            return format_utc(rec[TIME_FIELDS[column]])
        return None
