"""证审台 EvidenceDesk: the window by default, headless subcommands for technical staff and scripts."""

import os
import signal
import sys


def _leave_at_once(_signum, _frame) -> None:
    """Ctrl-C while the program loads: nothing is open yet, so leave with one line, no traceback (a
    KeyboardInterrupt inside Qt's import hook aborts the interpreter)."""
    try:
        os.write(2, "已取消 / cancelled\n".encode())
    except OSError:
        pass
    os._exit(2)


if __name__ == "__main__":
    signal.signal(signal.SIGINT, _leave_at_once)

import argparse  # noqa: E402 - after the Ctrl-C handler, which must come first
import importlib  # noqa: E402
import logging  # noqa: E402
import traceback  # noqa: E402
from pathlib import Path  # noqa: E402

# subcommand -> (module, run function, add-arguments function, help)
COMMANDS = {
    "open": ("ui.app", "run", "add_arguments", "打开窗口 / open the window"),
    "scan": ("models.cli.scan_cmd", "run", "add_arguments", "列出证据包清单 / inventory a bundle"),
    "verify": ("models.cli.verify_cmd", "run", "add_arguments", "校验摘要 / verify recorded digests"),
    "check": ("checks.check_cmd", "run", "add_arguments", "运行审查检查 / run the checks"),
    "memo": ("checks.memo_examine", "run_memo", "add_memo_arguments", "生成签名审查意见 / write the signed memo"),
    "verify-memo": ("models.cli.memo_cmd", "run_verify_memo", "add_verify_memo_arguments",
                    "验证审查意见签名 / verify a memo"),
    "identity": ("models.cli.memo_cmd", "run_identity", "add_identity_arguments", "创建签名身份 / make an identity"),
    "demo": ("models.cli.demo_cmd", "run", "add_arguments", "写出内置示例案件 / write the sample cases"),
}
EXPECTED_ERRORS = ("BundleError", "ImageError", "ManifestError", "StoreError", "SafePathError", "IdentityError",
                   "UsageError", "AuditError", "OutputError")


class ArgumentParser(argparse.ArgumentParser):
    """argparse that exits 2 with one line, never a usage dump longer than needed."""

    def error(self, message):
        self.print_usage(sys.stderr)
        print(f"参数错误 / usage error: {message}", file=sys.stderr)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = ArgumentParser(prog="main.py", description="证审台 EvidenceDesk")
    sub = parser.add_subparsers(dest="command")
    for name, (module, _run, add, help_text) in COMMANDS.items():
        sub_parser = sub.add_parser(name, help=help_text)
        getattr(importlib.import_module(module), add)(sub_parser)
    return parser


def _log_path() -> Path:
    import platformdirs

    folder = Path(platformdirs.user_log_dir("EvidenceDesk", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "evidencedesk.log"


def report_unexpected(exc: BaseException) -> None:
    """One line for the user, the traceback to the log file."""
    try:
        path = _log_path()
        with open(path, "a", encoding="utf-8") as log:
            log.write("".join(traceback.format_exception(exc)))
        where = f"（详情见 {path}）"
    except OSError:
        where = ""
    from models.common.console import safe_message

    print(safe_message(f"内部错误 / internal error: {type(exc).__name__}: {exc}{where}"), file=sys.stderr)


def dispatch(args) -> int:
    module, run_name, _add, _help = COMMANDS[args.command]
    try:
        return getattr(importlib.import_module(module), run_name)(args)
    except Exception as exc:
        from models.store.store_rows import set_aside_if_undecodable

        said = set_aside_if_undecodable(exc)  # under the store's lock still, before the finally lets it go
        if said is None:
            raise
        print(said, file=sys.stderr)
        return 2
    finally:
        from models.store import store_lock

        store_lock.release_all()


def _is_database_error(exc: BaseException) -> bool:
    import sqlite3

    return isinstance(exc, sqlite3.DatabaseError)


def _out_of_memory(exc: BaseException) -> bool:
    """Say so when exc is a lack of memory (a library's segments too count against ulimit -v)."""
    # CPython's compiler and some C functions, short of memory, raise this SystemError instead of MemoryError
    starved = isinstance(exc, SystemError) and "returned NULL without setting an exception" in str(exc)
    if isinstance(exc, MemoryError) or starved or isinstance(exc, ImportError) and "failed to map segment" in str(exc):
        print("内存不足（可用内存或 ulimit -v 的限制太小），命令未完成 / out of memory: the command did not finish",
              file=sys.stderr)
        return True
    return False


def main(argv=None) -> int:
    try:
        return _main(argv)
    except KeyboardInterrupt:  # Ctrl-C while modules load or the parser is built, before a command runs
        print("已取消 / cancelled", file=sys.stderr)
        return 2


def _main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    from models.common.console import guard_standard_streams, tolerant_streams

    guard_standard_streams()  # a closed or full stdout/stderr: a message or silence, never a traceback
    tolerant_streams(sys.stdout, sys.stderr)  # a GBK or ASCII console: escapes, never UnicodeEncodeError
    try:
        logging.basicConfig(level=os.environ.get("EVIDENCEDESK_LOG", "WARNING").upper())
    except ValueError:  # not a level name: the default, and say so once
        logging.basicConfig(level="WARNING")
        logging.warning("EVIDENCEDESK_LOG 不是日志级别名称（DEBUG/INFO/WARNING/ERROR），按 WARNING / not a level name")
    if not argv or argv[0] not in COMMANDS and not argv[0].startswith("-"):
        from ui.app import start_window  # the window: imported only when wanted, for a fast CLI

        return start_window(argv[0] if argv else None)
    try:
        parser = build_parser()  # imports every subcommand's module
    except (MemoryError, ImportError) as exc:
        if _out_of_memory(exc):
            return 2
        raise
    args = parser.parse_args(argv)
    if args.command is None:
        from ui.app import start_window

        return start_window(None)
    if signal.getsignal(signal.SIGINT) is _leave_at_once:
        signal.signal(signal.SIGINT, signal.default_int_handler)  # from here Ctrl-C cancels the command
    try:
        code = dispatch(args)
        sys.stdout.flush()  # the last results still buffered: a full disk is told now, not lost at exit
        return code
    except BrokenPipeError:  # `scan --json | head`: the reader left; say nothing more
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        print("已取消 / cancelled", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - the contract: no traceback reaches a user
        if type(exc).__name__ in EXPECTED_ERRORS or isinstance(exc, OSError):
            from models.common.console import safe_message  # the message may quote a hostile name

            known = type(exc).__name__ in EXPECTED_ERRORS
            print(safe_message(str(exc) if known else f"无法读取 / cannot read: {exc}"), file=sys.stderr)
            return 2
        if _is_database_error(exc):
            shown = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in str(exc))  # a damaged row's bytes
            print(f"审查库无法读写（可能已损坏）/ the review store cannot be read or written (damaged?): {shown}",
                  file=sys.stderr)
            return 2
        if isinstance(exc, UnicodeEncodeError) and sys.getfilesystemencoding().lower() not in ("utf-8", "utf8"):
            encoding = sys.getfilesystemencoding()  # PYTHONUTF8=0 under LC_ALL=C: names and text only in ASCII
            print(f"系统区域设置的编码（{encoding}）无法表示此处的中文名称或文字，"
                  f"请在 UTF-8 区域设置下运行（如 LANG=C.UTF-8）/ the locale's encoding ({encoding}) cannot hold "
                  "a name or text here: run under a UTF-8 locale",
                  file=sys.stderr)
            return 2
        if _out_of_memory(exc):
            return 2
        if type(exc).__name__ == "Cancelled":
            print("已取消 / cancelled", file=sys.stderr)
            return 2
        report_unexpected(exc)
        return 2


if __name__ == "__main__":
    import multiprocessing

    multiprocessing.freeze_support()  # the typing pass's worker processes in the frozen build
    sys.exit(main())
