"""A first sort of a large inventory builds its index in a worker, then sorts; small ones sort at once."""

from PySide6.QtCore import QModelIndex, QSettings, Qt

import models.store.sort_keys as sort_keys
from models.store.sort_keys import has_sort_index
from models.store.store import open_store_file
from tests.ui.test_file_table_model import insert_records
from ui.app import make_context
from ui.files.file_table_model import COL_NAME, COL_SIZE, FileTableModel
from ui.files.files_tab import FilesTab


def _sizes(model) -> list:
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    return [-1 if model.record(r)["size"] is None else model.record(r)["size"] for r in range(model.rowCount())]


def test_large_inventory_asks_for_the_index_first(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr("ui.files.file_table_model.INDEX_FROM", 1000)
    store = open_store_file(tmp_path / "s.sqlite")
    insert_records(store, 1500)
    model = FileTableModel()
    model.set_store(store, "Asia/Shanghai")
    with qtbot.waitSignal(model.index_needed) as asked:
        model.sort(COL_SIZE, Qt.SortOrder.DescendingOrder)
    assert asked.args[0] == COL_SIZE
    assert model.record(0)["id"] == 1  # still in scan order until the index is there
    model.sort(COL_NAME)  # the name order has its own index: sorts at once
    assert model.record(0)["path"] == min(r[0] for r in store.db.execute("SELECT path FROM files"))
    store.close()


def test_files_tab_builds_the_index_in_a_worker_then_sorts(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr("ui.files.file_table_model.INDEX_FROM", 1000)
    store = open_store_file(tmp_path / "s.sqlite")
    insert_records(store, 1500)
    context = make_context(store_dir=tmp_path, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    tab = FilesTab(context)
    qtbot.addWidget(tab)
    bundle = type("Bundle", (), {"timezone": "Asia/Shanghai"})()
    tab.set_case(bundle, store)
    tab.model.sort(COL_SIZE, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: tab.sort_task is not None and not tab.sort_task.running, timeout=10_000)
    qtbot.waitUntil(lambda: _sizes(tab.model)[:1] == [max(_sizes(tab.model))], timeout=5_000)
    sizes = _sizes(tab.model)
    assert sizes == sorted(sizes, reverse=True) and len(sizes) == 1500
    assert has_sort_index(store.db.conn, "size")
    store.close()
    assert sort_keys.INDEX_FROM > 1000  # the module's own threshold is untouched by the patch above
