"""Disk images: listing beside `fls -r -m /`, verification beside `ewfverify -d sha1,sha256`, same run.

    python tests/benchmarks/bench_image.py [listing|verify|both]

Listing: a FAT32 image of BENCH_FILES small files (default 100000, BENCH_PER_DIR a folder, default 200:
mcopy's cost grows with the folder, 12 ms a file at 1000) or BENCH_IMAGE, an existing image (an NTFS one:
mkntfs on a file, mounted with ntfs-3g, filled, unmounted). Ours is the whole scan into a store (what the
goal compares with fls: the helpers listing, this process writing; CPU of the whole tree, the helpers being
forked and waited for), the time to its first written rows, the fixed cost of starting (Python, imports,
store, image and partitions opened, nothing listed), and the walk in one process (ImageSource.entries),
each run alternating with fls.
Verify: an E01 of BENCH_VERIFY_GIB GiB (default 2; half random, half zero 1 MiB blocks, so compressed
chunks and empty ones both occur) made with ewfacquirestream -c deflate:fast, or BENCH_E01. Ours computes
MD5, SHA-1, SHA-256 and SM3 (`main.py verify IMAGE`); ewfverify three. Wall time, CPU time and peak RSS
of each process. Nothing here is kept: images are written in a temporary folder and removed."""

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
FILES = int(os.environ.get("BENCH_FILES", "100000"))
PER_DIR = int(os.environ.get("BENCH_PER_DIR", "200"))
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
VERIFY_GIB = float(os.environ.get("BENCH_VERIFY_GIB", "2"))


def timed(args, **kwargs) -> tuple[float, float, int]:
    """(wall s, CPU s, peak RSS MiB) of a command, through GNU time's own figures."""
    out = tempfile.NamedTemporaryFile(delete=False)
    out.close()
    started = time.perf_counter()
    subprocess.run(["/usr/bin/time", "-o", out.name, "-f", "%U %S %M", *args], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kwargs)
    wall = time.perf_counter() - started
    user, system, rss = Path(out.name).read_text().split()[-3:]
    os.unlink(out.name)
    return wall, float(user) + float(system), int(rss) // 1024


def make_fat(folder: Path) -> Path:
    tree = folder / "tree"
    for i in range(FILES):
        sub = tree / f"d{i // PER_DIR:04d}"
        if i % PER_DIR == 0:
            sub.mkdir(parents=True)
        (sub / f"文件_{i:06d}.txt").write_bytes(b"x" * (i % 100))
    image = folder / "fat32.raw"
    size_mb = max(64, FILES * 5 // 1000 + 64)
    with open(image, "wb") as out:
        out.truncate(size_mb << 20)
    env = dict(os.environ, MTOOLS_SKIP_CHECK="1")
    subprocess.run(["mkfs.vfat", "-F", "32", str(image)], check=True, stdout=subprocess.DEVNULL)
    started = time.perf_counter()
    subprocess.run(["mcopy", "-s", "-i", str(image), *map(str, sorted(tree.iterdir())), "::/"], check=True, env=env)
    print(f"built {FILES:,} files into {image.name} ({size_mb} MiB) in {time.perf_counter() - started:.0f} s")
    shutil.rmtree(tree)
    return image


START_SCRIPT = """
import sys
sys.path.insert(0, {root!r})
from models.bundle.manifest import load_bundle
from models.store.store import open_store
from models.inventory.scan import scan_bundle
from models.image.scan import open_source
bundle = load_bundle({image!r})
store = open_store(bundle, __import__("pathlib").Path({store!r}))
open_source(bundle).info()
"""

LIST_SCRIPT = """
import sys, time
sys.path.insert(0, {root!r})
from models.image.disk.container import inspect
from models.image.source import ImageSource
source = ImageSource(inspect({image!r}), "Asia/Shanghai")
print(sum(1 for _ in source.entries()))
"""

SCAN_SCRIPT = """
import sys, time
sys.path.insert(0, {root!r})
started = time.perf_counter()
from models.bundle.manifest import load_bundle
from models.store.store import open_store
from models.inventory.scan import scan_bundle
first = []
bundle = load_bundle({image!r})
store = open_store(bundle, __import__("pathlib").Path({store!r}))
summary = scan_bundle(bundle, store, progress=lambda *a: first or first.append(time.perf_counter() - started))
print(summary.files, round(first[0], 3) if first else None)
"""


def bench_listing(folder: Path) -> None:
    image = Path(os.environ["BENCH_IMAGE"]) if os.environ.get("BENCH_IMAGE") else make_fat(folder)
    count = subprocess.run(["fls", "-r", "-m", "/", str(image)], capture_output=True, check=True).stdout.count(b"\n")
    print(f"listing {image.name}: fls lists {count:,} entries")
    for run in range(RUNS):
        fls = timed(["fls", "-r", "-m", "/", str(image)])
        store = folder / f"store{run}"
        scan = timed([sys.executable, "-c", SCAN_SCRIPT.format(root=str(ROOT), image=str(image), store=str(store))])
        fls2 = timed(["fls", "-r", "-m", "/", str(image)])
        first = subprocess.run([sys.executable, "-c", SCAN_SCRIPT.format(root=str(ROOT), image=str(image),
                                                                         store=str(folder / f"again{run}"))],
                               capture_output=True, check=True).stdout.decode().split()[1]
        start = timed([sys.executable, "-c", START_SCRIPT.format(root=str(ROOT), image=str(image),
                                                                  store=str(folder / f"start{run}"))])
        walk = timed([sys.executable, "-c", LIST_SCRIPT.format(root=str(ROOT), image=str(image))])
        peer = (fls[0] + fls2[0]) / 2
        print(f"run {run + 1}: fls {fls[0]:.2f} / {fls2[0]:.2f} s (CPU {fls[1]:.2f}, {fls[2]} MiB) | scan into the "
              f"store {scan[0]:.2f} s (CPU {scan[1]:.2f}, {scan[2]} MiB) = {scan[0] / peer:.2f} x fls wall, "
              f"{scan[1] / fls[1]:.2f} x CPU, first rows written {first} s after start | of which starting "
              f"{start[0]:.2f} s (CPU {start[1]:.2f}) | walk in one process {walk[0]:.2f} s (CPU {walk[1]:.2f})")


def make_e01(folder: Path) -> Path:
    raw = folder / "media.raw"
    block, blocks = 1 << 20, int(VERIFY_GIB * 1024)
    zero = bytes(block)
    with open(raw, "wb") as out:
        out.writelines(os.urandom(block) if i % 2 else zero for i in range(blocks))
    started = time.perf_counter()
    with open(raw, "rb") as stream:
        subprocess.run(["ewfacquirestream", "-q", "-c", "deflate:fast", "-d", "sha1", "-C", "案件", "-A",
                        "windows-936", "-t", str(folder / "media")], stdin=stream, check=True,
                       stdout=subprocess.DEVNULL)
    raw.unlink()
    e01 = folder / "media.E01"
    segments = sorted(folder.glob("media.E*"))
    print(f"made {e01.name}: {VERIFY_GIB:g} GiB of media, {len(segments)} segments, "
          f"{sum(s.stat().st_size for s in segments) / 2**30:.2f} GiB on disk, "
          f"in {time.perf_counter() - started:.0f} s")
    return e01


PARTS_SCRIPT = """
import hashlib, os, resource, sys
sys.path.insert(0, {root!r})
from models.image.disk.container import inspect
from models.image.disk.media import open_media
from models.image.disk.media_hash import READ_SIZE
def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime
media = open_media(inspect({e01!r}))
started, done = cpu(), 0
while done < media.size:
    done += len(media.read(done, min(READ_SIZE, media.size - done)))
print("read", (cpu() - started) / (done / 2**30))
block = memoryview(os.urandom(READ_SIZE))
for name in ("md5", "sha1", "sha256", "sm3"):
    best = None
    for _ in range(2):
        hasher, started = hashlib.new(name), cpu()
        for _ in range((256 << 20) // READ_SIZE):
            hasher.update(block)
        best = min(best or 9e9, (cpu() - started) * 4)
    print(name, best)
"""


def verify_parts(e01: Path, ewf: tuple) -> None:
    """CPU per GiB of each part of ours (one thread each, best of two for the digests) and the lower bound
    they set on two cores, beside ewfverify's own CPU per GiB."""
    out = subprocess.run([sys.executable, "-c", PARTS_SCRIPT.format(root=str(ROOT), e01=str(e01))],
                         capture_output=True, check=True).stdout.decode()
    parts = {name: float(value) for name, value in (line.split() for line in out.splitlines())}
    total = sum(parts.values())
    print("CPU s/GiB: " + ", ".join(f"{k} {v:.2f}" for k, v in parts.items()) + f"; sum {total:.2f}, on two cores "
          f">= {max(total / 2, parts['sm3']):.2f} s/GiB | ewfverify CPU {ewf[1] / VERIFY_GIB:.2f} s/GiB (one thread) "
          f"-> ours >= {max(total / 2, parts['sm3']) / (ewf[1] / VERIFY_GIB):.2f} x ewfverify on an idle machine")


def bench_verify(folder: Path) -> None:
    e01 = Path(os.environ["BENCH_E01"]) if os.environ.get("BENCH_E01") else make_e01(folder)
    media = VERIFY_GIB * 2**30
    for run in range(RUNS):
        ewf = timed(["ewfverify", "-q", "-d", "sha1,sha256", str(e01)])
        ours = timed([sys.executable, str(ROOT / "main.py"), "verify", str(e01), "--store", str(folder / "vstore")])
        print(f"run {run + 1}: ewfverify (md5, sha1, sha256) {ewf[0]:.1f} s (CPU {ewf[1]:.1f}, {ewf[2]} MiB, "
              f"{media / ewf[0] / 1e6:.0f} MB/s) | ours (md5, sha1, sha256, sm3) {ours[0]:.1f} s (CPU {ours[1]:.1f}, "
              f"{ours[2]} MiB, {media / ours[0] / 1e6:.0f} MB/s) = {ours[0] / ewf[0]:.2f} x")
    verify_parts(e01, ewf)


def main() -> None:
    what = sys.argv[1] if len(sys.argv) > 1 else "both"
    folder = Path(tempfile.mkdtemp(prefix="bench_image_"))
    try:
        if what in ("listing", "both"):
            bench_listing(folder)
        if what in ("verify", "both"):
            bench_verify(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
