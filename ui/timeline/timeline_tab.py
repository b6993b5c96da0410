"""The 时间线 tab: every time of the case in one table with a density strip above it and the anomalies beside it."""

import gc
from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.common.timeutil import dt_to_ns, ns_to_dt, zone
from models.timeline.timeline_store import histogram
from ui.common.collector import hold_collection, release_collection
from ui.common.row_table import row_table
from ui.timeline.density_strip import DensityStrip
from ui.timeline.timeline_anomalies import AnomalyListModel, anomaly_field, anomaly_marks, anomaly_ns, anomaly_text
from ui.timeline.timeline_anomalies import NsRole as AnomalyNsRole
from ui.timeline.timeline_anomalies import PathRole as AnomalyPathRole
from ui.timeline.timeline_jobs import (
    ANOMALIES_KEPT,
    Waiting,
    build_order,
    load_anomalies,
    load_timeline,
    store_reader,
    timeline_stats,
)
from ui.timeline.timeline_model import (
    COL_ITEM,
    COL_KIND,
    COL_SOURCE,
    COL_TYPE,
    NsRole,
    PathRole,
    TimelineTableModel,
    kind_text,
    source_text,
)

COLUMN_WIDTHS = (230, 110, 76, 56, 300, 90)
QT_FORMAT = "yyyy-MM-dd HH:mm:ss"


ANOMALIES_AFTER_MS = 150
SYNC_BELOW = 20_000  # times under which counts and the histogram are read on the GUI thread (a few ms)
STATS_AFTER_MS = 60  # a new filter's rows are painted before its count's worker takes a core


class TimelineTab(QWidget):
    """set_case(bundle, store) loads the times in a worker; file_selected(path) when a row or anomaly is picked."""

    file_selected = Signal(str)
    rows_shown = Signal(int)  # the first rows of a load are shown: how many times there are
    loaded = Signal(int)  # after a load (rows and anomalies): how many times there are (-1: the load failed)

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.bundle = self.store = None
        self.handle = None
        self._stale = False  # a case waits for the tab to be shown
        self.anomalies: list = []
        self.anomaly_count = 0  # all of them; self.anomalies holds the first ANOMALIES_KEPT of each kind
        self.marks: list[int] = []
        self.stats_handle = None
        self._stats_generation = 0
        self._stats_query = None  # (generation, where, params, bins) the count's worker will be given
        self._stats_timer = QTimer(self, singleShot=True, interval=STATS_AFTER_MS)
        self._stats_timer.timeout.connect(self._start_stats)
        self.sort_handle = None  # the worker making an order table the table waits for
        self.pick_pending = False  # an anomaly picked, its row being found
        self._pick = self._sort_token = None
        self._sort_pending = (0, Qt.SortOrder.AscendingOrder)  # (column, order) the order table being made is for
        self._count_text = ""  # what the count label says when no sort is being made
        self._load = None  # the token of the load under way or shown
        self.model = TimelineTableModel(self)
        self.model.order_needed.connect(self._make_order)
        self.strip = DensityStrip()
        self.strip.window_picked.connect(self.set_window)
        self.view = self._table()
        self.anomaly_model = AnomalyListModel(self)
        self.anomaly_list = QListView()
        self.anomaly_list.setModel(self.anomaly_model)
        self.anomaly_list.setUniformItemSizes(True)  # no measuring of every row: 30k anomalies are common
        self.anomaly_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.anomaly_list.selectionModel().currentChanged.connect(self._anomaly_picked)
        self.count_label = QLabel()
        self._filter_timer = QTimer(self, singleShot=True, interval=200)
        self._filter_timer.timeout.connect(self.apply_filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(self._filter_row())
        layout.addWidget(self.strip)
        layout.addWidget(self._body(), 1)

    # --- building ----------------------------------------------------------------------------------
    def _filter_row(self) -> QVBoxLayout:
        self.from_box, self.from_edit = QCheckBox(self.tr("从")), self._time_edit()
        self.to_box, self.to_edit = QCheckBox(self.tr("到")), self._time_edit()
        self.item_combo, self.kind_combo = QComboBox(), QComboBox()
        self.source_combo, self.type_combo = QComboBox(), QComboBox()
        self.text_edit = QLineEdit()
        self.text_edit.setPlaceholderText(self.tr("路径包含"))
        self.text_edit.setClearButtonEnabled(True)
        reset = QPushButton(self.tr("清除筛选"))
        reset.clicked.connect(self.clear_filter)
        # two lines: on one the filters asked ~870 px of a 1366 px laptop screen's middle column
        row = QVBoxLayout()
        for widgets in ((self.from_box, self.from_edit, self.to_box, self.to_edit, self.text_edit, reset),
                        (self.item_combo, self.kind_combo, self.source_combo, self.type_combo, self.count_label)):
            line = QHBoxLayout()
            for widget in widgets:
                line.addWidget(widget)
            line.addStretch(0)
            row.addLayout(line)
        for combo in (self.item_combo, self.kind_combo, self.source_combo, self.type_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
        for box in (self.from_box, self.to_box):
            box.toggled.connect(self._filter_timer.start)
        for combo in (self.item_combo, self.kind_combo, self.source_combo, self.type_combo):
            combo.currentIndexChanged.connect(self._filter_timer.start)
        self.text_edit.textChanged.connect(self._filter_timer.start)
        return row

    def _time_edit(self) -> QDateTimeEdit:
        edit = QDateTimeEdit()
        edit.setDisplayFormat(QT_FORMAT)
        edit.setCalendarPopup(True)
        edit.dateTimeChanged.connect(self._filter_timer.start)
        return edit

    def _body(self) -> QSplitter:
        side = QWidget()
        column = QVBoxLayout(side)
        column.setContentsMargins(0, 0, 0, 0)
        self.anomaly_title = QLabel(self.tr("时间异常"))
        column.addWidget(self.anomaly_title)
        column.addWidget(self.anomaly_list, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(side)
        splitter.setSizes([500, 140])
        return splitter

    def _table(self) -> QTableView:
        view = row_table(self.model)
        view.setSortingEnabled(True)
        view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        view.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate(COLUMN_WIDTHS):
            view.setColumnWidth(column, width)
        view.selectionModel().currentRowChanged.connect(self._current_changed)
        view.horizontalHeader().sortIndicatorChanged.connect(self._sort_asked)
        return view

    # --- the case ----------------------------------------------------------------------------------
    def set_case(self, bundle, store) -> None:
        """Build or check the store's timeline in a worker, then page it (bundle None clears). While the tab is
        hidden the load waits for it to be shown: the window sets the case after the scan and again after the
        types, and the build, the first fetch and the anomalies of 30k files competed with the typing pass for
        the GUI thread (stalls of 69-174 ms) for a tab nobody was looking at."""
        for handle in (self.handle, self.stats_handle, self.sort_handle):
            if handle is not None:
                handle.cancel()
        self.handle = self.stats_handle = self.sort_handle = None
        self._pick, self.pick_pending, self._sort_token = None, False, None
        self.bundle, self.store = bundle, store
        self._load = None
        self.show_records([], [])
        self._stale = bundle is not None and store is not None and not self.isVisible()
        if bundle is None or store is None or self._stale:
            return
        self._say_count(self.tr("正在读取时间…"))
        token = self._load = object()  # this load: a cancelled one (same bundle, after the types) answers too
        hold_collection()  # the load makes 100k+ records: no collection over them (and the rest) in the worker
        self.handle = self.context.runner.run(
            load_timeline(bundle, store.path), label="",  # quiet: count_label says it
            on_done=lambda result, t=token: self._rows_ready(t, result),
            on_error=lambda exc, t=token: self._released(self._failed, t, exc))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.set_case(self.bundle, self.store)

    def _released(self, slot, bundle, value) -> None:
        """The runner answers every run once: the collector is released here, whatever the outcome."""
        try:
            slot(bundle, value)
        finally:
            release_collection()
            if gc.isenabled():
                # the times and anomalies stay as long as the case: out of the collector's reach from now on. A
                # full collection, triggered by whichever thread allocates, went over them and all from the
                # start-up each time (60-115 ms with 30k files), and every thread, this one included, waited.
                gc.freeze()

    def _rows_ready(self, token, info) -> None:
        """The table is there: page it, then read the anomalies (the collector stays held until they are in)."""
        if token is not self._load:
            release_collection()
            return
        self.handle = None
        self.show_table(info, [], None, 0)
        self.anomaly_title.setText(self.tr("时间异常（正在查找…）"))
        self.rows_shown.emit(self.model.all_count())
        # the first rows are painted before the anomalies' worker competes with the paint for the interpreter
        QTimer.singleShot(ANOMALIES_AFTER_MS, lambda t=token: self._find_anomalies(t))

    def _find_anomalies(self, token) -> None:
        if token is not self._load or self.handle is not None:
            release_collection()  # another case (or load) took over: this load's hold ends here
            return
        self.handle = self.context.runner.run(
            load_anomalies(self.bundle, self.store.path), label="",
            on_done=lambda result, t=token: self._released(self._loaded, t, result),
            on_error=lambda exc, t=token: self._released(self._failed, t, exc))

    def _loaded(self, token, result) -> None:
        if token is not self._load:
            return
        self.handle = None
        anomalies, count, marked, lines = result
        self._set_anomalies(anomalies, marked, count, lines)
        self.strip.set_marks(self.marks)
        self.loaded.emit(self.model.all_count())

    def _failed(self, token, exc) -> None:
        if token is self._load:
            self.handle = None
            self._say_count(self.tr("时间线读取失败：%1").replace("%1", str(exc)))
            self.loaded.emit(-1)

    def show_records(self, records, anomalies, prepared: bool = False, marked=None) -> None:
        """Show a list of timeline records (a small case, tests) and anomalies: put in an in-memory table of
        the same shape; prepared: made by timeline_model.prepare in a worker."""
        tz_name = self.bundle.timezone if self.bundle is not None else None
        self.model.set_records(records, tz_name, prepared, fetch=False)
        self._show_sort()  # an order table's order is not this list's
        self._show(None, anomalies, marked, len(anomalies))

    def show_table(self, info: dict, anomalies, marked=None, anomaly_count: int | None = None) -> None:
        """Page the store's timeline table (built by load_timeline's worker, with info: all_count, span,
        values)."""
        reader = store_reader(self.context.runner, self.store.path) if info["all_count"] >= SYNC_BELOW else None
        self.model.set_source(self.store.db.conn, self.bundle.timezone, info["all_count"], fetch=False, reader=reader)
        self._show_sort()
        self._show(info, anomalies, marked, len(anomalies) if anomaly_count is None else anomaly_count)

    def _set_anomalies(self, anomalies, marked, anomaly_count: int, lines: list[str] | None = None) -> None:
        self.anomalies = list(anomalies)
        self.anomaly_count = max(anomaly_count, len(self.anomalies))
        by_key, self.marks = marked or anomaly_marks(self.anomalies)
        self.model.set_anomalies(by_key)
        self._fill_anomaly_list(lines)

    def _show(self, info, anomalies, marked, anomaly_count: int) -> None:
        self._set_anomalies(anomalies, marked, anomaly_count)
        self._fill_combos(info["values"] if info else None)
        self._reset_time_edits(info["span"] if info else self.model.time_span())
        self.apply_filter()

    def _fill_anomaly_list(self, lines: list[str] | None = None) -> None:
        self.anomaly_model.set_anomalies(self.anomalies, anomaly_text, anomaly_ns,
                                         lambda a: anomaly_field(a, "path"), lines)
        # a line of the copy's marks stands for many: count them, so that the kept and the found compare
        copies = sum((anomaly_field(a, "facts") or {}).get("count", 0) for a in self.anomalies
                     if anomaly_field(a, "kind") == "copy_explained")
        groups = sum(1 for a in self.anomalies if anomaly_field(a, "kind") == "copy_explained")
        kept = len(self.anomalies) - groups + copies
        if self.anomaly_count > kept:
            title = self.tr("时间异常（%1，每类列出前 %2 条）").replace(
                "%1", f"{self.anomaly_count:,}").replace("%2", f"{ANOMALIES_KEPT:,}")
        else:
            title = self.tr("时间异常（%1）").replace("%1", f"{kept:,}")
        if groups:
            title += self.tr("：需人工判断的 %1 条在前，复制件所致的 %2 条合并为 %3 行").replace(
                "%1", f"{len(self.anomalies) - groups:,}").replace("%2", f"{copies:,}").replace("%3", str(groups))
        self.anomaly_title.setText(title)

    def _fill_combos(self, values: dict | None = None) -> None:
        spec = ((self.item_combo, COL_ITEM, "item", self.tr("全部证据项"), str),
                (self.kind_combo, COL_KIND, "kind", self.tr("全部时间种类"), kind_text),
                (self.source_combo, COL_SOURCE, "source", self.tr("全部来源"), source_text),
                (self.type_combo, COL_TYPE, "type", self.tr("全部类型"), str))
        for combo, column, key, everything, label in spec:
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, None)
            for value in (values[key] if values is not None else self.model.values(column)):
                combo.addItem(label(value), value)
            combo.blockSignals(False)

    def _reset_time_edits(self, span) -> None:
        for box, edit, ns in ((self.from_box, self.from_edit, span[0] if span else None),
                              (self.to_box, self.to_edit, span[1] + 1_000_000_000 if span else None)):
            box.blockSignals(True)
            box.setChecked(False)
            box.blockSignals(False)
            if ns is not None:
                edit.blockSignals(True)
                edit.setDateTime(self._to_qt(ns))
                edit.blockSignals(False)

    # --- filtering ---------------------------------------------------------------------------------
    def _tz(self):
        return zone(self.bundle.timezone if self.bundle is not None else None)

    def _to_qt(self, ns: int) -> QDateTime:
        """The wall time in the case zone, whole seconds (no strftime/strptime: with PySide6's import hook a
        strptime took ~1.5 ms, the two of a filter ~3.5 ms of the GUI thread)."""
        local = ns_to_dt(ns).astimezone(self._tz())
        return QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute, local.second))

    def _from_qt(self, value: QDateTime) -> int:
        day, clock = value.date(), value.time()
        local = datetime(day.year(), day.month(), day.day(), clock.hour(), clock.minute(), clock.second(),
                         tzinfo=self._tz())
        return dt_to_ns(local)

    def apply_filter(self) -> None:
        self._filter_timer.stop()  # applied now: a change that started it is in
        self.model.set_filter(
            start_ns=self._from_qt(self.from_edit.dateTime()) if self.from_box.isChecked() else None,
            end_ns=self._from_qt(self.to_edit.dateTime()) if self.to_box.isChecked() else None,
            item=self.item_combo.currentData(), kind=self.kind_combo.currentData(),
            source=self.source_combo.currentData(), file_type=self.type_combo.currentData(),
            text=self.text_edit.text().strip())
        self._update_stats()

    def _update_stats(self) -> None:
        """The count and the density strip of the filter shown: read here on small timelines, in a worker on
        large ones (a COUNT and a GROUP BY over millions of times take seconds)."""
        self._stats_generation += 1
        if self.stats_handle is not None:
            self.stats_handle.cancel()
            self.stats_handle = None
        where, params = self.model.current_filter()
        bins = self.strip.bin_count()
        conn = self.model.connection()
        if conn is None or self.model.all_count() < SYNC_BELOW or self.store is None or conn is not self.store.db.conn:
            total = self.model.total_count()
            self._show_stats(total, histogram(conn, where, params, bins) if conn is not None else None)
            return
        self._say_count(self.tr("正在计数… / %1 个时间").replace("%1", f"{self.model.all_count():,}"))
        # started after the rows are painted: beside a COUNT taking a core (and a second worker reading the
        # next rows) the first paint of a load had ~25 ms of CPU and took 40-50 ms on two cores
        self._stats_query = (self._stats_generation, where, params, bins)
        self.stats_handle = Waiting(self._stats_timer)

    def _start_stats(self) -> None:
        generation, where, params, bins = self._stats_query
        if generation != self._stats_generation or self.store is None:
            return
        self.stats_handle = self.context.runner.run(
            timeline_stats(self.store.path, where, params, bins), label="",
            on_done=lambda result, g=generation: self._stats_done(g, result),
            on_error=lambda exc, g=generation: self._stats_done(g, None))

    def _stats_done(self, generation: int, result) -> None:
        if generation != self._stats_generation:
            return  # a later filter asked again
        self.stats_handle = None
        if result is None:
            self._say_count(self.tr("计数失败"))
            return
        self._show_stats(*result)

    def _show_stats(self, total: int, found) -> None:
        tz_name = self.bundle.timezone if self.bundle else None
        self.strip.set_histogram(found, total, tz_name, self.marks)
        self._say_count(self.tr("%1 / %2 个时间").replace("%1", f"{total:,}").replace(
            "%2", f"{self.model.all_count():,}"))

    def set_window(self, start_ns: int, end_ns: int) -> None:
        """Restrict to [start_ns, end_ns) (a drag on the density strip)."""
        for box, edit, ns in ((self.from_box, self.from_edit, start_ns), (self.to_box, self.to_edit, end_ns)):
            for widget in (box, edit):
                widget.blockSignals(True)
            edit.setDateTime(self._to_qt(ns))
            box.setChecked(True)
            for widget in (box, edit):
                widget.blockSignals(False)
        self.apply_filter()

    def clear_filter(self) -> None:
        for combo in (self.item_combo, self.kind_combo, self.source_combo, self.type_combo):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.text_edit.blockSignals(True)
        self.text_edit.clear()
        self.text_edit.blockSignals(False)
        self._reset_time_edits(self.model.time_span())
        self.apply_filter()

    # --- picking -----------------------------------------------------------------------------------
    def _current_changed(self, current, _previous) -> None:
        path = current.data(PathRole) if current.isValid() else None
        if path:
            self.file_selected.emit(path)

    def _anomaly_picked(self, index, _previous) -> None:
        """Select the row of the anomaly's time (else of its file's first time; else name the file). On a large
        timeline the row is found in a worker (TimelineTableModel.locate)."""
        if not index.isValid():
            return
        path, ns = index.data(AnomalyPathRole), index.data(AnomalyNsRole)
        if not path:
            return
        token = self._pick = object()
        self.pick_pending = True

        def found(row: int, exact: bool = ns is not None) -> None:
            if token is not self._pick:
                return  # another pick since
            if row < 0 and exact:
                self.model.locate(path, None, lambda r: found(r, False))
                return
            self.pick_pending = False
            if row >= 0:
                self.view.selectRow(row)
                self.view.scrollTo(self.model.index(row, 0))
            else:
                self.file_selected.emit(path)

        self.model.locate(path, ns, found)

    # --- sorting -----------------------------------------------------------------------------------
    def _make_order(self, column: int, order) -> None:
        """A first sort of a large timeline by this column: its order table is made in a worker (progress at the
        bottom of the window and in the count label, cancellable), then the table sorts; until then it keeps its
        order. Asked again for the same column (the other direction) the table under way serves."""
        from ui.timeline.timeline_model import COLUMN_KEYS, HEADERS

        if self.sort_handle is not None and self._sort_pending[0] == column:
            self._sort_pending = (column, order)
            return
        if self.sort_handle is not None:
            self.sort_handle.cancel()
        if self.store is None:
            return
        store, token = self.store, object()
        self._sort_token, self._sort_pending = token, (column, order)
        name = self.model.headerData(column, Qt.Orientation.Horizontal) or HEADERS[column]
        self.count_label.setText(self.tr("正在按“%1”排序…").replace("%1", name))

        def progress(done, total, _bytes=0, _total_bytes=None):
            if token is self._sort_token and total:
                self.count_label.setText(self.tr("正在按“%1”排序… %2%").replace("%1", name).replace(
                    "%2", str(min(99, 100 * done // total))))

        def done(_result):
            if token is self._sort_token and self.store is store:
                self.sort_handle = None
                self.model.sort(*self._sort_pending)
                self._show_sort()
                self.count_label.setText(self._count_text)

        def failed(exc):
            if token is self._sort_token:
                self.sort_handle = None
                self._show_sort()
                self.count_label.setText(self._count_text)
                if not isinstance(exc, InterruptedError):
                    self.count_label.setText(self.tr("排序失败：%1").replace("%1", str(exc)))

        handle = self.context.runner.run(
            build_order(store.path, COLUMN_KEYS[column]), label=self.tr("正在为时间线排序"), on_done=done,
            on_error=failed, on_progress=progress)
        if token is self._sort_token and handle.running:  # a runner that runs it at once has answered already
            self.sort_handle = handle

    def _sort_asked(self, column: int, order) -> None:
        """The header asks for another order: an order table still being made for an earlier ask is not wanted
        (a sort by time, say, is at once; the table would sort by path when done)."""
        if self.sort_handle is not None and self._sort_pending[0] != column:
            self._sort_token = None
            self.sort_handle.cancel()
            self.sort_handle = None
            self.count_label.setText(self._count_text)

    def _say_count(self, text: str) -> None:
        """The count label's text; kept while a sort being made has the label (said again when it ends)."""
        self._count_text = text
        if self.sort_handle is None:
            self.count_label.setText(text)

    def _show_sort(self) -> None:
        """The header's sort mark on the order the rows are in (a sort still waiting, or undone, is not)."""
        column, order = self.model.sort_state()
        header = self.view.horizontalHeader()
        if (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (column, order):
            return  # as it is (a load): setting it again laid the header out anew, ~17 ms
        header.blockSignals(True)
        header.setSortIndicator(column, order)
        header.blockSignals(False)
        header.viewport().update()

    def selected_ns(self) -> int | None:
        index = self.view.currentIndex()
        return index.data(NsRole) if index.isValid() else None
