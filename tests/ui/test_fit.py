"""The window fits a 1366x768 laptop and a 1920x1080 screen, its minimum stays under 1280x720 whatever the case."""

import os

import pytest
from PySide6.QtCore import QRect, QSettings, QSize

from tests.ui.demo_window import demo_cases, new_window, open_checked, stop
from tests.ui.shots import save_shot, use_cjk_font
from ui.window.fit import inside, opening_geometry, place_window, remember_window

LAPTOP = QRect(0, 0, 1366, 728)  # 1366x768 less a 40 px task bar
DESKTOP = QRect(0, 0, 1920, 1040)
LIMIT = QSize(1280, 720)


def test_a_laptop_screen_opens_maximised_on_its_available_area():
    rect, maximised = opening_geometry(LAPTOP)
    assert maximised and rect == LAPTOP


def test_a_large_screen_opens_centred_inside_its_area():
    rect, maximised = opening_geometry(DESKTOP)
    assert not maximised
    assert DESKTOP.contains(rect) and rect.width() >= 1400 and rect.height() >= 860
    assert abs(rect.center().x() - DESKTOP.center().x()) <= 1


def test_a_geometry_saved_on_a_larger_screen_is_brought_inside():
    fitted = inside(QRect(300, 200, 1800, 1000), LAPTOP)
    assert LAPTOP.contains(fitted) and fitted.size() == QSize(1366, 728)
    assert inside(QRect(-50, 900, 400, 300), LAPTOP).topLeft().toTuple() == (0, 428)


def test_the_users_geometry_is_remembered(qtbot, tmp_path, store_dir):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    first = new_window(qtbot, tmp_path, store_dir, settings)
    first.setGeometry(QRect(40, 60, 1100, 700))
    remember_window(first, settings)
    second = new_window(qtbot, tmp_path, store_dir, settings)
    assert place_window(second, settings, DESKTOP) is False
    assert second.geometry().size() == QSize(1100, 700)


@pytest.fixture(scope="module")
def cases(tmp_path_factory):
    return demo_cases(tmp_path_factory.mktemp("fit"))


@pytest.mark.parametrize("tab", [0, 1, 2, 3])
def test_the_minimum_stays_under_1280x720_with_the_training_case(qtbot, qapp, tmp_path, store_dir, cases, tab):
    use_cjk_font(qapp)
    window = new_window(qtbot, tmp_path, store_dir)
    window.resize(1366, 768)
    window.show()
    try:
        open_checked(qtbot, window, cases["training"])
        window.tabs.setCurrentIndex(tab)
        qtbot.wait(50)
        hint = window.minimumSizeHint()
        assert hint.width() <= LIMIT.width() and hint.height() <= LIMIT.height(), hint
        window.resize(1366, 768)
        qtbot.wait(50)
        assert window.size() == QSize(1366, 768)
        if tab == 2 and os.environ.get("EVIDENCEDESK_SHOTS"):
            save_shot(window, "review-1366x768", tmp_path)
    finally:
        stop(window)


def test_every_pane_has_a_usable_share(qtbot, qapp, tmp_path, store_dir, cases):
    window = new_window(qtbot, tmp_path, store_dir)
    window.resize(1366, 768)
    window.show()
    try:
        open_checked(qtbot, window, cases["clean"])
        qtbot.wait(50)
        left, middle, right = window.splitter.sizes()
        assert left >= 200 and right >= 250 and middle >= 700, (left, middle, right)
    finally:
        stop(window)
