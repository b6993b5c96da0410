"""`scan PATH [--json]`: the inventory of a bundle or folder, one JSON object per line per file."""

import sys

from models.cli.cli_common import ProgressLine, add_codepage_argument, add_store_argument, open_bundle_and_store
from models.common.console import safe_text, write_fields, write_json, write_text
from models.common.timeutil import ns_to_utc_iso
from models.inventory.exif import exif_contract_json
from models.inventory.scan import iter_file_records, scan_bundle


def add_arguments(parser) -> None:
    parser.add_argument("path", help="证据包、文件夹或磁盘镜像 / bundle, folder or disk image")
    parser.add_argument("--json", action="store_true", help="每个文件一行 JSON / one JSON object per file")
    parser.add_argument("--no-types", action="store_true", help="只列元数据，不识别类型 / stat only")
    add_store_argument(parser)
    add_codepage_argument(parser)


def file_json(record: dict) -> dict:
    """The scan --json object of DESIGN.md for one file record."""
    exif = exif_contract_json(record.get("exif_json"))
    mismatch = record.get("extension_mismatch")
    return {
        "item": record["item"], "path": record["path"], "size": record["size"],
        "modified": ns_to_utc_iso(record["modified_ns"]), "accessed": ns_to_utc_iso(record["accessed_ns"]),
        "changed": ns_to_utc_iso(record["changed_ns"]), "created": ns_to_utc_iso(record["created_ns"]),
        "mime": record.get("mime"), "category": record.get("category"),
        "extension_mismatch": bool(mismatch) if mismatch is not None else False,
        "deleted": bool(record.get("deleted")), "exif": exif,
        "kind": record["kind"], "listed": bool(record["listed"]), "link_target": record.get("link_target"),
        "error": record.get("error"), "address": record.get("address"), "role": record.get("role"),
        "stream_of": record.get("stream_of"),
    }


def _fill_types(bundle, store, progress) -> None:
    try:
        from models.inventory.typing_pass import fill_types
    except ImportError:  # the typing pass is optional until it lands
        return
    fill_types(bundle, store, progress=progress)


def _print_image(store, as_json: bool, out) -> None:
    """The image's description first: {"image": {...}} with --json, its fields as lines otherwise."""
    from models.image.scan import image_info

    info = image_info(store) or {}
    if as_json:
        write_json(out, {"image": info})
        return
    for key, value in info.items():  # header fields are the acquirer's text: escaped as names are
        if key == "partitions":
            for part in value:
                write_fields(out, [f"# {part['name']}", part["file_system"] or "-", part["start"], part["length"],
                                   part["description"]] + ([part["error"]] if part["error"] else []))
        elif value not in (None, "", []):
            shown = ", ".join(map(safe_text, value)) if isinstance(value, list) else safe_text(value)
            write_text(out, f"# {key}: {shown}\n")


def run(args) -> int:
    bundle, store = open_bundle_and_store(args)
    line = ProgressLine("扫描")
    summary = scan_bundle(bundle, store, progress=line)
    line.done()
    if not args.no_types:
        types_line = ProgressLine("识别类型")
        _fill_types(bundle, store, types_line)
        types_line.done()
    out = sys.stdout
    if bundle.image is not None:
        _print_image(store, args.json, out)
    for record in iter_file_records(store):
        if args.json:
            write_json(out, file_json(record))
        else:
            write_fields(out, (record["path"], record["size"], ns_to_utc_iso(record["modified_ns"])))
    print(f"共 {summary.files} 个文件，{summary.bytes:,} 字节，用时 {summary.seconds:.2f} 秒；"
          f"清单外新增 {summary.additions} 个，读取错误 {summary.errors} 个", file=sys.stderr)
    return 0
