"""A drawn histogram of timestamps over time, so a person sees the bursts; drag across it to pick a time window.

On a case the counts come from one GROUP BY query over the store's timeline (set_histogram); a list of instants
(set_times) is binned here, for small lists."""

from bisect import bisect_left

from PySide6.QtCore import QLineF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from models.common.timeutil import format_local
from models.timeline.timeline import density

BIN_PIXELS = 4  # one bar every few pixels: fine enough for bursts, coarse enough to count
AXIS_HEIGHT = 16
BAR = QColor("#3a6ea5")
MARK = QColor("#d08a00")
SELECTION = QColor(58, 110, 165, 50)


class DensityStrip(QWidget):
    """set_histogram((start, end, counts), total, tz_name) or set_times(ns list, tz_name); signal
    window_picked(start_ns, end_ns) after a drag; marks for anomalies."""

    window_picked = Signal(object, object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.times: list[int] = []
        self.marks: list[int] = []
        self.tz: str | None = None
        self.bins: list[int] = []
        self.total = 0
        self.start = self.end = 0
        self._drag: tuple[float, float] | None = None
        self._columns: tuple = (None, [])
        self.setMinimumHeight(70)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)

    def set_times(self, times: list[int], tz_name: str | None, marks: list[int] | None = None) -> None:
        self.times = sorted(times)
        self.marks = sorted(marks or [])
        self.tz = tz_name
        self._rebin()
        self.update()

    def set_marks(self, marks: list[int]) -> None:
        """The anomalies' instants, ticked above the bars."""
        self.marks = sorted(marks)
        self.update()

    def set_histogram(self, found: tuple[int, int, list[int]] | None, total: int, tz_name: str | None,
                      marks: list[int] | None = None) -> None:
        """Counts binned by the store (models.timeline.timeline_store.histogram): no list of instants is kept."""
        self.times = []
        self.marks = sorted(marks or [])
        self.tz = tz_name
        self.total = total
        if found is None:
            self.bins, self.start, self.end = [], 0, 0
        else:
            self.start, self.end, self.bins = found[0], found[1], list(found[2])
        self.update()

    def bin_count(self) -> int:
        return max(1, self.width() // BIN_PIXELS)

    def _rebin(self) -> None:
        if not self.times:
            if not self.total:
                self.bins, self.start, self.end = [], 0, 0
            return  # a histogram from the store keeps its bins, drawn wider or narrower
        self.total = len(self.times)
        self.start, self.end = self.times[0], self.times[-1]
        self.bins = density(self.times, self.bin_count(), self.start, self.end, presorted=True)

    def resizeEvent(self, event) -> None:
        self._rebin()
        super().resizeEvent(event)

    # --- geometry ----------------------------------------------------------------------------------
    def _x_to_ns(self, x: float) -> int:
        span = max(1, self.end - self.start + 1)
        return self.start + int(max(0.0, min(1.0, x / max(1, self.width()))) * span)

    def _ns_to_x(self, ns: int) -> float:
        span = max(1, self.end - self.start + 1)
        return (ns - self.start) * self.width() / span

    # --- drawing -----------------------------------------------------------------------------------
    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().base())
        if not self.bins:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("没有时间记录"))
            return
        self._draw_bars(painter)
        self._draw_marks(painter)
        self._draw_axis(painter)
        if self._drag:
            left, right = sorted(self._drag)
            painter.fillRect(QRectF(left, 0, right - left, self.height()), SELECTION)

    def _draw_bars(self, painter: QPainter) -> None:
        height = self.height() - AXIS_HEIGHT - 4
        peak = max(self.bins) or 1
        width = self.width() / len(self.bins)
        bars = []
        for i, count in enumerate(self.bins):
            if count:
                bar = max(2.0, height * (count / peak) ** 0.5)  # square root: single files stay visible
                bars.append(QRectF(i * width, height + 2 - bar, max(1.0, width - 1), bar))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(BAR)
        painter.drawRects(bars)  # one call: a fillRect a bar took ~40 ms while a worker ran Python
        painter.setBrush(Qt.BrushStyle.NoBrush)

    def mark_columns(self) -> list[int]:
        """The pixel columns holding at least one mark, jumping from column to column by bisection (tens of
        thousands of anomalies drawn one line each took ~40 ms a paint)."""
        key = (self.start, self.end, self.width(), len(self.marks), id(self.marks))
        if self._columns[0] == key:
            return self._columns[1]
        columns, marks = [], self.marks
        i = bisect_left(marks, self.start)
        while i < len(marks) and marks[i] <= self.end:
            x = int(self._ns_to_x(marks[i]))
            columns.append(x)
            i = bisect_left(marks, max(self._x_to_ns(x + 1), marks[i] + 1), i + 1)
        self._columns = (key, columns)
        return columns

    def _draw_marks(self, painter: QPainter) -> None:
        painter.setPen(QPen(MARK, 1.5))
        painter.drawLines([QLineF(x, 0, x, 6) for x in self.mark_columns()])

    def _draw_axis(self, painter: QPainter) -> None:
        painter.setPen(self.palette().text().color())
        y = self.height() - AXIS_HEIGHT
        painter.drawLine(0, y, self.width(), y)
        left = format_local(self.start, self.tz) or ""
        right = format_local(self.end, self.tz) or ""
        rect = self.rect().adjusted(2, y, -2, 0)
        painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, left)
        painter.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, right)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.tr("%1 个时间").replace("%1", f"{self.total:,}"))

    # --- picking a window --------------------------------------------------------------------------
    def mousePressEvent(self, event) -> None:
        if self.bins and event.button() == Qt.MouseButton.LeftButton:
            x = event.position().x()
            self._drag = (x, x)

    def mouseMoveEvent(self, event) -> None:
        x = event.position().x()
        if self._drag:
            self._drag = (self._drag[0], x)
            self.update()
        elif self.bins:
            ns = self._x_to_ns(x)
            index = min(len(self.bins) - 1, int(x / max(1, self.width()) * len(self.bins)))
            self.setToolTip(f"{format_local(ns, self.tz)}\n" + self.tr("此段 %1 个时间").replace(
                "%1", str(self.bins[index])))

    def mouseReleaseEvent(self, event) -> None:
        if not self._drag:
            return
        left, right = sorted(self._drag)
        self._drag = None
        self.update()
        if right - left < 3:  # a click: the bar under the pointer
            width = self.width() / len(self.bins)
            left = int(left // width) * width
            right = left + width
        start, end = self._x_to_ns(left), self._x_to_ns(right)
        self.window_picked.emit(start, max(end, start + 1))

    def count_between(self, start: int, end: int) -> int:
        """Times in [start, end): exact from a list; from a histogram, the bins the window overlaps."""
        if self.times or not self.bins:
            return bisect_left(self.times, end) - bisect_left(self.times, start)
        step = (self.end - self.start) // len(self.bins) + 1
        first = max(0, (start - self.start) // step)
        last = min(len(self.bins) - 1, (end - 1 - self.start) // step)
        return sum(self.bins[first:last + 1]) if last >= first else 0
