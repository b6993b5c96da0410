"""The 时间线 tab on a 1M-file inventory, in the real TimelineTab offscreen, beside The Sleuth Kit's mactime.

A store of BENCH_RECORDS files (default 1,000,000; modified/accessed/changed times, every 10th a photo with
EXIF times, a manifest with acquisition and preparation times some files are later than) is generated, then:
open the timeline (its table built in a worker, anomalies, first rows), open it again (table up to date),
scroll to the last row through fetchMore, filter a time window, pick the last anomaly; peak RSS of the process,
and the GUI thread's longest stall (a 10 ms QTimer heartbeat: the largest gap between its ticks) per step.
Peer in the same run: `mactime -b body -d -y -z Asia/Shanghai` on a TSK body file written from the same store
(time to its first line and to the whole timeline). Exit status 1 when peak RSS >= 500 MB or a stall > 50 ms.

    .venv/bin/python tests/benchmarks/bench_timeline.py [--records N] [--root TREE] [--no-peer] [--why [MS]]

--root runs another checkout's tab (e.g. `git archive HEAD~1 | tar -x -C /tmp/old`) for a before figure.
--why (MS, default 30): for each gap over MS, the step it fell in, the CPU time the GUI thread itself used in
it, and the GUI thread's innermost frames sampled every 5 ms by a side thread once a beat is 12 ms late (only
`pump`: the GUI thread was inside Qt, painting, or waited for the GIL; the other threads' frames are shown too).
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
RSS_GOAL_MB = 500
STALL_GOAL_MS = 50
THREAD_LINE = re.compile(r"(?:Current thread|Thread) (0x[0-9a-f]+) ")  # faulthandler's lines (--why)
FRAME_LINE = re.compile(r'\s+File "(.*)", line (\d+) in (.*)')
BASE = 1_790_000_000_000_000_000  # 2026-09-21 UTC
TZ = "Asia/Shanghai"


def rss_mb(field: str = "VmRSS") -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def file_rows(records: int):
    """One row per file: 4 items, 1 s apart (the last ~12 days), every 10th an image with EXIF times."""
    for i in range(records):
        item = f"E{i % 4 + 1}"
        modified = BASE + i * 1_000_000_123
        photo = i % 10 == 0
        exif = None
        if photo:
            exif = json.dumps({"original_utc_ns": modified - (i % 50) * 3_600_000_000_000, "zone_known": i % 20 == 0,
                               "digitized_utc_ns": modified - (i % 50) * 3_600_000_000_000,
                               "digitized_zone_known": i % 20 == 0})
        folder, suffix = ("相册", "jpg") if photo else ("聊天记录", "txt")
        yield (f"evidence/{item}/用户{i // 10000:03d}/{folder}/文件_{i:07d}.{suffix}",
               item, 1, "file", (i * 7919) % 5_000_000, modified, BASE + i * 7, BASE + i * 1_000_000_123 + 5,
               None, "image/jpeg" if photo else "text/plain", exif)


def make_store(path: Path, records: int):
    from models.store.store import open_store_file

    store = open_store_file(path)
    with store.db.conn:
        store.db.conn.executemany(
            "INSERT INTO files(path, item, listed, kind, size, modified_ns, accessed_ns, changed_ns, created_ns, "
            "mime, exif_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", file_rows(records))
    return store


def make_bundle(folder: Path, records: int):
    """What the tab reads of a bundle: its zone, case, items (acquisition ends before the last 5 % of E4's files,
    the case was prepared before the last 2 % of all files: anomalies in the tens of thousands)."""
    from models.common.timeutil import ns_to_utc_iso

    def at(index: float) -> str:
        return ns_to_utc_iso(BASE + int(index * records) * 1_000_000_123).replace("Z", "+00:00")

    items = [{"id": f"E{n}", "title": f"证据{n}", "kind": "onsite_extraction",
              "content": [{"path": f"evidence/E{n}", "type": "directory"}],
              "acquisition": {"started_at": at(0.0), "finished_at": at(0.95 if n == 4 else 1.01)},
              "sealing": {"sealed": True, "sealed_at": at(1.02)}} for n in range(1, 5)]
    return SimpleNamespace(timezone=TZ, root=folder, adhoc=False, digest="bench", items=items,
                           case={"prepared_at": at(0.98), "timezone": TZ})


def write_body(store, path: Path) -> int:
    """The TSK body file (3.x): MD5|name|inode|mode|UID|GID|size|atime|mtime|ctime|crtime, whole seconds."""
    sql = ("SELECT id, path, size, accessed_ns / 1000000000, modified_ns / 1000000000, changed_ns / 1000000000, "
           "COALESCE(created_ns / 1000000000, 0) FROM files WHERE kind = 'file'")
    lines = 0
    with path.open("w", encoding="utf-8") as out:
        for fid, name, size, atime, mtime, ctime, crtime in store.db.conn.execute(sql):
            out.write(f"0|/{name}|{fid}|r/rrw-r--r--|0|0|{size}|{atime}|{mtime}|{ctime}|{crtime}\n")
            lines += 1
    return lines


def run_mactime(body: Path) -> dict:
    """mactime -b body -d -y -z zone: seconds to its first line and to the end, lines written, its peak RSS.
    The peak comes from GNU time (/usr/bin/time -f %M), which forks mactime from its own small process:
    subprocess starts a child with vfork, and Linux carries this process's high-water mark over exec into
    the child's ru_maxrss. Without GNU time the peak is not given (None)."""
    gnu_time = shutil.which("time") or (os.path.exists("/usr/bin/time") and "/usr/bin/time")
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss_file:
        command = ["mactime", "-b", str(body), "-d", "-y", "-z", TZ]
        if gnu_time:
            command = [gnu_time, "-f", "%M", "-o", rss_file.name] + command
        started = time.perf_counter()
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, env=dict(os.environ, LC_ALL="C"))
        proc.stdout.readline()  # the header
        proc.stdout.readline()
        first = time.perf_counter() - started
        lines = 2 + sum(1 for _ in proc.stdout)
        proc.wait()
        total = time.perf_counter() - started
        text = rss_file.read().split()
    rss = int(text[-1]) / 1024 if gnu_time and text and text[-1].isdigit() else None
    return {"first": first, "total": total, "lines": lines, "rss": rss}


class Heartbeat:
    """A 10 ms QTimer on the GUI thread; the largest gap between ticks since the last reset. why_ms: each gap
    over it is kept (step, ms, the GUI thread's CPU ms in it, frames sampled while it lasted)."""

    def __init__(self, why_ms: float | None = None):
        from PySide6.QtCore import QTimer

        self.why_ms, self.step = why_ms, ""
        self.gaps: list[tuple[str, float, float, dict]] = []
        self._samples: dict[str, int] = {}
        self.timer = QTimer(interval=10)
        self.timer.timeout.connect(self._tick)
        self.reset()
        self.timer.start()
        if why_ms is not None:
            self._watch()

    def _tick(self):
        now, cpu = time.perf_counter(), time.thread_time()
        gap = now - self.last
        self.largest = max(self.largest, gap)
        if self.why_ms is not None and gap * 1000 > self.why_ms:
            self.gaps.append((self.step, gap * 1000, (cpu - self.last_cpu) * 1000, self._samples))
        self._samples = {}
        self.last, self.last_cpu = now, cpu

    def reset(self):
        self.last, self.largest = time.perf_counter(), 0.0
        self.last_cpu = time.thread_time()

    def _watch(self):
        """A side thread that samples every thread's frames while a beat is late. Through faulthandler, which
        writes them out without holding a reference: frames taken with sys._current_frames kept the GUI thread's
        locals alive after its functions returned (a QPainter left active at endPaint, then the bench died)."""
        import faulthandler
        import threading

        gui = f"0x{threading.get_ident():016x}"
        out = tempfile.TemporaryFile("w+")

        def stacks() -> dict[str, list[str]]:
            out.seek(0)
            out.truncate()
            faulthandler.dump_traceback(out, all_threads=True)
            out.seek(0)
            found, current = {}, None
            for line in out.read().splitlines():
                thread = THREAD_LINE.match(line)
                frame = FRAME_LINE.match(line)
                if thread:
                    current = found.setdefault(thread.group(1), [])
                elif frame and current is not None:
                    current.append(f"{Path(frame.group(1)).name}:{frame.group(2)} {frame.group(3)}")
            return found

        def look():
            while True:
                time.sleep(0.005)
                if (time.perf_counter() - self.last) * 1000 <= min(self.why_ms, 12):
                    continue
                found = stacks()
                mine = f"0x{threading.get_ident():016x}"
                lines = [" < ".join(found.get(gui, [])[:8]) or "(no Python frame)"]
                lines += [f"    [other] {' < '.join(frames[:3])}" for ident, frames in found.items()
                          if ident not in (gui, mine)]
                key = "\n  ".join(lines)
                self._samples[key] = self._samples.get(key, 0) + 1

        threading.Thread(target=look, daemon=True).start()

    def report(self, top: int = 12) -> None:
        for step, ms, cpu, samples in sorted(self.gaps, key=lambda g: -g[1])[:top]:
            print(f"--- gap {ms:.0f} ms in '{step}' (GUI thread on a CPU {cpu:.0f} ms of it):")
            for key, count in sorted(samples.items(), key=lambda kv: -kv[1])[:3]:
                print(f"  x{count}: {key}")

    def gap_ms(self) -> float:
        self._tick()
        return self.largest * 1000


def pump(app, until, timeout: float = 600.0) -> None:
    """Run the event loop (as the window would) until the condition holds."""
    deadline = time.perf_counter() + timeout
    while not until():
        app.processEvents()
        time.sleep(0.001)
        if time.perf_counter() > deadline:
            raise TimeoutError("the timeline did not answer")
    app.processEvents()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=int(os.environ.get("BENCH_RECORDS", "1000000")))
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent.parent)
    parser.add_argument("--no-peer", action="store_true")
    parser.add_argument("--why", type=float, nargs="?", const=30.0, default=None,
                        help="show where the GUI thread was in each gap over this many ms (default 30)")
    args = parser.parse_args()
    sys.path.insert(0, str(args.root.resolve()))
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from ui.app import make_context, pick_font
    from ui.timeline.timeline_tab import TimelineTab

    pick_font(app)
    folder = Path(tempfile.mkdtemp(prefix="ed-timeline-"))
    stalls: dict[str, float] = {}
    try:
        print(f"tree: {args.root}")
        started = time.perf_counter()
        store = make_store(folder / "m.sqlite", args.records)
        bundle = make_bundle(folder, args.records)
        print(f"generate {args.records:,} files: {time.perf_counter() - started:.1f} s; "
              f"store {(folder / 'm.sqlite').stat().st_size / 1e6:.0f} MB; RSS {rss_mb():.0f} MB")
        context = make_context(settings=QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat))
        tab = TimelineTab(context)
        tab.resize(1200, 800)
        tab.show()
        app.processEvents()
        beat = Heartbeat(args.why)
        done = {}
        tab.loaded.connect(lambda n: done.__setitem__("loaded", n))
        if hasattr(tab, "rows_shown"):  # a tab before the paging one has only loaded
            tab.rows_shown.connect(lambda n: done.__setitem__("rows", n))

        def stats_idle():
            handle = getattr(tab, "stats_handle", None)
            return handle is None or not handle.running

        def step(name, action, until):
            app.processEvents()
            beat.step = name
            beat.reset()
            began = time.perf_counter()
            action()
            first = time.perf_counter() - began
            pump(app, until)
            whole = time.perf_counter() - began
            stalls[name] = beat.gap_ms()
            beat.step = "(between steps: not counted)"
            return first, whole

        _, first_open = step("open: first rows", lambda: (done.clear(), tab.set_case(bundle, store)),
                             lambda: "rows" in done or "loaded" in done)
        times = done.get("rows", done.get("loaded"))
        _, rest = step("open: anomalies, count, strip", lambda: None, lambda: "loaded" in done and stats_idle())
        print(f"open (table built in a worker, first rows): {first_open:.2f} s; anomalies, count and strip "
              f"{rest:.2f} s later; {times:,} times, {tab.model.rowCount():,} rows fetched; RSS {rss_mb():.0f} MB; "
              f"largest GUI gap {stalls['open: first rows']:.0f} ms / {stalls['open: anomalies, count, strip']:.0f} ms")
        _, reopen = step("reopen: first rows", lambda: (done.clear(), tab.set_case(bundle, store)),
                         lambda: "rows" in done or "loaded" in done)
        _, rest2 = step("reopen: anomalies, count, strip", lambda: None, lambda: "loaded" in done and stats_idle())
        print(f"open again (table up to date): first rows {reopen:.2f} s, the rest {rest2:.2f} s later; largest "
              f"GUI gap {stalls['reopen: first rows']:.0f} ms / {stalls['reopen: anomalies, count, strip']:.0f} ms")
        model, view = tab.model, tab.view

        def scroll():
            while model.canFetchMore():
                view.scrollToBottom()
                app.processEvents()
            view.scrollToBottom()

        _, scrolled = step("scroll to the end", scroll, lambda: True)
        print(f"scroll to the last row: {scrolled:.2f} s, {model.rowCount():,} rows; RSS {rss_mb():.0f} MB; "
              f"largest GUI gap {stalls['scroll to the end']:.0f} ms")
        window = (BASE + int(args.records * 0.40) * 1_000_000_123, BASE + int(args.records * 0.45) * 1_000_000_123)
        first_rows, counted = step("filter a time window", lambda: tab.set_window(*window), stats_idle)
        print(f"filter a 5 % time window: first rows {first_rows * 1000:.0f} ms, count and strip {counted:.2f} s "
              f"({tab.strip.total:,} times); largest GUI gap {stalls['filter a time window']:.0f} ms")
        step("clear the filter", tab.clear_filter, stats_idle)
        from ui.timeline.timeline_anomalies import PathRole

        anomalies = tab.anomaly_model.rowCount()
        with_path = [r for r in range(anomalies - 1, max(-1, anomalies - 50), -1)
                     if tab.anomaly_model.index(r, 0).data(PathRole)]
        if with_path:
            last = tab.anomaly_model.index(with_path[0], 0)
            _, picked = step("pick the last anomaly", lambda: tab.anomaly_list.setCurrentIndex(last),
                             lambda: not getattr(tab, "pick_pending", False))  # found in a worker
            listed = getattr(tab, "anomaly_count", anomalies)
            print(f"pick the last (with a path) of {anomalies:,} anomalies listed ({listed:,} "
                  f"in all): {picked * 1000:.0f} ms to its row {view.currentIndex().row():,}; largest GUI gap "
                  f"{stalls['pick the last anomaly']:.0f} ms")
        peak = rss_mb("VmHWM")
        print(f"peak RSS: {peak:.0f} MB (goal < {RSS_GOAL_MB} MB); store now "
              f"{sum(p.stat().st_size for p in folder.glob('m.sqlite*')) / 1e6:.0f} MB")
        worst = max(stalls, key=stalls.get)
        print(f"largest GUI gap: {stalls[worst]:.0f} ms ({worst}; goal <= {STALL_GOAL_MS} ms)")
        if args.why is not None:
            beat.report()
        if not args.no_peer:
            body = folder / "body.txt"
            lines = write_body(store, body)
            peer = run_mactime(body)
            peer_rss = f"{peer['rss']:.0f} MB" if peer["rss"] is not None else "not measured (no GNU time)"
            print(f"mactime -b body -d -y ({lines:,} body lines, {peer['lines']:,} lines out): first line "
                  f"{peer['first']:.2f} s, whole timeline {peer['total']:.2f} s, peak RSS {peer_rss}")
            print(f"ours vs mactime: first rows {first_open:.2f} s (reopen {reopen:.2f}) vs {peer['first']:.2f} s; "
                  f"whole timeline (open + scroll to the end) {first_open + scrolled:.2f} s vs {peer['total']:.2f} s")
        context.runner.cancel_all()
        context.runner.wait(30_000)
        store.close()
        failed = peak >= RSS_GOAL_MB or stalls[worst] > STALL_GOAL_MS
        print("goals: " + ("MISSED" if failed else "met"))
        return 1 if failed else 0
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
