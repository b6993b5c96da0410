"""The memo of a bundle of many files (issue 19.12): the printed annex lists every file only up to
memo_digests.PRINT_ALL_FILES; above it every file not matching, the count of the others, and the complete digest
table attached as a CSV that the signature covers. 20,002 files once made 873 pages (45.8 s, 546 MB) and a million
could not be laid out at all. memo_data's memory stays flat in the number of files; the layout reports and cancels."""

import hashlib
import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import main
from models.bundle.manifest import load_bundle
from models.bundle.names import shown
from models.common.labels import label
from models.memo.identity import make_identity
from models.memo.memo_digests import HEADS, PRINT_ALL_FILES, TABLE_NAMES, digest_table, read_table
from models.memo.memo_html import ALGORITHMS
from models.memo.memo_verify import verify_memo
from models.store.store import open_store
from tests.models.test_memo import pdftext

FILES = PRINT_ALL_FILES + 150
CHANGED = ["evidence/E1/d0/f00007.txt", "evidence/E1/d1/f01100.txt", "evidence/E1/d2/f02101.txt"]
GONE = "evidence/E1/d0/f00500.txt"
ADDED = "evidence/新增.txt"  # outside the listed folder, where verify finds it


def make_many(root: Path, count: int, item: str = "E1") -> Path:
    """One item of `count` small text files, listed with their SHA-256 in a sha256sum list (as a large bundle
    comes: its manifest names the folder and the list, not each file)."""
    lines = []
    for i in range(count):
        rel = f"evidence/E1/d{i // 1000}/f{i:05}.txt"
        data = f"第 {i} 条聊天记录\n".encode()
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
        lines.append(f"{hashlib.sha256(data).hexdigest()}  {rel}\n")
    (root / "documents").mkdir()
    (root / "documents/E1.sha256").write_text("".join(lines), encoding="utf-8")
    manifest = {"format": "evidence-bundle/1",
                "case": {"case_number": "某检刑诉〔2026〕7号", "title": "测试", "prepared_by": "李某",
                         "prepared_at": "2026-11-20T10:00:00+08:00"},
                "items": [{"id": item, "title": "聊天记录", "kind": "obtained", "content": [
                    {"path": "evidence/E1", "type": "directory", "digest_list": "documents/E1.sha256"}]}]}
    (root / "bundle.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def memo(tmp_path_factory):
    """A bundle of FILES files, three changed, one gone and one added since listed; memos in Chinese and English."""
    folder = tmp_path_factory.mktemp("scale")
    root = make_many(folder / "bundle", FILES)
    for rel in CHANGED:
        (root / rel).write_bytes(b"changed")
    (root / GONE).unlink()
    (root / ADDED).write_bytes(b"added")
    make_identity("张检察官", folder / "id.p12", b"pw", training=True)
    (folder / "pass").write_text("pw\n", encoding="utf-8")
    out = {}
    for lang in ("zh", "en"):
        out[lang] = folder / f"memo-{lang}.pdf"
        args = ["memo", str(root), "--store", str(folder / "store"), "--identity", str(folder / "id.p12"),
                "--passphrase-file", str(folder / "pass"), "--out", str(out[lang])]
        assert main.main(args + (["--english"] if lang == "en" else [])) == 0
    return root, folder / "store", out


def _attachments(path: Path) -> dict:
    from pyhanko.pdf_utils.reader import PdfFileReader

    with open(path, "rb") as f:
        names = PdfFileReader(f).root["/Names"]["/EmbeddedFiles"]["/Names"]
        return {str(names[i]): names[i + 1]["/EF"]["/F"].data for i in range(0, len(names), 2)}


def _store_rows(root, store_dir, lang: str) -> list[list[str]]:
    store = open_store(load_bundle(root), store_dir)
    try:
        rows = store.db.execute("SELECT item, path, algorithm, recorded, computed, status FROM verification "
                                "ORDER BY item, path, algorithm").fetchall()
    finally:
        store.close()
    return [[item or "—", shown(path), ALGORITHMS.get(algorithm, (algorithm or "").upper()), recorded or "",
             computed or "", label("verify_status", status, lang)] for item, path, algorithm, recorded, computed,
            status in rows]


def _pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_complete_digest_table_is_attached_and_equals_the_store(memo, lang):
    root, store_dir, out = memo
    table = _attachments(out[lang])[TABLE_NAMES[lang]]
    assert table.startswith("\ufeff".encode())  # Excel and WPS read it as UTF-8
    rows = [line.split(",") for line in table.decode("utf-8-sig").splitlines()]
    assert rows[0] == list(HEADS[lang])
    expected = _store_rows(root, store_dir, lang)
    assert rows[1:] == expected and len(expected) == FILES + 1  # every listed file, and the one added
    assert _pages(out[lang]) <= 8  # the old annex printed every file: ~95 pages for these


def test_every_file_not_matching_is_printed_and_the_others_counted(memo):
    _root, _store, out = memo
    text = pdftext(out["zh"]).replace("\n", "")
    for rel in CHANGED + [GONE, ADDED]:
        assert rel in text
    assert "evidence/E1/d0/f00008.txt" not in text  # a matching file: counted, in the attached table
    assert f"其中 {FILES - 4:,} 个文件各项校验值比对结果均为一致" in text
    assert "其余 5 个结果不一致、缺失、无法读取或清单外新增的文件" in text
    assert f"作为本意见书的附件文件“{TABLE_NAMES['zh']}”" in text
    english = pdftext(out["en"]).replace("\n", " ")
    assert f"the {FILES - 4:,} whose digests all match" in english and TABLE_NAMES["en"] in english


def test_a_changed_byte_of_the_attached_table_fails_verification(memo, tmp_path):
    root, store_dir, out = memo
    assert verify_memo(out["zh"]).unchanged
    store = open_store(load_bundle(root), store_dir)
    try:
        deflated = digest_table(store).deflated
    finally:
        store.close()
    data = out["zh"].read_bytes()
    at = data.find(deflated[:200])
    assert at > 0 and data.count(deflated[:200]) == 1  # the table's deflated bytes, inside the signed range
    for offset in (0, len(deflated) // 2, len(deflated) - 1):
        changed = bytearray(data)
        changed[at + offset] ^= 0x01
        bad = tmp_path / f"changed-{offset}.pdf"
        bad.write_bytes(bytes(changed))
        assert not verify_memo(bad).unchanged, offset
        assert main.main(["verify-memo", str(bad)]) == 1


def test_the_table_reads_back_and_a_formula_stays_text(tmp_path):
    root = make_many(tmp_path / "bundle", 3, item="=1+2")  # a hostile item name
    from models.integrity.verify import save_results, verify_bundle
    from models.inventory.scan import scan_bundle

    bundle = load_bundle(root)
    store = open_store(bundle, tmp_path / "store")
    try:
        scan_bundle(bundle, store)
        save_results(store, verify_bundle(bundle))
        table = digest_table(store)
    finally:
        store.close()
    rows = read_table(table.deflated)
    assert table.rows == 3 and len(rows) == 4 and table.size == len(__import__("zlib").decompress(table.deflated))
    assert rows[1][:2] == ["'=1+2", "evidence/E1/d0/f00000.txt"]  # a spreadsheet would run it as a formula


def test_the_layout_reports_progress_and_cancels(tmp_path):
    from models.memo.memo_render import render_pdf
    from models.runtime.jobs import Cancelled
    from tests.models.test_memo import make_review

    data, _ = make_review(tmp_path)
    seen = []
    rendered = render_pdf(data, progress=lambda part, parts: seen.append((part, parts)))
    assert rendered.pages >= 3 and len(seen) > 20 and seen == sorted(seen) and {p for _, p in seen} == {100}
    cancel = threading.Event()
    stopped = []

    def stop(part, parts):
        stopped.append(part)
        if part == 3:
            cancel.set()
    with pytest.raises(Cancelled):
        render_pdf(data, cancel=cancel, progress=stop)
    assert max(stopped) == 3  # stopped within the layout, before any page was painted


# memo_data's memory: traced bytes at two sizes in a fresh process (see tests/checks/test_check_memory.py)
SMALL, LARGE = 300, 3_000
HELD_PER_FILE = 150  # before: every verification row and every file as a dict (~2,400 B a file)


def memo_data_figures(folder: Path) -> dict:
    """Peak traced bytes of build_memo_data on a verified bundle of SMALL and of LARGE files (all above the
    whole-annex limit, lowered to 100 here so the sizes stay small)."""
    import gc
    import tracemalloc

    from models.integrity.verify import save_results, verify_bundle
    from models.inventory.scan import scan_bundle
    from models.memo import memo_digests
    from models.memo.memo_data import build_memo_data

    memo_digests.PRINT_ALL_FILES = 100
    peaks = []
    for count in (SMALL, LARGE, SMALL, LARGE):  # warmed at both sizes first: imports and caches stay out
        root = folder / f"b{count}"
        if not root.exists():
            make_many(root, count)
        bundle = load_bundle(root)
        store = open_store(bundle, folder / f"s{count}")
        if not store.db.execute("SELECT 1 FROM verification LIMIT 1").fetchone():
            scan_bundle(bundle, store)
            save_results(store, verify_bundle(bundle))
        gc.collect()
        tracemalloc.start()
        data = build_memo_data(bundle, store, "张检察官", False)
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
        inventory, verified = data["inventory"]["files"], data["verification"]["files"]
        assert (inventory, verified) == (count + 2, count)  # the inventory has bundle.json and the list too
        assert data["verification"]["rows"] == [] and data["verification"]["counts"] == {"match": count}
        store.close()
    return {"peaks": peaks[2:]}


def test_memo_data_memory_is_flat_in_the_number_of_files(tmp_path):
    root = Path(__file__).resolve().parents[2]
    code = ("import json, sys\nfrom pathlib import Path\nsys.path.insert(0, sys.argv[1])\n"
            "from tests.models import test_memo_scale as t\n"
            "print(json.dumps(t.memo_data_figures(Path(sys.argv[2]))))")
    done = subprocess.run([sys.executable, "-c", code, str(root), str(tmp_path)], capture_output=True, text=True,
                          cwd=root, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    small, large = json.loads(done.stdout.splitlines()[-1])["peaks"]
    per_file = (large - small) / (LARGE - SMALL)
    assert per_file < HELD_PER_FILE, f"{per_file:.0f} bytes a file ({small:,} -> {large:,})"


def test_beyond_the_print_cap_the_rest_is_counted_and_in_the_table(tmp_path, monkeypatch):
    from models.integrity.verify import save_results, verify_bundle
    from models.inventory.scan import scan_bundle
    from models.memo import memo_digests
    from models.memo.memo_data import build_memo_data
    from models.memo.memo_html import _annex, use_english

    monkeypatch.setattr(memo_digests, "PRINT_ALL_FILES", 10)
    monkeypatch.setattr(memo_digests, "PRINT_FILES_MAX", 2)
    root = make_many(tmp_path / "bundle", 40)
    changed = [f"evidence/E1/d0/f{i:05}.txt" for i in (3, 9, 17, 25, 33)]
    for rel in changed:
        (root / rel).write_bytes(b"changed")
    bundle = load_bundle(root)
    store = open_store(bundle, tmp_path / "store")
    try:
        scan_bundle(bundle, store)
        save_results(store, verify_bundle(bundle))
        data = build_memo_data(bundle, store, "张检察官", False)
    finally:
        store.close()
    v = data["verification"]
    assert (v["printed"], v["files"], v["files_not_matching"]) == ("not_matching", 40, 5)
    assert [r["path"] for r in v["rows"]] == changed[:2]  # the first by item and path
    use_english(False)
    html = _annex(dict(data, attachment=TABLE_NAMES["zh"]))
    assert "其中 35 个文件各项校验值比对结果均为一致" in html and "其余 3 个见附件文件" in html
    assert all(rel in html for rel in changed[:2]) and not any(rel in html for rel in changed[2:])


def test_the_findings_are_deflated_as_written_and_read_back_whole(tmp_path):
    import zlib

    from models.memo.memo_render import _findings_bytes, _findings_deflated
    from tests.models.test_memo import make_review

    data, _ = make_review(tmp_path)
    deflated, size = _findings_deflated(data, chunk=64)  # many chunks: each piece boundary crossed
    assert zlib.decompress(deflated) == _findings_bytes(data) and size == len(_findings_bytes(data))
