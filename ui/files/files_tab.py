"""The 文件 tab: the file table of the open bundle, with a path filter and the count of records shown."""

import math
import time

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.common.labels import label
from models.inventory.file_flags import FLAGS
from ui.common.row_table import row_table
from ui.detail.system_viewer import SystemViewer
from ui.files.file_table_model import (
    COL_FLAGS,
    COL_FOLDER,
    COL_ITEM,
    COL_MODIFIED,
    COL_NAME,
    COL_TYPE,
    TIME_FIELDS,
    FileTableModel,
    PathRole,
)

COUNT_INTERVAL = 0.5  # seconds between two counts while a scan adds records
COLUMN_WIDTHS = (230, 72, 172, 172, 172, 172, 56, 130, 190, 240)
TIME_SAMPLE = "2026-12-31 23:59:59 +08:00"  # the widest a time in the case zone is shown
VISUAL_ORDER_AFTER_MODIFIED = (COL_TYPE, COL_ITEM)  # what a reviewer reads first stays on screen
VISUAL_ORDER_AFTER_NAME = (COL_FLAGS, COL_FOLDER)


class FilesTab(QWidget):
    """set_case(bundle, store) shows the store's records; file_selected(path) when the user picks one."""

    file_selected = Signal(str)

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.bundle = self.store = None
        self.keywords: dict = {}
        self._counted_at = -math.inf
        self.model = FileTableModel(self)
        self.model.index_needed.connect(self._build_sort_index)
        self.sort_task = None
        self.view = self._table()
        self.system_viewer = SystemViewer(context, self)
        self.system_viewer.preview_requested.connect(self.file_selected)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("按路径筛选（包含的文字）"))
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self, singleShot=True, interval=250)
        self._search_timer.timeout.connect(self._apply_filter)
        self.search.textChanged.connect(self._search_timer.start)
        self.count_label = QLabel()
        self.flag_filter = QComboBox()
        self.flag_filter.addItem(self.tr("全部文件"), None)
        self.flag_filter.addItem(self.tr("有提示的文件"), "any")
        for flag in FLAGS:
            self.flag_filter.addItem(label("flag", flag), flag)
        self.flag_filter.currentIndexChanged.connect(self._apply_filter)
        self.anomaly_task = None
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(QLabel(self.tr("提示")))
        top.addWidget(self.flag_filter)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)

    def _table(self) -> QTableView:
        view = row_table(self.model)
        view.setAlternatingRowColors(True)
        view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # scan order until a click
        view.horizontalHeader().setSortIndicatorClearable(True)
        view.setSortingEnabled(True)
        view.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate(COLUMN_WIDTHS):
            view.setColumnWidth(column, width)
        time_width = view.fontMetrics().horizontalAdvance(TIME_SAMPLE) + 20  # the offset must show, not "+0…"
        for column in TIME_FIELDS:
            view.setColumnWidth(column, max(view.columnWidth(column), time_width))
        header = view.horizontalHeader()
        for offset, column in enumerate(VISUAL_ORDER_AFTER_MODIFIED, start=1):
            header.moveSection(header.visualIndex(column), header.visualIndex(COL_MODIFIED) + offset)
        for offset, column in enumerate(VISUAL_ORDER_AFTER_NAME, start=1):  # E4 and E4B hold the same names
            header.moveSection(header.visualIndex(column), header.visualIndex(COL_NAME) + offset)
        header.setSectionsMovable(True)
        view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.model.modelReset.connect(self._update_count)
        return view

    def set_case(self, bundle, store) -> None:
        if store is not self.store:
            self.model.anomalous = frozenset()
        self.bundle, self.store = bundle, store
        self.system_viewer.set_case(bundle, store)
        self.model.set_store(store, bundle.timezone if bundle is not None else None)
        self._update_count()

    def _build_sort_index(self, column: int, order) -> None:
        """A first sort of a large inventory by this column: its index is built in a worker (progress at the
        bottom, cancellable), then the table sorts; until then it keeps its order."""
        from ui.files.file_table_model import COLUMN_KEYS

        if self.store is None or (self.sort_task is not None and self.sort_task.running):
            return
        path, key, store = self.store.path, COLUMN_KEYS[column], self.store

        def job(_progress, _cancel):
            from models.store.sort_keys import build_sort_index
            from models.store.store import open_store_file

            own = open_store_file(path)
            try:
                build_sort_index(own.db.conn, key)
            finally:
                own.close()

        def done(_result):
            if self.store is store:
                self.model.sort(column, order)

        self.sort_task = self.context.runner.run(job, label=self.tr("正在为排序建立索引"), on_done=done)

    def set_filter(self, keywords: dict) -> None:
        """Keywords of FileTableModel.set_filter (item, prefix, unlisted) from the left pane."""
        self.keywords = dict(keywords)
        self._apply_filter()

    def refresh(self) -> None:
        """The store changed a lot (a scan ended): query again, keeping the filter and the sort."""
        self.model.requery()

    def records_added(self) -> None:
        """Called while a scan runs: the new records join the end of the table (the count, a COUNT query,
        at most twice a second: the scan's writer needs the CPU)."""
        self.model.append_new()
        if time.monotonic() - self._counted_at >= COUNT_INTERVAL:
            self._update_count()

    def scan_ended(self, removed: int = 0) -> None:
        """A scan ended: the last records join the table and every shown value is read again. The view keeps
        its place unless records were removed (their rows go, so the table is queried anew)."""
        if removed:
            self.model.requery()
        else:
            self.model.append_new()
            self.model.refresh_all(self._rows_shown())
        self._update_count()

    def types_changed(self) -> None:
        self.model.refresh_column(COL_TYPE, self._rows_shown())
        self.model.refresh_column(COL_FLAGS, self._rows_shown())

    def find_anomalies(self):
        """The paths with a timestamp anomaly, found in a worker, for the 提示 column and its filter."""
        if self.store is None:
            return None
        bundle, path, store = self.bundle, self.store.path, self.store

        def job(_progress, _cancel):
            from models.inventory.file_flags import anomalous_paths
            from models.store.store import open_store_file

            own = open_store_file(path)
            try:
                return anomalous_paths(bundle, own)
            finally:
                own.close()

        def done(paths):
            if self.store is store:
                self.model.set_anomalous(paths)
                if self.flag_filter.currentData() in ("any", "anomaly"):
                    self._apply_filter()

        self.anomaly_task = self.context.runner.run(job, label="", on_done=done)
        return self.anomaly_task

    def _rows_shown(self) -> tuple[int, int]:
        """(first, last) row on screen, a row or two more at the bottom (the view's height, not its viewport's:
        a first viewport() call costs ~20 ms in PySide6)."""
        first = max(self.view.rowAt(0), 0)
        last = self.view.rowAt(self.view.height())
        return first, (last if last >= 0 else self.model.rowCount() - 1)

    def select_path(self, path: str) -> bool:
        row = self.model.row_of_path(path)
        if row >= 0:
            self.view.selectRow(row)
            self.view.scrollTo(self.model.index(row, COL_NAME))
        return row >= 0

    def _apply_filter(self) -> None:
        keywords = dict(self.keywords)
        text = self.search.text().strip()
        if text:
            keywords["text"] = text
        if self.flag_filter.currentData():
            keywords["flag"] = self.flag_filter.currentData()
        self.model.set_filter(**keywords)

    def _update_count(self) -> None:
        self._counted_at = time.monotonic()
        if self.store is None:
            self.count_label.setText("")
            return
        self.count_label.setText(self.tr("共 %1 个条目").replace("%1", f"{self.model.total_count():,}"))

    def file_menu(self, path: str) -> QMenu:
        """The row's context menu: the built-in preview, or a read-only copy opened by the system's program."""
        menu = QMenu(self)
        menu.addAction(self.tr("在预览中查看"), lambda: self.file_selected.emit(path))
        menu.addAction(self.tr("用系统程序打开（只读副本）"), lambda: self.system_viewer.open(path))
        return menu

    def _context_menu(self, pos) -> None:
        index = self.view.indexAt(pos)
        path = index.data(PathRole) if index.isValid() else None
        if path:
            menu = self.file_menu(path)
            menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            menu.popup(self.view.viewport().mapToGlobal(pos))

    def _current_changed(self, current, _previous) -> None:
        path = current.data(PathRole) if current.isValid() else None
        if path:
            self.file_selected.emit(path)
