"""`check` holds little memory per item: the manifest's items kept compact, the coverage map in arrays, each item's
results saved, printed and let go, the anomalies kept packed (issue 19.12: 100k items took 2.1 GB and 199 s).
Traced bytes per extra item, 40 -> 400 items (tracemalloc), against the figures before and after the change."""

import contextlib
import gc
import io
import tracemalloc

import main
from checks import check_cmd
from models.bundle.coverage import Coverage
from models.bundle.manifest import load_bundle
from tests.benchmarks.bench_check_scale import make_items

HELD_PER_ITEM = 2_500  # held when the checks start (7,760 B before: items as dicts, anomalies as objects; ~1,280)
MANIFEST_PER_ITEM = 500  # a loaded manifest (1,086 B as dicts; ~290 as blobs)
COVERAGE_PER_ITEM = 120  # the coverage map of one listed path (222 B in dicts; ~64 in arrays)
SMALL, LARGE = 40, 400


@contextlib.contextmanager
def _traced():
    gc.collect()
    tracemalloc.start()
    try:
        yield
    finally:
        tracemalloc.stop()


def _held_when_checking(root, store) -> int:
    """Traced bytes held once the checks' context is built (manifest, anomalies, caches), a whole `check` run."""
    held = []
    real = check_cmd.build_context

    def built(*args, **kwargs):
        context = real(*args, **kwargs)
        gc.collect()
        held.append(tracemalloc.get_traced_memory()[0])
        return context

    check_cmd.build_context = built
    try:
        with _traced(), contextlib.redirect_stdout(io.TextIOWrapper(open("/dev/null", "wb"), encoding="utf-8")), \
                contextlib.redirect_stderr(io.StringIO()):
            main.main(["check", str(root), "--store", str(store)])
    finally:
        check_cmd.build_context = real
    return held[0]


def _per_item(small: int, large: int) -> float:
    return (large - small) / (LARGE - SMALL)


def test_check_holds_little_per_item_while_it_checks(tmp_path):
    small, large = make_items(tmp_path, SMALL), make_items(tmp_path, LARGE)
    # warmed at both sizes: imports, and the growth of process-wide tables (interned strings, caches) that
    # earlier tests leave at any size and never shrink, stay out of the figures
    _held_when_checking(small, tmp_path / "warm"), _held_when_checking(large, tmp_path / "warm-large")
    held = _held_when_checking(small, tmp_path / "s"), _held_when_checking(large, tmp_path / "l")
    assert _per_item(*held) < HELD_PER_ITEM, f"{_per_item(*held):.0f} bytes an item ({held[0]:,} -> {held[1]:,})"


def _kept(make) -> tuple[int, object]:
    with _traced():
        made = make()
        gc.collect()
        return tracemalloc.get_traced_memory()[0], made


def test_a_loaded_manifest_keeps_its_items_compact(tmp_path):
    small, large = make_items(tmp_path, SMALL), make_items(tmp_path, LARGE)
    load_bundle(small), load_bundle(large)  # warmed at both sizes (see above)
    (kept_small, _), (kept_large, bundle) = _kept(lambda: load_bundle(small)), _kept(lambda: load_bundle(large))
    assert _per_item(kept_small, kept_large) < MANIFEST_PER_ITEM, _per_item(kept_small, kept_large)
    assert len(bundle.items) == LARGE and bundle.item("E000399")["content"][0]["path"] == "evidence/E000399/chat399.txt"


def test_the_coverage_map_is_compact(tmp_path):
    small, large = load_bundle(make_items(tmp_path, SMALL)), load_bundle(make_items(tmp_path, LARGE))
    Coverage(small), Coverage(large)
    (kept_small, _), (kept_large, coverage) = _kept(lambda: Coverage(small)), _kept(lambda: Coverage(large))
    assert _per_item(kept_small, kept_large) < COVERAGE_PER_ITEM, _per_item(kept_small, kept_large)
    assert coverage.locate("evidence/E000123/chat123.txt") == ("E000123", True)
    assert coverage.locate("evidence/E000123/other.txt") == (None, False)
