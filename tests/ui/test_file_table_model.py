"""The file table model pages from the store, sorts and filters by SQL, and passes Qt's model tester."""

import pytest
from PySide6.QtCore import QModelIndex, Qt

from models.store.store import open_store_file
from ui.files.file_table_model import (
    COL_CREATED,
    COL_MODIFIED,
    COL_NAME,
    COL_SIZE,
    COL_TYPE,
    FIRST_BATCH,
    FileTableModel,
    PathRole,
    RawValueRole,
    RecordRole,
)

BASE_NS = 1_790_000_000_123_456_789  # 2026-09-21T...Z


def insert_records(store, n: int, start: int = 0) -> None:
    rows = []
    for i in range(start, start + n):
        item = None if i % 10 == 0 else f"E{i % 3 + 1}"
        size = None if i % 7 == 0 else (i * 37) % 500  # many equal sizes: ties must not lose or repeat rows
        rows.append((f"evidence/E{i % 3 + 1}/d{i % 5}/f{i:05d}_%.txt", item, int(item is not None), "file", size,
                     BASE_NS + i * 1_000_000_000, None if i % 2 else BASE_NS))
    with store.db.conn:
        store.db.conn.executemany("INSERT INTO files(path, item, listed, kind, size, modified_ns, created_ns) "
                                  "VALUES (?, ?, ?, ?, ?, ?, ?)", rows)


@pytest.fixture
def store(tmp_path):
    store = open_store_file(tmp_path / "s.sqlite")
    insert_records(store, 2500)
    yield store
    store.close()


@pytest.fixture
def model(qtbot, store):
    model = FileTableModel()
    model.set_store(store, "Asia/Shanghai")
    return model


def fetch_all(model) -> list[dict]:
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    return [model.record(r) for r in range(model.rowCount())]


def test_qtmodeltester(qtmodeltester, model):
    qtmodeltester.check(model)
    model.sort(COL_SIZE, Qt.SortOrder.DescendingOrder)
    model.set_filter(item="E2")
    qtmodeltester.check(model)


def test_pages_in_batches_and_keeps_only_ids(model):
    assert model.rowCount() == FIRST_BATCH
    assert model.canFetchMore(QModelIndex())
    records = fetch_all(model)
    assert len(records) == 2500 and not model.canFetchMore(QModelIndex())
    assert [r["id"] for r in records] == list(range(1, 2501))


@pytest.mark.parametrize("column", [COL_NAME, COL_SIZE, COL_MODIFIED, COL_TYPE])
@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_sort_by_sql_is_complete_and_ordered(model, column, order):
    model.sort(column, order)
    records = fetch_all(model)
    assert sorted(r["id"] for r in records) == list(range(1, 2501))
    key = {COL_NAME: lambda r: r["path"], COL_SIZE: lambda r: -1 if r["size"] is None else r["size"],
           COL_MODIFIED: lambda r: r["modified_ns"], COL_TYPE: lambda r: r["mime"] or ""}[column]
    values = [key(r) for r in records]
    assert values == sorted(values, reverse=order == Qt.SortOrder.DescendingOrder)


def test_filters(model):
    model.set_filter(item="E2")
    assert {r["item"] for r in fetch_all(model)} == {"E2"}
    model.set_filter(unlisted=True)
    assert len(fetch_all(model)) == 250
    model.set_filter(prefix="evidence/E1/d0")
    assert all(r["path"].startswith("evidence/E1/d0/") for r in fetch_all(model)) and model.rowCount() > 0
    model.set_filter(text="_%")  # LIKE wildcards are matched literally
    assert len(fetch_all(model)) == 2500
    model.set_filter(text="f00012_")
    assert [r["path"] for r in fetch_all(model)] == ["evidence/E1/d2/f00012_%.txt"]
    assert model.total_count() == 1


def test_display_roles(model):
    index = model.index(1, COL_MODIFIED)  # id 2
    assert model.data(index) == "2026-09-21 22:13:21 +08:00"
    assert model.data(index, RawValueRole) == BASE_NS + 1_000_000_000
    assert model.data(model.index(1, COL_NAME)) == "f00001_%.txt"
    assert model.data(model.index(1, COL_NAME), PathRole) == "evidence/E2/d1/f00001_%.txt"
    assert model.data(model.index(1, COL_SIZE), Qt.ItemDataRole.ToolTipRole) == "37 字节"
    assert model.data(model.index(1, COL_CREATED)) == "—"  # the source does not give it
    assert model.data(index, RecordRole)["id"] == 2
    model.set_utc(True)
    assert model.data(index) == "2026-09-21T14:13:21.123456789Z"


def test_new_records_join_while_scanning(model, store):
    fetch_all(model)
    insert_records(store, 30, start=2500)
    assert not model.canFetchMore(QModelIndex())
    model.append_new()
    assert len(fetch_all(model)) == 2530


def test_type_column_refresh(qtbot, model, store):
    assert model.data(model.index(0, COL_TYPE)) == ""
    store.db.execute("UPDATE files SET mime = 'text/plain' WHERE id = 1")
    store.db.conn.commit()
    assert model.data(model.index(0, COL_TYPE)) == ""  # cached page
    with qtbot.waitSignal(model.dataChanged) as blocker:
        model.refresh_column(COL_TYPE)
    assert blocker.args[0].column() == COL_TYPE
    assert model.data(model.index(0, COL_TYPE)) == "text/plain"


def test_type_refresh_repaints_only_cells_that_changed(model, store):
    seen = []
    model.dataChanged.connect(lambda a, b, _roles=(): seen.append((a.row(), a.column(), b.row(), b.column())))
    fetch_all(model)  # every page read once ...
    model.data(model.index(0, COL_TYPE))  # ... and the first one on screen
    model.refresh_column(COL_TYPE)
    assert seen == []  # nothing typed yet: no repaint at all
    with store.db.conn:
        store.db.execute("UPDATE files SET mime = 'image/jpeg' WHERE id IN (3, 700)")  # row 2 shown, row 699 not
    model.refresh_column(COL_TYPE)
    assert seen == [(2, COL_TYPE, 2, COL_TYPE)]
    assert model.data(model.index(2, COL_TYPE)) == "image/jpeg"
    assert model.data(model.index(699, COL_TYPE)) == "image/jpeg"  # read again when it is shown
    seen.clear()
    with store.db.conn:
        store.db.execute("UPDATE files SET mime = 'text/plain' WHERE id BETWEEN 11 AND 210")
    model.refresh_column(COL_TYPE)
    assert seen == [(10, COL_TYPE, 209, COL_TYPE)]  # many: one repaint of their span


def test_no_store_is_empty(qtmodeltester):
    model = FileTableModel()
    model.set_store(None, None)
    assert model.rowCount() == 0 and not model.canFetchMore(QModelIndex())
    qtmodeltester.check(model)


ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.TextAlignmentRole,
         Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.FontRole,
         Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.CheckStateRole, PathRole, RawValueRole)


def test_multi_data_answers_as_data_does(model, store):
    """What a view paints (multiData: every role of a cell in one call) equals data() role by role."""
    from PySide6.QtCore import QModelRoleData, QModelRoleDataSpan

    with store.db.conn:
        store.db.execute("UPDATE files SET error = '权限不足', mime = 'text/plain' WHERE id = 5")
    answered = 0
    for row in (0, 4, 10, 11):  # plain, an error, an addition outside any item, one more
        for column in range(model.columnCount()):
            index = model.index(row, column)
            for role in ROLES:
                role_data = QModelRoleData(int(role))
                model.multiData(index, QModelRoleDataSpan(role_data))
                expected = model.data(index, role)
                got = role_data.data()
                if hasattr(expected, "color"):  # a QBrush: equal colours
                    assert got is not None and got.color() == expected.color()
                else:
                    assert got == expected, (row, column, role)
                answered += expected is not None
    assert answered > 100  # the roles do carry values: text, tooltips, colours, raw values


def test_multi_data_clears_what_the_last_cell_left(model):
    """A view reuses its role list from cell to cell: a role without a value must be cleared, or the name
    column takes the size column's right alignment (it did)."""
    from PySide6.QtCore import QModelRoleData, QModelRoleDataSpan

    role_data = QModelRoleData(int(Qt.ItemDataRole.TextAlignmentRole))
    span = QModelRoleDataSpan(role_data)
    model.multiData(model.index(1, COL_SIZE), span)
    assert role_data.data() is not None
    model.multiData(model.index(1, COL_NAME), span)
    assert role_data.data() is None


def test_scan_end_refresh_repaints_only_rows_that_changed(model, store):
    """refresh_all reads the cached pages again: no repaint when nothing changed (a first scan), one row's
    repaint (every column) when one record changed (a rescan)."""
    seen = []
    model.dataChanged.connect(lambda a, b, _roles=(): seen.append((a.row(), a.column(), b.row(), b.column())))
    model.data(model.index(0, COL_SIZE))
    model.refresh_all()
    assert seen == []
    with store.db.conn:
        store.db.execute("UPDATE files SET size = 4242 WHERE id = 4")
    model.refresh_all()
    assert seen == [(3, 0, 3, model.columnCount() - 1)]
    assert model.data(model.index(3, COL_SIZE)) == "4.1 KB"


def test_multi_data_answers_anew_when_the_record_changes(model, store):
    """A cell's answers are kept only while its record is the one read: after a refresh, the new value."""
    from PySide6.QtCore import QModelRoleData, QModelRoleDataSpan

    role_data = QModelRoleData(int(Qt.ItemDataRole.DisplayRole))
    span = QModelRoleDataSpan(role_data)
    model.multiData(model.index(0, COL_TYPE), span)
    assert role_data.data() == ""
    with store.db.conn:
        store.db.execute("UPDATE files SET mime = 'image/png' WHERE id = 1")
    model.multiData(model.index(0, COL_TYPE), span)
    assert role_data.data() == ""  # the page read before
    model.refresh_column(COL_TYPE)
    model.multiData(model.index(0, COL_TYPE), span)
    assert role_data.data() == "image/png"


def test_refresh_repaints_only_the_rows_on_screen(model, store):
    """With the rows on screen given, a refresh repaints changed cells among them one by one (a span would
    make the view repaint its whole viewport) and none of the changed rows off screen."""
    seen = []
    model.dataChanged.connect(lambda a, b, _roles=(): seen.append((a.row(), a.column(), b.row(), b.column())))
    fetch_all(model)
    model.data(model.index(0, COL_TYPE))
    with store.db.conn:
        store.db.execute("UPDATE files SET mime = 'text/plain' WHERE id BETWEEN 1 AND 200")
    model.refresh_column(COL_TYPE, (5, 30))
    assert seen == [(row, COL_TYPE, row, COL_TYPE) for row in range(5, 31)]
    assert model.data(model.index(150, COL_TYPE)) == "text/plain"  # off screen: the new value when shown
    seen.clear()
    with store.db.conn:
        store.db.execute("UPDATE files SET size = 1 WHERE id IN (2, 90)")
    model.refresh_all((0, 40))
    assert seen == [(1, 0, 1, model.columnCount() - 1)]
