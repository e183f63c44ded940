"""Markings: a view cleared for a level sees exactly the store without the articles above it."""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest

from graph import open_store
from graph.access import check_clearance, highest, visible
from graph.articles import article_from_text
from graph.errors import QueryError
from graph.pipeline import ingest_article
from graph.project import project_country_network

OPEN_TEXT = "Israel is considering withholding intelligence from Washington."
RED_TEXT = "France has suspended intelligence sharing with Germany, Defence Minister Anna Keller said."


def build(with_red: bool, url: str = "memory:"):
    store = open_store(url)
    ingest_article(store, article_from_text(OPEN_TEXT, title="Open", published="2025-03-07"))
    store.cleared("TLP:CLEAR")  # a reader exists before the RED write, as on a running server
    red = article_from_text(RED_TEXT, title="Red", published="2025-03-08", marking="TLP:RED")
    if with_red:
        ingest_article(store, red)
    return store, red


@pytest.fixture(scope="module", params=["memory", "oxigraph", "remote"])
def stores(request, tmp_path_factory):
    """(CLEAR view of a store with the RED article, CLEAR view of the same store without it, the article),
    on each backend (remote: explicit graph lists instead of view stores)."""
    folder = tmp_path_factory.mktemp("access")
    if request.param == "remote":
        from support import OxigraphServer

        with OxigraphServer(folder / "a") as one, OxigraphServer(folder / "b") as two:
            full, red = build(True, one.store_url)
            plain, _ = build(False, two.store_url)
            yield full.cleared("TLP:CLEAR"), plain.cleared("TLP:CLEAR"), red
        return
    urls = ("memory:", "memory:") if request.param == "memory" else \
        (f"oxigraph:{folder / 'full'}", f"oxigraph:{folder / 'plain'}")
    full, red = build(True, urls[0])
    plain, _ = build(False, urls[1])
    yield full.cleared("TLP:CLEAR"), plain.cleared("TLP:CLEAR"), red
    full.close()
    plain.close()


QUERIES = [
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
    "SELECT ?g WHERE { GRAPH ?g { ?g a <https://w3id.org/intelgraph/ns#Article> } } ORDER BY ?g",
    "SELECT ?a ?b WHERE { ?a <https://w3id.org/intelgraph/ns#suspendsIntelligenceTo> ?b }",
    "ASK { ?x <https://w3id.org/intelgraph/ns#marking> 'TLP:RED' }",
    "SELECT ?p ?o WHERE { GRAPH <https://w3id.org/intelgraph/graph/meta> { ?s ?p ?o } } ORDER BY ?p",
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
    assert sorted(dumped.split(b"\n")) == sorted(plain.dump(ox.RdfFormat.N_QUADS).split(b"\n"))
    assert len(view) == len(plain)
    assert view.visible_revision == plain.visible_revision
    a, b = project_country_network(view), project_country_network(plain)
    assert sorted(a.edges) == sorted(b.edges) and sorted(a.nodes) == sorted(b.nodes)


def test_cleared_for_red_sees_everything():
    full, red = build(with_red=True)
    view = full.cleared("red")
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


# -- view stores: made when needed, kept in step by every write ---------------------------------------------------
SUSPENDS = "SELECT ?a ?b WHERE { ?a <https://w3id.org/intelgraph/ns#suspendsIntelligenceTo> ?b } ORDER BY ?a ?b"


def pairs(view) -> list[tuple[str, str]]:
    return [(re.split("[/:]", row["a"].value)[-1], re.split("[/:]", row["b"].value)[-1])
            for row in view.query(SUSPENDS)]


def article(text: str, marking: str = "TLP:CLEAR", day: str = "2025-03-09"):
    return article_from_text(text, title=text[:20], published=day, marking=marking)


def test_views_follow_every_write(store):
    """Articles of several markings come and go; each clearance sees exactly its share, on every backend."""
    clear, green, red = store.cleared("TLP:CLEAR"), store.cleared("TLP:GREEN"), store.cleared("TLP:RED")
    ingest_article(store, article("Chile has suspended intelligence sharing with Peru."))
    assert clear.level() is None and pairs(clear) == [("CHL", "PER")]  # nothing hidden: the store itself
    secret = article("France has suspended intelligence sharing with Germany.", "TLP:RED")
    ingest_article(store, secret)
    if store.views() is not None:
        assert clear.level() == green.level() == "TLP:CLEAR" and red.level() is None
    assert pairs(clear) == pairs(green) == [("CHL", "PER")]
    assert pairs(red) == [("CHL", "PER"), ("FRA", "DEU")] or sorted(pairs(red)) == [("CHL", "PER"), ("FRA", "DEU")]
    ingest_article(store, article("Spain has suspended intelligence sharing with Italy.", "TLP:GREEN"))
    ingest_article(store, article("Norway has suspended intelligence sharing with Sweden."))
    assert sorted(pairs(clear)) == [("CHL", "PER"), ("NOR", "SWE")]
    assert sorted(pairs(green)) == [("CHL", "PER"), ("ESP", "ITA"), ("NOR", "SWE")]
    assert len(pairs(red)) == 4 and len(store.cleared("TLP:AMBER").article_graphs()) == 3
    store.remove_graph(secret.iri)
    assert green.level() is None and len(pairs(green)) == 3 and len(pairs(clear)) == 2
    # re-marking an article (replace) hides it at once
    norway = article("Norway has suspended intelligence sharing with Sweden.", "TLP:AMBER")
    ingest_article(store, norway, replace=True)
    assert pairs(clear) == [("CHL", "PER")] and ("NOR", "SWE") not in pairs(green)
    # an update may change anything: a graph that states its own marking is hidden like an article
    store.update("PREFIX ig: <https://w3id.org/intelgraph/ns#> INSERT DATA { GRAPH <urn:x:secret> { "
                 "<urn:x:secret> ig:marking 'TLP:RED' . <urn:x:a> ig:suspendsIntelligenceTo <urn:x:b> } "
                 "GRAPH <urn:x:notes> { <urn:x:c> ig:suspendsIntelligenceTo <urn:x:d> } }")
    assert pairs(clear) == [("CHL", "PER"), ("c", "d")]
    assert ("a", "b") in pairs(red) and not clear.has_graph("urn:x:secret") and clear.has_graph("urn:x:notes")


def test_a_view_revision_moves_only_with_writes_it_sees():
    store = open_store("memory:")
    clear = store.cleared("TLP:CLEAR")
    ingest_article(store, article("Chile has suspended intelligence sharing with Peru."))
    start, writes = clear.visible_revision, store.revision
    ingest_article(store, article("France has suspended intelligence sharing with Germany.", "TLP:RED"))
    assert clear.visible_revision == start and store.revision == writes + 1
    ingest_article(store, article("Spain has suspended intelligence sharing with Italy.", "TLP:RED"))
    assert clear.visible_revision == start and store.visible_revision != start
    ingest_article(store, article("Norway has suspended intelligence sharing with Sweden."))
    assert clear.visible_revision != start


def test_the_shown_revision_depends_on_what_is_seen_not_on_history():
    """Same visible quads, same revision: whatever was written, hidden, removed or reordered on the way."""
    one, two = open_store("memory:"), open_store("memory:")
    a = article("Chile has suspended intelligence sharing with Peru.")
    b = article("Norway has suspended intelligence sharing with Sweden.")
    secret = article("France has suspended intelligence sharing with Germany.", "TLP:RED")
    for item in (a, secret, b):
        ingest_article(one, item)
    one.remove_graph(secret.iri)
    ingest_article(one, article("Spain has suspended intelligence sharing with Italy.", "TLP:RED"))
    for item in (b, a):
        ingest_article(two, item)
    assert one.cleared("TLP:CLEAR").visible_revision == two.cleared("TLP:CLEAR").visible_revision
    assert one.revision != two.revision  # the write counters differ, and nobody is shown them


def test_an_update_cannot_make_a_cache_serve_a_re_marked_claim():
    """An update that re-marks a CLEAR article RED (and would once have set the counter back) changes
    what an anonymous reader is shown, and so every key derived from it."""
    from graph.project import memo

    store = open_store("memory:")
    clear = store.cleared("TLP:CLEAR")
    open_article = article("Chile has suspended intelligence sharing with Peru.")
    ingest_article(store, open_article)
    before = clear.visible_revision
    assert memo(clear, ("pairs",), lambda: pairs(clear)) == [("CHL", "PER")]
    store.update(f"DELETE {{ GRAPH ?g {{ ?g <https://w3id.org/intelgraph/ns#marking> ?m }} }} "
                 f"INSERT {{ GRAPH ?g {{ ?g <https://w3id.org/intelgraph/ns#marking> 'TLP:RED' }} }} "
                 f"WHERE {{ BIND(<{open_article.iri}> AS ?g) GRAPH ?g {{ ?g <https://w3id.org/intelgraph/ns#marking> ?m }} }} ; "
                 "INSERT DATA { GRAPH <https://w3id.org/intelgraph/graph/meta> { "
                 "<https://w3id.org/intelgraph/graph/meta> <https://w3id.org/intelgraph/ns#revision> 1 } }")
    assert clear.visible_revision != before
    assert memo(clear, ("pairs",), lambda: pairs(clear)) == []


def test_a_fast_read_overtaken_by_a_hiding_write_is_read_again():
    """A read that chose the store itself, then found a RED write had landed under it, runs again on the view."""
    store = open_store("memory:")
    clear = store.cleared("TLP:CLEAR")
    ingest_article(store, article("Chile has suspended intelligence sharing with Peru."))
    targets = []

    def read(target):
        targets.append(target)
        if len(targets) == 1:  # a write lands between choosing the store and reading it
            ingest_article(store, article("France has suspended intelligence sharing with Germany.", "TLP:RED"))
        return pairs(target)

    assert clear._read(read, lambda: None) == [("CHL", "PER")]
    assert targets[0] is store and targets[1] is not store


def test_views_on_disk_outlive_the_process_and_are_rebuilt_when_behind(tmp_path, monkeypatch):
    from graph.views import ViewSet

    url = f"oxigraph:{tmp_path / 'store'}"
    store = open_store(url)
    ingest_article(store, article("Chile has suspended intelligence sharing with Peru."))
    ingest_article(store, article("France has suspended intelligence sharing with Germany.", "TLP:RED"))
    assert pairs(store.cleared("TLP:CLEAR")) == [("CHL", "PER")]
    store.close()
    assert (tmp_path / "store" / "views" / "clear").is_dir() and (tmp_path / "store" / "views" / "state.json").exists()
    builds = []
    real = ViewSet._build
    monkeypatch.setattr(ViewSet, "_build", lambda self, *a: builds.append(a) or real(self, *a))
    store = open_store(url)
    assert pairs(store.cleared("TLP:CLEAR")) == [("CHL", "PER")] and builds == []  # in step: used as it is
    store.close()
    store = open_store(url)  # a write made before any reader: the view falls behind and is rebuilt
    ingest_article(store, article("Spain has suspended intelligence sharing with Italy.", "TLP:RED"))
    ingest_article(store, article("Norway has suspended intelligence sharing with Sweden."))
    assert sorted(pairs(store.cleared("TLP:CLEAR"))) == [("CHL", "PER"), ("NOR", "SWE")] and len(builds) == 1
    store.close()


def test_an_all_clear_store_makes_no_view(tmp_path):
    store = open_store(f"oxigraph:{tmp_path / 'store'}")
    ingest_article(store, article("Chile has suspended intelligence sharing with Peru."))
    clear = store.cleared("TLP:CLEAR")
    assert clear.level() is None and pairs(clear) == [("CHL", "PER")]
    assert not (tmp_path / "store" / "views").exists() and clear.visible_revision == store.visible_revision
    store.close()


def test_one_view_object_per_store_and_clearance():
    store = open_store("memory:")
    assert store.cleared("amber") is store.cleared("TLP:AMBER") is not store.cleared("TLP:GREEN")


def test_prefixed_from_reaches_a_visible_graph_and_never_a_hidden_one():
    full, red = build(with_red=True)
    view = full.cleared("TLP:CLEAR")
    article = "PREFIX a: <https://w3id.org/intelgraph/id/article/> "
    visible_id = [g for g in view.article_graphs()][0].rsplit("/", 1)[1]
    count = "SELECT (COUNT(*) AS ?n) FROM a:{} WHERE {{ ?s ?p ?o }}"
    assert int(list(view.query(article + count.format(visible_id)))[0]["n"].value) > 0
    assert list(view.query(article + count.format(red.iri.rsplit("/", 1)[1])))[0]["n"].value == "0"
