"""The checks' context keeps the first ANOMALIES_PER_ITEM anomalies of each item and counts them all: the checks
find what they found with every anomaly made and held."""

import dataclasses

from checks.articles.a30_objectivity import ChangesExplainedCheck, IntegrityCheck
from checks.base import ANOMALIES_PER_ITEM
from checks.runner import build_context
from models.timeline.anomalies import find_anomalies
from tests.models.test_timeline import ns, set_mtime, typed_store, write_case


def _verification(path):
    return {"item": "E1", "path": path, "algorithm": "sha256", "recorded": "aa", "recorded_source": "manifest",
            "computed": "aa", "status": "match", "error": None, "explanation": None}


def test_context_keeps_the_first_anomalies_of_each_item_and_counts_all(tmp_path, corpus_dir, store_dir):
    root = write_case(tmp_path / "b", corpus_dir)
    set_mtime(root / "evidence/E1/photo.jpg", "2008-10-22T16:30:00+08:00")
    set_mtime(root / "evidence/E1/note.txt", "2026-11-18T14:10:00+08:00")
    bundle, store = typed_store(root, store_dir)
    after, later = ns("2026-11-19T09:00:00+08:00"), ns("2026-12-01T09:00:00+08:00")  # the seizure; the preparation
    with store.db.conn:  # a copy touched after sealing: many alike findings of one item, and some of no item
        store.db.conn.executemany(
            "INSERT INTO files(path, item, kind, modified_ns, created_ns) VALUES (?, ?, 'file', ?, ?)",
            [(f"evidence/E1/copy/f{i:04d}.txt", "E1", after + i * 3_600_000_000_000, after + i * 10**9 + 5 * 10**9)
             for i in range(450)] + [(f"extra/f{i}.txt", None, later + i, None) for i in range(230)])
    every = find_anomalies(bundle, store)
    of_e1 = [a for a in every if a.item == "E1"]
    assert len(of_e1) > ANOMALIES_PER_ITEM and len([a for a in every if a.item is None]) > ANOMALIES_PER_ITEM
    context = build_context(bundle, store)
    assert [a for a in context.anomalies if a.item == "E1"] == of_e1[:ANOMALIES_PER_ITEM]
    assert len(context.anomalies) == 2 * ANOMALIES_PER_ITEM < len(every)
    assert context.anomaly_counts == {"E1": len(of_e1), None: len(every) - len(of_e1)}
    full = dataclasses.replace(context, anomalies=every)
    item = bundle.items[0]
    for check in (ChangesExplainedCheck, IntegrityCheck):
        for results in ([_verification("evidence/E1/note.txt")], []):
            kept = check().run(item, dataclasses.replace(context, verify_results=results))
            whole = check().run(item, dataclasses.replace(full, verify_results=results))
            assert kept == whole
    outcome = ChangesExplainedCheck().run(item, dataclasses.replace(context, verify_results=[_verification("x")]))
    assert outcome.status == "needs_review" and len(outcome.facts["anomalies"]) == ANOMALIES_PER_ITEM
    store.close()
