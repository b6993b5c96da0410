"""The segment files of an E01 (.E01, .E02 ... .EAA ...) and whether the set is whole.

libewf opens a set with its last segments missing and reads what it has without complaint (measured: an
E01 whose E02 was moved away opened with the media cut short). Each segment's sections end with `next`
when another segment follows and with `done` in the last one: a set whose last file ends with `next` lacks
the file after it."""

import os
import struct
from pathlib import Path

from models.bundle.bundle_error import ImageError
from models.common.os_errors import os_reason
from models.image.disk.regular import open_regular

_FILE_HEADER = 13  # signature 8, 0x01, segment number (uint16), 0x0000
_SECTION = struct.Struct("<16sQQ40xI")  # type, next section's offset, size, padding, Adler-32


def segment_name(first: Path, number: int) -> str:
    """The file name of segment `number` (1-based) of a set whose first file is `first` (E01, E02 ... E99,
    EAA ... EZZ, FAA ...), in the case of the first file's suffix."""
    suffix = first.suffix
    letter = suffix[1] if len(suffix) == 4 else "E"
    if number < 100:
        name = f"{letter}{number:02d}"
    else:
        rest = number - 100
        base = ord(letter.upper()) - ord("A")
        first_letter = chr(ord("A") + base + rest // (26 * 26))
        name = first_letter + chr(ord("A") + rest // 26 % 26) + chr(ord("A") + rest % 26)
    name = name if suffix[1:2].isupper() else name.lower()
    return first.with_suffix("." + name).name


def last_section(path: str) -> tuple[str, int]:
    """(type of the last section, segment number) of one segment file."""
    with open(open_regular(path), "rb") as stream:
        end = os.fstat(stream.fileno()).st_size
        header = stream.read(_FILE_HEADER)
        number = struct.unpack_from("<H", header, 9)[0] if len(header) == _FILE_HEADER else 0
        offset, seen = _FILE_HEADER, 0
        while seen < 100_000:
            stream.seek(offset)
            raw = stream.read(_SECTION.size)
            if len(raw) < _SECTION.size:
                return "truncated", number
            kind, following, _size, _sum = _SECTION.unpack(raw)
            kind = kind.rstrip(b"\x00").decode("ascii", "replace")
            if kind in ("next", "done") or following <= offset:
                return kind, number
            if following > end:  # a damaged section header points past the file (or past any file)
                return "truncated", number
            offset, seen = following, seen + 1
    return "unterminated", number


def ewf_segments(path: Path) -> list[str]:
    """Every segment file in order; ImageError naming the first one missing or cut short."""
    import pyewf

    try:
        names = pyewf.glob(str(path))
    except MemoryError as exc:  # libewf's way of saying the first segment is not there (measured: E01 removed)
        first = path.with_suffix(path.suffix[:2] + "01") if len(path.suffix) == 4 else path
        raise ImageError(f"E01 缺少分段 / an E01 segment is missing: {first.name}") from exc
    except (OSError, TypeError) as exc:
        raise ImageError(f"无法找到 E01 分段 / cannot find the E01 segments of {path.name}: {exc}") from exc
    first = Path(names[0]) if names else path
    for index, name in enumerate(names, 1):
        try:
            kind, number = last_section(name)
        except OSError as exc:
            raise ImageError(f"无法读取 E01 分段 / cannot read the E01 segment {Path(name).name}: "
                             f"{os_reason(exc)}") from exc
        if number != index:
            raise ImageError(f"E01 缺少分段 / an E01 segment is missing: {segment_name(first, index)}")
        if kind == "truncated" or kind == "unterminated":
            raise ImageError(f"E01 分段不完整或已损坏 / the E01 segment is cut short or damaged: {Path(name).name}")
        if index == len(names) and kind != "done":
            raise ImageError(f"E01 缺少分段 / an E01 segment is missing: {segment_name(first, index + 1)}")
    return names
