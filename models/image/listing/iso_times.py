"""ISO 9660 recording times with their offset from GMT, read through pycdlib.

Each directory record keeps its recording time as a wall clock and an offset in 15-minute units
(ECMA-119 9.1.5); TSK drops the offset, and the walk reads that wall clock as UTC (as `fls -z UTC`). A disc
written in China (+08:00) would then be eight hours off. pycdlib reads the records with their offsets: each
entry TSK lists is matched to its record by path (Joliet names when the disc has them, as TSK chooses) and
its time becomes the exact instant. Where pycdlib cannot read the disc, or an entry finds no record with the
same wall clock, TSK's time stays and the entry's time source says the offset was not read."""

import calendar
import re

from models.image.disk.positioned import PositionedReader

OFFSET_UNREAD = "filesystem_offset_unread"  # labels: the wall clock read as UTC, its offset not read
_TOLD_APART = re.compile(r" \[\d+\]$")  # walk's suffix for a name listed twice
_OFFSET_RANGE = range(-48, 53)  # ECMA-119 9.1.5: -12:00 to +13:00 in 15-minute steps
_MAX_ENTRIES = 2_000_000  # a hostile tree is not held past this (pycdlib keeps every record anyway)


class _Window(PositionedReader):
    """The file system's bytes, from its first byte in the image, as the file pycdlib reads."""

    def __init__(self, read, size: int):
        super().__init__(size)
        self.read_at = read


def _name(record, joliet: bool) -> str:
    """The name as TSK gives it: Joliet's UCS-2, or the ISO name without its ';1' version and its bare '.'."""
    raw = record.file_identifier()
    text = raw.decode("utf-16-be", "replace") if joliet else raw.decode("ascii", "replace")
    text = text.split(";", 1)[0]
    return text[:-1] if text.endswith(".") else text


def _wall_and_offset(record) -> tuple[int, int] | None:
    date = record.date
    if date.gmtoffset not in _OFFSET_RANGE or not 1 <= date.month <= 12 or not 1 <= date.day_of_month <= 31:
        return None
    wall = calendar.timegm((1900 + date.years_since_1900, date.month, date.day_of_month, date.hour, date.minute,
                            date.second, 0, 0, 0))
    return wall, date.gmtoffset


def record_times(read, size: int) -> dict[str, tuple[int, int]] | None:
    """{path below the root: (wall clock as UTC seconds, offset in 15-minute units)} of every record of the tree
    TSK lists; None when pycdlib cannot read the file system."""
    import pycdlib

    disc = pycdlib.PyCdlib()
    try:
        disc.open_fp(_Window(read, size))
        joliet = disc.joliet_vd is not None
        root = (disc.joliet_vd if joliet else disc.pvd).root_directory_record()
        found: dict[str, tuple[int, int]] = {}
        stack, seen = [(root, "")], {root.extent_location()}
        while stack and len(found) < _MAX_ENTRIES:
            folder, rel = stack.pop()
            for child in folder.children:
                if child.is_dot() or child.is_dotdot():
                    continue
                path = f"{rel}/{_name(child, joliet)}" if rel else _name(child, joliet)
                times = _wall_and_offset(child)
                if times is not None:
                    found.setdefault(path, times)  # a file in several extents: its first record
                if child.is_dir() and child.extent_location() not in seen:
                    seen.add(child.extent_location())
                    stack.append((child, path))
        return found
    except Exception:  # noqa: BLE001 - any failure of this second reader leaves TSK's times, said so
        return None
    finally:
        try:
            disc.close()
        except Exception:  # noqa: BLE001 - nothing was opened
            pass


def corrector(read, size: int, prefix: str):
    """A function that puts each listed entry's exact instant in place of TSK's wall clock read as UTC; read is
    (offset, size) -> bytes from the file system's start, None when the walk has no way to the bytes."""
    read_once: list = []  # the records, read at the first folder: a lister that never lists (this process, while
    # helpers list the image) never parses the whole directory tree

    def correct(entries: list) -> list:
        if not read_once:
            read_once.append(record_times(read, size) if read is not None else None)
        records = read_once[0]
        out = []
        for entry in entries:
            times = (entry.modified_ns, entry.accessed_ns, entry.changed_ns, entry.created_ns)
            if all(t is None for t in times):
                out.append(entry)
                continue
            rel = _TOLD_APART.sub("", entry.path[len(prefix) + 1:])
            found = records.get(rel) if records is not None else None
            if found is None or not any(t is not None and t // 1_000_000_000 == found[0] for t in times):
                out.append(entry._replace(time_source=OFFSET_UNREAD))
                continue
            shift = found[1] * 900 * 1_000_000_000
            modified, accessed, changed, created = (None if t is None else t - shift for t in times)
            out.append(entry._replace(modified_ns=modified, accessed_ns=accessed, changed_ns=changed,
                                      created_ns=created))
        return out
    return correct
