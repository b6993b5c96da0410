"""Encoding detection for text previews: UTF-8, UTF-16, GB18030/GBK, cut characters, binary."""

import io

import pytest

from models.inventory.textenc import read_text_preview

TEXT = "张某某与李某的聊天记录：明天下午三点在老地方交货，转账五万元。对方说已经收到了，请确认。" * 3


@pytest.mark.parametrize("codec, expected", [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16-le"), ("utf-16-le", "utf-16-le"),
    ("utf-16-be", "utf-16-be"), ("gbk", "gb18030"), ("gb18030", "gb18030"),
])
def test_encodings(codec, expected):
    text, encoding = read_text_preview(io.BytesIO(TEXT.encode(codec)))
    assert (text, encoding) == (TEXT, expected)


@pytest.mark.parametrize("short",
                         ["你好，明天见", "转账五万元", "账号：6222020200112233 户名：张某某 金额：50000.00 元"])
def test_short_gbk_is_not_mistaken_for_another_cjk_codec(short):
    assert read_text_preview(io.BytesIO(short.encode("gbk"))) == (short, "gb18030")


@pytest.mark.parametrize("limit", [100, 101, 102, 103])
def test_a_character_cut_by_the_limit_is_dropped(limit):
    for codec in ("utf-8", "gbk"):
        text, _ = read_text_preview(io.BytesIO(TEXT.encode(codec)), limit=limit)
        assert TEXT.startswith(text) and len(text) > 20


def test_binary_is_not_text():
    text, encoding = read_text_preview(io.BytesIO(bytes(range(256)) * 10))
    assert encoding is None


def test_corpus_utf16_file(corpus_dir):
    with open(corpus_dir / "filetypes/dfvfs/test_data/another_file.utf16", "rb") as stream:
        text, encoding = read_text_preview(stream)
    assert encoding.startswith("utf-16") and "another" in text.lower()
