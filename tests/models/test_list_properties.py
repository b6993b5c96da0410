"""Property-based tests (hypothesis, fixed seed) of the digest lists and acquisition logs beyond "never raises"
(tests/models/test_hostile_properties.py): each list format's two readings agree (whole text and streamed,
whole file and chunked), what a writer wrote is read back, the output is bounded by the input's lines, and
the acquisition logs give back the digests and the roles they were written with."""

import hashlib

import pytest

hypothesis = pytest.importorskip("hypothesis", reason="hypothesis is not installed (requirements-dev.txt)")
from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from models.bundle.names import from_os  # noqa: E402
from models.integrity import list_stream, recorded  # noqa: E402
from models.inventory.textenc import decode_text  # noqa: E402
from tests.models.test_hostile_properties import ANY_DATA, HEXES, NAMES, SETTINGS  # noqa: E402

ALGORITHMS = ("md5", "sha1", "sha256", "sm3")
HEADERS = st.lists(st.sampled_from(["size", "md5", "sha1", "sha256", "sm3", "tiger", "filename", "", "%%%%"]),
                   min_size=1, max_size=5).map(lambda cols: "%%%% " + ",".join(cols))
# hashdeep-like text: headers in any column order, rows of comma-separated fields that are near misses of what
# the columns want (digits of other scripts, upper-case or short hex, spaces, a leading '#'), names with commas
_MD5, _SHA256 = hashlib.md5(b"").hexdigest(), hashlib.sha256(b"").hexdigest()
NEAR = {"size": ["12", "0", "²", "١٢", "-1", " 7", "", "x"],
        "md5": [_MD5, _MD5.upper(), " " + _MD5, _MD5[:-1], "", "g" * 32],
        "sha1": [hashlib.sha1(b"").hexdigest(), ""], "sm3": [_SHA256, _SHA256[:-1]],
        "sha256": [_SHA256, _SHA256.upper() + " ", _SHA256[:-1]], "tiger": ["#ab", "ab", "", " "],
        "whirlpool": ["%%%% x", "ab"]}


@st.composite
def hashdeep_text(draw) -> str:
    """A header, then rows whose fields are what each column wants or a near miss of it (any column order)."""
    columns = draw(st.lists(st.sampled_from(sorted(NEAR)), max_size=4, unique=True))
    columns.insert(draw(st.integers(0, len(columns))), "filename")
    lines = ["%%%% HASHDEEP-1.0", "%%%% " + ",".join(columns)]
    for _ in range(draw(st.integers(0, 8))):
        if draw(st.integers(0, 9)) == 0:
            lines.append(draw(st.one_of(HEADERS, NAMES)))
            continue
        fields = [draw(NAMES if c == "filename" else HEXES if draw(st.integers(0, 9)) == 0 else
                       st.sampled_from(NEAR[c])) for c in columns]
        lead = draw(st.sampled_from(["", "#", "%%%% ", " ", "\\"]))
        lines.append(lead + ",".join(fields) + draw(st.sampled_from(["", "", "\r", " "])))
    return "\n".join(lines)


HASHDEEP_TEXT = hashdeep_text()
LISTS = st.one_of(ANY_DATA, HASHDEEP_TEXT, HASHDEEP_TEXT.map(str.encode))


def _grouped(parsed) -> list[tuple]:
    """parse_digest_list's digests as digest_rows groups them: one row per line."""
    rows: dict = {}
    for d in parsed.digests:
        rows.setdefault(d.line, [d.path, [], d.size])[1].append((d.algorithm, d.value))
    return [(path, tuple(a for a, _v in digests), tuple(v for _a, v in digests), size, line)
            for line, (path, digests, size) in rows.items()]


@SETTINGS
@given(LISTS, st.sampled_from(["", "list.sm3", "SM3SUMS"]), st.sampled_from([None, "md5", "sm3"]))
def test_streamed_rows_are_the_whole_text_reading(data, name, algorithm):
    """verify's line-at-a-time reading (digest_rows) and the whole-text one (parse_digest_list) agree on any
    list, hashdeep or md5sum-style: same rows, same findings; at most one row or finding per line."""
    rows, findings = recorded.digest_rows(data, name=name, algorithm=algorithm)
    parsed = recorded.parse_digest_list(data, name=name, algorithm=algorithm)
    assert [tuple(r) for r in rows] == _grouped(parsed)
    assert findings == parsed.findings
    lines = recorded.list_lines(decode_text(data))
    assert len(rows) + len(findings) <= len(lines)
    assert len({r.line for r in rows} | {f.line for f in findings}) == len(rows) + len(findings)


@SETTINGS
@given(HASHDEEP_TEXT)
def test_hashdeep_fast_and_slow_lines_agree(text):
    """Every hashdeep line, whether verify's compiled match takes it or the slow path does, is read as
    parse_hashdeep reads it: a '#' line is a comment and a '%%%%' line a header whatever the columns."""
    rows, findings = recorded.digest_rows(text)
    parsed = recorded.parse_hashdeep(text)
    assert [tuple(r) for r in rows] == _grouped(parsed)
    assert findings == parsed.findings


@SETTINGS
@given(ANY_DATA, st.sampled_from(["", "x.sm3"]), st.sampled_from([None, "sha1", "sm3"]),
       st.sampled_from([1, 2, 7, 1000]))
def test_sum_list_whole_and_streamed_spellings_agree(data, hint, algorithm, step):
    """parse_sum_list (whole text) and _sum_rows (streamed, pausing every `step` lines) give the same."""
    text = decode_text(data)
    rows, findings = [], []
    for _pause in recorded._sum_rows(recorded.list_lines(text), rows, findings, hint, algorithm, step):
        pass
    parsed = recorded.parse_sum_list(text, hint=hint, algorithm=algorithm)
    assert [tuple(r) for r in rows] == _grouped(parsed)
    assert findings == parsed.findings


HASHDEEP_NAMES = NAMES.filter(lambda n: "\n" not in n and n == n.strip() and n and not n.startswith("#"))


@SETTINGS
@given(st.lists(st.sampled_from(["size", "md5", "sha1", "sha256", "tiger"]), min_size=1, max_size=4, unique=True),
       st.lists(st.tuples(HASHDEEP_NAMES, st.integers(0, 2**63)), max_size=8))
def test_hashdeep_gives_back_what_was_written(columns, files):
    """A hashdeep list written for any names (commas too) and any column order is read back exactly."""
    if not set(columns) & {"md5", "sha1", "sha256"}:
        columns = [*columns, "md5"]
    lines = ["%%%% HASHDEEP-1.0", "%%%% " + ",".join([*columns, "filename"]), "## Invoked from: /case"]
    expected = []
    for name, size in files:
        values = {c: str(size) if c == "size" else hashlib.md5(name.encode()).hexdigest()[:16] if c == "tiger"
                  else hashlib.new(c, name.encode()).hexdigest() for c in columns}
        lines.append(",".join([*(values[c] for c in columns), name]))
        expected.append((name, tuple((c, values[c]) for c in columns if c in ALGORITHMS),
                         size if "size" in columns else None))
    data = "\n".join(lines).encode("utf-8")
    rows, findings = recorded.digest_rows(data)
    assert not findings
    assert [(r.path, r.digests, r.size) for r in rows] == expected


@SETTINGS
@given(st.tuples(st.sampled_from([b"", b"\xef\xbb\xbf", b"\xef\xbb", "\ufeff文".encode("gb18030")]),
                 st.binary(max_size=600)).map(b"".join), st.sampled_from([1, 3, 16]))
def test_a_list_read_in_chunks_gives_the_lines_of_the_whole_reading(tmp_path_factory, data, chunk):
    """ListFile (verify's streamed reading: chunks, incremental decoding) gives the lines and the line count of
    the whole-file reading for any bytes, a character or a BOM cut by any chunk boundary."""
    path = tmp_path_factory.mktemp("list") / "list.txt"
    path.write_bytes(data)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(list_stream, "CHUNK", chunk)
        listing = list_stream.ListFile(path, 1 << 20)
        lines = list(listing)
    expected = recorded.list_lines(from_os(decode_text(data, "surrogateescape")))
    assert lines == expected
    assert listing.lines == len(expected)


GBK_TEXT = st.text(st.sampled_from("文件照片聊天记录目录。、 abc-_.0"), min_size=1, max_size=12)


@SETTINGS
@given(st.lists(GBK_TEXT, max_size=6), st.sampled_from([1, 5]))
def test_a_gbk_list_in_chunks_keeps_its_names(tmp_path_factory, names, chunk):
    """A GBK list cut at any byte still reads as GB18030: every name comes back whole. (A GBK list that is also
    valid UTF-8, e.g. the one name 片 = C6 AC = U+01AC, is read as UTF-8: the bytes alone cannot tell.)"""
    body = "".join(f"{hashlib.md5(n.encode()).hexdigest()}  {n}\n" for n in names).encode("gbk")
    try:
        body.decode("utf-8")
        hypothesis.assume(False)
    except UnicodeDecodeError:
        pass
    path = tmp_path_factory.mktemp("gbk") / "list.md5"
    path.write_bytes(body)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(list_stream, "CHUNK", chunk)
        lines = list(list_stream.ListFile(path, 1 << 20))
    rows, findings = [], []
    for _pause in recorded.digest_row_steps(lines, rows, findings):
        pass
    assert [r.path for r in rows] == names and not findings


# --- acquisition logs -------------------------------------------------------------------------------------
LOG_VALUES = st.fixed_dictionaries({"md5": st.binary(min_size=1, max_size=8),
                                    "sha1": st.binary(min_size=1, max_size=8)}).map(
    lambda d: {a: hashlib.new(a, v).hexdigest() for a, v in d.items()})
META_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=20).map(str.strip)


def _ftk_log(values: dict, verified: bool, meta: dict, upper: bool) -> str:
    case = str.upper if upper else str.lower
    lines = ["Created By AccessData® FTK® Imager 4.7.1.2", "", "Case Information: ",
             f"Case Number: {meta['case']}", f"Examiner: {meta['examiner']}", "",
             "Information for D:\\case\\disk:", "", "[Computed Hashes]",
             f" MD5 checksum:    {case(values['md5'])}", f" SHA1 checksum:   {case(values['sha1'])}", ""]
    if verified:
        lines += ["Image Verification Results:", f" MD5 checksum:    {values['md5']} : verified",
                  f" SHA1 checksum:   {values['sha1']} : verified"]
    return "\r\n".join(lines)


@SETTINGS
@given(LOG_VALUES, st.booleans(), st.fixed_dictionaries({"case": META_TEXT, "examiner": META_TEXT}), st.booleans(),
       st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]))
def test_ftk_log_gives_back_its_digests_roles_and_header(values, verified, meta, upper, encoding):
    try:
        data = _ftk_log(values, verified, meta, upper).encode(encoding)
    except UnicodeEncodeError:
        return
    parsed = recorded.parse_acquisition_log(data)
    assert parsed is not None and parsed.format == "ftk" and not parsed.findings
    got = {(d.role, d.algorithm): d.value for d in parsed.digests}
    expected = {("acquisition", a): v for a, v in values.items()}
    if verified:
        expected.update({("verified_image", a): v for a, v in values.items()})
    assert got == expected
    assert parsed.meta.get("Case Number", "") == meta["case"] and parsed.meta.get("Examiner", "") == meta["examiner"]


def _guymager_info(values: dict, labels: str, verify: bool, examiner: str) -> str:
    words = {"en": ("hash", "hash verified source", "hash verified image"),
             "zh": ("哈希", "哈希 已验证 源", "哈希 已验证 镜像")}[labels]
    lines = ["GUYMAGER ACQUISITION INFO FILE", "", f"Examiner: {examiner}", "", "Hash calculation"]
    for algorithm, label in (("md5", "MD5"), ("sha1", "SHA1")):
        lines.append(f"{label} {words[0]}: {values[algorithm]}")
        lines.append(f"{label} {words[1]}: {values[algorithm] if verify else '--'}")
        lines.append(f"{label} {words[2]}: {values[algorithm] if verify else '--'}")
    return "\n".join(lines)


@SETTINGS
@given(LOG_VALUES, st.sampled_from(["en", "zh"]), st.booleans(), META_TEXT.map(lambda t: t.lstrip(":").strip()))
def test_guymager_info_gives_back_its_digests_and_roles(values, labels, verify, examiner):
    parsed = recorded.parse_acquisition_log(_guymager_info(values, labels, verify, examiner).encode())
    assert parsed is not None and parsed.format == "guymager" and not parsed.findings
    got = {(d.role, d.algorithm): d.value for d in parsed.digests}
    roles = ("acquisition", "verified_source", "verified_image") if verify else ("acquisition",)
    assert got == {(r, a): v for r in roles for a, v in values.items()}
    assert parsed.meta.get("examiner", "") == examiner


@SETTINGS
@given(ANY_DATA)
def test_a_log_beside_an_image_is_read_or_ignored(tmp_path_factory, data):
    """checks.image_records._log on any bytes: None, or values the checks can compare (text meta, valid
    acquisition digests); never an exception."""
    from checks.image_records import _log

    root = tmp_path_factory.mktemp("bundle")
    (root / "evidence").mkdir()
    (root / "evidence" / "disk.txt").write_bytes(data if isinstance(data, bytes) else data.encode())
    found = _log(root, "evidence/disk.txt")
    if found is None:
        return
    assert found["format"] in ("ftk", "guymager")
    assert all(isinstance(v, str) and v for v in found["meta"].values())
    assert all(recorded.valid_hex(a, v) and v == v.lower() for a, v in found["digests"].items())


# --- the minimal examples the properties above found, kept -------------------------------------------------
def test_a_superscript_size_is_a_finding_not_a_crash():
    """'²'.isdigit() is True but int('²') raises: a hashdeep size column of '²' was an internal error in verify."""
    text = "%%%% HASHDEEP-1.0\n%%%% size,filename\n²,\n"
    rows, findings = recorded.digest_rows(text)
    assert not rows and [f.line for f in findings] == [3]
    assert recorded.parse_hashdeep(text).findings == findings


def test_a_comment_under_a_free_first_column_stays_a_comment():
    """Under 'tiger,md5,filename' the compiled row pattern took '#,<md5>,' as a row parse_hashdeep skips."""
    for line in (f"#,{_MD5},", f"%%%% x,{_MD5},a"):
        text = f"%%%% HASHDEEP-1.0\n%%%% tiger,md5,filename\n{line}\n"
        rows, findings = recorded.digest_rows(text)
        parsed = recorded.parse_hashdeep(text)
        assert [tuple(r) for r in rows] == _grouped(parsed) == [] and findings == parsed.findings


@pytest.mark.parametrize("data", [b"\xef\xbb", b"\xef", b"\xef\xbb\xbf"])
def test_a_bom_or_its_start_alone_reads_as_the_whole_reading(tmp_path, data):
    """A 2-byte b'\\xef\\xbb' list streamed as UTF-8-SIG gave no line (GB18030 reads 锘); a BOM alone counted 1."""
    path = tmp_path / "list.txt"
    path.write_bytes(data)
    listing = list_stream.ListFile(path, 1 << 20)
    expected = recorded.list_lines(from_os(decode_text(data, "surrogateescape")))
    assert list(listing) == expected and listing.lines == len(expected)


def test_an_ftk_examiner_named_with_a_latin1_pair_keeps_it():
    """FTK's 'Â®' repair ran over the whole log: an examiner 'Â®' came back '®' (found by the round trip)."""
    parsed = recorded.parse_ftk_log(_ftk_log({"md5": _MD5, "sha1": hashlib.sha1(b"").hexdigest()}, False,
                                             {"case": "", "examiner": "Â®"}, False).encode())
    assert parsed.meta["Examiner"] == "Â®" and parsed.meta["tool"].startswith("AccessData® FTK® Imager")


def test_an_ftk_log_naming_guymager_stays_an_ftk_log():
    """Found by the FTK round trip: an examiner (or note) 'GUYMAGER' made the FTK log read as Guymager's."""
    values = {"md5": _MD5, "sha1": hashlib.sha1(b"").hexdigest()}
    parsed = recorded.parse_acquisition_log(_ftk_log(values, True, {"case": "1", "examiner": "GUYMAGER"}, False))
    assert parsed.format == "ftk" and parsed.meta["Examiner"] == "GUYMAGER"
    info = _guymager_info(values, "en", True, "Created By FTK")
    assert recorded.parse_acquisition_log(info).format == "guymager"
