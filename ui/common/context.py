"""The long-lived things every widget needs, built once in ui/app.py and passed through constructors."""

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings

from ui.common.tasks import TaskRunner


@dataclass
class AppContext:
    runner: TaskRunner
    settings: QSettings
    store_dir: Path | None = None
    registry: object | None = None  # the checks registry, or None before it is loaded
    reviewer: str = ""
