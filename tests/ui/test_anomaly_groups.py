"""Timeline noise: on the clean demo case every anomaly is the copy's mark, one line per item; what needs a human
(a file modified after sealing, a time later than the bundle's preparation) comes first."""

import pytest

from models.bundle.manifest import load_bundle
from models.inventory.scan import scan_bundle
from models.store.store import open_store
from models.timeline.anomalies import Anomaly, find_anomalies
from models.timeline.anomaly_groups import arrange, explained_by_copy
from tests.ui.demo_window import demo_cases
from ui.timeline.timeline_anomalies import anomaly_lines


@pytest.fixture(scope="module")
def cases(tmp_path_factory):
    return demo_cases(tmp_path_factory.mktemp("groups"))


def arranged(path, store_dir):
    bundle = load_bundle(path)
    store = open_store(bundle, store_dir)
    scan_bundle(bundle, store)
    found = find_anomalies(bundle, store)
    store.close()
    return bundle, found, arrange(bundle, found)


def test_the_clean_case_reads_one_line_per_item(cases, store_dir):
    bundle, found, rows = arranged(cases["clean"], store_dir)
    copies = [a for a in found if a.kind == "created_after_modified"]
    assert copies and all(explained_by_copy(a, bundle) for a in copies)
    grouped = [r for r in rows if r.kind == "copy_explained"]
    assert len(grouped) == len({a.item for a in copies}) < len(copies)
    assert sum(r.facts["count"] for r in grouped) == len(copies)
    lines = anomaly_lines(rows)
    assert all(line.startswith("ⓘ") for line, row in zip(lines, rows) if row.kind == "copy_explained")
    assert "复制件" in lines[-1]


def test_what_needs_a_human_comes_first(cases, store_dir):
    bundle, found, rows = arranged(cases["training"], store_dir)
    kinds = [r.kind for r in rows]
    human = [k for k in kinds if k != "copy_explained"]
    assert human, "the training case plants times a human must explain"
    assert kinds[:len(human)] == human  # every human line before the first grouped one


def test_created_before_the_evidence_was_fixed_needs_a_reason(cases):
    bundle = load_bundle(cases["clean"])
    item = bundle.items[0]["id"]
    early = Anomaly("created_after_modified", item, "evidence/x", {"created_ns": 10**9, "modified_ns": 0})
    assert not explained_by_copy(early, bundle)
    assert arrange(bundle, [early]) == [early]
