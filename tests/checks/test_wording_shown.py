"""Titles and questions in the interface language; the law always quoted in Chinese."""

import pytest

from checks.wording import all_wording, shown, wording
from models.i18n import language, set_language


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
    from ui.clause_list_model import clause_records

    records = clause_records([{"check_name": "a30_2_signatures", "article": "30.2", "status": "pass"}], {}, "authenticity")
    assert [r["title"] for r in records] == [wording("a30_2_signatures")["title_en"]]
