"""Why the system refused a read or a write, in a reviewer's words, with the system's own text after it.

OSError.strerror is English whatever the interface language; a prosecutor reads 没有访问权限, and the
technician still finds the exact reason in brackets (resources/labels.json, domain "os_error")."""

import errno

from models.common.labels import label


def os_reason(exc: BaseException, lang: str | None = None) -> str:
    """A one-line reason for exc: its errno's label, then the system's text; the text alone for other errors."""
    system = getattr(exc, "strerror", None) or str(exc)
    name = errno.errorcode.get(getattr(exc, "errno", None) or 0)
    if not name:
        return system
    words = label("os_error", name, lang)
    if words == name:  # no label written for this errno: the system's words are the best there are
        return system
    return f"{words}（{system}）" if lang != "en" else f"{words} ({system})"
