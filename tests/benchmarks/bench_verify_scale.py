"""`verify` at scale: peak memory of the whole command (verify, save, print) at two bundle sizes, and its time
beside `hashdeep -r` on the same files, measured in the same run.

Run: .venv/bin/python tests/benchmarks/bench_verify_scale.py [--files N] [--small M] [--keep DIR]
(default N = 100,000; the small bundle is N/4, or --small M). The slope (MB per 100k files) is THE figure: memory
flat in the number of files means the slope stays small whatever N is (goal: <= 300 MB at 1M files)."""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks.bench_digests import make_bundle, make_small  # noqa: E402

COMMAND = ("import sys, io\nsys.path.insert(0, sys.argv[1])\nimport main\nif __name__ == '__main__':\n"
           "    sys.stdout = io.TextIOWrapper(open('/dev/null', 'wb'), encoding='utf-8')\n"
           "    code = main.main(['verify', sys.argv[2], '--store', sys.argv[3]])\n"
           "    status = open('/proc/self/status').read().split('VmHWM:')[1].split()\n"
           "    print(int(status[0]) / 1024, code, file=sys.stderr)\n")


def verify_command(root: Path, store: Path) -> tuple[float, float]:
    """(seconds, peak RSS MB) of `main.py verify ROOT` in a new process (VmHWM: see bench_digests.verify_rss)."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", COMMAND, str(ROOT), str(root), str(store)], capture_output=True,
                          text=True, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"), check=False)
    seconds = time.perf_counter() - started
    rss, code = done.stderr.split()[-2:]
    assert code == "0", done.stderr[-500:]
    return seconds, float(rss)


def hashdeep(tree: Path) -> float:
    started = time.perf_counter()
    subprocess.run(["hashdeep", "-r", str(tree)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=100_000)
    parser.add_argument("--small", type=int, help="files of the small bundle (default N/4)")
    parser.add_argument("--keep", type=Path)
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-verify-"))
    sizes = (args.small or args.files // 4, args.files)
    figures = {}
    for count in sizes:
        place = folder / f"n{count}"
        place.mkdir(parents=True, exist_ok=True)
        tree = place / "small" if (place / "small").exists() else make_small(place, count)
        bundle = make_bundle(place, tree)
        hashdeep(tree)  # into the page cache for both alike
        peer = hashdeep(tree)
        seconds, rss = verify_command(bundle.root, place / f"store{time.time_ns()}")
        figures[count] = (seconds, rss)
        print(f"{count:>9,} files: verify {seconds:6.1f} s, peak RSS {rss:6.0f} MB;  hashdeep -r {peer:6.1f} s")
    small_rss, big_rss = figures[sizes[0]][1], figures[sizes[1]][1]
    slope = (big_rss - small_rss) / (sizes[1] - sizes[0]) * 100_000
    projected = big_rss + slope * (1e6 - sizes[1]) / 1e5
    print(f"slope: {slope:.0f} MB per 100k files; projected at 1M files: {projected:.0f} MB"
          " (goal <= 300)")


if __name__ == "__main__":
    main()
