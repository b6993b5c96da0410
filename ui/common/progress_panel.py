"""The bottom bar: progress of the running task (count, bytes, MB/s, time left) and its cancel button."""

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget


def progress_text(label: str, done, total, done_bytes, total_bytes, elapsed: float) -> str:
    """'正在扫描：1,204 个文件，已用 1.2 秒', with bytes, rate and time left when they are known."""
    tr = lambda text: QCoreApplication.translate("ProgressPanel", text)  # noqa: E731
    count = f"{done:,}" + (f"/{total:,}" if total else "")
    parts = [tr("%1 个文件").replace("%1", count)]
    if done_bytes:
        size = f"{done_bytes / 1e6:,.1f}" + (f"/{total_bytes / 1e6:,.1f}" if total_bytes else "")
        parts.append(f"{size} MB")
        rate = done_bytes / elapsed if elapsed > 0 else 0
        if rate:
            parts.append(f"{rate / 1e6:,.0f} MB/s")
    parts.append(tr("已用 %1 秒").replace("%1", f"{elapsed:.1f}"))
    left = _time_left(done, total, done_bytes, total_bytes, elapsed)
    if left is not None:
        parts.append(tr("剩余约 %1 秒").replace("%1", f"{left:.0f}"))
    return f"{label}：" + "，".join(parts)


def _time_left(done, total, done_bytes, total_bytes, elapsed: float):
    if total_bytes and done_bytes and elapsed > 0:
        return max(0.0, (total_bytes - done_bytes) * elapsed / done_bytes)
    if total and done and elapsed > 0:
        return max(0.0, (total - done) * elapsed / done)
    return None



def set_bar(bar, done, total, done_bytes, total_bytes) -> None:
    """Fill a 0-1000 bar by bytes when the total is known, else by count; leave it as it is when neither is."""
    if total_bytes:
        bar.setRange(0, 1000)
        bar.setValue(int(1000 * done_bytes / total_bytes))
    elif total:
        bar.setRange(0, 1000)
        bar.setValue(int(1000 * done / total))

class ProgressPanel(QWidget):
    """Follows the context's TaskRunner: shows the newest running task; 取消 cancels it."""

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.runner = context.runner
        self.handle = None
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(260)
        self.bar.setTextVisible(False)
        self.label = QLabel(self.tr("就绪"))
        self._task_text = None  # what the panel itself last wrote for a running task
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.clicked.connect(self.cancel)
        for widget in (self.bar, self.cancel_button):
            # hidden when idle, their room kept: the bar's height changed with them, the window above was laid
            # out again and repainted whole as every task began and ended (~35 ms of the GUI thread)
            policy = widget.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            widget.setSizePolicy(policy)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(self.bar)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.cancel_button)
        self.runner.task_started.connect(self._started)
        self.runner.task_progress.connect(self._progress)
        self.runner.task_finished.connect(self._finished)
        self._idle()

    def cancel(self) -> None:
        if self.handle is not None:
            self.handle.cancel()
            self._say(self.tr("正在取消：%1").replace("%1", self.handle.label))

    def show_message(self, text: str) -> None:
        """A line saying what the last task did (the next task's progress replaces it)."""
        self._task_text = None
        self.label.setText(text)

    def _say(self, text: str) -> None:
        self._task_text = text
        self.label.setText(text)

    def _started(self, handle) -> None:
        if not handle.label:  # quiet background work (warm-up, timeline): the tab shows its own state
            return
        self.handle = handle
        self.bar.setRange(0, 0)  # busy until a total is known
        self.bar.show()
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)
        self._say(f"{handle.label}…")

    def _progress(self, handle, done, total, done_bytes, total_bytes) -> None:
        if handle is not self.handle or handle.cancel_event.is_set():
            return
        set_bar(self.bar, done, total, done_bytes, total_bytes)
        self._say(progress_text(handle.label, done, total, done_bytes, total_bytes, handle.elapsed))

    def _finished(self, handle) -> None:
        if handle is not self.handle:
            return
        running = [h for h in self.runner.handles if h.running and h.label]
        self.handle = None
        if running:
            self._started(running[-1])
        else:
            self._idle()

    def _idle(self) -> None:
        """No task runs: a task's own line (正在运行自动检查…) goes, a message saying what one did stays."""
        if self._task_text is not None and self.label.text() == self._task_text:
            self._task_text = None
            self.label.setText(self.tr("就绪"))
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        self.bar.hide()
        self.cancel_button.hide()
