"""Cancellation and progress helpers shared by every long function in models/."""

import os
import signal
import time
from contextlib import contextmanager

HELPER_NICE = 10  # helper processes yield a core to the window's own thread when it needs one
IN_HELPER = False  # set in a helper process of models.runtime.process_job: its own helpers are forked from it


class Cancelled(Exception):
    """The user cancelled a long task."""


def check_cancel(cancel) -> None:
    """Raise Cancelled when the threading.Event (or None) is set."""
    if cancel is not None and cancel.is_set():
        raise Cancelled()


class Progress:
    """Rate and time left of a byte count: update(done_bytes) then .rate (bytes/s) and .seconds_left."""

    def __init__(self, total_bytes: int | None = None, clock=time.monotonic):
        self.total_bytes = total_bytes
        self.clock = clock
        self.started = clock()
        self.done_bytes = 0

    def update(self, done_bytes: int, total_bytes: int | None = None) -> None:
        self.done_bytes = done_bytes
        if total_bytes is not None:
            self.total_bytes = total_bytes

    @property
    def elapsed(self) -> float:
        return max(0.0, self.clock() - self.started)

    @property
    def rate(self) -> float:
        """Bytes per second since the start (0.0 before anything was read)."""
        elapsed = self.elapsed
        return self.done_bytes / elapsed if elapsed > 0 else 0.0

    @property
    def seconds_left(self) -> float | None:
        """Estimated seconds to go, None when the total or the rate is unknown."""
        rate = self.rate
        if not self.total_bytes or rate <= 0:
            return None
        return max(0.0, (self.total_bytes - self.done_bytes) / rate)


def process_context():
    """The multiprocessing context for helper processes: forkserver or spawn, never fork (a GUI process
    has Qt threads running, and a forked copy of them can deadlock)."""
    import multiprocessing

    from models.runtime.parent_watch import mark_top

    mark_top()  # before the server starts: every helper watches this program and ends with it
    if IN_HELPER and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")  # no Qt in a helper: fork is safe and spares a forkserver of its own
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    # the server imports the scan and digest helpers once; every helper forked from it then starts in milliseconds
    context.set_forkserver_preload(["models.inventory.scan_process", "models.integrity.digest_pool",
                                    "models.integrity.digest_tree",
                                    "models.runtime.process_job", "models.inventory.scan",
                                    "models.inventory.typing_pass",
                                    "models.runtime.helper_warmup", "models.image.file_child"])
    from multiprocessing import forkserver, resource_tracker

    resource_tracker.ensure_running()  # first: it blocks SIGINT while it starts, then UNBLOCKS it, whatever was
    with sigint_blocked():
        forkserver.ensure_running()  # its own start-up imports the preload list before it ignores SIGINT
    return context


@contextmanager
def sigint_blocked():
    """SIGINT held back in this thread while helper processes are started. A terminal's Ctrl-C goes to the
    whole process group: a forkserver or resource tracker still importing, or a helper just forked, printed a
    traceback (about 1 scan in 10). A blocked signal stays blocked across fork and exec, and Python installs
    no KeyboardInterrupt handler it could not receive: the helpers never see SIGINT, from birth; this process
    gets its Ctrl-C as soon as the block is lifted, and says its one line."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows: no process groups' Ctrl-C of this kind
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def start_processes(count: int, target, args: tuple = (), name: str = "EvidenceDesk digests") -> list[tuple]:
    """Start up to `count` helper processes running target(connection, *args): [(our end, process)], fewer
    (or none) when processes cannot be started here."""
    context, started = process_context(), []
    for _ in range(count):
        try:
            conn, there = context.Pipe()
            process = context.Process(target=run_lowered, args=(target, there, *args), daemon=True, name=name)
            with sigint_blocked():  # spawned or forked here (no forkserver): born deaf to Ctrl-C
                process.start()
            there.close()
        except (OSError, ValueError, RuntimeError):
            break
        started.append((conn, process))
    return started


def lower_priority() -> None:
    """Run this helper process at a lower priority (HELPER_NICE): the helpers keep every core busy, and the
    window's GUI thread must still get a core when it paints. An idle machine runs them just as fast."""
    try:
        if os.getpriority(os.PRIO_PROCESS, 0) < HELPER_NICE:  # a helper's helpers stay at the same level
            os.setpriority(os.PRIO_PROCESS, 0, HELPER_NICE)
    except (AttributeError, OSError):  # no priorities (Windows), or not allowed: the same as the window
        pass


def helper_started() -> None:
    """What every helper process does first: watch the program (ending with it), then lower its priority."""
    from models.runtime.parent_watch import watch_top

    watch_top()
    lower_priority()


def run_lowered(target, *args):
    """A helper process's entry: helper_started, then target(*args)."""
    helper_started()
    return target(*args)


def stop_process(conn, process, at_once: bool, goodbye) -> None:
    """goodbye(conn) tells a helper to end its loop; at_once ends it now (cancelled, failed, stopped early:
    nothing it does is needed). Then wait for it and close our end."""
    try:
        if at_once:
            process.terminate()
        else:
            goodbye(conn)
    except (OSError, ValueError):
        pass
    process.join(5)
    conn.close()


def start_helper_server() -> None:
    """Start the forkserver now (where it is used), so that the first helper process starts in milliseconds."""
    context = process_context()
    if context.get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()
        # the server imports its preload list after ensure_running returns: one helper that does
        # nothing waits for that here, so a scan asked for at once (a path given at start-up) need not
        process = context.Process(target=_ready, daemon=True, name="EvidenceDesk warm-up")
        process.start()
        process.join(30)


def _ready() -> None:
    """A helper with nothing to do (start_helper_server)."""
