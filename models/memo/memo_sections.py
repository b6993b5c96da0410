"""四 审查意见 to 十 出庭示证提纲 of the memo: a reasoned paragraph per item, the defects and exclusions with the
law that decides them, the conclusion table, the relevance headings and the two outlines."""

from __future__ import annotations

import json
from functools import lru_cache

from models.common.labels import label
from models.memo.memo_html import ID_SHOWN, PROPOSED, L, article_text, e, files_text, kind_text, mark, table, when
from models.memo.memo_outline import changed_files, check_title, facts_files, reason_basis
from models.memo.memo_values import plain
from models.memo.memo_verified import verification_line

OPEN = ("fail", "warn", "not_recorded", "error")
HEADING_ARTICLES = {"subject_identity": "17", "objective_act": "18", "subjective_intent": "19", "circumstances": "20"}
DECIDED_WORDS = {"confirm": "确认", "override": "不同意程序结果", "answer": "答复"}
ROUTE_TEXT = ("经司法鉴定、当事人确认等方式确定与案件相关的重要数据未发生变化，"
              "或者能够还原电子数据原始状态、查清变化过程的，可以作为定案的根据")


@lru_cache(maxsize=1)
def _law() -> dict:
    from models.common.resources import resource_path

    return json.loads(resource_path("checks", "wording.json").read_text(encoding="utf-8"))


def quote(code: str) -> str:
    """The seed's text of Art. 43(x) / 44(x) as wording.json keeps it (a43_2, a44_1)."""
    return (_law().get("a" + code.replace(".", "_")) or {}).get("quote_zh") or ""


def title_of(check: str) -> str:
    if not L.zh:
        return (_law().get(check) or {}).get("title_en") or check_title(check)
    return check_title(check)


def basis_text(basis: list[str]) -> str:
    return L.sep().join(article_text(b) for b in basis)


def cited(basis: list[str]) -> str:
    """The Rule's articles under its name, then any other instrument's (their text names it)."""
    rule = [article_text(b) for b in basis if not str(b).startswith("interp")]
    other = [article_text(b) for b in basis if str(b).startswith("interp")]
    return L.sep().join(([L("《人民检察院办理网络犯罪案件规定》{arts}",
                            arts=L.sep().join(rule))] if rule else []) + other)


def outcome_text(outcome) -> str:
    return label("memo_outcome", outcome, L.lang)


def _finding(c: dict) -> str:
    title = title_of(c["check"])
    said = "" if c["auto_status"] == "needs_review" else L("：{v}", v=e(plain(c["auto_message"])))  # not a question
    text = article_text(c["article"]) + (L("（{v}）", v=e(title)) if title else "") + said
    files = facts_files(c["facts"])
    if files:
        text += L("，涉及{files}", files=e(files_text(files)))
    if c["decided"]:
        notes = "；".join(plain(x) for x in (c["reason"], c["note"]) if x)
        answer = label("answer", c["answer"], L.lang) if c["answer"] else ""
        text += L("。" if said else "：") + L("审查人" + DECIDED_WORDS.get(c["decision"], "")) + (
            L("：{v}", v=e(answer)) if answer else "") + (L("，{v}", v=e(notes)) if notes else "")
    return text + L("。")


def _side(side: dict) -> str:
    basis = L("（依据：{basis}）", basis=basis_text(side["basis"])) if side["basis"] else ""
    return label("outcome", side["proposal"], L.lang) + basis


def change_sentence(proposal: dict) -> str:
    """What the reviewer's clause decisions changed in the program's proposal, clause and reason named: the words
    `check` and the window's outcome box say, from the same changed_by_decisions. Empty when they changed nothing."""
    change = proposal.get("changed_by_decisions")
    if not change:
        return ""
    said = []
    for d in change["decisions"]:
        title = title_of(d["check"])
        why = L.semi().join(plain(x) for x in (d.get("reason"), d.get("note")) if x)
        said.append(article_text(d["article"]) + (L("（{v}）", v=e(title)) if title else "")
                    + L("：{v}", v=L("审查人" + DECIDED_WORDS.get(d["decision"], "")))
                    + (L("（{v}）", v=e(d["reviewer"])) if d.get("reviewer") else "")
                    + (L("，{v}", v=e(why)) if why else ""))
    return L("按审查人的决定，结论建议由“{before}”改为“{after}”：{decisions}。", before=e(_side(change["from"])),
             after=e(_side(change["to"])), decisions=L.semi().join(said)) if said else L(
        "按审查人的决定，结论建议由“{before}”改为“{after}”。", before=e(_side(change["from"])),
        after=e(_side(change["to"])))


def _conclusion_sentence(it: dict, findings: int) -> str:
    c = it["conclusion"]
    if c["outcome"] == "pending":
        return f"<p>{L('该证据尚待审查人判断。')}{change_sentence(it['proposal'])}{mark(c['decided'])}</p>"
    if c["basis"]:
        lead = L("依据{law}", law=cited(c["basis"]))
    elif findings:
        lead = L("综合以上审查情况")
    else:
        lead = L("经审查未发现影响其真实性、完整性、合法性的问题")
    reason = f"（{e(plain(c['reason']))}）" if c.get("reason") else ""
    proposal = it["proposal"]
    differs = change_sentence(proposal)
    if c["decided"] and proposal["proposal"] not in ("pending", c["outcome"]):
        basis = f"（{basis_text(proposal['basis'])}）" if proposal["basis"] else ""
        differs += L("程序建议为“{proposal}”{basis}，审查人作出上述不同结论。",
                     proposal=label("outcome", proposal["proposal"], L.lang), basis=basis)
    return (f"<p>{L('{lead}，该证据{outcome}', lead=lead, outcome=outcome_text(c['outcome']))}{reason}{L('。')}"
            f"{differs}{mark(c['decided'])}</p>")


def _item(it: dict, n: int) -> str:
    clauses = it["clauses"]
    found = [c for c in clauses if c["auto_status"] in OPEN or c["decision"] == "override"]
    asked = [c for c in clauses if c["auto_status"] == "needs_review" and c not in found]
    passed = [c for c in clauses if c["auto_status"] == "pass" and c not in found]
    parts = [f"<h3>（{n}）{L('证据{id}', id=e(it['id'], ID_SHOWN))}　{e(it['title'])}</h3>",
             "<p>" + L("经审查，该证据系以{kind}方式收集，共 {n} 个文件。", kind=e(kind_text(it)), n=f"{it['files']:,}")
             + (L("其中已删除、从镜像中恢复的文件 {n} 个。", n=f"{it['deleted_files']:,}")
                if it.get("deleted_files") else "")
             + ("" if clauses else L("尚无审查结果。")) + "</p>"]
    parts += [f"<p>{k}. {_finding(c)}</p>" for k, c in enumerate(found, 1)]
    decided_asked = [c for c in asked if c["decided"]]
    parts += [f"<p>{len(found) + k}. {_finding(c)}</p>" for k, c in enumerate(decided_asked, 1)]
    open_asked = [c for c in asked if not c["decided"]]
    if open_asked:
        arts = L.sep().join(article_text(c["article"]) for c in open_asked)
        parts.append("<p class='small'>" + L("需审查人判断的事项 {n} 项（{arts}），审查人尚未作出判断。",
                                             n=f"{len(open_asked):,}", arts=arts) + "</p>")
    tail = [L("符合要求 {n} 项", n=f"{len(passed):,}")] if passed else []
    if it["not_applicable"]:
        tail.append(L("不适用于本类证据的条款 {n} 项", n=f"{it['not_applicable']:,}"))
    if tail:
        parts.append(f"<p class='small'>{L('其余条款：{rest}。', rest=L('，').join(tail))}</p>")
    parts.append(verification_line(it))  # what the proposal below rests on
    parts.append(_conclusion_sentence(it, len(found)))
    return "".join(parts)


def _defects(d: dict) -> str:
    items = [it for it in d["items"] if it["conclusion"]["outcome"] == "correctable"]
    parts = [f"<h2>{L('五、瑕疵及补正要求（第四十三条）')}</h2>"]
    if not items:
        return "".join(parts) + f"<p>{L('无。')}</p>"
    used = sorted({b for it in items for b in it["conclusion"]["basis"] if b.startswith("43")})
    parts += [f"<p class='small'>{article_text(b)}：“{e(quote(b))}”</p>" for b in used if quote(b)]
    tasks = {o["item"]: o["tasks"] for o in d["art16"]}
    for it in items:
        c = it["conclusion"]
        reasons = L.semi().join(e(plain(r.get("message")))
                                + (f"（{e(files_text(r.get('files')))}）" if r.get("files") else "")
                                for r in it["proposal"]["reasons"] if reason_basis(r).startswith("43"))
        asked = L.semi().join(e(L(t["text"])) for t in tasks.get(it["id"], [])) or L("未列明")
        found = L("存在下列瑕疵：{reasons}。", reasons=reasons) if reasons else ""
        parts.append("<p>" + L("证据{id}（{title}）：依据{basis}，", id=e(it["id"], ID_SHOWN), title=e(it["title"]),
                               basis=basis_text(c["basis"]) or article_text("43"))
                     + found + L("要求补正或者作出合理解释：{asked}。", asked=asked) + f"{mark(c['decided'])}</p>")
    return "".join(parts)


def _excluded(d: dict) -> str:
    items = [it for it in d["items"] if it["conclusion"]["outcome"] == "excluded"]
    parts = [f"<h2>{L('六、排除的证据（第四十四条）')}</h2>"]
    if not items:
        return "".join(parts) + f"<p>{L('无。')}</p>"
    parts.append(f"<p class='small'>{article_text('44')}：“{e(quote('44.1'))}”“{e(quote('44.2'))}”</p>")
    for it in items:
        c = it["conclusion"]
        reasons = [r for r in it["proposal"]["reasons"] if reason_basis(r)[:2] in ("44", "in")] \
            or it["proposal"]["reasons"]
        why = L.semi().join(e(plain(r.get("message"))) for r in reasons) or L("无法保证电子数据客观、真实")
        files = changed_files(it)
        route = c["route_44_2"] if isinstance(c["route_44_2"], str) else L(ROUTE_TEXT)
        parts.append("<p>" + L("证据{id}（{title}）：{why}", id=e(it["id"], ID_SHOWN), title=e(it["title"]), why=why)
                     + (L("，涉及{files}", files=e(files_text(files))) if files else "")
                     + L("；依据{basis}，{outcome}。", basis=basis_text(c["basis"]) or article_text("44.1"),
                         outcome=outcome_text("excluded"))
                     + L("第四十四条第二款途径：{route}。", route=e(route)) + f"{mark(c['decided'])}</p>")
    return "".join(parts)


def _table(d: dict) -> str:
    rows = []
    for it in d["items"]:
        c = it["conclusion"]
        who = (e(" ".join(x for x in (c["reviewer"], when(c["decided_at"])) if x)) if c["decided"]
               else f"<span class='mark'>{L(PROPOSED)}</span>")
        rows.append([e(it["id"], ID_SHOWN), e(it["title"]), e(label("outcome", c["outcome"], L.lang)),
                     e(basis_text(c["basis"]) or "—"), who])
    return (f"<h2>{L('七、结论')}</h2>"
            + (table(["证据项", "名称", "结论", "依据", "决定"], rows, [9, 27, 14, 24, 26]) if rows
               else f"<p>{L('无。')}</p>"))


def _relevance(d: dict) -> str:
    parts = [f"<h2>{L('八、关联性：相关文件（第十七条至第二十条）')}</h2>"]
    for n, (heading, article) in enumerate(HEADING_ARTICLES.items(), 1):
        tags = d["relevant"][heading]
        files = L.semi().join(L("证据{id}", id=e(t["item"], ID_SHOWN)) + f" {e(t['path'])}"
                              + (L("（已删除，从镜像中恢复）") if t.get("deleted") else "")
                              + (f"（{e(t['note'])}）" if t["note"] else "") for t in tags)
        files = files or L("审查人尚未标注相关文件")
        parts.append(f"<p>（{n}）{e(label('heading', heading, L.lang))}（{article_text(article)}）：{files}。</p>")
    return "".join(parts)


def _art16(d: dict) -> str:
    parts = [f"<h2>{L('九、补充侦查提纲（第十六条）')}</h2>"]
    if not d["art16"]:
        return "".join(parts) + f"<p>{L('无需侦查机关补充、补正的事项。')}</p>"
    parts.append(f"<p>{L('请侦查机关补充、补正或者说明下列事项：')}</p>")
    for o in d["art16"]:
        parts.append(f"<p><b>{L('证据{id}', id=e(o['item'], ID_SHOWN))}（{e(o['title'])}）</b>{mark(o['decided'])}</p>")
        for k, t in enumerate(o["tasks"], 1):
            extra = L.semi().join(x for x in (article_text(t["basis"]) if t["basis"] else "",
                                              L("涉及{files}",
                                                files=files_text(t["files"])) if t["files"] else "") if x)
            parts.append(f"<p>{k}. {e(L(t['text']))}" + (L("（{v}）", v=e(extra)) if extra else "") + L("。") + "</p>")
    return "".join(parts)


def _art47(d: dict) -> str:
    parts = [f"<h2>{L('十、出庭示证提纲（第四十七条）')}</h2>"]
    if not d["art47"]:
        return "".join(parts) + f"<p>{L('尚无可以使用的证据项。')}</p>"
    for o in d["art47"]:
        facts = L.semi().join(f"{label('heading', f['heading'], L.lang)}：{f['path']}"
                              + (L("（已删除，从镜像中恢复）") if f.get("deleted") else "")
                              + (f"（{f['note']}）" if f["note"] else "")
                              for f in o["facts"]) or L("审查人尚未标注")
        staff = L("申请指派检察技术人员或者聘请有专门知识的人进行相关技术操作，并就专门性问题发表意见" if o["technical"]
                  else "一般无需技术人员出庭；必要时申请指派检察技术人员进行操作")
        corroboration = L.sep().join(o["corroboration"]) or L("未列明")
        shown = L("（四）示证方式：借助{how}方式出示；{staff}。", how=L(o["presentation"]), staff=staff)
        parts.append(f"<h3>{L('证据{id}', id=e(o['item'], ID_SHOWN))}　{e(o['title'])}{mark(o['decided'])}</h3>"
                     f"<p>{L('（一）来源与形成过程：{v}。', v=e(o['source']))}</p>"
                     f"<p>{L('（二）证明的犯罪手段、人员关系、资金流向、行为轨迹等事实：{v}。', v=e(facts))}</p>"
                     f"<p>{L('（三）与其他证据的印证：{v}。', v=e(corroboration))}</p>"
                     f"<p>{shown}</p>")
    return "".join(parts)


def sections(d: dict) -> str:
    items = f"<h2>{L('四、审查意见')}</h2>" + ("".join(_item(it, n) for n, it in enumerate(d["items"], 1))
                                            or f"<p>{L('无证据项。')}</p>")
    return items + _defects(d) + _excluded(d) + _table(d) + _relevance(d) + _art16(d) + _art47(d)
