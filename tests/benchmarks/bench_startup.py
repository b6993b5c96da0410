"""Start-up: process start to main window shown (imports included), beside a bare `python -c pass`."""

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
RUNS = 5


def timed(args, env) -> float:
    started = time.time()
    out = subprocess.run(args, capture_output=True, text=True, env=env, cwd=ROOT, check=True).stdout
    shown = [line for line in out.splitlines() if line.startswith("window-shown ")]
    return (float(shown[0].split()[1]) if shown else time.time()) - started


def main() -> None:
    env = dict(os.environ, EVIDENCEDESK_QUIT_AFTER_SHOW="1")
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    bare = min(timed([sys.executable, "-c", "pass"], env) for _ in range(RUNS))
    window = sorted(timed([sys.executable, str(ROOT / "main.py")], env) for _ in range(RUNS))
    print(f"python -c pass: {bare:.3f} s (best of {RUNS})")
    print(f"main.py to window shown ({env['QT_QPA_PLATFORM']}): best {window[0]:.3f} s, "
          f"median {window[RUNS // 2]:.3f} s, worst {window[-1]:.3f} s   (target < 1.0 s)")


if __name__ == "__main__":
    main()
