"""One proposal per item wherever it is shown: `check --json`, the memo and the window's outcome box apply the
reviewer's stored clause decisions through checks.item_proposal and agree, down to the corrections asked."""

import argparse
import json

from checks import check_cmd
from checks.item_proposal import propose_stored
from checks.memo_examine import propose
from models.memo.memo_data import build_memo_data
from models.store import review
from tests.ui.test_outcome_box import _box
from tests.ui.test_review_tab import prepared

SAME = ("proposal", "basis", "corrections", "files", "route_44_2")


def _check_rows(path, store_dir, capsys, json_out=True):
    capsys.readouterr()
    code = check_cmd.run(argparse.Namespace(path=str(path), json=json_out, store=str(store_dir), no_verify=False))
    out = capsys.readouterr().out
    return code, ([json.loads(line) for line in out.splitlines()] if json_out else out)


def test_check_the_memo_and_the_window_propose_alike_after_a_decision(qtbot, make_bundle, store_dir, capsys):
    path = make_bundle.with_defect("39.3")
    bundle, store = prepared(path, store_dir)
    e6_item = next(i for i in bundle.items if i["id"] == "E6")
    name = next(r["check"] for r in propose_stored(store, e6_item).proposal.reasons if r["effect"].startswith("43"))
    review.decide(store, "E6", name, "override", "检察官甲", reason="笔录已补签，附卷")  # the review tab's call
    store.close()

    _code, rows = _check_rows(path, store_dir, capsys)
    by_item = {r["item"]: r["outcome"] for r in rows if "outcome" in r}
    e6 = by_item["E6"]
    assert (e6["proposal"], e6["basis"]) == ("admissible", [])
    change = e6["changed_by_decisions"]
    assert change["from"] == {"proposal": "correctable", "basis": ["43.2"]}
    assert change["to"] == {"proposal": "admissible", "basis": []}
    assert [(d["check"], d["article"], d["decision"], d["reason"]) for d in change["decisions"]] == [
        (name, "39.2", "override", "笔录已补签，附卷")]
    assert next(r for r in e6["reasons"] if r["check"] == name)["decided"] == "override"
    assert all(o["changed_by_decisions"] is None for item, o in by_item.items() if item != "E6")

    bundle, store = prepared(path, store_dir, with_results=False)  # the store as check left it
    data = build_memo_data(bundle, store, "检察官甲", False, propose=propose)
    memo = {it["id"]: it["proposal"] for it in data["items"]}
    for item in bundle.items:
        box = _box(qtbot, store, bundle, item["id"])
        window = box.proposal.to_dict()
        for key in SAME:
            assert by_item[item["id"]][key] == memo[item["id"]][key] == window[key], (item["id"], key)
        assert [r["check"] for r in by_item[item["id"]]["reasons"]] == [r["check"] for r in window["reasons"]]
        assert json.loads(json.dumps(box.judged.change())) == by_item[item["id"]]["changed_by_decisions"]
    assert "改为“可采”" in _box(qtbot, store, bundle, "E6").proposal_label.text()

    store.close()
    _code, text = _check_rows(path, store_dir, capsys, json_out=False)
    assert "按审查人的决定，结论建议由“瑕疵可补正（依据：第四十三条第（二）项" in text and "”改为“可采”：" in text
    assert "第三十九条第（二）项\t不符合\t回执签名\t回执未签名或盖章\t审查人已推翻" in text
    assert "第三十九条第（二）项 审查人已推翻（检察官甲）：笔录已补签，附卷" in text


def test_the_restored_route_rests_on_the_same_verification_everywhere(qtbot, tmp_path, capsys):
    """Art. 44(2): the original kept beside the changed file, the change explained. The route rests on the
    verification records; the memo once proposed without them (排除) while check and the window said 可采."""
    from tests.checks.test_legal_table import SCENARIOS
    from tests.factory import BundleFactory

    change, item_id, proposal, basis, _files = SCENARIOS["restored_original_explained"]
    factory = BundleFactory(tmp_path)
    spec = factory.spec()
    change(spec, factory.today)
    path = factory.write(spec, "restored")
    _code, rows = _check_rows(path, tmp_path / "store", capsys)
    checked = next(r["outcome"] for r in rows if r.get("item") == item_id and "outcome" in r)
    assert (checked["proposal"], checked["basis"]) == (proposal, basis) == ("admissible", ["44.2"])

    bundle, store = prepared(path, tmp_path / "store", with_results=False)
    memo = next(it["proposal"] for it in build_memo_data(bundle, store, "检察官甲", False, propose=propose)["items"]
                if it["id"] == item_id)
    window = _box(qtbot, store, bundle, item_id).proposal.to_dict()
    for key in SAME:
        assert checked[key] == memo[key] == window[key], key


def test_the_memo_says_in_words_what_the_decision_changed(qtbot, make_bundle, store_dir, tmp_path, capsys):
    """The signed memo's conclusion names the move, the clause and the reason, from the changed_by_decisions that
    `check --json` gives; an item no decision moved says nothing of the kind."""
    import subprocess

    from models.memo.identity import load_identity, make_identity
    from models.memo.memo_render import write_memo

    path = make_bundle.with_defect("39.3")
    bundle, store = prepared(path, store_dir)
    e6_item = next(i for i in bundle.items if i["id"] == "E6")
    name = next(r["check"] for r in propose_stored(store, e6_item).proposal.reasons if r["effect"].startswith("43"))
    review.decide(store, "E6", name, "override", "检察官甲", reason="笔录已补签，附卷")
    store.close()
    _code, rows = _check_rows(path, store_dir, capsys)
    checked = {r["item"]: r["outcome"]["changed_by_decisions"] for r in rows if "outcome" in r}

    bundle, store = prepared(path, store_dir, with_results=False)
    data = build_memo_data(bundle, store, "检察官甲", False, propose=propose)
    assert {it["id"]: it["proposal"]["changed_by_decisions"] for it in data["items"]} == checked
    make_identity("检察官甲", tmp_path / "id.p12", b"pw")
    identity = load_identity(tmp_path / "id.p12", b"pw")

    def text(english=False):
        out = write_memo(data, identity, tmp_path / ("en.pdf" if english else "zh.pdf"), english=english)
        flat = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
        return flat.replace("\n", "").replace(" ", "") if not english else " ".join(flat.split())

    flat = text()
    said = ("按审查人的决定，结论建议由“瑕疵可补正（依据：第四十三条第（二）项）”改为“可采”："
            "第三十九条第（二）项（回执签名）：审查人不同意程序结果（检察官甲），笔录已补签，附卷。")
    assert said in flat
    assert flat.count("按审查人的决定") == 1  # E6 alone was moved
    e6 = flat.index("证据E6")
    assert e6 < flat.index(said) < flat.index("五、瑕疵及补正要求")  # in E6's paragraph, before section 5
    english = text(english=True)
    assert ("The reviewer's clause decisions changed the program's proposal from \"defect to correct (basis: "
            "Art. 43(2))\" to \"admissible\": Art. 39(2)") in english
    assert "笔录已补签，附卷" in english.replace(" ", "")
