"""The review's tabs and panes put together in the main window: files, verify, review, timeline, preview."""

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QSplitter

from ui.detail.digest_section import attach_to_detail_pane
from ui.detail.preview_pane import PreviewPane
from ui.review.review_tab import ReviewTab
from ui.timeline.timeline_tab import TimelineTab
from ui.verify.verify_tab import VerifyTab


def _warm_up(runner) -> None:
    """Import what opening, scanning and verifying need once off the GUI thread, and start the helper
    processes' server, so that a first open or verify neither waits for them nor stalls the window."""
    def job(_progress, _cancel):
        import multiprocessing.synchronize  # noqa: F401

        import sqlite_utils

        import models.bundle.manifest  # noqa: F401
        import models.integrity.verify  # noqa: F401
        import models.inventory.scan  # noqa: F401
        import models.inventory.typing_pass  # noqa: F401  (libmagic loads here, not on the GUI thread)
        import models.runtime.process_job  # noqa: F401  (the verify runs in a helper: its pipe and events)
        import models.store.store  # noqa: F401
        from models.runtime.jobs import start_helper_server

        sqlite_utils.Database(memory=True).close()  # its first Database looks for plugins: ~40 ms, once

        start_helper_server()

    from ui.common.collector import freeze_start_up

    runner.run(job, label="", on_done=lambda _result: freeze_start_up())


def install_case_tabs(window) -> None:
    """Add the 校验 / 审查 / 时间线 tabs, the preview under the details, and the links between them."""
    window.verify_tab = VerifyTab(window.context)
    window.review_tab = ReviewTab(window.context)
    window.timeline_tab = TimelineTab(window.context)
    window.add_tab(window.verify_tab, window.tr("校验"))
    window.add_tab(window.review_tab, window.tr("审查"))
    window.add_tab(window.timeline_tab, window.tr("时间线"))
    attach_to_detail_pane(window.detail)
    _install_preview(window)
    _connect(window)
    _add_actions(window)
    QTimer.singleShot(0, lambda: _warm_up(window.context.runner))


def _install_preview(window) -> None:
    window.preview = PreviewPane(window.context)
    right = QSplitter(Qt.Orientation.Vertical)
    index = window.splitter.indexOf(window.detail)
    right.addWidget(window.detail)
    right.addWidget(window.preview)
    right.setSizes([520, 300])
    window.splitter.insertWidget(index, right)
    window.detail.file_shown.connect(window.preview.show_file)
    if window.bundle is not None:
        window.preview.set_case(window.bundle, window.store)


def _connect(window) -> None:
    window.case_opened.connect(lambda _b: window.preview.set_case(window.bundle, window.store))
    window.types_finished.connect(lambda _n: _after_types(window))
    window.verify_tab.verify_finished.connect(lambda n: _after_verify(window, n))
    window.item_tree.filter_changed.connect(lambda f: _item_picked(window, f))
    window.item_tree.images_picked.connect(window.detail.show_images)


def _after_types(window) -> None:
    """EXIF times join the timeline, and the auto checks run on what is known so far."""
    if window.store is None:
        return
    window.timeline_tab.set_case(window.bundle, window.store)
    window.review_tab.run_checks()


def _after_verify(window, count) -> None:
    """Digest results change the integrity clauses: run the checks again and refresh the details."""
    if count is None or window.store is None:
        return
    window.review_tab.run_checks()
    if window.detail.path:
        window.detail.show_file(window.detail.path)


def _item_picked(window, filter_spec: dict) -> None:
    item = (filter_spec or {}).get("item")
    if item:
        window.review_tab.select_item(item)


def _add_actions(window) -> None:
    window._action("review", window.tr("校验全案摘要"), lambda: _show_and(window, window.verify_tab,
                                                                     window.verify_tab.verify))
    window._action("review", window.tr("运行自动检查"), lambda: _show_and(window, window.review_tab,
                                                                     window.review_tab.run_checks))
    window._action("review", window.tr("时间线"), lambda: window.tabs.setCurrentWidget(window.timeline_tab))
    window.menus["review"].addSeparator()
    window._action("review", window.tr("下一条待决条款"), lambda: _next_undecided(window), QKeySequence("Ctrl+N"))
    for number, tab in enumerate((window.files_tab, window.verify_tab, window.review_tab, window.timeline_tab), 1):
        window.tabs.setTabToolTip(window.tabs.indexOf(tab), f"Ctrl+{number}")
        shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), window)
        shortcut.activated.connect(lambda t=tab: window.tabs.setCurrentWidget(t))


def _next_undecided(window) -> None:
    """The 审查 tab, on the next clause still 待决 (this pane first, then the next panes)."""
    if window.store is None:
        return
    window.tabs.setCurrentWidget(window.review_tab)
    tab = window.review_tab
    keys = list(tab.panes)
    start = tab.pane_tabs.currentIndex()
    for offset in range(len(keys)):
        key = keys[(start + offset) % len(keys)]
        pane = tab.panes[key]
        if any(not pane.model.record(r).get("decision") for r in range(pane.model.rowCount())):
            tab.show_pane(key)
            pane.next_undecided()
            pane.view.setFocus()
            return


def _show_and(window, tab, action) -> None:
    if window.store is None:
        return
    window.tabs.setCurrentWidget(tab)
    action()
