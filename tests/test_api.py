"""The API through a real uvicorn server and real clients (httpx, SPARQLWrapper, rdflib's SPARQLStore)."""

from __future__ import annotations

import io

import httpx
import networkx as nx
import pytest

ISR_QUERY = """PREFIX ig: <https://w3id.org/intelgraph/ns#>
SELECT ?who WHERE { ?who ig:considersRestrictingIntelligenceTo <https://w3id.org/intelgraph/id/country/USA> }
ORDER BY ?who"""


def test_health(live_server):
    body = httpx.get(live_server.url + "/health").json()
    assert body["status"] == "ok" and body["articles"] >= 4


def test_israel_relationships_cite_the_seed(live_server):
    r = httpx.get(live_server.url + "/countries/ISR/relationships")
    assert r.status_code == 200
    rels = r.json()["relationships"]
    usa = [x for x in rels if x["direction"] == "outgoing" and x["partner"] == "USA"]
    assert usa and usa[0]["status"] == "considers_restricting"
    source = usa[0]["sources"][0]
    assert source["headline"].startswith("Cautious of Trump's Russian pivot")
    assert source["publisher"] == "The Jerusalem Post" and "Israel" in source["evidence"]
    assert usa[0]["corroboration"] >= 1


@pytest.mark.parametrize("code", ["ISR", "IL", "il", "Israel"])
def test_country_codes_and_names_resolve(live_server, code):
    assert httpx.get(f"{live_server.url}/countries/{code}/relationships").json()["country"] == "ISR"


def test_unknown_country_is_404_with_suggestions(live_server):
    r = httpx.get(live_server.url + "/countries/Isreal/relationships")
    assert r.status_code == 404
    assert any("ISR" in s for s in r.json()["error"]["suggestions"])


def test_sparql_get_json(live_server):
    r = httpx.get(live_server.url + "/sparql", params={"query": ISR_QUERY})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/sparql-results+json")
    who = {b["who"]["value"].rsplit("/", 1)[1] for b in r.json()["results"]["bindings"]}
    assert {"ISR", "SAU"} <= who


def test_sparql_post_forms(live_server):
    direct = httpx.post(live_server.url + "/sparql", content=ISR_QUERY,
                        headers={"content-type": "application/sparql-query"})
    form = httpx.post(live_server.url + "/sparql", data={"query": ISR_QUERY})
    assert direct.status_code == form.status_code == 200
    assert direct.json() == form.json()


@pytest.mark.parametrize("accept, media", [
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("text/csv;q=0.2, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
    ("*/*", "application/sparql-results+json"),
    ("text/*", "text/csv"),
])
def test_select_negotiation(live_server, accept, media):
    r = httpx.get(live_server.url + "/sparql", params={"query": ISR_QUERY}, headers={"accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].split(";")[0] == media


def test_construct_as_turtle_and_406(live_server):
    q = "CONSTRUCT { ?a <urn:x> ?b } WHERE { ?a <https://w3id.org/intelgraph/ns#considersRestrictingIntelligenceTo> ?b }"
    r = httpx.get(live_server.url + "/sparql", params={"query": q}, headers={"accept": "text/turtle"})
    assert r.status_code == 200 and "<urn:x>" in r.text
    r = httpx.get(live_server.url + "/sparql", params={"query": q}, headers={"accept": "text/csv"})
    assert r.status_code == 406


@pytest.mark.parametrize("query, message", [
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "read-only"),
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
    ("SELECT WHERE {", "syntax"),
])
def test_refused_queries_are_400(live_server, query, message):
    r = httpx.get(live_server.url + "/sparql", params={"query": query})
    assert r.status_code == 400 and message in r.json()["error"]["message"]


def test_sparqlwrapper_client(live_server):
    from SPARQLWrapper import JSON, SPARQLWrapper

    client = SPARQLWrapper(live_server.url + "/sparql")
    client.setQuery(ISR_QUERY)
    client.setReturnFormat(JSON)
    rows = client.query().convert()["results"]["bindings"]
    assert any(b["who"]["value"].endswith("/ISR") for b in rows)


def test_rdflib_sparqlstore_client(live_server):
    from rdflib import Graph
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    remote = Graph(store=SPARQLStore(live_server.url + "/sparql", returnFormat="json"))
    rows = list(remote.query(ISR_QUERY))
    assert any(str(r[0]).endswith("/ISR") for r in rows)


def test_graphml_export_reads_back(live_server):
    r = httpx.get(live_server.url + "/export/graphml")
    assert r.status_code == 200
    g = nx.read_graphml(io.BytesIO(r.content))
    assert g.has_edge("ISR", "USA")


def test_openapi_lists_the_routes(live_server):
    paths = httpx.get(live_server.url + "/openapi.json").json()["paths"]
    assert {"/health", "/sparql", "/countries/{code}/relationships", "/export/{fmt}"} <= set(paths)
