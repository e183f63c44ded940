"""/sparql against a real uvicorn server: negotiation per query form, datasets, refusals, limits.

Every 200 is parsed back with rdflib in the format its Content-Type names.
"""

from __future__ import annotations

import io
import threading
import time

import httpx
import pytest
from rdflib import Graph
from rdflib.query import Result

from support import LiveServer

ISR = "https://w3id.org/intelgraph/id/country/ISR"
QUERIES = {
    "SELECT": "PREFIX ig: <https://w3id.org/intelgraph/ns#> "
              "SELECT ?who ?partner WHERE { ?who ig:considersRestrictingIntelligenceTo ?partner } ORDER BY ?who",
    "ASK": "PREFIX ig: <https://w3id.org/intelgraph/ns#> ASK { ?who ig:considersRestrictingIntelligenceTo ?p }",
    "CONSTRUCT": "PREFIX ig: <https://w3id.org/intelgraph/ns#> "
                 "CONSTRUCT { ?a ig:considersRestrictingIntelligenceTo ?b } "
                 "WHERE { ?a ig:considersRestrictingIntelligenceTo ?b }",
    "DESCRIBE": f"DESCRIBE <{ISR}>",
}
RESULT_PARSERS = {"application/sparql-results+json": "json", "application/json": "json",
                  "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
                  "text/csv": "csv", "text/tab-separated-values": "tsv"}
GRAPH_PARSERS = {"text/turtle": "turtle", "application/n-triples": "nt", "text/plain": "nt",
                 "application/ld+json": "json-ld", "application/rdf+xml": "xml", "application/trig": "trig",
                 "application/n-quads": "nquads"}

# (query form, Accept header, expected media type or 406)
NEGOTIATION = [
    ("SELECT", None, "application/sparql-results+json"),
    ("SELECT", "", "application/sparql-results+json"),
    ("SELECT", "*/*", "application/sparql-results+json"),
    ("SELECT", "application/sparql-results+json", "application/sparql-results+json"),
    ("SELECT", "application/sparql-results+xml", "application/sparql-results+xml"),
    ("SELECT", "application/xml", "application/xml"),
    ("SELECT", "text/csv", "text/csv"),
    ("SELECT", "text/tab-separated-values", "text/tab-separated-values"),
    ("SELECT", "text/csv;q=0.2, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
    ("SELECT", "text/*", "text/csv"),
    ("SELECT", "application/sparql-results+json;q=0, */*;q=0.5", "application/sparql-results+xml"),
    ("SELECT", "text/html, application/xhtml+xml, */*;q=0.8", "application/sparql-results+json"),
    ("SELECT", "text/turtle", 406),
    ("SELECT", "image/png, text/turtle;q=0.5", 406),
    ("SELECT", "text/csv;q=0", 406),
    ("ASK", None, "application/sparql-results+json"),
    ("ASK", "application/sparql-results+xml", "application/sparql-results+xml"),
    ("ASK", "text/csv, */*;q=0.1", "application/sparql-results+json"),
    ("ASK", "text/*", "text/xml"),
    ("ASK", "text/csv", 406),
    ("ASK", "text/turtle", 406),
    ("CONSTRUCT", None, "text/turtle"),
    ("CONSTRUCT", "*/*", "text/turtle"),
    ("CONSTRUCT", "application/n-triples", "application/n-triples"),
    ("CONSTRUCT", "text/plain", "text/plain"),
    ("CONSTRUCT", "application/ld+json", "application/ld+json"),
    ("CONSTRUCT", "application/rdf+xml", "application/rdf+xml"),
    ("CONSTRUCT", "text/turtle;q=0.1, application/rdf+xml", "application/rdf+xml"),
    ("CONSTRUCT", "application/*", "application/n-triples"),
    ("CONSTRUCT", "application/sparql-results+json", 406),
    ("CONSTRUCT", "text/csv", 406),
    ("DESCRIBE", None, "text/turtle"),
    ("DESCRIBE", "application/ld+json", "application/ld+json"),
    ("DESCRIBE", "application/rdf+xml;q=0.5, application/n-triples;q=0.6", "application/n-triples"),
    ("DESCRIBE", "text/csv", 406),
]


def parse(response: httpx.Response):
    """The body parsed by rdflib in the format the Content-Type names."""
    media = response.headers["content-type"].split(";")[0]
    if media in RESULT_PARSERS:
        return Result.parse(io.BytesIO(response.content), format=RESULT_PARSERS[media])
    return Graph().parse(data=response.content, format=GRAPH_PARSERS[media])


@pytest.mark.parametrize("form, accept, expected", NEGOTIATION)
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_negotiation_table(live_server, method, form, accept, expected):
    headers = {} if accept is None else {"accept": accept}
    if method == "GET":
        r = httpx.get(live_server.url + "/sparql", params={"query": QUERIES[form]}, headers=headers)
    else:
        r = httpx.post(live_server.url + "/sparql", content=QUERIES[form],
                       headers={**headers, "content-type": "application/sparql-query"})
    if expected == 406:
        assert r.status_code == 406, r.text
        assert "acceptable" in r.json()["error"]["message"]
        return
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].split(";")[0] == expected
    parsed = parse(r)
    if form == "SELECT":
        assert ISR in {str(row[0]) for row in parsed}
    elif form == "ASK":
        assert parsed.askAnswer is True
    else:
        assert len(parsed) > 0 and any(str(s) == ISR for s in parsed.subjects())


def test_results_are_identical_across_formats(live_server):
    rows = {}
    for media in ("application/sparql-results+json", "application/sparql-results+xml", "text/tab-separated-values"):
        r = httpx.get(live_server.url + "/sparql", params={"query": QUERIES["SELECT"]}, headers={"accept": media})
        rows[media] = sorted(tuple(str(v) for v in row) for row in parse(r))
    assert len({tuple(v) for v in rows.values()}) == 1 and rows["text/tab-separated-values"]


def test_graph_reaches_each_article_graph(live_server):
    q = ("PREFIX ig: <https://w3id.org/intelgraph/ns#> SELECT DISTINCT ?g WHERE { "
         "GRAPH ?g { ?a ig:considersRestrictingIntelligenceTo ?b } }")
    graphs = {b["g"]["value"] for b in httpx.get(live_server.url + "/sparql", params={"query": q})
              .json()["results"]["bindings"]}
    assert graphs and all("/id/article/" in g for g in graphs)
    # the protocol dataset narrows to one article graph
    one = sorted(graphs)[0]
    q2 = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    n_one = httpx.get(live_server.url + "/sparql", params={"query": q2, "default-graph-uri": one}).json()
    n_all = httpx.get(live_server.url + "/sparql", params={"query": q2}).json()
    n_one = int(n_one["results"]["bindings"][0]["n"]["value"])
    n_all = int(n_all["results"]["bindings"][0]["n"]["value"])
    assert 0 < n_one < n_all
    # named-graph-uri alone: only those graphs answer GRAPH ?g
    r = httpx.get(live_server.url + "/sparql", params={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
                                                       "named-graph-uri": one})
    assert [b["g"]["value"] for b in r.json()["results"]["bindings"]] == [one]


def test_from_in_the_query_is_honoured(live_server):
    q = "SELECT (COUNT(*) AS ?n) FROM <urn:nothing-here> WHERE { ?s ?p ?o }"
    r = httpx.get(live_server.url + "/sparql", params={"query": q})
    assert r.json()["results"]["bindings"][0]["n"]["value"] == "0"


def test_default_prefixes_are_predeclared(live_server):
    r = httpx.get(live_server.url + "/sparql", params={"query": "ASK { ?c a ig:Claim }"})
    assert r.status_code == 200 and r.json()["boolean"] is True


@pytest.mark.parametrize("query, status, message", [
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", 400, "read-only"),
    ("PREFIX x: <urn:x#> DELETE WHERE { ?s ?p ?o }", 400, "read-only"),
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", 400, "SERVICE"),
    ("select * where { service silent <http://example.org/sparql> { ?s ?p ?o } }", 400, "SERVICE"),
    ("SELECT * WHERE { ?s ?p ?o . SERVICE ?endpoint { ?s ?p ?o } }", 400, "SERVICE"),
    ("SELECT WHERE {", 400, "syntax"),
    ("", 400, "no query"),
])
def test_refused_queries(live_server, query, status, message):
    r = httpx.get(live_server.url + "/sparql", params={"query": query})
    assert r.status_code == status and message in r.json()["error"]["message"], r.text


def test_service_inside_a_literal_is_not_refused(live_server):
    q = 'SELECT ?x WHERE { BIND("SERVICE <http://example.org/> and FROM" AS ?x) }  # SERVICE in a comment'
    r = httpx.get(live_server.url + "/sparql", params={"query": q})
    assert r.status_code == 200 and "SERVICE" in r.json()["results"]["bindings"][0]["x"]["value"]


@pytest.mark.parametrize("request_kwargs, status", [
    ({"method": "PUT", "params": {"query": "ASK {}"}}, 405),
    ({"method": "GET", "params": [("query", "ASK {}"), ("query", "ASK {}")]}, 400),
    ({"method": "GET", "params": {"update": "CLEAR ALL"}}, 400),
    ({"method": "POST", "content": "ASK {}", "headers": {"content-type": "text/plain"}}, 415),
    ({"method": "POST", "content": "query=ASK%20%7B%7D"}, 415),
    ({"method": "POST", "content": "ASK {}".encode("utf-16"),
      "headers": {"content-type": "application/sparql-query; charset=UTF-16"}}, 415),
    ({"method": "POST", "content": b"ASK { \xff }", "headers": {"content-type": "application/sparql-query"}}, 400),
    ({"method": "POST", "data": {"update": "CLEAR ALL"}}, 400),
    ({"method": "POST", "content": "CLEAR ALL", "headers": {"content-type": "application/sparql-update"}}, 400),
])
def test_bad_requests(live_server, request_kwargs, status):
    kwargs = dict(request_kwargs)
    r = httpx.request(kwargs.pop("method"), live_server.url + "/sparql", **kwargs)
    assert r.status_code == status, r.text
    assert r.json()["error"]["message"]


# -- limits: timeout, row cap, the event loop stays free ------------------------------------------

SLOW_AGGREGATE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # no row until it ends
SLOW_STREAM = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"  # rows from the start, millions of them


@pytest.fixture(scope="module")
def limited_server(seed_store):
    """The seed store behind worker processes with a 1 s timeout and a 50-row cap."""
    from api.app import create_app
    from api.settings import Settings

    settings = Settings(store_url=seed_store.url, query_timeout=1.0, result_cap=50, sparql_workers=2,
                        query_isolation="process")
    with LiveServer(create_app(settings, store=seed_store)) as server:
        yield server


@pytest.fixture(scope="module")
def memory_server():
    """A memory store (thread runner) with the seeds ingested, a 1 s timeout and a large cap."""
    from api.app import create_app
    from api.settings import Settings
    from graph import open_store
    from graph.pipeline import ingest_paths
    from support import SEEDS

    db = open_store("memory:")
    ingest_paths(db, [SEEDS])
    settings = Settings(store_url="memory:", query_timeout=1.0, result_cap=10_000_000, sparql_workers=2)
    with LiveServer(create_app(settings, store=db)) as server:
        yield server


def test_a_query_past_the_timeout_is_killed_with_503(limited_server):
    started = time.monotonic()
    r = httpx.get(limited_server.url + "/sparql", params={"query": SLOW_AGGREGATE}, timeout=30)
    elapsed = time.monotonic() - started
    assert r.status_code == 503 and "timeout" in r.json()["error"]["message"], r.text
    assert elapsed < 5
    # the worker was replaced: the endpoint still answers, repeatedly
    for _ in range(4):
        r = httpx.get(limited_server.url + "/sparql", params={"query": "ASK { ?s ?p ?o }"}, timeout=30)
        assert r.status_code == 200 and r.json()["boolean"] is True


def test_one_slow_query_does_not_stall_the_others(limited_server):
    slow = threading.Thread(target=lambda: httpx.get(limited_server.url + "/sparql",
                                                     params={"query": SLOW_AGGREGATE}, timeout=30))
    slow.start()
    time.sleep(0.2)
    started = time.monotonic()
    assert httpx.get(limited_server.url + "/health").status_code == 200
    assert httpx.get(limited_server.url + "/countries/ISR/relationships").status_code == 200
    fast = httpx.get(limited_server.url + "/sparql", params={"query": "ASK { ?s ?p ?o }"}, timeout=30)
    assert fast.status_code == 200
    assert time.monotonic() - started < 0.9  # answered while the slow one still ran
    slow.join()


@pytest.mark.parametrize("accept", ["application/sparql-results+json", "application/sparql-results+xml",
                                    "text/csv", "text/tab-separated-values"])
def test_results_past_the_cap_are_413(limited_server, accept):
    r = httpx.get(limited_server.url + "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"},
                  headers={"accept": accept})
    assert r.status_code == 413, r.text
    message = r.json()["error"]["message"]
    assert "50" in message and "LIMIT" in message and "INTELGRAPH_RESULT_CAP" in message


@pytest.mark.parametrize("accept", ["application/sparql-results+json", "application/sparql-results+xml",
                                    "text/csv", "text/tab-separated-values"])
def test_results_at_the_cap_pass(limited_server, accept):
    r = httpx.get(limited_server.url + "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 50"},
                  headers={"accept": accept})
    assert r.status_code == 200 and len(list(parse(r))) == 50


def test_construct_past_the_cap_is_413(limited_server):
    r = httpx.get(limited_server.url + "/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"})
    assert r.status_code == 413 and "triples" in r.json()["error"]["message"]


def test_memory_store_timeout_answers_503_and_stays_responsive(memory_server):
    results = {}

    def slow():
        results["slow"] = httpx.get(memory_server.url + "/sparql", params={"query": SLOW_STREAM}, timeout=30)

    thread = threading.Thread(target=slow)
    thread.start()
    time.sleep(0.2)
    assert httpx.get(memory_server.url + "/health", timeout=5).status_code == 200
    thread.join()
    assert results["slow"].status_code == 503
    r = httpx.get(memory_server.url + "/sparql", params={"query": "ASK { ?s ?p ?o }"}, timeout=10)
    assert r.status_code == 200


def test_sparqlwrapper_formats(live_server):
    from SPARQLWrapper import CSV, JSON, TSV, XML, SPARQLWrapper

    for fmt in (JSON, XML, CSV, TSV):
        client = SPARQLWrapper(live_server.url + "/sparql")
        client.setQuery(QUERIES["SELECT"])
        client.setReturnFormat(fmt)
        converted = client.query().convert()
        text = converted if isinstance(converted, (bytes, str)) else str(converted)
        assert text
    client = SPARQLWrapper(live_server.url + "/sparql")
    client.setMethod("POST")
    client.setQuery(QUERIES["ASK"])
    client.setReturnFormat(JSON)
    assert client.query().convert()["boolean"] is True


def test_sparqlwrapper_construct(live_server):
    from SPARQLWrapper import TURTLE, SPARQLWrapper

    client = SPARQLWrapper(live_server.url + "/sparql")
    client.setQuery(QUERIES["CONSTRUCT"])
    client.setReturnFormat(TURTLE)
    g = Graph().parse(data=client.query().convert(), format="turtle")
    assert any(str(s) == ISR for s in g.subjects())


def test_rdflib_sparqlstore_select_ask_construct(live_server):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    for return_format in ("json", "xml"):
        remote = Graph(store=SPARQLStore(live_server.url + "/sparql", returnFormat=return_format))
        assert ISR in {str(r[0]) for r in remote.query(QUERIES["SELECT"])}
        assert remote.query(QUERIES["ASK"]).askAnswer is True
    remote = Graph(store=SPARQLStore(live_server.url + "/sparql"))
    constructed = remote.query(QUERIES["CONSTRUCT"]).graph
    assert any(str(s) == ISR for s in constructed.subjects())
