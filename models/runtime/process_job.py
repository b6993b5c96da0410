"""A long job run in a helper process of its own, reporting to a thread of the calling process.

A worker thread in the window's process shares the GIL with the GUI thread: each cell a table paints is one
call from C++ into Python, and with the scan's or the typing pass's thread holding the GIL each call could
wait up to the switch interval (5 ms). A paint of 192 cells took 73 ms (11 ms of it the GUI thread's own CPU;
bench_types_heartbeat, typing pass). Here the job runs in a helper process (at a lower priority); the calling
thread only waits on a pipe (GIL let go) and hands the job's progress on. The helper opens the store by its
path: SQLite's WAL lets the window read what it writes.

The job is fn(*args, progress=, cancel=): a module-level function (it is pickled to the helper) whose args and
result pickle too; cancel is an event the helper reads (the caller's cancel sets it); an exception raised
there is raised here; a helper that dies (a crash in a C library) raises HelperDied instead of taking the
window with it."""

import time

from models.runtime.jobs import check_cancel, helper_started, process_context

PROGRESS_EVERY = 0.05  # seconds between two progress messages from the helper (the last one always goes)
POLL_S = 0.05  # how often the waiting thread looks at the caller's cancel


class HelperDied(RuntimeError):
    """The helper process ended without an answer (killed, or crashed in a C library); rule_zh says so to a
    person (the window shows it, never the English)."""

    def __init__(self, exitcode):
        super().__init__(f"helper process ended without an answer (exit code {exitcode})")
        self.rule_zh = f"后台进程意外结束，未得到结果（退出码 {exitcode}）"


def run_in_process(fn, args: tuple = (), progress=None, cancel=None, name: str = "EvidenceDesk job"):
    """fn(*args, progress=, cancel=) in a helper process; its result, or its exception raised here."""
    context = process_context()
    ours, theirs = context.Pipe()
    stop = context.Event()
    # not a daemon: the job starts helpers of its own. Were this process killed, the job would end at its next
    # progress message (the pipe is broken); the window cancels and waits for its jobs as it closes
    process = context.Process(target=_helper, args=(theirs, stop, fn, args), daemon=False, name=name)
    process.start()
    theirs.close()
    try:
        return _relay(ours, process, stop, progress, cancel)
    finally:
        stop.set()
        process.join(5)
        if process.is_alive():
            process.terminate()
            process.join(5)
        ours.close()


def with_store_file(fn, bundle, store_path, progress=None, cancel=None):
    """fn(bundle, store, progress=, cancel=) on a connection of its own to the store file (in the helper), under
    the store's lock: a scan from the command line on the same store waits for it, or it for the scan."""
    from models.store import store_lock
    from models.store.store import open_store_file

    with store_lock.held(store_path):
        store = open_store_file(store_path)
        try:
            return fn(bundle, store, progress=progress, cancel=cancel)
        finally:
            store.close()


def _relay(ours, process, stop, progress, cancel):
    while True:
        if cancel is not None and cancel.is_set():
            stop.set()  # the helper stops at its next check and answers Cancelled
        if not ours.poll(POLL_S):
            if not process.is_alive() and not ours.poll(0):
                raise HelperDied(process.exitcode)
            continue
        try:
            kind, value = ours.recv()
        except EOFError:
            process.join(5)
            raise HelperDied(process.exitcode) from None
        if kind == "progress":
            if progress is not None:
                progress(*value)
        elif kind == "done":
            return value
        else:
            raise value


def _helper(conn, stop, fn, args) -> None:
    """The helper's main: run the job, send its progress (at most every PROGRESS_EVERY s), then its answer."""
    helper_started()
    from models.runtime import jobs

    jobs.IN_HELPER = True  # helpers this one starts are forked from it (no Qt here; see process_context)
    last = [0.0]

    def progress(*values) -> None:
        now = time.monotonic()
        done, total = (values + (None, None))[:2]
        if now - last[0] >= PROGRESS_EVERY or (total is not None and done >= total):
            last[0] = now
            conn.send(("progress", values))

    try:
        check_cancel(stop)
        result = fn(*args, progress=progress, cancel=stop)
    except BaseException as exc:  # noqa: BLE001 - raised again in the caller
        _send_error(conn, exc)
    else:
        conn.send(("done", result))
    finally:
        conn.close()


def _send_error(conn, exc: BaseException) -> None:
    try:
        conn.send(("error", exc))
    except Exception:  # noqa: BLE001 - an exception that does not pickle goes as its text
        conn.send(("error", RuntimeError(f"{type(exc).__name__}: {exc}")))
