"""The memo's text as HTML for QTextDocument, from the dict of models.memo_data (Chinese or English)."""

from __future__ import annotations

import datetime as dt
from html import escape

from models.memo_sign import format_when
from models.names import shown


EN = {
    "侦查机关": "Investigating agency", "内容": "Value", "制作时间": "Prepared at", "名称": "Title",
    "审查人": "Reviewer", "审查决定": "Reviewer's decision", "审查时间": "Review time",
    "尚未标注": "not tagged yet", "形式": "Form", "文件数": "Files", "无": "none", "未分类": "unclassified",
    "未提供": "not provided", "未记录": "not recorded", "条款": "Clause", "案件名称": "Case title",
    "案号": "Case number", "清单签名（第三十条第二项）": "Manifest signature (Art. 30(2))",
    "算法": "Algorithm", "结果": "Result", "结论": "Conclusion", "罪名": "Charge",
    "自动结果": "Automatic result", "记录值 / 计算值": "Recorded / computed",
    "证据包制作人": "Bundle prepared by", "证据包标识（bundle.json 的 SHA-256）": "Bundle identity (SHA-256 of bundle.json)",
    "证据项 / 文件 / 字节": "Items / files / bytes", "证据项": "Item", "说明": "Note", "路径": "Path",
    "项目": "Field", "验证通过": "verified",
    "BASIS": "《人民检察院办理网络犯罪案件规定》 (Supreme People's Procuratorate, 2021), chapter 3 (Art. 27-45), with Art. 16-20 and 47.",
    "NO_DECISIONS": "The reviewer has made no decision yet: every result below is the program's automatic result and has not been confirmed by the reviewer.",
    "一、基本情况": "1. General information", "二、审查依据": "2. Legal basis", "三、审查过程": "3. Review process",
    "四、审查发现": "4. Findings", "五、瑕疵证据及补正要求（第四十三条）": "5. Defects and corrections asked (Art. 43)",
    "六、排除的证据（第四十四条）": "6. Excluded evidence (Art. 44)", "七、结论": "7. Conclusion per item",
    "八、相关文件（第十七条至第二十条）": "8. Relevant files (Art. 17-20)",
    "九、补充侦查提纲（第十六条）": "9. Supplementary investigation outline (Art. 16)",
    "十、出庭示证提纲（第四十七条）": "10. Court presentation outline (Art. 47)",
    "介质": "Media", "印证情况": "Corroboration", "取证方式": "Acquisition", "字节": "bytes",
    "审计日志链头摘要": "Audit log head digest", "尚无可采证据项。": "No admitted item yet.",
    "尚无审查结果。": "No check results yet.", "尚未标注。": "Nothing tagged yet.",
    "已作结论的证据项": "items with an outcome", "已由审查人决定": "decided by the reviewer", "文件": "files",
    "无。": "None.", "无文件记录。": "No files recorded.", "无校验记录。": "No digests verified.",
    "无证据项。": "No items.", "未决定（仅自动结果）": "undecided (automatic result only)",
    "未列明": "not stated", "未校验": "not verified", "条": "entries", "来源及形成过程": "Source and formation",
    "校验值重新计算": "Digests recomputed", "校验时间": "verified at", "电子数据审查意见": "Electronic Evidence Review Opinion",
    "电子数据形式（第二十七条）": "Forms of electronic data (Art. 27)", "电子签名": "Electronic signature",
    "程序版本": "program version", "要求补正": "Corrections asked", "证据": "Item", "证明的事实": "Facts shown",
    "请侦查机关补充、补正或说明下列事项：": "The investigators are asked to supply, correct or explain:",
    "附件：电子数据校验值表": "Annex: digest table",
    "（自动结果，未经审查人确认）": " (automatic result, not confirmed by the reviewer)", "真实性": "Authenticity", "完整性": "Integrity",
    "合法性": "Legality", "关联性": "Relevance", "未决定": "undecided", "确认自动结果": "confirmed",
    "推翻自动结果": "overridden", "已作答": "answered", "培训": "TRAINING",
    "主体身份同一性（第十七条）": "Subject identity (Art. 17)", "客观行为（第十八条）": "Objective act (Art. 18)",
    "主观方面（第十九条）": "Subjective intent (Art. 19)", "情节和后果（第二十条）": "Circumstances and consequences (Art. 20)",
}
ZH_TEXT = {
    "BASIS": "《人民检察院办理网络犯罪案件规定》第三章“电子数据的审查”（第二十七条至第四十五条），"
             "以及第十六条至第二十条、第四十七条。",
    "NO_DECISIONS": "审查人尚未作出任何决定：以下结果均为程序自动审查结果，未经审查人确认。",
}
STATUS_ZH = {"pass": "通过", "fail": "不符合", "warn": "提示", "needs_review": "待人工审查",
             "not_recorded": "未记录", "not_applicable": "不适用", "error": "无法审查",
             "match": "一致", "mismatch": "不一致", "missing": "缺失", "unreadable": "无法读取",
             "unlisted": "清单未列"}
STATUS_EN = {"needs_review": "needs review", "not_recorded": "not recorded",
             "not_applicable": "not applicable"}
OUTCOME_ZH = {"admissible": "可以作为定案的根据", "defect": "有瑕疵，经补正或者作出合理解释后可以采用（第四十三条）",
              "excluded": "不得作为定案的根据（第四十四条）", None: "尚未作出结论"}
OUTCOME_EN = {"admissible": "admissible", "defect": "defect, usable once corrected or explained (Art. 43)",
              "excluded": "excluded (Art. 44)", None: "no outcome decided yet"}
GROUPS = {"authenticity": "真实性", "integrity": "完整性", "legality": "合法性", "relevance": "关联性"}
HEADINGS_TEXT = {"subject_identity": "主体身份同一性（第十七条）", "objective_act": "客观行为（第十八条）",
                 "subjective_intent": "主观方面（第十九条）", "circumstances": "情节和后果（第二十条）"}
DECISIONS = {"confirm": "确认自动结果", "override": "推翻自动结果", "answer": "已作答"}
DIGITS = "〇一二三四五六七八九"


class Labels:
    """Memo wording: the Chinese text itself, or its English form when the interface is English."""

    zh = True
    tz = "Asia/Shanghai"

    def __call__(self, text: str) -> str:
        if self.zh:
            return ZH_TEXT.get(text, text)
        return EN.get(text, text)


L = Labels()


def use_english(english: bool, tz: str = "Asia/Shanghai") -> None:
    L.zh, L.tz = not english, tz or "Asia/Shanghai"


def when(text) -> str:
    """An ISO time from the store or manifest shown in the case time zone with its offset."""
    if not text:
        return ""
    try:
        return format_when(dt.datetime.fromisoformat(str(text).replace("Z", "+00:00")), L.tz)
    except ValueError:
        return str(text)


def status_text(status) -> str:
    if L.zh:
        return STATUS_ZH.get(status, status or "")
    return STATUS_EN.get(status, status or "")


def outcome_text(outcome) -> str:
    return (OUTCOME_ZH if L.zh else OUTCOME_EN).get(outcome, outcome)


def decision_text(clause: dict) -> str:
    if not clause["decided"]:
        return L("未决定") + "（" + L("自动结果") + "）" if L.zh else "undecided (automatic result)"
    who = " ".join(x for x in (clause["reviewer"], when(clause["decided_at"])) if x)
    return e(L(DECISIONS.get(clause["decision"], clause["decision"] or ""))) + (f"<br/>{e(who)}" if who else "")


def _cn_number(n: int) -> str:
    if n < 10:
        return DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else DIGITS[tens]) + "十" + (DIGITS[ones] if ones else "")


def article_text(article) -> str:
    """"30.2" -> 第三十条第（二）项 (English: Art. 30(2))."""
    parts = str(article or "").split(".")
    if not parts[0].isdigit():
        return str(article or "")
    if not L.zh:
        return f"Art. {parts[0]}" + "".join(f"({p})" for p in parts[1:])
    return f"第{_cn_number(int(parts[0]))}条" + "".join(
        f"第{_cn_number(int(p))}项" if p.isdigit() else p for p in parts[1:])

SIGN_MARK = "SIGNATURE-PLACE"
CSS = """
h1 { font-size: 18pt; text-align: center; margin: 0; }
h2 { font-size: 13pt; margin-top: 10pt; }
h3 { font-size: 11.5pt; margin-top: 8pt; }
h4 { font-size: 10.5pt; margin-top: 6pt; }
p.c { text-align: center; }
td, th { padding: 2pt; }
th { background: #e8e8e8; }
.small { font-size: 8pt; }
.mono { font-family: 'DejaVu Sans Mono'; font-size: 7pt; }
"""


def e(value) -> str:
    """Escaped for HTML; a file name that is not UTF-8 decoded with its bytes in hex (models.names.shown)."""
    return escape("" if value is None else shown(str(value)))


def table(head: list[str], rows: list[list[str]], widths: list[int] | None = None) -> str:
    ws = widths or [0] * len(head)
    cells = "".join(f'<th width="{w}%">{h}</th>' if w else f"<th>{h}</th>" for h, w in zip(head, ws))
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    # no border-collapse: Qt paints collapsed borders edge by edge, which tripled the memo's paint time
    return ('<table border="1" cellspacing="0" cellpadding="3" width="100%" '
            f'style="border-color: #777777; border-style: solid;"><tr>{cells}</tr>{body}</table>')


def _kv(pairs: list[tuple[str, object]]) -> str:
    return table([L("项目"), L("内容")], [[e(k), e(v if v not in (None, "") else L("未记录"))]
                                         for k, v in pairs], [28, 72])


def _general(d: dict) -> str:
    c, b, inv = d["case"], d["bundle"], d["inventory"]
    sig = {None: L("未提供"), "pass": L("验证通过")}.get(b["manifest_signature"], b["manifest_signature"])
    parts = [f"<h2>{L('一、基本情况')}</h2>", _kv([
        (L("案号"), c["case_number"]), (L("案件名称"), c["title"]), (L("罪名"), c["charge"]),
        (L("侦查机关"), c["investigating_agency"]),
        (L("证据包标识（bundle.json 的 SHA-256）"), b["manifest_digest"]),
        (L("证据包制作人"), c["prepared_by"]), (L("制作时间"), when(c["prepared_at"])),
        (L("清单签名（第三十条第二项）"), sig), (L("审查人"), d["reviewer"]["name"]),
        (L("审查时间"), d["generated_at_local"]),
        (L("证据项 / 文件 / 字节"), f"{inv['items']:,} / {inv['files']:,} / {inv['bytes']:,}")])]
    forms = [[e(k), f"{v:,}"] for k, v in inv["forms"].items()]
    if inv["unclassified"]:
        forms.append([L("未分类"), f"{inv['unclassified']:,}"])
    parts.append(f"<h4>{L('电子数据形式（第二十七条）')}</h4>")
    parts.append(table([L("形式"), L("文件数")], forms, [50, 50]) if forms else f"<p>{L('无文件记录。')}</p>")
    return "".join(parts)


def _basis_and_process(d: dict) -> str:
    v, r = d["verification"], d["review"]
    counts = "，".join(f"{status_text(k)} {n:,}" for k, n in v["counts"].items()) or L("无")
    parts = [f"<h2>{L('二、审查依据')}</h2><p>{L('BASIS')}</p>",
             f"<h2>{L('三、审查过程')}</h2>",
             f"<p>{L('校验值重新计算')}：{e(counts)}；{L('校验时间')}：{e(when(v['verified_at']) or L('未校验'))}；"
             f"{L('程序版本')}：{e(v['program_version'] or L('未记录'))}。</p>",
             f"<p>{L('条款')} {r['clauses']:,}，{L('已由审查人决定')} {r['decided']:,}，"
             f"{L('未决定（仅自动结果）')} {r['undecided']:,}；{L('已作结论的证据项')} {r['outcomes']:,}。</p>"]
    if not r["has_decisions"]:
        parts.append(f"<p><b>{L('NO_DECISIONS')}</b></p>")
    return "".join(parts)


def _clause_rows(clauses: list[dict]) -> list[list[str]]:
    rows = []
    for c in clauses:
        note = "；".join(e(x) for x in (c["reason"], c["answer"], c["note"]) if x)
        decision = decision_text(c)
        rows.append([e(article_text(c["article"])), f"{e(status_text(c['auto_status']))}<br/>"
                     f"<span class='small'>{e(c['auto_message'])}</span>", decision, note])
    return rows


def _item(it: dict, index: int) -> str:
    parts = [f"<h3>（{index}）{L('证据')} {e(it['id'])} {e(it['title'])}</h3>",
             f"<p>{L('取证方式')}：{e(it['kind_zh'] if L.zh else it['kind'])}；{L('文件')} {it['files']:,}，"
             f"{it['bytes']:,} {L('字节')}；{L('介质')}：{e(it['media'] or L('未记录'))}</p>"]
    if not it["clauses"]:
        parts.append(f"<p>{L('尚无审查结果。')}</p>")
    for group, title in GROUPS.items():
        clauses = [c for c in it["clauses"] if c["group"] == group]
        if clauses:
            parts.append(f"<h4>{L(title)}</h4>")
            parts.append(table([L("条款"), L("自动结果"), L("审查决定"), L("说明")],
                               _clause_rows(clauses), [15, 33, 20, 32]))
    return "".join(parts)


def _outcome_lists(d: dict) -> str:
    defects = [it for it in d["items"] if it["outcome"]["outcome"] == "defect"]
    excluded = [it for it in d["items"] if it["outcome"]["outcome"] == "excluded"]
    parts = [f"<h2>{L('五、瑕疵证据及补正要求（第四十三条）')}</h2>"]
    parts += [f"<p>{e(it['id'])} {e(it['title'])}：{e(it['outcome']['basis'] or '')} {e(it['outcome']['reason'] or '')}"
              f"<br/>{L('要求补正')}：{e('；'.join(it['outcome']['corrections']) or L('未列明'))}</p>"
              for it in defects] or [f"<p>{L('无。')}</p>"]
    parts.append(f"<h2>{L('六、排除的证据（第四十四条）')}</h2>")
    parts += [f"<p>{e(it['id'])} {e(it['title'])}：{e(it['outcome']['basis'] or '')} {e(it['outcome']['reason'] or '')}</p>"
              for it in excluded] or [f"<p>{L('无。')}</p>"]
    rows = [[e(it["id"]), e(it["title"]), e(outcome_text(it["outcome"]["outcome"]))] for it in d["items"]]
    parts.append(f"<h2>{L('七、结论')}</h2>")
    parts.append(table([L("证据项"), L("名称"), L("结论")], rows, [12, 38, 50]) if rows else f"<p>{L('无。')}</p>")
    return "".join(parts)


def _relevant(d: dict) -> str:
    parts = [f"<h2>{L('八、相关文件（第十七条至第二十条）')}</h2>"]
    for heading, title in HEADINGS_TEXT.items():
        tags = d["relevant"][heading]
        parts.append(f"<h4>{L(title)}</h4>")
        parts += [f"<p>{e(t['item'])} {e(t['path'])}{('：' + e(t['note'])) if t['note'] else ''}</p>"
                  for t in tags] or [f"<p>{L('尚未标注。')}</p>"]
    return "".join(parts)


def _outlines(d: dict) -> str:
    parts = [f"<h2>{L('九、补充侦查提纲（第十六条）')}</h2>", f"<p>{L('请侦查机关补充、补正或说明下列事项：')}</p>"]
    parts += [f"<p>{n}. {L('证据')} {e(o['item'])}（{e(article_text(o['article']))}）：{e(o['text'])}{'' if o['decided'] else L('（自动结果，未经审查人确认）')}</p>"
              for n, o in enumerate(d["art16"], 1)] or [f"<p>{L('无。')}</p>"]
    parts.append(f"<h2>{L('十、出庭示证提纲（第四十七条）')}</h2>")
    for o in d["art47"]:
        facts = "；".join(f"{L(HEADINGS_TEXT[f['heading']])} {f['path']}" + (f"（{f['note']}）" if f["note"] else "")
                         for f in o["facts"]) or L("尚未标注")
        parts.append(f"<h4>{L('证据')} {e(o['item'])} {e(o['title'])}</h4><p>{L('来源及形成过程')}：{e(o['source'] or L('未记录'))}"
                     f"<br/>{L('证明的事实')}：{e(facts)}<br/>{L('印证情况')}：{e('、'.join(o['corroboration']) or L('无'))}</p>")
    if not d["art47"]:
        parts.append(f"<p>{L('尚无可采证据项。')}</p>")
    return "".join(parts)


def _signature(d: dict) -> str:
    blank = "<p>&nbsp;</p>" * 5
    return (f"<p>&nbsp;</p><p>{L('审查人')}：{e(d['reviewer']['name'])}　　{L('审查时间')}：{e(d['generated_at_local'])}</p>"
            f"<p>{L('审计日志链头摘要')}：<span class='mono'>{e(d['audit']['head_digest'] or L('无'))}</span>"
            f"（{d['audit']['entries']:,} {L('条')}）</p><p>{L('电子签名')}：<span style='color:#ffffff'>{SIGN_MARK}</span></p>{blank}")


def _annex(d: dict) -> str:
    rows = [[e(r["item"]), e(r["path"]), e(r["algorithm"]),
             f"<span class='mono'>{e(r['recorded'])}<br/>{e(r['computed'])}</span>",
             e(status_text(r["status"]))] for r in d["verification"]["rows"]]
    body = (table([L("证据项"), L("路径"), L("算法"), L("记录值 / 计算值"), L("结果")], rows, [8, 30, 8, 44, 10])
            if rows else f"<p>{L('无校验记录。')}</p>")
    return f"<h2 style='page-break-before: always;'>{L('附件：电子数据校验值表')}</h2>{body}"


def memo_html(d: dict) -> str:
    """The whole memo as one HTML string (labels in the language set by memo_labels.L)."""
    unit = d["case"]["unit"] or ""
    head = (f"<p class='c'><b>{e(unit)}</b></p><h1>{L('电子数据审查意见')}</h1>"
            f"<p class='c'>{e(d['case']['case_number'] or '')}</p>")
    items = f"<h2>{L('四、审查发现')}</h2>" + ("".join(_item(it, n) for n, it in enumerate(d["items"], 1))
                                            or f"<p>{L('无证据项。')}</p>")
    body = (head + _general(d) + _basis_and_process(d) + items + _outcome_lists(d) + _relevant(d)
            + _outlines(d) + _signature(d) + _annex(d))
    return f"<html><head><style>{CSS}</style></head><body>{body}</body></html>"
