"""`check` at scale: a bundle of many items (one small file each, its digest in the manifest), made by code;
peak RSS (VmHWM) and time of the whole command at two sizes, so the slope per item shows
(issue 19.12: 100k items took 199 s and 2.1 GB).

Run: .venv/bin/python tests/benchmarks/bench_check_scale.py [--items N | --files N | --bundle DIR] [--keep DIR]
(default 20,000 items; the small bundle is N/4). --files N: one item of N files of 4 KiB (a hashdeep list);
--bundle: one bundle as it is. With hashdeep installed, `hashdeep -r` over the same files in the same run.
Figures (2 shared cores, load 3-7): before the compact manifest, coverage, verify and anomalies, 5,000 items
15.8 s / 95 MB, 20,000 items 70.7 s / 138 MB (projected 366 MB at 100k); after, 20,000 items 53.3 s / 103 MB,
25,000 items 109 MB, 100,000 items 209 MB peak RSS (962 s under load 6-7).
One item of 1,000,005 files of 4 KiB (bench_digests.make_small + make_bundle, `/usr/bin/time -v main.py check`):
5,148 MB before; 452 MB after the checks, typing and rescan streamed (21:52 wall, 17 min of it typing, with the
full test suite running beside; `hashdeep -r` over the same files just after: 2:08, 4 MB). 200,000 files:
1,100 -> 181 MB, the same output. Once a finding's file list went to the side table (models.store.finding_files):
1,000,005 files 177 MB (19:02 wall, the full suite beside, load 12-13; `hashdeep -r` just after: 76 s, 4 MB),
200,000 files 114 MB. `memo` on that 1M-file store: 324 s, 454 MB (it reads Art. 45's 999,023 files back whole)."""

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

COMMAND = ("import sys, io\nsys.path.insert(0, sys.argv[1])\nimport main\nif __name__ == '__main__':\n"
           "    sys.stdout = io.TextIOWrapper(open('/dev/null', 'wb'), encoding='utf-8')\n"
           "    code = main.main(['check', sys.argv[2], '--store', sys.argv[3]])\n"
           "    status = open('/proc/self/status').read().split('VmHWM:')[1].split()\n"
           "    print(int(status[0]) / 1024, code, file=sys.stderr)\n")


def make_items(folder: Path, count: int) -> Path:
    """count items of kind obtained, each one file under evidence/E<n>/ with its SHA-256 in the manifest."""
    root = folder / f"items{count}"
    if root.exists():
        return root
    items = []
    for n in range(count):
        rel = f"evidence/E{n:06}/chat{n}.txt"
        data = f"第 {n} 条聊天记录\n".encode()
        (root / rel).parent.mkdir(parents=True)
        (root / rel).write_bytes(data)
        digests = {"sha256": hashlib.sha256(data).hexdigest()}
        items.append({"id": f"E{n:06}", "title": f"聊天记录 {n}", "kind": "obtained",
                      "content": [{"path": rel, "type": "file", "digests": digests}]})
    manifest = {"format": "evidence-bundle/1",
                "case": {"case_number": "测试〔2026〕1号", "title": "测试", "prepared_by": "李某",
                         "prepared_at": "2026-11-20T10:00:00+08:00"}, "items": items}
    (root / "bundle.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    return root


def make_files(folder: Path, count: int, size: int = 64) -> Path:
    """One item of count files (size bytes each, a thousand a folder) under evidence/E1, listed by a hashdeep
    list (size, md5, sha256, as `hashdeep -l -r` writes it), made here so no tool is needed."""
    root = folder / f"files{count}"
    if root.exists():
        return root
    lines = ["%%%% HASHDEEP-1.0", "%%%% size,md5,sha256,filename", "## Invoked from: " + str(root),
             "## # hashdeep -l -r evidence/E1", "## "]
    for n in range(count):
        rel = f"evidence/E1/d{n // 1000:04}/f{n:07}.bin"
        if n % 1000 == 0:
            (root / rel).parent.mkdir(parents=True)
        data = n.to_bytes(8, "little") * (size // 8)
        (root / rel).write_bytes(data)
        lines.append(f"{len(data)},{hashlib.md5(data).hexdigest()},{hashlib.sha256(data).hexdigest()},{rel}")
    (root / "documents").mkdir()
    (root / "documents/E1.hashdeep.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    manifest = {"format": "evidence-bundle/1",
                "case": {"case_number": "测试〔2026〕1号", "title": "测试", "prepared_by": "李某",
                         "prepared_at": "2026-11-20T10:00:00+08:00"},
                "items": [{"id": "E1", "title": "E1", "kind": "obtained", "content": [
                    {"path": "evidence/E1", "type": "directory", "digest_list": "documents/E1.hashdeep.txt"}]}]}
    (root / "bundle.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    return root


def check_command(root: Path, store: Path) -> tuple[float, float, str]:
    """(seconds, peak RSS MB, exit code) of `main.py check ROOT` in a new process (VmHWM, as bench_verify_scale)."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", COMMAND, str(ROOT), str(root), str(store)], capture_output=True,
                          text=True, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"), check=False)
    seconds = time.perf_counter() - started
    try:
        rss, code = done.stderr.split()[-2:]
    except ValueError:
        raise SystemExit(done.stderr[-2000:]) from None
    return seconds, float(rss), code


def hashdeep_command(root: Path) -> tuple[float, float]:
    """(seconds, peak RSS MB) of `hashdeep -r evidence` over the same files (md5 and sha256, its default). Its RSS
    through /usr/bin/time where there is one: a child started from this process is handed this process's
    high-water mark at exec (see bench_digests.verify_rss), 28 MB for hashdeep's 4."""
    timer = ["/usr/bin/time", "-f", "%M"] if Path("/usr/bin/time").exists() else []
    with tempfile.TemporaryFile() as said:  # a file, not a pipe: many unreadable files cannot fill it and stall
        started = time.perf_counter()
        child = subprocess.Popen(timer + ["hashdeep", "-r", "evidence"], cwd=root, stdout=subprocess.DEVNULL,
                                 stderr=said)
        _pid, _status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        child.returncode = 0
        said.seek(0)
        told = said.read().decode("utf-8", "replace").split()
    return seconds, (int(told[-1]) if timer and told and told[-1].isdigit() else usage.ru_maxrss) / 1024


def _one_bundle(root: Path, store: Path, label: str) -> tuple[float, float]:
    seconds, rss, code = check_command(root, store)
    print(f"{label}: check {seconds:7.1f} s, peak RSS {rss:6.0f} MB (exit {code})", flush=True)
    if shutil.which("hashdeep"):
        peer, peer_rss = hashdeep_command(root)
        print(f"{'':>{len(label)}}  hashdeep -r {peer:7.1f} s, peak RSS {peer_rss:6.0f} MB (same files, same run)",
              flush=True)
    return seconds, rss


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=20_000)
    parser.add_argument("--files", type=int, help="one item of N files (4 KiB each) instead of many items")
    parser.add_argument("--bundle", type=Path, help="check this bundle alone (e.g. bench_digests' 1M files)")
    parser.add_argument("--keep", type=Path)
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-check-"))
    folder.mkdir(parents=True, exist_ok=True)
    if args.bundle:
        _one_bundle(args.bundle, folder / f"store{time.time_ns()}", str(args.bundle))
        return
    unit, count = ("files", args.files) if args.files else ("items", args.items)
    sizes = (count // 4, count)
    figures = {}
    for n in sizes:
        root = make_files(folder, n, size=4096) if args.files else make_items(folder, n)
        figures[n] = _one_bundle(root, folder / f"store{time.time_ns()}", f"{n:>9,} {unit}")
    (s_small, r_small), (s_big, r_big) = figures[sizes[0]], figures[sizes[1]]
    per = 100_000 / (sizes[1] - sizes[0])
    projected = r_big + (r_big - r_small) * (100_000 - sizes[1]) / (sizes[1] - sizes[0])
    print(f"slope: {(r_big - r_small) * per:.0f} MB and {(s_big - s_small) * per:.0f} s per 100k {unit}; "
          f"projected at 100k {unit}: {projected:.0f} MB")


if __name__ == "__main__":
    main()
