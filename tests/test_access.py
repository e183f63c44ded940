"""Markings: a view cleared for a level sees exactly the store without the articles above it."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from graph import open_store
from graph.access import ClearedStore, check_clearance, highest, visible
from graph.articles import article_from_text
from graph.errors import QueryError
from graph.pipeline import ingest_article
from graph.project import project_country_network

OPEN_TEXT = "Israel is considering withholding intelligence from Washington."
RED_TEXT = "France has suspended intelligence sharing with Germany, Defence Minister Anna Keller said."


def build(with_red: bool):
    store = open_store("memory:")
    ingest_article(store, article_from_text(OPEN_TEXT, title="Open", published="2025-03-07"))
    red = article_from_text(RED_TEXT, title="Red", published="2025-03-08", marking="TLP:RED")
    if with_red:
        ingest_article(store, red)
    return store, red


@pytest.fixture(scope="module")
def stores():
    full, red = build(with_red=True)
    plain, _ = build(with_red=False)
    return ClearedStore(full, "TLP:CLEAR"), ClearedStore(plain, "TLP:CLEAR"), red


QUERIES = [
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
    "SELECT ?g WHERE { GRAPH ?g { ?g a <https://w3id.org/intelgraph/ns#Article> } } ORDER BY ?g",
    "SELECT ?a ?b WHERE { ?a <https://w3id.org/intelgraph/ns#suspendsIntelligenceTo> ?b }",
    "ASK { ?x <https://w3id.org/intelgraph/ns#marking> 'TLP:RED' }",
]


@pytest.mark.parametrize("query", QUERIES)
def test_cleared_view_answers_as_if_the_red_article_did_not_exist(stores, query):
    view, plain, _ = stores
    a, b = view.query(query), plain.query(query)
    if isinstance(a, ox.QueryBoolean) or isinstance(a, bool):
        assert bool(a) == bool(b) is False
    else:
        assert [[str(row[v]) for v in a.variables] for row in a] == [[str(row[v]) for v in b.variables] for row in b]


def test_from_and_from_named_cannot_reach_a_hidden_graph(stores):
    view, _, red = stores
    for query in (f"SELECT (COUNT(*) AS ?n) FROM <{red.iri}> WHERE {{ ?s ?p ?o }}",
                  f"SELECT (COUNT(*) AS ?n) FROM NAMED <{red.iri}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"):
        assert list(view.query(query))[0]["n"].value == "0"
    rows = view.query("SELECT * WHERE { ?s ?p ?o }", default_graph=[red.iri])
    assert list(rows) == []
    rows = view.query("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", named_graphs=[red.iri])
    assert list(rows) == []


def test_counts_graphs_dumps_and_networks_match(stores):
    view, plain, red = stores
    assert view.select("stats") == plain.select("stats")
    assert view.article_graphs() == plain.article_graphs() and not view.has_graph(red.iri)
    dumped = view.dump(ox.RdfFormat.N_QUADS)
    assert red.iri.encode() not in dumped and b"Anna Keller" not in dumped
    assert dumped.count(b"\n") == plain.dump(ox.RdfFormat.N_QUADS).count(b"\n")
    a, b = project_country_network(view), project_country_network(plain)
    assert sorted(a.edges) == sorted(b.edges) and sorted(a.nodes) == sorted(b.nodes)


def test_cleared_for_red_sees_everything():
    full, red = build(with_red=True)
    view = ClearedStore(full, "red")
    assert view.has_graph(red.iri) and view.select("stats") == full.select("stats")
    assert b"Anna Keller" in view.dump(ox.RdfFormat.N_QUADS)


def test_views_cannot_write(stores):
    view, _, _ = stores
    with pytest.raises(Exception, match="cannot write"):
        view.add_graph("urn:x", [])


@pytest.mark.parametrize("marking, clearance, ok", [
    ("TLP:CLEAR", "TLP:CLEAR", True), ("TLP:GREEN", "TLP:CLEAR", False), ("TLP:AMBER", "TLP:AMBER", True),
    ("TLP:AMBER+STRICT", "TLP:AMBER", False), ("TLP:RED", "TLP:AMBER+STRICT", False), ("TLP:RED", "TLP:RED", True),
])
def test_marking_order(marking, clearance, ok):
    assert visible(marking, clearance) is ok


def test_clearance_parsing_and_highest():
    assert check_clearance(None) == "TLP:CLEAR" and check_clearance("green") == "TLP:GREEN"
    assert highest(["TLP:GREEN", "TLP:AMBER", "TLP:CLEAR"]) == "TLP:AMBER" and highest([]) == "TLP:CLEAR"
    with pytest.raises(QueryError, match="choose one of"):
        check_clearance("TLP:PURPLE")
