"""The memo: findings dict from a real store, Chinese PDF that pdftotext reads back, attachment, signature."""

import hashlib
import json
import subprocess

import pytest

from models.bundle.manifest import load_bundle
from models.inventory.scan import scan_bundle
from models.memo.identity import load_identity, make_identity
from models.memo.memo_data import build_memo_data
from models.memo.memo_render import MemoError, read_findings, write_memo
from models.store.store import open_store

CHECKS = [("E1", "a31_2_digests", "31.2", "pass", "全部校验值一致"),
          ("E1", "a32_4_signatures", "32.4", "fail", "持有人未签名，未说明理由"),
          ("E1", "a33_1_relevance", "33.1", "needs_review", "请标注相关文件"),
          ("E2", "a37_1_address", "37.1", "fail", "未记录网络地址")]
HEAD = hashlib.sha256(b"audit").hexdigest()


def write_bundle(root):
    """A two-item bundle: a seized USB stick's chat log and an online extraction."""
    files = {"evidence/E1/聊天记录.txt": "买家：要一万条\n".encode(), "evidence/E2/page.html": b"<html></html>"}
    for rel, data in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    content = {rel: [{"path": rel, "type": "file", "digests": {"sha256": hashlib.sha256(d).hexdigest()}}]
               for rel, d in files.items()}
    manifest = {
        "format": "evidence-bundle/1",
        "case": {"case_number": "某检刑诉〔2026〕12号", "title": "张某某侵犯公民个人信息案",
                 "charge": "侵犯公民个人信息罪", "unit": "某区人民检察院", "prepared_by": "李某",
                 "prepared_at": "2026-11-20T10:00:00+08:00"},
        "parties": [{"id": "P1", "name": "张某某", "role": "suspect"}],
        "items": [{"id": "E1", "title": "涉案U盘一个", "kind": "seized_media", "related_parties": ["P1"],
                   "media": {"brand": "Kingston", "serial": "0019E06B4A2C"},
                   "acquisition": {"method": "只读接口复制", "tool": "ewfacquire"},
                   "content": content["evidence/E1/聊天记录.txt"]},
                  {"id": "E2", "title": "网页", "kind": "online_extraction",
                   "content": content["evidence/E2/page.html"]}],
    }
    (root / "bundle.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    return load_bundle(root)


def fill_review(store, decide: bool) -> None:
    db = store.db
    with db.conn:
        for item, name, art, status, msg in CHECKS:
            db.execute("INSERT INTO check_results(item, check_name, article, status, facts_json, message, run_at) "
                       "VALUES (?,?,?,?,?,?,?)",
                       [item, name, art, status, "{}", msg, "2026-11-23T08:00:00Z"])
        db.execute("INSERT INTO audit VALUES (1, '2026-11-23T08:00:00Z', '张检察官', 'scan', '{}', '', ?)", [HEAD])
        if not decide:
            return
        db.execute("INSERT INTO decisions VALUES ('E1','a31_2_digests','confirm',NULL,'已复核',NULL,'张检察官',"
                   "'2026-11-23T08:10:00Z')")
        db.execute("INSERT INTO decisions VALUES ('E1','a33_1_relevance','answer',NULL,'证明交易过程','相关',"
                   "'张检察官','2026-11-23T08:11:00Z')")
        db.execute("INSERT INTO outcomes VALUES ('E1','admissible',NULL,NULL,NULL,'张检察官','2026-11-23T08:20:00Z')")
        db.execute("INSERT INTO outcomes VALUES ('E2','defect','第四十三条第（四）项','未记录网络地址',?,'张检察官',"
                   "'2026-11-23T08:21:00Z')", [json.dumps(["补充在线提取笔录，载明网络地址"], ensure_ascii=False)])
        db.execute("INSERT INTO tags VALUES ('evidence/E1/聊天记录.txt','objective_act','商谈出售公民信息',"
                   "'张检察官','2026-11-23T08:12:00Z')")


def make_review(tmp_path, decide=True, training=False):
    """(data, identity) for a scanned two-item bundle with or without the reviewer's decisions."""
    bundle = write_bundle(tmp_path / "bundle")
    store = open_store(bundle, tmp_path / "store")
    scan_bundle(bundle, store)
    fill_review(store, decide)
    make_identity("张检察官", tmp_path / "id.p12", b"pw", training=training)
    identity = load_identity(tmp_path / "id.p12", b"pw")
    return build_memo_data(bundle, store, identity.name, training), identity


def pdftext(path, page=None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", *pages, str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_data_from_store_with_decisions(tmp_path):
    data, _ = make_review(tmp_path)
    json.dumps(data)  # plain JSON
    e1, e2 = data["items"]
    assert e1["kind_zh"] == "扣押、封存原始存储介质"
    assert {c["check"]: c["decided"] for c in e1["clauses"]} == {
        "a31_2_digests": True, "a32_4_signatures": False, "a33_1_relevance": True}
    assert [c["group"] for c in e1["clauses"]] == ["integrity", "legality", "relevance"]
    assert e2["outcome"]["corrections"] == ["补充在线提取笔录，载明网络地址"]
    assert e1["relevant"]["objective_act"][0]["path"] == "evidence/E1/聊天记录.txt"
    assert data["inventory"]["items"] == 2 and data["inventory"]["files"] >= 2
    tasks = {o["item"]: [t["text"] for t in o["tasks"]] for o in data["art16"]}
    assert tasks == {"E2": ["补充在线提取笔录，载明网络地址"]}  # E1 concluded 可采 without corrections: nothing
    assert [o["item"] for o in data["art47"]] == ["E1", "E2"]
    assert data["art47"][0]["corroboration"] == ["当事人张某某（犯罪嫌疑人）"]
    assert e1["media"] == [["品牌", "Kingston"], ["序列号", "0019E06B4A2C"]]
    assert e2["conclusion"]["outcome"] == "correctable" and e2["conclusion"]["decided"]
    assert data["audit"] == {"entries": 1, "head_digest": HEAD}
    assert data["review"]["has_decisions"]


def test_memo_reads_back_exactly_and_carries_findings(tmp_path):
    data, identity = make_review(tmp_path)
    out = write_memo(data, identity, tmp_path / "memo.pdf")
    text = pdftext(out)
    flat = text.replace("\n", "")
    for phrase in ("电子数据审查意见书", "张某某侵犯公民个人信息案", "某检刑诉〔2026〕12号", "持有人未签名，未说明理由",
                   "补充在线提取笔录，载明网络地址", "一、送审材料", "二、审查依据", "《中华人民共和国刑事诉讼法》",
                   "三、审查过程", "四、审查意见", "九、补充侦查提纲（第十六条）", "十、出庭示证提纲（第四十七条）",
                   "客观行为（第十八条）", "承办检察官：张检察官", "部门负责人", "院印", "附件：电子数据校验值表",
                   HEAD):
        assert phrase in flat, phrase
    assert "SIGNATURE-PLACE" not in text
    pages = int(subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
                .split("Pages:")[1].split()[0])
    for page in range(1, pages + 1):
        # pdftotext drops the spaces between CJK glyphs, so compare without them
        assert f"第{page}页共{pages}页" in pdftext(out, page).replace(" ", "")
        assert "培训" not in pdftext(out, page)
    assert read_findings(out) == json.loads(json.dumps(data))
    sig = subprocess.run(["pdfsig", str(out)], capture_output=True, text=True).stdout
    assert "Signature is Valid" in sig and "Total document signed" in sig


def test_training_mark_on_every_page(tmp_path):
    data, identity = make_review(tmp_path, training=True)
    out = write_memo(data, identity, tmp_path / "memo.pdf")
    pages = int(subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
                .split("Pages:")[1].split()[0])
    assert all("培训 TRAINING" in pdftext(out, p) for p in range(1, pages + 1))


def test_no_decisions_says_so_plainly(tmp_path):
    data, identity = make_review(tmp_path, decide=False)
    assert not data["review"]["has_decisions"] and data["art47"] == []
    text = pdftext(write_memo(data, identity, tmp_path / "memo.pdf"))
    flat = text.replace("\n", "")
    assert "审查人尚未作出任何决定" in flat and "尚无可以使用的证据项。" in flat


def test_empty_store_does_not_crash(tmp_path):
    bundle = write_bundle(tmp_path / "bundle")
    store = open_store(bundle, tmp_path / "store")
    make_identity("甲", tmp_path / "id.p12", b"pw")
    data = build_memo_data(bundle, store, "甲", False)
    text = pdftext(write_memo(data, load_identity(tmp_path / "id.p12", b"pw"), tmp_path / "m.pdf"))
    assert "尚无审查结果。" in text and "无校验记录。" in text


def test_english_memo(tmp_path):
    data, identity = make_review(tmp_path)
    text = pdftext(write_memo(data, identity, tmp_path / "memo.pdf", english=True))
    assert "Electronic Evidence Review Opinion" in text and "Page 1 of" in text
    flat = " ".join(text.split())
    for phrase in ("1. Material received", "2. Legal basis", "4. Findings per item", "7. Conclusion per item",
                   "9. Supplementary investigation outline (Art. 16)", "Prosecutor in charge: 张检察官",
                   "Annex: digest table"):
        assert phrase in flat, phrase
    assert "可以用于证明案件事实的材料" in text.replace("\n", "")  # the law is quoted in Chinese, not translated
    assert "承办检察官" not in text and "审查意见" not in text.replace("审查意见书", "")


def test_every_memo_template_has_its_english():
    """Each L("...") template of the memo's text has an entry in resources/memo_wording.json."""
    import ast
    from pathlib import Path

    from models.memo.memo_html import english_wording

    root = Path(__file__).resolve().parents[2]
    templates = []
    for name in ("models/memo/memo_html.py", "models/memo/memo_sections.py", "models/memo/memo_verified.py"):
        for node in ast.walk(ast.parse((root / name).read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "L" and node.args:
                arg = node.args[0]
                options = [arg.body, arg.orelse] if isinstance(arg, ast.IfExp) else [arg]
                templates += [o.value for o in options if isinstance(o, ast.Constant)]
    assert len(templates) > 80
    assert [t for t in templates if t not in english_wording()] == []


def test_unwritable_output_leaves_nothing(tmp_path):
    data, identity = make_review(tmp_path)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(MemoError, match="无法写入审查意见"):
        write_memo(data, identity, blocker / "memo.pdf")
    target = tmp_path / "is-a-folder"
    target.mkdir()
    with pytest.raises(MemoError):
        write_memo(data, identity, target)
    assert list(target.iterdir()) == [] and sorted(p.name for p in tmp_path.glob(".*part")) == []


def cli(*args):
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    return subprocess.run([sys.executable, str(root / "main.py"), *map(str, args)], capture_output=True, text=True,
                          cwd=root)


def changed_bundle(tmp_path):
    """write_bundle with E1's chat log changed after its digest was recorded (Art. 31.2 / 30.4 / 44)."""
    bundle = write_bundle(tmp_path / "bundle")
    (bundle.root / "evidence/E1/聊天记录.txt").write_bytes("买家：要两万条\n".encode())
    make_identity("张检察官", tmp_path / "id.p12", b"pw")
    (tmp_path / "pw").write_text("pw\n")
    return bundle


def test_never_opened_bundle_is_examined_before_it_is_signed(tmp_path):
    bundle = changed_bundle(tmp_path)
    run = cli("memo", bundle.root, "--identity", tmp_path / "id.p12", "--passphrase-file", tmp_path / "pw",
              "--out", tmp_path / "m.pdf", "--store", tmp_path / "store", "--document-number", "某检电审〔2026〕3号")
    assert run.returncode == 0, run.stderr
    assert "尚未审查" in run.stderr and "校验" in run.stderr
    flat = pdftext(tmp_path / "m.pdf").replace("\n", "")
    assert "第三十一条第（二）项（完整性校验值比对）" in flat and "evidence/E1/聊天记录.txt" in flat
    assert "证据E1（涉案U盘一个）" in flat and "第四十四条第二款" in flat  # data changed, no 44.2 route shown
    assert "六、排除的证据（第四十四条）无。" not in flat
    assert "文书编号：某检电审〔2026〕3号" in flat
    again = cli("memo", bundle.root, "--identity", tmp_path / "id.p12", "--passphrase-file", tmp_path / "pw",
                "--out", tmp_path / "m2.pdf", "--store", tmp_path / "store")
    assert again.returncode == 0 and "尚未审查" not in again.stderr  # examined once; the number remembered
    assert "文书编号：某检电审〔2026〕3号" in pdftext(tmp_path / "m2.pdf")
    named = cli("memo", bundle.root, "--identity", tmp_path / "id.p12", "--passphrase-file", tmp_path / "pw",
                "--out", tmp_path / "m3.pdf", "--store", tmp_path / "store", "--reviewer-name", "李检察官",
                "--reviewer-title", "四级检察官", "--unit", "某市某区人民检察院")
    assert named.returncode == 0, named.stderr
    flat = pdftext(tmp_path / "m3.pdf").replace("\n", "")
    assert "承办检察官：李检察官（四级检察官）" in flat and "某市某区人民检察院（院印）" in flat
    store = open_store(bundle, tmp_path / "store")
    rows = store.db.execute("SELECT reviewer, payload_json FROM audit WHERE action = 'memo.exported'").fetchall()
    assert [r[0] for r in rows] == ["张检察官", "张检察官", "李检察官"] and "四级检察官" in rows[-1][1]


def test_no_examine_refuses_a_bundle_nobody_examined(tmp_path):
    bundle = changed_bundle(tmp_path)
    run = cli("memo", bundle.root, "--identity", tmp_path / "id.p12", "--passphrase-file", tmp_path / "pw",
              "--out", tmp_path / "m.pdf", "--store", tmp_path / "store", "--no-examine")
    assert run.returncode == 2 and "python main.py check" in run.stderr and "Traceback" not in run.stderr
    assert not (tmp_path / "m.pdf").exists()


def proposed_review(tmp_path):
    """A bundle examined by the checks (changed file, unsigned holder), no decision made, proposals attached."""
    from checks.memo_examine import examine, propose

    bundle = changed_bundle(tmp_path)
    store = open_store(bundle, tmp_path / "store")
    examine(bundle, store)
    data = build_memo_data(bundle, store, {"name": "张检察官", "title": "检察官", "unit": "某区人民检察院"}, False,
                           propose=propose)
    return data, load_identity(tmp_path / "id.p12", b"pw")


def test_undecided_items_carry_the_programs_proposal_marked(tmp_path):
    data, identity = proposed_review(tmp_path)
    e1 = data["items"][0]
    assert e1["conclusion"] == dict(e1["conclusion"], outcome="excluded", decided=False)
    assert data["review"]["undecided_items"] == 2
    flat = pdftext(write_memo(data, identity, tmp_path / "m.pdf")).replace("\n", "")
    assert "程序建议（未经审查人确认）" in flat and "2 个证据项审查人尚未作出结论" in flat
    assert "承办检察官：张检察官（检察官）" in flat
    hashes = {v for r in data["verification"]["rows"] for v in (r["recorded"], r["computed"]) if v}
    assert hashes and all(h in pdftext(tmp_path / "m.pdf").split() or f" {h}" in pdftext(tmp_path / "m.pdf")
                          for h in hashes)  # each digest whole on one line, never cut into slices


def test_no_internal_code_reaches_the_text(tmp_path):
    import re

    data, identity = proposed_review(tmp_path)
    text = pdftext(write_memo(data, identity, tmp_path / "m.pdf"))
    codes = re.findall(r"(?<![\w/.])[a-z]+_[a-z_0-9]+", text)
    assert codes == []
    for word in ("needs_review", "party:", "item:", "capacity_bytes", "SIGNATURE-PLACE", "=", "yes", "None"):
        assert word not in text, word


def test_art16_holds_tasks_for_the_investigating_organ_never_questions(tmp_path):
    data, _ = proposed_review(tmp_path)
    tasks = [t["text"] for o in data["art16"] for t in o["tasks"]]
    assert tasks and not [t for t in tasks if "?" in t or "？" in t or "哪些" in t or "是否规范" in t]
    assert any("第四十四条第二款" in article_text_of(t) or "司法鉴定" in t["text"]
               for o in data["art16"] for t in o["tasks"])


def article_text_of(task: dict) -> str:
    from models.memo.memo_html import article_text

    return article_text(task["basis"])


def test_each_cited_instrument_has_its_source_and_is_cited():
    from models.memo.memo_html import basis_instruments

    titles = [i["title"] for i in basis_instruments()]
    assert any("刑事诉讼法》" in t and "解释" not in t for t in titles)
    for inst in basis_instruments():
        assert inst["source"].strip(), inst["id"]
        assert inst["quote"] or inst["id"] == "rule"  # the Rule's own text is the seed the project ships
        if inst["articles"]:
            assert inst["cited"].startswith("第"), inst["id"]  # numbers only where the text looked up has them


def test_body_face_is_embedded_and_extracts(tmp_path):
    """A Song/Ming face where one is installed (else WenQuanYi Micro Hei), embedded, its text read back exactly."""
    from models.memo.memo_render import FONT_FAMILY, SONG_FACES, body_font_family, ensure_gui_app

    ensure_gui_app()
    family = body_font_family()
    assert family in SONG_FACES + (FONT_FAMILY,)
    data, identity = make_review(tmp_path)
    out = write_memo(data, identity, tmp_path / "memo.pdf")
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
    embedded = [line for line in fonts.splitlines()[2:] if " yes " in line]
    assert any(family.replace(" ", "")[:5].lower() in line.replace(" ", "").lower()
               or (family.startswith("AR PL UMing") and "UMing" in line) for line in embedded), fonts
    flat = pdftext(out).replace("\n", "")
    assert "经审查，该证据系以扣押、封存原始存储介质方式收集，共" in flat


def test_a_decision_unlike_the_proposal_says_so_and_a_question_is_not_a_finding(tmp_path):
    from checks.memo_examine import propose

    bundle = write_bundle(tmp_path / "bundle")
    store = open_store(bundle, tmp_path / "store")
    scan_bundle(bundle, store)
    fill_review(store, decide=True)
    make_identity("张检察官", tmp_path / "id.p12", b"pw")
    data = build_memo_data(bundle, store, "张检察官", False, propose=propose)
    e1 = data["items"][0]
    assert e1["conclusion"]["outcome"] == "admissible" and e1["proposal"]["proposal"] == "correctable"
    flat = pdftext(write_memo(data, load_identity(tmp_path / "id.p12", b"pw"), tmp_path / "m.pdf")).replace("\n", "")
    assert "程序建议为“瑕疵可补正”" in flat and "审查人作出上述不同结论" in flat
    assert "请标注相关文件" not in flat and "第三十三条第（一）项：审查人答复：相关，证明交易过程" in flat


def test_the_judges_proposal_shape_reads_through_the_adapter(tmp_path):
    """checks.outcome's four-proposal shape (proposal, basis tuple, reasons with effect and files,
    corrections, files, route_44_2): corrections become the tasks, the route one more, no code in the text."""
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class Proposed:  # the fields the judge's ProposedOutcome has
        proposal: str
        basis: tuple = ()
        reasons: tuple = ()
        corrections: tuple = ()
        files: tuple = ()
        route_44_2: str | None = None

    def propose(item, records, decisions=None, store=None):  # the protocol memo_data calls
        if item["id"] == "E1":
            return Proposed("excluded", ("44.2", "interp98.7"),
                            ({"check": "a31_2_digests", "article": "31.2", "status": "fail", "effect": "44.2",
                              "message": "1 处校验值不一致", "files": ["evidence/E1/聊天记录.txt"]},),
                            ("由持有人补签扣押清单",), ("evidence/E1/聊天记录.txt",),
                            "经司法鉴定……（第四十四条第二款）")
        return Proposed("correctable", ("43.4",), ({"check": "a37_1_address", "article": "37.1", "status": "fail",
                                                     "effect": "43.4", "message": "未记录网络地址", "files": []},),
                        ("补充说明在线提取的网络地址",))

    bundle = write_bundle(tmp_path / "bundle")
    store = open_store(bundle, tmp_path / "store")
    scan_bundle(bundle, store)
    fill_review(store, decide=False)
    make_identity("张检察官", tmp_path / "id.p12", b"pw")
    data = build_memo_data(bundle, store, "张检察官", False, propose=propose)
    e1, e2 = data["items"]
    assert e1["proposal"]["basis"] == ["44.2", "interp98.7"] and e2["conclusion"]["outcome"] == "correctable"
    tasks = {o["item"]: [t["text"] for t in o["tasks"]] for o in data["art16"]}
    assert tasks["E2"] == ["补充说明在线提取的网络地址"]
    assert tasks["E1"][0] == "由持有人补签扣押清单" and "司法鉴定" in tasks["E1"][1]
    text = pdftext(write_memo(data, load_identity(tmp_path / "id.p12", b"pw"), tmp_path / "m.pdf"))
    flat = text.replace("\n", "")
    assert "interp" not in text and "第九十八条第（七）项" in flat and "第四十四条第二款途径：经司法鉴定" in flat
    assert "证据E2（网页）：依据第四十三条第（四）项，存在下列瑕疵：未记录网络地址" in flat
