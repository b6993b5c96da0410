"""The code page of an E01's narrow header, chosen per case: the names libewf knows, those the installed libewf
accepts (asked of it, not assumed), and the choice kept in the case's review store beside its other settings.
Unset, an E01 is read as ASCII and, when that leaves U+FFFD, as windows-936 (models.image.disk.media)."""

from __future__ import annotations

from functools import lru_cache

STORE_KEY = "image.header_codepage"
# ewfacquire's -A list: the code pages an EWF narrow header may be written in
NAMES = ("ascii", "windows-874", "windows-932", "windows-936", "windows-949", "windows-950",
         *(f"windows-{n}" for n in range(1250, 1259)))


class CodepageError(ValueError):
    """A code page libewf does not know or this libewf cannot read."""


@lru_cache(maxsize=1)
def supported() -> tuple[str, ...]:
    """The names the installed libewf accepts (pyewf 20260924 refuses windows-949 and windows-950)."""
    try:
        import pyewf
    except ImportError:
        return ()
    handle = pyewf.handle()
    accepted = []
    for name in NAMES:
        try:
            handle.set_header_codepage(name)
        except (OSError, ValueError, TypeError):
            continue
        accepted.append(name)
    return tuple(accepted)


def normalized(text: str | None) -> str | None:
    """'936', 'cp936', 'CP936', 'Windows-936' -> 'windows-936'; 'ASCII' -> 'ascii'; '' or None -> None."""
    name = str(text or "").strip().lower()
    if not name:
        return None
    if name.startswith("cp"):
        name = name[2:]
    return name if name == "ascii" or name.startswith("windows-") else f"windows-{name}"


def checked(text: str | None) -> str | None:
    """The normalized name, or CodepageError with one line naming what this libewf accepts."""
    name = normalized(text)
    if name is None:
        return None
    if name not in supported():
        known = "已知但本机 libewf 不支持" if name in NAMES else "未知的代码页"
        raise CodepageError(f"E01 文件头代码页 {str(text).strip()!r}：{known} / unsupported header code page; "
                            f"可用 / accepted: {', '.join(supported()) or '（无 libewf）'}")
    return name


def stored(store) -> str | None:
    """The case's chosen code page, None when none was chosen (or one this libewf no longer accepts)."""
    if store is None:
        return None
    name = normalized(store.meta(STORE_KEY))
    return name if name in supported() else None


def remember(store, text: str | None, reviewer: str = "") -> str | None:
    """Keep the case's code page (None or '' goes back to the default), audited; the name kept, or None."""
    from models.store.guards import settings_audit

    name = checked(text)
    settings_audit.keep(store, STORE_KEY, name or "", reviewer)
    return name
