"""Helper processes end when the program that started them dies, even by kill -9.

The helpers are forked by multiprocessing's forkserver, so their parent is the server, not the program; and
the server lives as long as any of its children (each holds the server's "alive" pipe). A killed scan thus
left the server, its resource tracker and two workers running, holding the caller's stdout. PR_SET_PDEATHSIG
would name the server as parent and never fire. Instead the program writes its pid into the environment
before the server starts (mark_top), and each helper watches that process (watch_top): a pidfd that becomes
readable when it ends (Linux), else a look once a second; then the helper exits at once."""

import os
import select
import sys
import threading
import time

TOP_ENV = "EVIDENCEDESK_TOP_PID"
EXIT_CODE = 70  # a helper whose program is gone
_watching = False  # this process is a helper (it never names itself the top)


def mark_top() -> None:
    """In the program (not a helper): the helpers it starts from now on watch this process."""
    if not _watching:
        os.environ[TOP_ENV] = str(os.getpid())


def watch_top() -> None:
    """In a helper: a daemon thread ending this process when the program that started it is gone."""
    global _watching
    _watching = True
    try:
        pid = int(os.environ.get(TOP_ENV) or 0)
    except ValueError:
        return
    if pid <= 0 or pid == os.getpid() or sys.platform == "win32":  # Windows: os.kill(pid, 0) would end it
        return
    try:
        fd = os.pidfd_open(pid)
    except ProcessLookupError:
        os._exit(EXIT_CODE)
    except (AttributeError, OSError):
        fd = None
    threading.Thread(target=_wait, args=(pid, fd), daemon=True, name="EvidenceDesk parent watch").start()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _wait(pid: int, fd: int | None) -> None:
    if fd is not None:
        select.select([fd], [], [])  # readable once the process has ended
    else:
        while _alive(pid):
            time.sleep(1)
    os._exit(EXIT_CODE)
