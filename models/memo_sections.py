"""四 审查意见 to 十 出庭示证提纲 of the memo: a reasoned paragraph per item, the defects and exclusions with the
law that decides them, the conclusion table, the relevance headings and the two outlines."""

from __future__ import annotations

import json
from functools import lru_cache

from models.labels import label
from models.memo_html import PROPOSED, L, article_text, e, files_text, table, when
from models.memo_outline import changed_files, check_title, facts_files, reason_basis
from models.memo_values import plain

OPEN = ("fail", "warn", "not_recorded", "error")
HEADING_ARTICLES = {"subject_identity": "第十七条", "objective_act": "第十八条", "subjective_intent": "第十九条",
                    "circumstances": "第二十条"}
DECIDED_WORDS = {"confirm": "确认", "override": "不同意程序结果", "answer": "答复"}


@lru_cache(maxsize=1)
def _law() -> dict:
    from models.resources import resource_path

    return json.loads(resource_path("checks", "wording.json").read_text(encoding="utf-8"))


def quote(code: str) -> str:
    """The seed's text of Art. 43(x) / 44(x) as wording.json keeps it (a43_2, a44_1)."""
    return (_law().get("a" + code.replace(".", "_")) or {}).get("quote_zh") or ""


def mark(decided: bool) -> str:
    return "" if decided else f"<span class='mark'>〔{PROPOSED}〕</span>"


def basis_text(basis: list[str]) -> str:
    return "、".join(article_text(b) for b in basis)


def cited(basis: list[str]) -> str:
    """The Rule's articles under its name, then any other instrument's (their text names it)."""
    rule = [article_text(b) for b in basis if not str(b).startswith("interp")]
    other = [article_text(b) for b in basis if str(b).startswith("interp")]
    return "、".join(([f"《人民检察院办理网络犯罪案件规定》{'、'.join(rule)}"] if rule else []) + other)


def outcome_text(outcome) -> str:
    return label("memo_outcome", outcome, "zh")


def _finding(c: dict) -> str:
    title = check_title(c["check"])
    said = "" if c["auto_status"] == "needs_review" else f"：{e(plain(c['auto_message']))}"  # a question, not a finding
    text = article_text(c["article"]) + (f"（{e(title)}）" if title else "") + said
    files = facts_files(c["facts"])
    if files:
        text += f"，涉及{e(files_text(files))}"
    if c["decided"]:
        notes = "；".join(plain(x) for x in (c["reason"], c["note"]) if x)
        answer = label("answer", c["answer"], "zh") if c["answer"] else ""
        text += f"{'。' if said else '：'}审查人{DECIDED_WORDS.get(c['decision'], '')}" + (
            f"：{e(answer)}" if answer else "") + (f"，{e(notes)}" if notes else "")
    return text + "。"


def _conclusion_sentence(it: dict, findings: int) -> str:
    c = it["conclusion"]
    if c["outcome"] == "pending":
        return f"<p>该证据尚待审查人判断。{mark(c['decided'])}</p>"
    if c["basis"]:
        lead = "依据" + cited(c["basis"])
    elif findings:
        lead = "综合以上审查情况"
    else:
        lead = "经审查未发现影响其真实性、完整性、合法性的问题"
    reason = f"（{e(plain(c['reason']))}）" if c.get("reason") else ""
    proposal = it["proposal"]
    differs = ""
    if c["decided"] and proposal["proposal"] not in ("pending", c["outcome"]):
        basis = f"（{basis_text(proposal['basis'])}）" if proposal["basis"] else ""
        differs = f"程序建议为“{label('outcome', proposal['proposal'], 'zh')}”{basis}，审查人作出上述不同结论。"
    return f"<p>{lead}，该证据{outcome_text(c['outcome'])}{reason}。{differs}{mark(c['decided'])}</p>"


def _item(it: dict, n: int) -> str:
    clauses = it["clauses"]
    found = [c for c in clauses if c["auto_status"] in OPEN or c["decision"] == "override"]
    asked = [c for c in clauses if c["auto_status"] == "needs_review" and c not in found]
    passed = [c for c in clauses if c["auto_status"] == "pass" and c not in found]
    parts = [f"<h3>（{n}）证据{e(it['id'])}　{e(it['title'])}</h3>",
             f"<p>经审查，该证据系以{e(it['kind_zh'])}方式收集，共 {it['files']:,} 个文件。"
             + ("" if clauses else "尚无审查结果。") + "</p>"]
    parts += [f"<p>{k}. {_finding(c)}</p>" for k, c in enumerate(found, 1)]
    decided_asked = [c for c in asked if c["decided"]]
    parts += [f"<p>{len(found) + k}. {_finding(c)}</p>" for k, c in enumerate(decided_asked, 1)]
    open_asked = [c for c in asked if not c["decided"]]
    if open_asked:
        arts = "、".join(article_text(c["article"]) for c in open_asked)
        parts.append(f"<p class='small'>需审查人判断的事项 {len(open_asked):,} 项（{arts}），审查人尚未作出判断。</p>")
    tail = [f"符合要求 {len(passed):,} 项"] if passed else []
    if it["not_applicable"]:
        tail.append(f"不适用于本类证据的条款 {it['not_applicable']:,} 项")
    if tail:
        parts.append(f"<p class='small'>其余条款：{'，'.join(tail)}。</p>")
    parts.append(_conclusion_sentence(it, len(found)))
    return "".join(parts)


def _defects(d: dict) -> str:
    items = [it for it in d["items"] if it["conclusion"]["outcome"] == "correctable"]
    parts = [f"<h2>{L('五、瑕疵及补正要求（第四十三条）')}</h2>"]
    if not items:
        return "".join(parts) + "<p>无。</p>"
    used = sorted({b for it in items for b in it["conclusion"]["basis"] if b.startswith("43")})
    parts += [f"<p class='small'>{article_text(b)}：“{e(quote(b))}”</p>" for b in used if quote(b)]
    tasks = {o["item"]: o["tasks"] for o in d["art16"]}
    for it in items:
        c = it["conclusion"]
        reasons = "；".join(f"{e(plain(r.get('message')))}" + (f"（{e(files_text(r.get('files')))}）" if r.get("files") else "")
                           for r in it["proposal"]["reasons"] if reason_basis(r).startswith("43"))
        asked = "；".join(e(t["text"]) for t in tasks.get(it["id"], [])) or "未列明"
        parts.append(f"<p>证据{e(it['id'])}（{e(it['title'])}）：依据{basis_text(c['basis']) or '第四十三条'}，"
                     f"{'存在下列瑕疵：' + reasons + '。' if reasons else ''}要求补正或者作出合理解释：{asked}。"
                     f"{mark(c['decided'])}</p>")
    return "".join(parts)


def _excluded(d: dict) -> str:
    items = [it for it in d["items"] if it["conclusion"]["outcome"] == "excluded"]
    parts = [f"<h2>{L('六、排除的证据（第四十四条）')}</h2>"]
    if not items:
        return "".join(parts) + "<p>无。</p>"
    parts.append(f"<p class='small'>第四十四条：“{e(quote('44.1'))}”“{e(quote('44.2'))}”</p>")
    for it in items:
        c = it["conclusion"]
        reasons = [r for r in it["proposal"]["reasons"] if reason_basis(r)[:2] in ("44", "in")] \
            or it["proposal"]["reasons"]
        why = "；".join(e(plain(r.get("message"))) for r in reasons)
        files = changed_files(it)
        route = c["route_44_2"] if isinstance(c["route_44_2"], str) else (
            "经司法鉴定、当事人确认等方式确定与案件相关的重要数据未发生变化，或者能够还原电子数据原始状态、查清变化过程的，"
            "可以作为定案的根据")
        parts.append(f"<p>证据{e(it['id'])}（{e(it['title'])}）：{why or '无法保证电子数据客观、真实'}"
                     + (f"，涉及{e(files_text(files))}" if files else "")
                     + f"；依据{basis_text(c['basis']) or '第四十四条第一款'}，{outcome_text('excluded')}。"
                     f"第四十四条第二款途径：{e(route)}。{mark(c['decided'])}</p>")
    return "".join(parts)


def _table(d: dict) -> str:
    rows = []
    for it in d["items"]:
        c = it["conclusion"]
        who = (e(" ".join(x for x in (c["reviewer"], when(c["decided_at"])) if x)) if c["decided"]
               else f"<span class='mark'>{PROPOSED}</span>")
        rows.append([e(it["id"]), e(it["title"]), e(label("outcome", c["outcome"], "zh")),
                     e(basis_text(c["basis"]) or "—"), who])
    return (f"<h2>{L('七、结论')}</h2>"
            + (table(["证据项", "名称", "结论", "依据", "决定"], rows, [9, 27, 14, 24, 26]) if rows else "<p>无。</p>"))


def _relevance(d: dict) -> str:
    parts = [f"<h2>{L('八、关联性：相关文件（第十七条至第二十条）')}</h2>"]
    for n, (heading, article) in enumerate(HEADING_ARTICLES.items(), 1):
        tags = d["relevant"][heading]
        files = "；".join(f"证据{e(t['item'])} {e(t['path'])}" + (f"（{e(t['note'])}）" if t["note"] else "")
                         for t in tags) or "审查人尚未标注相关文件"
        parts.append(f"<p>（{n}）{e(label('heading', heading, 'zh'))}（{article}）：{files}。</p>")
    return "".join(parts)


def _art16(d: dict) -> str:
    parts = [f"<h2>{L('九、补充侦查提纲（第十六条）')}</h2>"]
    if not d["art16"]:
        return "".join(parts) + "<p>无需侦查机关补充、补正的事项。</p>"
    parts.append("<p>请侦查机关补充、补正或者说明下列事项：</p>")
    for o in d["art16"]:
        parts.append(f"<p><b>证据{e(o['item'])}（{e(o['title'])}）</b>{mark(o['decided'])}</p>")
        for k, t in enumerate(o["tasks"], 1):
            extra = "；".join(x for x in (article_text(t["basis"]) if t["basis"] else "",
                                          ("涉及" + files_text(t["files"])) if t["files"] else "") if x)
            parts.append(f"<p>{k}. {e(t['text'])}" + (f"（{e(extra)}）" if extra else "") + "。</p>")
    return "".join(parts)


def _art47(d: dict) -> str:
    parts = [f"<h2>{L('十、出庭示证提纲（第四十七条）')}</h2>"]
    if not d["art47"]:
        return "".join(parts) + "<p>尚无可以使用的证据项。</p>"
    for o in d["art47"]:
        facts = "；".join(f"{label('heading', f['heading'], 'zh')}：{f['path']}" + (f"（{f['note']}）" if f["note"] else "")
                         for f in o["facts"]) or "审查人尚未标注"
        staff = ("申请指派检察技术人员或者聘请有专门知识的人进行相关技术操作，并就专门性问题发表意见"
                 if o["technical"] else "一般无需技术人员出庭；必要时申请指派检察技术人员进行操作")
        parts.append(f"<h3>证据{e(o['item'])}　{e(o['title'])}{mark(o['decided'])}</h3>"
                     f"<p>（一）来源与形成过程：{e(o['source'])}。</p>"
                     f"<p>（二）证明的犯罪手段、人员关系、资金流向、行为轨迹等事实：{e(facts)}。</p>"
                     f"<p>（三）与其他证据的印证：{e('、'.join(o['corroboration']) or '未列明')}。</p>"
                     f"<p>（四）示证方式：借助{o['presentation']}方式出示；{staff}。</p>")
    return "".join(parts)


def sections(d: dict) -> str:
    items = f"<h2>{L('四、审查意见')}</h2>" + ("".join(_item(it, n) for n, it in enumerate(d["items"], 1))
                                            or "<p>无证据项。</p>")
    return items + _defects(d) + _excluded(d) + _table(d) + _relevance(d) + _art16(d) + _art47(d)
