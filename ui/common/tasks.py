"""Background work on a QThreadPool (after Picard's run_task): cancel flag, progress and results on the GUI thread."""

import logging
import math
import threading
import time

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal

from models.runtime.jobs import Cancelled

log = logging.getLogger(__name__)
PROGRESS_INTERVAL = 0.1  # seconds between progress signals: the GUI thread is never flooded


class TaskHandle(QObject):
    """One submitted task: cancel it, ask whether it is running; its signals arrive on the GUI thread."""

    _progress = Signal(object)
    _finished = Signal(object, object)  # result, exception

    def __init__(self, label: str, on_done, on_error, on_progress, parent=None):
        super().__init__(parent)
        self.label = label
        self.cancel_event = threading.Event()
        self.running = True
        self.cancelled = False
        self.started_at = time.monotonic()
        self.last_progress: tuple = (0, None, 0, None)
        self._callbacks = (on_done, on_error, on_progress)
        self._connected = False  # its signals are connected to the runner (until it has answered)

    def cancel(self) -> None:
        self.cancel_event.set()

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started_at


class _Job(QRunnable):
    def __init__(self, fn, handle: TaskHandle):
        super().__init__()
        self.setAutoDelete(True)
        self.fn = fn
        self.handle = handle
        self._last = -math.inf  # never: the first report goes out at once, however soon after boot

    def progress(self, done, total=None, done_bytes=0, total_bytes=None) -> None:
        now = time.monotonic()
        if now - self._last >= PROGRESS_INTERVAL or (total is not None and done >= total):
            self._last = now
            self.handle._progress.emit((done, total, done_bytes or 0, total_bytes))

    def run(self) -> None:
        try:
            result = self.fn(self.progress, self.handle.cancel_event)
        except BaseException as exc:  # noqa: BLE001 - delivered to on_error on the GUI thread
            self.handle._finished.emit(None, exc)
        else:
            self.handle._finished.emit(result, None)


class TaskRunner(QObject):
    """run(fn, on_done=, on_error=, on_progress=, label=) -> TaskHandle; fn(progress, cancel) runs in a worker."""

    task_started = Signal(object)  # TaskHandle
    task_progress = Signal(object, object, object, object, object)  # handle, done, total, bytes, total_bytes
    task_finished = Signal(object)  # TaskHandle (cancelled / error known from it)
    task_failed = Signal(object, object)  # handle, exception, when the caller gave no on_error

    def __init__(self, parent=None, max_threads: int | None = None):
        super().__init__(parent)
        self.store_guard = None  # exc -> True when exc came from a damaged store the guard now handles
        self.pool = QThreadPool(self)
        if max_threads:
            self.pool.setMaxThreadCount(max_threads)
        self.handles: list[TaskHandle] = []

    def run(self, fn, *, on_done=None, on_error=None, on_progress=None, label: str = "") -> TaskHandle:
        handle = TaskHandle(label, on_done, on_error, on_progress)
        queued = Qt.ConnectionType.QueuedConnection
        handle._progress.connect(lambda values, h=handle: self._deliver_progress(h, values), queued)
        handle._finished.connect(lambda result, exc, h=handle: self._deliver(h, result, exc), queued)
        handle._connected = True
        self.handles.append(handle)
        self.task_started.emit(handle)
        self.pool.start(_Job(fn, handle))
        return handle

    def _deliver_progress(self, handle: TaskHandle, values: tuple) -> None:
        if not handle.running:
            return
        handle.last_progress = values
        on_progress = handle._callbacks[2]
        if on_progress:
            on_progress(*values)
        self.task_progress.emit(handle, *values)

    def _deliver(self, handle: TaskHandle, result, exc) -> None:
        handle.running = False
        if exc is not None and not isinstance(exc, Cancelled) and self.store_guard is not None \
                and self.store_guard(exc):
            exc = Cancelled()  # a damaged store: the guard tells the reviewer, the task's own views stay quiet
        handle.cancelled = isinstance(exc, Cancelled)
        if handle in self.handles:
            self.handles.remove(handle)
        on_done, on_error, _ = handle._callbacks
        try:
            if exc is None:
                if on_done:
                    on_done(result)
            elif on_error:
                on_error(exc)
            elif not handle.cancelled:
                log.error("task %r failed", handle.label, exc_info=exc)
                self.task_failed.emit(handle, exc)
        finally:
            self.task_finished.emit(handle)
            self._let_go(handle)

    @staticmethod
    def _let_go(handle: TaskHandle) -> None:
        """A finished handle keeps nothing alive: the queued lambdas connected in run() hold the handle, so every
        handle (and what its callbacks' closures held) stayed in memory for good; the 时间线's read-ahead, a run
        per 10k rows, kept ~25 MB of ids over one scroll through 3.2M times."""
        handle._callbacks = (None, None, None)
        if handle._connected:  # not by a runner that runs tasks at once
            handle._connected = False
            handle._progress.disconnect()
            handle._finished.disconnect()

    def cancel_all(self) -> None:
        for handle in list(self.handles):
            handle.cancel()

    def wait(self, msecs: int = 5000) -> bool:
        """Block until every worker has returned (used on quit and in tests)."""
        return self.pool.waitForDone(msecs)

    def busy(self) -> bool:
        return bool(self.handles)
