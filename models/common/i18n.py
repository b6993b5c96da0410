"""Translation of user-visible strings: source strings are Chinese, English comes from a .qm file."""

try:
    from PySide6.QtCore import QCoreApplication
except ImportError:  # pragma: no cover - Qt is a hard dependency, this keeps models importable anyway
    QCoreApplication = None

CONTEXT = "EvidenceDesk"
_language = {"name": "zh_CN"}  # the window's interface language, set where its translators are installed


def set_language(name: str) -> None:
    _language["name"] = name


def language() -> str:
    """'zh_CN' (the default) or 'en'."""
    return _language["name"]


def tr(text: str, context: str = CONTEXT) -> str:
    """Translate through Qt's installed translators; with none installed the Chinese text returns."""
    if QCoreApplication is None:
        return text
    return QCoreApplication.translate(context, text)
