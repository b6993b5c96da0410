"""The timeline as its own table (models/timeline/timeline_store.py, what the tab uses) against expression indexes on the
files table queried as one UNION ALL in time order: build time, store growth, first page, a 10k page from the
middle (keyset), the density histogram. Same generated files as bench_timeline.py.

    .venv/bin/python tests/benchmarks/bench_timeline_layouts.py [RECORDS]     (default 1,000,000)

1M files, 2026-11-23: table 17.8 s to build (with its counts and filter lists), +291 MB, first page 1 ms,
10k page 18 ms, histogram 2.6 s; six expression indexes 4.7 s, +80 MB, 1 ms, 50 ms, 2.6 s.
"""
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))
import tests.benchmarks.bench_timeline as bt  # noqa: E402
from models.timeline import timeline_store as ts

N = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
folder = Path(tempfile.mkdtemp())


def size(p):
    return sum(f.stat().st_size for f in folder.glob(p.name + "*")) / 1e6


def t(label, f):
    s = time.perf_counter(); r = f(); print(f"  {label}: {time.perf_counter() - s:.3f} s"); return r


def main() -> None:
    folder.mkdir(exist_ok=True)
    for mode in ("table", "indexes"):
        p = folder / f"{mode}.sqlite"
        store = bt.make_store(p, N); bundle = bt.make_bundle(folder, N); c = store.db.conn
        c.execute("PRAGMA wal_checkpoint(TRUNCATE)"); base = size(p)
        print(mode)
        arms = [("modified", "modified_ns"), ("accessed", "accessed_ns"), ("changed", "changed_ns"),
                ("created", "created_ns"),
                ("exif_original", "json_extract(exif_json, '$.original_utc_ns')"),
                ("exif_digitized", "json_extract(exif_json, '$.digitized_utc_ns')")]
        if mode == "table":
            t("build table + indexes", lambda: ts.build_timeline(c, bundle, force=True))
            first = lambda: c.execute(f"SELECT t.id, t.at_utc_ns FROM {ts.FROM} ORDER BY t.at_utc_ns, t.id LIMIT 500").fetchall()
            deep = lambda k: c.execute(f"SELECT t.id, t.at_utc_ns FROM {ts.FROM} WHERE (t.at_utc_ns, t.id) > (?, ?) ORDER BY t.at_utc_ns, t.id LIMIT 10000", k).fetchall()
            hist = lambda: ts.histogram(c, bins=300)
        else:
            def build():
                with c:
                    for kind, expr in arms:
                        part = " WHERE exif_json IS NOT NULL" if "json" in expr else ""
                        c.execute(f"CREATE INDEX files_tl_{kind} ON files({expr}, id){part}")
            t("build 6 expression indexes", build)
            def union(where="", lim=500):
                sql = " UNION ALL ".join(
                    f"SELECT {expr} AS at, id, '{kind}' FROM files WHERE {expr} IS NOT NULL" + (" AND exif_json IS NOT NULL" if "json" in expr else "") + (f" AND ({expr}, id) > (?, ?)" if where else "")
                    for kind, expr in arms)
                return sql + f" ORDER BY 1, 2 LIMIT {lim}"
            first = lambda: c.execute(union()).fetchall()
            deep = lambda k: c.execute(union("k", 10000), list(k) * len(arms)).fetchall()
            hist = lambda: c.execute("SELECT (at - ?) / ?, count(*) FROM (" + " UNION ALL ".join(f"SELECT {expr} AS at FROM files WHERE {expr} IS NOT NULL" for _, expr in arms) + ") GROUP BY 1", [bt.BASE, 10**13]).fetchall()
        c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        print(f"  store {base:.0f} -> {size(p):.0f} MB")
        rows = t("first page (500)", first)
        mid = c.execute("SELECT modified_ns, id FROM files WHERE id = ?", [N // 2]).fetchone()
        t("a page of 10k from the middle", lambda: deep(mid))
        t("histogram (GROUP BY)", hist)
        store.close()
        for f in folder.glob(p.name + "*"): f.unlink()


if __name__ == "__main__":
    main()
