"""`check` holds no memory per item beyond the manifest: each item's results are saved, printed and let go, and
the verification records are read an item at a time (issue 19.12: 100k items took 2.1 GB and 199 s)."""

import contextlib
import io
import tracemalloc

import main
from tests.benchmarks.bench_check_scale import make_items

PER_ITEM = 1_500  # bytes of traced peak per extra item allowed (4,400 before the fix, ~230 after)


def _peak(root, store) -> int:
    tracemalloc.start()
    try:
        with contextlib.redirect_stdout(io.TextIOWrapper(open("/dev/null", "wb"), encoding="utf-8")), \
                contextlib.redirect_stderr(io.StringIO()):
            main.main(["check", str(root), "--store", str(store)])
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_peak_memory_grows_by_little_per_item(tmp_path):
    small, large = make_items(tmp_path, 40), make_items(tmp_path, 160)
    _peak(small, tmp_path / "warm")  # imports out of the figures
    small_peak = _peak(small, tmp_path / "s")
    large_peak = _peak(large, tmp_path / "l")
    per_item = (large_peak - small_peak) / 120
    assert per_item < PER_ITEM, f"{per_item:.0f} bytes an item ({small_peak:,} -> {large_peak:,})"
