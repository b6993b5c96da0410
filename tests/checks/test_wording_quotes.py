"""Every quotation in resources/checks/wording.json is the seed text verbatim (whitespace aside)."""

import pytest

from checks.wording import all_wording, quote_lines
from tests.checks.contract import normalise, seed_text


@pytest.mark.parametrize("name", sorted(all_wording()))
def test_quote_verbatim(name):
    seed = seed_text()
    lines = quote_lines(name)
    assert lines, f"{name} has no quotation"
    for line in lines:
        assert normalise(line) in seed, f"{name}: {line}"


def test_quote_check_can_fail():
    assert normalise("(一)是否移送原始存储介质，在原始存储介质无法封存") not in seed_text()


def test_outcome_wording_quotes_43_and_44():
    words = all_wording()
    for name in ("a43_1", "a43_2", "a43_3", "a43_4", "a44_1", "a44_2"):
        assert words[name]["quote_zh"]
    assert "不得作为定案的根据" in words["a44_1"]["quote_zh"]
