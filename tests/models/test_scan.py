"""The inventory: every entry with size and times equal to os.lstat, links listed not followed, reuse of the store."""

import json
import os

from models.bundle.manifest import load_bundle
from models.common.timeutil import ns_to_utc_iso
from models.inventory.scan import iter_file_records, scan_bundle
from models.store.store import open_store
from tests.helpers import run_main, snapshot
from tests.models.test_manifest import GOOD, write


def _tree(tmp_path):
    root = write(tmp_path, GOOD)
    (root / "evidence" / "extra.bin").write_bytes(b"\0" * 1000)
    (root / "documents").mkdir()
    (root / "documents" / "扣押清单.pdf").write_bytes(b"%PDF-1.4\n")
    os.symlink("/etc/hostname", root / "evidence" / "out-link")
    os.utime(root / "evidence" / "E1" / "a.txt", ns=(1_700_000_000_123_456_789, 1_600_000_000_000_000_000))
    return root


def test_scan_json_equals_lstat(tmp_path):
    root = _tree(tmp_path)
    # stat before the run: reading a link's target (readlink) moves the link's own atime, and the
    # inventory must show the times as they were before anything was read
    stats = {os.path.relpath(os.path.join(d, n), root): os.lstat(os.path.join(d, n))
             for d, _dirs, names in os.walk(root) for n in names}
    result = run_main("scan", root, "--json", "--no-types", store=tmp_path / "store")
    assert result.returncode == 0, result.stderr.decode()
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert {r["path"] for r in records} == {"bundle.json", "evidence/E1/a.txt", "evidence/extra.bin",
                                            "documents/扣押清单.pdf", "evidence/out-link"}
    for record in records:
        st = stats[record["path"]]
        assert record["size"] == st.st_size
        assert record["modified"] == ns_to_utc_iso(st.st_mtime_ns)
        assert record["accessed"] == ns_to_utc_iso(st.st_atime_ns)
        assert record["changed"] == ns_to_utc_iso(st.st_ctime_ns)
    a = next(r for r in records if r["path"] == "evidence/E1/a.txt")
    assert a["modified"] == "2020-09-13T12:26:40Z" and a["accessed"] == "2023-11-14T22:13:20.123456789Z"
    assert a["item"] == "E1" and a["listed"] is True
    link = next(r for r in records if r["path"] == "evidence/out-link")
    assert link["kind"] == "link" and link["link_target"] == "/etc/hostname" and link["listed"] is False


def test_additions_and_rescan_reuse_store(tmp_path):
    root = _tree(tmp_path)
    bundle = load_bundle(root)
    store = open_store(bundle, tmp_path / "store")
    summary = scan_bundle(bundle, store)
    assert summary.files == 5 and summary.additions == 2 and summary.links == 1
    store.db.execute("UPDATE files SET mime = 'text/plain' WHERE path = 'evidence/E1/a.txt'")
    store.db.conn.commit()
    (root / "evidence" / "extra.bin").unlink()
    store.close()
    store = open_store(load_bundle(root), tmp_path / "store")
    scan_bundle(bundle, store)
    records = {r["path"]: r for r in iter_file_records(store)}
    assert "evidence/extra.bin" not in records
    assert records["evidence/E1/a.txt"]["mime"] == "text/plain", "an unchanged file keeps its type"
    assert store.path.name == f"{bundle.digest}.sqlite"


def test_scan_changes_nothing(tmp_path):
    root = _tree(tmp_path)
    before = snapshot(root)
    bundle = load_bundle(root)
    scan_bundle(bundle, open_store(bundle, tmp_path / "store"))
    assert snapshot(root) == before


def test_scan_corpus_exif_without_error(corpus_dir, tmp_path):
    result = run_main("scan", corpus_dir / "exif", "--json", store=tmp_path / "store")
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    on_disk = sum(len(files) for _d, _s, files in os.walk(corpus_dir / "exif"))
    assert len(records) == on_disk > 50
    assert all(r["error"] is None for r in records)
