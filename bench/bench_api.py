"""Benchmark of the service: /sparql against pyoxigraph direct, `oxigraph serve` and rdflib-endpoint.

Run: ``.venv/bin/python bench/bench_api.py`` (needs the ``bench`` extra:
``pip install -e '.[bench]'``). It

1. generates a synthetic corpus of about 1M triples shaped like intelgraph's
   article graphs (claims with evidence, dates and sources; statements), with
   :func:`graph.triples.article_quads`, into an on-disk store, and dumps the
   whole dataset (reference data included) as N-Quads;
2. serves the same data four ways on loopback ports: intelgraph
   (``intelgraph serve``), ``oxigraph serve --union-default-graph``,
   rdflib-endpoint (rdflib's engine over an in-memory Dataset with a union
   default graph), and measures pyoxigraph in-process as the floor;
3. reports the latency (median of sequential runs) of representative
   queries on each, the throughput (requests/s, p50, p99) of the largest one
   under a bounded load of 8 connections, and the same for
   ``/countries/{code}/relationships``.

Everything runs in one go so the ratios compare like with like on this machine.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from datetime import date, timedelta
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PREFIX = """PREFIX ig: <https://w3id.org/intelgraph/ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <http://schema.org/>
"""
QUERIES = {
    # the big one: every suspension with its source (thousands of rows)
    "suspensions+sources": PREFIX + """SELECT ?actor ?partner ?date ?headline ?publisher WHERE {
  ?c a ig:Claim ; ig:status ig:Suspends ; ig:actor ?actor ; ig:partner ?partner ; ig:date ?date ;
     ig:confidence ?confidence ; prov:wasDerivedFrom ?a .
  ?a schema:headline ?headline ; schema:publisher ?publisher .
  FILTER(?confidence >= 0.75)
}""",
    "one-country-claims": PREFIX + """SELECT ?claim ?partner ?status ?date WHERE {
  ?claim ig:actor <https://w3id.org/intelgraph/id/country/ISR> ; ig:partner ?partner ; ig:status ?status ;
         ig:date ?date .
} ORDER BY ?date""",
    "claims-per-status": PREFIX + """SELECT ?status (COUNT(?c) AS ?n) WHERE { ?c a ig:Claim ; ig:status ?status }
GROUP BY ?status""",
    "ask-pair": PREFIX + """ASK { <https://w3id.org/intelgraph/id/country/USA> ig:suspendsIntelligenceTo
  <https://w3id.org/intelgraph/id/country/UKR> }""",
}
BIG = "suspensions+sources"
STATUSES = ["shares_with", "considers_restricting", "restricts", "suspends", "resumes"]
COUNTRIES = ["USA", "GBR", "FRA", "DEU", "ISR", "UKR", "RUS", "CAN", "AUS", "NZL", "NLD", "JPN", "KOR", "IND",
             "SAU", "TUR", "POL", "ITA", "ESP", "SWE", "NOR", "DNK", "FIN", "BEL", "CHN", "IRN", "EGY", "JOR",
             "ARE", "QAT", "PAK", "BRA", "MEX", "ZAF", "NGA", "KEN", "ETH", "IDN", "PHL", "SGP"]
PUBLISHERS = ["Wire A", "Wire B", "The Daily", "Gazette", "Observer", "Herald", "Courier", "Post"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# -- corpus ---------------------------------------------------------------------------------------

def generate(store_dir: Path, nquads: Path, articles: int, seed: int = 7) -> int:
    """Write ~14 quads per claim + article metadata into an on-disk store; dump it all as N-Quads."""
    import pyoxigraph as ox

    from graph.articles import article_from_text
    from graph.model import Claim, Facts, Provenance, Statement
    from graph.store import open_store, to_ox_quad
    from graph.triples import article_quads

    rng = random.Random(seed)
    store = open_store(f"oxigraph:{store_dir}")
    batch: list = []
    start = date(2024, 1, 1)
    for i in range(articles):
        published = start + timedelta(days=rng.randrange(600))
        body = f"Synthetic report {i}: officials discussed intelligence sharing."
        art = article_from_text(body, title=f"Report {i} on intelligence sharing",
                                publisher=rng.choice(PUBLISHERS), published=published.isoformat())
        claims = []
        for k in range(4):
            actor, partner = rng.sample(COUNTRIES, 2)
            claims.append(Claim(actor, rng.choice(STATUSES), partner, f"{actor} and {partner}, sentence {k}.",
                                Provenance(k * 10, k * 10 + 9, "synthetic.v1", round(rng.uniform(0.5, 1), 3)),
                                published - timedelta(days=rng.randrange(3))))
        statements = [Statement(f"Official {rng.randrange(500)}", rng.choice(COUNTRIES), "We will keep sharing.",
                                Provenance(50, 70, "synthetic.v1", 0.7), about=(rng.choice(COUNTRIES),),
                                stance="affirms_sharing")]
        batch.extend(to_ox_quad(q) for q in article_quads(art, Facts(claims=claims, statements=statements)))
        if len(batch) > 200_000:
            store.backend.bulk_extend(batch)
            batch = []
    if batch:
        store.backend.bulk_extend(batch)
    store.backend.flush()
    store.backend.dump(str(nquads), format=ox.RdfFormat.N_QUADS)
    total = len(store)
    store.close()
    return total


# -- servers --------------------------------------------------------------------------------------

RDFLIB_SERVER = textwrap.dedent("""
    import sys, uvicorn
    from rdflib import Dataset
    from rdflib_endpoint import SparqlEndpoint
    ds = Dataset(default_union=True)
    ds.parse(sys.argv[1], format="nquads")
    uvicorn.run(SparqlEndpoint(graph=ds, path="/sparql"), host="127.0.0.1", port=int(sys.argv[2]),
                log_level="warning")
""")


def start(cmd: list[str], url: str, env: dict | None = None, wait: float = 900) -> subprocess.Popen:
    proc = subprocess.Popen(cmd, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + wait
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{cmd[0]} exited with {proc.returncode}")
        try:
            if httpx.get(url, params={"query": "ASK {}"}, timeout=5).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{cmd} did not start")


def stop(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(proc.pid, signal.SIGKILL)


# -- measuring ------------------------------------------------------------------------------------

def direct_latency(store_dir: Path, query: str, runs: int) -> tuple[float, int]:
    """Median seconds of query + JSON serialisation in-process (pyoxigraph), and the size."""
    import pyoxigraph as ox

    store = ox.Store.read_only(str(store_dir))
    times, size = [], 0
    for _ in range(runs):
        t = time.perf_counter()
        result = store.query(query, use_default_graph_as_union=True)
        body = result.serialize(format=ox.QueryResultsFormat.JSON)
        times.append(time.perf_counter() - t)
        size = len(body)
    return statistics.median(times), size


def http_latency(url: str, query: str, runs: int, timeout: float) -> float | None:
    times = []
    with httpx.Client(timeout=timeout) as client:
        for _ in range(runs):
            t = time.perf_counter()
            try:
                r = client.get(url, params={"query": query},
                               headers={"accept": "application/sparql-results+json"})
            except httpx.TimeoutException:
                return None
            times.append(time.perf_counter() - t)
            if r.status_code != 200:
                raise RuntimeError(f"{url}: {r.status_code} {r.text[:200]}")
    return statistics.median(times)


async def load(make_request, connections: int, duration: float) -> dict:
    """``connections`` clients each sending requests back to back for ``duration`` seconds."""
    latencies: list[float] = []
    errors = 0
    stop_at = time.perf_counter() + duration
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    async with httpx.AsyncClient(limits=limits, timeout=120) as client:
        async def worker(n: int) -> None:
            nonlocal errors
            i = n
            while time.perf_counter() < stop_at:
                t = time.perf_counter()
                try:
                    r = await make_request(client, i)
                    ok = r.status_code == 200
                except httpx.HTTPError:
                    ok = False
                if ok:
                    latencies.append(time.perf_counter() - t)
                else:
                    errors += 1
                i += connections
        started = time.perf_counter()
        await asyncio.gather(*(worker(n) for n in range(connections)))
        elapsed = time.perf_counter() - started
    latencies.sort()
    pick = lambda p: latencies[min(len(latencies) - 1, int(p * len(latencies)))] if latencies else float("nan")
    return {"rps": len(latencies) / elapsed, "p50": pick(0.50), "p99": pick(0.99), "n": len(latencies),
            "errors": errors}


def sparql_load(url: str, query: str, connections: int, duration: float) -> dict:
    async def request(client, _i):
        return await client.get(url, params={"query": query}, headers={"accept": "application/sparql-results+json"})
    return asyncio.run(load(request, connections, duration))


def rest_load(base: str, codes: list[str], connections: int, duration: float) -> dict:
    async def request(client, i):
        return await client.get(f"{base}/countries/{codes[i % len(codes)]}/relationships")
    return asyncio.run(load(request, connections, duration))


def ms(value: float | None) -> str:
    return "timeout" if value is None else f"{value * 1000:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=12_000, help="synthetic articles (~85 quads each)")
    parser.add_argument("--duration", type=float, default=15.0, help="seconds of load per target")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--runs", type=int, default=9, help="sequential runs per latency figure")
    parser.add_argument("--skip-rdflib", action="store_true", help="leave rdflib-endpoint out (slow to load)")
    parser.add_argument("--isolation", default="auto", choices=["auto", "process", "thread"],
                        help="intelgraph's INTELGRAPH_QUERY_ISOLATION (auto: worker processes)")
    parser.add_argument("--workers", type=int, help="intelgraph's INTELGRAPH_SPARQL_WORKERS (default: its own)")
    parser.add_argument("--keep", type=Path, help="keep the generated data in this folder")
    args = parser.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="intelgraph-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    ours_dir, ox_dir, nq = work / "intelgraph", work / "oxigraph", work / "corpus.nq"
    bindir = Path(sys.executable).parent
    procs: list[subprocess.Popen] = []
    try:
        if not nq.exists():
            t = time.perf_counter()
            total = generate(ours_dir, nq, args.articles)
            print(f"corpus: {total:,} quads in {time.perf_counter() - t:.0f} s ({args.articles:,} articles)")
            subprocess.run([str(bindir / "oxigraph"), "load", "--location", str(ox_dir), "--file", str(nq)],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        targets: dict[str, str] = {}
        port = free_port()
        targets["intelgraph /sparql"] = f"http://127.0.0.1:{port}/sparql"
        procs.append(start([str(bindir / "intelgraph"), "serve", "--store", f"oxigraph:{ours_dir}",
                            "--port", str(port)], targets["intelgraph /sparql"],
                           env={"INTELGRAPH_RESULT_CAP": "10000000", "INTELGRAPH_QUERY_TIMEOUT": "60",
                                "INTELGRAPH_QUERY_ISOLATION": args.isolation,
                                **({"INTELGRAPH_SPARQL_WORKERS": str(args.workers)} if args.workers else {})}))
        ours_base = f"http://127.0.0.1:{port}"
        port = free_port()
        targets["oxigraph serve"] = f"http://127.0.0.1:{port}/query"
        procs.append(start([str(bindir / "oxigraph"), "serve-read-only", "--location", str(ox_dir),
                            "--bind", f"127.0.0.1:{port}", "--union-default-graph"], targets["oxigraph serve"]))
        if not args.skip_rdflib:
            port = free_port()
            targets["rdflib-endpoint"] = f"http://127.0.0.1:{port}/sparql"
            t = time.perf_counter()
            procs.append(start([sys.executable, "-c", RDFLIB_SERVER, str(nq), str(port)],
                               targets["rdflib-endpoint"], wait=3600))
            print(f"rdflib-endpoint loaded the corpus in {time.perf_counter() - t:.0f} s")

        print(f"\n## Latency (median of {args.runs} sequential runs, ms; JSON results)\n")
        header = "| query | rows/bytes | pyoxigraph direct | " + " | ".join(targets) + " |"
        print(header)
        print("|" + " --- |" * (header.count("|") - 1))
        for name, query in QUERIES.items():
            direct, size = direct_latency(ours_dir, query, args.runs)
            cells = [ms(http_latency(url, query, args.runs if "rdflib" not in label else 3,
                                     timeout=120)) for label, url in targets.items()]
            print(f"| {name} | {size:,} B | {ms(direct)} | " + " | ".join(cells) + " |")

        import pyoxigraph as ox
        rows = len(list(ox.Store.read_only(str(ours_dir)).query(QUERIES[BIG], use_default_graph_as_union=True)))
        print(f"\n## Throughput: '{BIG}' ({rows:,} rows), {args.connections} connections, "
              f"{args.duration:g} s each\n")
        print("| target | req/s | p50 ms | p99 ms | errors |")
        print("| --- | --- | --- | --- | --- |")
        results = {}
        for label, url in targets.items():
            duration = args.duration * (2 if "rdflib" in label else 1)
            results[label] = r = sparql_load(url, QUERIES[BIG], args.connections, duration)
            print(f"| {label} | {r['rps']:.1f} | {ms(r['p50'])} | {ms(r['p99'])} | {r['errors']} |")
        ours = results["intelgraph /sparql"]["rps"]
        print(f"\nintelgraph / oxigraph serve: {ours / results['oxigraph serve']['rps']:.2f}x")
        if "rdflib-endpoint" in results and results["rdflib-endpoint"]["rps"]:
            print(f"intelgraph / rdflib-endpoint: {ours / results['rdflib-endpoint']['rps']:.1f}x")

        cold = []
        with httpx.Client(timeout=120) as client:
            for code in COUNTRIES:  # first request per country after a (re)start: computed, not cached
                t = time.perf_counter()
                r = client.get(f"{ours_base}/countries/{code}/relationships")
                cold.append(time.perf_counter() - t)
                assert r.headers.get("x-cache") == "miss", r.headers
        cold.sort()
        print(f"\n## /countries/{{code}}/relationships\n\nCold (first request per country, computed; "
              f"{len(COUNTRIES)} countries, sequential): p50 {ms(statistics.median(cold))} ms, "
              f"max {ms(cold[-1])} ms.\n")
        print(f"Under load ({args.connections} connections, {args.duration:g} s, cached per store revision):\n")
        print("| codes | req/s | p50 ms | p99 ms | errors |")
        print("| --- | --- | --- | --- | --- |")
        r = rest_load(ours_base, COUNTRIES, args.connections, args.duration)
        print(f"| {len(COUNTRIES)} countries in turn | {r['rps']:.1f} | {ms(r['p50'])} | {ms(r['p99'])} | "
              f"{r['errors']} |")
        one = httpx.get(f"{ours_base}/countries/ISR/relationships", params={"limit": 1000}, timeout=60).json()
        print(f"\n(ISR has {one['total']} relationships from "
              f"{sum(len(x['sources']) for x in one['relationships'])} claims)")
    finally:
        for proc in procs:
            stop(proc)
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
