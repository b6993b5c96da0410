"""Small helpers for tests: run main.py in a subprocess, snapshot a folder's bytes and times, watch a process group."""

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_main(*args, store=None, env=None, input_bytes=None, timeout=300, wrapper=()):
    """Run `python main.py ARGS` as a user would (behind `wrapper`, e.g. setpriv); returns CompletedProcess."""
    full_env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="1")
    if store is not None:
        full_env["EVIDENCEDESK_STORE"] = str(store)
    full_env.update(env or {})
    return subprocess.run([*wrapper, sys.executable, str(ROOT / "main.py"), *map(str, args)], capture_output=True,
                          env=full_env, cwd=ROOT, input=input_bytes, timeout=timeout)


def snapshot(root: Path) -> dict:
    """path -> (sha256 of bytes or link target, size, mtime_ns) for everything below root, links unfollowed."""
    state = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            full = os.path.join(dirpath, name)
            st = os.lstat(full)
            if os.path.islink(full):
                content = "link:" + os.readlink(full)
            elif os.path.isfile(full):
                with open(full, "rb") as f:
                    content = hashlib.sha256(f.read()).hexdigest()
            else:
                content = "dir"
            state[os.path.relpath(full, root)] = (content, st.st_size, st.st_mtime_ns)
    return state


def process_group(pgid: int) -> list[int]:
    """Live (not zombie) processes of a process group, read from /proc (Linux)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == pgid and fields[0] != "Z":
                found.append(int(entry.name))
    return found


def parent_of(pid: int) -> int | None:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return None


def kill_leader(proc: subprocess.Popen, sig: int, grace: float) -> list[int]:
    """Send sig to a process started with start_new_session, reap it, and wait up to `grace` seconds for its
    helpers to go: returns the group's survivors (the caller asserts none). Its stdout is then read to the end,
    which returns only when no helper holds the pipe."""
    os.kill(proc.pid, sig)
    proc.wait(60)
    deadline = time.monotonic() + grace
    while process_group(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    return process_group(proc.pid)


def kill_group(pgid: int) -> None:
    """Clean-up after a test: SIGKILL whatever is left of the group."""
    for pid in process_group(pgid):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
