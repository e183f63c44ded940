"""A bounded load test of the service: REST lookups, SPARQL queries and ingests at once.

Starts intelgraph (a real uvicorn server, on-disk store with seeds/ and a
synthetic corpus, process-isolated SPARQL) on a free loopback port, then
drives it for a fixed duration with a small asyncio client over a fixed number
of connections: each connection loops over a mix of GET
/countries/{code}/relationships, POST /sparql and POST /articles (new
synthetic articles, with an API key). Traffic goes to 127.0.0.1 only and the
run stops by itself. Prints requests, errors and p50/p99 latency per kind.

    .venv/bin/python bench/load_test.py [--seconds 20] [--connections 8] [--articles 500]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402

CODES = ["USA", "GBR", "ISR", "UKR", "FRA", "DEU", "JPN", "CAN", "AUS", "NLD"]
QUERIES = [
    "PREFIX ig: <https://w3id.org/intelgraph/ns#> SELECT ?a ?b WHERE { ?a ig:suspendsIntelligenceTo ?b } LIMIT 100",
    "PREFIX ig: <https://w3id.org/intelgraph/ns#> SELECT ?s (COUNT(?c) AS ?n) WHERE { ?c ig:actor ?s } GROUP BY ?s",
    "PREFIX ig: <https://w3id.org/intelgraph/ns#> ASK { ?c a ig:Claim }",
]


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


async def drive(base: str, key: str, seconds: float, connections: int, fresh: list[dict]) -> dict[str, dict]:
    stats: dict[str, dict] = {k: {"ms": [], "errors": 0, "codes": {}} for k in ("relationships", "sparql", "ingest")}
    deadline = time.monotonic() + seconds
    feed = iter(fresh)

    async def one(client: httpx.AsyncClient, rng: random.Random) -> None:
        while time.monotonic() < deadline:
            pick = rng.random()
            started = time.perf_counter()
            if pick < 0.6:
                kind = "relationships"
                request = client.get(f"{base}/countries/{rng.choice(CODES)}/relationships", params={"limit": 20})
            elif pick < 0.9:
                kind = "sparql"
                request = client.post(f"{base}/sparql", data={"query": rng.choice(QUERIES)},
                                      headers={"accept": "application/sparql-results+json"})
            else:
                record = next(feed, None)
                if record is None:
                    continue
                kind = "ingest"
                request = client.post(f"{base}/articles", content=json.dumps(record),
                                      headers={"content-type": "application/json", "authorization": f"Bearer {key}"})
            try:
                response = await request
                ok = response.status_code < 400
                stats[kind]["codes"][response.status_code] = stats[kind]["codes"].get(response.status_code, 0) + 1
            except httpx.HTTPError as error:
                ok = False
                name = type(error).__name__
                stats[kind]["codes"][name] = stats[kind]["codes"].get(name, 0) + 1
            stats[kind]["ms"].append((time.perf_counter() - started) * 1000)
            if not ok:
                stats[kind]["errors"] += 1

    async with httpx.AsyncClient(timeout=30, limits=httpx.Limits(max_connections=connections)) as client:
        await asyncio.gather(*(one(client, random.Random(i)) for i in range(connections)))
    return stats


def run(seconds: float, connections: int, articles: int, workdir: Path) -> dict[str, dict]:
    """Build the store, serve it, drive it; the per-kind statistics."""
    env = {**os.environ, "INTELGRAPH_STORE": f"oxigraph:{workdir / 'store'}",
           "INTELGRAPH_KEYS_FILE": str(workdir / "keys.json")}
    cli = [sys.executable, "-m", "graph.cli"]
    subprocess.run(cli + ["ingest", str(ROOT / "seeds")], env=env, check=True, capture_output=True)
    if articles:
        feed = corpus.write_jsonl(articles, workdir / "base.jsonl", seed=5)
        subprocess.run(cli + ["ingest", str(feed)], env=env, check=True, capture_output=True)
    made = subprocess.run(cli + ["keys", "add", "load-test"], env=env, check=True, capture_output=True, text=True)
    key = made.stdout.strip().splitlines()[-1]
    fresh = corpus.generate(2000, seed=99)
    port = free_port()
    log = (workdir / "server.log").open("wb")
    server = subprocess.Popen(cli + ["serve", "--port", str(port)], env=env, stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                if httpx.get(base + "/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        return asyncio.run(drive(base, key, seconds, connections, fresh))
    finally:
        server.terminate()
        server.wait(timeout=30)


def report(stats: dict[str, dict], seconds: float) -> None:
    print("| kind | requests | req/s | errors | p50 ms | p99 ms |")
    print("|---|---|---|---|---|---|")
    for kind, s in stats.items():
        ms = s["ms"]
        print(f"| {kind} | {len(ms)} | {len(ms) / seconds:.1f} | {s['errors']} | "
              f"{percentile(ms, 0.5):.1f} | {percentile(ms, 0.99):.1f} |")
    total = sum(len(s["ms"]) for s in stats.values())
    print(f"\n{total} requests in {seconds:.0f} s; status codes: "
          + "; ".join(f"{k} {s['codes']}" for k, s in stats.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--articles", type=int, default=500, help="synthetic articles in the store before the run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        stats = run(args.seconds, args.connections, args.articles, Path(tmp))
    report(stats, args.seconds)


if __name__ == "__main__":
    main()
