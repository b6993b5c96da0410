"""Each timestamp anomaly fires on a small bundle planted with it, and stays quiet on a clean one."""

from datetime import datetime, timedelta

from models.timeline.anomalies import find_anomalies, seizure_reference
from tests.models.test_timeline import PREPARED, ns, set_mtime, typed_store, write_case

# "the future" of the case: after its preparation, whatever today is. A file written by a test is born now, so
# once that instant has passed it is also created after it was modified: that copy effect is left out below.
AFTER_PREPARATION = (datetime.fromisoformat(PREPARED) + timedelta(days=11)).isoformat()


def kinds(anomalies, path=None):
    return {a.kind for a in anomalies if path is None or a.path == path}


def test_clean_bundle_has_only_copy_effects(tmp_path, corpus_dir, store_dir):
    root = write_case(tmp_path / "b", corpus_dir)
    set_mtime(root / "evidence/E1/photo.jpg", "2008-10-22T16:30:00+08:00")  # 81 s after the shot
    set_mtime(root / "evidence/E1/note.txt", "2026-11-18T14:10:00+08:00")  # during the extraction
    set_mtime(root / "documents/E1.pdf", "2026-11-18T18:00:00+08:00")
    bundle, store = typed_store(root, store_dir)
    found = find_anomalies(bundle, store)
    # files written by this test are born now, after their (back-dated) modified time: the copy effect
    assert kinds(found) <= {"zone_unknown", "created_after_modified"}
    (zone,) = [a for a in found if a.kind == "zone_unknown"]
    assert zone.facts["source"] == "exif" and zone.facts["count"] == 1 and zone.item == "E1"
    assert "Asia/Shanghai" in zone.message


def test_modified_after_seizure_and_in_the_future(tmp_path, corpus_dir, store_dir):
    root = write_case(tmp_path / "b", corpus_dir)
    set_mtime(root / "evidence/E1/photo.jpg", "2008-10-22T16:30:00+08:00")
    set_mtime(root / "evidence/E1/note.txt", "2026-11-19T09:00:00+08:00")  # after sealing (18th 15:00)
    (root / "evidence/E1/later.txt").write_text("后加", encoding="utf-8")
    set_mtime(root / "evidence/E1/later.txt", AFTER_PREPARATION)
    bundle, store = typed_store(root, store_dir)
    found = find_anomalies(bundle, store)
    note = [a for a in found if a.path == "evidence/E1/note.txt"]
    assert kinds(note) - {"created_after_modified"} == {"modified_after_seizure"}
    assert note[0].facts["reference"] == "acquisition.finished_at"  # 14:40 comes before sealing at 15:00
    assert note[0].facts["reference_ns"] == ns("2026-11-18T14:40:00+08:00")
    assert "2026-11-19 09:00:00 +08:00" in note[0].message
    later = kinds(found, "evidence/E1/later.txt") - {"created_after_modified"}
    assert later == {"modified_after_seizure", "future_of_preparation"}
    assert not [a for a in found if a.path == "documents/E1.pdf" and a.kind == "modified_after_seizure"]


def test_manifest_time_after_preparation(tmp_path, corpus_dir, store_dir):
    item = {"id": "E1", "title": "t", "kind": "onsite_extraction",
            "content": [{"path": "evidence/E1", "type": "directory"}],
            "sealing": {"sealed": True, "sealed_at": "2026-11-25T10:00:00+08:00"}}
    root = write_case(tmp_path / "b", corpus_dir, items=[item])
    set_mtime(root / "evidence/E1/photo.jpg", "2008-10-22T16:30:00+08:00")
    set_mtime(root / "evidence/E1/note.txt", "2026-11-18T14:10:00+08:00")
    bundle, store = typed_store(root, store_dir)
    future = [a for a in find_anomalies(bundle, store) if a.kind == "future_of_preparation"]
    assert [(a.item, a.facts.get("field")) for a in future if a.path != "documents/E1.pdf"] == [
        ("E1", "sealing.sealed_at")]


def test_created_after_modified_explains_copies(tmp_path, corpus_dir, store_dir):
    root = write_case(tmp_path / "b", corpus_dir)
    set_mtime(root / "evidence/E1/photo.jpg", "2008-10-22T16:30:00+08:00")
    set_mtime(root / "evidence/E1/note.txt", "2026-11-18T14:10:00+08:00")
    bundle, store = typed_store(root, store_dir)
    # files made here are all born now: give the store the birth times an untouched source would record
    with store.db.conn:
        store.db.execute("UPDATE files SET created_ns = modified_ns")
        store.db.execute("UPDATE files SET created_ns = ? WHERE path = 'evidence/E1/note.txt'",
                         [ns("2026-11-18T14:30:00+08:00")])
        store.db.execute("UPDATE files SET created_ns = modified_ns + 1000000000 WHERE path LIKE '%photo.jpg'")
    found = [a for a in find_anomalies(bundle, store) if a.kind == "created_after_modified"]
    assert [a.path for a in found] == ["evidence/E1/note.txt"]  # 1 s is within FAT's 2 s granularity
    assert "复制" in found[0].message and found[0].facts["created_ns"] > found[0].facts["modified_ns"]


def test_exif_far_from_modified_threshold(tmp_path, corpus_dir, store_dir):
    root = write_case(tmp_path / "b", corpus_dir)
    set_mtime(root / "evidence/E1/photo.jpg", "2008-10-24T16:28:39+08:00")  # two days after the shot
    set_mtime(root / "evidence/E1/note.txt", "2026-11-18T14:10:00+08:00")
    bundle, store = typed_store(root, store_dir)
    far = [a for a in find_anomalies(bundle, store) if a.kind == "exif_far_from_modified"]
    assert len(far) == 1 and far[0].facts["difference_hours"] == 48.0 and far[0].facts["zone_known"] is False
    assert not [a for a in find_anomalies(bundle, store, exif_threshold_s=3 * 86400)
                if a.kind == "exif_far_from_modified"]


def test_seizure_reference_prefers_the_earliest():
    item = {"sealing": {"sealed_at": "2026-11-18T15:00:00+08:00"},
            "acquisition": {"started_at": "2026-11-18T14:02:00+08:00"}}
    assert seizure_reference(item, "Asia/Shanghai") == (ns("2026-11-18T14:02:00+08:00"), "acquisition.started_at")
    assert seizure_reference({}, "Asia/Shanghai") is None


def test_streamed_anomalies_keep_the_first_of_each_kind_and_count_all(tmp_path, corpus_dir, store_dir):
    from collections import Counter

    from models.timeline.anomalies import iter_anomalies

    root = write_case(tmp_path / "b", corpus_dir)
    for n in range(3):
        (root / f"evidence/E1/later{n}.txt").write_text("后加", encoding="utf-8")
        set_mtime(root / f"evidence/E1/later{n}.txt", AFTER_PREPARATION)
    bundle, store = typed_store(root, store_dir)
    every = find_anomalies(bundle, store)
    counts, paced = {}, []
    kept = list(iter_anomalies(bundle, store, keep_per_kind=1, counts=counts, pace=lambda: paced.append(1)))
    assert kept == [next(a for a in every if a.kind == kind) for kind in dict.fromkeys(a.kind for a in every)]
    assert {k: v for k, v in counts.items() if v} == dict(Counter(a.kind for a in every))
    assert counts["modified_after_seizure"] >= 3
    assert list(iter_anomalies(bundle, store)) == every
