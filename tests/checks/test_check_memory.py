"""`check` holds little memory per item: the manifest's items kept compact, the coverage map in arrays, each item's
results saved, printed and let go, the anomalies kept packed (issue 19.12: 100k items took 2.1 GB and 199 s).
Traced bytes per extra item, 40 -> 400 items (tracemalloc), against the figures before and after the change.
Each figure is taken in a fresh process: in the whole suite, state left by earlier tests once put ~4 MB more
on the larger run (11 KB an item, CI of 8763e09), whatever was warmed first."""

import contextlib
import gc
import io
import json
import subprocess
import sys
import tracemalloc
from pathlib import Path

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


def _in_fresh_process(figures: str, folder: Path, module: str = "tests.checks.test_check_memory") -> dict:
    """Run module.figures(folder) in a new Python process and return what it gives."""
    root = Path(__file__).resolve().parents[2]
    code = ("import importlib, json, sys\nfrom pathlib import Path\nsys.path.insert(0, sys.argv[1])\n"
            "t = importlib.import_module(sys.argv[4])\n"
            "if __name__ == '__main__':\n"
            "    print(json.dumps(getattr(t, sys.argv[2])(Path(sys.argv[3]))))")
    done = subprocess.run([sys.executable, "-c", code, str(root), figures, str(folder), module], capture_output=True,
                          text=True, cwd=root, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.splitlines()[-1])


def held_figures(folder: Path) -> dict:
    small, large = make_items(folder, SMALL), make_items(folder, LARGE)
    # warmed at both sizes: imports, and process-wide tables (interned strings, caches) grown once, stay out
    _held_when_checking(small, folder / "warm"), _held_when_checking(large, folder / "warm-large")
    return {"held": [_held_when_checking(small, folder / "s"), _held_when_checking(large, folder / "l")]}


def test_check_holds_little_per_item_while_it_checks(tmp_path):
    held = _in_fresh_process("held_figures", tmp_path)["held"]
    assert _per_item(*held) < HELD_PER_ITEM, f"{_per_item(*held):.0f} bytes an item ({held[0]:,} -> {held[1]:,})"


def _kept(make) -> tuple[int, object]:
    with _traced():
        made = make()
        gc.collect()
        return tracemalloc.get_traced_memory()[0], made


def manifest_figures(folder: Path) -> dict:
    small, large = make_items(folder, SMALL), make_items(folder, LARGE)
    load_bundle(small), load_bundle(large)  # warmed at both sizes (see above)
    (kept_small, _), (kept_large, bundle) = _kept(lambda: load_bundle(small)), _kept(lambda: load_bundle(large))
    return {"kept": [kept_small, kept_large], "items": len(bundle.items),
            "path": bundle.item("E000399")["content"][0]["path"]}


def test_a_loaded_manifest_keeps_its_items_compact(tmp_path):
    found = _in_fresh_process("manifest_figures", tmp_path)
    assert _per_item(*found["kept"]) < MANIFEST_PER_ITEM, found["kept"]
    assert found["items"] == LARGE and found["path"] == "evidence/E000399/chat399.txt"


def coverage_figures(folder: Path) -> dict:
    small, large = load_bundle(make_items(folder, SMALL)), load_bundle(make_items(folder, LARGE))
    Coverage(small), Coverage(large)
    (kept_small, _), (kept_large, coverage) = _kept(lambda: Coverage(small)), _kept(lambda: Coverage(large))
    return {"kept": [kept_small, kept_large],
            "located": [coverage.locate("evidence/E000123/chat123.txt"), coverage.locate("evidence/E000123/other.txt")]}


def test_the_coverage_map_is_compact(tmp_path):
    found = _in_fresh_process("coverage_figures", tmp_path)
    assert _per_item(*found["kept"]) < COVERAGE_PER_ITEM, found["kept"]
    assert found["located"] == [["E000123", True], [None, False]]
