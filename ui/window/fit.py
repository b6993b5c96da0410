"""The window fits the screen it opens on: a laptop's 1366x768 as well as 1920x1080, and remembers the user's own."""

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

GEOMETRY_KEY = "window/geometry"
MAXIMISED_KEY = "window/maximised"
SMALL_SCREEN = QSize(1600, 960)  # an available area below this opens maximised
SHARE = 0.85  # of a large screen's available area, centred


def scrolled(widget: QWidget) -> QScrollArea:
    """widget inside a frameless scroll area: its own minimum no longer sets the window's."""
    area = QScrollArea()
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setWidget(widget)
    return area


def opening_geometry(available: QRect) -> tuple[QRect, bool]:
    """(geometry, maximised) for a first opening on a screen whose available area is given."""
    if available.width() < SMALL_SCREEN.width() or available.height() < SMALL_SCREEN.height():
        return QRect(available), True
    size = QSize(int(available.width() * SHARE), int(available.height() * SHARE))
    rect = QRect(0, 0, size.width(), size.height())
    rect.moveCenter(available.center())
    return rect, False


def inside(rect: QRect, available: QRect) -> QRect:
    """rect shrunk to the available area and moved into it (a geometry saved on a larger screen)."""
    size = rect.size().boundedTo(available.size())
    fitted = QRect(rect.topLeft(), size)
    fitted.moveLeft(min(max(fitted.left(), available.left()), available.right() - size.width() + 1))
    fitted.moveTop(min(max(fitted.top(), available.top()), available.bottom() - size.height() + 1))
    return fitted


def place_window(window, settings, available: QRect) -> bool:
    """Put window on the available area: the saved geometry (kept inside it) or the opening one.
    True when it should be shown maximised."""
    saved = settings.value(GEOMETRY_KEY)
    if isinstance(saved, QRect) and saved.isValid():
        window.setGeometry(inside(saved, available))
        return str(settings.value(MAXIMISED_KEY, "false")).lower() == "true"
    rect, maximised = opening_geometry(available)
    window.setGeometry(rect)
    return maximised


def remember_window(window, settings) -> None:
    settings.setValue(GEOMETRY_KEY, window.normalGeometry())  # a QRect: kept inside whatever screen comes next
    settings.setValue(MAXIMISED_KEY, window.isMaximized())
