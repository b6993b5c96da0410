"""E01 case headers and stored digests, as libewf reads them (FORMATS.md: field names as the tools write them)."""

import re
from datetime import datetime, timezone

# the image object's field -> libewf's header value name
HEADER_FIELDS = {"case_number": "case_number", "evidence_number": "evidence_number", "examiner": "examiner_name",
                 "description": "description", "notes": "notes", "acquired_at": "acquiry_date",
                 "system_date": "system_date", "software": "acquiry_software", "software_version":
                 "acquiry_software_version", "os": "acquiry_operating_system", "model": "model",
                 "serial_number": "serial_number", "device_label": "device_label"}
DATE_FIELDS = ("acquired_at", "system_date")
# libewf's format codes whose header holds the acquiring machine's wall clock as text (EnCase 1-3, SMART, FTK
# Imager): its zone unknown. Every later format (EnCase 4-7, linen, logical, EWF2) keeps a POSIX timestamp in
# header2, which libewf prints in THIS process's local time: an instant, read back as one.
WALL_CLOCK_FORMATS = frozenset({0x01, 0x02, 0x03, 0x0E, 0x0F})
_CTIME = re.compile(r"^[A-Z][a-z]{2} ([A-Z][a-z]{2}) (\d{1,2}) (\d{2}:\d{2}:\d{2}) (\d{4})$")
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_ENCASE_DATE = re.compile(r"^(\d{4}) (\d{1,2}) (\d{1,2}) (\d{1,2}) (\d{1,2}) (\d{1,2})$")


def header_date(text: str | None) -> str | None:
    """An acquisition date as ISO 8601 without offset: written in the acquiring machine's local time, whose
    zone the image does not say. libewf gives 'Sun Dec  6 20:11:11 2026'; EnCase writes '2002 3 4 10 19 59';
    some tools an epoch. Text it cannot read is kept as it is."""
    if not text:
        return None
    text = text.strip()
    match = _CTIME.match(" ".join(text.split()))
    if match and match.group(1) in _MONTHS:  # read by hand: strptime's %b follows the locale
        month, day, clock, year = _MONTHS.index(match.group(1)) + 1, *match.groups()[1:]
        try:
            return datetime(int(year), month, int(day), *map(int, clock.split(":"))).isoformat()
        except ValueError:
            return text
    match = _ENCASE_DATE.match(text)
    if match:
        try:
            return datetime(*map(int, match.groups())).isoformat()
        except ValueError:
            return text
    return text


def as_instant(value: str) -> str:
    """A time libewf printed in this process's local time (naive ISO) as the instant it is, in UTC with its
    offset: the same whatever zone the reviewer's machine is in. Text that is no time is kept."""
    try:
        naive = datetime.fromisoformat(value)
    except ValueError:
        return value
    if naive.tzinfo is not None:
        return value
    try:
        return naive.astimezone(timezone.utc).isoformat()  # astimezone on a naive time: the C library's local zone
    except (ValueError, OverflowError, OSError):  # year 1 east of UTC, 9999 west of it: no instant to give
        return value


def ewf_headers(handle) -> dict:
    """The header fields (None where absent) and the stored md5/sha1 (lower-case hex, None where absent)."""
    values = handle.get_header_values()
    fields = {key: (values.get(name) or None) for key, name in HEADER_FIELDS.items()}
    instant = handle.get_format() not in WALL_CLOCK_FORMATS
    for key in DATE_FIELDS:
        fields[key] = header_date(fields[key])
        if instant and fields[key]:
            fields[key] = as_instant(fields[key])
    digests = {k.upper(): v for k, v in handle.get_hash_values().items()}
    fields["md5"] = (digests.get("MD5") or "").lower() or None
    fields["sha1"] = (digests.get("SHA1") or "").lower() or None
    fields["header_codepage"] = handle.get_header_codepage()
    return fields
