"""A main window on the built-in demo cases, opened, scanned, typed and checked: shared by the window tests."""

from pathlib import Path

from PySide6.QtCore import QSettings

from ui.app import make_context
from ui.window.main_window import MainWindow

CASE_TIMEOUT = 60_000


def demo_cases(folder: Path) -> dict[str, Path]:
    """{'clean': ..., 'training': ...} written by models.demo.demo under folder."""
    from models.demo.demo import write_demo

    clean, training, _key = write_demo(folder / "demo")
    return {"clean": clean, "training": training}


def new_window(qtbot, tmp_path, store_dir, settings=None) -> MainWindow:
    settings = settings or QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(make_context(store_dir=store_dir, settings=settings))
    qtbot.addWidget(window)
    return window


def open_checked(qtbot, window, path) -> None:
    """Open path and wait for its scan, typing pass and auto checks (the runner idle again)."""
    with qtbot.waitSignals([window.scan_finished, window.types_finished], timeout=CASE_TIMEOUT):
        assert window.open_bundle(path)
    qtbot.waitUntil(lambda: not any(h.running for h in window.context.runner.handles), timeout=CASE_TIMEOUT)


def stop(window) -> None:
    window.context.runner.cancel_all()
    window.context.runner.wait(10_000)
