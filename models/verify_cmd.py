"""`verify PATH [--json] [--store DIR]`: recompute every recorded digest, compare, save, print; exit 0/1/2."""

import json
import sys

from models.cli_common import add_codepage_argument

STATUS_ZH = {"match": "一致", "mismatch": "不一致", "missing": "缺失", "unreadable": "无法读取", "unlisted": "清单外新增",
             "computed": "已计算（无记录值可比）"}
PROBLEMS = ("mismatch", "missing", "unreadable", "unlisted")


def add_arguments(parser) -> None:
    parser.add_argument("path", help="证据包、文件夹或磁盘镜像 / bundle, folder or disk image")
    parser.add_argument("--json", action="store_true", help="每个校验值一行 JSON / one JSON object per digest")
    parser.add_argument("--store", metavar="DIR", help="审查库所在文件夹 / folder for the review store")
    add_codepage_argument(parser)


def _line(result) -> str:
    row = result.to_json()
    text = f"{STATUS_ZH.get(row['status'], row['status'])}\t{row['item'] or '-'}\t{row['path']}"
    if row["algorithm"]:
        text += f"\t{row['algorithm']}\t记录 {row['recorded'] or '-'}\t计算 {row['computed'] or '-'}"
    if row["recorded_source"] == "ewf_header":
        text += "\t来源 E01 镜像内存储值"
    elif row["recorded_source"] and row["recorded_source"] != "manifest":
        text += f"\t来源 {row['recorded_source']}"
    for extra in (row["error"], row["explanation"] and f"说明：{row['explanation']}"):
        if extra:
            text += f"\t{extra}"
    return text


def print_results(results, as_json: bool, out) -> None:
    for result in results:
        out.write((json.dumps(result.to_json(), ensure_ascii=False) if as_json else _line(result)) + "\n")
    if not as_json:
        counts = {}
        for result in results:
            counts[result.status] = counts.get(result.status, 0) + 1
        summary = "，".join(f"{STATUS_ZH[s]} {counts[s]}" for s in STATUS_ZH if counts.get(s))
        out.write(f"共 {len(results)} 项：{summary or '无记录的校验值'}\n")


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
