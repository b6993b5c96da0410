"""Start the window: exception hook, QApplication, CJK font, translation, the AppContext, then the main window."""

import getpass
import os
import sys
from pathlib import Path

LANG_KEY = "ui/language"
CJK_FONTS = ("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
             "SimHei")
QUIT_ENV = "EVIDENCEDESK_QUIT_AFTER_SHOW"  # start-up benchmark: print the time the window was shown, then quit


def add_arguments(parser) -> None:
    parser.add_argument("path", nargs="?", help="证据包文件夹 / bundle folder")
    parser.add_argument("--lang", choices=("zh_CN", "en"), help="界面语言 / interface language")
    parser.add_argument("--store", metavar="DIR", help="审查库所在文件夹 / folder for the review store")


def run(args) -> int:
    return start_window(args.path, lang=args.lang, store_dir=args.store)


def pick_font(app) -> str | None:
    """Set the application font to the first CJK-capable family present; returns its name."""
    from PySide6.QtGui import QFont, QFontDatabase

    families = set(QFontDatabase.families())
    for family in CJK_FONTS:
        if family in families:
            font = QFont(family)
            font.setPointSize(max(app.font().pointSize(), 10))
            app.setFont(font)
            return family
    return None


def install_translators(app, lang: str) -> list:
    """English: our en.qm, else en.ts read at start (a set-up that never built the .qm); Chinese: Qt's own zh_CN
    strings for its standard dialogs and buttons (the file dialog among them)."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    from models.common.i18n import set_language
    from models.common.resources import resource_path

    set_language(lang)
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    wanted = [(str(resource_path("i18n")), "en")] if lang == "en" else [(qt_folder, "qtbase_zh_CN")]
    installed = []
    for folder, name in wanted:
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            installed.append(translator)
    if lang == "en" and not installed:
        source = resource_path("i18n") / "en.ts"
        if source.exists():
            from ui.common.ts_translator import TsTranslator

            translator = TsTranslator(source, app)
            app.installTranslator(translator)
            installed.append(translator)
    return installed


def make_application(argv=None):
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    QCoreApplication.setOrganizationName("EvidenceDesk")
    QCoreApplication.setApplicationName("EvidenceDesk")
    app = QApplication.instance() or QApplication(list(argv or sys.argv[:1]))
    app.setApplicationDisplayName("证审台 EvidenceDesk")
    return app


def make_context(store_dir=None, settings=None, runner=None):
    """The AppContext handed to the window: settings, thread pool, store folder, reviewer, checks registry."""
    from PySide6.QtCore import QSettings

    from ui.common.context import AppContext
    from ui.common.tasks import TaskRunner

    settings = settings if settings is not None else QSettings()
    reviewer = str(settings.value("review/reviewer", "") or "") or getpass.getuser()
    return AppContext(runner=runner or TaskRunner(), settings=settings,
                      store_dir=Path(store_dir) if store_dir else None, registry=None, reviewer=reviewer)


def start_window(path=None, lang: str | None = None, store_dir=None) -> int:
    """Show the window (opening path when given) and run the event loop; returns the exit status."""
    from ui.common.errors import install_excepthook

    window_ref = []
    install_excepthook(lambda: window_ref[0] if window_ref else None)
    app = make_application()
    context = make_context(store_dir)
    lang = lang or str(context.settings.value(LANG_KEY, "zh_CN"))
    install_translators(app, lang)
    pick_font(app)
    from ui.window.main_window import MainWindow

    window = MainWindow(context)
    window_ref.append(window)
    from ui.window.terminate import install_terminate

    window.terminate_notifier = install_terminate(window, app)
    window.showMaximized() if window.open_maximised else window.show()
    from PySide6.QtCore import QTimer

    if path:
        QTimer.singleShot(0, lambda: window.open_bundle(path))
    if os.environ.get(QUIT_ENV):
        QTimer.singleShot(0, lambda: _report_shown(app))
    return app.exec()


def _report_shown(app) -> None:
    import time

    print(f"window-shown {time.time():.3f}", flush=True)
    app.quit()
