"""`verify PATH [--json] [--store DIR]`: recompute every recorded digest, compare, save, print; exit 0/1/2."""

import sys

from models.console import write_fields, write_json, write_text

STATUS_ZH = {"match": "一致", "mismatch": "不一致", "missing": "缺失", "unreadable": "无法读取", "unlisted": "清单外新增"}
PROBLEMS = ("mismatch", "missing", "unreadable", "unlisted")


def add_arguments(parser) -> None:
    parser.add_argument("path", help="证据包或文件夹 / bundle or folder")
    parser.add_argument("--json", action="store_true", help="每个校验值一行 JSON / one JSON object per digest")
    parser.add_argument("--store", metavar="DIR", help="审查库所在文件夹 / folder for the review store")


def _fields(result) -> list:
    row = result.to_json()
    fields = [STATUS_ZH.get(row["status"], row["status"]), row["item"] or "-", row["path"]]
    if row["algorithm"]:
        fields += [row["algorithm"], f"记录 {row['recorded'] or '-'}", f"计算 {row['computed'] or '-'}"]
    if row["recorded_source"] and row["recorded_source"] != "manifest":
        fields.append(f"来源 {row['recorded_source']}")
    for extra in (row["error"], row["explanation"] and f"说明：{row['explanation']}"):
        if extra:
            fields.append(extra)
    return fields


def print_results(results, as_json: bool, out) -> None:
    for result in results:
        if as_json:
            write_json(out, result.to_json())
        else:
            write_fields(out, _fields(result))
    if not as_json:
        counts = {}
        for result in results:
            counts[result.status] = counts.get(result.status, 0) + 1
        summary = "，".join(f"{STATUS_ZH[s]} {counts[s]}" for s in STATUS_ZH if counts.get(s))
        write_text(out, f"共 {len(results)} 项：{summary or '无记录的校验值'}\n")


def run(args) -> int:
    from models.cli_common import ProgressLine
    from models.jobs import Cancelled
    from models.cli_common import open_bundle_and_store
    from models.verify import save_results, verify_bundle

    bundle, store = open_bundle_and_store(args)  # bad input: main.py answers it with one line and exit 2
    line = ProgressLine("校验")
    try:
        results = verify_bundle(bundle, store, progress=line)
    except (Cancelled, KeyboardInterrupt):
        line.done()
        print("校验已取消 / verification cancelled", file=sys.stderr)
        return 2
    line.done()
    save_results(store, results)
    print_results(results, bool(getattr(args, "json", False)), sys.stdout)
    return 1 if any(r.status in PROBLEMS for r in results) else 0
