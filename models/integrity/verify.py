"""Verify every recorded digest of a bundle in one read pass per file; save and load the results."""

import os
import stat
from collections import deque
from datetime import datetime, timezone
from itertools import islice
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from models.bundle.coverage import Coverage, change_for, is_addition
from models.bundle.names import as_gb18030_name, from_os, to_os
from models.bundle.safe_read import LIST_CAP
from models.common.os_errors import os_reason
from models.integrity.digest_pool import digest_many
from models.integrity.digests import FileJob
from models.integrity.list_extras import ListExtras, folder_names
from models.integrity.odd_entry import odd_entry
from models.integrity.recorded import digest_row_steps, hex_problem
from models.integrity.verify_result import VerifyResult
from models.runtime.jobs import check_cancel
from models.store import records_seal

STATUSES = ("match", "mismatch", "missing", "unreadable", "unlisted")
IMAGE_LOG_SUFFIXES = (".txt", ".info", ".log")
RECORD_DEFECT = "记录有误 / record defect"  # the error of a row whose record (not the evidence) is wrong
TREE_MIN_FILES = 512  # a digest list this long: its folder is walked and read by helpers, not file by file
MALFORMED_SHOWN = 1000  # malformed lines of one list reported one by one; the rest counted in one more row


class Expected(NamedTuple):
    """The digests recorded for one file in one place, waiting for the file to be read (one object per
    file, not per digest: a file is often listed with two or more)."""

    item: str | None
    path: str
    source: str
    algorithms: tuple
    values: tuple  # lower-case hex, in the order of algorithms


def is_record_defect(row) -> bool:
    """A row saying the record is wrong (a malformed list line, an invalid value, a list that is absent): a
    defect of the record; the file it names is not verifiable from that record, and is neither changed nor added."""
    row = row if isinstance(row, dict) else row._asdict() if hasattr(row, "_asdict") else vars(row)
    return row.get("status") in ("unreadable", "missing") and str(row.get("error") or "").startswith(RECORD_DEFECT)


def record_line(row) -> int | None:
    """The line number of a record-defect row's list, when it names one."""
    import re

    row = row if isinstance(row, dict) else row._asdict()
    match = re.search(r"line (\d+)", str(row.get("error") or ""))
    return int(match.group(1)) if match else None


def explanation_for(item: dict, path: str) -> str | None:
    """The changes[] explanation (or description) for this path or a folder above it; None when there is none."""
    change = change_for(item, path) or {}
    return change.get("explanation") or change.get("description")


class _Collector:
    """Gathers what the manifest and the lists and logs it points to record, and the findings on the way."""

    def __init__(self, bundle):
        self.bundle, self.root = bundle, Path(bundle.root)
        self.expected: list[Expected] = []
        self.findings: list[VerifyResult] = []
        self.tuples: dict = {}
        self.extras = ListExtras()

    def add(self, item_id, path, digests: dict, source: str) -> None:
        valid, values = [], []
        for algorithm, value in (digests or {}).items():
            algorithm = str(algorithm).lower()
            problem = hex_problem(algorithm, str(value).lower())
            if problem:
                error = f"{RECORD_DEFECT}: 记录的校验值无效 / invalid recorded digest: {problem}"
                self.findings.append(VerifyResult(item_id, path, algorithm, str(value), source, None, "unreadable",
                                                  error))
            else:
                valid.append(algorithm)
                values.append(str(value).lower())
        if valid:
            algorithms = tuple(valid)  # one tuple for every file listed with the same algorithms
            self.expected.append(Expected(item_id, path, source, self.tuples.setdefault(algorithms, algorithms),
                                          tuple(values)))

    def item(self, item: dict, progress=None, cancel=None):
        """Gathers the item's records; yields the results of its long digest lists, compared as read."""
        item_id = item.get("id")
        for entry in item.get("content") or []:
            path = str(entry.get("path", ""))
            if entry.get("type", "file") == "file":  # a disk_image: models.image.bundle_verify
                self.add(item_id, path, entry.get("digests"), "manifest")
            elif entry.get("type") == "directory" and entry.get("digests") and self._is_file(path):
                self.add(item_id, path, entry.get("digests"), "manifest")  # called a folder, is a file: digests count
            if entry.get("type") == "directory" and entry.get("digest_list"):
                yield from self.digest_list(item, path, str(entry["digest_list"]), progress, cancel)
        for path, digests in ((item.get("freeze") or {}).get("digests_at_freeze") or {}).items():
            self.add(item_id, str(path), digests, "freeze")
        for path, digests in ((item.get("appraisal") or {}).get("material_digests") or {}).items():
            self.add(item_id, str(path), digests, "appraisal")

    def _is_file(self, rel: str) -> bool:
        from models.bundle.safepath import SafePathError, resolve_inside

        try:
            return stat.S_ISREG(os.lstat(resolve_inside(self.root, rel)).st_mode)
        except (OSError, SafePathError):
            return False  # a folder, or nothing there: the entry covers what lies below it

    def _list_file(self, item_id, rel: str, source: str):
        from models.bundle.safepath import SafePathError, resolve_inside
        from models.integrity.list_stream import ListFile

        try:
            return ListFile(resolve_inside(self.root, rel), LIST_CAP)
        except (OSError, SafePathError) as exc:
            status = "missing" if isinstance(exc, FileNotFoundError) else "unreadable"
            mark = f"{RECORD_DEFECT}: 记录文件无法读取 / the record cannot be read: "
            self.findings.append(VerifyResult(item_id, rel, None, None, source, None, status, f"{mark}{exc}"))
            return None

    def digest_list(self, item: dict, folder: str, list_rel: str, progress=None, cancel=None):
        """A list's rows as expectations; a long one compared with its folder as the folder is read by helpers
        that walk it (models.integrity.list_tree), its results yielded as made."""
        from models.integrity.list_tree import ListTree, RowKey

        item_id, source = item.get("id"), f"digest_list:{list_rel}"
        listing = self._list_file(item_id, list_rel, source)  # read line by line: never whole
        if listing is None:
            return
        locate = _ListLocator(self.root, folder, list_rel)
        head: list = []
        if listing.lines >= TREE_MIN_FILES:
            for _pause in digest_row_steps(islice(listing, 64), head, [], name=list_rel):
                pass
        self.extras.listed_folder(locate.folder)
        base = self._tree_base(locate.folder) if head else None
        if base is None:
            rows, findings = [], []
            for _pause in digest_row_steps(listing, rows, findings, name=list_rel):
                pass
            self._list_findings(item_id, list_rel, source, findings, locate)
            start = len(self.expected)
            self._expect(item_id, source, rows, locate)
            self._short_list_extras(item_id, locate.folder, list_rel, source, start, cancel)
            return
        explained = item.get("changes")
        tree = ListTree(item_id, locate.folder, base, source, listing, listing.lines, head, RowKey(locate, head),
                        (lambda path: explanation_for(item, path)) if explained else None,
                        lambda lines, rows, findings: digest_row_steps(lines, rows, findings, name=list_rel))
        yield from tree.run(progress, cancel)
        if tree.read_error:
            self.findings.append(VerifyResult(item_id, list_rel, None, None, source, None, "unreadable",
                                              f"{RECORD_DEFECT}: 记录文件无法读取 / the record cannot be read: "
                                              f"{tree.read_error}"))
        for rel, error in tree.unreadable:  # its files, when listed, are checked one by one (and say why)
            self.findings.append(_unreadable_folder(from_os(rel), error))
        self._list_findings(item_id, list_rel, source, tree.findings, locate)
        self._expect(item_id, source, tree.leftover, locate)
        for path, kind in tree.extra:  # read in the folder, named by no row compared there: maybe by a leftover row
            self.extras.add(item_id, path, locate.folder, list_rel, source, kind)

    def _short_list_extras(self, item_id, folder: str, list_rel: str, source: str, start: int, cancel) -> None:
        """A short list's folder walked for the files its rows do not name (a long one: while it is read)."""
        if self._tree_base(folder) is None:
            return
        named = {e.path for e in self.expected[start:]}
        for path, error, kind in folder_names(str(self.root), folder, lambda: check_cancel(cancel)):
            if error is not None:
                self.findings.append(_unreadable_folder(path, error))
            elif path not in named:  # a named one, now a link or FIFO, is compared file by file: said there
                self.extras.add(item_id, path, folder, list_rel, source, kind)

    def _list_findings(self, item_id, list_rel: str, source: str, findings: list, locate) -> None:
        located: dict = {}
        for finding in findings[:MALFORMED_SHOWN]:  # the file a malformed line names, located like any other
            named = located.setdefault(finding.path, locate(finding.path)) if finding.path else list_rel
            self.findings.append(VerifyResult(item_id, named, None, finding.text, source, None, "unreadable",
                                              f"{RECORD_DEFECT}: {list_rel} 第 {finding.line} 行 / line "
                                              f"{finding.line}: {finding.reason}"))
        rest = len(findings) - MALFORMED_SHOWN  # 2 million junk lines were 2 million rows: minutes, gigabytes
        if rest > 0:
            self.findings.append(VerifyResult(item_id, list_rel, None, None, source, None, "unreadable",
                                              f"{RECORD_DEFECT}: {list_rel} 另有 {rest:,} 行无法识别，未逐行列出 / "
                                              f"{rest:,} more malformed lines not listed one by one"))
        findings.clear()

    def _expect(self, item_id, source: str, rows: list, locate) -> None:
        located: dict = {}  # a list line gives one digest per algorithm: each name located once
        for at, row in enumerate(rows):
            rows[at] = None  # its parts live on in the Expected: the row need not stay
            path = located.get(row.path)
            if path is None:
                path = located[row.path] = locate(row.path)
            self.expected.append(Expected(item_id, path, source, row.algorithms, row.values))

    def _tree_base(self, folder: str) -> str | None:
        """The folder to read whole, when it is a folder inside the bundle (else its files are checked one by one)."""
        from models.bundle.safepath import SafePathError, resolve_inside

        try:
            base = resolve_inside(self.root, folder) if folder else self.root
        except (OSError, SafePathError):
            return None
        if not os.path.isdir(base) or os.path.islink(base):
            return None
        return str(base)


class _ListLocator:
    """Bundle path of a name in a digest list: bundle-relative, list-relative, or the longest suffix under folder."""

    def __init__(self, root: Path, folder: str, list_rel: str):
        self.root, self.folder = root, folder.strip("/") if folder not in (".", "") else ""
        self.list_dir = str(PurePosixPath(list_rel).parent)
        self.prefix = self.folder + "/" if self.folder else ""

    def __call__(self, written: str, retry: bool = True) -> str:
        name = written.replace("\\", "/")
        parts = [p for p in name.split("/") if p not in ("", ".")]
        if len(parts) > 1 and parts[0].endswith(":"):
            parts = parts[1:]  # a Windows drive letter
        plain = "/".join(parts)
        if not name.startswith("/"):
            for candidate in (plain, _join(self.list_dir, plain), _join(self.folder, plain)):
                if candidate.startswith(self.folder) and self._exists(candidate):
                    return candidate
        for start in range(len(parts)):  # one lstat a tail: no walk of the folder, however large
            tail = _join(self.folder, "/".join(parts[start:]))
            if self.exists_file(tail):
                return tail
        other = as_gb18030_name(written) if retry else None  # a GBK list naming a file the disk keeps in GBK
        if other is not None and other != written:
            found = self(other, retry=False)
            if self._exists(found):
                return found
        return plain if plain.startswith(self.folder + "/") else _join(self.folder, parts[-1] if parts else plain)

    def _exists(self, candidate: str) -> bool:
        return os.path.exists(os.path.join(self.root, to_os(candidate)))

    def exists_file(self, candidate: str) -> bool:
        """Anything but a folder there (a file, a link, a device), as a walk of the folder lists its names."""
        try:
            return not stat.S_ISDIR(os.lstat(os.path.join(self.root, to_os(candidate))).st_mode)
        except (OSError, ValueError):
            return False


def _join(a: str, b: str) -> str:
    return b if a in ("", ".") else f"{a}/{b}"


class _Files:
    """Each listed path checked as a regular file inside the bundle: resolve_inside's folder check (two
    realpath walks) once per folder, then one lstat per file, which also gives the size."""

    def __init__(self, root: Path):
        self.root, self.text = root, str(root)
        self.folders: dict[str, bool] = {}

    def check(self, rel: str) -> tuple[str | None, str | None, int | None]:
        """(status, error, size): status None when the path is a regular file inside the bundle."""
        from models.bundle.safepath import SafePathError, check_relative, is_inside, resolve_inside

        try:
            check_relative(rel)
            folder = rel.rpartition("/")[0]
            inside = self.folders.get(folder)
            if inside is None:
                inside = self.folders[folder] = is_inside(self.root, os.path.join(self.text, folder))
            if not inside:
                resolve_inside(self.root, rel)  # raises, saying why
            full = os.path.join(self.text, to_os(rel))
            st = os.lstat(full)
            if stat.S_ISLNK(st.st_mode):
                resolve_inside(self.root, rel)  # a link leading out of the bundle says so
        except FileNotFoundError:
            return "missing", "文件不存在 / file not found", None
        except (OSError, SafePathError) as exc:
            return "unreadable", os_reason(exc), None  # the row names the path; a deep one is 40 KB
        if stat.S_ISDIR(st.st_mode):
            return "unreadable", "清单列为文件，实为文件夹 / listed as a file, found a folder", None
        if not stat.S_ISREG(st.st_mode):
            return "unreadable", odd_entry(full, st.st_mode) or "不是普通文件 / not a regular file", None
        return None, None, st.st_size


def _unlisted(bundle, coverage: Coverage, images: set[str], cancel):
    """Files under evidence/ that no content entry covers (Art. 30.4), disk-image segments and logs excepted,
    yielded as found, and each folder that cannot be read (what it holds is unknown: a finding, never silence).
    A folder at or under a listed directory is not walked: every file in it is covered."""
    root, pending = Path(bundle.root), []

    def unreadable(exc: OSError) -> None:  # os.walk would skip it in silence: what it holds is unknown
        if not isinstance(exc, (FileNotFoundError, NotADirectoryError)):  # gone, or a file: nothing hidden
            rel = from_os(os.path.relpath(exc.filename, root).replace(os.sep, "/"))
            pending.append(_unreadable_folder(rel, os_reason(exc)))

    for folder, dirs, names in os.walk(root / "evidence", onerror=unreadable):
        yield from pending
        pending.clear()
        check_cancel(cancel)
        prefix = from_os(os.path.relpath(folder, root).replace(os.sep, "/"))
        if _covered_folder(coverage, prefix):
            dirs[:] = []
            continue
        links = [d for d in dirs if os.path.islink(os.path.join(folder, d))]  # never walked: listed as the scan does
        dirs[:] = sorted(d for d in dirs if d not in links)
        for name in sorted(names + links):
            rel = f"{prefix}/{from_os(name)}"
            _item, listed = coverage.locate(rel)
            if is_addition(rel, listed) and not (_companion(rel, images) and _regular(os.path.join(folder, name))):
                yield VerifyResult(None, rel, None, None, None, None, "unlisted")
    yield from pending  # a folder found unreadable at the walk's last step


def _unreadable_folder(rel: str, error: str) -> VerifyResult:
    return VerifyResult(None, rel, None, None, None, None, "unreadable",
                        f"无法读取文件夹，其中的文件未能核对 / folder not readable, its files unchecked: {error}")


def _covered_folder(coverage: Coverage, folder: str) -> bool:
    """A directory content entry at or above this folder (then Coverage.locate says listed for all under it)."""
    if "" in coverage.dirs:
        return True
    while folder:
        if folder in coverage.dirs:
            return True
        folder = folder.rpartition("/")[0]
    return False


def _regular(path: str) -> bool:
    """A regular file (not followed): a FIFO or a link named usb.E01.log beside an image is no log of it."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _companion(rel: str, images: set[str]) -> bool:
    """A segment (.E02, .002) or acquisition log beside a listed disk image."""
    path = PurePosixPath(rel)
    for image in images:
        img = PurePosixPath(image)
        if img.parent == path.parent and (path.suffix.lower() in IMAGE_LOG_SUFFIXES or
                                          (path.stem == img.stem and path.suffix[1:2].lower() == img.suffix[1:2].lower()
                                           and path.suffix[2:].isdigit())):
            return True
    return False


def _compare(expected: deque, answers: dict, explained: dict, shared: set, ready_only: bool = False):
    """A result per recorded digest, yielded as made, in the records' order. An answer is (status or None,
    {algorithm: hex}, error), or (index, hexes) from a folder read whole; it is dropped once used unless its path
    is in `shared` (recorded in more than one place), and each expectation leaves the deque as it is compared:
    memory goes down as the results go out. ready_only: stop at the first record whose answer has not come yet.
    explained: item id -> item, for the items with changes[]."""
    while expected:
        if ready_only and expected[0].path not in answers:
            return
        e = expected.popleft()
        answer = answers[e.path] if e.path in shared else answers.pop(e.path)
        note = explanation_for(explained[e.item], e.path) if e.item in explained else None
        first = answer[0]
        if first is None or type(first) is dict:
            if first is None:
                computed = [answer[1].get(a) for a in e.algorithms]
            else:
                hexes = answer[1]
                computed = [hexes[first[a]] if a in first else None for a in e.algorithms]
            for algorithm, recorded, value in zip(e.algorithms, e.values, computed):
                if value == recorded:  # the recorded string kept once: a match holds no second copy
                    yield VerifyResult(e.item, e.path, algorithm, recorded, e.source, recorded, "match", None, note)
                else:
                    yield VerifyResult(e.item, e.path, algorithm, recorded, e.source, value, "mismatch", None, note)
        else:
            for algorithm, recorded in zip(e.algorithms, e.values):
                yield VerifyResult(e.item, e.path, algorithm, recorded, e.source, None, first, answer[2], note)


def _file_jobs(root_text: str, jobs: dict):
    """The reads to make, as FileJobs, from path -> (algorithms, size): the dict goes when digest_many has them."""
    for path, (algorithms, size) in jobs.items():
        yield FileJob(path, os.path.join(root_text, to_os(path)), algorithms, size)


def verify_bundle(bundle, store=None, progress=None, cancel=None, items=None) -> list[VerifyResult]:
    """iter_verify's results in one list (the window shows them; `verify` streams them into the store instead)."""
    return list(iter_verify(bundle, store, progress, cancel, items))


def iter_verify(bundle, store=None, progress=None, cancel=None, items=None):
    """Every recorded digest of the bundle (or of the items named) recomputed and compared, plus unlisted files,
    yielded as made, so memory does not grow with the number of files.
    A digest list of many files has its folder read by helpers that walk it as they read (models.integrity.digest_tree);
    everything else is checked file by file and read through models.integrity.digest_pool. A disk image opened on its
    own: its media stream against the digests it stores (models.image.verify)."""
    if getattr(bundle, "image", None) is not None:
        from models.image.verify import verify_image

        yield from verify_image(bundle, progress, cancel)  # a generator: return would yield nothing
        return
    wanted = None if items is None else set(items)

    def chosen():  # made an item at a time: a manifest's items are kept compact (models.bundle.compact)
        return (i for i in bundle.items if wanted is None or i.get("id") in wanted)

    from models.image.bundle_verify import verify_images  # disk images first: their media streams read once

    image_results = verify_images(bundle, chosen(), progress, cancel)
    collector = _Collector(bundle)
    for item in chosen():
        yield from collector.item(item, progress, cancel)
    explained = {i.get("id"): i for i in chosen() if i.get("changes")}  # the items _compare needs whole
    collector.findings += collector.extras.results(bundle, collector.expected, collector.findings, explanation_for)
    expected, collector.expected = deque(collector.expected), None
    files, answers, jobs, shared = _Files(Path(bundle.root)), {}, {}, set()
    for e in expected:
        path = e.path
        if path in answers or path in jobs:
            shared.add(path)
        if path in answers:
            continue
        if path in jobs:  # one read for every algorithm any record of the file asks
            algorithms, size = jobs[path]
            jobs[path] = (tuple(dict.fromkeys(algorithms + e.algorithms)), size)
            continue
        status, error, size = files.check(path)
        if status:
            answers[path] = (status, None, error)
        else:
            jobs[path] = (e.algorithms if len(e.algorithms) == 1 else tuple(dict.fromkeys(e.algorithms)), size)
    file_jobs = _file_jobs(files.text, jobs)
    del files, jobs  # digest_many lists the jobs and lets the dict go
    yield from collector.findings
    # compared as the answers come (nearly in the records' order): each answer is let go once used
    for answer in digest_many(file_jobs, progress=progress, cancel=cancel):
        if answer.error:
            answers[answer.key] = ("missing" if answer.missing else "unreadable", None, answer.error)
        else:
            answers[answer.key] = (None, answer.digests, None)
        yield from _compare(expected, answers, explained, shared, ready_only=True)
    yield from _compare(expected, answers, explained, shared)
    yield from image_results
    if items is None:
        images = {e.get("path") for i in chosen() for e in i.get("content") or [] if e.get("type") == "disk_image"}
        yield from _unlisted(bundle, Coverage(bundle), images, cancel)


def _program_version() -> str:
    import models

    return getattr(models, "__version__", None) or "0.1.0"


RESULT_COLUMNS = VerifyResult._fields  # the verification table's columns but id, verified_at, program_version


def save_results(store, results, items=None) -> None:
    """Replace the verification records of `items` (None: of the whole case) by these results, in one transaction."""
    now = datetime.now(timezone.utc).isoformat().replace("+00:00", "Z")
    version = _program_version()
    tail = (now, version)  # a VerifyResult is a tuple of the columns already: no dict per row on the way
    rows = (r + tail if type(r) is VerifyResult else (*_values(r), now, version) for r in results)
    from models.store.audit import transaction

    with transaction(store.db) as conn:  # BEGIN IMMEDIATE: the seal read and the rows written in one transaction
        seal = records_seal.Rewrite(conn, "verification")  # the memo signs them: an edit outside must show
        if items is None:
            seal.delete()
        for item in items or ():
            seal.delete("WHERE item = ?", (item,))
        seal.inserting()
        conn.executemany(f"INSERT INTO verification ({', '.join(RESULT_COLUMNS)}, verified_at, program_version) "
                         f"VALUES ({', '.join('?' * (len(RESULT_COLUMNS) + 2))})", rows)
        seal.added()


def _values(result) -> tuple:
    if isinstance(result, VerifyResult):
        return tuple(result)  # its fields are RESULT_COLUMNS, in that order
    result = dict(result)
    return tuple(result.get(column) for column in RESULT_COLUMNS)


def iter_saved(store):
    """The saved results as VerifyResults, in the order they were made (streamed, not loaded whole)."""
    cursor = store.db.conn.execute(f"SELECT {', '.join(RESULT_COLUMNS)} FROM verification ORDER BY id")
    for row in cursor:
        yield VerifyResult(*row)


def load_results(store, item=None) -> list[dict]:
    """Verification records (dicts), of one item or of all, ordered by item, path, algorithm."""
    sql = "SELECT * FROM verification"
    params: tuple = ()
    if item is not None:
        sql, params = sql + " WHERE item = ?", (item,)
    cursor = store.db.conn.execute(sql + " ORDER BY item, path, algorithm", params)
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row)) for row in cursor]
