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

import pytest

import main
from tests.benchmarks.bench_check_scale import make_files
from tests.checks.test_check_memory import _in_fresh_process

# traced peak of a second check per extra file: 4,530 B before; after, both peaks 4.28 MB (what the run holds per
# file, ~300 B at most, stays under the peak of its other steps)
PEAK_PER_FILE = 900
# traced peak of the end stage alone (the item's results saved, its proposal read back and printed) per extra file
# of Art. 45's finding: 206 B while the facts held the whole list (its JSON text, the seal's repr of the row,
# json.loads of it, the proposal's dedupe dicts); 0 B (746,573 -> 746,516) once the list went to the side table
# (models.store.finding_files), which is read a page of 1,000 rows at a time
END_PER_FILE = 40
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
    peaks = [_peak_of_check(root, folder / f"store-{root.name}") for root in (small, large)]
    # the end stage twice at each size, the second kept: a later run in a process pays ~4 MB (caches grown), whatever
    # its size
    ends = [_peak_of_end(root, folder / f"store-{root.name}") for root in (small, large) * 2]
    return {"peak": peaks, "end": ends[2:]}


def _peak_of_end(root, store_dir) -> int:
    """Traced peak of what `check` does once the item's checks have run: save, propose from the store, print."""
    from checks.check_cmd import _outcome_lines
    from checks.item_proposal import propose_stored, stored_restorable
    from checks.registry import default_registry
    from checks.runner import build_context, iter_item_checks
    from models.bundle.manifest import load_bundle
    from models.store.audit import transaction
    from models.store.review import check_run, save_check_results
    from models.store.store import open_store

    bundle = load_bundle(root)
    store = open_store(bundle, store_dir)
    try:
        context = build_context(bundle, store)
        restorable = stored_restorable(store)
        ((item, pairs),) = list(iter_item_checks(bundle, context, default_registry()))
        gc.collect()
        tracemalloc.start()
        try:
            sealed = check_run()
            with transaction(store.db) as conn:
                save_check_results(store, item["id"], pairs, sealed)
                del pairs
                lines = _outcome_lines(propose_stored(store, item, restorable=restorable))
                sealed.reseal(conn)
            assert any("涉及文件" in line for line in lines), lines
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    finally:
        store.close()


@pytest.fixture(scope="module")
def figures(tmp_path_factory):
    return _in_fresh_process_files(tmp_path_factory.mktemp("files-memory"))


def test_check_holds_little_per_file_of_one_item(figures):
    small, large = figures["peak"]
    per_file = (large - small) / (LARGE - SMALL)
    assert per_file < PEAK_PER_FILE, f"{per_file:.0f} bytes a file ({small:,} -> {large:,})"


def test_saving_and_proposing_hold_nothing_per_file_of_a_finding(figures):
    """The end stage: Art. 45's finding names every file of the item; its list is written and read back from the
    side table as it goes, never held (issue 19.12: 452 MB at 1M files came from here)."""
    small, large = figures["end"]
    per_file = (large - small) / (LARGE - SMALL)
    assert per_file < END_PER_FILE, f"{per_file:.0f} bytes a file ({small:,} -> {large:,})"


def _in_fresh_process_files(folder):
    return _in_fresh_process("peak_figures", folder, module="tests.checks.test_check_files_memory")
