"""The main window: case header, items and folders on the left, tabs in the middle, details right, progress below."""

import math
import threading
import time

from PySide6.QtCore import QEventLoop, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMainWindow, QSplitter, QStackedWidget, QTabWidget, QVBoxLayout, QWidget

from ui.common.errors import show_exception, show_open_error, show_store_replaced, show_task_failed
from ui.common.progress_panel import ProgressPanel
from ui.detail.detail_pane import DetailPane
from ui.files.files_tab import FilesTab
from ui.files.item_tree import ItemTree
from ui.window.case_header import CaseHeader
from ui.window.fit import place_window, remember_window
from ui.window.open_dialogs import WelcomePage, ask_bundle_folder, ask_image_file, dropped_folder
from ui.window.recent import RecentBundles
from ui.window.store_guard import StoreGuard

APP_TITLE = "证审台 EvidenceDesk"
TYPE_REFRESH_SECONDS = 1.0
SCAN_AFTER_OPEN_MS = 30  # the scan starts once the case page has painted
TYPING_AFTER_SCAN_MS = 20  # the typing pass starts after the repaint a scan's end asks for
PANE_SHARES = (0.18, 0.60, 0.22)  # items and folders, the tabs, details and preview
OPEN_POLL_MS = 5  # how often an open looks whether its loading thread has finished


class MainWindow(QMainWindow):
    """open_bundle(path) -> bool; add_tab(widget, title); signals case_opened, scan_finished, types_finished."""

    case_opened = Signal(object)  # Bundle
    scan_finished = Signal(object)  # ScanSummary, or None when cancelled or failed
    types_finished = Signal(object)  # count typed, or None

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.bundle = self.store = None
        self.opened_path = None  # as open_bundle was given it: a fresh review reopens it
        self.tasks: list = []
        self._typed_at = -math.inf
        self._opening = False
        self.terminating = False  # a SIGTERM closes the window without asking (ui/window/terminate.py)
        self._shared = False  # the panes get their shares of the width once shown
        self.recent = RecentBundles(context.settings)
        self.setWindowTitle(APP_TITLE)
        self.setAcceptDrops(True)
        self.header = CaseHeader(context)
        self.item_tree = ItemTree(context)
        self.tabs = QTabWidget()
        self.detail = DetailPane(context)
        self.files_tab = FilesTab(context)
        self.progress = ProgressPanel(context)
        self.welcome = WelcomePage(self.recent)
        self.welcome.open_requested.connect(self.ask_open)
        self.welcome.recent_requested.connect(self.open_bundle)
        self.case_tabs: list[QWidget] = []
        self.add_tab(self.files_tab, self.tr("文件"))
        self.item_tree.filter_changed.connect(self.files_tab.set_filter)
        self.context.runner.task_failed.connect(lambda _h, exc: show_exception(self, exc))
        self.store_guard = StoreGuard(self)
        self._build_layout()
        self._build_menus()
        self.memo_actions = None
        self.extras_installed = False
        # the other tabs and the memo menu come a moment after the window is up: start-up stays under 1 s
        QTimer.singleShot(0, self.install_extras)
        screen = self.screen() or QGuiApplication.primaryScreen()
        self.open_maximised = place_window(self, context.settings, screen.availableGeometry())

    def install_extras(self) -> None:
        """The 校验 / 审查 / 时间线 tabs, the preview and the 审查意见 menu (once)."""
        if self.extras_installed:
            return
        self.extras_installed = True
        from ui.memo.memo_actions import install_memo_actions
        from ui.window.case_tabs import install_case_tabs

        install_case_tabs(self)
        install_memo_actions(self)
        from ui.window.tools_menu import install_tools

        install_tools(self)
        if self._shared:
            self.share_panes()
        QTimer.singleShot(0, self._paint_case_page_once)

    def _paint_case_page_once(self) -> None:
        """Paint the hidden case page once into a picture nobody sees, while no case is open: its widgets are
        polished and laid out and the glyphs of its labels rasterised now, not as the first case opens. That
        first paint held the GUI thread ~50 ms while the scan started (a third of it FreeType drawing glyphs)."""
        if self.bundle is None and self.stack.currentIndex() == 0:
            page = self.stack.widget(1)
            page.resize(self.stack.size())
            page.grab()

    # --- building ----------------------------------------------------------------------------------
    def _build_layout(self) -> None:
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        for widget in (self.item_tree, self.tabs, self.detail):
            self.splitter.addWidget(widget)
        self.splitter.setSizes([270, 780, 350])
        self.splitter.setStretchFactor(1, 1)
        case_page = QWidget()
        column = QVBoxLayout(case_page)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.header)
        column.addWidget(self.splitter, 1)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(case_page)
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self.stack, 1)
        outer.addWidget(self.progress)
        self.setCentralWidget(central)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.menus = {key: bar.addMenu(title) for key, title in (
            ("file", self.tr("文件", "menu")), ("review", self.tr("审查")), ("tools", self.tr("工具")),
            ("training", self.tr("培训")), ("help", self.tr("帮助")))}
        self._action("file", self.tr("打开证据包…"), self.ask_open, QKeySequence.StandardKey.Open)
        self._action("file", self.tr("打开磁盘镜像…"), self.ask_open_image)
        self.recent_menu = self.menus["file"].addMenu(self.tr("最近打开"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.menus["file"].addSeparator()
        self._action("file", self.tr("退出"), self.close, QKeySequence.StandardKey.Quit)
        self._action("help", self.tr("关于"), self._about)
        for menu in self.menus.values():  # 工具 and 培训 wait for their actions (ui/window/tools_menu.py)
            menu.menuAction().setVisible(not menu.isEmpty())

    def _action(self, menu: str, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        self.menus[menu].addAction(action)
        return action

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in self.recent.paths():
            self.recent_menu.addAction(path).triggered.connect(lambda _=False, p=path: self.open_bundle(p))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction(self.tr("（无）")).setEnabled(False)

    def add_tab(self, widget: QWidget, title: str) -> None:
        """A tab in the middle area: gets set_case(bundle, store); its file_selected shows the file's details."""
        self.tabs.addTab(widget, title)
        self.case_tabs.append(widget)
        if hasattr(widget, "file_selected"):
            widget.file_selected.connect(self.detail.show_file)
        if self.bundle is not None and hasattr(widget, "set_case"):
            widget.set_case(self.bundle, self.store)

    # --- opening -----------------------------------------------------------------------------------
    def ask_open(self) -> None:
        folder = ask_bundle_folder(self, self.context.settings)
        if folder:
            self.open_bundle(folder)

    def ask_open_image(self) -> None:
        path = ask_image_file(self, self.context.settings)
        if path:
            self.open_bundle(path)

    def open_bundle(self, path) -> bool:
        """Load and validate the bundle, open its store, show what the store has, then scan in a worker.
        False when it cannot be opened (the reason shown), or while another open is loading."""
        from models.bundle.manifest import BundleError, ManifestError  # lazy: fast start-up
        from models.bundle.output_paths import UsageError
        from models.bundle.safepath import SafePathError
        from models.store.store import StoreError

        if self._opening:
            return False
        loading = {}
        try:
            bundle, store = self._load_case(path, loading)
        except (BundleError, ManifestError, StoreError, SafePathError, UsageError, OSError) as exc:
            show_open_error(self, path, exc)
            return False
        except Exception as exc:
            if "store" in loading and self.store_guard.met(exc, loading["store"], path):
                return False  # a store whose rows do not decode: kept aside, a fresh review offered
            raise
        if not self.keep_unsaved():
            store.close()
            return False
        self.close_case()
        self.store_guard.watch(store)
        self.bundle, self.store, self.opened_path = bundle, store, path
        self.recent.add(path)
        self.welcome.refresh()
        self.setWindowTitle(f"{APP_TITLE} — {bundle.case.get('title') or bundle.root.name}")
        self.header.set_case(bundle)
        self.detail.set_case(bundle, store)
        self.item_tree.set_case(bundle, store)
        self.files_tab.set_case(bundle, store)  # records of an earlier scan show at once
        self.stack.setCurrentIndex(1)
        self.case_opened.emit(bundle)
        if store.replaced:
            show_store_replaced(self, store.replaced)
        # on a timer, after the case page's first paint: starting the scan's helper (the bundle pickled, the
        # forkserver asked) took the GIL from the GUI thread while it painted, 20 ms of a 48 ms stall
        QTimer.singleShot(SCAN_AFTER_OPEN_MS, self._for_case(self._start_scan))
        return True

    def _load_case(self, path, loading: dict):
        """(bundle, store): load_bundle and open_store in a thread of their own while the window goes on
        painting and running its timers (user input waits, so nothing else starts meanwhile). On the GUI
        thread the manifest's validation and a new store's creation took 70-90 ms: the window stood still."""
        answer = {}

        def load():
            from models.bundle.manifest import load_bundle
            from models.bundle.output_paths import UsageError, side_folder_problem, store_folder
            from models.store.store import open_store

            try:
                side = side_folder_problem(path)  # TMPDIR inside it: the helpers' sockets would be written there
                if side:
                    raise UsageError(side)
                bundle = load_bundle(path)  # a store folder inside the bundle is refused (UsageError)
                folder = store_folder(bundle, self.context.store_dir)
                loading["store"] = folder / f"{bundle.digest}.sqlite"
                # another process writing the store (a command-line verify or check) holds its lock until it ends
                answer["case"] = bundle, open_store(bundle, folder, notify=lambda _text: answer.update(waiting=True))
            except BaseException as exc:  # noqa: BLE001 - raised again on the GUI thread
                answer["error"] = exc

        thread = threading.Thread(target=load, name="EvidenceDesk open", daemon=True)
        self._opening = True
        try:
            thread.start()
            loop, poll = QEventLoop(), QTimer(interval=OPEN_POLL_MS)
            poll.timeout.connect(lambda: self._opening_waits(answer) if thread.is_alive() else loop.quit())
            poll.start()
            if thread.is_alive():
                loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
            poll.stop()
            thread.join()
        finally:
            self._opening = False
        if "error" in answer:
            raise answer["error"]
        return answer["case"]

    def _opening_waits(self, answer: dict) -> None:
        """Said once while an open waits for another program to finish writing the store: the window stood on its
        welcome page with 就绪, taking no clicks, for as long as a command-line verify ran."""
        if answer.pop("waiting", False):
            self.progress.show_message(self.tr("另一程序（如命令行的校验或检查）正在写入本案的审查库，待其完成后即打开本案…"))

    def close_case(self) -> None:
        for handle in self.tasks:
            handle.cancel()
        self.tasks = []
        preview = [self.preview] if hasattr(self, "preview") else []  # the last case's file left on show
        for widget in [*self.case_tabs, self.detail, self.item_tree, *preview]:
            widget.set_case(None, None)
        self.header.set_case(None)
        if self.store is not None:
            self.store.close()
        self.bundle = self.store = None
        self.setWindowTitle(APP_TITLE)
        self.stack.setCurrentIndex(0)

    def _worker_job(self, body):
        """fn(progress, cancel) running body(bundle, store) on the worker's own connection to the store file."""
        bundle, path = self.bundle, self.store.path

        def job(progress, cancel):
            from models.store.store import open_store_file

            store = open_store_file(path)
            try:
                return body(bundle, store, progress, cancel)
            finally:
                store.close()
        return job

    def _process_job(self, fn):
        """fn(progress, cancel) running fn(bundle, store, progress=, cancel=) in a helper process on its own
        connection to the store file: no thread of this process competes with the GUI thread for the GIL."""
        bundle, path = self.bundle, self.store.path

        def job(progress, cancel):
            from models.runtime.process_job import run_in_process, with_store_file

            return run_in_process(with_store_file, (fn, bundle, path), progress, cancel)
        return job

    def _for_case(self, slot):
        """The slot, dropped when its case has been closed meanwhile (a late result of a cancelled task)."""
        bundle = self.bundle
        return lambda *args: slot(*args) if bundle is self.bundle else None

    def _run(self, body, label: str, on_done, on_error, on_progress, in_process: bool = False) -> None:
        """body(bundle, store, progress, cancel) in a worker thread, or with in_process a module-level
        fn(bundle, store, progress=, cancel=) in a helper process (see _process_job)."""
        job = self._process_job(body) if in_process else self._worker_job(body)
        self.tasks.append(self.context.runner.run(
            job, label=label, on_done=self._for_case(on_done),
            on_error=self._for_case(on_error), on_progress=self._for_case(on_progress)))

    def _start_scan(self) -> None:
        from models.inventory.scan import scan_bundle

        self._run(scan_bundle, self.tr("正在扫描"), self._scan_done, self._scan_failed,
                  lambda *_: self.files_tab.records_added(), in_process=True)

    def _scan_done(self, summary) -> None:
        self.progress.show_message(self.tr("扫描完成：%1 个文件，%2 MB，用时 %3 秒").replace(
            "%1", f"{summary.files:,}").replace("%2", f"{summary.bytes / 1e6:,.1f}").replace(
            "%3", f"{summary.seconds:.1f}"))
        self._case_changed(summary.removed)
        self.scan_finished.emit(summary)
        # a moment later, on a timer: a zero-time single shot ran in the same turn of the event loop as the
        # repaint the scan's end asks for, and the two held the GUI thread 45-58 ms together
        QTimer.singleShot(TYPING_AFTER_SCAN_MS, self._for_case(self._start_typing))

    def _scan_failed(self, exc) -> None:
        from models.runtime.jobs import Cancelled

        if isinstance(exc, Cancelled):
            self.progress.show_message(self.tr("扫描已取消：列表显示已扫描的文件"))
        else:
            from ui.common.errors import reason_text

            self.progress.show_message(self.tr("扫描失败：%1").replace("%1", reason_text(exc)))
            show_task_failed(self, self.tr("扫描"), exc)
        if self.store is not None:
            self._case_changed()
        self.scan_finished.emit(None)

    def _case_changed(self, removed: int = 1) -> None:
        """A scan ended (removed: records it removed; unknown after a failure): every view reads the store again."""
        self.item_tree.set_case(self.bundle, self.store)
        self.files_tab.scan_ended(removed)
        for widget in self.case_tabs:
            if widget is not self.files_tab and hasattr(widget, "set_case"):
                widget.set_case(self.bundle, self.store)

    def _start_typing(self) -> None:
        try:
            from models.inventory.typing_pass import fill_types
        except ImportError:
            return
        self._typed_at = -math.inf
        self._run(fill_types, self.tr("正在识别文件类型"), self._types_done, self._types_failed,
                  self._typing_progress, in_process=True)

    def _typing_progress(self, *_values) -> None:
        if time.monotonic() - self._typed_at >= TYPE_REFRESH_SECONDS:
            self._typed_at = time.monotonic()
            self.files_tab.types_changed()

    def _types_done(self, count) -> None:
        self.files_tab.types_changed()
        self.files_tab.find_anomalies()
        if count:
            self.progress.show_message(self.tr("类型识别完成：%1 个文件").replace("%1", f"{count:,}"))
        self.types_finished.emit(count)

    def _types_failed(self, exc) -> None:
        from models.runtime.jobs import Cancelled

        self.files_tab.types_changed()
        if not isinstance(exc, Cancelled):
            show_task_failed(self, self.tr("文件类型识别"), exc)
        self.types_finished.emit(None)

    # --- window events -----------------------------------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._shared:
            self._shared = True
            QTimer.singleShot(0, self.share_panes)

    def share_panes(self) -> None:
        """Items, the tabs and the details in shares of the window's width: fixed pixels left the middle
        column ~700 px on a 1366 px screen and a quarter of a 1920 px one empty on the right."""
        width = max(self.splitter.width(), self.width())
        self.splitter.setSizes([int(width * share) for share in PANE_SHARES])
        for index, share in enumerate(PANE_SHARES):  # and a resize keeps them
            self.splitter.setStretchFactor(index, int(share * 100))

    def dragEnterEvent(self, event) -> None:
        if dropped_folder(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        folder = dropped_folder(event.mimeData())
        if folder:
            event.acceptProposedAction()
            self.open_bundle(folder)

    def keep_unsaved(self, ask: bool = True) -> bool:
        """Before the case closes: what the reviewer typed and did not save is kept as drafts beside the store
        (put back when the case opens again). When they cannot be written, ask whether to go on and lose them;
        False: stay."""
        from ui.window.unsaved import keep_or_ask

        return keep_or_ask(self, ask)

    def closeEvent(self, event) -> None:
        if not self.keep_unsaved(ask=not self.terminating):
            event.ignore()
            return
        remember_window(self, self.context.settings)
        self.context.runner.cancel_all()
        if self.context.runner.wait(5000):  # every worker returned: what they leave behind can go
            for tab in self.case_tabs:
                if hasattr(tab, "closing"):
                    tab.closing()
        self.close_case()
        super().closeEvent(event)

    def _about(self) -> None:
        from ui.window.help_dialogs import show_about

        self.about_box = show_about(self)
