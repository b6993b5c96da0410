"""The 审查 tab: items overview, the three review panes per item, the item's outcome, the audit-chain banner."""

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models.store import review
from ui.review.audit_banner import AuditBanner
from ui.review.clause_list_model import COL_ARTICLE, COL_TITLE, ClauseListModel, DecidedRole, RecordRole, clause_records
from ui.review.clause_pane import ClausePane
from ui.review.drafts import Drafts
from ui.review.outcome_box import OutcomeBox
from ui.review.relevance_pane import RelevancePane
from ui.review.review_overview import ReviewOverview
from ui.window.fit import scrolled

FONT_FAMILY = "WenQuanYi Micro Hei"
CJK_FAMILIES = ("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
                "SimHei")
PANE_TITLES = (("authenticity", "真实性、完整性"), ("legality", "合法性"), ("relevance", "关联性"))
KEY_ACTIONS = {Qt.Key.Key_1: "confirm", Qt.Key.Key_2: "override", Qt.Key.Key_3: "answer", Qt.Key.Key_0: "revert"}
DRAFT_EVERY_MS = 3000
PANE_KEYS = (Qt.Key.Key_J, Qt.Key.Key_K, Qt.Key.Key_N, *KEY_ACTIONS)


class ClauseReviewPane(QWidget):
    """One pane: the clause list on the left, the selected clause on the right; J/K move, 1/2/3 decide."""

    file_selected = Signal(str)
    decided = Signal(str, object)

    def __init__(self, pane: str, parent=None):
        super().__init__(parent)
        self.pane = pane
        self.store = self.bundle = self.item_id = None
        self.reviewer = ""
        self.model = ClauseListModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        self.view.installEventFilter(self)  # the keys without the shortcuts too: a window not active (tests)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.auto_advance = True  # a decision moves on to the next undecided clause
        self.clause = ClausePane()
        self.clause.file_selected.connect(self.file_selected)
        self.clause.decision_made.connect(self._decision_made)
        self.clause.decision_seen.connect(self._decision_seen)
        self.clause.reason.returnPressed.connect(self.clause.override)
        self.scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.clause)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.view)
        splitter.addWidget(scroll)
        splitter.setSizes([330, 620])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._add_keys()

    def _add_keys(self) -> None:
        """J/K/N/0-3 wherever the focus is inside the pane (the list, the facts, a button): shortcuts, so a
        field being typed in (the note, the reason) keeps its characters."""
        for key in PANE_KEYS:
            action = QAction(self)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _=False, k=key: self.handle_key(k))
            self.addAction(action)

    def set_item(self, store, bundle, item_id, results: list[dict], decisions: dict, reviewer: str) -> None:
        self.store, self.bundle, self.item_id, self.reviewer = store, bundle, item_id, reviewer
        self.model.set_records(clause_records(results, decisions, self.pane))
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0, COL_ARTICLE))
        else:
            self.clause.set_clause(store, bundle, item_id, None, reviewer)

    def current_name(self) -> str | None:
        record = self.view.currentIndex().data(RecordRole)
        return record["check_name"] if record else None

    def select_clause(self, check_name: str) -> bool:
        row = self.model.row_of(check_name)
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, COL_ARTICLE))
        return row >= 0

    def move(self, step: int) -> None:
        row = min(max(self.view.currentIndex().row() + step, 0), self.model.rowCount() - 1)
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, COL_ARTICLE))

    def handle_key(self, key) -> bool:
        """J/K: next/previous clause; N: next undecided; 1/2/3: confirm / override / answer; 0: back to 待决.
        True when the key was used."""
        if key == Qt.Key.Key_J:
            self.move(1)
        elif key == Qt.Key.Key_K:
            self.move(-1)
        elif key == Qt.Key.Key_N:
            self.next_undecided()
        elif key in KEY_ACTIONS:
            getattr(self.clause, KEY_ACTIONS[key])()
        else:
            return False
        return True

    def eventFilter(self, watched, event) -> bool:
        if watched is self.view and event.type() == QEvent.Type.KeyPress and \
                not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier and self.handle_key(event.key()):
            return True
        return super().eventFilter(watched, event)

    def next_undecided(self) -> bool:
        """Select the next clause still 待决 after the current one (wrapping); False when none is left."""
        rows, current = self.model.rowCount(), self.view.currentIndex().row()
        for step in range(1, rows + 1):
            row = (current + step) % rows
            if not self.model.index(row, COL_ARTICLE).data(DecidedRole):
                self.view.setCurrentIndex(self.model.index(row, COL_ARTICLE))
                return True
        return False

    def _current_changed(self, current, _previous) -> None:
        record = current.data(RecordRole) if current.isValid() else None
        self.clause.set_clause(self.store, self.bundle, self.item_id, record, self.reviewer)
        # a new clause is read from its top: the last one's scroll position hid the title and the buttons
        self.scroll.verticalScrollBar().setValue(0)
        self.scroll.horizontalScrollBar().setValue(0)

    def _decision_seen(self, name: str, record: dict | None) -> None:
        self.model.set_decision(name, record)
        self.decided.emit(name, record)

    def _decision_made(self, name: str, record: dict | None) -> None:
        self._decision_seen(name, record)
        if record is not None and self.auto_advance:
            self.next_undecided()


class ReviewTab(QWidget):
    """set_case(bundle, store); select_item(id); run_checks(); file_selected(path) for the detail pane."""

    file_selected = Signal(str)

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.bundle = self.store = self.item_id = self.last_error = None
        self._stale = False  # the panes wait for the tab to be shown
        self._case_stale = False  # so do the banner and the overview
        if self.font().family() not in CJK_FAMILIES:
            self.setFont(QFont(FONT_FAMILY, max(self.font().pointSize(), 10)))
        self.banner = AuditBanner()
        self.overview = ReviewOverview()
        self.overview.item_selected.connect(self.select_item)
        self.item_label = QLabel()
        self.item_label.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.run_button = QPushButton(self.tr("运行自动检查"))
        self.run_button.clicked.connect(self.run_checks)
        self.panes = {key: ClauseReviewPane(key) for key, _title in PANE_TITLES}
        self.relevance = RelevancePane()
        self.outcome = OutcomeBox()
        self.drafts = Drafts()  # what was typed and not saved, kept beside the store (ui/review/drafts.py)
        for widget in (self.outcome, self.relevance, *(pane.clause for pane in self.panes.values())):
            widget.drafts = self.drafts
        self.draft_timer = QTimer(self, interval=DRAFT_EVERY_MS)  # a killed window loses at most these seconds
        self.draft_timer.timeout.connect(self.keep_unsaved)
        self.outcome.outcome_saved.connect(lambda *_: self.overview.refresh(self.bundle, self.store))
        self.outcome.save_button.clicked.disconnect()
        self.outcome.save_button.clicked.connect(self.save_outcome)
        self.confirm_undecided = self._ask_undecided  # replaced in tests
        for widget in (*self.panes.values(), self.relevance):
            widget.file_selected.connect(self.file_selected)
        for pane in self.panes.values():
            pane.decided.connect(self._decided)
        self.relevance.tags_changed.connect(lambda: self.overview.refresh(self.bundle, self.store))
        self._layout()
        self.set_case(None, None)

    def _layout(self) -> None:
        self.pane_tabs = QTabWidget()
        for key, title in PANE_TITLES:
            if key == "relevance":
                page = QSplitter(Qt.Orientation.Vertical)
                page.addWidget(self.panes[key])
                page.addWidget(scrolled(self.relevance))
                page.setSizes([330, 400])
            else:
                page = self.panes[key]
            self.pane_tabs.addTab(page, self.tr(title))
        top = QHBoxLayout()
        top.addWidget(self.item_label, 1)
        top.addWidget(self.run_button)
        middle = QWidget()
        column = QVBoxLayout(middle)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(top)
        column.addWidget(self.pane_tabs, 1)
        # stacked, not side by side: the tab shares the window's middle column with the tree and details
        splitter = QSplitter(Qt.Orientation.Vertical)
        # the outcome box scrolls inside its share: its own height (~260 px) pushed the window past a laptop's
        for widget in (self.overview, middle, scrolled(self.outcome)):
            splitter.addWidget(widget)
            splitter.setCollapsible(splitter.indexOf(widget), widget is self.overview)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([130, 580, 190])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)

    @property
    def reviewer(self) -> str:
        return self.context.reviewer

    def set_case(self, bundle, store) -> None:
        """Show the store's review of this bundle (None clears); the audit chain is verified on every open.
        While the tab is hidden the reading waits for it to be shown: after the auto checks of 30k files the
        overview's read of every item's results took ~15 ms of the GUI thread for a tab nobody was looking at."""
        same_case = bundle is not None and bundle is self.bundle and store is self.store
        if store is not self.store:
            self._leave_store()
            self.drafts.open(store)
            if store is not None:
                self.draft_timer.start()
            else:
                self.draft_timer.stop()
        self.bundle, self.store = bundle, store
        self.run_button.setEnabled(store is not None)
        if bundle is not None and not self.isVisible():
            self._case_stale = True
            if not same_case:
                self.item_id = None
            self._stale = True
            return
        self._case_stale = False
        self._show_case(bundle, store, same_case)

    def _editors(self) -> list:
        return [self.outcome, self.relevance, *(pane.clause for pane in self.panes.values())]

    def keep_unsaved(self) -> bool:
        """What is typed and not saved, kept in the drafts file beside the store; False when it cannot be written
        (self.drafts.error says why)."""
        if self.store is None:
            return True
        for widget in self._editors():
            widget.keep_draft()
        return self.drafts.write()

    def unsaved(self) -> bool:
        """Something typed is not saved in the store (it may be kept as a draft)."""
        for widget in self._editors():
            widget.keep_draft()
        return bool(self.drafts.entries)

    def _leave_store(self) -> None:
        """Before another store (or none): keep the drafts of this one, then the editors let go of its records,
        so that clearing them keeps nothing under the next store's drafts."""
        self.keep_unsaved()
        self.outcome.item = self.relevance.item = None
        for pane in self.panes.values():
            pane.clause.record = None

    def _show_case(self, bundle, store, same_case: bool) -> None:
        self.banner.check(store, self.reviewer)
        self.overview.refresh(bundle, store)
        keep = self.item_id if same_case else None
        target = None
        if bundle is not None and bundle.items:
            target = keep if keep and bundle.item(keep) else bundle.items[0]["id"]
            self.overview.select_item(target)
        self.select_item(target)

    def select_item(self, item_id: str | None) -> None:
        """Fill the three panes and the outcome box for one item, from the store. While the tab is hidden
        they are filled when it is shown: after a scan of 100k files the item's file list and device
        identifiers took ~90 ms of the GUI thread for a tab nobody was looking at."""
        self.item_id = item_id
        self._stale = not self.isVisible()
        if self._stale:
            return
        item = self.bundle.item(item_id) if self.bundle is not None and item_id else None
        results = review.load_check_results(self.store, item_id) if item is not None else []
        decisions = {d["check_name"]: d for d in review.load_decisions(self.store, item_id)} if item else {}
        for pane in self.panes.values():
            pane.set_item(self.store, self.bundle, item_id, results, decisions, self.reviewer)
        self.relevance.set_item(self.bundle, self.store, item, self.reviewer)
        overridden = [n for n, d in decisions.items() if d["decision"] == "override"]
        self.outcome.set_item(self.store, item, results, self.reviewer, overridden,
                              getattr(self.bundle, "timezone", None))
        self.item_label.setText(self._item_title(item, results))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._case_stale:
            self._case_stale = False
            self._show_case(self.bundle, self.store, self.item_id is not None)
        elif self._stale:
            self.select_item(self.item_id)

    def _item_title(self, item, results) -> str:
        if item is None:
            return self.tr("（未打开证据包）") if self.bundle is None else self.tr("（请选择证据项）")
        text = f"{item['id']}　{item.get('title') or ''}"
        return text if results else text + self.tr("　— 尚无自动检查结果，请点“运行自动检查”")

    def pane(self, key: str) -> ClauseReviewPane:
        return self.panes[key]

    def show_pane(self, key: str) -> ClauseReviewPane:
        self.pane_tabs.setCurrentIndex([k for k, _t in PANE_TITLES].index(key))
        return self.panes[key]

    def _decided(self, _name, _record) -> None:
        self.overview.refresh(self.bundle, self.store)
        decisions = review.load_decisions(self.store, self.item_id)
        self.outcome.set_overridden(d["check_name"] for d in decisions if d["decision"] == "override")

    def undecided(self) -> list[dict]:
        """The current item's clauses still 待决, over the three panes."""
        return [pane.model.record(row) for pane in self.panes.values() for row in range(pane.model.rowCount())
                if not pane.model.record(row).get("decision")]

    def save_outcome(self) -> bool:
        """保存结论, after a warning when 可采 is chosen while clauses of the item are still 待决."""
        waiting = self.undecided()
        if self.outcome.chosen() == "admissible" and waiting and not self.confirm_undecided(waiting):
            self.outcome.hint.setText(self.tr("未保存：本项尚有 %1 条条款待决").replace("%1", str(len(waiting))))
            return False
        return self.outcome.save()

    def _ask_undecided(self, waiting: list[dict]) -> bool:
        from PySide6.QtWidgets import QMessageBox

        articles = "、".join(self.tr("第%1条").replace("%1", str(r.get("article") or "")) for r in waiting[:8])
        more = self.tr("等") if len(waiting) > 8 else ""
        answer = QMessageBox.warning(
            self, self.tr("尚有条款待决"),
            self.tr("本项尚有 %1 条条款待决（%2%3）。仍将本项结论保存为“可采”吗？").replace("%1", str(len(waiting)))
            .replace("%2", articles).replace("%3", more),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Save

    # --- running the checks ------------------------------------------------------------------------
    def run_checks(self):
        """Run every check in a worker on its own store connection, which saves the results too: saving the
        results of 30k files took ~75 ms of the GUI thread (their facts as JSON, a synced commit)."""
        if self.store is None:
            return None
        bundle, path = self.bundle, self.store.path
        registry = self.context.registry
        from ui.window.settings_dialog import freeze_warning_days

        settings = {"freeze_warning_days": freeze_warning_days(self.context.settings)}

        def job(progress, cancel):
            from checks.registry import default_registry
            from checks.runner import build_context, run_checks
            from models.runtime.jobs import check_cancel
            from models.store.store import open_store_file

            store = open_store_file(path)
            try:
                by_item = run_checks(bundle, build_context(bundle, store, settings=settings),
                                     registry or default_registry())
                check_cancel(cancel)
                from models.store.audit import transaction

                sealed = review.check_run()  # one transaction: the results sealed afresh, as `check` does
                with transaction(store.db) as conn:
                    for item_id, pairs in by_item.items():
                        review.save_check_results(store, item_id, pairs, sealed)
                    sealed.reseal(conn)
                return len(by_item)
            finally:
                store.close()

        self.run_button.setEnabled(False)
        return self.context.runner.run(job, label=self.tr("正在运行自动检查"),
                                       on_done=lambda _count: self._checks_done(bundle),
                                       on_error=self._checks_failed)

    def _checks_failed(self, exc) -> None:
        from models.runtime.jobs import Cancelled
        from ui.common.errors import show_task_failed

        self.run_button.setEnabled(self.store is not None)
        self.last_error = exc
        if not isinstance(exc, Cancelled):
            show_task_failed(self, self.tr("自动检查"), exc)

    def _checks_done(self, bundle) -> None:
        """The worker has saved the results: show them (when the tab is shown)."""
        self.run_button.setEnabled(self.store is not None)
        if self.store is None or bundle is not self.bundle:
            return  # the case was closed or changed while the checks ran
        self.set_case(self.bundle, self.store)
