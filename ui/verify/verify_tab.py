"""The 校验 tab: recompute every recorded digest in a worker, which saves them in the store; show them."""

import sqlite3

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.common.collector import hold_collection, release_collection
from ui.common.copy_cells import install_copy
from ui.common.progress_panel import progress_text, set_bar
from ui.common.row_table import row_table
from ui.verify.verify_run import drop_now, drop_scratch, new_scratch, run_verify
from ui.verify.verify_table_model import PAGE, STATUS_COLOURS, STATUSES, PathRole, VerifyTableModel, status_text

COLUMN_WIDTHS = (96, 56, 300, 70, 170, 170, 110)
POLL_MS = 200  # how often the table looks for a running verify's new rows (and counts them)
SHOW_EVERY, SCREENFUL = 5, 60


def verify_job(bundle, item_id: str | None, scratch, store_path=None, query=None):
    """fn(progress, cancel) for the TaskRunner: ui.verify.verify_run.run_verify in a helper process (this worker
    thread only waits on its pipe) -> (count, shown); the tab reads the scratch file meanwhile."""
    def job(progress, cancel):
        from models.runtime.process_job import run_in_process

        args = (bundle, str(scratch), str(store_path) if store_path else None, [item_id] if item_id else None, query)
        return run_in_process(run_verify, args, progress, cancel, name="EvidenceDesk verify")
    return job


class VerifyTab(QWidget):
    """set_case(bundle, store); verify(item_id=None) runs a verification; file_selected(path) on a row."""

    file_selected = Signal(str)
    verify_finished = Signal(object)  # the number of results saved, or None (cancelled / failed)

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.bundle = self.store = None
        self.handle = None
        self._run = None  # (scratch file, the connection reading it) of a running verify
        self.poll = QTimer(self, interval=POLL_MS)
        self.poll.timeout.connect(self._rows_made)
        self.model = VerifyTableModel(self)
        self.scope = QComboBox()
        self.verify_button = QPushButton(self.tr("校验"))
        self.verify_button.setToolTip(self.tr("重新计算清单记录的每个完整性校验值并比对（第三十一条第（二）项）"))
        self.verify_button.clicked.connect(lambda: self.verify(self.scope.currentData()))
        self.status_filter = QComboBox()
        self.item_filter = QComboBox()
        self._fill_status_filter()
        self.status_filter.currentIndexChanged.connect(self._apply_filter)
        self.item_filter.currentIndexChanged.connect(self._apply_filter)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.view = self._table()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(self._top_row())
        layout.addWidget(self._progress_row())
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        self.set_case(None, None)

    # --- building ----------------------------------------------------------------------------------
    def _top_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        for widget in (QLabel(self.tr("校验范围")), self.scope, self.verify_button):
            row.addWidget(widget)
        row.addSpacing(24)
        for widget in (QLabel(self.tr("筛选：状态")), self.status_filter, QLabel(self.tr("证据项")), self.item_filter):
            row.addWidget(widget)
        row.addStretch(1)
        return row

    def _progress_row(self) -> QWidget:
        self.progress_box = QWidget()
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(240)
        self.bar.setTextVisible(False)
        self.progress_label = QLabel()
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.clicked.connect(self.cancel)
        row = QHBoxLayout(self.progress_box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.bar)
        row.addWidget(self.progress_label, 1)
        row.addWidget(self.cancel_button)
        self.progress_box.hide()
        return self.progress_box

    def _table(self) -> QTableView:
        view = row_table(self.model)
        view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        view.horizontalHeader().setSortIndicatorClearable(True)
        view.setSortingEnabled(True)
        view.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate(COLUMN_WIDTHS):
            view.setColumnWidth(column, width)
        view.selectionModel().currentRowChanged.connect(self._current_changed)
        view.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # a digest keeps its two ends in sight
        self.copy_action = install_copy(view)
        return view

    def _fill_status_filter(self) -> None:
        self.status_filter.addItem(self.tr("全部"), None)
        for status in STATUSES:
            self.status_filter.addItem(status_text(status), status)

    # --- the case ----------------------------------------------------------------------------------
    def set_case(self, bundle, store) -> None:
        if store is not self.store:
            self.cancel()
            self._forget_run()
        self.bundle, self.store = bundle, store
        item_ids = [item.get("id") for item in bundle.items] if bundle is not None else []
        for combo, everything in ((self.scope, self.tr("全案")), (self.item_filter, self.tr("全部"))):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, None)
            for item_id in item_ids:
                item = bundle.item(item_id) or {}
                combo.addItem(f"{item_id} {item.get('title', '')}".strip(), item_id)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)
        self.verify_button.setEnabled(bundle is not None and self.handle is None)
        self.model.set_store(store)
        self._apply_filter()

    def select_path(self, path: str) -> bool:
        row = self.model.row_of_path(path)
        if row >= 0:
            self.view.selectRow(row)
        return row >= 0

    # --- verifying ---------------------------------------------------------------------------------
    def verify(self, item_id: str | None = None):
        """Start verifying the whole case (None) or one item; returns the TaskHandle, or None when busy or when its
        scratch file cannot be made beside the store (said under the table)."""
        if self.bundle is None or self.handle is not None:
            return None
        label = self.tr("正在校验 %1").replace("%1", item_id) if item_id else self.tr("正在校验全案")
        bundle, store = self.bundle, self.store
        try:
            scratch, conn = new_scratch(store.path.parent if store is not None else None)
        except (OSError, sqlite3.Error) as exc:  # the store's folder removed, moved or read-only meanwhile
            from ui.common.store_write import write_reason

            self.progress_label.setText(self.tr("校验未能开始：%1").replace("%1", write_reason(exc)))
            self.progress_box.show()
            return None
        run = self._run = (scratch, conn)
        job = verify_job(bundle, item_id, scratch, store.path if store is not None else None, self.model.query())
        self.model.follow_run(conn)
        hold_collection()  # released first thing when the runner reports back, on the GUI thread
        try:
            self.handle = self.context.runner.run(
                job, label=label, on_progress=self._progress,
                on_done=lambda answer: (release_collection(), self._done(bundle, store, answer), self._drop(run)),
                on_error=lambda exc: (release_collection(), self._failed(bundle, store, exc), self._drop(run)))
        except BaseException:
            release_collection()
            self.model.set_store(store)
            self._drop(run)
            raise
        self._looks = 0
        self.poll.start()
        self.verify_button.setEnabled(False)
        self.bar.setRange(0, 0)
        self.progress_label.setText(label + "…")
        self.cancel_button.setEnabled(True)
        for widget in (self.progress_box, self.bar, self.cancel_button):
            widget.show()
        return self.handle

    def cancel(self) -> None:
        if self.handle is not None:
            self.handle.cancel()
            self.cancel_button.setEnabled(False)
            self.progress_label.setText(self.tr("正在取消…"))

    def _progress(self, done, total, done_bytes, total_bytes) -> None:
        if self.handle is None or self.handle.cancel_event.is_set():
            return
        set_bar(self.bar, done, total, done_bytes, total_bytes)
        self.progress_label.setText(progress_text(self.handle.label, done, total, done_bytes, total_bytes,
                                                  self.handle.elapsed))

    def _done(self, bundle, store, answer) -> None:
        """On the GUI thread: show what the worker saved (and read back) in the store."""
        count, shown = answer
        seconds = self.handle.elapsed if self.handle is not None else 0.0
        self._finish()
        if bundle is not self.bundle or store is not self.store:
            return
        if store is None:
            self.model.set_store(None)
        elif shown is not None and shown[0] == self.model.query():
            self.model.show(store, *shown[1])
        else:  # the filter or order changed meanwhile
            self.model.set_store(store)
        self._update_summary()
        self.progress_label.setText(self.tr("校验完成：%1 条结果，用时 %2 秒").replace(
            "%1", f"{count:,}").replace("%2", f"{seconds:.1f}"))
        self._show_outcome()
        self.verify_finished.emit(count)

    def _failed(self, bundle, store, exc) -> None:
        from models.runtime.jobs import Cancelled

        self._finish()
        if store is self.store:
            self.model.set_store(store)  # the rows saved before, unchanged; the run's rows go
        cancelled = isinstance(exc, Cancelled)
        if cancelled:
            text = self.tr("校验已取消，审查库中的结果未改变")
        else:
            from ui.common.errors import reason_text

            text = self.tr("校验失败：%1").replace("%1", reason_text(exc))
        self.progress_label.setText(text)
        self._show_outcome()
        self.verify_finished.emit(None)

    def _rows_made(self) -> None:
        """The running verify's new rows in its scratch file: the summary counts them every look; the table shows
        a first page, then more only as the reviewer scrolls to its end (the view's fetchMore) or sits there
        (all of them, every SHOW_EVERY looks). An insertion repaints the whole table on the GUI thread, a call into
        Python a cell and a role: under load each stood the window still 100-200 ms."""
        if self._run is not None and self.model.live():
            self._looks += 1
            self.model.rows_made(show=self._looks % SHOW_EVERY == 0 and self._end_in_sight())
            if self.model.rowCount() < SCREENFUL:
                self.model.show_pending(PAGE)  # the first screenful at once
            self._update_summary()

    def _end_in_sight(self) -> bool:
        last = self.model.rowCount() - 1
        return last >= 0 and self.view.viewport().rect().intersects(self.view.visualRect(self.model.index(last, 0)))

    def _drop(self, run) -> None:
        """The run has answered and the model reads the store again: its scratch file goes."""
        if run is self._run:
            self._run = None
            self.poll.stop()
        drop_scratch(*run)

    def closing(self) -> None:
        """The window closes and its workers have returned (the helper has stopped writing): the scratch file of
        a run cancelled by the close goes now, not in a thread the interpreter's exit would stop halfway."""
        run, self._run = self._run, None
        if run is not None:
            self.poll.stop()
            drop_now(*run)

    def _forget_run(self) -> None:
        """Another case: the line about the last case's run (校验完成：60 条结果) goes with it."""
        self.progress_label.clear()
        self.progress_box.hide()

    def _show_outcome(self) -> None:
        """After a run: the line saying what happened stays; the bar and 取消 go."""
        self.progress_box.show()
        self.bar.hide()
        self.cancel_button.hide()

    def _finish(self) -> None:
        self.handle = None
        self.bar.setRange(0, 1)
        self.bar.setValue(1)
        self.verify_button.setEnabled(self.bundle is not None)

    # --- the table ---------------------------------------------------------------------------------
    def _apply_filter(self) -> None:
        self.model.set_filter(status=self.status_filter.currentData(), item=self.item_filter.currentData())
        self._update_summary()

    def _update_summary(self) -> None:
        counts = self.model.counts()
        if not counts:
            self.summary.setText(self.tr("尚未校验。点击“校验”重新计算清单记录的校验值。") if self.bundle else "")
            return
        parts = []
        for status in STATUSES:
            if counts.get(status):
                colour = STATUS_COLOURS[status][0]
                parts.append(f"<span style='color:{colour}; font-weight:bold'>{status_text(status)} "
                             f"{counts[status]:,}</span>")
        shown = self.tr("显示 %1 条").replace("%1", f"{self.model.total_count():,}")
        self.summary.setText("　".join(parts) + f"　（{shown}）")

    def _current_changed(self, current, _previous) -> None:
        path = current.data(PathRole) if current.isValid() else None
        if path:
            self.file_selected.emit(path)
