"""Benchmark: a memo of 100 items and 2,000 findings renders and signs within 5 s (run as a script)."""

import hashlib
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from models.memo.identity import load_identity, make_identity  # noqa: E402
from models.memo.memo_data import clause_group  # noqa: E402
from models.memo.memo_render import write_memo  # noqa: E402

ARTICLES = ["30.1", "30.3", "30.4", "31.1", "31.2", "32.1", "32.2", "32.3", "32.4", "32.5",
            "33.1", "33.2", "34.1", "34.2", "34.3", "35.2", "36.2", "37.1", "38.1", "39.1"]


def synthetic(items: int = 100, per_item: int = 20) -> dict:
    """The memo dict (memo_data's shape) for items x per_item findings."""
    clause = lambda i, a: {  # noqa: E731
        "check": f"a{a.replace('.', '_')}", "article": a, "group": clause_group(a),
        "auto_status": ("pass", "fail", "needs_review", "not_recorded")[i % 4],
        "auto_message": f"第{i}项自动审查结果：手续齐全，校验值一致", "facts": None, "decided": i % 3 == 0,
        "decision": "confirm" if i % 3 == 0 else None, "reason": None, "note": "已复核原始记录" if i % 3 == 0 else None,
        "answer": None, "reviewer": "张检察官", "decided_at": "2026-11-23T08:00:00Z"}
    entries = [{"id": f"E{n}", "title": f"涉案手机{n}", "kind": "seized_media", "kind_zh": "扣押、封存原始存储介质",
                "source": "criminal", "media": [["品牌", "Huawei"], ["序列号", "XYZ"]], "documents": [], "parties": [],
                "not_applicable": 0, "files": 20, "bytes": 20_000,
                "clauses": [clause(i, a) for i, a in enumerate(ARTICLES[:per_item])],
                "outcome": {"outcome": "admissible", "decided": True, "basis": None, "reason": None,
                            "corrections": [], "reviewer": "张检察官", "decided_at": "2026-11-23T08:00:00Z"},
                "proposal": {"proposal": "admissible", "basis": [], "reasons": [], "corrections": [], "files": [],
                             "route_44_2": None},
                "conclusion": {"outcome": "admissible", "decided": True, "basis": [], "reason": None, "corrections": [],
                               "route_44_2": None, "files": [], "reviewer": "张检察官",
                               "decided_at": "2026-11-23T08:00:00Z"},
                "relevant": {h: [] for h in ("subject_identity", "objective_act", "subjective_intent",
                                             "circumstances")}}
               for n in range(1, items + 1)]
    digest = hashlib.sha256(b"x").hexdigest()
    return {"format": "evidencedesk-memo/1", "generated_at": "2026-11-23T08:00:00Z", "timezone": "Asia/Shanghai",
            "document_number": None,
            "reviewer": {"name": "张检察官", "title": None, "unit": "某区人民检察院", "training": False},
            "case": {"case_number": "某检刑诉〔2026〕12号", "title": "张某某侵犯公民个人信息案",
                     "charge": "侵犯公民个人信息罪",
                     "unit": "某区人民检察院", "investigating_agency": None, "prepared_by": "李某",
                     "prepared_at": "2026-11-20T10:00:00+08:00"},
            "bundle": {"root": "/b", "manifest_digest": digest, "adhoc": False, "manifest_signature": None},
            "inventory": {"items": items, "files": items * 20, "bytes": items * 20_000, "forms": {"27.7": items * 20},
                          "unclassified": 0},
            "verification": {"rows": [{"item": f"E{n}", "path": f"evidence/E{n}/img.dd", "algorithm": "sha256",
                                       "recorded": digest, "computed": digest, "status": "match", "explanation": None}
                                      for n in range(1, items + 1)],
                             "counts": {"match": items}, "algorithms": {"sha256": items},
                             "verified_at": "2026-11-23T08:00:00Z", "program_version": "0.1"},
            "review": {"clauses": items * per_item, "decided": 0, "undecided": 0, "outcomes": items,
                       "undecided_items": 0,
                       "has_decisions": True},
            "items": entries, "relevant": {h: [] for h in ("subject_identity", "objective_act", "subjective_intent",
                                                           "circumstances")},
            "art16": [],
            "art47": [{"item": e["id"], "title": e["title"], "decided": True, "source": "扣押", "facts": [],
                                    "corroboration": [], "presentation": "多媒体示证", "technical": False}
                                   for e in entries],
            "audit": {"entries": 1, "head_digest": digest}}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        make_identity("张检察官", tmp / "id.p12", b"pw")
        identity = load_identity(tmp / "id.p12", b"pw")
        data = synthetic()
        findings = sum(len(i["clauses"]) for i in data["items"])
        start = time.perf_counter()
        out = write_memo(data, identity, tmp / "memo.pdf")
        ours = time.perf_counter() - start  # first memo of the process: Qt start-up and font cut included
        start = time.perf_counter()
        write_memo(data, identity, tmp / "memo2.pdf")
        again = time.perf_counter() - start  # the next memo in the same window
        pages = subprocess.run(["pdfinfo", str(out)], capture_output=True,
                               text=True).stdout.split("Pages:")[1].split()[0]
        start = time.perf_counter()
        sig = subprocess.run(["pdfsig", str(out)], capture_output=True, text=True).stdout
        peer = time.perf_counter() - start
        print(f"memo: {len(data['items'])} items, {findings:,} findings, {pages} pages, "
              f"{out.stat().st_size / 1e6:.2f} MB rendered+attached+signed in {ours:.2f} s "
              f"(target 5 s; next memo in the same process "
              f"{again:.2f} s); "
              f"pdfsig verified it in {peer:.2f} s: {'valid' if 'Signature is Valid' in sig else 'INVALID'}")


if __name__ == "__main__":
    main()
