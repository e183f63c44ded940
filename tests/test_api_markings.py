"""Markings on every read path: a TLP:RED article is invisible, through a real server, to callers not cleared for it.

Two stores on disk: the seeds plus one short TLP:RED article (Chile suspends
intelligence sharing with Peru, said by an official named nowhere else), and
the seeds alone. Each is served by a real uvicorn server with query worker
processes. Without a key (or with a TLP:AMBER key) the first server must
answer *exactly* as the second does, on every REST endpoint, every SPARQL
dataset form, analytics, every export and the explorer: not only no trace of
the article, but no count, score or revision that moved because of it. With
a TLP:RED key the article is there.
"""

from __future__ import annotations

import json

import httpx
import pytest

from support import SEEDS, LiveServer

RED_TEXT = ("Chile suspends intelligence sharing with Peru\npublisher: Andes Wire\npublished: 2025-03-09\n\n"
            "Chile has suspended intelligence sharing with Peru, Interior Minister Ramiro Quispe Aldana said on "
            "Sunday. \"We will not share intelligence with Lima until the inquiry ends,\" Quispe Aldana told "
            "reporters.\n")
TRACES = (b"Quispe", b"quispe", b"Andes Wire", b"CHL", b"PER\"", b"Chile suspends")


def _serve(folder, with_red: bool, keys_file):
    from api.app import create_app
    from api.settings import Settings
    from graph import open_store
    from graph.articles import parse_text
    from graph.pipeline import ingest_article, ingest_paths

    db = open_store(f"oxigraph:{folder / 'store'}")
    ingest_paths(db, [SEEDS], workers=1)
    db.cleared("TLP:CLEAR")  # a reader exists before the RED write, as on a running server
    red = parse_text(RED_TEXT.replace("\n\n", "\nmarking: TLP:RED\n\n", 1), "red.txt")
    assert red.marking == "TLP:RED"
    if with_red:
        assert ingest_article(db, red).added
    app = create_app(Settings(store_url=db.url, keys_file=str(keys_file), query_isolation="process",
                              sparql_workers=1, read_only=True), store=db)
    return db, red, LiveServer(app)


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    from graph.keys import KeyRing

    folder = tmp_path_factory.mktemp("markings")
    keys_file = folder / "keys.json"
    ring = KeyRing(keys_file)
    keys = {level: ring.add(level.lower(), clearance=f"TLP:{level}") for level in ("RED", "AMBER")}
    full_db, red, full = _serve(folder / "full", True, keys_file)
    plain_db, _, plain = _serve(folder / "plain", False, keys_file)
    full.store_url = full_db.url
    with full, plain:
        yield full, plain, red, keys
    full_db.close()
    plain_db.close()


def get(server, path: str, key: str | None = None, **params) -> httpx.Response:
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    return httpx.get(server.url + path, params=params or None, headers=headers, timeout=60)


def sparql(server, query: str, key: str | None = None, **params) -> httpx.Response:
    accept = "application/n-triples" if query.startswith("CONSTRUCT") else "application/sparql-results+json"
    headers = {"Accept": accept, **({"Authorization": f"Bearer {key}"} if key else {})}
    return httpx.post(server.url + "/sparql", data={"query": query, **params}, headers=headers, timeout=60)


REST = [
    "/countries?limit=1000", "/countries?with_claims=true", "/countries/CHL", "/countries/PER",
    "/countries/CHL/relationships", "/countries/PER/relationships", "/countries/CHL/relationships/PER",
    "/countries/USA/relationships", "/countries/CHL/statements", "/countries/PER/statements",
    "/officials?limit=1000", "/officials?q=quispe", "/officials/ramiro-quispe-aldana", "/officials?country=PER",
    "/alliances", "/articles?limit=1000", "/articles?publisher=Andes%20Wire", "/stats",
    "/analytics/centrality?metric=pagerank&top=1000", "/analytics/centrality?metric=betweenness&top=1000",
    "/analytics/centrality?metric=degree&top=1000", "/analytics/centrality?metric=katz&top=1000",
    "/explorer/search?q=quispe", "/explorer/search?q=chile", "/explorer/search?q=peru",
]


@pytest.mark.parametrize("path", REST)
@pytest.mark.parametrize("who", ["anonymous", "AMBER"])
def test_rest_answers_as_if_the_red_article_did_not_exist(servers, path, who):
    full, plain, _, keys = servers
    key = keys.get(who)
    seen, expected = get(full, path, key), get(plain, path)
    assert seen.status_code == expected.status_code
    assert seen.status_code in (200, 404), seen.text
    assert seen.json() == expected.json()
    assert not any(trace in seen.content for trace in (b"Quispe", b"Andes Wire"))


def test_the_red_article_itself_is_a_404_and_health_does_not_move(servers):
    full, plain, red, keys = servers
    assert get(full, f"/articles/{red.id}").status_code == 404
    assert get(full, f"/articles/{red.id}", keys["AMBER"]).status_code == 404
    seen, expected = get(full, "/health").json(), get(plain, "/health").json()
    assert {**seen, "store": ""} == {**expected, "store": ""}  # article count and revision alike


def test_an_invalid_key_is_401_on_reads(servers):
    full, _, _, _ = servers
    assert get(full, "/countries", "igk_not-a-key").status_code == 401
    assert sparql(full, "ASK {}", "igk_not-a-key").status_code == 401


def _queries(red_iri: str) -> list[tuple[str, dict]]:
    ig = "PREFIX ig: <https://w3id.org/intelgraph/ns#> "
    return [
        (ig + "SELECT ?a ?b WHERE { ?a ig:suspendsIntelligenceTo ?b } ORDER BY ?a ?b", {}),
        (ig + "SELECT ?o ?n WHERE { ?o a ig:Official ; <http://schema.org/name> ?n } ORDER BY ?o ?n", {}),
        ("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", {}),
        ("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", {}),
        ("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g", {}),
        ("SELECT ?s ?p ?o WHERE { GRAPH <https://w3id.org/intelgraph/graph/meta> { ?s ?p ?o } } ORDER BY ?p", {}),
        (ig + "SELECT ?g ?m WHERE { GRAPH ?g { ?g ig:marking ?m } } ORDER BY ?g", {}),
        (ig + "ASK { ?x ig:marking 'TLP:RED' }", {}),
        ("SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER(CONTAINS(STR(?o), 'Quispe')) }", {}),
        (f"SELECT (COUNT(*) AS ?n) FROM <{red_iri}> WHERE {{ ?s ?p ?o }}", {}),
        (f"SELECT (COUNT(*) AS ?n) FROM NAMED <{red_iri}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}", {}),
        (f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{red_iri}> {{ ?s ?p ?o }} }}", {}),
        ("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", {"default-graph-uri": red_iri}),
        ("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", {"named-graph-uri": red_iri}),
        (f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{red_iri}> {{ ?s ?p ?o }} }}", {}),
    ]


@pytest.mark.parametrize("who", ["anonymous", "AMBER"])
def test_sparql_answers_as_if_the_red_article_did_not_exist(servers, who):
    full, plain, red, keys = servers
    for query, params in _queries(red.iri):
        seen, expected = sparql(full, query, keys.get(who), **params), sparql(plain, query, **params)
        assert seen.status_code == expected.status_code == 200, (query, seen.text)
        assert seen.content == expected.content, query
        assert b"Quispe" not in seen.content


def test_sparql_with_a_red_key_sees_the_article(servers):
    full, _, red, keys = servers
    queries = dict(enumerate(q for q, _ in _queries(red.iri)))
    rows = sparql(full, queries[0], keys["RED"]).json()["results"]["bindings"]
    assert any(r["a"]["value"].endswith("/CHL") and r["b"]["value"].endswith("/PER") for r in rows)
    count = sparql(full, queries[9], keys["RED"]).json()["results"]["bindings"][0]["n"]["value"]
    assert int(count) > 10
    assert sparql(full, queries[7], keys["RED"]).json()["boolean"] is True


def test_rest_and_analytics_with_a_red_key_see_the_article(servers):
    full, plain, red, keys = servers
    rels = get(full, "/countries/CHL/relationships", keys["RED"]).json()["relationships"]
    assert [(r["partner"], r["status"]) for r in rels] == [("PER", "suspends")]
    assert get(full, f"/articles/{red.id}", keys["RED"]).status_code == 200
    assert get(full, "/officials/ramiro-quispe-aldana", keys["RED"]).status_code == 200
    assert get(full, "/health", keys["RED"]).json()["articles"] == get(plain, "/health").json()["articles"] + 1
    ranked = get(full, "/analytics/centrality?metric=pagerank&top=1000", keys["RED"]).json()["ranking"]
    assert {"CHL", "PER"} <= {r["country"] for r in ranked}
    found = get(full, "/explorer/search?q=quispe", keys["RED"])
    assert found.status_code == 200, found.text
    hits = found.json()["items"]
    assert [h["id"] for h in hits] == ["ramiro-quispe-aldana"]


FORMATS = ["graphml", "gexf", "json", "cytoscape", "sigma", "csv-nodes", "csv-edges", "turtle", "trig", "nquads",
           "jsonld"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_exports_draw_only_on_what_the_caller_may_see(servers, fmt):
    full, plain, red, keys = servers
    for key in (None, keys["AMBER"]):
        seen, expected = get(full, f"/export/{fmt}", key), get(plain, f"/export/{fmt}")
        assert seen.status_code == 200 and seen.content == expected.content
        assert seen.headers["X-TLP-Marking"] == "TLP:CLEAR"
        assert not any(trace in seen.content for trace in (b"Quispe", b"Andes Wire", red.id.encode()))
    everything = get(full, f"/export/{fmt}", keys["RED"])
    assert everything.headers["X-TLP-Marking"] == "TLP:RED"
    assert b"CHL" in everything.content or b"Quispe" in everything.content
    capped = get(full, f"/export/{fmt}", keys["RED"], max_marking="TLP:AMBER")
    assert capped.content == get(plain, f"/export/{fmt}").content and capped.headers["X-TLP-Marking"] == "TLP:CLEAR"


def test_exports_say_their_marking_inside(servers):
    full, _, red, keys = servers
    graphml = get(full, "/export/graphml", keys["RED"]).content
    assert b'attr.name="marking"' in graphml and b">TLP:RED</data>" in graphml
    assert b"<keywords>TLP:RED</keywords>" in get(full, "/export/gexf", keys["RED"]).content
    assert json.loads(get(full, "/export/json", keys["RED"]).content)["marking"] == "TLP:RED"
    assert json.loads(get(full, "/export/json").content)["marking"] == "TLP:CLEAR"
    # a network that leaves the RED claim out (before its date) is not marked RED
    before = get(full, "/export/json", keys["RED"], as_of="2025-03-08")
    assert before.headers["X-TLP-Marking"] == "TLP:CLEAR"
    one = get(full, "/export/nquads", keys["RED"], article=red.id)
    assert one.headers["X-TLP-Marking"] == "TLP:RED" and b"TLP:RED" in one.content
    assert get(full, "/export/nquads", article=red.id).status_code == 404
    assert get(full, "/export/nquads", keys["RED"], article=red.id, max_marking="TLP:GREEN").status_code == 404


def test_cli_previews_what_a_cleared_reader_sees(servers, tmp_path):
    from typer.testing import CliRunner

    from graph.cli import app

    full, _, red, _ = servers
    url = full.store_url  # the same process: the CLI shares the server's handle on the store
    runner = CliRunner()
    query = "PREFIX ig: <https://w3id.org/intelgraph/ns#> SELECT ?a WHERE { ?a ig:suspendsIntelligenceTo ?b }"
    everything = runner.invoke(app, ["query", query, "--store", url, "--format", "json"])
    cleared = runner.invoke(app, ["query", query, "--store", url, "--format", "json", "--clearance", "amber"])
    assert everything.exit_code == 0 and cleared.exit_code == 0, (everything.output, cleared.output)
    assert "/CHL" in everything.stdout and "/CHL" not in cleared.stdout
    out = tmp_path / "net.graphml"
    result = runner.invoke(app, ["export", "graphml", "-o", str(out), "--store", url, "--max-marking", "TLP:AMBER"])
    assert result.exit_code == 0 and "marking TLP:CLEAR" in result.output
    assert b"CHL" not in out.read_bytes()
    result = runner.invoke(app, ["centrality", "--store", url, "--json", "--top", "0", "--clearance", "green"])
    assert result.exit_code == 0 and "CHL" not in result.stdout
    result = runner.invoke(app, ["centrality", "--store", url, "--json", "--top", "0"])
    assert "CHL" in result.stdout


# -- writes ------------------------------------------------------------------------------------------------------
@pytest.fixture()
def writable(tmp_path):
    from api.app import create_app
    from api.settings import Settings
    from graph import open_store
    from graph.keys import KeyRing

    keys_file = tmp_path / "keys.json"
    ring = KeyRing(keys_file)
    keys = {"CLEAR": ring.add("clear"), "RED": ring.add("red", clearance="TLP:RED")}
    db = open_store("memory:")
    with LiveServer(create_app(Settings(store_url="memory:", keys_file=str(keys_file)), store=db)) as server:
        yield server, keys
    db.close()


def test_any_key_writes_any_marking_but_sees_only_its_clearance(writable):
    server, keys = writable
    post = httpx.post(server.url + "/articles", params={"marking": "TLP:RED"}, content=RED_TEXT.encode(),
                      headers={"Authorization": f"Bearer {keys['CLEAR']}", "Content-Type": "text/plain"})
    assert post.status_code == 201 and post.json()["facts"] is None and post.json()["marking"] is None
    article_id = post.json()["id"]
    assert get(server, f"/articles/{article_id}").status_code == 404
    assert get(server, f"/articles/{article_id}", keys["CLEAR"]).status_code == 404
    shown = get(server, f"/articles/{article_id}", keys["RED"]).json()
    assert shown["marking"] == "TLP:RED"
    # a key deletes only what it may see
    delete = httpx.delete(server.url + f"/articles/{article_id}", headers={"Authorization": f"Bearer {keys['CLEAR']}"})
    assert delete.status_code == 404
    # the higher of the body's marking and the parameter holds
    body = {"title": "t", "published": "2025-03-10", "marking": "TLP:AMBER",
            "text": "France has suspended intelligence sharing with Germany, officials said."}
    post = httpx.post(server.url + "/articles", params={"marking": "TLP:GREEN"}, json=body,
                      headers={"Authorization": f"Bearer {keys['RED']}"})
    assert post.status_code == 201 and post.json()["marking"] == "TLP:AMBER" and post.json()["facts"]
    assert httpx.post(server.url + "/articles", params={"marking": "TLP:PURPLE"}, json=body,
                      headers={"Authorization": f"Bearer {keys['RED']}"}).status_code == 422
    assert httpx.delete(server.url + f"/articles/{article_id}",
                        headers={"Authorization": f"Bearer {keys['RED']}"}).status_code == 204


def test_sparql_updates_need_a_red_key(writable):
    server, keys = writable
    update = "INSERT DATA { GRAPH <urn:notes> { <urn:a> <urn:b> 'c' } }"
    headers = {"Content-Type": "application/sparql-update"}
    refused = httpx.post(server.url + "/sparql/update", content=update,
                         headers={**headers, "Authorization": f"Bearer {keys['CLEAR']}"})
    assert refused.status_code == 403 and "TLP:RED" in refused.json()["error"]["message"]
    assert httpx.post(server.url + "/sparql/update", content=update,
                      headers={**headers, "Authorization": f"Bearer {keys['RED']}"}).status_code == 204
