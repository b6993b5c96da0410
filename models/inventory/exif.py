"""The camera's own record (EXIF) read with exifread: who made the picture, when, where; never crashes."""

import io
import json
import logging
import re
import time
from dataclasses import asdict, dataclass, fields
from datetime import datetime, timedelta, timezone

import exifread
from exifread.utils import get_gps_coords

from models.common.timeutil import dt_to_ns, zone

TIME_BUDGET_S = 5.0  # a crafted file that makes exifread loop is cut off after this long
READ_BUDGET_FACTOR = 64  # ... or after reading this many times the file's size
OPS_BASE = 8192  # ... or after more reads and seeks than a file of its size can justify
# Types exifread reads (JPEG, TIFF and TIFF-based raw, HEIC/HEIF, PNG eXIf, WebP, JPEG XL boxes).
EXIF_MIMES = {"image/jpeg", "image/tiff", "image/heic", "image/heif", "image/heic-sequence", "image/png",
              "image/webp", "image/x-canon-cr2", "image/x-canon-cr3", "image/x-nikon-nef", "image/x-sony-arw",
              "image/x-adobe-dng", "image/x-olympus-orf", "image/x-panasonic-rw2", "image/x-fuji-raf",
              "image/x-sigma-x3f", "image/x-x3f", "image/x-pentax-pef", "image/x-minolta-mrw", "image/jxl",
              "image/avif",
              "image/x-dcraw"}

logging.getLogger("exifread").setLevel(logging.CRITICAL)  # it logs every oddity of broken files


class ExifTimeout(Exception):
    """exifread spent longer than the budget on one file."""


@dataclass(frozen=True)
class ExifSummary:
    make: str | None = None
    model: str | None = None
    body_serial: str | None = None
    software: str | None = None
    datetime_original: str | None = None  # ISO, no offset, as the camera wrote it
    datetime_digitized: str | None = None
    offset: str | None = None  # OffsetTimeOriginal, e.g. "+08:00"
    offset_digitized: str | None = None
    gps: tuple[float, float] | None = None
    altitude: float | None = None
    error: str | None = None

    def to_json(self) -> dict:
        """The `exif` object of `scan --json` (DESIGN.md)."""
        return {"make": self.make, "model": self.model, "datetime_original": self.datetime_original,
                "offset": self.offset, "gps": list(self.gps) if self.gps else None}

    def to_dict(self) -> dict:
        """Every field, for the store's exif_json column."""
        data = asdict(self)
        data["gps"] = list(self.gps) if self.gps else None
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "ExifSummary":
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        if values.get("gps"):
            values["gps"] = tuple(values["gps"])
        return cls(**values)

    def original_utc_ns(self, tz_name: str | None) -> tuple[int | None, bool]:
        """(UTC ns of the original time, zone_known); without OffsetTime read in the case zone."""
        return exif_time_to_ns(self.datetime_original, self.offset, tz_name)

    def digitized_utc_ns(self, tz_name: str | None) -> tuple[int | None, bool]:
        return exif_time_to_ns(self.datetime_digitized, self.offset_digitized or self.offset, tz_name)


def exif_time_to_ns(iso: str | None, offset: str | None, tz_name: str | None) -> tuple[int | None, bool]:
    """An EXIF local time to UTC ns; (None, False) when absent or not a real time."""
    if not iso:
        return None, False
    try:
        naive = datetime.fromisoformat(iso)
        if offset:
            sign = -1 if offset.startswith("-") else 1
            hours, minutes = offset.lstrip("+-").split(":")
            tz = timezone(sign * timedelta(hours=int(hours), minutes=int(minutes)))
            return dt_to_ns(naive.replace(tzinfo=tz)), True
        return dt_to_ns(naive.replace(tzinfo=zone(tz_name))), False
    except (ValueError, OverflowError):
        return None, False


class _BudgetStream(io.RawIOBase):
    """A read-only view of a stream that raises ExifTimeout when exifread takes too long."""

    def __init__(self, stream, size: int, budget_s: float):
        self._stream = stream
        self._deadline = time.monotonic() + budget_s
        self._left = max(size, 1 << 20) * READ_BUDGET_FACTOR
        self._ops = OPS_BASE + size // 4
        self.ops_done = 0

    def _check(self):
        self.ops_done += 1
        if time.monotonic() > self._deadline or self._left < 0 or self.ops_done > self._ops:
            raise ExifTimeout("读取 EXIF 超出时间或读取次数限制（文件结构异常）")

    def readable(self):
        return True

    def seekable(self):
        return True

    def read(self, n=-1):
        self._check()
        data = self._stream.read(n)
        self._left -= len(data)
        return data

    def readinto(self, b):
        data = self.read(len(b))
        b[: len(data)] = data
        return len(data)

    def seek(self, offset, whence=0):
        self._check()
        return self._stream.seek(offset, whence)

    def tell(self):
        return self._stream.tell()


def _text(tags: dict, *names: str) -> str | None:
    for name in names:
        tag = tags.get(name)
        if tag is None:
            continue
        value = tag.values if isinstance(tag.values, str) else tag.printable
        value = str(value).replace("\x00", " ").strip()
        if value:
            return value
    return None


def _iso_time(text: str | None) -> str | None:
    """'2026:10:01 20:15:03' -> '2026-10-01T20:15:03'; None for blanks and impossible dates."""
    if not text or len(text) < 19:
        return None
    digits = text[:19].replace("-", ":").replace("T", " ")
    try:
        return datetime.strptime(digits, "%Y:%m:%d %H:%M:%S").isoformat()
    except ValueError:
        return None


def _offset(text: str | None) -> str | None:
    if text and len(text) >= 6 and text[0] in "+-" and text[3] == ":" and text[1:3].isdigit():
        return text[:6]
    return None


def _gps(tags: dict) -> tuple[float, float] | None:
    try:
        coords = get_gps_coords(dict(tags))
    except (ZeroDivisionError, ValueError, TypeError, AttributeError, IndexError, KeyError):
        return None
    if not coords:
        return None
    lat, lon = float(coords[0]), float(coords[1])
    if abs(lat) > 90 or abs(lon) > 180:
        return None  # a broken tag, not a place
    return lat, lon


def _altitude(tags: dict) -> float | None:
    tag = tags.get("GPS GPSAltitude")
    try:
        value = float(tag.values[0])
        ref = tags.get("GPS GPSAltitudeRef")
        below = ref is not None and list(ref.values)[:1] == [1]
        return -value if below else value
    except (AttributeError, IndexError, TypeError, ValueError, ZeroDivisionError):
        return None


def summarize(tags: dict) -> ExifSummary:
    """The fields we keep, from exifread's tag dictionary."""
    return ExifSummary(
        make=_text(tags, "Image Make"), model=_text(tags, "Image Model"),
        body_serial=_text(tags, "EXIF BodySerialNumber", "MakerNote SerialNumber"),
        software=_text(tags, "Image Software"),
        datetime_original=_iso_time(_text(tags, "EXIF DateTimeOriginal", "Image DateTimeOriginal")),
        datetime_digitized=_iso_time(_text(tags, "EXIF DateTimeDigitized", "Image DateTimeDigitized")),
        offset=_offset(_text(tags, "EXIF OffsetTimeOriginal", "Image OffsetTimeOriginal", "EXIF OffsetTime")),
        offset_digitized=_offset(_text(tags, "EXIF OffsetTimeDigitized")),
        gps=_gps(tags), altitude=_altitude(tags))


# Raw containers exifread does not parse, whose EXIF sits in embedded TIFF blocks near the start
# (Canon CR3 CMT1/CMT2 boxes, Minolta MRW TTW block, Sigma X3F preview): (offset, signature).
EMBEDDED_TIFF_CONTAINERS = [(4, b"ftypcrx "), (0, b"\x00MRM"), (0, b"FOVb")]
EMBEDDED_SCAN_BYTES = 1 << 20
_TIFF_HEADER = re.compile(rb"II\*\x00|MM\x00\*")


def may_have_exif(mime: str | None, head: bytes) -> bool:
    """Worth reading: a type exifread handles, or a raw container libmagic calls octet-stream (CR3, MRW)."""
    return mime in EXIF_MIMES or any(head[o:o + len(sig)] == sig for o, sig in EMBEDDED_TIFF_CONTAINERS)


def _embedded_tags(stream, budget_s: float) -> dict:
    """Tags of the first TIFF blocks inside a raw container that exifread cannot open itself."""
    stream.seek(0)
    head = stream.read(EMBEDDED_SCAN_BYTES)
    if not any(head[o:o + len(sig)] == sig for o, sig in EMBEDDED_TIFF_CONTAINERS):
        return {}
    tags: dict = {}
    for match in list(_TIFF_HEADER.finditer(head))[:4]:
        block = head[match.start():]
        guarded = io.BufferedReader(_BudgetStream(io.BytesIO(block), len(block), budget_s))
        found = exifread.process_file(guarded, details=False, extract_thumbnail=False)
        for key, value in found.items():
            tags.setdefault(key, value)
    return tags


def _size(stream) -> int:
    here = stream.tell()
    end = stream.seek(0, io.SEEK_END)
    stream.seek(here)
    return end


def read_exif(stream, budget_s: float = TIME_BUDGET_S) -> ExifSummary | None:
    """EXIF summary of an open binary stream; None when the file has no EXIF; errors go in `.error`."""
    try:
        guarded = io.BufferedReader(_BudgetStream(stream, _size(stream), budget_s), 64 * 1024)
        tags = exifread.process_file(guarded, details=False, extract_thumbnail=False)
        if not tags:
            tags = _embedded_tags(stream, budget_s)
    except ExifTimeout as exc:
        return ExifSummary(error=str(exc))
    except Exception as exc:  # exifread raises anything on broken files; the reason is kept
        return ExifSummary(error=f"无法读取 EXIF：{type(exc).__name__}: {str(exc)[:200]}")
    if not tags:
        return None
    try:
        return summarize(tags)
    except Exception as exc:  # a tag of an unexpected type; keep the reason
        return ExifSummary(error=f"EXIF 内容异常：{type(exc).__name__}: {str(exc)[:200]}")


def exif_to_json_text(summary: ExifSummary | None, tz_name: str | None) -> str | None:
    """The store's exif_json: every field plus the UTC instants and whether their zone was known."""
    if summary is None:
        return None
    data = summary.to_dict()
    data["original_utc_ns"], data["zone_known"] = summary.original_utc_ns(tz_name)
    data["digitized_utc_ns"], data["digitized_zone_known"] = summary.digitized_utc_ns(tz_name)
    return json.dumps(data, ensure_ascii=False)


def exif_contract_json(exif_json: str | None) -> dict | None:
    """From the store's exif_json to the `exif` object of `scan --json`."""
    if not exif_json:
        return None
    return ExifSummary.from_dict(json.loads(exif_json)).to_json()
