"""`memo` from the command line: a bundle nobody examined is examined (scan, types, verify, checks) before it is
signed, with the same functions `check` runs; the program's proposals travel with the memo."""

import sys

from models.cli.memo_cmd import add_memo_arguments  # noqa: F401  (main.py finds the arguments here)


def needs_examination(store) -> bool:
    """True when the store holds no inventory or no check results: a memo would then say nothing was wrong."""
    files = store.db.execute("SELECT COUNT(*) FROM files").fetchone()[0]
    results = store.db.execute("SELECT COUNT(*) FROM check_results").fetchone()[0]
    return not files or not results


def changed_since_examined(bundle, store) -> str | None:
    """evidence_changed, its scan's progress on stderr (the command line's memo)."""
    from models.cli.cli_common import ProgressLine

    line = ProgressLine("扫描")
    try:
        return evidence_changed(bundle, store, line)
    finally:
        line.done()


def evidence_changed(bundle, store, progress=None) -> str | None:
    """Scan the bundle again (metadata only) and say what changed when the store's verification is not of the
    evidence as it is now: a file edited, added or removed after `check` would otherwise be signed as it was."""
    from models.inventory.scan import scan_bundle
    from models.store.verified_state import verification_current

    summary = scan_bundle(bundle, store, progress=progress)
    if verification_current(store):
        return None
    counts = (("新增或改动", summary.changed), ("不复存在", summary.removed))
    counts = "，".join(f"{word} {n:,} 个" for word, n in counts if n)
    return "证据在上次检查之后已有改动" + (f"（{counts}条目）" if counts else "")


def refuse_if_changed(bundle, store, progress=None) -> None:
    """The window's memo: MemoError when the evidence changed since its verification (it examines nothing on
    its own; the reviewer verifies and runs the checks again, and sees what they find before signing)."""
    from models.memo.memo_render import MemoError

    if store.db.execute("SELECT 1 FROM verification LIMIT 1").fetchone() is None:
        return  # nothing verified: the memo says so of every file (未校验), it claims no match to go stale
    stale = evidence_changed(bundle, store, progress)
    if stale:
        raise MemoError(f"{stale}，不能签署审查意见：请重新校验并运行自动检查后再导出 / the evidence changed since "
                        "it was checked: verify and run the checks again before signing")


def examine(bundle, store) -> None:
    """Scan, type, verify and run every check, progress on stderr, results saved as `check` saves them."""
    from checks.check_cmd import _prepare
    from checks.registry import default_registry
    from checks.runner import build_context, run_checks
    from models.store.audit import transaction
    from models.store.review import check_run, save_check_results

    print("先行扫描、校验并运行全部检查 / examining the bundle first", file=sys.stderr)
    _prepare(bundle, store)
    by_item = run_checks(bundle, build_context(bundle, store), default_registry())
    sealed = check_run()
    with transaction(store.db) as conn:
        for item_id, pairs in by_item.items():
            save_check_results(store, item_id, pairs, sealed)
        sealed.reseal(conn)
    print(f"检查完成：{len(by_item)} 个证据项", file=sys.stderr)


def propose(item: dict, records: list[dict], decisions: dict | None = None, store=None):
    """The program's proposal for the memo: checks.item_proposal over stored check-result records (facts parsed or
    JSON text), the reviewer's clause decisions (check name -> decision record or word) and, given the store, its
    current verification, exactly as the window's outcome box and `check` propose. An ItemProposal: the memo says
    what the decisions changed (its change(), `check --json`'s changed_by_decisions) from it too."""
    from checks.item_proposal import propose_item, stored_restorable

    return propose_item(item, records, None, decisions, stored_restorable(store))


def run_memo(args) -> int:
    """models.cli.memo_cmd.run_memo with this layer's examination and proposals."""
    from models.cli.memo_cmd import run_memo as write

    return write(args, examine=None if args.no_examine else examine, needs=needs_examination, propose=propose,
                 changed=changed_since_examined)
