"""Property-based tests (hypothesis): the manifest loader and every list and log parser of models.integrity.recorded
take any bytes without an exception other than the refusals they promise; names and console text hold for any input.

hypothesis is not yet in requirements-dev.txt: these tests skip until it is installed."""

import json
import os

import pytest

hypothesis = pytest.importorskip("hypothesis", reason="hypothesis is not installed (requirements-dev.txt)")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from models.bundle.manifest import BundleError, ManifestError, load_bundle  # noqa: E402
from models.bundle.manifest_shape import MAX_DEPTH, deep_point, parse_json, shape_problem  # noqa: E402
from models.bundle.names import from_os, name_text, raw_bytes, shown, to_os  # noqa: E402
from models.common.console import safe_text  # noqa: E402
from models.integrity import recorded  # noqa: E402
from models.integrity.digests import HEX_LENGTHS  # noqa: E402
from tests.models.test_manifest import GOOD  # noqa: E402

EXAMPLES = int(os.environ.get("EVIDENCEDESK_HYPOTHESIS_EXAMPLES", "300"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

HEXES = st.text("0123456789abcdefABCDEF", min_size=0, max_size=70)
NAMES = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
# list-like text: digest-ish values, names, the separators and markers the parsers look for
LINE_PARTS = st.one_of(HEXES, NAMES, st.sampled_from(["  ", " *", "\t", ",", "%%%% ", "%%%% HASHDEEP-1.0",
                                                     "%%%% size,md5,sha256,filename", "MD5 (", ") = ", "#",
                                                     "\\", "\r", "MD5 checksum: ", "SHA1 hash verified source: ",
                                                     "[Computed Hashes]", "Image Verification Results:",
                                                     "GUYMAGER", "Created By AccessData® FTK® Imager"]))
LIST_TEXT = st.lists(st.lists(LINE_PARTS, max_size=6).map("".join), max_size=20).map("\n".join)
ANY_DATA = st.one_of(st.binary(max_size=400), LIST_TEXT, LIST_TEXT.map(lambda t: t.encode("gb18030")))


def _check_parsed(parsed, lines: int) -> None:
    for digest in parsed.digests:
        assert recorded.hex_problem(digest.algorithm, digest.value) is None, digest
        assert digest.line is None or 1 <= digest.line <= max(lines, 1)
    for finding in parsed.findings:
        assert 1 <= finding.line <= max(lines, 1) and finding.reason


def _lines(data) -> int:
    return len(recorded.decode_text(data).splitlines())


@SETTINGS
@given(ANY_DATA)
def test_digest_list_parsers_never_raise(data):
    _check_parsed(recorded.parse_digest_list(data, name="list.sm3"), _lines(data))
    text = recorded.decode_text(data)
    _check_parsed(recorded.parse_sum_list(text), _lines(data))
    _check_parsed(recorded.parse_hashdeep(text), _lines(data))
    rows, findings = recorded.digest_rows(data)
    for row in rows:
        assert len(row.algorithms) == len(row.values) >= 1
        assert all(len(v) == HEX_LENGTHS[a] for a, v in zip(row.algorithms, row.values))
    assert all(f.reason for f in findings)


@SETTINGS
@given(ANY_DATA)
def test_acquisition_log_parsers_never_raise(data):
    for parse in (recorded.parse_ftk_log, recorded.parse_guymager_info):
        _check_parsed(parse(data), _lines(data))
    found = recorded.parse_acquisition_log(data)
    assert found is None or found.format in ("ftk", "guymager")


LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # what str.splitlines splits on
PLAIN_NAMES = NAMES.filter(lambda n: n.strip() and not n[0].isspace() and "\\" not in n
                           and not any(c in LINE_BREAKS for c in n))


def _sum_list(entries) -> str:
    import hashlib

    return "\n".join(f"{hashlib.new(a, n.encode()).hexdigest()}  {n}" for a, n in entries)


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(["md5", "sha1", "sha256"]), PLAIN_NAMES), max_size=10))
def test_sum_lists_give_back_what_was_written(entries):
    parsed = recorded.parse_sum_list(_sum_list(entries))
    assert [(d.algorithm, d.path) for d in parsed.digests] == entries


def test_a_name_with_a_record_separator_stays_whole():
    """\\x1e, \\x0c, \\x85 or U+2028 are legal in a Linux name and md5sum does not escape them: lines are cut at
    line feeds only (found by the property above)."""
    for name in ("a\x1eb.txt", "a\x0cb.txt", "a\x85b.txt", "a\u2028b.txt"):
        parsed = recorded.parse_sum_list(_sum_list([("md5", name)]))
        assert [d.path for d in parsed.digests] == [name]
        rows, findings = recorded.digest_rows(_sum_list([("md5", name), ("md5", "next.txt")]).encode())
        assert [r.path for r in rows] == [name, "next.txt"] and not findings


# any text, lone surrogates too (st.text leaves them out): json.dumps writes them as \\udcxx escapes
ANY_TEXT = st.lists(st.one_of(st.characters(), st.integers(0xD800, 0xDFFF).map(chr)), max_size=20).map("".join)
JSON_LEAVES = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), ANY_TEXT)
JSON_TREES = st.recursive(JSON_LEAVES, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                               st.dictionaries(ANY_TEXT, inner, max_size=4)),
                          max_leaves=30)


@pytest.fixture(scope="module")
def manifest_folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("bundle")
    (root / "evidence" / "E1").mkdir(parents=True)
    (root / "evidence" / "E1" / "a.txt").write_text("hello")
    return root


def _load(root, raw: bytes) -> None:
    """Loads into data every later step can write as UTF-8 (store, JSON, console), or refuses as promised."""
    (root / "bundle.json").write_bytes(raw)
    try:
        bundle = load_bundle(root)
        json.dumps(dict(bundle.data, items=list(bundle.items)), ensure_ascii=False).encode("utf-8")  # items: compact
    except ManifestError as exc:
        assert exc.json_path.startswith("$") and exc.rule_zh and exc.rule_en
        str(exc).encode("utf-8")  # printable on any UTF-8 console
    except BundleError:
        pass


@SETTINGS
@given(st.binary(max_size=300))
def test_manifest_loader_takes_any_bytes(manifest_folder, raw):
    _load(manifest_folder, raw)


@SETTINGS
@given(JSON_TREES)
def test_manifest_loader_takes_any_json(manifest_folder, tree):
    _load(manifest_folder, json.dumps(tree).encode())


@SETTINGS
@given(st.sampled_from(["format", "case", "items", "parties"]), JSON_TREES)
def test_manifest_loader_takes_any_field_value(manifest_folder, key, value):
    data = dict(GOOD, **{key: value})
    _load(manifest_folder, json.dumps(data).encode())


@SETTINGS
@given(st.integers(1, 3 * MAX_DEPTH), st.lists(st.sampled_from(["[", '{"k":']), min_size=1, max_size=3))
def test_any_nesting_is_a_manifest_error_past_the_limit(manifest_folder, depth, openers):
    opens = [openers[i % len(openers)] for i in range(depth)]
    raw = "".join(opens) + "1" + "".join("]" if o == "[" else "}" for o in reversed(opens))
    data, problem = parse_json(raw)
    assert problem is None
    assert (shape_problem(data) is not None) == (depth > MAX_DEPTH)
    assert (deep_point(raw) is not None) == (depth > MAX_DEPTH)


@SETTINGS
@given(st.binary(min_size=1, max_size=40).filter(lambda b: b"/" not in b and b"\x00" not in b))
def test_any_name_bytes_round_trip(raw):
    text = name_text(raw)
    text.encode("utf-8")
    assert raw_bytes(text) == raw and from_os(os.fsdecode(raw)) == text and os.fsencode(to_os(text)) == raw
    assert shown(text).encode("utf-8")


UNSAFE = {chr(c) for c in [*range(0x20), *range(0x7f, 0xa0), 0x061c, 0x200e, 0x200f, 0x2028, 0x2029,
                           *range(0x202a, 0x202f), *range(0x2066, 0x206a)]}


@SETTINGS
@given(st.one_of(st.text(), st.binary(max_size=40).map(name_text)))
def test_safe_text_has_no_control_or_bidi_character(text):
    out = safe_text(text)
    assert not UNSAFE & set(out), repr(out)


TEXT_FIELDS = [("case", "title"), ("case", "prepared_by"), ("parties", 0, "name"), ("items", 0, "title"),
               ("items", 0, "content", 0, "path")]


@SETTINGS
@given(st.sampled_from(TEXT_FIELDS), ANY_TEXT)
def test_manifest_loader_takes_any_text_in_a_valid_manifest(manifest_folder, where, text):
    import copy

    data = copy.deepcopy(GOOD)
    holder = data
    for step in where[:-1]:
        holder = holder[step]
    holder[where[-1]] = text
    _load(manifest_folder, json.dumps(data).encode())
