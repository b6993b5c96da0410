"""`verify PATH [--json] [--store DIR]`: recompute every recorded digest, compare, save, print; exit 0/1/2."""

import json
import sys
from itertools import chain

STATUS_ZH = {"match": "一致", "mismatch": "不一致", "missing": "缺失", "unreadable": "无法读取", "unlisted": "清单外新增"}
PROBLEMS = ("mismatch", "missing", "unreadable", "unlisted")


def add_arguments(parser) -> None:
    parser.add_argument("path", help="证据包或文件夹 / bundle or folder")
    parser.add_argument("--json", action="store_true", help="每个校验值一行 JSON / one JSON object per digest")
    parser.add_argument("--store", metavar="DIR", help="审查库所在文件夹 / folder for the review store")


def _line(result) -> str:
    row = result.to_json()
    text = f"{STATUS_ZH.get(row['status'], row['status'])}\t{row['item'] or '-'}\t{row['path']}"
    if row["algorithm"]:
        text += f"\t{row['algorithm']}\t记录 {row['recorded'] or '-'}\t计算 {row['computed'] or '-'}"
    if row["recorded_source"] and row["recorded_source"] != "manifest":
        text += f"\t来源 {row['recorded_source']}"
    for extra in (row["error"], row["explanation"] and f"说明：{row['explanation']}"):
        if extra:
            text += f"\t{extra}"
    return text


def print_results(results, as_json: bool, out) -> dict:
    """Each result (any iterable, read once), then the counts; returns the counts by status."""
    counts = {}
    for result in results:
        out.write((json.dumps(result.to_json(), ensure_ascii=False) if as_json else _line(result)) + "\n")
        counts[result.status] = counts.get(result.status, 0) + 1
    if not as_json:
        summary = "，".join(f"{STATUS_ZH[s]} {counts[s]}" for s in STATUS_ZH if counts.get(s))
        out.write(f"共 {sum(counts.values())} 项：{summary or '无记录的校验值'}\n")
    return counts


def run(args) -> int:
    from models.cli_common import ProgressLine
    from models.jobs import Cancelled
    from models.cli_common import open_bundle_and_store
    from models.verify import iter_saved, iter_verify, save_results

    bundle, store = open_bundle_and_store(args)  # bad input: main.py answers it with one line and exit 2
    line = ProgressLine("校验")
    try:  # results go into the store as they are made, then out from it: no list of them all (1M files)
        results = iter_verify(bundle, store, progress=line)
        first = next(results, None)  # every file is read before the first result: the write transaction
        save_results(store, chain([first] if first else [], results))  # starts only now, not for the reading
    except (Cancelled, KeyboardInterrupt):
        line.done()
        print("校验已取消 / verification cancelled", file=sys.stderr)
        return 2
    line.done()
    counts = print_results(iter_saved(store), bool(getattr(args, "json", False)), sys.stdout)
    return 1 if any(counts.get(s) for s in PROBLEMS) else 0
