"""The contract every check honours (Picard's test/formats/common.py): each check's test only names its class."""

from datetime import date
from pathlib import Path

import pytest

from checks.base import STATUSES, CheckContext, CheckResult
from checks.registry import default_registry
from checks.wording import quote_lines, wording
from models.bundle.manifest import Bundle, load_bundle

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seeds" / "001_16a2641aec0fb88a.txt"
KINDS = ("seized_media", "media_image", "onsite_extraction", "online_extraction", "frozen", "obtained",
         "inspection", "appraisal")


def normalise(text: str) -> str:
    """Whitespace (including the seed's no-break spaces) removed: quotes compare on characters only."""
    return "".join(text.split())


def seed_text() -> str:
    assert SEED.is_file(), f"seed text not found at {SEED}"
    return normalise(SEED.read_text(encoding="utf-8"))


def make_bundle(root: Path, items: list[dict], parties=(), files: dict | None = None, timezone="Asia/Shanghai"):
    """A Bundle over root with these manifest items; files (path -> bytes) are written under root."""
    root.mkdir(parents=True, exist_ok=True)
    for rel, data in (files or {}).items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    data = {"format": "evidence-bundle/1", "case": {"case_number": "测试", "title": "测试案", "prepared_by": "测试",
                                                    "prepared_at": "2026-11-20T10:00:00+08:00", "timezone": timezone},
            "parties": list(parties), "items": items}
    return Bundle(root=root, data=data, adhoc=False, digest="0" * 64)


def make_context(bundle, **kwargs) -> CheckContext:
    kwargs.setdefault("today", date(2026, 11, 23))
    return CheckContext(bundle=bundle, **kwargs)


def run(check_class, item: dict, bundle=None, tmp_path=None, **context):
    """Run one check on one item inside a bundle holding just that item."""
    bundle = bundle or make_bundle(tmp_path, [item])
    return check_class().run(item, make_context(bundle, **context))


class CheckContract:
    """Inherit and set CHECK; the tests below then hold for that check."""

    CHECK = None

    def test_registered_once_under_its_name(self):
        registry = default_registry()
        assert isinstance(registry.get(self.CHECK.NAME), self.CHECK)
        assert [c.NAME for c in registry.all()].count(self.CHECK.NAME) == 1

    def test_article_and_wording(self):
        entry = wording(self.CHECK.NAME)
        assert entry["article"] == self.CHECK.ARTICLE
        for key in ("title_zh", "title_en", "quote_zh", "question_zh", "question_en", "gloss_en"):
            assert entry.get(key), f"{self.CHECK.NAME}: wording lacks {key}"
        assert self.CHECK.KIND in ("auto", "assisted", "manual")

    def test_quote_is_verbatim_from_the_seed(self):
        seed = seed_text()
        for line in quote_lines(self.CHECK.NAME):
            assert normalise(line) in seed, f"{self.CHECK.NAME}: not in the seed text: {line}"

    @pytest.mark.parametrize("kind", (None, *KINDS))
    def test_empty_item_never_raises_and_never_passes(self, tmp_path, kind):
        item = {"id": "E1"} if kind is None else {"id": "E1", "kind": kind}
        outcome = run(self.CHECK, item, tmp_path=tmp_path)
        assert isinstance(outcome, CheckResult)
        assert outcome.status in STATUSES
        assert outcome.status not in ("pass", "error"), outcome

    def test_adhoc_bundle(self, tmp_path):
        (tmp_path / "loose.txt").write_text("x", encoding="utf-8")
        bundle = load_bundle(tmp_path)
        assert bundle.adhoc
        outcome = self.CHECK().run(bundle.items[0], make_context(bundle))
        assert outcome.status in STATUSES and outcome.status not in ("pass", "error", "fail")
        if self.CHECK.MANIFEST:
            assert outcome.status in ("not_recorded", "not_applicable")
