"""One line per item in the memo: the verification its proposal rests on (when, by which version, which digests,
how many matched), or 未核验 when the store holds none for the bundle as it is now."""

from __future__ import annotations

from models.memo.memo_html import ALGORITHMS, L, e, status_word, when

ORDER = ("match", "mismatch", "missing", "unreadable", "unlisted", "computed")


def verification_line(it: dict) -> str:
    """<p class='small'> with the item's share of the verification (memo_data's items[].verification)."""
    v = it.get("verification") or {}
    if not v.get("current"):
        text = L("本项校验：未核验（证据包现状没有校验记录，本项结论未以校验为据）。")
    elif not v.get("digests"):
        text = L("本项校验：未核验（本项未载明可供比对的完整性校验值）。")
    else:
        counts = sorted(v["counts"].items(), key=lambda kv: (ORDER.index(kv[0]) if kv[0] in ORDER else 99, kv[0]))
        text = L("本项校验：{when}，证审台 EvidenceDesk {version} 重新计算 {files} 个文件的 {algos} 校验值 {n} 项，"
                 "{counts}（明细见附件）。", when=e(when(v["verified_at"]) or L("时间未记录")),
                 version=e(v["program_version"] or ""),
                 algos=e(L.sep().join(ALGORITHMS.get(k, k.upper()) for k in v["algorithms"]) or L("无")),
                 n=f"{v['digests']:,}", files=f"{v['files']:,}",
                 counts=e(L("，").join(L("{what} {n} 项", what=status_word(k), n=f"{n:,}") for k, n in counts)))
    return f"<p class='small'>{text}</p>"
