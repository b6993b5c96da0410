"""Digest engine beside hashdeep, sha256sum and a bare threaded hashlib loop, measured in the same run.

Run: .venv/bin/python tests/benchmarks/bench_digests.py [--small] [--keep DIR]
(--small: 256 MiB and 20k files instead of 1 GiB and 100k files).

Every figure is the median of 3 runs, ours and the peer's taken in turn (the machine is shared and noisy).
Many small files, like with like: `hashdeep -r` computes md5 and sha256 when not told (read from its own
output header) and ours computes the same two. hashdeep's time includes walking the tree, so THE figure is
ours walking it too: models.integrity.digest_tree.digest_tree (what a user waits for, as verify reads a listed
folder). Information lines: the first run in the process (after the helpers' server has started, as the
window starts it at start-up; and with that start counted), the engine alone on a list given
(models.integrity.digest_pool.digest_many), a listing first then digest_many, one process, and the whole of
verify_bundle on the same files made a bundle (hard links, listed by hashdeep's own output), with and
without saving its results in a store.
"""

import argparse
import hashlib
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from models.integrity.digest_pool import digest_many  # noqa: E402
from models.integrity.digest_tree import digest_tree  # noqa: E402
from models.integrity.digests import ALGORITHMS, FileJob, digest_file  # noqa: E402
from models.runtime.jobs import start_helper_server  # noqa: E402

RUNS = 3


def seconds(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def medians(*fns, runs=RUNS) -> list[float]:
    """Median wall-clock seconds of each function, the functions run in turn `runs` times."""
    times = [[] for _ in fns]
    for _ in range(runs):
        for fn, found in zip(fns, times):
            found.append(seconds(fn))
    return [statistics.median(found) for found in times]


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


def listed(tree: Path, algorithms) -> list[FileJob]:
    """Every regular file under tree with its size, as `hashdeep -r` finds them (no link followed)."""
    jobs, folders = [], [str(tree)]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
                elif entry.is_file(follow_symlinks=False):
                    jobs.append(FileJob(entry.path, entry.path, algorithms, entry.stat(follow_symlinks=False).st_size))
    return jobs


def hashdeep_default_digests(tree: Path) -> tuple[str, ...]:
    """The digests `hashdeep -r` computes when not told (its header line: %%%% size,md5,sha256,filename)."""
    out = subprocess.run(["hashdeep", "-r", str(next(tree.iterdir()))], capture_output=True, text=True, check=True)
    header = next(line for line in out.stdout.splitlines() if line.startswith("%%%% size,"))
    return tuple(header[len("%%%% size,"):].split(",")[:-1])


def peak_rss() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def helpers_rss() -> float:
    """The largest peak RSS (MB) of this process's helper processes now running (Linux /proc)."""
    import multiprocessing

    found = [0.0]
    for child in multiprocessing.active_children():
        try:
            status = Path(f"/proc/{child.pid}/status").read_text()
        except OSError:
            continue
        found += [int(line.split()[1]) / 1024 for line in status.splitlines() if line.startswith("VmHWM:")]
    return max(found)


def make_bundle(folder: Path, tree: Path):
    """The small files as a bundle: hard links under evidence/E1, listed by hashdeep's own output."""
    from models.bundle.manifest import load_bundle

    root = folder / "bundle"
    if not root.exists():
        for d, _dirs, names in os.walk(tree):
            target = root / "evidence/E1" / os.path.relpath(d, tree)
            target.mkdir(parents=True, exist_ok=True)
            for n in names:
                os.link(os.path.join(d, n), target / n)
        (root / "documents").mkdir()
        listing = subprocess.run(["hashdeep", "-l", "-r", "evidence/E1"], cwd=root, capture_output=True, check=True)
        (root / "documents/E1.hashdeep.txt").write_bytes(listing.stdout)
        manifest = {"format": "evidence-bundle/1",
                    "case": {"case_number": "测试〔2026〕1号", "title": "测试", "prepared_by": "李某",
                             "prepared_at": "2026-11-20T10:00:00+08:00"},
                    "items": [{"id": "E1", "title": "E1", "kind": "obtained", "content": [
                        {"path": "evidence/E1", "type": "directory", "digest_list": "documents/E1.hashdeep.txt"}]}]}
        (root / "bundle.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    return load_bundle(root)


def verify_rss(root: Path) -> float:
    """Peak RSS (MB) of a new Python process that loads the bundle and runs verify_bundle on it once.
    Read from VmHWM, not getrusage: subprocess starts the child with vfork, and Linux hands the parent's
    high-water mark to the child at exec (ru_maxrss gave this process's 201 MB for a child peaking at 139)."""
    code = ("import sys\nsys.path.insert(0, sys.argv[2])\nfrom models.bundle.manifest import load_bundle\n"
            "from models.integrity.verify import verify_bundle\nif __name__ == '__main__':\n"
            "    verify_bundle(load_bundle(sys.argv[1]))\n"
            "    status = open('/proc/self/status').read().split('VmHWM:')[1].split()\n"
            "    print(int(status[0]) / 1024)\n")
    done = subprocess.run([sys.executable, "-c", code, str(root), str(Path(__file__).resolve().parents[2])],
                          capture_output=True, text=True, check=True)
    return float(done.stdout.split()[-1])


def verify_and_save(bundle, folder: Path, save_results) -> None:
    """What `verify` does before printing: verify_bundle, then its results saved in a review store."""
    from models.integrity.verify import verify_bundle
    from models.store.store import open_store_file

    results = verify_bundle(bundle)
    path = folder / "verify-store.sqlite"
    store = open_store_file(path)
    try:
        save_results(store, results)
    finally:
        store.close()


def row(label, ours, peer, peer_label, target) -> None:
    ratio = ours / peer
    print(f"{label:<36} ours {ours:7.2f} s   {peer_label:<30} {peer:7.2f} s   ratio {ratio:5.2f}  (target {target})")


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

    ours, peer, bare = medians(lambda: digest_file(big, ALGORITHMS),
                               lambda: run_tool("hashdeep", "-c", "md5,sha1,sha256", str(big)),
                               lambda: bare_threaded(big))
    row("4 digests (md5,sha1,sha256,sm3)", ours, peer, "hashdeep -c md5,sha1,sha256", "<= 0.60")
    row("4 digests vs bare threaded", ours, bare, "bare threaded hashlib x4", "<= 1.15")
    ours, peer = medians(lambda: digest_file(big, ["sha256"]), lambda: run_tool("sha256sum", str(big)))
    row("sha256 alone", ours, peer, "sha256sum", "<= 0.33 (3x faster)")

    default = hashdeep_default_digests(tree)
    name = ",".join(default)
    jobs = listed(tree, default)
    print(f"small files: `hashdeep -r` computes {name} by default (its header); ours computes the same {name}, "
          f"walking the tree as hashdeep does (digest_tree, {os.cpu_count()} helper processes)")
    run_tool("hashdeep", "-r", str(tree))  # the tree into the page cache for every contender alike
    peak = []
    server = seconds(start_helper_server)  # as the window does at start-up: the helpers' server, preloaded
    cold = seconds(lambda: list(digest_tree(tree, default, progress=lambda *_a: peak.append(helpers_rss()))))
    walked, peer, engine, listing_first, one_thread = medians(
        lambda: list(digest_tree(tree, default)), lambda: run_tool("hashdeep", "-r", str(tree)),
        lambda: list(digest_many(jobs)), lambda: list(digest_many(listed(tree, default))),
        lambda: list(digest_tree(tree, default, processes=0)))
    row(f"{count} x 4 KiB {name}, walk + digests", walked, peer, f"hashdeep -r ({name})", "<= 0.60")
    row("  first run in this process", cold, peer, f"hashdeep -r ({name})", "(information)")
    row("  first run, helper server start too", cold + server, peer, f"hashdeep -r ({name})", "(information)")
    row("  engine alone, list given", engine, peer, f"hashdeep -r ({name})", "(information)")
    row("  listing first, then digest_many", listing_first, peer, f"hashdeep -r ({name})", "(information)")
    row("  one process, no helpers", one_thread, peer, f"hashdeep -r ({name})", "(information)")
    print(f"peak RSS {peak_rss():.0f} MB (target < 150 MB); helper processes' peak RSS {max(peak or [0]):.0f} MB each")
    from models.integrity.verify import (  # here: helper processes re-import this script, keep that light
        save_results,
        verify_bundle,
    )

    bundle = make_bundle(folder, tree)
    rss_before = peak_rss()
    ours, saved, peer = medians(lambda: verify_bundle(bundle), lambda: verify_and_save(bundle, folder, save_results),
                                lambda: run_tool("hashdeep", "-r", str(tree)))
    row("  verify_bundle, hashdeep list", ours, peer, f"hashdeep -r ({name})", "(information)")
    row("  verify_bundle + save_results", saved, peer, f"hashdeep -r ({name})", "(information)")
    rss = statistics.median(verify_rss(folder / "bundle") for _ in range(RUNS))
    print(f"verify_bundle of {count} files in a new process: peak RSS {rss:.0f} MB (median of {RUNS}) "
          f"(target < 150 MB; this process, which holds the lists above too: {peak_rss():.0f} MB, "
          f"{rss_before:.0f} before)")
    ours, peer = medians(lambda: list(digest_tree(tree, ALGORITHMS)),
                         lambda: run_tool("hashdeep", "-r", "-c", "md5,sha1,sha256", str(tree)))
    row(f"{count} x 4 KiB, 4 digests, walk", ours, peer, "hashdeep -r -c md5,sha1,sha256", "(information)")
    if not args.keep:
        subprocess.run(["rm", "-rf", str(folder)], check=False)


if __name__ == "__main__":
    main()
