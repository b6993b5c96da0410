"""Recorded digests from where users keep them: md5sum/sha256sum lists, hashdeep, FTK Imager and Guymager logs."""

import re
from dataclasses import dataclass, field
from itertools import chain
from typing import NamedTuple

from models.integrity.digests import HEX_LENGTHS
from models.inventory.textenc import decode_text

_HEX = re.compile(r"^[0-9a-fA-F]+$")
_LABEL_ALGORITHMS = {"md5": "md5", "sha1": "sha1", "sha-1": "sha1", "sha256": "sha256", "sha-256": "sha256",
                     "sm3": "sm3"}


@dataclass(frozen=True)
class RecordedDigest:
    """One recorded value: path as the list writes it ('' for an acquisition log's image), role, line number."""

    path: str
    algorithm: str
    value: str
    line: int | None = None
    size: int | None = None
    role: str = "listed"  # listed | acquisition | verified_source | verified_image


@dataclass(frozen=True)
class ListFinding:
    """A line that could not be read as a digest: where, what it says, why it was refused, and the file it
    names when that can still be read from it (the file is then "not verifiable from this record")."""

    line: int
    text: str
    reason: str
    path: str | None = None


_LOOSE_SUM = re.compile(r"^\\?\s*(?:\d+\s+)?[0-9A-Za-z]+(?: [ *]|\t|\s+)(.+)$")
_LOOSE_BSD = re.compile(r"^\w+ \((.+)\) = ", re.IGNORECASE)


def named_in_sum_line(text: str) -> str | None:
    """The path an md5sum-style line names even when its digest is malformed (None when it names none)."""
    match = _LOOSE_BSD.match(text) or _LOOSE_SUM.match(text.strip())
    return match.group(1).strip() if match and match.group(1).strip() else None


def named_in_hashdeep_line(line: str, columns: list[str] | None) -> str | None:
    """The filename column of a hashdeep line under this header (None when the line is too short)."""
    if not columns or "filename" not in columns:
        return None
    name_at = columns.index("filename")
    parts = line.split(",", name_at)
    return parts[name_at].strip() or None if len(parts) > name_at else None


@dataclass
class ParsedList:
    """What one list or log yields: digests, findings, its format, and any header values (logs)."""

    format: str
    digests: list[RecordedDigest] = field(default_factory=list)
    findings: list[ListFinding] = field(default_factory=list)
    meta: dict = field(default_factory=dict)


def list_lines(text: str) -> list[str]:
    """A list's lines, cut at line feeds only ("\\r\\n" leaves a "\\r" the parsers strip): str.splitlines also cuts
    at \\x1c-\\x1e, \\x0c, \\x85 and U+2028, which a file name may hold (md5sum does not escape them)."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def hex_problem(algorithm: str, value: str) -> str | None:
    """Why value is not a valid digest of this algorithm (Chinese / English), or None when it is."""
    expected = HEX_LENGTHS.get(algorithm)
    if expected is None:
        return f"未知算法 / unknown algorithm: {algorithm}"
    if not isinstance(value, str) or not _HEX.match(value):
        return f"不是十六进制值 / not hexadecimal: {value!r}"
    if len(value) != expected:
        return (f"{algorithm} 应为 {expected} 位十六进制，实为 {len(value)} 位 / "
                f"{algorithm} needs {expected} hex digits, got {len(value)}")
    return None


def valid_hex(algorithm: str, value: str) -> bool:
    return hex_problem(algorithm, value) is None


def algorithm_for_length(length: int, hint: str = "") -> str | None:
    """md5/sha1/sha256 by hex length; 64 digits are SM3 only when the list's name says so."""
    if length == 64 and "sm3" in hint.lower():
        return "sm3"
    return {32: "md5", 40: "sha1", 64: "sha256"}.get(length)


# --- md5sum / sha256sum / md5deep -------------------------------------------------------------------------
_SUM = re.compile(r"^\\?([0-9a-fA-F]{16,})(?: [ *]|\t)(.+)$")
_SIZED = re.compile(r"^\s*(\d+)\s+([0-9a-fA-F]{16,})\s+(.+)$")
_BSD = re.compile(r"^(MD5|SHA1|SHA256|SM3) \((.+)\) = ([0-9a-fA-F]+)$", re.IGNORECASE)


def _unescape(path: str) -> str:
    """md5sum writes a leading backslash and escapes \\ and newline in names that contain them."""
    return path.replace("\\n", "\n").replace("\\\\", "\\")


def _sum_line(text: str, number: int, hint: str, algorithm: str | None):
    match = _BSD.match(text)
    if match:
        return match.group(2), match.group(1).lower(), match.group(3), None
    match = _SUM.match(text)
    size = None
    if match:
        value, path = match.group(1), match.group(2)
        if text.startswith("\\"):
            path = _unescape(path)
    else:
        match = _SIZED.match(text)
        if not match:
            return None
        size, value, path = int(match.group(1)), match.group(2), match.group(3)
    return path, algorithm or algorithm_for_length(len(value), hint), value, size


def _add(parsed: ParsedList, number: int, text: str, path: str, algorithm: str | None, value: str,
         size: int | None = None, role: str = "listed") -> None:
    if algorithm is None:
        parsed.findings.append(ListFinding(number, text,
                                           f"无法由长度判断算法 / no algorithm has {len(value)} hex digits",
                                           path or None))
        return
    problem = hex_problem(algorithm, value)
    if problem:
        parsed.findings.append(ListFinding(number, text, problem, path or None))
        return
    parsed.digests.append(RecordedDigest(path, algorithm, value.lower(), number, size, role))


def parse_sum_list(text: str, hint: str = "", algorithm: str | None = None) -> ParsedList:
    """md5sum / sha1sum / sha256sum (`<hex>  <path>`, `<hex> *<path>`), BSD tags, md5deep (-z), tab lists:
    _sum_rows (verify's streamed reading) over the whole text, one RecordedDigest per row."""
    parsed = ParsedList("sum")
    rows: list = []
    for _pause in chain(_sum_rows(list_lines(text), rows, parsed.findings, hint, algorithm, 1000), [None]):
        parsed.digests.extend(RecordedDigest(r.path, r.algorithms[0], r.values[0], r.line, r.size) for r in rows)
        rows.clear()  # a thousand rows at a time: never the whole list twice
    return parsed


# --- hashdeep ---------------------------------------------------------------------------------------------
def parse_hashdeep(text: str) -> ParsedList:
    """`%%%% HASHDEEP-1.0`, `%%%% size,md5,sha256,filename`, `#` comments; extra commas belong to the name."""
    parsed = ParsedList("hashdeep")
    columns: list[str] | None = None
    for number, raw in enumerate(list_lines(text), start=1):
        line = raw.rstrip("\r")
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("%%%%"):
            columns = _header_columns(line) or columns
            continue
        if not columns or "filename" not in columns:
            parsed.findings.append(ListFinding(number, line,
                                               "hashdeep 列表缺少列标题行 / hashdeep list without a column header"))
            continue
        _hashdeep_row(parsed, number, line, columns)
    return parsed


def _header_columns(line: str) -> list[str] | None:
    """A `%%%%` line's column names; None for the `%%%% HASHDEEP-1.0` banner."""
    body = line[4:].strip()
    return None if body.upper().startswith("HASHDEEP") else [c.strip().lower() for c in body.split(",")]


def _hashdeep_row(parsed: ParsedList, number: int, line: str, columns: list[str]) -> None:
    name_at = columns.index("filename")
    before = line.split(",", name_at)
    if len(before) <= name_at:
        parsed.findings.append(ListFinding(number, line,
                                           f"字段不足 {len(columns)} 个 / fewer than {len(columns)} fields",
                                           named_in_hashdeep_line(line, columns)))
        return
    values, path = before[:name_at], before[name_at]
    size = None
    if "size" in columns[:name_at]:
        text = values[columns.index("size")].strip()
        if not text.isdecimal():  # what int() reads (\d too); "²" is a digit int() refuses
            parsed.findings.append(ListFinding(number, line, f"大小不是整数 / size is not a number: {text!r}",
                                               path.strip() or None))
            return
        size = int(text)
    problems, found = [], []
    for column, value in zip(columns[:name_at], values):
        algorithm = _LABEL_ALGORITHMS.get(column)
        problem = algorithm and hex_problem(algorithm, value.strip())
        if problem:
            problems.append(problem)
        elif algorithm:
            found.append(RecordedDigest(path, algorithm, value.strip().lower(), number, size))
    if problems:  # one finding per line, whatever the number of bad columns; a defective line verifies nothing
        parsed.findings.append(ListFinding(number, line, "; ".join(problems), path.strip() or None))
    else:
        parsed.digests.extend(found)


class ListRow(NamedTuple):
    """One line of a digest list as verify uses it: the path as written, its algorithms (one tuple shared by
    the lines of a list) and lower-case hex values in the same order (smaller than a list of pairs)."""

    path: str
    algorithms: tuple
    values: tuple
    size: int | None
    line: int

    @property
    def digests(self) -> tuple:
        """((algorithm, value), ...)."""
        return tuple(zip(self.algorithms, self.values))


_COLUMN_PATTERNS = {"size": r"(\d+)", "md5": r"([0-9a-f]{32})", "sha1": r"([0-9a-f]{40})",
                    "sha256": r"([0-9a-f]{64})", "sm3": r"([0-9a-f]{64})"}


def _row_pattern(columns: list[str]):
    """A regular expression for a well-formed line under this header (lower-case hex, no spaces), or None."""
    if "filename" not in columns:
        return None
    name_at = columns.index("filename")
    parts = [_COLUMN_PATTERNS.get(_LABEL_ALGORITHMS.get(c, c), r"[^,]*") for c in columns[:name_at]]
    # a first column of any text would take a '#' comment or a '%%%%' header as a row: those go the slow path
    return re.compile(r"(?!#|%%%%)" + ",".join(parts + ["(.*)"]) + r"\Z", re.DOTALL)


def _hashdeep_rows(lines: list[str], rows: list, findings: list, step: int):
    """parse_hashdeep's rows, a line at a time: one compiled match per well-formed line (much cheaper
    than a RecordedDigest per digest); any other line goes through _hashdeep_row.
    A generator: it pauses after every `step` lines (verify parses while helpers read the files)."""
    columns, pattern, algorithms, size_group, first, last = None, None, (), None, 0, 0
    for number, raw in enumerate(lines, start=1):
        if not number % step:
            yield
        line = raw.rstrip("\r")
        match = pattern.match(line) if pattern is not None else None
        if match is not None:
            groups = match.groups()
            rows.append(ListRow(groups[-1], algorithms, groups[first:last], int(groups[size_group])
                                if size_group is not None else None, number))
            continue
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("%%%%"):
            if (header := _header_columns(line)) is not None:
                columns = header
                pattern = _row_pattern(columns)
                if pattern is not None:
                    kept = [c for c in columns[:columns.index("filename")] if c in _COLUMN_PATTERNS
                            or _LABEL_ALGORITHMS.get(c) in _COLUMN_PATTERNS]
                    size_group = kept.index("size") if "size" in kept else None
                    digests = [_LABEL_ALGORITHMS[c] for c in kept if c != "size"]
                    first = 1 if size_group == 0 else 0
                    if size_group not in (None, 0) or not digests:
                        pattern = None  # size between digests: the slow path keeps it simple
                    algorithms, last = tuple(digests), first + len(digests)
            continue
        if not columns or "filename" not in columns:
            findings.append(ListFinding(number, line,
                                        "hashdeep 列表缺少列标题行 / hashdeep list without a column header"))
            continue
        parsed = ParsedList("hashdeep")
        _hashdeep_row(parsed, number, line, columns)
        findings.extend(parsed.findings)
        if parsed.digests:
            rows.append(ListRow(parsed.digests[0].path, tuple(d.algorithm for d in parsed.digests),
                                tuple(d.value for d in parsed.digests), parsed.digests[0].size, number))


def digest_rows(data: bytes | str, name: str = "", algorithm: str | None = None) -> tuple[list[ListRow],
                                                                                          list[ListFinding]]:
    """parse_digest_list's digests grouped by line (one ListRow per listed file) and its findings."""
    rows: list = []
    findings: list = []
    for _pause in digest_row_steps(list_lines(decode_text(data)), rows, findings, name, algorithm):
        pass
    return rows, findings


def digest_row_steps(lines, rows: list, findings: list, name: str = "", algorithm: str | None = None,
                     step: int = 1000):
    """digest_rows of a list's lines (any iterable, read once: a long list streams), into rows and findings,
    pausing (a bare yield) every `step` lines."""
    lines = iter(lines)
    head = []
    for line in lines:  # the first line that says something tells the format
        head.append(line)
        if line.strip():
            break
    lines = chain(head, lines)
    if head and head[-1].startswith("%%%%"):
        yield from _hashdeep_rows(lines, rows, findings, step)
    else:
        yield from _sum_rows(lines, rows, findings, name, algorithm, step)


def _sum_rows(lines, rows: list, findings: list, hint: str, algorithm: str | None, step: int):
    """An md5sum-style list's digests as ListRows, a line at a time (one tuple of algorithms shared by the rows),
    pausing every `step` lines; parse_sum_list is this over a whole text."""
    shared: dict = {}
    for number, raw in enumerate(lines, start=1):
        if not number % step:
            yield
        line = raw.rstrip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        found = _sum_line(line, number, hint, algorithm)
        if found is None:
            if number == 1 and "hash" in line.lower() and not _HEX.match(line.split()[0]):
                continue  # a column header ("SHA256 hash<TAB>Display name")
            findings.append(ListFinding(number, line, "不是“校验值 路径”格式的行 / not a `<digest> <path>` line",
                                        named_in_sum_line(line)))
            continue
        path, alg, value, size = found
        if alg is None:
            findings.append(ListFinding(number, line, f"无法由长度判断算法 / no algorithm has {len(value)} hex digits",
                                        path or None))
            continue
        problem = hex_problem(alg, value)
        if problem:
            findings.append(ListFinding(number, line, problem, path or None))
            continue
        rows.append(ListRow(path, shared.setdefault(alg, (alg,)), (value.lower(),), size, number))


def parse_digest_list(data: bytes | str, name: str = "", algorithm: str | None = None) -> ParsedList:
    """Any digest list: hashdeep when its header says so, else md5sum-style; name hints the algorithm (sm3)."""
    text = decode_text(data)
    first = next((line for line in list_lines(text) if line.strip()), "")
    if first.startswith("%%%%"):
        return parse_hashdeep(text)
    return parse_sum_list(text, hint=name, algorithm=algorithm)


# --- FTK Imager -------------------------------------------------------------------------------------------
_FTK_HASH = re.compile(r"^\s*(?:\[[^\]]*\]\s*)?(MD5|SHA-?1|SHA-?256)\s+checksum\s*[:：]\s*([0-9A-Za-z]+)"
                       r"(?:\s*[:：]\s*(\S.*?))?\s*$", re.IGNORECASE)
_FTK_META = ("Case Number", "Evidence Number", "Unique Description", "Examiner", "Notes", "Acquisition started",
             "Acquisition finished", "Verification started", "Verification finished", "Source data size",
             "Drive Serial Number", "Drive Model", "Sector Count")


def parse_ftk_log(data: bytes | str) -> ParsedList:
    """FTK Imager's .txt log: checksums under [Computed Hashes] (acquisition) and the 'verified' lines."""
    text = decode_text(data)
    parsed = ParsedList("ftk")
    verifying = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if line.lower().startswith("image verification results"):
            verifying = True
        match = _FTK_HASH.match(line)
        if match:
            algorithm = _LABEL_ALGORITHMS[match.group(1).lower()]
            verified = verifying or "verif" in (match.group(3) or "").lower()
            role = "verified_image" if verified else "acquisition"
            _add(parsed, number, line, "", algorithm, match.group(2), None, role)
            continue
        _ftk_meta(parsed, line)
    return parsed


def _ftk_meta(parsed: ParsedList, line: str) -> None:
    if line.startswith("Created By"):
        # FTK Imager writes ® as UTF-8 read as Latin-1 (Â®): repaired in its own name only, not in the
        # examiner's or the case's text
        parsed.meta.setdefault("tool", line[len("Created By"):].strip().replace("Â®", "®"))
        return
    label, sep, value = line.partition(":")
    if sep and label.strip() in _FTK_META:
        parsed.meta.setdefault(label.strip(), value.strip())
    elif line.startswith("Information for "):
        parsed.meta.setdefault("source", line[len("Information for "):].rstrip(":").strip())


# --- Guymager ---------------------------------------------------------------------------------------------
_GUY_HASH = re.compile(r"^\s*(MD5|SHA-?1|SHA-?256)\b(.*?)[:：]+\s*([0-9A-Fa-f]{16,}|--|-)?\s*$", re.IGNORECASE)
_SOURCE_WORDS = ("source", "源", "来源", "設備", "设备")
_IMAGE_WORDS = ("image", "镜像", "映像", "影像", "图像")
_ROLES = ("acquisition", "verified_source", "verified_image")


def _guymager_role(label: str, seen: int) -> str:
    """By the label's words; an unknown (localized) label by order: Guymager writes hash, source, image."""
    lower = label.lower()
    if any(w in lower for w in _SOURCE_WORDS):
        return "verified_source"
    if any(w in lower for w in _IMAGE_WORDS):
        return "verified_image"
    return _ROLES[min(seen, 2)]


def parse_guymager_info(data: bytes | str) -> ParsedList:
    """Guymager's .info: `MD5 hash`, `... verified source`, `... verified image` rows (labels may be localized)."""
    text = decode_text(data)
    parsed = ParsedList("guymager")
    seen: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        match = _GUY_HASH.match(raw.rstrip())
        if not match:
            _guymager_meta(parsed, raw)
            continue
        algorithm = _LABEL_ALGORITHMS[match.group(1).lower()]
        role = _guymager_role(match.group(2), seen.get(algorithm, 0))
        seen[algorithm] = seen.get(algorithm, 0) + 1
        value = match.group(3) or ""
        if value.strip("-"):
            _add(parsed, number, raw.strip(), "", algorithm, value, None, role)
    return parsed


_GUY_META = {"case number": "case_number", "案件序列号": "case_number", "evidence number": "evidence_number",
             "证据号码": "evidence_number", "examiner": "examiner", "调查员": "examiner",
             "description": "description", "说明": "description", "notes": "notes", "记录": "notes",
             "linux device": "device", "device size": "device_size", "state": "state",
             "acquisition started": "acquisition_started", "verification started": "verification_started",
             "ended": "ended", "image path and file name": "image_path"}


def _guymager_meta(parsed: ParsedList, raw: str) -> None:
    label, sep, value = raw.strip().partition(":")
    key = _GUY_META.get(label.strip().lower())
    if sep and key:
        parsed.meta.setdefault(key, value.strip().lstrip(":").strip())


def parse_acquisition_log(data: bytes | str) -> ParsedList | None:
    """An FTK Imager or Guymager log by its content, None when it is neither."""
    text = decode_text(data)
    head = text[:4000]
    first = next((line.strip() for line in head.splitlines() if line.strip()), "")
    if first.startswith("Created By") and "FTK" in first:  # the tool's own first line decides, before any
        return parse_ftk_log(text)  # word further down (an examiner or a note may say GUYMAGER)
    if "GUYMAGER" in first.upper():
        return parse_guymager_info(text)
    if "GUYMAGER" in head.upper() or re.search(r"^\s*MD5 hash\s.*verified", text, re.MULTILINE | re.IGNORECASE):
        return parse_guymager_info(text)
    if "FTK" in head or re.search(r"checksum\s*:", text, re.IGNORECASE):
        return parse_ftk_log(text)
    return None
