"""工具 > E01 文件头代码页: the code page an E01's narrow header is read in, chosen per case and kept in its review
store (models.image.disk.codepages), where the checks and `check --header-codepage` read it too. The detail pane reads
the header again at once; the checks take it at their next run."""

from PySide6.QtGui import QActionGroup


def install_codepage_menu(window):
    menu = window.menus["tools"].addMenu(window.tr("E01 文件头代码页"))
    window.codepage_menu = menu
    menu.aboutToShow.connect(lambda: fill_codepage_menu(window))
    fill_codepage_menu(window)
    return menu


def codepage_choices(window) -> list[tuple[str | None, str]]:
    """(name or None for the default, the reader's words): only the code pages the installed libewf accepts."""
    from models.image.disk.codepages import supported
    from ui.detail.image_section import codepage_text

    default = window.tr("默认（按 ASCII 读取，出现乱码时按 windows-936）")
    return [(None, default)] + [(name, codepage_text(name)) for name in supported()]


def fill_codepage_menu(window) -> None:
    """One checkable entry a code page, the case's choice checked; nothing to choose while no case is open."""
    from models.image.disk.codepages import stored

    menu = window.codepage_menu
    menu.clear()
    old = getattr(window, "codepage_group", None)
    if old is not None:
        old.deleteLater()
    group = window.codepage_group = QActionGroup(menu)
    current = stored(window.store) if window.store is not None else None
    for name, text in codepage_choices(window):
        action = menu.addAction(text)
        action.setCheckable(True)
        action.setChecked(name == current)
        action.setEnabled(window.store is not None)
        action.setData(name or "")
        group.addAction(action)
        action.triggered.connect(lambda _=False, n=name: choose_codepage(window, n))


def choose_codepage(window, name: str | None) -> None:
    """Keep the choice in the case's store, show the image details read in it, and say the checks follow."""
    from models.image.disk.codepages import remember
    from ui.common.store_write import written
    from ui.detail.image_section import codepage_text

    if window.store is None:
        return
    if not written(window, window.store, remember, window.store, name, window.context.reviewer)[0]:
        return
    window.detail.refresh()
    shown = codepage_text(name) if name else window.tr("默认")
    window.progress.show_message(window.tr("E01 文件头代码页：%1（本案）。重新运行自动检查后，检查结果按此读取")
                                 .replace("%1", shown))
