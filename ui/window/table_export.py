"""工具 > 导出当前表格为 CSV: what a table shows (its headers, every row, the text of each cell) in UTF-8 with BOM."""

import csv

from PySide6.QtCore import QModelIndex, Qt


def table_rows(model) -> list[list[str]]:
    """The header and every row as shown; a paged model is read to its end first."""
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    columns = model.columnCount(QModelIndex())
    rows = [[str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(columns)]]
    for row in range(model.rowCount(QModelIndex())):
        cells = [model.index(row, c).data(Qt.ItemDataRole.DisplayRole) for c in range(columns)]
        rows.append(["" if value is None else str(value) for value in cells])
    return rows


def export_csv(model, path) -> int:
    """Write model to path (never inside a bundle: the caller's dialog picks where); returns the data rows."""
    rows = table_rows(model)
    with open(path, "w", encoding="utf-8-sig", newline="") as out:  # the BOM lets spreadsheet programs read Chinese
        csv.writer(out).writerows(rows)
    return len(rows) - 1
