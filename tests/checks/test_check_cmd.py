"""`check`: verifies by itself unless the store holds a verification of the bundle as it is now, prints one
outcome row per item after its clause rows, and names proposals and clauses in words."""

import argparse
import json
import re

from checks import check_cmd
from tests.factory import BundleFactory

CODES = re.compile(r"\b(admissible|correctable|excluded|pending|not_recorded|not_verified|needs_review|"
                   r"interp98\.\d|4[34]\.\d)\b")


def run(path, store, capsys, json_out=True, no_verify=False):
    capsys.readouterr()
    code = check_cmd.run(argparse.Namespace(path=str(path), json=json_out, store=str(store), no_verify=no_verify))
    out, err = capsys.readouterr()
    return code, ([json.loads(line) for line in out.splitlines()] if json_out else out), err


def test_each_item_ends_with_its_outcome_row(tmp_path, capsys):
    _code, rows, _err = run(BundleFactory(tmp_path).with_defect("31.2"), tmp_path / "store", capsys)
    items = []
    for at, row in enumerate(rows):
        if "outcome" in row:
            assert set(row) == {"item", "outcome"} and rows[at - 1]["item"] == row["item"]
            assert set(row["outcome"]) == {"proposal", "basis", "reasons", "corrections", "files", "route_44_2",
                                           "changed_by_decisions"}
            assert row["outcome"]["changed_by_decisions"] is None  # nobody decided anything yet
            items.append(row["item"])
        else:
            assert row["item"] not in items  # no clause row of an item after its outcome
    assert items == [f"E{n}" for n in range(1, 10)]
    e1 = next(r["outcome"] for r in rows if r.get("outcome") and r["item"] == "E1")
    assert (e1["proposal"], e1["basis"], e1["files"]) == ("excluded", ["44.2"], ["evidence/E1/chat.txt"])
    assert all(set(r) == {"check", "article", "status", "effect", "message", "files", "decided"}
               for r in e1["reasons"])


def test_text_output_names_proposals_and_clauses_in_words(tmp_path, capsys):
    _code, text, _err = run(BundleFactory(tmp_path).with_defect("31.2"), tmp_path / "store", capsys, json_out=False)
    assert text.count("结论建议：") == 9
    assert "结论建议：排除（依据：第四十四条第二款" in text and "涉及文件：evidence/E1/chat.txt" in text
    assert "第三十一条第（二）项" in text
    assert CODES.findall(text) == []
    heads = [line.split("\t") for line in text.splitlines() if line.startswith("证据项 ")]
    assert len(heads) == 9 and all(len(h) == 2 and h[1] for h in heads)  # each item named by its title too
    assert not re.search(r"第\d|[\u4e00-\u9fff][?,]", text)  # no 第34.3条, no ASCII marks in Chinese


def test_check_verifies_the_bundle_as_it_is_now(tmp_path, capsys):
    path, store = BundleFactory(tmp_path).clean(), tmp_path / "store"
    _code, rows, err = run(path, store, capsys)
    assert "校验" in err
    assert {r["item"]: r["outcome"]["proposal"] for r in rows if "outcome" in r}["E3"] == "admissible"
    _code, rows, err = run(path, store, capsys)
    assert "校验" not in err  # the store's verification is for this very state: not done again
    (path / "evidence/E3/notes.txt").write_bytes("备忘（改）\n".encode("utf-8"))  # the test's own copy changes
    _code, rows, err = run(path, store, capsys)
    assert "校验" in err
    e3 = next(r["outcome"] for r in rows if r.get("outcome") and r["item"] == "E3")
    assert (e3["proposal"], e3["files"]) == ("excluded", ["evidence/E3/notes.txt"])


def test_text_says_why_a_proposal_waits_and_names_alerts(tmp_path, capsys):
    _code, text, _err = run(BundleFactory(tmp_path).with_defect("38.3"), tmp_path / "store", capsys, json_out=False)
    assert "办案提示：第三十八条第（三）项 冻结期限还剩" in text
    _code, text, _err = run(BundleFactory(tmp_path).with_defect("42"), tmp_path / "store2", capsys, json_out=False)
    assert "结论建议：待审查人判断" in text and "须审查人先行判断：第四十二条" in text


def test_no_verify_leaves_the_digests_unverified(tmp_path, capsys):
    _code, rows, err = run(BundleFactory(tmp_path).clean(), tmp_path / "store", capsys, no_verify=True)
    assert "校验：" not in err and "尚未校验" in err
    e3 = next(r["outcome"] for r in rows if r.get("outcome") and r["item"] == "E3")
    assert e3["proposal"] == "pending"
