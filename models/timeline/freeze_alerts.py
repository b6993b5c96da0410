"""Freezes whose term ends within the warning days (Art. 38.3), for the case header: the deadline in sight from
every tab, not only inside clause 38.3."""

from datetime import date
from typing import NamedTuple

from models.common.timeutil import parse_manifest_time, zone


class FreezeAlert(NamedTuple):
    item: str
    expires_on: date  # in the case zone
    days_left: int  # negative: already expired


def freeze_alerts(bundle, today: date, warning_days: int) -> list[FreezeAlert]:
    """Items whose freeze expires within warning_days of today (or has expired), soonest first."""
    found = []
    for item in bundle.items:
        expires = (item.get("freeze") or {}).get("expires_at")
        if not expires:
            continue
        try:
            local = parse_manifest_time(expires).astimezone(zone(bundle.timezone)).date()
        except (TypeError, ValueError):
            continue
        days_left = (local - today).days
        if days_left <= warning_days:
            found.append(FreezeAlert(item.get("id"), local, days_left))
    return sorted(found, key=lambda a: a.days_left)


def today_in(tz_name: str | None) -> date:
    """Today's date in the case zone."""
    from datetime import datetime

    return datetime.now(zone(tz_name)).date()
