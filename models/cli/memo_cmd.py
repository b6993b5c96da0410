"""`memo`, `verify-memo` and `identity` subcommands: the signed review memo from the command line."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from models.bundle.output_paths import output_problem, replace_problem, review_file_problem
from models.cli.cli_common import add_store_argument, open_bundle_and_store
from models.common.atomic import write_atomic
from models.common.console import write_fields
from models.common.os_errors import os_reason
from models.memo.identity import IdentityError, cert_pem, load_identity, make_identity
from models.memo.memo_verify import MemoInputError, describe, verify_memo


def text_argument(value: str) -> str:
    """A name or number given on the command line. Under an ASCII locale (LC_ALL=C with PYTHONUTF8=0) Python
    keeps its UTF-8 bytes as surrogate escapes: the text is those bytes decoded; other bytes are refused."""
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        pass
    try:
        return os.fsencode(value).decode("utf-8")
    except UnicodeError:
        raise argparse.ArgumentTypeError("不是 UTF-8 文字 / not UTF-8 text") from None


def validity_days(value: str) -> int:
    """1 to 36,500 days: an identity expired when made is no identity, and 99999999 days overflows a date."""
    try:
        days = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"不是整数 / not a whole number: {value!r}") from None
    if not 1 <= days <= 36500:
        raise argparse.ArgumentTypeError(f"有效天数须在 1 至 36500 之间 / must be 1 to 36500: {days}")
    return days


def add_memo_arguments(parser) -> None:
    parser.add_argument("path", help="证据包或文件夹 / bundle or folder")
    parser.add_argument("--identity", required=True, metavar="ID.p12", help="签名身份 / PKCS#12 identity")
    parser.add_argument("--passphrase-file", metavar="F", help="口令文件 / file holding the passphrase")
    parser.add_argument("--out", required=True, metavar="MEMO.pdf", help="输出文件 / output PDF")
    parser.add_argument("--reviewer-name", "--reviewer", dest="reviewer", metavar="NAME", type=text_argument,
                        help="承办检察官姓名（默认为证书姓名）/ reviewer name")
    parser.add_argument("--reviewer-title", metavar="TITLE", type=text_argument,
                        help="职务（默认取自证书）/ reviewer title")
    parser.add_argument("--unit", metavar="UNIT", type=text_argument,
                        help="承办单位（默认为案件所载单位）/ reviewing unit")
    parser.add_argument("--document-number", metavar="NO", type=text_argument,
                        help="文书编号（按案件记住）/ document number")
    parser.add_argument("--no-examine", action="store_true",
                        help="不自动审查未审查过的证据包（改为拒绝）/ refuse instead of examining first")
    parser.add_argument("--english", action="store_true", help="英文审查意见 / memo in English")
    parser.add_argument("--accept-older-store", action="store_true",
                        help="审查库被替换为较旧的副本时，确认以此审查库为准（以签名人名义记入审计日志）/ take a store "
                             "older than this machine's record of it as the truth (audited)")
    add_store_argument(parser)


def add_verify_memo_arguments(parser) -> None:
    parser.add_argument("memo", metavar="MEMO.pdf", help="审查意见 / signed memo")
    parser.add_argument("--trust", metavar="CERT.pem", help="信任的签名证书 / trusted signer certificate")


def add_identity_arguments(parser) -> None:
    parser.add_argument("--name", required=True, type=text_argument, help="审查人姓名 / reviewer name")
    parser.add_argument("--out", required=True, metavar="ID.p12", help="输出身份文件 / output PKCS#12")
    parser.add_argument("--training", action="store_true", help="培训身份 / training identity")
    parser.add_argument("--passphrase-file", metavar="F", help="口令文件 / file holding the passphrase")
    parser.add_argument("--days", type=validity_days, default=1095, help="有效天数（1-36500）/ validity in days")


def _fail(message: str, code: int = 2) -> int:
    print(message, file=sys.stderr)
    return code


PASSPHRASE_CAP = 64 * 1024


def _passphrase_line(path: str) -> str:
    """The first line of a passphrase file: a regular file, or a pipe from the shell (`<(...)`, /dev/fd/N);
    never a device nor a FIFO elsewhere (no writer: it would block), never more than 64 KiB read."""
    import stat

    from models.bundle.safe_read import kind_text

    try:
        mode = os.stat(path).st_mode
        piped = stat.S_ISFIFO(mode) and os.path.dirname(os.path.abspath(path)) in ("/dev/fd", "/proc/self/fd")
        if not stat.S_ISREG(mode) and not piped:
            zh, en = kind_text(mode)
            raise IdentityError(f"口令文件不是普通文件（{zh}），不予读取 / the passphrase file is not a regular "
                                f"file ({en}): {path}")
        with open(path, "rb") as f:
            data = f.read(PASSPHRASE_CAP + 1)
    except OSError as exc:
        raise IdentityError(f"无法读取口令文件 {path}：{os_reason(exc)}") from exc
    if len(data) > PASSPHRASE_CAP:
        raise IdentityError(f"口令文件过大（上限 64 KB）/ the passphrase file is too large (limit 64 KB): {path}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise IdentityError(f"口令文件不是 UTF-8 文本（第 {exc.start} 字节）/ the passphrase file is not UTF-8 "
                            f"text (byte {exc.start}): {path}") from exc
    return (text.splitlines() or [""])[0]


def read_passphrase(path: str | None, prompt: str = "口令：") -> bytes:
    """From --passphrase-file (first line), else stdin when piped, else an interactive prompt."""
    if path:
        line = _passphrase_line(path)
        if "\x00" in line:  # OpenSSL takes the passphrase as a C string
            raise IdentityError(f"口令文件含有 NUL 字节 / the passphrase file holds a NUL byte: {path}")
        return line.encode("utf-8")
    if not sys.stdin.isatty():
        return (sys.stdin.readline().rstrip("\r\n")).encode("utf-8")
    return getpass.getpass(prompt).encode("utf-8")


def run_memo(args, examine=None, needs=None, propose=None, changed=None) -> int:
    """Sign the memo of the bundle's review. examine(bundle, store) runs when needs(store) says nobody examined
    it, or changed(bundle, store) names what changed in the evidence since it was examined (checks.memo_examine
    gives all three); without examine such a bundle is refused, never signed as clean or as it once was."""
    from models.memo.memo_data import build_memo_data, remember_document_number, reviewer_profile
    from models.memo.memo_digests import digest_table
    from models.memo.memo_render import MemoError, write_memo
    from models.store.audit_guard import AuditError
    from models.store.guards import audit_record

    out = Path(args.out)
    problem = (output_problem(out, args.path, "审查意见", "memo") or replace_problem(out, "审查意见", "memo")
               or review_file_problem(out, None, "审查意见", "memo") or _own_input(out, args))
    if problem:
        return _fail(problem)
    try:
        identity = load_identity(args.identity, read_passphrase(args.passphrase_file))
    except IdentityError as exc:
        return _fail(str(exc))
    if not out.parent.is_dir():
        return _fail(f"无法写入审查意见 {out}：目录不存在")
    accept = getattr(args, "accept_older_store", False)
    try:
        bundle, store = open_bundle_and_store(args, audit_required=not accept)  # never signed from a doubtful audit
    except AuditError as exc:
        if audit_record.ACCEPTABLE in str(exc):
            raise AuditError(f"{exc}；如确认以此审查库为准，加 --accept-older-store 再运行（以签名人名义记入审计日志）"
                             " / to take it as the truth, run again with --accept-older-store (audited)") from None
        raise
    problem = review_file_problem(out, store.path, "审查意见", "memo")  # its -wal, its anchor: not databases
    if problem:
        return _fail(problem)
    if accept:
        _accept_older(store, args.reviewer or identity.name)
    unexamined = needs is not None and needs(store)
    stale = None if unexamined or changed is None else changed(bundle, store)
    if unexamined or stale:
        said = stale or "此证据包尚未审查（没有扫描、校验和检查结果）"
        if examine is None:
            return _fail(f"{said}，不能签署审查意见：请先运行 python main.py check {args.path}，或去掉 --no-examine")
        print(said, file=sys.stderr)
        examine(bundle, store)
    profile = reviewer_profile(identity, args.reviewer, getattr(args, "reviewer_title", None),
                               getattr(args, "unit", None))
    number = remember_document_number(store, getattr(args, "document_number", None), profile["name"] or "")
    from models.store import audit_guard

    with audit_guard.one_snapshot(store.db):  # checked again after the examination, on what is signed
        audit_guard.require_intact(store.db)
        data = build_memo_data(bundle, store, profile, identity.training, propose=propose, document_number=number)
        table = digest_table(store, args.english)  # the complete digest table, of the same snapshot
    if not data["review"]["has_decisions"]:
        print("提示：审查人尚未作出任何决定，审查意见将注明所列结论均为程序建议", file=sys.stderr)
    elif data["review"]["undecided_items"]:
        print(f"提示：{data['review']['undecided_items']} 个证据项审查人尚未作出结论，审查意见将注明", file=sys.stderr)
    try:
        write_memo(data, identity, out, english=args.english, progress=_progress, table=table)
    except MemoError as exc:
        return _fail(str(exc))
    _audit_export(store, data, out)
    print(f"审查意见已写入 {out}（{len(data['items'])} 个证据项，签名人 {identity.name}）", file=sys.stderr)
    print(str(out))
    return 0


def _accept_older(store, reviewer: str) -> None:
    """--accept-older-store: the head given up said and audited, then the audit checked as always (exit 2 when
    anything else is wrong)."""
    from models.store import audit_guard
    from models.store.guards import audit_record
    from models.store.guards.older_accept import accept_older

    entry = accept_older(store.db, reviewer)
    if entry is None:
        print("审查库并非较旧的副本，--accept-older-store 未作任何记录 / the store is not an older copy: nothing "
              "recorded", file=sys.stderr)
    else:
        given_up = entry["payload"]["given_up"]
        print(f"已确认以此审查库为准：放弃本机记录的第 {given_up['seq']} 条审计记录（记于 "
              f"{audit_record.when(given_up['at'])}）之后的审查记录，已由 {reviewer} 记入审计日志第 {entry['seq']} 条"
              " / the older store taken as the truth, audited", file=sys.stderr)
    audit_guard.require_intact(store.db)


def _own_input(out: Path, args) -> str | None:
    """The refusal when out is the identity or passphrase file the memo is signed with (replaced by the PDF)."""
    inputs = ((args.identity, "签名身份文件", "identity"), (args.passphrase_file, "口令文件", "passphrase file"))
    for given, zh, en in inputs:
        try:
            same = given is not None and os.path.samefile(out, given)
        except OSError:
            same = False  # either not there: nothing replaced
        if same:
            return f"审查意见不得覆盖所用的{zh}：{out} / the memo must not replace the {en} it is signed with: {out}"
    return None


def _audit_export(store, data: dict, out: Path) -> None:
    """The export in the case's audit log, by the reviewer the memo names, as the window records it."""
    import hashlib

    from models.store import audit

    reviewer = data["reviewer"]
    audit.append(store.db, reviewer["name"] or "", "memo.exported",
                 {"path": str(out), "sha256": hashlib.sha256(out.read_bytes()).hexdigest(),
                  "reviewer": {k: reviewer.get(k) for k in ("name", "title", "unit")}})


STEPS = ("排版", "附加审查结果", "签名", "写入文件", "完成")


_SHOWN = [None]


def _progress(done, total=None, part=0, parts=None) -> None:
    within = f" {10 * (10 * part // parts)}%" if parts and done == 0 else ""  # the layout's own, by tenths
    if (done, within) == _SHOWN[0]:
        return
    _SHOWN[0] = (done, within)
    sys.stderr.write(f"\r生成审查意见：{STEPS[min(done, len(STEPS) - 1)]} ({done}/{total}){within}   ")
    if total is not None and done >= total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def run_verify_memo(args) -> int:
    try:
        result = verify_memo(args.memo, args.trust)
    except MemoInputError as exc:
        return _fail(str(exc))
    for line in describe(result):
        write_fields(sys.stdout, (line,))
    return 0 if result.ok else 1


def run_identity(args) -> int:
    for out in (Path(args.out), Path(args.out).with_suffix(".pem")):
        problem = (output_problem(out, None, "身份文件", "identity file")
                   or replace_problem(out, "身份文件", "identity file")
                   or review_file_problem(out, None, "身份文件", "identity file"))
        if problem:
            return _fail(problem)
    try:
        passphrase = read_passphrase(args.passphrase_file, "新身份的口令：")
        identity = make_identity(args.name, args.out, passphrase, training=args.training, days=args.days)
    except IdentityError as exc:
        return _fail(str(exc))
    pem = Path(args.out).with_suffix(".pem")
    try:
        write_atomic(pem, cert_pem(identity))  # a rename: a hard link of that name (to evidence) is left whole
    except OSError:
        pem = None
    kind = "培训身份" if identity.training else "签名身份"
    print(f"{kind}已写入 {args.out}（{identity.name}，有效至 {identity.not_after:%Y-%m-%d}）"
          + (f"；证书 {pem}" if pem else ""), file=sys.stderr)
    print(identity.fingerprint)
    return 0
