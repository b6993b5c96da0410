"""`verify` of a long digest list holds no memory per file: the list streams in, and each file is compared as
the helpers read it (issue 19.12: 1.1 KB a file before, 1M files ~1.1 GB; the goal is 300 MB at 1M)."""

import hashlib
import json
import tracemalloc

from models.bundle.manifest import load_bundle
from models.integrity.verify import iter_verify

PER_FILE = 300  # bytes of traced peak per extra file allowed (~720 before the fix: the rows kept are ~70 B)


def _bundle(folder, count: int):
    root = folder / f"b{count}"
    lines = ["%%%% HASHDEEP-1.0", "%%%% size,md5,sha256,filename"]
    for n in range(count):
        rel = f"evidence/E1/d{n // 500:03}/f{n:06}.bin"
        data = n.to_bytes(4, "little")
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
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
    return load_bundle(root)


def _peak(bundle) -> tuple[int, dict]:
    """Traced peak (bytes) of a verify whose results are counted and dropped, as `verify` drops them into the store."""
    counts: dict = {}
    tracemalloc.start()
    try:
        for result in iter_verify(bundle):
            counts[result.status] = counts.get(result.status, 0) + 1
        return tracemalloc.get_traced_memory()[1], counts
    finally:
        tracemalloc.stop()


def test_peak_memory_grows_by_little_per_file(tmp_path):
    small, large = _bundle(tmp_path, 2000), _bundle(tmp_path, 8000)
    _peak(small)  # imports and the helpers' first start out of the figures
    small_peak, small_counts = _peak(small)
    large_peak, large_counts = _peak(large)
    assert small_counts == {"match": 4000} and large_counts == {"match": 16000}
    per_file = (large_peak - small_peak) / 6000
    assert per_file < PER_FILE, f"{per_file:.0f} bytes a file ({small_peak:,} -> {large_peak:,})"


def test_rows_named_otherwise_are_compared_as_file_by_file_compares_them(tmp_path, monkeypatch):
    """Windows paths (learned from the first rows), a repeated row, a row written with ./ and one naming no file:
    the rows kept by hash and those read again afterwards give what the file-by-file path gives."""
    from models.integrity import verify
    from tests.models.test_verify import _many_listed, _spoil

    root = _many_listed(tmp_path)
    _spoil(root, tmp_path)
    listing = root / "documents/E2.hashdeep.txt"
    lines = listing.read_text(encoding="utf-8").splitlines()
    rows = [n for n, line in enumerate(lines) if ",evidence/E2/dir/" in line]
    for n in rows[:-3]:
        lines[n] = lines[n].replace(",evidence/E2/dir/", ",D:\\case\\E2\\").replace("/", "\\")
    lines[rows[-1]] = lines[rows[-1]].replace(",evidence/E2/dir/", ",./evidence/E2/dir/")
    lines.append(lines[rows[-2]])  # the same file listed twice
    lines.append(lines[rows[-2]].rsplit(",", 1)[0] + ",evidence/E2/dir/never.bin")
    listing.write_text("\n".join(lines) + "\n", encoding="utf-8")
    bundle = load_bundle(root)
    walked = verify.verify_bundle(bundle)
    monkeypatch.setattr(verify, "TREE_MIN_FILES", 10 ** 9)
    one_by_one = verify.verify_bundle(bundle)
    assert sorted(walked) == sorted(one_by_one)
    assert {r.status for r in walked} == {"match", "mismatch", "missing", "unreadable", "unlisted"}
    assert any(r.path == "evidence/E2/dir/never.bin" and r.status == "missing" for r in walked)


def test_a_list_changed_between_its_two_readings_loses_no_row(tmp_path, monkeypatch):
    """The rows left for afterwards are read again: a list changed in between is matched row by row by path,
    never by its line number alone: a row compared first is never taken for another (the two that changed
    places are compared again, file by file)."""
    from models.integrity import list_tree, verify
    from tests.models.test_verify import _many_listed

    root = _many_listed(tmp_path)
    listing = root / "documents/E2.hashdeep.txt"
    (root / "evidence/E2/dir/s1/f0009.bin").unlink()  # one row left for afterwards
    real = list_tree.ListTree._left

    def swapped(self):
        lines = listing.read_text(encoding="utf-8").splitlines()
        body = [n for n, line in enumerate(lines) if ",evidence/E2/dir/" in line]
        lines[body[0]], lines[body[1]] = lines[body[1]], lines[body[0]]  # two compared rows change places
        listing.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return real(self)

    monkeypatch.setattr(list_tree.ListTree, "_left", swapped)
    results = verify.verify_bundle(load_bundle(root))
    assert [r.path for r in results if r.status == "missing"] == ["evidence/E2/dir/s1/f0009.bin"] * 2
    paths = {r.path for r in results if r.item == "E2"}
    assert len(paths) == 701  # every listed file, none lost
    assert len([r for r in results if r.item == "E2"]) == 2 * 701 + 2 * 2


MANIFEST_PER_FILE = 1_000  # traced peak per extra file listed one by one in the manifest (1,464 B before, ~670)


def test_files_listed_one_by_one_are_compared_as_read(tmp_path):
    """Each file its own manifest entry (no digest list): the answers are compared as they come and let go, and
    no set nor FileJob list is made per file beside the records (models.integrity.verify.iter_verify)."""
    from tests.benchmarks.bench_check_scale import make_items

    small, large = load_bundle(make_items(tmp_path, 200)), load_bundle(make_items(tmp_path, 1000))
    _peak(small)
    (small_peak, small_counts), (large_peak, large_counts) = _peak(small), _peak(large)
    assert small_counts == {"match": 200} and large_counts == {"match": 1000}
    per_file = (large_peak - small_peak) / 800
    assert per_file < MANIFEST_PER_FILE, f"{per_file:.0f} bytes a file ({small_peak:,} -> {large_peak:,})"
