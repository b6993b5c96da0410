"""`check PATH [--json] [--no-verify]`: scan, verify digests when the store has no verification for the bundle as
it is now, run every check, print results per item and clause and the item's proposed outcome (Art. 43/44)."""

import sys
from itertools import chain

from checks.outcome import propose_outcome
from checks.outcome_words import article_text, basis_text, proposal_text, status_text
from checks.registry import default_registry
from checks.runner import _optional, build_context, iter_checks, mark_verified, verification_current
from checks.wording import wording
from models.cli.cli_common import add_store_argument
from models.common.console import safe_text, write_fields, write_json, write_text


def add_arguments(parser) -> None:
    parser.add_argument("path", help="证据包或文件夹 / bundle or folder")
    parser.add_argument("--json", action="store_true", help="每行一个 JSON 对象 / one JSON object per line")
    add_store_argument(parser)
    parser.add_argument("--no-verify", action="store_true",
                        help="不重新计算校验值（未校验的检查显示尚未校验） / do not recompute digests")


def _prepare(bundle, store, verify: bool = True) -> bool:
    """Inventory and file types, then the digests unless the store holds a verification of the bundle as it
    is now (so the answer never depends on what was run before). True when the verification is current."""
    from models.cli.cli_common import ProgressLine
    from models.inventory.scan import scan_bundle

    for label, func in (("扫描", scan_bundle), ("识别类型", _optional("models.inventory.typing_pass", "fill_types"))):
        if func is None:
            continue
        line = ProgressLine(label)
        func(bundle, store, progress=line)
        line.done()
    if verification_current(store, strict=True):
        return True
    run = _optional("models.integrity.verify", "iter_verify")
    save = _optional("models.integrity.verify", "save_results")
    if not verify or run is None or save is None:
        print("未重新计算校验值，完整性检查将显示尚未校验 / digests not verified", file=sys.stderr)
        return False
    line = ProgressLine("校验")
    results = run(bundle, progress=line)  # streamed into the store as made, as `verify` does
    first = next(results, None)  # the write transaction starts with the first result, not for the reading
    save(store, chain([first] if first else [], results))
    line.done()
    mark_verified(store)
    return True


def result_json(item_id: str, check, result) -> dict:
    return {"item": item_id, "check": check.NAME, "article": check.ARTICLE, "status": result.status,
            "facts": result.facts, "message": result.message}


def outcome_json(item_id: str, proposed) -> dict:
    row = proposed.to_dict()
    reasons = [{k: r.get(k) for k in ("check", "article", "status", "effect", "message", "files")}
               for r in row["reasons"]]
    return {"item": item_id, "outcome": {"proposal": row["proposal"], "basis": row["basis"], "reasons": reasons,
                                         "corrections": row["corrections"], "files": row["files"],
                                         "route_44_2": row["route_44_2"]}}


def _outcome_lines(proposed) -> list[str]:
    text = f"  结论建议：{proposal_text(proposed.proposal)}"
    if proposed.basis:
        text += f"（依据：{basis_text(proposed.basis)}）"
    lines = [text]
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


def _print_table(by_item: dict, outcomes: dict, out) -> None:
    for item_id, pairs in by_item.items():
        write_fields(out, (f"证据项 {item_id}",))
        for check, result in pairs:
            if result.status == "not_applicable":
                continue
            title = wording(check.NAME).get("title_zh", "")
            write_fields(out, (article_text(check.ARTICLE), status_text(result.status), title, result.message),
                         indent="  ")
        for line in _outcome_lines(outcomes[item_id]):  # one field a line: a name in it cannot forge another
            write_text(out, safe_text(line) + "\n")


def run(args) -> int:
    from models.cli.cli_common import open_bundle_and_store
    from models.store import audit
    from models.store.review import save_check_results

    bundle, store = open_bundle_and_store(args)  # bad input: main.py answers it with one line and exit 2
    verified = _prepare(bundle, store, verify=not getattr(args, "no_verify", False))
    context = build_context(bundle, store, verified=verified)
    items = {item.get("id"): item for item in bundle.items}
    restorable = context.restorable() or set()  # found once for the bundle, not once per item
    failed = False
    with audit.transaction(store.db):  # one commit for every item's results, not one (and its fsync) per item
        for item_id, pairs in iter_checks(bundle, context, default_registry()):  # an item at a time, let go
            save_check_results(store, item_id, pairs)
            outcome = propose_outcome(items.get(item_id) or {}, pairs, restorable=restorable)
            if args.json:
                for check, result in pairs:
                    write_json(sys.stdout, result_json(item_id, check, result), default=str)
                write_json(sys.stdout, outcome_json(item_id, outcome), default=str)
            else:
                _print_table({item_id: pairs}, {item_id: outcome}, sys.stdout)
            failed = failed or any(r.status in ("fail", "error") for _c, r in pairs)
    return 1 if failed else 0
