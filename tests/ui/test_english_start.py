"""--lang en shows English from the README's set-up: setup.sh builds en.qm, and without it en.ts is read at start."""

import shutil

from PySide6.QtCore import QCoreApplication, QTranslator

from models.common.i18n import language, set_language
from tests.helpers import ROOT
from tests.ui.test_translations import english_qm  # noqa: F401 - fixture
from ui.app import install_translators
from ui.common.ts_translator import TsTranslator, read_ts

TS = ROOT / "resources" / "i18n" / "en.ts"


def test_setup_builds_the_translations():
    assert "scripts/build_translations.sh" in (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")


def test_the_ts_reader_answers_as_the_compiled_file(english_qm):  # noqa: F811
    compiled = QTranslator()
    assert compiled.load(str(english_qm))
    table = read_ts(TS)
    assert len(table) > 500
    ts = TsTranslator(TS)
    for (context, source, comment), _text in table.items():
        assert ts.translate(context, source, comment or None) == compiled.translate(context, source, comment or None), \
            (context, source)


def test_english_without_a_built_qm(qapp, tmp_path, monkeypatch):
    folder = tmp_path / "resources" / "i18n"
    folder.mkdir(parents=True)
    shutil.copy(TS, folder / "en.ts")  # no en.qm beside it
    import models.common.resources

    monkeypatch.setattr(models.common.resources, "resource_path", lambda name: tmp_path / "resources" / name)
    before = language()
    installed = install_translators(qapp, "en")
    try:
        assert installed and isinstance(installed[0], TsTranslator)
        assert QCoreApplication.translate("MainWindow", "打开证据包…") == "Open bundle…"
    finally:
        for translator in installed:
            QCoreApplication.removeTranslator(translator)
        set_language(before)
