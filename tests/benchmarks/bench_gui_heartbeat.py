"""GUI responsiveness during a verify of a ~300 MB file: a 10 ms QTimer heartbeat's largest gap (goal: <= 50 ms).

Run: .venv/bin/python tests/benchmarks/bench_gui_heartbeat.py [SIZE_MB] [--cold] [--bundle PATH]
(--bundle: verify that bundle instead, e.g. the 20k small files bench_digests.py --keep DIR leaves in DIR/bundle)
Prints the heartbeat gaps while the 校验 tab verifies through the real TaskRunner, and beside it the same
file hashed by `hashdeep -c md5,sha1,sha256` (the peer tool) in the same run.

As in the window, the start-up warm-up (ui.window.case_tabs._warm_up: the hashing stack imported off the GUI
thread, the helper processes' server started) has run before the verify; --cold skips it, for a verify
started before the warm-up is done. A module imported for the first time during the verify is named: a
first import on a worker thread holds the GIL long enough to stall the window.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

BEAT_MS = 10


def make_case(folder: Path, size_mb: int) -> Path:
    """The factory's clean case plus one big listed file with its digests in the manifest."""
    from models.bundle.bundle_writer import digests_of
    from tests.factory import BundleFactory
    from tests.factory_case import T0

    factory = BundleFactory(folder)
    spec = factory.spec()
    data = os.urandom(size_mb << 20)
    path = spec.put("evidence/E1/disk.bin", data, T0)
    spec.item("E1")["content"].append({"path": path, "type": "file", "digests": digests_of(data)})
    del data
    return factory.write(spec, "big")


class Heartbeat:
    def __init__(self):
        from PySide6.QtCore import QTimer

        self.gaps: list[float] = []
        self.at: list[float] = []  # when each gap ended, seconds after start
        self.last = self.first = time.perf_counter()
        self.timer = QTimer()
        self.timer.setInterval(BEAT_MS)
        self.timer.timeout.connect(self.beat)

    def beat(self) -> None:
        now = time.perf_counter()
        self.gaps.append((now - self.last) * 1000)
        self.at.append(now - self.first)
        self.last = now

    def start(self) -> None:
        self.last = self.first = time.perf_counter()
        self.timer.start()


def warm_up(runner) -> float:
    """The window's start-up warm-up, through the same runner; seconds until it is done."""
    from ui.window.case_tabs import _warm_up

    started = time.perf_counter()
    _warm_up(runner)
    runner.wait(30000)
    from PySide6.QtCore import QCoreApplication

    QCoreApplication.processEvents()
    return time.perf_counter() - started


def verify_in_tab(bundle_path: Path, store_dir: Path, cold: bool = False) -> tuple[float, list[float], int]:
    from PySide6.QtCore import QEventLoop, QSettings

    from models.bundle.manifest import load_bundle
    from models.store.store import open_store
    from ui.app import make_application, make_context, pick_font
    from ui.verify.verify_tab import VerifyTab

    app = make_application()
    pick_font(app)
    context = make_context(store_dir=store_dir,
                           settings=QSettings(str(store_dir / "s.ini"), QSettings.Format.IniFormat))
    bundle = load_bundle(bundle_path)
    store = open_store(bundle, store_dir)
    tab = VerifyTab(context)
    tab.resize(1100, 500)
    tab.show()
    tab.set_case(bundle, store)
    print("warm-up skipped (--cold)" if cold else f"start-up warm-up done in {warm_up(context.runner):.2f} s")
    known = set(sys.modules)
    loop, result = QEventLoop(), {}
    # the last beat is taken when the tab reports the end: the time its _done took counts as a gap too
    tab.verify_finished.connect(lambda n: (beat.beat(), result.update(n=n), loop.quit()))
    beat = Heartbeat()
    beat.start()
    started = time.perf_counter()
    tab.verify()
    loop.exec()
    seconds = time.perf_counter() - started
    beat.timer.stop()
    print("modules first imported during the verify: " + (", ".join(sorted(set(sys.modules) - known)) or "none"))
    worst = sorted(zip(beat.gaps, beat.at), reverse=True)[:3]
    print("largest gaps (ms @ s after start): " + ", ".join(f"{g:.0f} @ {a:.2f}" for g, a in worst))
    return seconds, beat.gaps, result.get("n") or 0


def peer_seconds(path: Path) -> float | None:
    tool = shutil.which("hashdeep")
    if not tool:
        return None
    started = time.perf_counter()
    subprocess.run([tool, "-c", "md5,sha1,sha256", str(path)], check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    given = sys.argv[sys.argv.index("--bundle") + 1] if "--bundle" in sys.argv else None
    size_mb = int(args[0]) if args and not given else 300
    with tempfile.TemporaryDirectory() as tmp:
        bundle = Path(given) if given else make_case(Path(tmp), size_mb)
        store_dir = Path(tmp) / "store"
        store_dir.mkdir()
        if not given:
            subprocess.run(["cat", str(bundle / "evidence/E1/disk.bin")], stdout=subprocess.DEVNULL, check=True)
        seconds, gaps, results = verify_in_tab(bundle, store_dir, cold="--cold" in sys.argv)
        peer = None if given else peer_seconds(bundle / "evidence/E1/disk.bin")
    gaps.sort()
    p99 = gaps[int(len(gaps) * 0.99) - 1] if gaps else 0.0
    what = f"bundle {given}" if given else f"{size_mb} MB file + clean case"
    print(f"verify through the 校验 tab: {what}, {results} results, {seconds:.2f} s"
          + ("" if given else f", {size_mb / seconds:.0f} MB/s"))
    print(f"GUI heartbeat ({BEAT_MS} ms timer): {len(gaps)} beats, max gap {gaps[-1] if gaps else 0:.1f} ms, "
          f"p99 {p99:.1f} ms, beats over 50 ms: {sum(g > 50 for g in gaps)}")
    if peer is not None:
        print(f"peer hashdeep -c md5,sha1,sha256 on the big file alone: {peer:.2f} s ({size_mb / peer:.0f} MB/s)")
    return 0 if gaps and gaps[-1] <= 50 else 1


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)  # skip interpreter teardown: Qt objects of the run are gone with the process, in no fixed order
