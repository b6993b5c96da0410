"""`check PATH [--json]`: scan, verify digests, run every check, print results per item and clause."""

import sys

from checks.registry import default_registry
from checks.runner import _optional, build_context, run_checks
from checks.wording import wording
from models.console import write_fields, write_json

STATUS_ZH = {"pass": "通过", "fail": "不符合", "warn": "注意", "needs_review": "待审查", "not_verified": "尚未校验", "not_recorded": "未记录",
             "not_applicable": "不适用", "error": "无法检查"}


def add_arguments(parser) -> None:
    parser.add_argument("path", help="证据包或文件夹 / bundle or folder")
    parser.add_argument("--json", action="store_true", help="每行一个 JSON 对象 / one JSON object per line")
    parser.add_argument("--store", metavar="DIR", help="审查库所在文件夹 / folder for the review store")


def _prepare(bundle, store) -> None:
    """Inventory, file types and digests, the same functions the window runs."""
    from models.cli_common import ProgressLine
    from models.scan import scan_bundle

    for label, func in (("扫描", scan_bundle), ("识别类型", _optional("models.typing_pass", "fill_types"))):
        if func is None:
            continue
        line = ProgressLine(label)
        func(bundle, store, progress=line)
        line.done()
    verify = _optional("models.verify", "verify_bundle")
    save = _optional("models.verify", "save_results")
    if verify is None:
        print("本版本尚无摘要校验，完整性检查将显示未记录 / digest verification not available", file=sys.stderr)
        return
    line = ProgressLine("校验")
    results = verify(bundle, progress=line)
    line.done()
    if save is not None:
        save(store, results)


def result_json(item_id: str, check, result) -> dict:
    return {"item": item_id, "check": check.NAME, "article": check.ARTICLE, "status": result.status,
            "facts": result.facts, "message": result.message}


def _print_table(by_item: dict, out) -> None:
    for item_id, pairs in by_item.items():
        write_fields(out, (f"证据项 {item_id}",))
        for check, result in pairs:
            if result.status == "not_applicable":
                continue
            title = wording(check.NAME).get("title_zh", check.NAME)
            write_fields(out, (f"第{check.ARTICLE}条", STATUS_ZH[result.status], title, result.message), indent="  ")


def run(args) -> int:
    from models.review import save_check_results
    from models.cli_common import open_bundle_and_store

    bundle, store = open_bundle_and_store(args)  # bad input: main.py answers it with one line and exit 2
    _prepare(bundle, store)
    by_item = run_checks(bundle, build_context(bundle, store), default_registry())
    for item_id, pairs in by_item.items():
        save_check_results(store, item_id, pairs)
    if args.json:
        for item_id, pairs in by_item.items():
            for check, result in pairs:
                write_json(sys.stdout, result_json(item_id, check, result), default=str)
    else:
        _print_table(by_item, sys.stdout)
    statuses = [r.status for pairs in by_item.values() for _c, r in pairs]
    return 1 if "fail" in statuses or "error" in statuses else 0
