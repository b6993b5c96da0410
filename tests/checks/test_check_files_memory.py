"""`check` on ONE item of many files holds little per file (issue 19.12: one item of 1M files peaked at 5.1 GB).
Each check read the item's file records as dicts (twice), the context kept its 2 verification records a file as
dicts, the proposal JSON-encoded a finding's file list at ~190 B a path, and a rescan held every stored row.
Measured on a second `check` of the same store (the rescan, every check, the results saved and the proposal read
back; the first run warms the process and fills the store), traced peak per extra file, SMALL -> LARGE files, in
a fresh process (see tests/checks/test_check_memory.py)."""

import contextlib
import gc
import io
import tracemalloc

import main
from tests.benchmarks.bench_check_scale import make_files
from tests.checks.test_check_memory import _in_fresh_process

# traced peak of a second check per extra file: 4,530 B before; after, both peaks 4.28 MB (what the run holds per
# file, ~300 B at most, stays under the peak of its other steps)
PEAK_PER_FILE = 900
SMALL, LARGE = 2_000, 8_000


def _peak_of_check(root, store) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        with contextlib.redirect_stdout(io.TextIOWrapper(open("/dev/null", "wb"), encoding="utf-8")), \
                contextlib.redirect_stderr(io.StringIO()):
            main.main(["check", str(root), "--store", str(store)])
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def peak_figures(folder) -> dict:
    small, large = make_files(folder, SMALL), make_files(folder, LARGE)
    for root in (small, large):  # the first check fills each store (types, digests) and warms the process
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            main.main(["check", str(root), "--store", str(folder / f"store-{root.name}")])
    return {"peak": [_peak_of_check(root, folder / f"store-{root.name}") for root in (small, large)]}


def test_check_holds_little_per_file_of_one_item(tmp_path):
    small, large = _in_fresh_process_files(tmp_path)["peak"]
    per_file = (large - small) / (LARGE - SMALL)
    assert per_file < PEAK_PER_FILE, f"{per_file:.0f} bytes a file ({small:,} -> {large:,})"


def _in_fresh_process_files(folder):
    return _in_fresh_process("peak_figures", folder, module="tests.checks.test_check_files_memory")
