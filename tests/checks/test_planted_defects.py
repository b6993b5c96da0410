"""`check --json` on the factory's bundles and the demo cases: each planted defect is flagged at its clause, once,
naming its files; the clean bundles fail nothing; every message comes from resources in both languages."""

import argparse
import json
import re
import shutil
from datetime import date

import pytest

from checks import check_cmd
from checks.wording import message_text
from models.common.labels import known
from models.demo.demo import ANSWERS_NAME, CLEAN_NAME, TRAINING_NAME, write_demo
from tests.factory import DEFECTS, BundleFactory

FLAGGED = ("fail", "warn", "needs_review")
ROW_KEYS = {"item", "check", "article", "status", "facts", "message"}
SNAKE = re.compile(r"[a-z]+_[a-z0-9_]+")


def check_json(path, store, capsys) -> tuple[int, list[dict]]:
    """The clause rows of `check --json` (outcome rows, when the command prints them, left aside)."""
    capsys.readouterr()
    code = check_cmd.run(argparse.Namespace(path=str(path), json=True, store=str(store), no_verify=False))
    lines = capsys.readouterr().out.splitlines()
    return code, [row for row in map(json.loads, lines) if "check" in row]


def _without_paths(words: str) -> str:
    """The words with the bundle paths they name taken out (a file may be called anything)."""
    return re.sub(r"(evidence|documents|photos|recordings)/[^\s，、；：（）()]+", "", words)


def _fact_keys(value):
    """Every key of the facts, nested ones too: each is shown to a person under its label."""
    if isinstance(value, dict):
        for key, inner in value.items():
            yield key
            yield from _fact_keys(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _fact_keys(inner)


def rows_at(rows, item, article):
    return [r for r in rows if r["item"] == item and r["article"] == article]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo") / "cases"
    write_demo(out, today=date.today())  # the checks read today's date: a freeze dated from a fixed day expires
    return out


def test_clean_bundle_fails_nothing(tmp_path, capsys):
    code, rows = check_json(BundleFactory(tmp_path).clean(), tmp_path / "store", capsys)
    failing = [(r["item"], r["article"], r["status"], r["message"]) for r in rows if r["status"] in ("fail", "error")]
    assert failing == [] and code == 0
    assert {r["check"] for r in rows} and all(ROW_KEYS <= set(r) for r in rows)


@pytest.mark.parametrize("key", sorted(DEFECTS))
def test_planted_defect_is_flagged_at_its_clause(tmp_path, capsys, key):
    item, expected, description = DEFECTS[key]
    article = key.split("-")[0]
    code, rows = check_json(BundleFactory(tmp_path).with_defect(key), tmp_path / "store", capsys)
    found = rows_at(rows, item, article)
    assert len(found) == 1, f"no result for {item} {article}"
    assert found[0]["status"] in FLAGGED, f"{key} ({description}): {found[0]['status']} {found[0]['message']}"
    if expected == "fail":
        assert found[0]["status"] == "fail" and code == 1, f"{key} ({description}): {found[0]['message']}"


def test_every_defect_of_the_training_case_surfaces_with_its_file(demo, tmp_path, capsys):
    """The answer key's defects, each at its clause; the Photoshop-edited photo too, beside the changed chat."""
    code, rows = check_json(demo / TRAINING_NAME, tmp_path / "store", capsys)
    key = json.loads((demo / ANSWERS_NAME).read_text(encoding="utf-8"))
    for defect in key["defects"]:
        found = [r for r in rows_at(rows, defect["item"], defect["article"]) if r["status"] in FLAGGED]
        assert found, defect
        if defect["path"] and defect["article"] not in ("31.4",):
            assert defect["path"] in found[0]["facts"].get("files", []), (defect, found[0]["facts"].get("files"))
    assert code == 1


def test_appraisal_material_equal_to_the_recorded_original_is_consistent(demo, tmp_path, capsys):
    """41.2 false positive: the chat log was changed in E1 after it was recorded; the material sent for appraisal
    equals the recorded original, so only the photo whose material digest differs is a 41.2 finding, once."""
    _code, rows = check_json(demo / TRAINING_NAME, tmp_path / "store", capsys)
    material = rows_at(rows, "E5", "41.2")[0]
    assert material["status"] == "fail" and material["facts"]["files"] == ["evidence/E1/相册/IMG_20261001_201503.jpg"]
    assert [c["path"] for c in material["facts"]["comparisons"] if c["status"] == "mismatch"] == \
        material["facts"]["files"]
    assert "1 个鉴定材料" in material["message"]


def test_one_mismatch_one_finding_owned_by_31_2(tmp_path, capsys):
    """A byte changed in one file: 31.2 reports it once with both algorithms; 30.x refer to it, and 30.3 asks
    about the process, not the digests."""
    _code, rows = check_json(BundleFactory(tmp_path).with_defect("31.2"), tmp_path / "store", capsys)
    digests = rows_at(rows, "E1", "31.2")[0]
    assert digests["status"] == "fail" and digests["facts"]["files"] == ["evidence/E1/chat.txt"]
    assert len(digests["facts"]["problems"]) == 1 and set(digests["facts"]["problems"][0]["algorithms"]) >= {"sha256"}
    assert len(digests["facts"]["problems"][0]["algorithms"]) == len(digests["facts"]["problems"][0]["recorded"]) > 1
    changes = rows_at(rows, "E1", "30.4")[0]
    assert changes["facts"]["effect"] == "none" and changes["facts"]["refers_to"] == "31.2"
    assert rows_at(rows, "E1", "30.5")[0]["facts"]["effect"] == "none"
    assert rows_at(rows, "E1", "30.3")[0]["status"] == "not_applicable"  # a seized medium: no process to re-run
    assert rows_at(rows, "E8", "41.2")[0]["status"] == "pass"  # the material equals the recorded original


def test_a_typo_in_the_hash_list_is_a_record_defect(demo, tmp_path, capsys):
    """One digit lost in one line of the investigators' hash list, no evidence changed: 43.4, the list and line
    named; the file is neither an addition nor a mismatch."""
    case = tmp_path / "typo"
    shutil.copytree(demo / CLEAN_NAME, case)
    listing = case / "documents/E1-电子数据哈希值清单.txt"
    lines = listing.read_text(encoding="utf-8").splitlines()
    at = next(n for n, line in enumerate(lines) if line and not line.startswith(("%", "#")))
    size, md5, rest = lines[at].split(",", 2)
    lines[at] = ",".join((size, md5[:-1], rest))
    listing.write_text("\n".join(lines) + "\n", encoding="utf-8")
    named = rest.split(",")[-1]
    _code, rows = check_json(case, tmp_path / "store", capsys)
    digests = rows_at(rows, "E1", "31.2")[0]
    assert digests["status"] == "fail" and digests["facts"]["effect"] == "43.4"
    assert digests["facts"]["files"] == [named] and digests["facts"]["problems"] == []
    defect = digests["facts"]["record_defects"][0]
    assert (defect["record"], defect["line"]) == ("documents/E1-电子数据哈希值清单.txt", at + 1)
    assert digests["facts"]["corrections"][0].startswith("补充说明")
    changes = rows_at(rows, "E1", "30.4")[0]
    assert changes["status"] == "pass" and not changes["facts"]["added"] and not changes["facts"]["modified"], \
        changes["facts"]["anomalies"][:2]


def test_clean_demo_once_verified_has_nothing_unrecorded(demo, tmp_path, capsys):
    """E5 (an appraisal without content of its own) is neither not_recorded nor not_verified after verification."""
    code, rows = check_json(demo / CLEAN_NAME, tmp_path / "store", capsys)
    odd = [(r["item"], r["article"], r["status"]) for r in rows
           if r["status"] in ("fail", "error", "warn", "not_recorded", "not_verified")]
    assert odd == [] and code == 0


def test_a_jpg_that_is_sqlite_is_a_43_3_finding_naming_it(tmp_path, capsys):
    _code, rows = check_json(BundleFactory(tmp_path).with_defect("45"), tmp_path / "store", capsys)
    found = rows_at(rows, "E1", "45")[0]
    assert found["status"] == "fail" and found["facts"]["effect"] == "43.3"
    assert found["facts"]["files"] == ["evidence/E1/photo2.jpg"]
    assert "evidence/E1/photo2.jpg" in found["facts"]["corrections"][0] and found["facts"]["corrections"][0][0] == "补"


@pytest.mark.parametrize("key", [None, "31.2", "30.4", "32.2", "34.1", "35.2", "41.4", "45", "32.4"])
def test_messages_come_from_resources_in_both_languages(tmp_path, key):
    """Every result has a message key whose words are in messages.json, Chinese and English, with no code in them."""
    from checks.registry import default_registry
    from checks.runner import build_context, run_checks
    from models.cli.cli_common import open_bundle_and_store

    path = BundleFactory(tmp_path).clean() if key is None else BundleFactory(tmp_path).with_defect(key)
    bundle, store = open_bundle_and_store(argparse.Namespace(path=str(path), store=str(tmp_path / "store")))
    check_cmd._prepare(bundle, store)
    for item_id, pairs in run_checks(bundle, build_context(bundle, store), default_registry()).items():
        for check, outcome in pairs:
            assert outcome.message_key, (item_id, check.NAME)
            assert outcome.message == message_text(outcome.message_key, outcome.params, "zh")
            english = message_text(outcome.message_key, outcome.params, "en")
            for words in (outcome.message, english, *outcome.facts.get("corrections", [])):
                assert not SNAKE.search(_without_paths(words)), (check.NAME, words)
            assert all(sentence.startswith("补") for sentence in outcome.facts.get("corrections", [])), check.NAME
            json.dumps(outcome.params)  # parameters travel as data
            assert not [k for k in _fact_keys(outcome.facts) if not known("field", k)], check.NAME
    store.close()


def test_a_missing_paperwork_file_is_32s_finding_and_the_kinds_clause_refers_to_it(tmp_path, capsys):
    """The freeze notice is gone: 32.2 reports it (with its correction); 38.1 refers to 32.2, no second effect.
    The seal photos of a seized medium: 34.2 reports them, 31.1 refers."""
    factory = BundleFactory(tmp_path)
    spec = factory.spec()
    spec.drop("documents/E5-freeze_notice.pdf")
    spec.item("E1")["sealing"].pop("photos_after")
    _code, rows = check_json(factory.write(spec, "gone"), tmp_path / "store", capsys)
    paperwork = rows_at(rows, "E5", "32.2")[0]
    assert paperwork["status"] == "fail" and paperwork["facts"]["files"] == ["documents/E5-freeze_notice.pdf"]
    assert paperwork["facts"]["corrections"]
    freeze = rows_at(rows, "E5", "38.1")[0]
    assert freeze["facts"]["effect"] == "none" and freeze["facts"]["refers_to"] == "32.2"
    seal, sealing = rows_at(rows, "E1", "31.1")[0], rows_at(rows, "E1", "34.2")[0]
    assert sealing["status"] == "fail" and sealing["facts"]["effect"] == "43.4"
    assert seal["facts"]["effect"] == "none" and seal["facts"]["refers_to"] == "34.2"


def test_the_training_image_has_its_planted_finding_only(demo, tmp_path, capsys):
    """E6: the record dates the imaging a day after the E01 header (read in the case zone): one 35.2 finding,
    a record defect (43(四)) naming the image; nothing else of E6 fails or warns."""
    _code, rows = check_json(demo / TRAINING_NAME, tmp_path / "store", capsys)
    flagged = [(r["article"], r["status"]) for r in rows if r["item"] == "E6" and r["status"] in ("fail", "warn")]
    assert flagged == [("35.2", "fail")]
    found = rows_at(rows, "E6", "35.2")[0]
    assert "第四十三条第（四）项" in found["message"] and found["facts"]["files"] == ["evidence/E6/usb.E01"]
    assert [(d["field"], d["source"], d["found"]) for d in found["facts"]["differences"]] == \
        [("acquired_at", "header", "2026-11-18 15:05:00")]
