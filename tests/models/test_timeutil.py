"""Times shown in the case zone with their offset, and the raw UTC value: formatted by hand, checked here
against datetime's own isoformat (which never goes through strftime)."""

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from models.common.timeutil import dt_to_ns, format_local, format_utc, ns_to_utc_iso


@pytest.mark.parametrize("zone_name, when", [
    ("Asia/Shanghai", datetime(2026, 10, 1, 12, 15, 3, tzinfo=timezone.utc)),
    ("America/St_Johns", datetime(2026, 1, 5, 3, 4, 5, tzinfo=timezone.utc)),  # -03:30
    ("Asia/Kathmandu", datetime(2026, 7, 9, 23, 59, 59, tzinfo=timezone.utc)),  # +05:45
    ("Europe/Berlin", datetime(2026, 7, 1, 0, 0, 0, tzinfo=timezone.utc)),  # summer time +02:00
    ("UTC", datetime(1969, 12, 31, 23, 59, 59, tzinfo=timezone.utc)),  # before the epoch
])
def test_local_time_with_its_offset(zone_name, when):
    local = when.astimezone(ZoneInfo(zone_name))
    text = local.isoformat(sep=" ")  # '2026-10-01 20:15:03+08:00'
    expected = f"{text[:-6]} {text[-6:]}"
    assert format_local(dt_to_ns(when), zone_name) == expected


def test_fraction_and_utc_text():
    ns = dt_to_ns(datetime(2026, 10, 1, 12, 15, 3, tzinfo=timezone.utc)) + 123_456_789
    assert format_local(ns, "Asia/Shanghai", seconds_fraction=True) == "2026-10-01 20:15:03.123456789 +08:00"
    assert format_utc(ns) == "2026-10-01T12:15:03.123456789Z"
    assert ns_to_utc_iso(dt_to_ns(datetime(5, 3, 4, tzinfo=timezone.utc))) == "0005-03-04T00:00:00Z"


def test_no_time_stays_none():
    assert format_local(None, "Asia/Shanghai") is None
    assert format_utc(None) is None


def test_a_historical_offset_in_seconds_keeps_the_minutes():
    """Shanghai's local mean time was +08:05:43: shown as +08:05, never a broken '+08:0543'."""
    ns = dt_to_ns(datetime(1900, 6, 1, tzinfo=timezone.utc))
    assert format_local(ns, "Asia/Shanghai").endswith(" +08:05")
