"""The 时间异常 list under the timeline as a model over the anomalies: tens of thousands of them (every file of a
copy made after the seizure, say) are shown without one widget item each (a QListWidget took ~1 s to fill and
~1 s to clear 30k, on the GUI thread)."""

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt

PathRole = Qt.ItemDataRole.UserRole
NsRole = Qt.ItemDataRole.UserRole + 1


class AnomalyListModel(QAbstractListModel):
    """set_anomalies(anomalies, text_of, ns_of, path_of): one row each; the text is made when a row is drawn."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list = []
        self._text = self._ns = self._path = lambda _a: None

    def set_anomalies(self, anomalies: list, text_of, ns_of, path_of) -> None:
        self.beginResetModel()
        self._rows = anomalies
        self._text, self._ns, self._path = text_of, ns_of, path_of
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        anomaly = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            path = self._path(anomaly) or ""
            return f"⚠ {path}　{self._text(anomaly)}" if path else f"⚠ {self._text(anomaly)}"  # one line each: path first
        if role == PathRole:
            return self._path(anomaly)
        if role == NsRole:
            return self._ns(anomaly)
        return None
