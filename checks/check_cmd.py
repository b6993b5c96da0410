"""`check PATH [--json] [--no-verify] [--header-codepage CP]`: scan, verify digests when the store has no
verification for the bundle as it is now, run every check (an E01 header read in the case's code page), print
results per item and clause and the item's proposed outcome (Art. 43/44) with the reviewer's stored clause
decisions applied, as the window and the memo propose it (checks.item_proposal)."""

import sys
from typing import NamedTuple

from checks.item_proposal import propose_stored, stored_restorable
from checks.outcome_words import article_text, basis_text, proposal_text, status_text
from checks.registry import default_registry
from checks.runner import _optional, build_context, iter_item_checks, mark_verified, verification_current
from checks.wording import wording
from models.cli.cli_common import add_store_argument
from models.common.console import safe_text, write_fields, write_json, write_text
from models.common.labels import label


def add_arguments(parser) -> None:
    parser.add_argument("path", help="证据包或文件夹 / bundle or folder")
    parser.add_argument("--json", action="store_true", help="每行一个 JSON 对象 / one JSON object per line")
    add_store_argument(parser)
    parser.add_argument("--no-verify", action="store_true",
                        help="不重新计算校验值（未校验的检查显示尚未校验） / do not recompute digests")
    parser.add_argument("--header-codepage", metavar="CP",
                        help="E01 窄文件头的代码页，按案件记住（如 windows-932；default 恢复默认：ASCII，不可读时按 "
                             "windows-936）/ code page of an E01's narrow header, kept per case")


def _prepare(bundle, store, verify: bool = True) -> bool:
    """Inventory and file types, then the digests unless the store holds a verification of the bundle as it
    is now (so the answer never depends on what was run before). True when the verification is current."""
    from models.cli.cli_common import ProgressLine
    from models.inventory.scan import scan_bundle

    for step, func in (("扫描", scan_bundle), ("识别类型", _optional("models.inventory.typing_pass", "fill_types"))):
        if func is None:
            continue
        line = ProgressLine(step)
        func(bundle, store, progress=line)
        line.done()
    if verification_current(store, strict=True):
        return True
    run = _optional("models.integrity.verify", "iter_verify")
    save = _optional("models.integrity.verify_spool", "save_spooled")
    if not verify or run is None or save is None:
        print("未重新计算校验值，完整性检查将显示尚未校验 / digests not verified", file=sys.stderr)
        return False
    line = ProgressLine("校验")
    save(store, run(bundle, progress=line))  # spooled, then copied into the store, as `verify` does
    line.done()
    mark_verified(store)
    return True


class _Shown(NamedTuple):
    """What the table prints of a result once saved: its facts are let go (a tuple: no dataclass made again)."""

    status: str
    message: str


def result_json(item_id: str, check, result) -> dict:
    return {"item": item_id, "check": check.NAME, "article": check.ARTICLE, "status": result.status,
            "facts": result.facts, "message": result.message}


def outcome_json(item_id: str, judged) -> dict:
    """The item's outcome row: the proposal as the reviewer's decisions leave it; changed_by_decisions says what
    it was from the findings alone and which decisions moved it (None when they moved nothing)."""
    row = judged.proposal.to_dict()
    reasons = [dict({k: r.get(k) for k in ("check", "article", "status", "effect", "message", "files")},
                    decided=r.get("decided")) for r in row["reasons"]]
    return {"item": item_id, "outcome": {"proposal": row["proposal"], "basis": row["basis"], "reasons": reasons,
                                         "corrections": row["corrections"], "files": row["files"],
                                         "route_44_2": row["route_44_2"],
                                         "changed_by_decisions": judged.change()}}


def _proposal_words(side: dict) -> str:
    return proposal_text(side["proposal"]) + (f"（依据：{basis_text(side['basis'])}）" if side["basis"] else "")


def _change_lines(change: dict | None) -> list[str]:
    """Which of the reviewer's decisions moved the proposal, and from what: in words, never a code."""
    if not change:
        return []
    before, after = _proposal_words(change["from"]), _proposal_words(change["to"])
    lines = [f"    按审查人的决定，结论建议由“{before}”改为“{after}”："]
    for d in change["decisions"]:
        why = "；".join(x for x in (d.get("reason"), d.get("note")) if x)
        lines.append(f"      {article_text(d['article'])} 审查人{label('decision', d['decision'])}"
                     + (f"（{d['reviewer']}）" if d.get("reviewer") else "") + (f"：{why}" if why else ""))
    return lines


def _outcome_lines(judged) -> list[str]:
    proposed = judged.proposal
    text = f"  结论建议：{proposal_text(proposed.proposal)}"
    if proposed.basis:
        text += f"（依据：{basis_text(proposed.basis)}）"
    lines = [text] + _change_lines(judged.change())
    if proposed.files:
        shown = list(proposed.files[:5])
        more = f" 等 {len(proposed.files)} 个文件" if len(proposed.files) > 5 else ""
        lines.append("    涉及文件：" + "、".join(shown) + more)
    for reason in proposed.reasons:  # why it waits, and the case's deadlines, which are no defect
        heading = {"review": "须审查人先行判断", "unverified": "尚待查明", "alert": "办案提示"}.get(reason["effect"])
        if heading and not reason.get("decided"):
            lines.append(f"    {heading}：{article_text(reason['article'])} {reason['message']}")
    lines += [f"    要求补正或者作出合理解释：{c}" for c in proposed.corrections]
    if proposed.route_44_2:
        lines.append(f"    {proposed.route_44_2}")
    return lines


def _print_table(by_item: dict, outcomes: dict, items: dict, out) -> None:
    for item_id, pairs in by_item.items():
        title = (items.get(item_id) or {}).get("title")
        write_fields(out, (f"证据项 {item_id}",) + ((title,) if title else ()))
        for check, result in pairs:
            if result.status == "not_applicable":
                continue
            title = wording(check.NAME).get("title_zh", "")
            decision = outcomes[item_id].decisions.get(check.NAME)
            mark = (f"审查人{label('decision', decision['decision'])}",) if decision else ()
            write_fields(out, (article_text(check.ARTICLE), status_text(result.status), title, result.message) + mark,
                         indent="  ")
        for line in _outcome_lines(outcomes[item_id]):  # one field a line: a name in it cannot forge another
            write_text(out, safe_text(line) + "\n")


def run(args) -> int:
    from models.cli.cli_common import open_bundle_and_store
    from models.image.disk.codepages import CodepageError, checked, remember, stored
    from models.store import audit
    from models.store.review import check_run, save_check_results

    asked = getattr(args, "header_codepage", None)
    try:  # before anything is opened: a code page libewf cannot read is refused in one line
        codepage = None if asked in (None, "default") else checked(asked)
    except CodepageError as exc:
        print(exc, file=sys.stderr)
        return 2
    args.header_codepage = codepage
    bundle, store = open_bundle_and_store(args)  # bad input: main.py answers it with one line and exit 2
    if asked is not None:
        remember(store, codepage)  # kept per case: the window and the next `check` read the same
    if bundle.image is not None and not bundle.image.codepage:
        bundle.image.codepage = stored(store)  # an image opened on its own is scanned in it too
    verified = _prepare(bundle, store, verify=not getattr(args, "no_verify", False))
    context = build_context(bundle, store, verified=verified)
    restorable = stored_restorable(store)  # found once for the bundle, not once per item
    failed = False
    sealed = check_run()  # every item's results rewritten: sealed afresh at the end, an earlier edit overwritten
    with audit.transaction(store.db) as conn:  # one commit for every item's results, not one (and its fsync) per item
        for item, pairs in iter_item_checks(bundle, context, default_registry()):  # an item at a time, let go
            item_id = item.get("id")
            save_check_results(store, item_id, pairs, sealed)
            failed = failed or any(r.status in ("fail", "error") for _c, r in pairs)
            if args.json:
                for check, result in pairs:
                    write_json(sys.stdout, result_json(item_id, check, result), default=str)
            # saved and printed: the facts go before the proposal reads them back (a finding may name 1M files)
            pairs = [(check, _Shown(result.status, result.message)) for check, result in pairs]
            # from the store, as the window and the memo read it: the same records, decisions and verification
            outcome = propose_stored(store, item, restorable=restorable)
            if args.json:
                write_json(sys.stdout, outcome_json(item_id, outcome), default=str)
            else:
                _print_table({item_id: pairs}, {item_id: outcome}, {item_id: item}, sys.stdout)
        sealed.reseal(conn)
    return 1 if failed else 0
