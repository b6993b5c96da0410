"""A 1M-record inventory: open it in the file table, scroll to the bottom (fetchMore batches), sort; print RSS."""

import os
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
RECORDS = int(os.environ.get("BENCH_RECORDS", "1000000"))


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def make_store(path: Path):
    from models.store.store import open_store_file

    store = open_store_file(path)
    base = 1_790_000_000_000_000_000
    rows = ((f"evidence/E{i % 4 + 1}/用户{i // 10000:03d}/聊天记录/文件_{i:07d}.txt", f"E{i % 4 + 1}", 1, "file",
             (i * 7919) % 5_000_000, base + i * 1_000_000_123, base, base + i, None) for i in range(RECORDS))
    with store.db.conn:
        store.db.conn.executemany("INSERT INTO files(path, item, listed, kind, size, modified_ns, accessed_ns, "
                                  "changed_ns, created_ns) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return store


def timed(label: str, fn):
    started = time.perf_counter()
    result = fn()
    print(f"{label}: {time.perf_counter() - started:.2f} s, RSS {rss_mb():.0f} MB")
    return result


def scroll_to_bottom(app, tab) -> int:
    model, view = tab.model, tab.view
    while model.canFetchMore():
        view.scrollToBottom()
        app.processEvents()  # the view asks for the next batch itself when it reaches the end
    view.scrollToBottom()
    app.processEvents()
    return model.rowCount()


def wait_for_sort(app, tab) -> None:
    app.processEvents()
    while tab.sort_task is not None and tab.sort_task.running:
        app.processEvents()
        time.sleep(0.005)
    app.processEvents()


def wait_for_counts(app, tree, bundle, store) -> None:
    done = []
    tree.counted.connect(lambda: done.append(True))
    tree.set_case(bundle, store)
    while not done:
        app.processEvents()
        time.sleep(0.002)


def main() -> None:
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from ui.app import make_context, pick_font
    from ui.files.files_tab import FilesTab
    from ui.files.item_tree import ItemTree

    pick_font(app)
    folder = Path(tempfile.mkdtemp(prefix="ed-million-"))
    print(f"start: RSS {rss_mb():.0f} MB")
    store = timed(f"generate {RECORDS:,} records (executemany)", lambda: make_store(folder / "m.sqlite"))
    print(f"store file: {(folder / 'm.sqlite').stat().st_size / 1e6:.0f} MB")
    context = make_context(settings=QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat))
    bundle = SimpleNamespace(timezone="Asia/Shanghai", root=folder, adhoc=False,
                             items=[{"id": f"E{i}", "title": f"证据{i}", "kind": "obtained"} for i in range(1, 5)])
    tab, tree = FilesTab(context), ItemTree(context)
    tab.resize(1000, 800)
    tab.show()
    timed("open: first rows on screen", lambda: (tab.set_case(bundle, store), app.processEvents()))
    timed("item tree on the GUI thread (items, folder tree)", lambda: tree.set_case(bundle, store))
    timed("item tree's counts per item (a worker) shown", lambda: wait_for_counts(app, tree, bundle, store))
    rows = timed("scroll to bottom through fetchMore batches", lambda: scroll_to_bottom(app, tab))
    print(f"rows fetched: {rows:,}")
    timed("sort by size (descending): its index built in a worker, then first rows",
          lambda: (tab.view.sortByColumn(1, Qt.SortOrder.DescendingOrder), wait_for_sort(app, tab)))
    timed("sorted: scroll to bottom", lambda: scroll_to_bottom(app, tab))
    timed("filter one folder", lambda: (tab.set_filter({"prefix": "evidence/E2/用户050"}), app.processEvents()))
    peak = next(line for line in Path("/proc/self/status").read_text().splitlines() if line.startswith("VmHWM"))
    print(f"peak RSS: {int(peak.split()[1]) / 1024:.0f} MB (limit 500 MB)")
    store.close()
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()


if __name__ == "__main__":
    main()
