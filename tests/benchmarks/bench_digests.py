"""Digest engine beside hashdeep, sha256sum and a bare threaded hashlib loop, measured in the same run.

Run: .venv/bin/python tests/benchmarks/bench_digests.py [--small] [--keep DIR]
(--small: 256 MiB and 20k files instead of 1 GiB and 100k files).
"""

import argparse
import hashlib
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from models.digests import ALGORITHMS, FileJob, digest_file, digest_files  # noqa: E402


def timed(fn, repeat=2) -> float:
    """Best of `repeat` wall-clock runs (the machine is shared; the best run is the least disturbed)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def run_tool(*cmd) -> None:
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)


def bare_threaded(path: Path, algorithms=ALGORITHMS) -> None:
    """One thread per digest, each reading the (cached) file itself: the two-core limit of hashlib."""
    def one(name):
        h = hashlib.new(name)
        with open(path, "rb", buffering=0) as f:
            while chunk := f.read(2 << 20):
                h.update(chunk)
    threads = [threading.Thread(target=one, args=(a,)) for a in algorithms]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def make_big(folder: Path, size: int) -> Path:
    path = folder / "big.bin"
    block = os.urandom(1 << 20)
    with open(path, "wb") as f:
        for _ in range(size >> 20):
            f.write(block)
    return path


def make_small(folder: Path, count: int) -> Path:
    tree = folder / "small"
    data = os.urandom(4096 * 64)
    for i in range(count):
        sub = tree / f"d{i // 1000:03}"
        if i % 1000 == 0:
            sub.mkdir(parents=True)
        (sub / f"f{i:06}.bin").write_bytes(data[(i % 64) * 4096:(i % 64 + 1) * 4096])
    return tree


def small_jobs(tree: Path, algorithms) -> list[FileJob]:
    return [FileJob(p, Path(d, p), algorithms, 4096) for d, _s, names in os.walk(tree) for p in names]


def row(label, ours, peer, peer_label, target) -> None:
    ratio = ours / peer
    print(f"{label:<34} ours {ours:7.2f} s   {peer_label:<28} {peer:7.2f} s   ratio {ratio:5.2f}  (target {target})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", action="store_true")
    parser.add_argument("--keep", metavar="DIR")
    args = parser.parse_args()
    size, count = ((256 << 20), 20000) if args.small else ((1 << 30), 100000)
    folder = Path(args.keep or tempfile.mkdtemp(prefix="bench_digests_"))
    folder.mkdir(parents=True, exist_ok=True)
    big = folder / "big.bin" if (folder / "big.bin").exists() else make_big(folder, size)
    tree = folder / "small" if (folder / "small").exists() else make_small(folder, count)
    run_tool("cat", str(big))  # into the page cache for every contender alike
    print(f"file {size >> 20} MiB, {count} files of 4 KiB, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")

    ours = timed(lambda: digest_file(big, ALGORITHMS))
    row("4 digests (md5,sha1,sha256,sm3)", ours, timed(lambda: run_tool("hashdeep", "-c", "md5,sha1,sha256", str(big))),
        "hashdeep -c md5,sha1,sha256", "<= 0.60")
    row("4 digests vs bare threaded", ours, timed(lambda: bare_threaded(big)), "bare threaded hashlib x4", "<= 1.15")
    row("sha256 alone", timed(lambda: digest_file(big, ["sha256"])),
        timed(lambda: run_tool("sha256sum", str(big))), "sha256sum", "<= 0.33 (3x faster)")
    jobs = small_jobs(tree, ("md5", "sha256"))
    peer = timed(lambda: run_tool("hashdeep", "-r", str(tree)))
    for workers in (1, 2):
        row(f"{count} x 4 KiB md5+sha256, {workers} thr", timed(lambda: list(digest_files(jobs, workers=workers))),
            peer, "hashdeep -r (md5,sha256)", "<= 0.60")
    jobs4 = small_jobs(tree, ALGORITHMS)
    row(f"{count} x 4 KiB, 4 digests", timed(lambda: list(digest_files(jobs4, workers=1)), 1),
        peer, "hashdeep -r (md5,sha256)", "(information)")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB (target < 150 MB)")
    if not args.keep:
        subprocess.run(["rm", "-rf", str(folder)], check=False)


if __name__ == "__main__":
    main()
