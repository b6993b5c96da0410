"""A memo changed after it was signed and signed again (an incremental update with a second signature, here by
an identity of the same name) is not intact, trusted or not: the reviewer's signature no longer covers the file.
A trust file that is not a PEM certificate is refused in one line that names it, without a library's address."""

import io

import pytest

from models.memo.identity import cert_pem, make_identity
from models.memo.memo_verify import MemoInputError, describe, verify_memo
from tests.models.test_memo_verify import memo  # noqa: F401 - the module's signed memo


@pytest.fixture
def countersigned(memo, tmp_path):  # noqa: F811
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    path, _pem = memo
    forger = make_identity("张检察官", tmp_path / "f.p12", b"pw")
    (tmp_path / "f.pem").write_bytes(cert_pem(forger))
    writer = IncrementalPdfFileWriter(io.BytesIO(path.read_bytes()))
    writer.root["/Hidden"] = generic.pdf_string("written after the reviewer signed")
    writer.update_root()
    out = io.BytesIO()
    signers.sign_pdf(writer, signers.PdfSignatureMetadata(field_name="Sig2"),
                     signer=signers.SimpleSigner.load_pkcs12(str(tmp_path / "f.p12"), passphrase=b"pw"), output=out)
    target = tmp_path / "countersigned.pdf"
    target.write_bytes(out.getvalue())
    return target, tmp_path / "f.pem"


def test_a_second_signature_after_a_change_is_not_intact(countersigned):
    path, forger_pem = countersigned
    for result in (verify_memo(path), verify_memo(path, forger_pem)):
        assert result.signatures == 2 and not result.ok, describe(result)
        assert "审查意见已被改动" in result.verdict


@pytest.mark.parametrize("content", [b"hello\n", b"\x30\x82\x01\x00" + b"\0" * 256])
def test_a_trust_file_that_is_no_certificate_is_named_in_one_line(memo, tmp_path, content):  # noqa: F811
    path, _pem = memo
    (tmp_path / "t.pem").write_bytes(content)
    with pytest.raises(MemoInputError) as caught:
        verify_memo(path, tmp_path / "t.pem")
    message = str(caught.value)
    assert "t.pem" in message and "PEM" in message and "http" not in message and "\n" not in message
