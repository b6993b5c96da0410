"""A long digest list compared with its folder as the folder is read: what `hashdeep -r` plus a comparison does,
with memory flat in the number of files (1M files listed: ~1.1 GB before, when every recorded and computed
digest was gathered first).

The list streams in (models.integrity.list_stream) while helpers read the folder (models.integrity.digest_tree).
Each row is kept as a 64-bit hash of the bundle path it names, a CRC of that path, and its digests as raw
bytes (~130 bytes a row, no path string); each file the helpers read is compared on arrival and its results
handed on at once. A row whose name is written otherwise than the first rows (a drive letter, another root),
whose file was not found, or that repeats a path is compared afterwards, file by file, as before
(models.integrity.verify); a file read here that no row names is kept in `extra` (models.integrity.list_extras)."""

import zlib
from array import array
from typing import NamedTuple

from models.bundle.names import from_os
from models.integrity.digest_tree import FolderError, digest_tree_batches
from models.integrity.digests import HEX_LENGTHS, normalise
from models.integrity.verify_result import VerifyResult

PENDING = 2048  # files read before their row is parsed, at most: then the parsing goes first


class Leftover(NamedTuple):
    """A row compared afterwards: its line's path as written, algorithms, values (lower-case hex)."""

    path: str
    algorithms: tuple
    values: tuple


def _crc(path: str) -> int:
    return zlib.crc32(path.encode("utf-8", "surrogateescape"))


class RowKey:
    """The bundle path a row names, by text alone: as written when the first rows name files under the folder
    that way, else under the list's folder, else the folder plus the name's last parts. None: let the full
    locator decide afterwards."""

    def __init__(self, locate, head: list):
        self.folder, self.prefix, self.list_dir = locate.folder, locate.prefix, locate.list_dir
        self.mode, self.drop = None, 0
        for row in head[:8]:
            located = locate(row.path)
            if locate.exists_file(located):
                self._learn(row.path, located)
                if self.mode:
                    break

    def _parts(self, written: str) -> list:
        parts = [p for p in written.replace("\\", "/").split("/") if p not in ("", ".")]
        return parts[1:] if len(parts) > 1 and parts[0].endswith(":") else parts

    def _learn(self, written: str, located: str) -> None:
        for mode in ("written", "list_dir", "folder"):
            self.mode = mode
            if self(written) == located:
                return
        parts = self._parts(written)
        for drop in range(len(parts)):
            self.mode, self.drop = "tail", drop
            if self(written) == located:
                return
        self.mode = None

    def __call__(self, written: str) -> str | None:
        mode = self.mode
        if mode == "written":
            return written if written.startswith(self.prefix) and "\\" not in written else None
        if mode is None:
            return None
        parts = self._parts(written)
        if mode == "tail":
            path = _join(self.folder, "/".join(parts[self.drop:]))
        elif "\\" in written or written.startswith("/") or "/".join(parts).startswith(self.prefix):
            return None  # the locator's other candidates may come first: it decides afterwards
        else:
            path = _join(self.list_dir if mode == "list_dir" else self.folder, "/".join(parts))
        return path if path.startswith(self.prefix) else None


def _join(a: str, b: str) -> str:
    return b if a in ("", ".") else f"{a}/{b}"


class ListTree:
    """One long list against its folder. run() yields the results as the files are read; then `findings`
    (malformed lines), `leftover` (rows to compare file by file) and `unreadable` (folders not listed)."""

    def __init__(self, item_id, folder: str, base: str, source: str, lines, count: int, head: list, row_key,
                 note, parse):
        self.item_id, self.folder, self.base, self.source = item_id, folder, base, source
        self.lines, self.count, self.row_key, self.note = lines, count, row_key, note
        self.parse = parse  # parse(lines, rows, findings) -> the steps of models.integrity.recorded.digest_row_steps
        self.algorithms = normalise({a for row in head for a in row.algorithms})
        self.findings: list = []
        self.leftover: list[Leftover] = []
        self.unreadable: list = []  # (folder under the bundle, error)
        self.extra: list[tuple] = []  # (path, what it is when not a regular file) read, named by no row compared here
        self.read_error: str | None = None  # the list could not be read to its end (changed, grown past its cap)
        self.row_algorithms = head[0].algorithms  # of the rows kept here, in the order of their bytes
        self.width = sum(HEX_LENGTHS[a] // 2 for a in self.row_algorithms)
        self.rows = _Rows(count, self.width)
        self.number = 0  # rows parsed so far

    def _keep(self, rows: list) -> None:
        table, key, algorithms = self.rows, self.row_key, self.row_algorithms
        for row in rows:
            path = key(row.path)
            if path is not None and row.algorithms == algorithms:
                table.add(self.number, path, row.values)  # else compared afterwards, file by file
            self.number += 1
        rows.clear()

    def run(self, progress=None, cancel=None):
        rows: list = []
        steps = self.parse(self.lines, rows, self.findings)
        parsed = False

        def idle() -> bool:
            nonlocal parsed
            if parsed:
                return False
            try:
                parsed = next(steps, True) is True
            except OSError as exc:
                self.read_error, parsed = str(exc), True
            self._keep(rows)
            return not parsed

        table = self.rows
        pending: list = []  # files read before the row naming them was parsed
        at = {name: n for n, name in enumerate(self.algorithms)}
        wanted = [at[a] for a in self.row_algorithms]
        prefix_of = self.folder + "/" if self.folder else ""
        for batch in digest_tree_batches(self.base, self.algorithms, progress, cancel,
                                         total_count=self.count, idle=idle):
            if isinstance(batch, FolderError):
                if not batch.missing:
                    self.unreadable.append((_join(self.folder, from_os(batch.folder)), batch.error))
                continue
            for _ in range(8):  # the list parsed well ahead of the reading: few files wait for their row
                if not idle():
                    break
            while len(pending) > PENDING and idle():  # files read faster than the list is parsed (tiny ones)
                pass
            prefix = prefix_of + from_os(batch.folder) + "/" if batch.folder else prefix_of
            for name, hexes, _size, error, missing in batch.files:
                path = prefix + from_os(name)
                number = table.find(path)
                if number is None:
                    if not parsed:
                        pending.append((path, hexes, error, missing, None))
                    else:
                        self.extra.append((path, None))
                    continue
                yield from self._compare(number, path, hexes, error, missing, wanted)
            for name, kind in batch.odd:  # a link, a FIFO: its row (if any) unreadable, saying what it is
                path = prefix + from_os(name)
                number = table.find(path)
                if number is not None:
                    yield from self._compare(number, path, None, kind, False, wanted)
                elif not parsed:
                    pending.append((path, None, kind, False, kind))
                else:
                    self.extra.append((path, kind))
        while idle():
            pass
        for path, hexes, error, missing, kind in pending:
            number = table.find(path)
            if number is not None:
                yield from self._compare(number, path, hexes, error, missing, wanted)
            else:
                self.extra.append((path, kind))
        del pending
        self._left()
        self.rows = None

    def _compare(self, number: int, path: str, hexes, error, missing, wanted):
        values = self.rows.take(number).hex()
        note = self.note(path) if self.note else None
        item, source = self.item_id, self.source
        cut = 0
        for algorithm, want in zip(self.row_algorithms, wanted):
            size = HEX_LENGTHS[algorithm]
            recorded, cut = values[cut:cut + size], cut + size
            if error is not None:
                yield VerifyResult(item, path, algorithm, recorded, source, None,
                                   "missing" if missing else "unreadable", error, note)
            elif hexes[want] == recorded:
                yield VerifyResult(item, path, algorithm, recorded, source, recorded, "match", None, note)
            else:
                yield VerifyResult(item, path, algorithm, recorded, source, hexes[want], "mismatch", None, note)

    def _left(self) -> None:
        """The rows not compared here, read again from the list (none in a list whose files are all there)."""
        state, number = self.rows.state, self.number
        if number <= len(state) and state.count(2, 0, number) == number:
            return
        rows: list = []
        number = 0
        try:
            for _pause in self.parse(self.lines, rows, []):
                number = self._left_rows(rows, number)
        except OSError as exc:
            self.read_error = str(exc)
        self._left_rows(rows, number)

    def _left_rows(self, rows: list, number: int) -> int:
        for row in rows:
            path = self.row_key(row.path)  # the same row as in the first reading (the list may have changed since)
            if path is None or not self.rows.compared(number, path):
                self.leftover.append(Leftover(row.path, row.algorithms, row.values))
            number += 1
        rows.clear()
        return number


class _Rows:
    """The kept rows, sized once from the list's line count: per row a 64-bit hash and a CRC of its bundle path
    (96 bits: two paths never taken for one), its digests' bytes and its state, and an open-addressing table
    of row numbers by hash (a dict of a million ints weighs ~100 MB; this ~14 MB)."""

    def __init__(self, count: int, width: int):
        self.count, self.width = count, width
        size = 1 << max(10, (2 * count).bit_length())  # at most half full: short probes
        self.mask = size - 1
        self.slots = array("I", bytes(4 * size))  # row number + 1; 0: empty
        self.hashes = array("q", bytes(8 * count))
        self.crcs = array("I", bytes(4 * count))
        self.digests = bytearray(width * count)
        self.state = bytearray(count)  # 0: not kept (compared afterwards); 1: waiting for its file; 2: compared

    def _slot(self, code: int, crc: int) -> tuple[int, int]:
        """(slot, row number + 1 or 0 when the slot is free) for this path's hash and CRC."""
        slots, hashes, crcs, mask = self.slots, self.hashes, self.crcs, self.mask
        at = code & mask
        while (taken := slots[at]) and not (hashes[taken - 1] == code and crcs[taken - 1] == crc):
            at = (at + 1) & mask
        return at, taken

    def add(self, number: int, path: str, values: tuple) -> bool:
        """False when the row cannot be kept (a path already kept: the repeat is compared afterwards)."""
        if number >= self.count:
            return False
        code, crc = hash(path), _crc(path)
        at, taken = self._slot(code, crc)
        if taken:
            return False
        self.slots[at], self.hashes[number], self.crcs[number] = number + 1, code, crc
        start = number * self.width
        self.digests[start:start + self.width] = bytes.fromhex("".join(values))
        self.state[number] = 1
        return True

    def find(self, path: str) -> int | None:
        """The row waiting for this file, or None."""
        _at, taken = self._slot(hash(path), _crc(path))
        return taken - 1 if taken and self.state[taken - 1] == 1 else None

    def take(self, number: int) -> bytes:
        """The row's digests, the row marked compared."""
        self.state[number] = 2
        start = number * self.width
        return self.digests[start:start + self.width]

    def compared(self, number: int, path: str) -> bool:
        """The row of this number, naming this path, was compared."""
        return (number < self.count and self.state[number] == 2 and self.hashes[number] == hash(path)
                and self.crcs[number] == _crc(path))
