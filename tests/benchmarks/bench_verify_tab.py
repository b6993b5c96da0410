"""The 校验 tab at scale: peak RSS and traced peak of a whole verify driven in an offscreen window (worker and GUI
thread), at two bundle sizes, with the rows shown before the run ends and the GUI heartbeat's largest gap.

Run: .venv/bin/python tests/benchmarks/bench_verify_tab.py [--files N] [--small M] [--keep DIR] [--code TREE]
(default N = 200,000, M = N/10; --code runs another checkout's ui/ and models/, e.g. the code before streaming).
Each size runs in a new process twice: once for the RSS (VmHWM) and the heartbeat, once under tracemalloc. The
window's RSS and, sampled every 250 ms, the summed RSS of its helper processes (where the verify itself runs).
The slope per file is THE figure: memory flat in the number of files means it stays small whatever N is."""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks.bench_digests import make_bundle, make_small  # noqa: E402

CHILD = r"""
import json, sys, time, tracemalloc
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from PySide6.QtCore import QEventLoop, QSettings, QTimer
from models.bundle.manifest import load_bundle
from models.store.store import open_store
from ui.app import make_application, make_context
from ui.verify.verify_tab import VerifyTab

traced = sys.argv[4] == "1"
app = make_application()
store_dir = Path(sys.argv[3])
context = make_context(store_dir=store_dir, settings=QSettings(str(store_dir / "s.ini"), QSettings.Format.IniFormat))
bundle = load_bundle(sys.argv[2])
store = open_store(bundle, store_dir)
tab = VerifyTab(context)
tab.resize(1366, 700)
tab.show()
tab.set_case(bundle, store)
shown_during, gaps, last = [], [], [time.monotonic()]
tab.model.rowsInserted.connect(lambda *a: shown_during.append(tab.model.rowCount()) if tab.handle else None)
def beat():
    now = time.monotonic(); gaps.append((now - last[0], now - started, tab.handle is None)); last[0] = now
started = time.monotonic()
timer = QTimer(interval=10); timer.timeout.connect(beat); timer.start()
import os
helpers_peak = [0.0]
def helpers():
    # RSS (MB) of this process's descendants (the forkserver and the verify's helpers), summed, its peak kept
    parents = {}
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                parents[int(pid)] = int(open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                pass
    ours, grew = {os.getpid()}, True
    while grew:
        more = {p for p, parent in parents.items() if parent in ours} - ours
        grew, ours = bool(more), ours | more
    total = 0.0
    for pid in ours - {os.getpid()}:
        try:
            total += int(open(f"/proc/{pid}/status").read().split("VmRSS:")[1].split()[0]) / 1024
        except (OSError, IndexError):
            pass
    helpers_peak[0] = max(helpers_peak[0], total)
sampler = QTimer(interval=250); sampler.timeout.connect(helpers); sampler.start()
loop, answer = QEventLoop(), {}
tab.verify_finished.connect(lambda n: (answer.update(n=n), loop.quit()))
if traced:
    tracemalloc.start()
started = time.monotonic()
tab.verify()
loop.exec()
seconds = time.monotonic() - started
peak = tracemalloc.get_traced_memory()[1] if traced else 0
hwm = int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0]) / 1024
print(json.dumps({"n": answer.get("n"), "helpers": helpers_peak[0], "seconds": seconds, "rss": hwm,
                  "traced": peak / 1e6,
                  "first_shown": shown_during[0] if shown_during else 0, "batches": len(shown_during),
                  "gap_ms": max(gaps[1:] or [(0, 0, 0)])[0] * 1000, "gaps": sorted(gaps[1:], reverse=True)[:3]}))
"""


def run_tab(code: Path, bundle: Path, store: Path, traced: bool) -> dict:
    store.mkdir(parents=True, exist_ok=True)
    done = subprocess.run([sys.executable, "-c", CHILD, str(code), str(bundle), str(store), "1" if traced else "0"],
                          capture_output=True, text=True, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
                          check=False)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert lines, done.stderr[-2000:]
    return json.loads(lines[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=200_000)
    parser.add_argument("--small", type=int)
    parser.add_argument("--keep", type=Path)
    parser.add_argument("--code", type=Path, default=ROOT)
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-verify-tab-"))
    sizes = (args.small or args.files // 10, args.files)
    figures = {}
    for count in sizes:
        place = folder / f"n{count}"
        place.mkdir(parents=True, exist_ok=True)
        tree = place / "small" if (place / "small").exists() else make_small(place, count)
        bundle = make_bundle(place, tree)
        plain = run_tab(args.code, bundle.root, place / f"store-{os.getpid()}-a", traced=False)
        traced = run_tab(args.code, bundle.root, place / f"store-{os.getpid()}-b", traced=True)
        figures[count] = (plain["rss"], traced["traced"])
        print(f"{count:>9,} files, {plain['n']:,} results: {plain['seconds']:6.1f} s, peak RSS {plain['rss']:6.0f} MB,"
              f" traced peak {traced['traced']:6.1f} MB; helpers' RSS (sum, sampled) {plain.get('helpers', 0):6.0f} MB;"
              f" first rows shown {plain['first_shown']:,} "
              f"({plain['batches']} batches before the end); largest heartbeat gap {plain['gap_ms']:.0f} ms")
        print("  largest gaps (ms @ s, after the end?): " + ", ".join(
            f"{g * 1000:.0f} @ {at:.1f} {ended}" for g, at, ended in plain["gaps"]))
    (rss0, t0), (rss1, t1) = figures[sizes[0]], figures[sizes[1]]
    extra = sizes[1] - sizes[0]
    print(f"per extra file: RSS {(rss1 - rss0) * 1e6 / extra:.0f} B, traced {(t1 - t0) * 1e6 / extra:.0f} B")


if __name__ == "__main__":
    main()
