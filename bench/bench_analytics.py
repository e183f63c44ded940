"""Benchmark: projection and every measure on synthetic networks, networkx beside igraph in the same run.

    .venv/bin/python bench/bench_analytics.py               # 1k, 10k, 100k nodes (about 5 minutes)
    .venv/bin/python bench/bench_analytics.py --sizes 1000  # one size

For each size it builds a directed network shaped like intelgraph's (10 ties
per node, heavy-tailed in-degree, strengths 1, 2 or 4), times the projection
(claim rows -> the country DiGraph with its aggregates), then each measure
three ways: plain networkx (the default path), intelgraph's accelerated path
(``centrality(..., backend="igraph")``: igraph's C code on a copy built once
per network, Katz as a scipy sparse iteration) and igraph called directly
(the baseline). Exact betweenness and closeness are out of reach at 10k (networkx)
and 100k (both) nodes; there the run uses ``k = 256`` sampled sources (the
same sample on both sides) and reports the sampling error measured against
the exact values at 1k and 10k. Where graphblas-algorithms or nx-parallel is
installed, it is timed too. Last, the real path on a store: 200 countries,
5,000 claims, every measure cold and warm (cached per store revision).

Medians of ``--repeat`` runs for anything under a second, else one run.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import networkx as nx
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.analytics import MEASURES, centrality, communities, mirror  # noqa: E402
from graph.project import country_network  # noqa: E402

STATUSES = ["shares_with", "shares_with", "shares_with", "considers_restricting", "restricts", "suspends", "resumes"]
SAMPLE_K = 256


def synthetic_rows(n: int, ties_per_node: int = 10, seed: int = 1) -> list[dict]:
    """Claim rows for ``n`` countries: sources uniform, targets heavy-tailed; 1, 2 or 4 claims per tie."""
    rng = np.random.default_rng(seed)
    m = n * ties_per_node
    popularity = 1.0 / np.arange(1, n + 1) ** 0.8
    popularity /= popularity.sum()
    sources = rng.integers(0, n, size=int(m * 1.15))
    targets = rng.choice(n, size=int(m * 1.15), p=popularity)
    pairs = {(int(s), int(t)) for s, t in zip(sources, targets) if s != t}
    pairs = sorted(pairs)[:m] if len(pairs) > m else sorted(pairs)
    start = date(2024, 1, 1)
    rows = []
    pyrng = random.Random(seed)
    for s, t in pairs:
        for i in range(pyrng.choice((1, 2, 4))):
            day = start + timedelta(days=pyrng.randrange(400))
            rows.append({"actor": f"C{s}", "partner": f"C{t}", "status": pyrng.choice(STATUSES), "date": day,
                         "article": f"a{pyrng.randrange(n * 3)}", "publisher": f"p{pyrng.randrange(50)}",
                         "confidence": 0.8, "published": day, "start": i})
    return rows


def timed(fn, repeat: int) -> tuple[float, object]:
    first_start = time.perf_counter()
    result = fn()
    first = time.perf_counter() - first_start
    if first > 1.0 or repeat <= 1:
        return first, result
    times = [first]
    for _ in range(repeat - 1):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def fmt(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def ratio(a: float | None, b: float | None) -> str:
    return "–" if a is None or b is None or b == 0 else f"{a / b:.1f}×"


# -- igraph directly: the baselines -------------------------------------------
def igraph_direct(ig, metric: str, k_sources: list[int] | None):
    if metric in ("degree", "in_degree", "out_degree"):
        return ig.degree(mode={"degree": "all", "in_degree": "in", "out_degree": "out"}[metric])
    if metric == "weighted_degree":
        return ig.strength(mode="all", weights="strength")
    if metric == "betweenness":
        if k_sources is None:
            return ig.betweenness(directed=True, weights="distance")
        return ig.betweenness(directed=True, weights="distance", sources=k_sources)
    if metric == "closeness":
        if k_sources is None:
            return ig.closeness(mode="in", weights="distance")
        return ig.distances(source=k_sources, weights="distance", mode="out")
    if metric == "pagerank":
        return ig.pagerank(directed=True, weights="strength")
    if metric == "eigenvector":
        return ig.eigenvector_centrality(directed=True, weights="strength")
    if metric == "hubs":
        return ig.hub_score(weights="strength")
    if metric == "authorities":
        return ig.authority_score(weights="strength")
    if metric == "louvain":
        und = ig.as_undirected(mode="collapse", combine_edges={"strength": "sum"})
        return und.community_multilevel(weights="strength")
    return None  # katz: igraph has none


def igraph_named(m, values):
    """igraph's per-vertex answer as {node: score}, the shape intelgraph's functions return."""
    if values is None:
        return None
    if hasattr(values, "membership"):
        return dict(zip(m.nodes, values.membership))
    if not isinstance(values, list):  # sampled closeness: a distance matrix
        return values
    return dict(zip(m.nodes, values))


def sampling_error(exact: dict, sampled: dict, top: int = 20) -> str:
    nodes = list(exact)
    e = np.array([exact[n] for n in nodes])
    s = np.array([sampled[n] for n in nodes])
    scale = e.max() or 1.0
    overlap = len(set(sorted(nodes, key=lambda n: -exact[n])[:top]) & set(sorted(nodes, key=lambda n: -sampled[n])[:top]))
    from scipy.stats import spearmanr

    rho = spearmanr(e, s).statistic
    return (f"max |err| {np.abs(e - s).max() / scale:.1%} of the top score, mean {np.abs(e - s).mean() / scale:.2%}; "
            f"top-{top} overlap {overlap}/{top}; Spearman {rho:.3f}")


def run_size(n: int, repeat: int, nx_limit: dict[str, int],
             measures: list[str] | None = None) -> tuple[list[list[str]], list[str]]:
    rows_out: list[list[str]] = []
    notes: list[str] = []
    t0 = time.perf_counter()
    rows = synthetic_rows(n)
    gen = time.perf_counter() - t0
    t_proj, g = timed(lambda: country_network(rows), 1)
    t_mirror, _ = timed(lambda: mirror(g), 1)

    import igraph

    def build_igraph():
        index = {}
        edges = []
        for u, v in g.edges():
            edges.append((index.setdefault(u, len(index)), index.setdefault(v, len(index))))
        return igraph.Graph(n=len(index), edges=edges, directed=True)

    t_igbuild, _ = timed(build_igraph, 1)
    notes.append(f"{n:,} nodes, {g.number_of_edges():,} edges from {len(rows):,} claim rows (generated in {gen:.1f} s); "
                 f"projection (rows -> DiGraph with aggregates) {fmt(t_proj)}; the accelerated path's igraph copy, "
                 f"built once per network: {fmt(t_mirror)} (a bare igraph build from the same edges: {fmt(t_igbuild)})")
    m = mirror(g)
    ig = m.graph
    sample = random.Random(42).sample(list(g.nodes()), SAMPLE_K) if n > SAMPLE_K else None
    k_sources = [m.index[s] for s in sample] if sample else None

    for metric in measures or [*MEASURES, "louvain"]:
        sampled = metric in ("betweenness", "closeness") and n > nx_limit["exact_igraph"]
        k = SAMPLE_K if sampled else None
        label = f"{metric} (k={SAMPLE_K})" if sampled else metric
        nx_allowed = n <= nx_limit.get(metric, nx_limit["default"])
        if metric in ("betweenness", "closeness") and not sampled and n > nx_limit["exact_nx"]:
            nx_allowed = False
        if metric == "louvain":
            t_nx = timed(lambda: communities(g, seed=1), repeat)[0] if nx_allowed else None
            t_ours = timed(lambda: communities(g, seed=1, backend="igraph"), repeat)[0]
        else:
            t_nx = timed(lambda: centrality(g, metric, k=k), repeat)[0] if nx_allowed else None
            t_ours = timed(lambda: centrality(g, metric, k=k, backend="igraph"), repeat)[0]
        direct = timed(lambda: igraph_direct(ig, metric, k_sources if sampled else None), repeat)
        t_ig = direct[0] if direct[1] is not None else None
        # the same answer as ours: a score per named node, not a bare list (what a caller of igraph must build)
        named = timed(lambda: igraph_named(m, igraph_direct(ig, metric, k_sources if sampled else None)), repeat)
        t_named = named[0] if named[1] is not None else None
        rows_out.append([f"{n:,}", label, fmt(t_nx), fmt(t_ours), fmt(t_ig), fmt(t_named), ratio(t_nx, t_ig),
                         ratio(t_ours, t_ig), ratio(t_ours, t_named)])

    # betweenness and closeness: exact on igraph where it fits, and the error of the k=256 sample
    if n <= nx_limit["exact_igraph"] and sample and not measures:
        for metric in ("betweenness", "closeness"):
            exact = centrality(g, metric, backend="igraph")
            approx = centrality(g, metric, backend="igraph", k=SAMPLE_K, seed=42)
            notes.append(f"{metric} k={SAMPLE_K} vs exact at {n:,} nodes: {sampling_error(exact, approx)}")
    if n > nx_limit["exact_igraph"]:
        notes.append(f"exact betweenness and closeness skipped at {n:,} nodes (igraph alone would take minutes to hours); "
                     f"k={SAMPLE_K} sampled sources instead")

    # networkx backends
    try:
        import graphblas_algorithms as ga

        gg = ga.Graph.from_networkx(g, weight="strength") if hasattr(ga, "Graph") else None
        if gg is not None:
            t_pre = timed(lambda: ga.pagerank(gg), repeat)[0]
            t_dispatch = timed(lambda: nx.pagerank(g, weight="strength", backend="graphblas"), repeat)[0]
            notes.append(f"graphblas-algorithms pagerank at {n:,}: {fmt(t_pre)} pre-converted, "
                         f"{fmt(t_dispatch)} through networkx dispatch (conversion included)")
    except Exception as error:  # an optional backend: report, never fail the run
        notes.append(f"graphblas-algorithms not usable here: {type(error).__name__}: {str(error)[:120]}")
    if n <= 10_000:
        try:
            import nx_parallel  # noqa: F401

            t_par = timed(lambda: nx.betweenness_centrality(g, k=SAMPLE_K if n > SAMPLE_K else None, seed=42,
                                                            weight="distance", backend="parallel"), 1)[0]
            notes.append(f"nx-parallel betweenness (k={SAMPLE_K}) at {n:,} on this machine's cores: {fmt(t_par)}")
        except Exception as error:
            notes.append(f"nx-parallel not usable here: {type(error).__name__}: {str(error)[:120]}")
    return rows_out, notes


def store_warm_cold() -> list[str]:
    """The real path: a memory store with 200 countries and 5,000 claims; every measure cold, then warm."""
    from graph.analytics import country_measures
    from graph.articles import article_from_text
    from graph.model import Claim, Facts, Provenance
    from graph.project import project_country_network
    from graph.store import open_store
    from graph.triples import article_quads

    store = open_store("memory:")
    codes = sorted(store.select("countries"), key=lambda r: r["iso3"])
    codes = [r["iso3"] for r in codes][:200]
    rng = random.Random(3)
    t0 = time.perf_counter()
    for a in range(250):
        day = date(2025, 1, 1) + timedelta(days=rng.randrange(120))
        art = article_from_text(f"Synthetic report {a} about intelligence sharing.", title=f"Report {a}",
                                published=day.isoformat(), publisher=f"desk {a % 17}")
        claims = []
        for c in range(20):
            u, v = rng.sample(codes, 2)
            claims.append(Claim(u, rng.choice(STATUSES), v, "x", Provenance(c * 10, c * 10 + 5, "bench", 0.9), day))
        store.add_graph(art.iri, article_quads(art, Facts(claims=claims)))
    load = time.perf_counter() - t0
    t_proj, g = timed(lambda: project_country_network(store), 1)
    t_cold, _ = timed(lambda: country_measures(store), 1)
    t_warm, _ = timed(lambda: country_measures(store), 5)
    t_warm_proj, _ = timed(lambda: project_country_network(store), 5)
    t_fast, _ = timed(lambda: country_measures(store, backend="igraph", as_of=date(2025, 4, 1)), 1)
    return [f"store path: {g.number_of_nodes()} countries, {g.number_of_edges():,} ties from 5,000 claims "
            f"(load {load:.1f} s); projection cold {fmt(t_proj)} (SPARQL + aggregation), warm {fmt(t_warm_proj)}; "
            f"all {len(MEASURES)} measures cold on networkx {fmt(t_cold)}, on igraph {fmt(t_fast)}; "
            f"warm (cached per store revision) {fmt(t_warm)}"]


def main() -> None:
    import warnings

    import igraph  # noqa: F401  (imported before any timing)

    warnings.simplefilter("ignore", RuntimeWarning)  # igraph's notes on non-unique HITS scores
    nx.config.warnings_to_ignore.add("cache")
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--measures", nargs="+", help="Only these measures (and 'louvain'); default all.")
    args = parser.parse_args()
    # how far plain networkx is run (beyond: infeasible here; see the anchors for what it costs)
    nx_limit = {"default": 100_000, "exact_nx": 1000, "exact_igraph": 10_000,
                "betweenness": 10_000, "closeness": 10_000, "katz": 10_000}
    table: list[list[str]] = []
    notes: list[str] = []
    for n in args.sizes:
        print(f"-- {n:,} nodes", file=sys.stderr, flush=True)
        rows, more = run_size(n, args.repeat, nx_limit, args.measures)
        table += rows
        notes += more
    if not args.measures:
        notes += store_warm_cold()
    header = ["nodes", "measure", "networkx", "intelgraph accelerated", "igraph direct", "igraph + names",
              "networkx / igraph", "accelerated / igraph", "accelerated / igraph + names"]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in table:
        print("| " + " | ".join(row) + " |")
    print()
    for note in notes:
        print(f"- {note}")


if __name__ == "__main__":
    main()
