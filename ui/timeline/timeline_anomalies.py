"""The 时间异常 list under the timeline as a model over the anomalies: tens of thousands of them (every file of a
copy made after the seizure, say) are shown without one widget item each (a QListWidget took ~1 s to fill and
~1 s to clear 30k, on the GUI thread); and what the tab reads of an anomaly (its time, its line, its marks)."""

from PySide6.QtCore import QStringListModel, Qt

PathRole = Qt.ItemDataRole.UserRole
NsRole = Qt.ItemDataRole.UserRole + 1
TOOLTIP = Qt.ItemDataRole.ToolTipRole


def anomaly_field(obj, *names):
    """The first of these fields an anomaly (a models.timeline.anomalies.Anomaly or a dict) has."""
    for name in names:
        value = obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)
        if value is not None:
            return value
    return None


def anomaly_text(anomaly) -> str:
    return str(anomaly_field(anomaly, "message", "kind") or anomaly)


# anomaly kind -> (the kind of time it is about, the fact holding that instant)
ANOMALY_TIMES = {"modified_after_seizure": ("modified", "modified_ns"),
                 "created_after_modified": ("created", "created_ns"),
                 "exif_far_from_modified": ("exif_original", "exif_original_ns"),
                 "future_of_preparation": (None, "at_ns")}


def anomaly_target(anomaly) -> tuple[str | None, int | None]:
    """(kind of time, UTC ns) the anomaly is about; (None, None) when it is about no single time."""
    facts = anomaly_field(anomaly, "facts") or {}
    kind, key = ANOMALY_TIMES.get(anomaly_field(anomaly, "kind"), (None, None))
    ns = facts.get(key) if key else None
    return facts.get("kind_of_time", kind), ns if isinstance(ns, int) else None


def anomaly_ns(anomaly) -> int | None:
    return anomaly_target(anomaly)[1]


def anomaly_lines(anomalies) -> list[str]:
    """The anomaly list's line of each (made by the worker: 3,000 of them took the GUI thread ~10 ms)."""
    return [f"ⓘ {anomaly_text(a)}" if anomaly_field(a, "kind") == "copy_explained"
            else anomaly_line(anomaly_field(a, "path"), anomaly_text(a)) for a in anomalies]


def anomaly_marks(anomalies) -> tuple[dict, list[int]]:
    """({(path, kind of time or None): [messages]} for the table's tint and notes, sorted instants for the strip)."""
    by_key: dict[tuple, list[str]] = {}
    marks = []
    for anomaly in anomalies:
        kind, ns = anomaly_target(anomaly)
        path = anomaly_field(anomaly, "path")
        if path:
            by_key.setdefault((path, kind), []).append(anomaly_text(anomaly))
        if ns is not None:
            marks.append(ns)
    marks.sort()
    return by_key, marks


def anomaly_line(path: str | None, text: str) -> str:
    """One line each: the path first."""
    return f"⚠ {path}　{text}" if path else f"⚠ {text}"


class AnomalyListModel(QStringListModel):
    """set_anomalies(anomalies, text_of, ns_of, path_of): one row each. The lines are a QStringListModel's, so
    the row count and the indexes a view asks are answered in C++: a QListView laid out 3,000 rows with two
    index() calls a row, each asking a Python rowCount, ~8 ms of the GUI thread as the anomalies came. Not to be
    edited: the view that shows it sets no edit triggers."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list = []
        self._ns = self._path = lambda _a: None

    def set_anomalies(self, anomalies: list, text_of, ns_of, path_of, lines: list[str] | None = None) -> None:
        """lines: the rows' text made beforehand (a worker; anomaly_line of each), else made here."""
        self._rows = anomalies
        self._ns, self._path = ns_of, path_of
        if lines is None:
            lines = [anomaly_line(path_of(a), text_of(a)) for a in anomalies]
        self.setStringList(lines)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role == PathRole:
            return self._path(self._rows[index.row()])
        if role == NsRole:
            return self._ns(self._rows[index.row()])
        if role == TOOLTIP:
            role = Qt.ItemDataRole.DisplayRole
        return super().data(index, role)
