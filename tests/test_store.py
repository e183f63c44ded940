"""The store on both backends: one transaction per article, idempotent re-ingest, reference data once."""

from __future__ import annotations

import pytest

from graph import open_store
from graph.articles import article_from_text
from graph.errors import QueryError, StoreError
from graph.model import Claim, Facts, Provenance
from graph.pipeline import ingest_article, ingest_paths
from graph.triples import article_quads
from graph.vocab import REFERENCE_GRAPH

from support import SEEDS

ART = article_from_text("Saudi Arabia is reconsidering how much to share with the US.", title="T",
                        published="2025-03-07")
FACTS = Facts(claims=[Claim("SAU", "considers_restricting", "USA", ART.text, Provenance(0, 10, "r", 0.9))])


def test_reference_data_is_loaded(store):
    assert store.query(f"ASK {{ GRAPH <{REFERENCE_GRAPH}> {{ ?c <https://w3id.org/intelgraph/ns#iso3> 'ISR' }} }}")
    assert store.ensure_reference() is False  # loaded once, not again


def test_add_graph_once(store):
    quads = article_quads(ART, FACTS)
    assert store.add_graph(ART.iri, quads) is True
    size = len(store)
    assert store.add_graph(ART.iri, quads) is False
    assert len(store) == size
    assert store.article_graphs() == [ART.iri]


def test_replace_swaps_the_graph(store):
    store.add_graph(ART.iri, article_quads(ART, FACTS))
    store.add_graph(ART.iri, article_quads(ART, Facts()), replace=True)
    assert not store.query("ASK { ?c a <https://w3id.org/intelgraph/ns#Claim> }")
    assert store.has_graph(ART.iri)


def test_remove_graph_removes_only_that_article(store):
    other = article_from_text("Another report.", title="U")
    store.add_graph(ART.iri, article_quads(ART, FACTS))
    store.add_graph(other.iri, article_quads(other, Facts()))
    store.remove_graph(ART.iri)
    assert store.article_graphs() == [other.iri]
    assert store.query(f"ASK {{ GRAPH <{REFERENCE_GRAPH}> {{ ?s ?p ?o }} }}")


def test_revision_grows_with_writes(store):
    before = store.revision
    store.add_graph(ART.iri, article_quads(ART, FACTS))
    assert store.revision > before


def test_named_query_with_bindings_not_text(store):
    store.add_graph(ART.iri, article_quads(ART, FACTS))
    from graph.store import iri
    rows = store.select("country_claims", country=iri("https://w3id.org/intelgraph/id/country/SAU"))
    assert [(r["status"].rsplit("#", 1)[1], r["headline"]) for r in rows] == [("ConsidersRestricting", "T")]


def test_syntax_error_is_a_query_error(store):
    with pytest.raises(QueryError, match="syntax"):
        store.query("SELECT WHERE {")


def test_reingest_of_seeds_changes_nothing(store):
    first = ingest_paths(store, [SEEDS])
    size = len(store)
    second = ingest_paths(store, [SEEDS])
    assert first.new == len(list(SEEDS.glob("*.txt"))) and first.failed == []
    assert second.new == 0 and second.skipped == first.new
    assert len(store) == size


def test_ingest_article_returns_whether_added(store):
    assert ingest_article(store, ART).added and not ingest_article(store, ART).added


def test_unknown_scheme_and_second_process_lock(tmp_path):
    with pytest.raises(StoreError, match="choose one of"):
        open_store("postgres://x")
    first = open_store(f"oxigraph:{tmp_path / 's'}")
    try:
        import subprocess, sys
        code = ("from graph import open_store\n"
                "from graph.errors import StoreError\n"
                f"try:\n    open_store('oxigraph:{tmp_path / 's'}')\n"
                "except StoreError as e:\n    print('STORE-ERROR', e)\n")
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
        assert "STORE-ERROR" in result.stdout and "another intelgraph process" in result.stdout, result.stderr
    finally:
        first.close()


def test_seed_graph_validates_against_shapes(seed_store):
    from graph.validate import validate_store

    assert seed_store.article_graphs()
    assert validate_store(seed_store) == []


def test_concurrent_writes_and_reads_never_show_half_an_article(tmp_path):
    """A reader running while articles are written sees each article whole or not at all."""
    import threading

    from graph.model import Claim, Facts, Provenance

    db = open_store(f"oxigraph:{tmp_path / 'store'}")
    per_article = 40
    query = ("SELECT ?g (COUNT(?c) AS ?n) WHERE { GRAPH ?g { ?c a <https://w3id.org/intelgraph/ns#Claim> } } "
             "GROUP BY ?g")
    seen: list[int] = []
    done = threading.Event()

    def write() -> None:
        for i in range(60):
            art = article_from_text(f"Report number {i} on intelligence sharing.", title=f"T{i}")
            claims = [Claim("USA", "shares_with", "GBR", f"e{k}", Provenance(k, k + 1, "r", 0.9))
                      for k in range(per_article)]
            db.add_graph(art.iri, article_quads(art, Facts(claims=claims)))
        done.set()

    def read() -> None:
        while not done.is_set():
            seen.extend(int(row["n"].value) for row in db.query(query))

    threads = [threading.Thread(target=write), threading.Thread(target=read)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert seen and set(seen) == {per_article}
    db.close()
