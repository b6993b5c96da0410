"""Small helpers for tests: run main.py in a subprocess, snapshot a folder's bytes and times."""

import hashlib
import os
import subprocess
import sys
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
