"""A finding's full file list kept beside its check result, in the finding_files table (issue 19.12).

An Art. 45 finding on one item of a million files named every file in its facts: ~85 MB of path strings while
checked, ~60 MB more while JSON-encoded, the records seal's repr of the ~31 MB row, and json.loads of it again for
the proposal. A list longer than SAMPLE is now written to finding_files as it is read (sealed like check_results,
models.store.records_seal), and the facts keep its first SAMPLE files and its count (facts["files_total"]). The
proposal reads the list back through StoredFiles, a page at a time; a store written before keeps whole lists in its
facts, and they are read as they are."""

import io
import itertools
import tempfile
from collections.abc import Sequence

SAMPLE = 200  # the files a finding's facts keep of a longer list: as many as the window's finding page shows
KEYS = ("files",)  # the facts' lists of paths kept aside when long
TOTAL = "{}_total"  # facts[TOTAL.format(key)]: how many files the list holds in the side table
PAGE = 1_000  # rows a query of the side table reads: ~170 KB


class PathSequence(Sequence):
    """A read-only sequence of distinct paths held outside Python's heap; JSON text of it is written in blocks
    (models.common.json_text) and the proposal takes it as it is (checks.outcome: no copy, no dedupe dict)."""

    def __eq__(self, other):
        if isinstance(other, (list, tuple, Sequence)) and not isinstance(other, str):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    __hash__ = None

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            return list(itertools.islice(iter(self), start, stop, step)) if step > 0 else list(self)[index]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return next(itertools.islice(iter(self), index, None))

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {len(self):,} paths>"


class PathList(PathSequence):
    """A check's list of the files a finding names, as the records pass: distinct paths appended in order, kept
    NUL-separated in UTF-8 (no path holds a NUL), in memory up to SPOOL bytes and then in an unnamed temporary file:
    ~0 bytes of heap a path (a million held ~85 MB as strings). Where no temporary file can be made, in memory."""

    SPOOL = 1 << 20

    def __init__(self, paths=()):
        self._file = io.BytesIO()
        self._count = 0
        self._spilled = False
        for path in paths:
            self.append(path)

    def append(self, path: str) -> None:
        self._file.write(path.encode("utf-8", "surrogatepass") + b"\0")
        self._count += 1
        if not self._spilled and self._file.tell() > self.SPOOL:
            self._spill()

    def _spill(self) -> None:
        self._spilled = True  # tried once: a temporary folder that refuses stays refused
        try:
            spooled = tempfile.TemporaryFile()
        except OSError:
            return
        spooled.write(self._file.getbuffer())
        self._file = spooled

    def __len__(self) -> int:
        return self._count

    def __iter__(self):
        file, end = self._file, self._file.tell()
        file.seek(0)
        rest, read = b"", 0
        try:
            while read < end:
                block = file.read(min(1 << 16, end - read))
                read += len(block)
                *done, rest = (rest + block).split(b"\0")
                for raw in done:
                    yield raw.decode("utf-8", "surrogatepass")
        finally:
            file.seek(end)

    def __getstate__(self):  # pickled (a worker's results): as a plain list
        return list(self)

    def __setstate__(self, paths):
        self.__init__(paths)


class StoredFiles(PathSequence):
    """A finding's list as the side table holds it, read a page at a time in the order the check named it."""

    def __init__(self, conn, item, check_name: str, key: str = "files"):
        self.conn, self.where = conn, (item, check_name, key)
        self._count = None

    def __len__(self) -> int:
        if self._count is None:
            self._count = self.conn.execute("SELECT COUNT(*) FROM finding_files WHERE item IS ? AND check_name = ? "
                                            "AND key = ?", self.where).fetchone()[0]
        return self._count

    def __iter__(self):
        last = -1 << 62
        while True:  # by seq, a page a query: no statement stays open while the caller writes or asks again
            rows = self.conn.execute("SELECT seq, path FROM finding_files WHERE item IS ? AND check_name = ? "
                                     "AND key = ? AND seq > ? ORDER BY seq LIMIT ?",
                                     (*self.where, last, PAGE)).fetchall()
            for _seq, path in rows:
                yield path
            if len(rows) < PAGE:
                return
            last = rows[-1][0]

    def __contains__(self, path) -> bool:
        return self.conn.execute("SELECT 1 FROM finding_files WHERE item IS ? AND check_name = ? AND key = ? "
                                 "AND path = ?", (*self.where, path)).fetchone() is not None


class UnionFiles(PathSequence):
    """The files of several lists in the order first named, each once (checks.outcome's union), where some lists
    are StoredFiles: those are asked by the side table's index whether they hold a path, never copied."""

    def __init__(self, parts):
        self.parts = [p if isinstance(p, StoredFiles) else list(p) for p in parts]
        self._count = None

    def __iter__(self):
        seen: set = set()  # the paths of the lists held in memory (a few hundred at most)
        for index, part in enumerate(self.parts):
            before = [p for p in self.parts[:index] if isinstance(p, StoredFiles)]
            for path in part:
                if path in seen or any(path in p for p in before):
                    continue
                if not isinstance(part, StoredFiles):
                    seen.add(path)
                yield path

    def __len__(self) -> int:
        if self._count is None:
            self._count = sum(1 for _path in self)
        return self._count

    def __contains__(self, path) -> bool:
        return any(path in p for p in self.parts)


def union(lists):
    """checks.outcome's union where one list or more is read from the side table; None when none is."""
    lists = [files for files in lists if files]
    if not any(isinstance(files, StoredFiles) for files in lists) or any(
            isinstance(files, PathSequence) and not isinstance(files, StoredFiles) for files in lists):
        return None
    return lists[0] if len(lists) == 1 else UnionFiles(lists)


def _long(value) -> bool:
    if isinstance(value, PathSequence):
        return len(value) > SAMPLE
    return type(value) is list and len(value) > SAMPLE and all(type(v) is str for v in value)


def set_aside(facts) -> tuple[dict, list]:
    """(the facts to store as JSON, [(key, paths)] to write to the side table): each long list of KEYS becomes its
    first SAMPLE paths; its count is set by write_aside once the rows are written."""
    if type(facts) is not dict or not any(_long(facts.get(key)) for key in KEYS):
        return facts, []
    kept, aside = {}, []
    for key, value in facts.items():
        if key in KEYS and _long(value):  # its sample, then its count just after (set once written)
            kept[key] = list(dict.fromkeys(itertools.islice(iter(value), SAMPLE)))
            kept[TOTAL.format(key)] = None
            aside.append((key, value))
        elif key not in kept:
            kept[key] = value
    return kept, aside


def write_aside(conn, item, check_name: str, kept: dict, aside: list) -> None:
    """Each list set aside written in order, each path once (a repeat is ignored by the unique index), and its
    count of distinct paths put in the kept facts."""
    for key, paths in aside:
        rows = ((item, check_name, key, seq, path) for seq, path in enumerate(paths))
        before = conn.total_changes
        conn.executemany("INSERT OR IGNORE INTO finding_files(item, check_name, key, seq, path) "
                         "VALUES (?, ?, ?, ?, ?)", rows)
        kept[TOTAL.format(key)] = conn.total_changes - before


def attach(conn, item, check_name: str, facts):
    """The facts with each list kept aside read from the side table (StoredFiles); other facts as they are."""
    if type(facts) is not dict or not any(TOTAL.format(key) in facts for key in KEYS):
        return facts
    out = dict(facts)
    for key in KEYS:
        if isinstance(facts.get(TOTAL.format(key)), int) and not isinstance(facts.get(key), PathSequence):
            out[key] = StoredFiles(conn, item, check_name, key)
    return out


def whole(facts):
    """The facts as a store written before holds them: each list kept aside read whole into a list, its count
    dropped (the memo's findings name every file)."""
    if type(facts) is not dict or not any(isinstance(facts.get(key), PathSequence) for key in KEYS):
        return facts
    out = {k: list(v) if isinstance(v, PathSequence) else v for k, v in facts.items()}
    for key in KEYS:
        if isinstance(facts.get(key), PathSequence):
            out.pop(TOTAL.format(key), None)
    return out
