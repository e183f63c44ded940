"""The whole path against a real SPARQL server (`oxigraph serve`): ingest, CLI, SPARQL, REST, exports.

The same scenario as the embedded store's end-to-end tests, with the store
URL ``sparql+http://127.0.0.1:PORT/query?update=...``, plus what only a
remote store can do wrong: a server that is down, or refuses an update.
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys

import httpx
import networkx as nx
import pytest

from graph import open_store
from graph.errors import IntelgraphError, StoreError
from graph.pipeline import ingest_paths

from support import SEEDS, LiveServer, OxigraphServer, free_port

CLI = [sys.executable, "-m", "graph.cli"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with OxigraphServer(tmp_path_factory.mktemp("oxserve") / "data") as running:
        yield running


@pytest.fixture(scope="module")
def ingested(server):
    result = subprocess.run(CLI + ["ingest", str(SEEDS), "--store", server.store_url],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "articles: 4 new" in result.stdout
    return server.store_url


@pytest.fixture(scope="module")
def api(ingested):
    from api.app import create_app
    from api.settings import Settings

    store = open_store(ingested)
    with LiveServer(create_app(Settings(store_url=ingested), store=store)) as live:
        yield live
    store.close()


def test_reingest_adds_nothing(ingested):
    result = subprocess.run(CLI + ["ingest", str(SEEDS), "--store", ingested], capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0 and "0 new, 4 already held" in result.stdout


def test_cli_query_lists_israel_and_saudi_arabia(ingested):
    q = ("PREFIX ig: <https://w3id.org/intelgraph/ns#> SELECT ?who WHERE "
         "{ ?who ig:considersRestrictingIntelligenceTo ?x } ORDER BY ?who")
    result = subprocess.run(CLI + ["query", q, "--store", ingested, "--format", "csv"], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    who = {row[0].rsplit("/", 1)[-1] for row in list(csv.reader(io.StringIO(result.stdout)))[1:]}
    assert {"ISR", "SAU"} <= who


def test_rest_relationships_cite_the_seed(api):
    rels = httpx.get(api.url + "/countries/ISR/relationships", timeout=30).json()["relationships"]
    usa = [r for r in rels if r["direction"] == "outgoing" and r["partner"] == "USA"]
    assert usa and usa[0]["status"] == "considers_restricting"
    assert usa[0]["sources"][0]["publisher"] == "The Jerusalem Post"


def test_sparql_endpoint_over_the_remote_store(api):
    q = "PREFIX ig: <https://w3id.org/intelgraph/ns#> SELECT ?who WHERE { ?who ig:suspendsIntelligenceTo ?x }"
    r = httpx.get(api.url + "/sparql", params={"query": q}, timeout=30)
    assert r.status_code == 200
    assert any(b["who"]["value"].endswith("/USA") for b in r.json()["results"]["bindings"])
    r = httpx.get(api.url + "/sparql", params={"query": "CONSTRUCT WHERE { ?a <https://w3id.org/intelgraph/ns#suspendsIntelligenceTo> ?b }"},
                  headers={"accept": "text/turtle"}, timeout=30)
    assert r.status_code == 200 and "suspendsIntelligenceTo" in r.text


def test_graphml_export_reads_back(api):
    r = httpx.get(api.url + "/export/graphml", timeout=60)
    assert r.status_code == 200
    assert nx.read_graphml(io.BytesIO(r.content)).has_edge("ISR", "USA")


def test_time_slicing_over_the_remote_store(ingested):
    from datetime import date

    from graph.project import project_country_network

    store = open_store(ingested)
    try:
        assert project_country_network(store, as_of=date(2025, 3, 6)).edges["USA", "UKR"]["latest_status"] == "suspends"
        assert project_country_network(store, as_of=date(2025, 3, 12)).edges["USA", "UKR"]["latest_status"] == "resumes"
    finally:
        store.close()


def test_a_server_that_is_down_is_a_clear_error():
    port = free_port()
    with pytest.raises(StoreError, match="cannot reach the SPARQL server"):
        open_store(f"sparql+http://127.0.0.1:{port}/query?update=http://127.0.0.1:{port}/update")


def test_a_refused_update_leaves_no_partial_article(server, tmp_path):
    """The update URL points at the read-only query endpoint: the write is refused whole."""
    base = f"127.0.0.1:{server.port}"
    store = open_store(f"sparql+http://{base}/query?update=http://{base}/query", reference=False)
    article = tmp_path / "a.txt"
    article.write_text("Refused article\n\nChile suspended intelligence sharing with Peru on 2 May.", encoding="utf-8")
    with pytest.raises(IntelgraphError) as refused:
        ingest_paths(store, [article])
    print(refused.value)
    assert not bool(store.query(
        "ASK { ?x <https://w3id.org/intelgraph/ns#actor> <https://w3id.org/intelgraph/id/country/CHL> }"))
    store.close()
