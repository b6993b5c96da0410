"""PAdES signing of a memo through pyHanko, with a visible Chinese stamp (signer name and time)."""

from __future__ import annotations

import datetime as dt
import logging
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

from models.identity import Identity

# A CJK font that pdftotext reads back exactly (see PLATFORM.md); a .ttc, so one face is cut out.
CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
FIELD_NAME = "ReviewerSignature"


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
    chain = [_asn1_cert(c) for c in identity.chain]
    return signers.SimpleSigner(
        signing_cert=cert,
        signing_key=asn1_keys.PrivateKeyInfo.load(der_key),
        cert_registry=SimpleCertificateStore.from_certs([cert, *chain]),
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
    subsetter.populate(text=text + "0123456789:-+ ")
    subsetter.subset(tt)
    scale_upem(tt, 1000)
    out = Path(out_dir) / "stamp-font.ttf"
    tt.save(str(out))
    return out


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
             reason: str = "审查意见", english: bool = False) -> bytes:
    """Sign pdf (bytes) incrementally with a PAdES signature; returns the signed file's bytes."""
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        reason=reason,
        name=identity.name,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
    )
    text = stamp_text(identity.name, when_text, identity.training, english)
    out = BytesIO()
    with tempfile.TemporaryDirectory(prefix="evidencedesk-stamp-") as tmp:
        style = None
        if place is not None:
            font = stamp_font(text, Path(tmp))
            style = TextStampStyle(
                stamp_text=text.replace("%", "%%"),
                text_box_style=TextBoxStyle(font=GlyphAccumulatorFactory(str(font), font_size=9), leading=13),
                border_width=1,
            )
        spec = fields.SigFieldSpec(
            FIELD_NAME,
            on_page=place.page if place else 0,
            box=place.box if place else None,
        )
        pdf_signer = signers.PdfSigner(meta, signer=make_signer(identity), stamp_style=style,
                                       new_field_spec=spec)
        pdf_signer.sign_pdf(IncrementalPdfFileWriter(BytesIO(pdf)), output=out)
    return out.getvalue()


def format_when(now: dt.datetime, tz_name: str = "Asia/Shanghai") -> str:
    """Signing time as shown in the stamp: local time in the case time zone with the offset."""
    from zoneinfo import ZoneInfo

    local = now.astimezone(ZoneInfo(tz_name))
    offset = local.strftime("%z")
    return local.strftime("%Y-%m-%d %H:%M:%S ") + offset[:3] + ":" + offset[3:]
