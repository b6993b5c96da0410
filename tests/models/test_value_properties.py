"""Property-based tests (hypothesis, fixed seed) of the values read from images, logs, manifests, memos and
the store: E01 header dates and code page names, acquisition-log times, manifest times, name decoding (GB18030
first, hex beside), a signed memo's bytes, and the JSON the store keeps of EXIF. Each either reads the value or
refuses it with its own error, in any time zone of the machine and of the case."""

import json
import os
import re
import time
from datetime import datetime

import pytest

hypothesis = pytest.importorskip("hypothesis", reason="hypothesis is not installed (requirements-dev.txt)")
from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from tests.models.test_hostile_properties import ANY_TEXT, SETTINGS  # noqa: E402

# zones far east and west of UTC: a time near year 1 or 9999 moves out of range in one of them
ZONES = ["UTC", "Asia/Shanghai", "America/New_York", "Pacific/Kiritimati", "Pacific/Pago_Pago"]
DATES = st.one_of(st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31, 23, 59, 59)),
                  st.sampled_from([datetime(1, 1, 1), datetime(9999, 12, 31, 23, 59, 59), datetime(1, 1, 2, 3)]))
OFFSETS = st.integers(-23 * 60 - 59, 23 * 60 + 59)
# header-like text: dates in the shapes the readers look for, at the edges of what datetime holds
DATE_TEXT = st.one_of(ANY_TEXT, DATES.map(lambda d: d.isoformat()), DATES.map(lambda d: d.strftime("%a %b %d %H:%M:%S ")
                                                                                   + f"{d.year:04d}"),
                      DATES.map(lambda d: f"{d.year} {d.month} {d.day} {d.hour} {d.minute} {d.second}"),
                      st.tuples(DATES, OFFSETS).map(lambda t: t[0].isoformat() + _offset_text(t[1])),
                      st.sampled_from(["0001-01-01T00:00:00", "9999-12-31T23:59:59", "0001-01-01 00:00:00 (x)",
                                       "Mon Jan  1 00:00:00 0001", "9999 12 31 23 59 59", "2026 2 30 1 1 1"]))


def _offset_text(minutes: int) -> str:
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


@pytest.fixture
def machine_zone():
    """Sets the process's local zone (libewf prints EnCase 4+ dates in it) and puts the old one back."""
    old = os.environ.get("TZ")

    def use(name: str) -> None:
        os.environ["TZ"] = name
        time.tzset()
    yield use
    if old is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = old
    time.tzset()


@SETTINGS
@given(DATE_TEXT, st.sampled_from(ZONES), st.sampled_from(ZONES))
def test_header_and_log_dates_read_or_kept_in_any_zone(machine_zone, text, machine, case):
    """header_date and as_instant keep text they cannot read; local_time gives a naive time or None. An E01
    date of year 1 in a machine east of UTC, or 9999 west of it, was an internal error."""
    from checks.image_records import local_time
    from models.image.disk.headers import as_instant, header_date

    machine_zone(machine)
    value = header_date(text)
    assert value is None or isinstance(value, str)
    if value:
        instant = as_instant(value)
        assert isinstance(instant, str)
        if instant != value:
            assert datetime.fromisoformat(instant).tzinfo is not None
    for given_text in (text, value, value and as_instant(value)):
        found = local_time(given_text, case)
        assert found is None or (isinstance(found, datetime) and found.tzinfo is None)


@SETTINGS
@given(DATES.filter(lambda d: d.year >= 1000), st.sampled_from(["ctime", "encase"]))
def test_header_dates_written_by_the_tools_read_back(day, shape):
    """(A year below 1000 is no 4-digit ctime year: kept as text, as any date header_date cannot read.)"""
    from models.image.disk.headers import header_date

    day = day.replace(microsecond=0)
    if shape == "ctime":
        text = day.strftime("%a %b ") + f"{day.day:2d} {day.strftime('%H:%M:%S')} {day.year:04d}"
    else:
        text = f"{day.year} {day.month} {day.day} {day.hour} {day.minute} {day.second}"
    assert header_date(text) == day.isoformat()


@SETTINGS
@given(st.one_of(DATE_TEXT, st.tuples(DATES, OFFSETS).map(lambda t: t[0].isoformat() + _offset_text(t[1]))),
       st.sampled_from(ZONES))
def test_a_manifest_time_it_accepts_can_be_shown_in_any_case_zone(text, case):
    """parse_manifest_time refuses with ValueError only; what it accepts has an instant every later step can
    show (format_local, format_utc): '0001-01-01T00:00:00+08:00' was accepted, then OverflowError."""
    from models.common.timeutil import dt_to_ns, format_local, format_utc, parse_manifest_time

    try:
        value = parse_manifest_time(text)
    except ValueError:
        return
    assert value.tzinfo is not None
    assert format_local(value, case) and format_utc(value) and format_local(dt_to_ns(value), case)


@SETTINGS
@given(DATES, OFFSETS)
def test_manifest_times_written_with_an_offset_read_back(day, minutes):
    from datetime import timedelta, timezone

    from models.common.timeutil import parse_manifest_time

    value = day.replace(tzinfo=timezone(timedelta(minutes=minutes)))
    try:
        value.astimezone(timezone.utc)
    except OverflowError:
        hypothesis.assume(False)  # an instant before year 1 or after 9999: no program could show it
    if not 1 < value.year < 9999:
        hypothesis.assume(False)
    assert parse_manifest_time(value.isoformat()) == value


@SETTINGS
@given(st.one_of(ANY_TEXT, st.sampled_from(["936", "cp936", "CP936", "Windows-936", "ASCII", "cp", " 1252 ",
                                            "windows-", "windows-949", "cpcp936"])))
def test_a_code_page_name_is_normalized_or_refused(text):
    """checked gives a name this libewf accepts or CodepageError (one line); normalized is idempotent."""
    from models.image.disk import codepages

    name = codepages.normalized(text)
    assert codepages.normalized(name) == name
    try:
        got = codepages.checked(text)
    except codepages.CodepageError as exc:
        assert "\n" not in str(exc)
        return
    assert got is None or got in codepages.supported()


# --- names ---------------------------------------------------------------------------------------------------
PART_BYTES = st.one_of(st.binary(min_size=1, max_size=12),
                       st.text("文件照片聊天记录目录。abc", min_size=1, max_size=6).map(lambda t: t.encode("gbk")),
                       st.text(min_size=1, max_size=6).map(str.encode)).filter(lambda b: b"/" not in b)


@SETTINGS
@given(st.lists(PART_BYTES, min_size=1, max_size=4))
def test_a_shown_name_decodes_each_part_and_keeps_its_bytes_in_hex(parts):
    """shown(): each part that is not UTF-8 decoded GB18030 first, else Latin-1, its exact bytes in hex beside;
    the UTF-8 parts as they are."""
    from models.bundle.names import name_text, shown

    raw = b"/".join(parts)
    text = shown(name_text(raw))
    odd = []
    for part in parts:
        try:
            part.decode("utf-8")
        except UnicodeDecodeError:
            odd.append(part)
    if not odd:
        assert text == raw.decode("utf-8")
        return
    from models.bundle.names import _MESSAGE_BREAK

    notes = [bytes.fromhex(h) for h in re.findall(r"hex ([0-9a-f]+)\]", text)]
    if not _MESSAGE_BREAK.search(name_text(raw)):
        assert text.endswith("]")  # a plain path: one note at its end
    for part in odd:
        if _MESSAGE_BREAK.search(name_text(part)):  # split where it stands, as a message is: each odd run kept
            for run in re.findall("[\udc80-\udcff]+", name_text(part)):
                assert any(run.encode("utf-8", "surrogateescape") in note for note in notes), (run, text)
            continue
        assert part.hex() in text
        try:
            assert part.decode("gb18030") in text and f"GB18030 hex {part.hex()}" in text
        except UnicodeDecodeError:
            assert part.decode("latin-1") in text and f"Latin-1 hex {part.hex()}" in text


@SETTINGS
@given(st.text(min_size=1, max_size=12).filter(lambda t: "/" not in t and "\x00" not in t))
def test_a_gb18030_list_name_finds_the_gbk_bytes_on_disk(text):
    """as_gb18030_name: the name text of the bytes GB18030 writes for a listed name (None for ASCII or a name
    GB18030 cannot hold), so a GBK list matches GBK names on disk."""
    from models.bundle.names import as_gb18030_name, raw_bytes

    found = as_gb18030_name(text)
    if text.isascii():
        assert found is None
        return
    try:
        encoded = text.encode("gb18030")
    except UnicodeEncodeError:
        assert found is None
        return
    assert raw_bytes(found) == encoded
    found.encode("utf-8")  # storable


# --- the store's JSON --------------------------------------------------------------------------------------
PLAIN = st.none() | st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)
EXIF = st.builds(
    lambda make, model, serial, software, original, offset, gps, altitude: __import__(
        "models.inventory.exif", fromlist=["ExifSummary"]).ExifSummary(
        make=make, model=model, body_serial=serial, software=software, datetime_original=original, offset=offset,
        gps=gps, altitude=altitude),
    PLAIN, PLAIN, PLAIN, PLAIN, st.none() | DATES.map(lambda d: d.replace(microsecond=0).isoformat()),
    st.none() | OFFSETS.map(_offset_text) | st.sampled_from(["+99:99", "+²0:00", "-00:60"]),
    st.none() | st.tuples(st.floats(-90, 90), st.floats(-180, 180)),
    st.none() | st.floats(allow_nan=False, allow_infinity=False))


@SETTINGS
@given(EXIF, st.sampled_from(ZONES))
def test_exif_kept_in_the_store_reads_back(summary, case):
    """The store's exif_json (written as UTF-8 text) gives back the fields scan --json shows, for any camera
    text and any time at the edges of the calendar, in any case zone."""
    from models.inventory.exif import exif_contract_json, exif_to_json_text

    text = exif_to_json_text(summary, case)
    text.encode("utf-8")
    assert exif_contract_json(text) == summary.to_json()


@SETTINGS
@given(st.one_of(ANY_TEXT, st.recursive(st.none() | st.text(max_size=5), lambda i: st.lists(i, max_size=3))
                 .map(json.dumps), st.integers(1, 5000).map(lambda n: "[" * n + "]" * n)))
def test_a_corrections_column_reads_as_a_list_of_lines(text):
    """memo_data reads the reviewer's corrections back from the store: JSON, or text cut into lines, any
    nesting (json.loads raises RecursionError past ~1000)."""
    from models.memo.memo_data import _outcome

    out = _outcome({"outcome": "x", "corrections": text})
    try:
        written = json.loads(text)
    except (ValueError, RecursionError):
        written = None
    if isinstance(written, list):
        assert out["corrections"] == [str(v) for v in written]
    else:
        assert out["corrections"] == [line.strip() for line in text.splitlines() if line.strip()]


# --- the minimal examples the properties above found, kept -------------------------------------------------
def test_an_e01_date_of_year_one_is_kept_as_text(machine_zone):
    from checks.image_records import local_time
    from models.image.disk.headers import as_instant

    machine_zone("UTC")
    assert as_instant("0001-01-01T00:00:00") == "0001-01-01T00:00:00"  # was ValueError: year 0 is out of range
    assert local_time("0001-01-01T00:00:00+00:00", "America/New_York") is None  # was OverflowError


def test_a_manifest_time_of_year_one_is_refused():
    from models.common.timeutil import parse_manifest_time

    for text in ("0001-01-01T00:00:00+08:00", "9999-12-31T23:59:59-05:00"):
        with pytest.raises(ValueError):
            parse_manifest_time(text)  # was accepted, then OverflowError in format_local


def test_a_code_page_refusal_is_one_line():
    from models.image.disk import codepages

    with pytest.raises(codepages.CodepageError) as caught:
        codepages.checked("0\n")
    assert "\n" not in str(caught.value)


def test_corrections_text_that_looks_like_json_stays_text():
    """'5' was TypeError (list(5)), '"ab"' became ['a', 'b'], 'null' vanished, deep brackets RecursionError."""
    from models.memo.memo_data import _outcome

    for text, lines in (("5", ["5"]), ('"ab"', ['"ab"']), ("null", ["null"]), ('{"a": 1}', ['{"a": 1}']),
                        ("[" * 3000 + "]" * 3000, ["[" * 3000 + "]" * 3000]), ('["x", 2]', ["x", "2"]),
                        ("第一\n第二", ["第一", "第二"])):
        assert _outcome({"outcome": "x", "corrections": text})["corrections"] == lines


class _Record:
    """A directory record as _wall_and_offset reads it: its 7-byte recording date (ECMA-119 9.1.5)."""

    def __init__(self, raw: bytes):
        from pycdlib.dates import DirectoryRecordDate

        self.date = DirectoryRecordDate()
        self.date.parse(raw)


@SETTINGS
@given(st.one_of(st.binary(min_size=7, max_size=7),
                 st.tuples(st.integers(0, 255), st.integers(1, 12), st.integers(1, 31), st.integers(0, 23),
                           st.integers(0, 59), st.integers(0, 59), st.integers(-48, 52)).map(
                     lambda t: bytes(t[:6]) + t[6].to_bytes(1, "big", signed=True))))
def test_an_iso_record_date_is_an_instant_or_unread(raw):
    """Any 7 bytes of an ISO directory record's date: None (month, day or offset out of range) or the wall
    clock as UTC seconds, with the offset in quarter hours from -12:00 to +13:00; a valid date read back."""
    import calendar

    from models.image.listing.iso_times import _wall_and_offset

    found = _wall_and_offset(_Record(raw))
    years, month, day, hour, minute, second = raw[:6]
    offset = int.from_bytes(raw[6:], "big", signed=True)
    if not (1 <= month <= 12 and 1 <= day <= 31 and -48 <= offset <= 52):
        assert found is None
        return
    assert found == (calendar.timegm((1900 + years, month, day, hour, minute, second)), offset)
