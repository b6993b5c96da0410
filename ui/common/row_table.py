"""The one way the window sets up a table of records: whole rows selected one at a time, no wrapping, fixed
22-pixel rows without a row header (a paged model's rows must all be alike in height to scroll a million)."""

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


def row_table(model, parent=None) -> QTableView:
    """A QTableView over model with the window's row settings; sorting and columns are the caller's."""
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(22)
    return view
