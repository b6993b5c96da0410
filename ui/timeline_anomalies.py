"""The 时间异常 list under the timeline as a model over the anomalies: tens of thousands of them (every file of a
copy made after the seizure, say) are shown without one widget item each (a QListWidget took ~1 s to fill and
~1 s to clear 30k, on the GUI thread)."""

from PySide6.QtCore import QStringListModel, Qt

PathRole = Qt.ItemDataRole.UserRole
NsRole = Qt.ItemDataRole.UserRole + 1
TOOLTIP = Qt.ItemDataRole.ToolTipRole


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
