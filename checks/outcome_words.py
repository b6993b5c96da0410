"""The words a person reads for clauses, bases and proposals: 第四十四条第一款, never "44.1" or a code."""

from models.common.labels import label

_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1..99 in Chinese numerals (十, 十一, 二十, 四十五)."""
    tens, ones = divmod(int(n), 10)
    if not tens:
        return _DIGITS[ones]
    return (_DIGITS[tens] if tens > 1 else "") + "十" + (_DIGITS[ones] if ones else "")


def article_text(article) -> str:
    """"30.1" -> 第三十条第（一）项; "44.2" -> 第四十四条第二款 (Art. 44 has paragraphs); "42" -> 第四十二条."""
    head, _sep, sub = str(article or "").partition(".")
    if not head.isdigit():
        return str(article or "")
    text = f"第{chinese_number(int(head))}条"
    if sub.isdigit():
        number = chinese_number(int(sub))
        text += f"第{number}款" if head == "44" else f"第（{number}）项"
    return text


def basis_text(codes, lang: str | None = None) -> str:
    """A list (or a ';'-joined string) of basis codes as the clauses' names, joined by '；'."""
    if isinstance(codes, str):
        codes = [c for c in codes.split(";") if c]
    return "；".join(label("basis", c, lang) for c in codes or [])


def proposal_text(code, lang: str | None = None) -> str:
    return label("outcome", code, lang)


def status_text(code, lang: str | None = None) -> str:
    return label("status", code, lang)
