"""The memo's digest annex from the store by SQL: counts, the rows printed (bounded), and the complete table as a
CSV attachment streamed from SQLite into deflate (a million files never held as rows)."""

from __future__ import annotations

import csv
import io
import zlib
from dataclasses import dataclass

from models.bundle.names import shown
from models.common.labels import label
from models.memo.memo_html import ALGORITHMS

PRINT_ALL_FILES = 2_000  # up to this many verified files the printed annex lists every file (about 90 pages)
PRINT_FILES_MAX = 10_000  # above it only files not matching are printed, at most this many (the rest in the CSV)
QUIET = ("match", "computed")  # a file whose digests are all these needs no line once the annex is not whole
ORDER = ("match", "mismatch", "missing", "unreadable", "unlisted", "computed")  # as the memo names them
TABLE_NAMES = {"zh": "电子数据校验值表.csv", "en": "digest-table.csv"}
HEADS = {"zh": ("证据项", "文件", "算法", "记录值", "计算值", "结果"),
         "en": ("Item", "File", "Algorithm", "Recorded", "Computed", "Result")}
_FILES = "SELECT item, path FROM verification GROUP BY item, path"
_LOUD_FILES = (f"SELECT item, path FROM verification GROUP BY item, path "
               f"HAVING SUM(status NOT IN {QUIET!r}) > 0")
_COLUMNS = "v.item, v.path, v.algorithm, v.recorded, v.computed, v.status, v.explanation"


def summary(store) -> dict:
    """Counts by status and algorithm, files, files not matching, the last verification's time and version."""
    db = store.db
    found = dict(db.execute("SELECT status, COUNT(*) FROM verification GROUP BY status ORDER BY status"))
    counts = {s: found.pop(s) for s in ORDER if s in found} | found
    algorithms = dict(db.execute("SELECT algorithm, COUNT(*) FROM verification WHERE algorithm IS NOT NULL "
                                 "AND algorithm != '' GROUP BY algorithm ORDER BY algorithm"))
    last = db.execute("SELECT verified_at, program_version FROM verification "
                      "ORDER BY COALESCE(verified_at, '') DESC LIMIT 1").fetchone()
    files = db.execute(f"SELECT COUNT(*) FROM ({_FILES})").fetchone()[0]
    loud = db.execute(f"SELECT COUNT(*) FROM ({_LOUD_FILES})").fetchone()[0]
    return {"counts": counts, "algorithms": algorithms, "files": files, "files_not_matching": loud,
            "verified_at": last[0] if last else None, "program_version": last[1] if last else None}


def printed_rows(store, files: int, loud: int) -> tuple[list[dict], str]:
    """The rows the annex prints and how: "all" (every file, a bundle of up to PRINT_ALL_FILES files) or
    "not_matching" (the files with any digest not matching, the first PRINT_FILES_MAX of them in path order)."""
    if files <= PRINT_ALL_FILES:
        sql, whole = f"SELECT {_COLUMNS} FROM verification v ORDER BY v.item, v.path, v.algorithm", "all"
        params: list = []
    else:
        sql = (f"SELECT {_COLUMNS} FROM verification v JOIN ({_LOUD_FILES} ORDER BY item, path LIMIT ?) s "
               "ON s.path = v.path AND s.item IS v.item ORDER BY v.item, v.path, v.algorithm")
        params, whole = [PRINT_FILES_MAX], "not_matching"
    cursor = store.db.execute(sql, params)
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row)) for row in cursor], whole


def per_item(store) -> dict:
    """item -> {digests, files, counts, algorithms, verified_at, program_version}, by SQL."""
    db = store.db
    out: dict = {}

    def entry(item):
        return out.setdefault(item, {"digests": 0, "files": 0, "counts": {}, "algorithms": {},
                                     "verified_at": None, "program_version": None})

    for item, status, n in db.execute("SELECT item, status, COUNT(*) FROM verification GROUP BY item, status"):
        entry(item)["counts"][status] = n
        entry(item)["digests"] += n
    for item, algorithm, n in db.execute("SELECT item, algorithm, COUNT(*) FROM verification "
                                         "WHERE algorithm IS NOT NULL AND algorithm != '' "
                                         "GROUP BY item, algorithm ORDER BY item, algorithm"):
        entry(item)["algorithms"][algorithm] = n
    for item, n in db.execute("SELECT item, COUNT(DISTINCT path) FROM verification GROUP BY item"):
        entry(item)["files"] = n
    for item, at, version in db.execute(
            "SELECT v.item, v.verified_at, MIN(v.program_version) FROM verification v "
            "JOIN (SELECT item, MAX(verified_at) AS at FROM verification WHERE verified_at IS NOT NULL "
            "AND verified_at != '' GROUP BY item) m ON m.item IS v.item AND m.at = v.verified_at "
            "GROUP BY v.item"):
        entry(item).update(verified_at=at, program_version=version)
    return out


@dataclass
class DigestTable:
    """The complete digest table as a CSV file (UTF-8 with BOM, for Excel and WPS), already deflated."""

    name: str
    deflated: bytes
    size: int  # bytes of the CSV itself
    rows: int


def _cell(text) -> str:
    """A cell a spreadsheet shows as text: a leading = + - @ would be read as a formula (a hostile file name)."""
    text = "" if text is None else str(text)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_text(row, lang: str) -> list[str]:
    item, path, algorithm, recorded, computed, status = row
    name = ALGORITHMS.get(algorithm, (algorithm or "").upper())
    return [_cell(item or "—"), _cell(shown(str(path or ""))), _cell(name),
            _cell(recorded), _cell(computed), _cell(label("verify_status", status, lang))]


def digest_table(store, english: bool = False, batch: int = 5_000) -> DigestTable:
    """Every verification row of the store as the annex's CSV, read and deflated a batch at a time."""
    lang = "en" if english else "zh"
    packer = zlib.compressobj(6)
    parts, size, rows = [], 0, 0
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(HEADS[lang])
    cursor = store.db.execute("SELECT item, path, algorithm, recorded, computed, status FROM verification "
                              "ORDER BY item, path, algorithm")
    chunk = "\ufeff"
    while True:
        fetched = cursor.fetchmany(batch)
        for row in fetched:
            writer.writerow(csv_text(row, lang))
        rows += len(fetched)
        data = (chunk + text.getvalue()).encode("utf-8", "backslashreplace")
        chunk = ""
        text.seek(0)
        text.truncate()
        size += len(data)
        parts.append(packer.compress(data))
        if not fetched:
            break
    parts.append(packer.flush())
    return DigestTable(TABLE_NAMES[lang], b"".join(parts), size, rows)


def read_table(deflated: bytes) -> list[list[str]]:
    """The CSV's rows (header first), BOM removed: for tests and the window."""
    text = zlib.decompress(deflated).decode("utf-8")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
