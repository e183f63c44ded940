"""Bulk ingest throughput, against pyoxigraph's own bulk_load of the same triples.

Prints, for synthetic corpora of 1k and 10k articles (bench/corpus.py):
articles/s with 1 and 2 workers into a fresh on-disk store, peak RSS of the
ingest process, the re-run (everything skipped), and pyoxigraph's
``bulk_load`` of the same quads as the baseline for the write path. Then
query latency at about 1M and 5M triples (``--big`` to include 5M).

    .venv/bin/python bench/bench_ingest.py [--sizes 1000 10000] [--big]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402

INGEST = """
import json, resource, sys, time
from graph import open_store
from graph.pipeline import ingest_paths
store = open_store(sys.argv[1])
t = time.perf_counter()
s = ingest_paths(store, [sys.argv[2]], workers=int(sys.argv[3]))
dt = time.perf_counter() - t
graphs = len(store.article_graphs())
store.close()
print(json.dumps({"new": s.new, "skipped": s.skipped, "failed": len(s.failed), "seconds": dt,
                  "graphs": graphs, "claims": s.claims,
                  "rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "children_rss_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def run_ingest(store_url: str, source: Path, workers: int) -> dict:
    out = subprocess.run([sys.executable, "-c", INGEST, store_url, str(source), str(workers)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def bulk_load_baseline(store_dir: Path, nquads: Path) -> tuple[float, int]:
    import pyoxigraph as ox

    target = ox.Store(str(store_dir))
    t = time.perf_counter()
    target.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    dt = time.perf_counter() - t
    return dt, len(target)


def table(rows: list[list[str]], header: list[str]) -> None:
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
    print("| " + " | ".join(h.ljust(w) for h, w in zip(header, widths)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows:
        print("| " + " | ".join(str(x).ljust(w) for x, w in zip(r, widths)) + " |")


def query_latency(store_url: str, repeats: int = 15) -> list[list[str]]:
    from graph import open_store
    from graph.project import project_country_network
    from graph.relationships import relationships

    store = open_store(store_url, read_only=False)
    cases = {
        "count claims": lambda: list(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?c a <https://w3id.org/intelgraph/ns#Claim> }")),
        "relationships of GBR": lambda: relationships(store, "GBR"),
        "country network": lambda: project_country_network(store),
    }
    rows = []
    for name, fn in cases.items():
        fn()
        times = []
        for _ in range(repeats):
            t = time.perf_counter()
            fn()
            times.append((time.perf_counter() - t) * 1000)
        rows.append([name, f"{statistics.median(times):.1f}", f"{max(times):.1f}"])
    triples = len(store)
    store.close()
    return [[f"{triples:,}"] + r for r in rows]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--big", action="store_true", help="also measure queries at about 5M triples")
    args = parser.parse_args()

    rows, latency = [], []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for n in args.sizes:
            source = corpus.write_jsonl(n, tmp / f"corpus-{n}.jsonl")
            results = {}
            for w in args.workers:
                url = f"oxigraph:{tmp / f'store-{n}-{w}'}"
                first = run_ingest(url, source, w)
                again = run_ingest(url, source, w)
                results[w] = first
                rows.append([f"{n:,}", str(w), f"{first['seconds']:.1f}", f"{first['new'] / first['seconds']:.0f}",
                             f"{max(first['rss_mib'], first['children_rss_mib']):.0f}",
                             f"{first['graphs']:,}", f"{again['new']} new / {again['skipped']:,} skipped",
                             f"{again['seconds']:.1f}"])
            # baseline: pyoxigraph bulk_load of exactly the quads the ingest wrote
            import pyoxigraph as ox
            w = args.workers[-1]
            written = ox.Store(str(tmp / f"store-{n}-{w}"))
            dump = tmp / f"dump-{n}.nq"
            written.dump(str(dump), format=ox.RdfFormat.N_QUADS)
            quads = len(written)
            del written
            bulk_s, _ = bulk_load_baseline(tmp / f"bulk-{n}", dump)
            best = min(r["seconds"] for r in results.values())
            rows.append([f"{n:,}", "bulk_load", f"{bulk_s:.1f}", f"{quads / bulk_s:,.0f} quads/s", "", "", "",
                         f"ingest/bulk_load = {best / bulk_s:.1f}x"])
            if n == max(args.sizes):
                latency += query_latency(f"oxigraph:{tmp / f'store-{n}-{w}'}")
        if args.big:  # about 5M triples: ~18,000 articles of ~280 quads
            source = corpus.write_jsonl(18_000, tmp / "corpus-big.jsonl", seed=13)
            url = f"oxigraph:{tmp / 'store-big'}"
            big = run_ingest(url, source, max(args.workers))
            rows.append(["18,000", str(max(args.workers)), f"{big['seconds']:.1f}",
                         f"{big['new'] / big['seconds']:.0f}", f"{max(big['rss_mib'], big['children_rss_mib']):.0f}",
                         f"{big['graphs']:,}", "", ""])
            latency += query_latency(url)
        print("\n### Bulk ingest (synthetic articles, on-disk store)\n")
        table(rows, ["articles", "workers", "seconds", "articles/s", "peak RSS MiB", "graphs", "re-run", "re-run s"])
        print("\n### Query latency (ms, median and max of 15)\n")
        table(latency, ["triples", "query", "median", "max"])


if __name__ == "__main__":
    main()
