"""The memo's text as HTML for QTextDocument, from the dict of models.memo.memo_data: a 电子数据审查意见书 (head,
一 送审材料 to 十 出庭示证提纲, signature block, digest annex). Chinese; headings in English when asked."""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from html import escape

from models.bundle.names import shown
from models.memo.memo_sign import format_when

ALGORITHMS = {"md5": "MD5", "sha1": "SHA-1", "sha256": "SHA-256", "sm3": "SM3"}
PROPOSED = "程序建议（未经审查人确认）"
DIGITS = "〇一二三四五六七八九"
SIGN_LABEL = "电子签名"  # the stamp is placed beside the paragraph that begins with this visible label
CSS = """
h1, h2, h3 { font-family: 'WenQuanYi Micro Hei'; }
h1 { font-size: 18pt; text-align: center; margin-top: 4pt; margin-bottom: 2pt; }
h2 { font-size: 12.5pt; margin-top: 12pt; margin-bottom: 4pt; }
h3 { font-size: 11pt; margin-top: 8pt; margin-bottom: 2pt; }
p { margin-top: 2pt; margin-bottom: 2pt; line-height: 135%; }
p.c { text-align: center; }
p.r { text-align: right; }
td, th { padding: 2pt; }
th { background: #e8e8e8; }
.small { font-size: 8.5pt; }
.mono { font-family: 'DejaVu Sans Mono'; font-size: 7pt; }
.mark { color: #8a4b00; }
"""


class Labels:
    """Memo wording: L("中文模板{n}", n=...) is the Chinese template, or its English from
    resources/memo_wording.json when the memo is in English (law quotes, names and check messages stay as they are)."""

    zh = True
    tz = "Asia/Shanghai"

    def __call__(self, text: str, **values) -> str:
        template = text if self.zh else english_wording().get(text, text)
        return template.format(**values) if values else template

    @property
    def lang(self) -> str:
        return "zh" if self.zh else "en"

    def sep(self) -> str:
        return "、" if self.zh else ", "

    def semi(self) -> str:
        return "；" if self.zh else "; "


@lru_cache(maxsize=1)
def english_wording() -> dict:
    from models.common.resources import resource_path

    return json.loads(resource_path("memo_wording.json").read_text(encoding="utf-8"))["en"]


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


def day(text) -> str:
    """2026年12月7日 (7 December 2026) in the case time zone: the signature block's date."""
    try:
        from zoneinfo import ZoneInfo

        local = dt.datetime.fromisoformat(str(text).replace("Z", "+00:00")).astimezone(ZoneInfo(L.tz))
    except (ValueError, TypeError):
        return str(text or "")
    return f"{local.year}年{local.month}月{local.day}日" if L.zh else f"{local.day} {local:%B} {local.year}"


def cn_number(n: int) -> str:
    if n < 10:
        return DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else DIGITS[tens]) + "十" + (DIGITS[ones] if ones else "")


def article_text(article) -> str:
    """"30.2" -> 第三十条第（二）项, as the clause names write it; "44.2" -> 第四十四条第二款 (Art. 44 has paragraphs,
    not items); "interp98.7" -> the 2021 interpretation's Art. 98 item 7 (the appraisal grounds the proposals cite).
    English: Art. 30(2), Art. 44 para. 2."""
    text = str(article or "")
    if text.startswith("interp"):
        number, _, sub = text[len("interp"):].partition(".")
        if number.isdigit():
            if not L.zh:
                return f"Art. {number}" + (f"({sub})" if sub else "") + " of the SPC's 2021 interpretation"
            return (f"《最高人民法院关于适用〈中华人民共和国刑事诉讼法〉的解释》第{cn_number(int(number))}条"
                    + (f"第（{cn_number(int(sub))}）项" if sub.isdigit() else ""))
    parts = text.split(".")
    if not parts[0].isdigit():
        return text
    if not L.zh:
        if parts[0] == "44" and len(parts) > 1:
            return f"Art. 44 para. {parts[1]}"
        return f"Art. {parts[0]}" + "".join(f"({p})" for p in parts[1:])
    sub = "第{}款" if parts[0] == "44" else "第（{}）项"
    return f"第{cn_number(int(parts[0]))}条" + "".join(
        sub.format(cn_number(int(p))) if p.isdigit() else p for p in parts[1:])


SHOWN_MAX = 4000  # characters of one value: a 300,000-character item id took minutes to lay out, then crashed Qt
ID_SHOWN = 64  # an item id, repeated in narrow table columns


def e(value, limit: int = SHOWN_MAX) -> str:
    """Escaped for HTML; a file name that is not UTF-8 decoded with its bytes in hex (models.bundle.names.shown);
    past limit characters the rest is counted, not laid out."""
    text = "" if value is None else shown(str(value))
    if len(text) > limit:
        text = text[:limit] + L("……（以下 {n} 字从略）", n=f"{len(text) - limit:,}")
    return escape(text)


def table(head: list[str], rows: list[list[str]], widths: list[int] | None = None) -> str:
    ws = widths or [0] * len(head)
    cells = "".join(f'<th width="{w}%">{L(h)}</th>' if w else f"<th>{L(h)}</th>" for h, w in zip(head, ws))
    if not head:  # a table continuing the one above: its widths on the first row's cells
        body = "".join(r if isinstance(r, str) else "<tr>" + "".join(
            f'<td width="{w}%">{c}</td>' if n == 0 and w else f"<td>{c}</td>" for c, w in zip(r, widths or [0] * 9)
        ) + "</tr>" for n, r in enumerate(rows))
    else:
        body = "".join(r if isinstance(r, str) else "<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>"
                       for r in rows)
    cells = f"<tr>{cells}</tr>" if cells else ""
    # no border-collapse: Qt paints collapsed borders edge by edge, which tripled the memo's paint time
    return ('<table border="1" cellspacing="0" cellpadding="3" width="100%" '
            f'style="border-color: #777777; border-style: solid;">{cells}{body}</table>')


def files_text(paths, limit: int = 6) -> str:
    paths = list(paths or [])
    shown = L.sep().join(paths[:limit])
    return shown + (L(" 等 {n} 个文件", n=f"{len(paths):,}") if len(paths) > limit else "")


def mark(decided: bool) -> str:
    return "" if decided else f"<span class='mark'>〔{L(PROPOSED)}〕</span>"


@lru_cache(maxsize=1)
def basis_instruments() -> list[dict]:
    from models.common.resources import resource_path

    return json.loads(resource_path("law", "memo_basis.json").read_text(encoding="utf-8"))["instruments"]


def _head(d: dict) -> str:
    c = d["case"]
    unit = d["reviewer"]["unit"] or c["unit"] or ""
    number = d["document_number"] or "＿＿＿＿＿＿＿＿"
    cause = (c["charge"] or "") + (f"（{c['title']}）" if c["title"] else "")
    none = L("未记录")
    return (f"<p class='c'><b>{e(unit)}</b></p><h1>{L('电子数据审查意见书')}</h1>"
            f"<p class='c'>{L('文书编号：{v}', v=e(number))}</p>"
            f"<p>{L('案号：{v}', v=e(c['case_number'] or none))}</p><p>{L('案由：{v}', v=e(cause or none))}</p>"
            f"<p>{L('送审机关：{v}', v=e(c['investigating_agency'] or none))}</p>")


def _undecided_line(d: dict) -> str:
    n = d["review"]["undecided_items"]
    if not n:
        return ""
    return ("<p class='mark'><b>" + L("注：{n} 个证据项审查人尚未作出结论，本意见书中标注“{mark}”的内容"
                                      "为程序根据自动审查结果提出的建议，尚待审查人判断。", n=f"{n:,}",
                                      mark=L(PROPOSED)) + "</b></p>")


def kind_text(item: dict) -> str:
    from models.common.labels import label

    return label("kind", item.get("kind"), L.lang) if item.get("kind") else e(item.get("kind_zh"))


def _received(d: dict) -> str:
    rows = []
    for it in d["items"]:
        docs = L.semi().join(e(f"{k}（{v}）" if v else k) for k, v in it["documents"]) or L("未随案移送法律手续")
        rows.append([e(it["id"], ID_SHOWN), e(it["title"]), e(kind_text(it)),
                     L("{n} 个，{size}", n=f"{it['files']:,}", size=e(size_short(it["bytes"]))), docs])
    inv = d["inventory"]
    parts = [f"<h2>{L('一、送审材料')}</h2>",
             "<p>" + L("{agency}移送电子数据证据 {items} 项，文件 {files} 个，共 {size}；",
                       agency=e(d["case"]["investigating_agency"] or L("侦查机关")), items=f"{inv['items']:,}",
                       files=f"{inv['files']:,}", size=e(size_long(inv["bytes"])))
             + (L("其中 {n} 个文件列自磁盘镜像之内，其大小已计入镜像文件；", n=f"{inv['image_files']:,}")
                if inv.get("image_files") else "") + _prepared(d) + "</p>",
             table(["证据项", "名称", "取证方式", "文件", "法律手续及笔录"], rows, [8, 22, 15, 17, 38])
             if rows else f"<p>{L('无证据项。')}</p>"]
    for it in d["items"]:
        if it["media"]:
            media = "，".join(f"{L(k)} {v}" for k, v in it["media"])
            said = L("证据{id}介质：{media}。", id=e(it["id"], ID_SHOWN), media=e(media))
            parts.append(f"<p class='small'>{said}</p>")
    return "".join(parts)


def _prepared(d: dict) -> str:
    if d["bundle"]["adhoc"]:
        return L("未附证据清单（bundle.json），按文件夹逐一审查。")
    by, at = d["case"]["prepared_by"], when(d["case"]["prepared_at"])
    if not by and not at:
        return L("证据包制作人及时间未记录。")
    return L("证据包由{by}于{at}制作。", by=e(by or L("（未记录）")), at=e(at or L("（时间未记录）")))


def size_short(n) -> str:
    from models.memo.memo_values import size_text

    return size_text(n).split("（")[0]


def size_long(n) -> str:
    from models.memo.memo_values import size_text

    text = size_text(n)
    return text if L.zh else text.replace("（", " (").replace(" 字节）", " bytes)").replace(" 字节", " bytes")


def _basis(d: dict) -> str:
    parts = [f"<h2>{L('二、审查依据')}</h2>"]
    for n, inst in enumerate(basis_instruments(), 1):
        quote = f"：“{e(inst['quote'])}”" if inst["quote"] else ""  # the law is quoted in Chinese, never translated
        parts.append(f"<p>{n}. {e(inst['title'])}{e(inst['cited'])}{quote}</p>")
    return "".join(parts)


def _process(d: dict) -> str:
    v, r, inv, b = d["verification"], d["review"], d["inventory"], d["bundle"]
    counts = L("，").join(L("{what} {n} 项", what=status_word(k), n=f"{n:,}") for k, n in v["counts"].items())
    algos = L.sep().join(L("{name}（{n} 项）", name=ALGORITHMS.get(k, k.upper()), n=f"{n:,}")
                         for k, n in sorted(v["algorithms"].items()))
    identity = L("文件夹标识") if b["adhoc"] else L("证据包标识（bundle.json 的 SHA-256）")
    parts = [f"<h2>{L('三、审查过程')}</h2>",
             f"<p>{identity}：<span class='mono'>{e(b['manifest_digest'])}</span></p>",
             "<p>" + L("使用证审台 EvidenceDesk {version} 以只读方式逐一读取证据包中的 {files} 个文件（共 {size}），"
                       "重新计算完整性校验值，算法：{algos}；比对结果：{counts}；校验时间：{when}。",
                       version=e(v["program_version"] or ""), files=f"{inv.get('read_files', inv['files']):,}",
                       size=e(size_long(inv["bytes"])),
                       algos=e(algos or L("无")), counts=e(counts or L("无")),
                       when=e(when(v["verified_at"]) or L("尚未校验")))
             + ("" if v.get("current", True) else L("此后证据包已有变化，该次校验不反映证据包现状。")) + "</p>"
             if v["counts"] else
             f"<p>{L('证据包未载明可供重新计算的完整性校验值，或尚未校验。')}</p>",
             "<p>" + L("对照《人民检察院办理网络犯罪案件规定》第三章逐条审查 {clauses} 项适用条款，"
                       "审查人已决定 {decided} 项；{items} 个证据项中审查人已作出结论 {outcomes} 个。",
                       clauses=f"{r['clauses']:,}",
                       decided=f"{r['decided']:,}", items=f"{len(d['items']):,}",
                       outcomes=f"{r['outcomes']:,}") + "</p>"]
    if not r["has_decisions"]:
        parts.append(f"<p><b>{L('审查人尚未作出任何决定：以下结论均为程序建议，未经审查人确认。')}</b></p>")
    return "".join(parts)


def status_word(status) -> str:
    from models.common.labels import label

    for domain in ("verify_status", "status"):
        text = label(domain, status, L.lang)
        if text != str(status):
            return text
    return str(status or "")


def _signature(d: dict) -> str:
    rv = d["reviewer"]
    who = e(rv["name"]) + (f"（{e(rv['title'])}）" if rv["title"] else "")
    entries = L("审计日志：{n} 条，链头摘要", n=f"{d['audit']['entries']:,}")
    return (f"<p>&nbsp;</p><p>{L('承办检察官：{who}', who=who)}　　　{e(day(d['generated_at']))}</p>"
            f"<p>{L('部门负责人：＿＿＿＿＿＿＿＿　　　＿＿＿＿年＿＿月＿＿日')}</p>"
            f"<p class='r'>{e(rv['unit'] or d['case']['unit'] or '')}{L('（院印）')}</p>"
            f"<p class='small'>{entries} "
            f"<span class='mono'>{e(d['audit']['head_digest'] or L('无'))}</span></p>"
            f"<p>{L(SIGN_LABEL)}：</p>" + "<p>&nbsp;</p>" * 5)


ANNEX_CHUNK = 50  # files per table: Qt lays out a table whole, so a long annex in short tables shows progress


def _annex(d: dict) -> str:
    """One row per file, its digests below at full width (a hash column beside the path wrapped into slices).
    Every file up to memo_digests.PRINT_ALL_FILES; above it the files not matching, and the count of the others,
    the complete table being the CSV attached (named by d["attachment"])."""
    v = d["verification"]
    files: dict = {}
    for r in v["rows"]:
        files.setdefault((r["item"], r["path"]), []).append(r)
    rows = [_annex_rows(item, path, digests) for (item, path), digests in files.items()]
    tables = [table(["证据项", "文件", "结果"] if not i else [], sum(rows[i:i + ANNEX_CHUNK], []), [10, 74, 16])
              for i in range(0, len(rows), ANNEX_CHUNK)]  # the head once: the tables read as one
    heading = f"<h2 style='page-break-before: always;'>{L('附件：电子数据校验值表')}</h2>"
    if not tables and not v.get("files"):
        tables = [f"<p>{L('无校验记录。')}</p>"]
    return heading + _annex_note(d, len(files)) + "".join(tables)


def _annex_rows(item, path, digests) -> list:
    statuses, lines = [], []
    for r in digests:
        word = status_word(r["status"])
        statuses += [word] if word not in statuses else []
        name = ALGORITHMS.get(r["algorithm"], (r["algorithm"] or "").upper())
        if r["recorded"] and r["recorded"] == r["computed"]:
            line = f"{name} {e(r['recorded'])}"
        elif r["recorded"] or r["computed"]:
            line = (f"{name} {L('记录值')} {e(r['recorded'] or L('无'))}<br/>"
                    f"{name} {L('计算值')} {e(r['computed'] or L('无'))}")
        else:
            continue
        if line not in lines:
            lines.append(line)
    rows: list = [[e(item or "—", ID_SHOWN), e(path), e(L.sep().join(statuses))]]
    if lines:
        rows.append(f"<tr><td colspan='3'><span class='mono'>{'<br/>'.join(lines)}</span></td></tr>")
    return rows


def _annex_note(d: dict, printed: int) -> str:
    """What the printed table holds, and where the complete one is: the CSV attached and signed with the memo."""
    v, name = d["verification"], d.get("attachment")
    files = v.get("files", printed)
    if not files:
        return ""
    parts = []
    if v.get("printed", "all") != "all":
        loud = v.get("files_not_matching", printed)
        if loud:
            parts.append(L("证据包共有 {files} 个文件经过校验，其中 {quiet} 个文件各项校验值比对结果均为一致"
                           "（或无记录值可比），本表不逐一列印；以下列出其余 {loud} 个结果不一致、缺失、无法读取"
                           "或清单外新增的文件。", files=f"{files:,}", quiet=f"{files - loud:,}", loud=f"{loud:,}"))
        else:
            parts.append(L("证据包共有 {files} 个文件经过校验，各项校验值比对结果均为一致（或无记录值可比），"
                           "没有结果不一致、缺失、无法读取或清单外新增的文件，本表不逐一列印。", files=f"{files:,}"))
        if loud > printed:
            parts.append(L("此类文件超过 {max} 个，本表列印按证据项和路径排序的前 {max} 个，"
                           "其余 {rest} 个见附件文件。", max=f"{printed:,}", rest=f"{loud - printed:,}"))
    if name:
        parts.append(L("全部 {files} 个文件的校验值表（{rows} 条记录，含证据项、文件、算法、记录值、计算值和结果）"
                       "作为本意见书的附件文件“{name}”（UTF-8 编码的 CSV 表格，可用 Excel 或 WPS 打开）"
                       "附于本意见书之内，与本意见书的每一字节同为电子签名所覆盖。",
                       files=f"{files:,}", rows=f"{sum(v['counts'].values()):,}", name=e(name)))
    return "<p>" + "".join(parts) + "</p>" if parts else ""


def memo_html(d: dict, sections: str) -> str:
    """The whole memo as one HTML string; `sections` is memo_sections.sections(d), which builds on this module."""
    body = (_head(d) + _undecided_line(d) + _received(d) + _basis(d) + _process(d) + sections
            + _signature(d) + _annex(d))
    return f"<html><head><style>{CSS}</style></head><body>{body}</body></html>"
