"""Text previews with the encoding detected: UTF-8 (with or without BOM), UTF-16 (BOM), GB18030/GBK, others;
and decode_text, the one reading of a whole list or log."""

import codecs

from charset_normalizer import from_bytes

PREVIEW_BYTES = 256 * 1024
_BOMS = [(codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")]
# Chinese national encodings are all read as GB18030, their superset.
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz", "hz_gb_2312", "cp936"}
_CJK_RIVALS = {"big5", "big5hkscs", "cp950", "euc_jp", "shift_jis", "cp932", "euc_kr", "cp949", "johab",
               "iso2022_jp", "euc_jis_2004", "shift_jis_2004"}


def decode_text(data: bytes | str, errors: str = "replace") -> str:
    """A whole list or log as text: UTF-8 (BOM tolerated), then GB18030 (Chinese systems), else UTF-8 with
    `errors` for the bytes it cannot read ("replace": U+FFFD, so a stray byte never hides the ASCII around it;
    "surrogateescape": the bytes kept, for names compared with names on disk)."""
    if isinstance(data, str):
        return data.lstrip("\ufeff")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors=errors)


def _read(stream, limit: int) -> tuple[bytes, bool]:
    data = stream.read(limit + 1) or b""
    return data[:limit], len(data) > limit


def _decode(data: bytes, encoding: str, truncated: bool, skip_bom: int = 0) -> str:
    """Decode; a character cut by the preview limit is dropped, not shown as garbage."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    return decoder.decode(data[skip_bom:], final=not truncated)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without BOM shows as NUL bytes in every other position (ASCII-heavy text)."""
    sample = data[:4096]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.4 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _is_utf8(data: bytes, truncated: bool) -> bool:
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data, final=not truncated)
        return True
    except UnicodeDecodeError:
        return False


def detect_encoding(data: bytes, truncated: bool = False) -> tuple[str | None, int]:
    """(python codec name or None for binary, number of BOM bytes to skip)."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom) if name != "utf-8-sig" else 0
    if b"\x00" not in data and _is_utf8(data, truncated):
        return "utf-8", 0
    utf16 = _utf16_without_bom(data)
    if utf16:
        return utf16, 0
    name = _guess(data, truncated)
    if name is None:
        return None, 0
    name = codecs.lookup(name).name
    return ("gb18030" if name in _GB_FAMILY else name), 0


def _guess(data: bytes, truncated: bool) -> str | None:
    """charset-normalizer's best guess; a preview cut inside a character is retried 1-3 bytes shorter.
    Among East Asian double-byte guesses GB18030 wins when it reads the bytes as cleanly."""
    for cut in range(4 if truncated else 1):
        results = from_bytes(data[: len(data) - cut])
        best = results.best()
        if best is None:
            continue
        if best.encoding in _CJK_RIVALS:
            for match in results:
                if match.encoding in _GB_FAMILY and match.percent_chaos <= best.percent_chaos:
                    return "gb18030"
        return best.encoding
    return None


def read_text_preview(stream, limit: int = PREVIEW_BYTES) -> tuple[str, str | None]:
    """(text, encoding) of the first `limit` bytes; encoding None means not text (shown replaced)."""
    data, truncated = _read(stream, limit)
    encoding, skip = detect_encoding(data, truncated)
    if encoding is None:
        return _decode(data, "utf-8", truncated), None
    return _decode(data, encoding, truncated, skip), encoding
