"""PAdES signing of a memo through pyHanko, with a visible Chinese stamp (signer name and time)."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import tempfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers
from pyhanko.stamp import TextStampStyle
from pyhanko_certvalidator.registry import SimpleCertificateStore

from models.memo.identity import Identity

# A CJK font that pdftotext reads back exactly (see PLATFORM.md); a .ttc, so one face is cut out.
CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
FIELD_NAME = "ReviewerSignature"
STAMP_CHARS = "0123456789:-+ "


@dataclass(frozen=True)
class StampPlace:
    """Where the visible stamp goes: page index (0-based, -1 = last) and box in PDF points."""

    page: int
    box: tuple[int, int, int, int]


def make_signer(identity: Identity) -> signers.Signer:
    """A pyHanko signer for a PKCS#12 identity (a PKCS#11 token signer can sit beside this)."""
    der_key = identity.key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    cert = _asn1_cert(identity.cert)
    # the signing certificate goes into the signature by itself, not again in the chain: pyHanko's set of
    # certificates does not see two loads of one certificate as equal and would carry it twice
    chain = [c for c in map(_asn1_cert, identity.chain) if c.dump() != cert.dump()]
    return signers.SimpleSigner(
        signing_cert=cert,
        signing_key=asn1_keys.PrivateKeyInfo.load(der_key),
        cert_registry=SimpleCertificateStore.from_certs(chain),
    )


def _asn1_cert(cert) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def stamp_font(text: str, out_dir: Path, font: Path = CJK_FONT) -> Path:
    """A single-face TTF with only the glyphs of text, scaled to 1000 units/em for pyHanko's widths."""
    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem

    logging.getLogger("fontTools").setLevel(logging.ERROR)
    tt = TTFont(str(font), fontNumber=0, lazy=True)
    options = subset.Options()
    options.hinting = False  # instructions do not survive the scaling
    options.layout_features = []
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text + STAMP_CHARS)
    subsetter.subset(tt)
    scale_upem(tt, 1000)
    out = Path(out_dir) / "stamp-font.ttf"
    tt.save(str(out))
    return out


def cached_stamp_font(text: str, font: Path = CJK_FONT) -> Path:
    """stamp_font for the characters of text, kept in the temp folder (keyed by characters and font)."""
    chars = "".join(sorted(set(text + STAMP_CHARS)))
    stat = font.stat()
    key = hashlib.sha256(f"{font}|{stat.st_size}|{stat.st_mtime_ns}|{chars}".encode()).hexdigest()[:24]
    folder = Path(tempfile.gettempdir()) / f"evidencedesk-stamp-fonts-{os.getuid() if hasattr(os, 'getuid') else 0}"
    target = folder / f"{key}.ttf"
    if target.is_file():
        return target
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        os.replace(stamp_font(chars, Path(tmp), font), target)  # atomic: a racing writer makes the same file
    return target


def stamp_font_for(signer_name: str, training: bool, english: bool = False) -> Path:
    """The stamp font for a signer, independent of the signing time (digits are always included)."""
    return cached_stamp_font(stamp_text(signer_name, "", training, english))


def stamp_text(signer_name: str, when_text: str, training: bool, english: bool = False) -> str:
    """The visible stamp's lines."""
    if english:
        lines = [f"Signed by: {signer_name}", f"Signed at: {when_text}"]
        if training:
            lines.append("TRAINING identity, not for use in a case")
    else:
        lines = [f"签名人：{signer_name}", f"签名时间：{when_text}"]
        if training:
            lines.append("培训身份，不得用于办案")
    return "\n".join(lines)


def sign_pdf(pdf: bytes, identity: Identity, place: StampPlace | None, when_text: str,
             reason: str = "审查意见", english: bool = False, font: Path | None = None,
             writer: IncrementalPdfFileWriter | None = None) -> bytes:
    """Sign pdf (bytes) incrementally with a PAdES signature; returns the signed file's bytes.

    font: a stamp font from stamp_font_for (made here when None); writer: an incremental writer over pdf
    that already holds pending changes (they go into the signed revision)."""
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        reason=reason,
        name=identity.name,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        # the space for the signature is what a trial signature takes: pyHanko's default margin is for a
        # timestamp server's varying answer, which we never ask, and unused zeros could hold edits unseen
        tight_size_estimates=True,
    )
    text = stamp_text(identity.name, when_text, identity.training, english)
    style = None
    if place is not None:
        font = font or cached_stamp_font(text)
        style = TextStampStyle(
            stamp_text=text.replace("%", "%%"),
            text_box_style=TextBoxStyle(font=GlyphAccumulatorFactory(str(font), font_size=9), leading=13),
            border_width=1,
        )
    spec = fields.SigFieldSpec(FIELD_NAME, on_page=place.page if place else 0, box=place.box if place else None)
    pdf_signer = signers.PdfSigner(meta, signer=make_signer(identity), stamp_style=style, new_field_spec=spec)
    _readable_system_zone()
    out = BytesIO()
    pdf_signer.sign_pdf(writer or IncrementalPdfFileWriter(BytesIO(pdf)), output=out)
    return out.getvalue()


def _readable_system_zone() -> None:
    """pyHanko writes the signing time in the system's zone (tzlocal); a TZ it cannot read (TZ=Foo/Bar,
    TZ=:/etc/passwd) must not stop the signing: the same instant is then written in UTC."""
    import tzlocal

    try:
        tzlocal.get_localzone()
    except Exception:  # noqa: BLE001 - tzlocal raises ValueError, OSError or its own for a bad TZ
        os.environ["TZ"] = "UTC"
        tzlocal.reload_localzone()


def format_when(now: dt.datetime, tz_name: str = "Asia/Shanghai") -> str:
    """Signing time as shown in the stamp: local time in the case time zone with the offset."""
    from zoneinfo import ZoneInfo

    local = now.astimezone(ZoneInfo(tz_name))
    offset = local.strftime("%z")
    return local.strftime("%Y-%m-%d %H:%M:%S ") + offset[:3] + ":" + offset[3:]
