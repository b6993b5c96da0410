"""The main window on a fresh context of its own (a settings file in the test's folder), shown at 1400x800 and
its workers stopped afterwards; a test module may define its own `window` instead."""

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from ui.app import make_context
from ui.window.main_window import MainWindow


@pytest.fixture
def window(qtbot, tmp_path, store_dir):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    context = make_context(store_dir=store_dir, settings=settings)
    win = MainWindow(context)
    qtbot.addWidget(win)
    win.resize(1400, 800)
    win.show()
    yield win
    context.runner.cancel_all()
    context.runner.wait(10_000)


@pytest.fixture
def shown(monkeypatch):
    """Every message box the window shows: (kind, title, text); an exception reaching a slot fails the test."""
    found = []
    for name in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name,
                            lambda parent, title, text, *a, n=name, **k: found.append((n, title, text)))
    return found
