"""`check --json` on the factory's bundles: each planted defect is flagged at its clause; the clean bundle fails nothing."""

import argparse
import json

import pytest

from checks import check_cmd
from tests.factory import DEFECTS, BundleFactory

FLAGGED = ("fail", "warn", "needs_review")


def check_json(path, store, capsys) -> tuple[int, list[dict]]:
    capsys.readouterr()
    code = check_cmd.run(argparse.Namespace(path=str(path), json=True, store=str(store)))
    lines = capsys.readouterr().out.splitlines()
    return code, [row for row in map(json.loads, lines) if "check" in row]  # the clause rows, not the outcomes


def test_clean_bundle_fails_nothing(tmp_path, capsys):
    code, rows = check_json(BundleFactory(tmp_path).clean(), tmp_path / "store", capsys)
    failing = [(r["item"], r["article"], r["status"], r["message"]) for r in rows if r["status"] in ("fail", "error")]
    assert failing == [] and code == 0
    assert {r["check"] for r in rows} and all(set(r) == {"item", "check", "article", "status", "facts", "message"}
                                              for r in rows)


@pytest.mark.parametrize("key", sorted(DEFECTS))
def test_planted_defect_is_flagged_at_its_clause(tmp_path, capsys, key):
    item, expected, description = DEFECTS[key]
    article = key.split("-")[0]
    code, rows = check_json(BundleFactory(tmp_path).with_defect(key), tmp_path / "store", capsys)
    found = [r for r in rows if r["item"] == item and r["article"] == article]
    assert len(found) == 1, f"no result for {item} {article}"
    assert found[0]["status"] in FLAGGED, f"{key} ({description}): {found[0]['status']} {found[0]['message']}"
    if expected == "fail":
        assert found[0]["status"] == "fail" and code == 1, f"{key} ({description}): {found[0]['message']}"
