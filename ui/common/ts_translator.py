"""English straight from resources/i18n/en.ts when en.qm was never built (a set-up that skipped lrelease, a build
without it): a QTranslator answering from the .ts file's finished messages."""

import xml.etree.ElementTree as ET

from PySide6.QtCore import QTranslator


def read_ts(path) -> dict[tuple[str, str, str], str]:
    """{(context, source, disambiguation): translation} of every finished, non-obsolete message."""
    table = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete"):
                continue
            text = translation.text or "".join(n.text or "" for n in translation.iter("numerusform"))
            if text:
                table[(name, message.findtext("source") or "", message.findtext("comment") or "")] = text
    return table


class TsTranslator(QTranslator):
    def __init__(self, path, parent=None):
        super().__init__(parent)
        self.table = read_ts(path)

    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: N802 - Qt's name
        return self.table.get((context, source_text, disambiguation or ""), "")

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return not self.table
