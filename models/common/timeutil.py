"""Instants as UTC nanoseconds or aware datetimes, shown in the case zone with the offset visible."""

import re
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_ZONE = "Asia/Shanghai"
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_FIRST, _LAST = datetime(2, 1, 1, tzinfo=timezone.utc), datetime(9998, 12, 31, tzinfo=timezone.utc)
_OFFSET_RE = re.compile(r"(Z|[+-]\d{2}:?\d{2})$", re.IGNORECASE)


def parse_manifest_time(text: str) -> datetime:
    """An ISO 8601 time that must carry an offset or Z; a naive time raises ValueError."""
    if not isinstance(text, str) or not _OFFSET_RE.search(text.strip()):
        raise ValueError(f"time without offset: {text!r}")
    value = datetime.fromisoformat(text.strip().replace("z", "Z").replace("Z", "+00:00"))
    if value.tzinfo is None:
        raise ValueError(f"time without offset: {text!r}")
    if not _FIRST <= value <= _LAST:  # year 1 or 9999: shown in some case zone it leaves the calendar
        raise ValueError(f"time out of range: {text!r}")
    return value


def zone(name: str | None) -> ZoneInfo:
    """The IANA zone, falling back to Asia/Shanghai for an unknown or empty name."""
    try:
        return ZoneInfo(name or DEFAULT_ZONE)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name too long for a file name
        return ZoneInfo(DEFAULT_ZONE)


def is_known_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
        return True
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: ENAMETOOLONG for a 300-character name
        return False


def dt_to_ns(value: datetime) -> int:
    """Nanoseconds since the epoch of an aware datetime (microsecond precision)."""
    delta = value - _EPOCH
    return (delta.days * 86400 + delta.seconds) * 1_000_000_000 + delta.microseconds * 1000


def ns_to_dt(ns: int) -> datetime:
    """Aware UTC datetime of a nanosecond count (sub-microsecond digits dropped)."""
    return _EPOCH + timedelta(microseconds=ns // 1000)


def _fraction(ns: int) -> str:
    frac = ns % 1_000_000_000
    return ("." + f"{frac:09d}".rstrip("0")) if frac else ""


def ns_to_utc_iso(ns: int | None) -> str | None:
    """'2026-10-01T12:15:03.123456789Z', as precise as the count; None stays None."""
    if ns is None:
        return None
    whole = ns_to_dt(ns - ns % 1_000_000_000)
    return _date_time(whole, "T") + _fraction(ns) + "Z"


def _as_ns(value) -> int | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return dt_to_ns(value)
    if isinstance(value, str):
        return dt_to_ns(parse_manifest_time(value))
    return int(value)


def format_local(value, tz_name: str | None, seconds_fraction: bool = False) -> str | None:
    """'2026-10-01 20:15:03 +08:00' in the case zone; None when the source has no time."""
    ns = _as_ns(value)
    if ns is None:
        return None
    local = ns_to_dt(ns).astimezone(zone(tz_name))
    text = _date_time(local, " ")
    if seconds_fraction:
        text += _fraction(ns)
    return f"{text} {_offset(local)}"


def _date_time(value: datetime, sep: str) -> str:
    """'2026-10-01 20:15:03' by hand: strftime imports the time module at each call, and under PySide6 every
    import runs through shiboken's Python import hook, too slow for a table repaint."""
    return (f"{value.year:04d}-{value.month:02d}-{value.day:02d}{sep}"
            f"{value.hour:02d}:{value.minute:02d}:{value.second:02d}")


def _offset(value: datetime) -> str:
    """'+08:00' of an aware datetime (whole minutes)."""
    minutes = round(value.utcoffset().total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def format_utc(value) -> str | None:
    """The raw UTC value with its Z."""
    return ns_to_utc_iso(_as_ns(value))


def zone_label(tz_name: str | None) -> str:
    """'Asia/Shanghai (+08:00)' for the case header."""
    now = datetime.now(zone(tz_name)).strftime("%z")
    return f"{tz_name or DEFAULT_ZONE} ({now[:3]}:{now[3:]})"
