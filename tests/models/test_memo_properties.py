"""Property-based tests (hypothesis, fixed seed) of verify-memo: a signed memo with any bytes changed, or any
bytes that start like a PDF, is never reported intact, and nothing but MemoInputError escapes."""

import os

import pytest

hypothesis = pytest.importorskip("hypothesis", reason="hypothesis is not installed (requirements-dev.txt)")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from models.memo.memo_verify import MemoInputError, verify_memo  # noqa: E402


@pytest.fixture(scope="module")
def memo(tmp_path_factory):
    """A signed memo of a scanned, decided two-item review (as tests/models/test_memo_verify.py makes it)."""
    from models.memo.memo_render import write_memo
    from tests.models.test_memo import make_review

    tmp = tmp_path_factory.mktemp("memo")
    data, identity = make_review(tmp)
    return write_memo(data, identity, tmp / "memo.pdf"), None


# pyHanko validates a signature in ~0.1 s: fewer examples than the text parsers
EXAMPLES = int(os.environ.get("EVIDENCEDESK_MEMO_EXAMPLES", "60"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def _verdict(path):
    try:
        return verify_memo(path)
    except MemoInputError as exc:
        assert "\n" not in str(exc)
        return None


@settings(SETTINGS, max_examples=max(1, EXAMPLES // 2))  # a change in the signed bytes: a whole validation each
@given(st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(1, 255)), min_size=1, max_size=4))
def test_any_changed_byte_of_a_signed_memo_fails(memo, tmp_path_factory, flips):
    """Bytes changed anywhere (positions spread over the whole file, signature and padding too): not ok."""
    path, _pem = memo
    original = path.read_bytes()
    data = bytearray(original)
    for where, mask in flips:
        data[int(where * len(data))] ^= mask
    hypothesis.assume(bytes(data) != original)  # a byte flipped twice back
    changed = tmp_path_factory.mktemp("flip") / "memo.pdf"
    changed.write_bytes(bytes(data))
    result = _verdict(changed)
    assert result is None or not result.ok, flips


@SETTINGS
@given(st.floats(0, 1, exclude_max=True), st.one_of(st.sampled_from([0x20, 0x01, 0x08]), st.integers(1, 255)))
def test_any_changed_byte_of_the_signature_value_fails(memo, tmp_path_factory, where, mask):
    """The signature value (/Contents, outside the signed byte range): any byte changed there, a hex letter's
    case too, is not ok."""
    path, _pem = memo
    data = bytearray(path.read_bytes())
    start = data.index(b"/Contents <") + len(b"/Contents")
    end = data.index(b">", start) + 1
    data[start + int(where * (end - start))] ^= mask
    changed = tmp_path_factory.mktemp("sig") / "memo.pdf"
    changed.write_bytes(bytes(data))
    result = _verdict(changed)
    assert result is None or not result.ok


@SETTINGS
@given(st.binary(max_size=2000))
def test_any_bytes_after_a_pdf_header_are_refused_or_not_intact(tmp_path_factory, tail):
    path = tmp_path_factory.mktemp("pdf") / "x.pdf"
    path.write_bytes(b"%PDF-1.7\n" + tail)
    result = _verdict(path)
    assert result is None or not result.ok


def test_a_signature_letter_in_lower_case_fails(memo, tmp_path):
    """Found beside the property above: PDF hex strings ignore case and /Contents lies outside the signed bytes,
    so 'A' -> 'a' in the signature value still verified as intact (a hidden bit per letter)."""
    path, _pem = memo
    data = bytearray(path.read_bytes())
    start = data.index(b"/Contents <") + len(b"/Contents <")
    at = next(i for i in range(start, data.index(b">", start)) if data[i] in b"ABCDEF")
    data[at] ^= 0x20
    changed = tmp_path / "case.pdf"
    changed.write_bytes(bytes(data))
    result = verify_memo(changed)
    assert result.intact and not result.ok and result.problems


@pytest.mark.parametrize("part", ["version", "digest_algorithms", "signer_version"])
def test_an_unread_part_of_the_signature_value_changed_fails(memo, tmp_path, part):
    """Found by test_any_changed_byte_of_the_signature_value_fails (where=0.0234375, mask=1): pyHanko never reads
    the SignedData's list of digest algorithms nor the versions, so a byte of them changed still verified."""
    from asn1crypto import cms

    path, _pem = memo
    data = bytearray(path.read_bytes())
    start = data.index(b"/Contents <") + len(b"/Contents <")
    der = bytes.fromhex(data[start:data.index(b">", start)].decode())
    signed = cms.ContentInfo.load(der)["content"]
    field = {"version": signed["version"], "digest_algorithms": signed["digest_algorithms"],
             "signer_version": signed["signer_infos"][0]["version"]}[part]
    at = der.index(field.dump(), 20 if part != "signer_version" else 900) + len(field.dump()) - 1  # its last byte
    hex_at = start + 2 * at + 1
    data[hex_at] = ord("%X" % (int(chr(data[hex_at]), 16) ^ 1))
    changed = tmp_path / "changed.pdf"
    changed.write_bytes(bytes(data))
    result = verify_memo(changed)
    assert not result.ok and result.problems
