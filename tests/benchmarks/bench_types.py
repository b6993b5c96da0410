"""Benchmark: typing 100k small files (fill_types) beside `find | xargs file --mime-type` on the same tree.

Run: .venv/bin/python tests/benchmarks/bench_types.py [--files 100000] [--mode process|thread] [--keep DIR]
     [--rounds 3] [--no-exif]
The tree is built from the corpus's small files (copied round-robin), so the types are real ones.
"""

import argparse
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus"


def build_tree(target: Path, count: int) -> None:
    samples = sorted(p for d in ("filetypes", "exif") for p in (CORPUS / d).rglob("*")
                     if p.is_file() and p.stat().st_size < 8192 and p.suffix != ".result")
    blobs = [(p.name, p.read_bytes()) for p in samples]
    for i in range(count):
        name, data = blobs[i % len(blobs)]
        folder = target / "evidence" / f"d{i // 1000:03d}"
        if i % 1000 == 0:
            folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{i:06d}_{name}").write_bytes(data)


def time_peer(tree: Path, parallel: int = 1) -> float:
    """The peer; parallel 2 (information only) runs two `file` at once, libmagic's own floor on two cores."""
    start = time.perf_counter()
    find = subprocess.Popen(["find", str(tree), "-type", "f", "-print0"], stdout=subprocess.PIPE)
    split = ["-P", str(parallel), "-n", "5000"] if parallel > 1 else []
    subprocess.run(["xargs", "-0", *split, "file", "--mime-type"], stdin=find.stdout, stdout=subprocess.DEVNULL,
                   check=True)
    find.wait()
    return time.perf_counter() - start


def stall_probe(stop: threading.Event, worst: list) -> None:
    """The main thread's view: how late a 10 ms tick comes while the pass runs (GIL held by workers)."""
    while not stop.is_set():
        start = time.perf_counter()
        time.sleep(0.01)
        worst[0] = max(worst[0], time.perf_counter() - start - 0.01)


def stall_probe_until(runner: threading.Thread, stop: threading.Event, worst: list) -> None:
    probe = threading.Thread(target=stall_probe, args=(stop, worst))
    probe.start()
    runner.join()
    stop.set()
    probe.join()


def time_ours(tree: Path, store_dir: Path, mode: str, workers: int, exif: bool) -> tuple[float, float, int]:
    from models.bundle.manifest import load_bundle
    from models.inventory.scan import scan_bundle
    from models.inventory.typing_pass import fill_types
    from models.store.store import open_store

    bundle = load_bundle(tree)
    store = open_store(bundle, store_dir)
    start = time.perf_counter()
    scan_bundle(bundle, store)
    scanned = time.perf_counter()
    result, worst, stop = [], [0.0], threading.Event()
    runner = threading.Thread(target=lambda: result.append(fill_types(bundle, store, workers=workers, mode=mode,
                                                                      exif=exif)))
    runner.start()
    stall_probe_until(runner, stop, worst)
    count = result[0]
    done = time.perf_counter()
    print(f"  (exif={exif}) longest stall of a 10 ms tick on the calling process's main thread: "
          f"{worst[0] * 1000:.0f} ms")
    store.close()
    return scanned - start, done - scanned, count


def median(values: list[float]) -> float:
    return sorted(values)[len(values) // 2]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=100_000)
    parser.add_argument("--mode", default="process", choices=["process", "thread"])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3, help="peer and ours taken in turn this many times")
    parser.add_argument("--no-exif", action="store_true", help="skip the (information only) run with EXIF")
    parser.add_argument("--keep", type=Path, help="reuse/keep the tree in this folder")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench_types_"))
    tree = args.keep or work / "tree"
    if not (tree / "evidence").is_dir():
        build_tree(tree, args.files)
    subprocess.run(["find", str(tree), "-type", "f"], stdout=subprocess.DEVNULL)  # warm the cache for both
    peers, ours, ratios, count, scan_s = [], [], [], 0, 0.0
    for n in range(args.rounds):
        peers.append(time_peer(tree))
        scan_s, type_s, count = time_ours(tree, work / f"types{n}", args.mode, args.workers, exif=False)
        ours.append(type_s)
        ratios.append(type_s / peers[-1])
        print(f"  round {n + 1}: peer {peers[-1]:6.2f} s, ours {type_s:6.2f} s = {ratios[-1]:.3f} x")
    print(f"files: {count}  mode: {args.mode} x{args.workers}  (medians of {args.rounds}, peer and ours in turn)")
    print(f"find | xargs file --mime-type          : {median(peers):7.2f} s")
    print(f"fill_types(exif=False) type+form+flag  : {median(ours):7.2f} s = {median(ratios):.3f} x the peer "
          f"(median of the rounds' ratios; target <= 0.6)")
    two = time_peer(tree, parallel=2)
    print(f"xargs -P2 file --mime-type (one run)   : {two:7.2f} s = {two / median(peers):.3f} x the peer: libmagic's "
          f"floor on two cores; ours is {median(ours) / two:.2f} x it (information)")
    if not args.no_exif:
        _, full_s, _ = time_ours(tree, work / "full", args.mode, args.workers, exif=True)
        print(f"fill_types() with EXIF of the images   : {full_s:7.2f} s = {full_s / median(peers):.2f} x the peer "
              f"(one run, information)")
    print(f"scan_bundle (stat phase, not compared) : {scan_s:7.2f} s")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
