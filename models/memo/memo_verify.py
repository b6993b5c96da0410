"""Verify a signed memo with pyHanko: any changed or appended byte fails, whatever the PDF reader shows."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from models.common.os_errors import os_reason


class MemoInputError(Exception):
    """The file cannot be checked at all (absent, unreadable, not a PDF, bad trust file): exit 2."""


@dataclass
class MemoVerification:
    path: Path
    signer: str | None = None
    signing_time: dt.datetime | None = None
    coverage: str | None = None  # pyHanko's SignatureCoverageLevel name, e.g. ENTIRE_FILE
    entire_file: bool = False
    intact: bool = False
    valid: bool = False
    trusted: bool = False
    trust_checked: bool = False
    bottom_line: bool = False
    training: bool = False
    signatures: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def unchanged(self) -> bool:
        """Intact, valid, covering every byte of the file: nobody changed it since it was signed."""
        return self.intact and self.valid and self.entire_file and not self.problems

    @property
    def ok(self) -> bool:
        """Unchanged, and trusted when a trust anchor was given (exit 0). Without one, any self-signed identity
        of the same name passes: the verdict says the signer is not trusted (see verdict)."""
        return self.unchanged and (self.trusted or not self.trust_checked)

    @property
    def verdict(self) -> str:
        """The one-line conclusion: changed, signer not the trusted one, intact but signer unchecked, or valid."""
        if not self.unchanged:
            return "审查意见已被改动或签名无效"
        if self.trust_checked and not self.trusted:
            return "完整，但签名人不受所给证书信任（不是该证书或其签发的身份）"
        if not self.trusted:
            return "完整，但签名人未经信任（未指定 --trust 信任证书，无法确认签名人身份）"
        return "审查意见完整有效"


@contextlib.contextmanager
def _quiet(*names):
    """pyHanko logs an expected 'self-signed' path failure with a traceback: keep it off stderr."""
    loggers = [logging.getLogger(n) for n in names]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for lg, level in zip(loggers, levels):
            lg.setLevel(level)


def _load_trust(trust_pem):
    from asn1crypto import x509 as asn1_x509
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    from models.bundle.safe_read import KEY_FILE_CAP, read_metadata

    try:
        data = read_metadata(os.path.realpath(trust_pem), KEY_FILE_CAP)
    except OSError as exc:
        raise MemoInputError(f"无法读取信任证书 {trust_pem}：{exc}") from exc
    try:
        certs = x509.load_pem_x509_certificates(data) if b"-----BEGIN" in data else [
            x509.load_der_x509_certificate(data)]  # a .cer exported as DER
    except ValueError as exc:  # the library's own words carry a web address: a person gets ours
        raise MemoInputError(f"信任证书 {trust_pem} 不是 PEM 或 DER 格式的 X.509 证书 / not a PEM or DER "
                             "certificate") from exc
    return [asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER)) for c in certs]


def _read(path: Path) -> bytes:
    from models.bundle.safe_read import MEMO_CAP, read_metadata

    try:
        data = read_metadata(os.path.realpath(path), MEMO_CAP)  # the reader's own link to a memo is followed
    except OSError as exc:
        raise MemoInputError(f"无法读取文件 {path}：{os_reason(exc)}") from exc
    if not data.startswith(b"%PDF-"):
        raise MemoInputError(f"不是 PDF 文件：{path}")
    return data


def _signer_fields(result: MemoVerification, cert) -> None:
    from models.memo.identity import TRAINING_UNIT

    subject = cert.subject.native
    result.signer = subject.get("common_name") or cert.subject.human_friendly
    units = subject.get("organizational_unit_name") or []
    units = [units] if isinstance(units, str) else units
    result.training = any(TRAINING_UNIT in u for u in units)


def verify_memo(path, trust_pem=None) -> MemoVerification:
    """Check the memo's last signature; the result's .ok is the verdict."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    path = Path(path)
    data = _read(path)
    roots = _load_trust(trust_pem) if trust_pem else []
    result = MemoVerification(path=path, trust_checked=bool(trust_pem))
    try:
        sigs = PdfFileReader(BytesIO(data), strict=False).embedded_signatures
        result.signatures = len(sigs)
        if not sigs:
            result.problems.append("文件没有电子签名")
            return result
        sig = sigs[-1]
        _signer_fields(result, sig.signer_cert)
        with _quiet("pyhanko", "pyhanko_certvalidator"):
            status = validate_pdf_signature(sig, ValidationContext(trust_roots=roots, allow_fetching=False))
    except Exception as exc:  # a damaged file makes pyHanko raise many kinds of errors: all mean "changed"
        result.problems.append(f"文件已损坏或被修改，无法验证签名：{type(exc).__name__}: {exc}")
        return result
    result.signing_time = status.signer_reported_dt
    result.coverage = status.coverage.name if status.coverage else None
    result.entire_file = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    result.intact, result.valid, result.trusted = status.intact, status.valid, status.trusted
    result.bottom_line = status.bottom_line
    if not result.entire_file:
        result.problems.append("签名之后文件被追加或改动")
    elif not _contents_as_signed(sig, data):
        result.problems.append("签名值的写法被改动（与签名时写入的不同：十六进制大小写、版本号或摘要算法列表）")
    if result.signatures > 1:  # the program signs a memo once: a later signature covers a change made after it
        result.problems.append(f"文件含 {result.signatures} 个签名：审查人签名之后文件被改动并再次签名")
    return result


def _contents_as_signed(sig, data: bytes) -> bool:
    """The signature value is written as pyHanko writes it. It lies outside the signed byte range, and pyHanko
    reads only the parts it needs: a hex letter's case ('a' for 'A'), the SignedData's version or its list of
    digest algorithms could be changed (a hidden bit or byte each) and still verify. So: upper-case hex of the
    value read, DER as asn1crypto writes it back (zero padding after it allowed), versions 1, one signer,
    and the list of digest algorithms exactly the signer's."""
    import binascii

    from asn1crypto import cms

    _start, len1, start2, _len2 = (int(n) for n in sig.byte_range)
    raw = bytes(sig.pkcs7_content)
    if data[len1:start2] != b"<" + binascii.hexlify(raw).upper() + b">":
        return False
    try:
        info = cms.ContentInfo.load(raw)
        canonical = info.dump(force=True)
        signed = info["content"]
        signers = list(signed["signer_infos"])
        return (raw[:len(canonical)] == canonical and not raw[len(canonical):].strip(b"\0")
                and signed["version"].native == "v1" and len(signers) == 1 and signers[0]["version"].native == "v1"
                and [a.dump() for a in signed["digest_algorithms"]] == [signers[0]["digest_algorithm"].dump()])
    except (ValueError, TypeError, KeyError):  # asn1crypto's refusals of a value it cannot read back
        return False


def describe(result: MemoVerification) -> list[str]:
    """Lines for the command line and the window: signer, time, coverage, verdict."""
    time_text = result.signing_time.isoformat() if result.signing_time else "-"
    lines = [f"签名人：{result.signer or '-'}" + ("（培训身份）" if result.training else ""),
             f"签名时间：{time_text}",
             f"覆盖范围：{'整个文件' if result.entire_file else (result.coverage or '-')}",
             f"完整：{'是' if result.intact else '否'}；签名有效：{'是' if result.valid else '否'}；"
             f"证书受信任：{'是' if result.trusted else ('否' if result.trust_checked else '未检查')}"]
    lines += result.problems
    lines.append(f"结论：{result.verdict}")
    return lines
