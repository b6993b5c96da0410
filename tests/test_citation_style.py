"""One citation style in our own wording: 第三十一条第（二）项, as the clause names write it, never 第三十一条第二项.
Quoted law text (resources/law, the quote_* fields of wording.json) keeps its own style and is not scanned."""

import json
import re
from pathlib import Path

from models.memo.memo_html import article_text, use_english

ROOT = Path(__file__).resolve().parent.parent
BARE = re.compile(r"第[一二三四五六七八九十百]+条第[一二三四五六七八九十]+项")


def _strings(value, key=""):
    """Every string of a JSON value but those under a quote_* key (the law's own text)."""
    if isinstance(value, dict):
        for k, v in value.items():
            if not str(k).startswith("quote"):
                yield from _strings(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v, key)
    elif isinstance(value, str):
        yield value


def _ours():
    """(path, text) of our wording: resources but the quoted law, and the program's own sources."""
    for path in sorted((ROOT / "resources").rglob("*")):
        if not path.is_file() or "law" in path.relative_to(ROOT / "resources").parts[:1]:
            continue
        if path.suffix == ".json":
            yield path, "\n".join(_strings(json.loads(path.read_text(encoding="utf-8"))))
        elif path.suffix in (".md", ".ts", ".txt"):
            yield path, path.read_text(encoding="utf-8")
    for folder in ("ui", "checks", "models"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            yield path, path.read_text(encoding="utf-8")


def test_the_scan_finds_the_other_form():
    assert BARE.search("依据第三十一条第二项") and not BARE.search("依据第三十一条第（二）项")
    assert not BARE.search("第四十四条第二款")  # Art. 44 has paragraphs: 款 has no parentheses


def test_no_bare_item_number_in_our_wording():
    found = [f"{path.relative_to(ROOT)}: {m.group(0)}" for path, text in _ours() for m in BARE.finditer(text)]
    assert found == []
    assert len(list(_ours())) > 50  # it did read the tree


def test_the_memo_cites_items_in_the_same_style():
    use_english(False)
    assert article_text("31.2") == "第三十一条第（二）项" and article_text("44.2") == "第四十四条第二款"
    assert article_text("interp98.7").endswith("第九十八条第（七）项")
