"""Titles and questions in the interface language; the law always quoted in Chinese."""

import pytest

from checks.wording import all_wording, shown, wording
from models.common.i18n import language, set_language


@pytest.fixture
def english():
    before = language()
    set_language("en")
    yield
    set_language(before)


def test_chinese_by_default():
    words = wording("a30_2_signatures")
    assert language() == "zh_CN"
    assert shown(words, "title") == words["title_zh"] and shown(words, "question") == words["question_zh"]


def test_english_titles_and_questions_for_every_check(english):
    for name, words in all_wording().items():
        if "title_zh" in words:
            assert shown(words, "title") == words["title_en"], name
            assert shown(words, "question") == words["question_en"], name


def test_an_entry_without_english_falls_back_to_chinese(english):
    assert shown({"title_zh": "原始介质移送"}, "title") == "原始介质移送"


def test_clause_list_shows_english_titles(english):
    from ui.review.clause_list_model import clause_records

    records = clause_records([{"check_name": "a30_2_signatures", "article": "30.2", "status": "pass"}], {},
                             "authenticity")
    assert [r["title"] for r in records] == [wording("a30_2_signatures")["title_en"]]


def test_messages_filled_at_display_in_either_language():
    from checks.base import say
    from checks.wording import message_text, result_message

    outcome = say("fail", "media.missing", {"fields": ["brand", "capacity_bytes"]})
    assert outcome.message == "未记录：品牌、容量（字节）"
    assert "capacity_bytes" not in message_text(outcome.message_key, outcome.params, "en")
    assert result_message(outcome, "en") == "Not recorded: brand, capacity (bytes)"
    assert result_message(outcome.to_dict(), "zh") == outcome.message
    assert result_message({"message": "旧记录"}) == "旧记录"


def test_every_message_has_chinese_and_english_with_the_same_parameters():
    import string

    from checks.wording import all_messages

    for group, entries in all_messages().items():
        for key, entry in entries.items():
            assert entry.get("zh") and entry.get("en"), (group, key)
            names = [{n for _t, n, _f, _c in string.Formatter().parse(entry[lang]) if n} for lang in ("zh", "en")]
            assert names[0] == names[1], (group, key)


def test_english_display_follows_the_interface_language(english):
    from checks.base import say
    from checks.wording import result_message

    assert result_message(say("pass", "a30_1_original_media.transferred")) == "The original medium was transferred"


def test_people_are_named_with_their_role_in_either_language():
    from checks.articles.common import signature_result
    from checks.wording import result_message

    outcome = signature_result({"participants": [{"role": "holder", "name": "张某某", "signed": False},
                                                 {"role": "collector", "name": "王某", "signed": True}]})
    assert "持有人（提供人）张某某" in outcome.message
    assert "holder (provider) 张某某" in result_message(outcome, "en")


def test_chinese_titles_and_questions_use_chinese_punctuation():
    """A prosecutor reads 是否规范？ and （提供人）, not ASCII marks between Chinese words."""
    import re

    ascii_marks = re.compile(r"[?,():;!]")
    for name, words in all_wording().items():
        for field in ("title_zh", "question_zh"):
            assert not ascii_marks.search(words.get(field, "")), (name, field, words.get(field))


def test_check_messages_name_clauses_and_formats_in_words():
    from checks.wording import message_text

    took_part = message_text("a32_4_participants.took_part", {"count": 2, "clause": "34.3"}, "zh")
    assert "签名见第三十四条第（三）项" in took_part and "34.3" not in took_part
    asked = message_text("a45_undisplayable.correct_format", {"path": "a.jpg", "mime": "application/vnd.sqlite3"}, "zh")
    assert "内容实为 SQLite 数据库" in asked and "application/" not in asked
    unnamed = message_text("a45_undisplayable.correct_format", {"path": "a.jpg", "mime": "application/x-foo"}, "zh")
    assert "application/x-foo" in unnamed  # no name known: the type itself, never nothing
    assert message_text("a45_undisplayable.all_shown", {"count": 1}, "zh") == "1 个文件可以直接展示"
