"""What every subcommand shares: opening bundle and store, the stderr progress line."""

import math
import sys
import time

from models.bundle.manifest import load_bundle
from models.bundle.output_paths import UsageError, side_folder_problem, store_folder
from models.store import audit_guard, store_lock
from models.store.store import open_store


def add_store_argument(parser) -> None:
    parser.add_argument("--store", metavar="DIR", help="审查库所在文件夹 / folder for the review store")


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def add_codepage_argument(parser) -> None:
    parser.add_argument("--header-codepage", metavar="CP", help="E01 窄头部的代码页（默认：不是 ASCII 时按 "
                        "windows-936 读）/ code page of an E01's narrow header (default: windows-936 when not ASCII)")


def open_bundle_and_store(args, audit_required: bool = False):
    """Load the bundle named by args.path (errors propagate to main's exit-2 handler) and its store, holding
    the store's lock for the rest of the command (main releases it): one writer at a time. The audit is
    checked (models.store.audit_guard): a problem is said on stderr, or with audit_required raised (exit 2)."""
    asked = getattr(args, "header_codepage", None)
    if asked:  # refused before anything is opened: libewf would raise on a name it does not know
        from models.image.disk.codepages import CodepageError, checked

        try:
            asked = None if asked == "default" else checked(asked)
        except CodepageError as exc:
            raise UsageError(str(exc)) from exc
    side = side_folder_problem(args.path)  # before any helper (an image's first open too) makes a temporary file
    if side:
        raise UsageError(side)
    bundle = load_bundle(args.path)
    if bundle.image is not None and asked:
        bundle.image.codepage = asked
    store_dir = store_folder(bundle, getattr(args, "store", None))  # refused inside the bundle
    store_lock.acquire(store_dir / f"{bundle.digest}.sqlite", say)
    store = open_store(bundle, store_dir, say)
    if store.replaced:
        say(store.replaced)
    if audit_required:
        audit_guard.require_intact(store.db)
    else:
        status = audit_guard.check(store.db)
        if not status.ok:
            say(audit_guard.describe(status))
    return bundle, store


class ProgressLine:
    """A one-line progress report on stderr (count, bytes, rate, time left), redrawn at most 5 times a second."""

    def __init__(self, label: str, stream=None):
        self.label = label
        self.stream = stream or sys.stderr
        self.started = time.monotonic()
        self.last = -math.inf  # never: the first report goes out at once, however soon after boot
        self.shown = False

    def __call__(self, done, total=None, done_bytes=0, total_bytes=None) -> None:
        now = time.monotonic()
        if now - self.last < 0.2 and (total is None or done < total):
            return
        self.last = now
        self.stream.write(f"\r{self.label}：" + self.text(done, total, done_bytes, total_bytes, now - self.started))
        self.stream.flush()
        self.shown = True

    @staticmethod
    def text(done, total, done_bytes, total_bytes, elapsed) -> str:
        parts = [f"{done:,}" + (f"/{total:,}" if total else "") + " 个文件"]
        if done_bytes:
            parts.append(f"{done_bytes / 1e6:,.1f}" + (f"/{total_bytes / 1e6:,.1f}" if total_bytes else "") + " MB")
            if elapsed > 0:
                rate = done_bytes / elapsed
                parts.append(f"{rate / 1e6:,.0f} MB/s")
                if total_bytes and rate > 0:
                    parts.append(f"剩余约 {max(0, (total_bytes - done_bytes) / rate):.0f} 秒")
        return "，".join(parts) + "   "

    def done(self) -> None:
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()
