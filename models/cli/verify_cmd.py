"""`verify PATH [--json] [--store DIR]`: recompute every recorded digest, compare, save, print; exit 0/1/2."""

import sys

from models.cli.cli_common import add_codepage_argument, add_store_argument
from models.common.console import write_fields, write_json, write_text
from models.common.labels import label, source_label

STATUSES = ("match", "mismatch", "missing", "unreadable", "unlisted", "computed")
PROBLEMS = ("mismatch", "missing", "unreadable", "unlisted")


def add_arguments(parser) -> None:
    parser.add_argument("path", help="证据包、文件夹或磁盘镜像 / bundle, folder or disk image")
    parser.add_argument("--json", action="store_true", help="每个校验值一行 JSON / one JSON object per digest")
    add_store_argument(parser)
    add_codepage_argument(parser)


def _fields(result) -> list:
    row = result.to_json()
    fields = [label("verify_status", row["status"], "zh"), row["item"] or "-", row["path"]]
    if row["algorithm"]:
        fields += [row["algorithm"], f"记录 {row['recorded'] or '-'}", f"计算 {row['computed'] or '-'}"]
    if row["recorded_source"] and row["recorded_source"] != "manifest":
        fields.append(f"来源 {source_label(row['recorded_source'], 'zh')}")
    for extra in (row["error"], row["explanation"] and f"说明：{row['explanation']}"):
        if extra:
            fields.append(extra)
    return fields


def print_results(results, as_json: bool, out) -> dict:
    """Each result (any iterable, read once), then the counts; returns the counts by status."""
    from models.image.verify import is_damaged

    counts, damaged = {}, 0
    for result in results:
        if as_json:
            write_json(out, result.to_json())
        else:
            write_fields(out, _fields(result))
        counts[result.status] = counts.get(result.status, 0) + 1
        damaged += result.status in ("match", "computed") and is_damaged(result.error)
    if not as_json:
        summary = "，".join(f"{label('verify_status', s, 'zh')} {counts[s]}" for s in STATUSES if counts.get(s))
        if damaged:  # the digests agree, yet the container failed libewf's own checksums: not all clear
            summary += f"；其中 {damaged} 项读到校验和错误的数据块（读作零）"
        write_text(out, f"共 {sum(counts.values())} 项：{summary or '无记录的校验值'}\n")
    if damaged:
        counts["damaged"] = damaged
    return counts


def run(args) -> int:
    from models.cli.cli_common import ProgressLine, open_bundle_and_store
    from models.integrity.verify import iter_saved, iter_verify
    from models.integrity.verify_spool import save_spooled
    from models.runtime.jobs import Cancelled

    bundle, store = open_bundle_and_store(args)  # bad input: main.py answers it with one line and exit 2
    line = ProgressLine("校验")
    try:  # results go into the store as they are made, then out from it: no list of them all, however many files
        # the store's write lock is taken for the copy, not for the reading: a window can save decisions meanwhile
        save_spooled(store, iter_verify(bundle, store, progress=line))
    except (Cancelled, KeyboardInterrupt):
        line.done()
        print("校验已取消 / verification cancelled", file=sys.stderr)
        return 2
    line.done()
    counts = print_results(iter_saved(store), bool(getattr(args, "json", False)), sys.stdout)
    return 1 if any(counts.get(s) for s in PROBLEMS) or counts.get("damaged") else 0
