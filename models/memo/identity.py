"""Reviewer signing identities: make a self-signed PKCS#12 identity, load one with clear errors."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import pkcs12 as asn1_pkcs12
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from models.common.atomic import write_atomic
from models.common.os_errors import os_reason

TRAINING_UNIT = "培训 TRAINING"


class IdentityError(Exception):
    """A signing identity that cannot be made or used; str() is a one-line Chinese message."""


@dataclass(frozen=True)
class Identity:
    """A loaded identity: private key, certificate and any chain certificates."""

    path: Path
    key: object
    cert: x509.Certificate
    chain: tuple[x509.Certificate, ...]

    @property
    def name(self) -> str:
        attrs = self.cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
        return attrs[0].value if attrs else self.cert.subject.rfc4514_string()

    @property
    def training(self) -> bool:
        return is_training_cert(self.cert)

    @property
    def not_after(self) -> dt.datetime:
        return self.cert.not_valid_after_utc

    @property
    def fingerprint(self) -> str:
        return self.cert.fingerprint(hashes.SHA256()).hex()


def is_training_cert(cert: x509.Certificate) -> bool:
    """True when the certificate's subject marks a training identity."""
    units = cert.subject.get_attributes_for_oid(NameOID.ORGANIZATIONAL_UNIT_NAME)
    return any(TRAINING_UNIT in a.value for a in units)


def _subject(name: str, training: bool) -> x509.Name:
    attrs = [x509.NameAttribute(NameOID.COMMON_NAME, name)]
    if training:
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, TRAINING_UNIT))
    attrs.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, "证审台 EvidenceDesk"))
    return x509.Name(attrs)


def _build_cert(key, name: str, training: bool, days: int) -> x509.Certificate:
    now = dt.datetime.now(dt.timezone.utc)
    not_after = now + dt.timedelta(days=days)
    not_before = min(now, not_after) - dt.timedelta(days=1)
    subject = _subject(name, training)
    usage = x509.KeyUsage(
        digital_signature=True, content_commitment=True, key_encipherment=False,
        data_encipherment=False, key_agreement=False, key_cert_sign=False,
        crl_sign=False, encipher_only=False, decipher_only=False,
    )
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(usage, critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )


BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"  # reorder shown text


def make_identity(name: str, out_p12, passphrase: bytes, training: bool = False,
                  days: int = 1095) -> Identity:
    """Write a self-signed RSA-2048 identity to out_p12 (PKCS#12, encrypted) and return it."""
    name = (name or "").strip()
    if not name:
        raise IdentityError("身份名称不能为空")
    if len(name.encode("utf-8")) > 64:  # X.509 caps a common name at 64 (cryptography counts UTF-8 bytes)
        raise IdentityError(f"身份名称过长（{len(name.encode('utf-8'))} 字节，上限 64 字节，约 21 个汉字）/ "
                            "the name is too long (limit 64 UTF-8 bytes)")
    if not name.isprintable() or any(c in name for c in BIDI):
        raise IdentityError("身份名称含有控制字符或双向文本控制符 / the name holds control or bidi characters")
    if not passphrase:
        raise IdentityError("口令不能为空")
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cert = _build_cert(key, name, training, days)
    data = pkcs12.serialize_key_and_certificates(
        name.encode("utf-8"), key, cert, None,
        serialization.BestAvailableEncryption(passphrase),
    )
    out = Path(out_p12)
    _write_atomic(out, data)
    return Identity(out, key, cert, ())


def _write_atomic(out: Path, data: bytes) -> None:
    """The identity file, readable by its owner only; IdentityError when it cannot be written."""
    try:
        write_atomic(out, data, mode=0o600)
    except OSError as e:
        raise IdentityError(f"无法写入身份文件 {out}：{os_reason(e)}") from e


def _is_pkcs12(data: bytes) -> bool:
    try:
        pfx = asn1_pkcs12.Pfx.load(data, strict=True)
        return pfx["auth_safe"]["content_type"].native in ("data", "signed_data")
    except Exception:  # asn1crypto raises ValueError/TypeError/others on garbage
        return False


def load_identity(p12, passphrase: bytes, now: dt.datetime | None = None) -> Identity:
    """Load a PKCS#12 identity; IdentityError for unreadable, not PKCS#12, wrong passphrase, expired."""
    path = Path(p12)
    from models.bundle.safe_read import KEY_FILE_CAP, read_metadata

    try:
        data = read_metadata(os.path.realpath(path), KEY_FILE_CAP)  # a FIFO or device never blocks
    except OSError as e:
        raise IdentityError(f"无法读取身份文件 {path}：{os_reason(e)}") from e
    if not _is_pkcs12(data):
        raise IdentityError(f"身份文件不是 PKCS#12 格式：{path}")
    try:
        key, cert, extra = pkcs12.load_key_and_certificates(data, passphrase or None)
    except ValueError as e:
        raise IdentityError("身份文件口令错误") from e
    if key is None or cert is None:
        raise IdentityError(f"身份文件中缺少私钥或证书：{path}")
    _check_validity(cert, now or dt.datetime.now(dt.timezone.utc))
    return Identity(path, key, cert, tuple(extra or ()))


def _check_validity(cert: x509.Certificate, now: dt.datetime) -> None:
    if now > cert.not_valid_after_utc:
        when = cert.not_valid_after_utc.strftime("%Y-%m-%d")
        raise IdentityError(f"身份证书已于 {when} 过期，不能用于签名")
    if now < cert.not_valid_before_utc:
        when = cert.not_valid_before_utc.strftime("%Y-%m-%d")
        raise IdentityError(f"身份证书自 {when} 起才生效，现在不能用于签名")


def cert_pem(identity: Identity) -> bytes:
    """The identity's certificate in PEM, to hand to whoever verifies memos (--trust)."""
    return identity.cert.public_bytes(serialization.Encoding.PEM)
