"""100k files: time until the window lists them (stat phase), beside `find -printf` on the same tree in the same run."""

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
FILES = int(os.environ.get("BENCH_FILES", "100000"))
TREE = os.environ.get("BENCH_TREE")  # an existing tree made by make_tree, to skip making it again
PER_DIR = 1000


def make_tree(root: Path) -> None:
    for i in range(FILES):
        folder = root / "evidence" / f"d{i // PER_DIR:04d}"
        if i % PER_DIR == 0:
            folder.mkdir(parents=True)
        (folder / f"文件_{i:06d}.txt").write_bytes(b"x" * (i % 100))


def time_find(root: Path) -> float:
    started = time.perf_counter()
    subprocess.run(["find", str(root), "-printf", "%p %s %T@ %A@ %C@\n"], stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started


def time_window(app, root: Path, store_dir: Path) -> dict:
    from PySide6.QtCore import QEventLoop, QSettings, QTimer

    from ui.app import make_context
    from ui.window.main_window import MainWindow

    context = make_context(store_dir=store_dir,
                           settings=QSettings(str(store_dir / "s.ini"), QSettings.Format.IniFormat))
    window = MainWindow(context)
    window.show()
    for _ in range(20):  # the window finishes its start-up (extra tabs, warm-up imports, helper server)
        app.processEvents()
        time.sleep(0.01)
    context.runner.wait(30_000)  # as it does while a person picks a bundle
    app.processEvents()
    marks, loop = {}, QEventLoop()
    window.scan_finished.connect(lambda _summary: loop.quit())

    beats = []

    def look() -> None:  # as a person sees it: the event loop runs, a timer notes the first rows
        beats.append(time.perf_counter())  # and its largest gap is the GUI thread's longest stall
        if "first" not in marks and window.files_tab.model.rowCount():
            marks["first"] = time.perf_counter() - started

    timer = QTimer(interval=5, timeout=look)
    timer.start()
    started = time.perf_counter()
    window.open_bundle(root)
    loop.exec()
    timer.stop()
    marks["all"] = time.perf_counter() - started
    marks["stall"] = max((b - a for a, b in zip(beats, beats[1:])), default=0.0) * 1000
    marks["count"] = window.files_tab.model.total_count()
    context.runner.cancel_all()  # the typing pass that follows is not part of the listing
    context.runner.wait(60_000)
    window.close()
    return marks


def main() -> None:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    work = Path(tempfile.mkdtemp(prefix="ed-listing-"))
    try:
        tree = Path(TREE) if TREE else work / "bundle"
        if not TREE:
            started = time.perf_counter()
            make_tree(tree)
            print(f"made {FILES:,} files in {time.perf_counter() - started:.1f} s")
        find_cold = time_find(tree)
        marks = time_window(app, tree, work / "store")
        find_warm = time_find(tree)
        print(f"find -printf (size, m/a/c times): {find_cold:.2f} s first, {find_warm:.2f} s again")
        print(f"window, new store: first rows on screen {marks['first']:.2f} s, all {marks['count']:,} listed "
              f"{marks['all']:.2f} s   (target < 2 s); GUI thread's longest stall {marks['stall']:.0f} ms")
        again = time_window(app, tree, work / "store")
        print(f"window, reopened (store reused): first rows {again['first']:.2f} s, rescan done {again['all']:.2f} s; "
              f"longest stall {again['stall']:.0f} ms")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
