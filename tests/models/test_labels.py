"""The one vocabulary: every domain's entries have Chinese, unknown codes come back as they are."""

import re

from models.common.labels import all_labels, label, source_label

SNAKE = re.compile(r"^[a-z]+(_[a-z0-9]+)+$")


def test_every_entry_has_chinese_and_no_code_as_its_label():
    for domain, entries in all_labels().items():
        for code, entry in entries.items():
            assert entry.get("zh"), (domain, code)
            assert not SNAKE.match(entry["zh"]), (domain, code)
            assert not SNAKE.match(entry.get("en", "x y")), (domain, code)


def test_label_in_both_languages_and_fallbacks():
    assert label("status", "not_recorded", "zh") == "未记录"
    assert label("status", "not_recorded", "en") == "not recorded"
    assert label("field", "paths", "en") == "文件"  # no English written yet: the Chinese, never the code
    assert label("status", "no_such_code", "zh") == "no_such_code"
    assert label("status", None) == ""


def test_source_names_its_file():
    assert source_label("digest_list:documents/hashes.md5", "zh") == "校验值清单（documents/hashes.md5）"
    assert source_label("manifest", "en") == "manifest"
