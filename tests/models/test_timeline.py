"""The timeline: file-system, EXIF and manifest times on one axis, filters, density."""

import json
import os
import shutil
from datetime import datetime, timezone

from models.bundle.manifest import load_bundle
from models.common.timeutil import dt_to_ns
from models.inventory.scan import scan_bundle
from models.inventory.typing_pass import fill_types
from models.store.store import open_store
from models.timeline.timeline import TimelineFilter, density, manifest_records, timeline_records

PREPARED = "2026-11-20T10:00:00+08:00"
PHOTO = "exif/ianare-exif-samples/jpg/gps/DSCN0010.jpg"  # DateTimeOriginal 2008:10:22 16:28:39, no offset


def ns(text: str) -> int:
    return dt_to_ns(datetime.fromisoformat(text))


def write_case(root, corpus_dir, items=None, files=None):
    """A small valid bundle: E1 (onsite extraction) with a photo and a text file, paperwork dated."""
    (root / "evidence/E1").mkdir(parents=True)
    shutil.copyfile(corpus_dir / PHOTO, root / "evidence/E1/photo.jpg")
    (root / "evidence/E1/note.txt").write_text("记录", encoding="utf-8")
    for rel, data in (files or {}).items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    item = {"id": "E1", "title": "现场提取数据", "kind": "onsite_extraction",
            "content": [{"path": "evidence/E1", "type": "directory"}],
            "sealing": {"sealed": True, "state": "intact", "sealed_at": "2026-11-18T15:00:00+08:00"},
            "acquisition": {"started_at": "2026-11-18T14:02:00+08:00", "finished_at": "2026-11-18T14:40:00+08:00"},
            "documents": [{"kind": "extraction_record", "path": "documents/E1.pdf", "date": "2026-11-18"}]}
    manifest = {"format": "evidence-bundle/1",
                "case": {"case_number": "某检刑诉〔2026〕12号", "title": "测试案", "prepared_by": "李某",
                         "prepared_at": PREPARED, "timezone": "Asia/Shanghai"},
                "items": items or [item]}
    (root / "documents").mkdir(exist_ok=True)
    (root / "documents/E1.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (root / "bundle.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    return root


def set_mtime(path, iso: str):
    seconds = ns(iso) / 1e9
    os.utime(path, (seconds, seconds))


def typed_store(root, store_dir):
    bundle = load_bundle(root)
    store = open_store(bundle, store_dir)
    scan_bundle(bundle, store)
    fill_types(bundle, store, workers=1)
    return bundle, store


def test_manifest_times_with_labels(tmp_path, corpus_dir):
    bundle = load_bundle(write_case(tmp_path / "b", corpus_dir))
    kinds = {r.kind_of_time: r for r in manifest_records(bundle)}
    assert set(kinds) == {"prepared", "sealed", "acquisition_started", "acquisition_finished", "document"}
    assert kinds["prepared"].at_utc_ns == ns("2026-11-20T02:00:00+00:00") and kinds["prepared"].zone_known
    assert kinds["document"].zone_known is False  # a bare date: midnight in the case zone
    assert kinds["document"].at_utc_ns == ns("2026-11-17T16:00:00+00:00")
    assert kinds["document"].path == "documents/E1.pdf"


def test_every_time_in_order_and_filters(tmp_path, corpus_dir, store_dir):
    root = write_case(tmp_path / "b", corpus_dir)
    set_mtime(root / "evidence/E1/photo.jpg", "2008-10-22T08:28:39+00:00")
    bundle, store = typed_store(root, store_dir)
    records = list(timeline_records(store, bundle))
    assert [r.at_utc_ns for r in records] == sorted(r.at_utc_ns for r in records)
    photo = [r for r in records if r.path == "evidence/E1/photo.jpg"]
    exif = next(r for r in photo if r.kind_of_time == "exif_original")
    assert exif.source == "exif" and exif.zone_known is False and exif.mime == "image/jpeg"
    assert exif.at_utc_ns == ns("2008-10-22T16:28:39+08:00")  # read in Asia/Shanghai
    assert {"modified", "accessed", "changed"} <= {r.kind_of_time for r in photo}
    images = list(timeline_records(store, bundle, TimelineFilter(mime_prefix="image/")))
    assert images and all(r.path == "evidence/E1/photo.jpg" for r in images)
    window = TimelineFilter(start_ns=ns("2026-11-18T00:00:00+08:00"), end_ns=ns("2026-11-19T00:00:00+08:00"))
    assert {r.kind_of_time for r in timeline_records(store, bundle, window)} == {
        "sealed", "acquisition_started", "acquisition_finished", "document"}
    only = TimelineFilter(kinds=frozenset({"modified"}), items=frozenset({"E1"}))
    assert {r.kind_of_time for r in timeline_records(store, bundle, only)} == {"modified"}
    manifest_only = TimelineFilter(sources=frozenset({"manifest"}))
    assert {r.source for r in timeline_records(store, bundle, manifest_only)} == {"manifest"}


def test_exif_with_offset_is_zone_known(tmp_path, corpus_dir, store_dir):
    extra = {"evidence/E1/pixel.jpg": (corpus_dir / "exif/Pillow/Tests/images/ultrahdr.jpg").read_bytes()}
    bundle, store = typed_store(write_case(tmp_path / "b", corpus_dir, files=extra), store_dir)
    flt = TimelineFilter(kinds=frozenset({"exif_original"}))
    record = next(r for r in timeline_records(store, bundle, flt) if r.path.endswith("pixel.jpg"))
    assert record.zone_known is True
    assert record.at_utc_ns == ns("2024-05-07T01:33:04+00:00")


def test_density():
    base = ns("2026-01-01T00:00:00+00:00")
    assert density([base, base + 1, base + 30, base + 99], 4, base, base + 100) == [2, 1, 0, 1]
    assert density([], 3) == [0, 0, 0]
    assert sum(density([base + i for i in range(1000)], 7)) == 1000
    assert datetime.fromtimestamp(base / 1e9, timezone.utc).year == 2026
