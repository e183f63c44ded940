"""No side channel betrays a hidden write: cache headers, revisions, the meta graph and sources.

A server over an on-disk store takes a TLP:RED article while it runs, and
another while it is stopped. An anonymous reader must see exactly what it saw
before: the same ``X-Cache`` on a repeated lookup, the same revision in
``/health`` and ``/stats``, the same meta graph, and the same revision as a
server over a store that never held the RED articles. No reader sees the
operator's directories in ``dct:source``.
"""

from __future__ import annotations

import httpx
import pytest

from support import LiveServer

OPEN = ("Velmora suspends intelligence sharing\npublisher: Test Wire\npublished: 2025-04-02\n\n"
        "Velmora has suspended intelligence sharing with the United States, officials said.\n")
RED = {"title": "Ostrand restricts intelligence", "published": "2025-04-03", "marking": "TLP:RED",
       "text": "Ostrand has restricted intelligence sharing with the United States, minister Ilse Vardemann said."}
META = "SELECT ?p ?o WHERE { GRAPH <https://w3id.org/intelgraph/graph/meta> { ?s ?p ?o } } ORDER BY ?p"


def _app(url: str, keys_file):
    from api.app import create_app
    from api.settings import Settings

    return create_app(Settings(store_url=url, keys_file=str(keys_file)))


def _seen(server) -> dict:
    """What an anonymous reader is shown that could betray a write."""
    with httpx.Client(base_url=server.url, timeout=30) as client:
        client.get("/countries/USA/relationships")
        again = client.get("/countries/USA/relationships")
        meta = client.post("/sparql", data={"query": META}, headers={"Accept": "text/csv"})
        return {"x-cache": again.headers["X-Cache"], "relationships": again.content,
                "health": client.get("/health").json()["revision"],
                "stats": client.get("/stats").json()["revision"], "meta": meta.text}


@pytest.fixture()
def stores(tmp_path):
    from graph import open_store
    from graph.keys import KeyRing
    from graph.pipeline import ingest_paths

    deep = tmp_path / "operator" / "secret-folder"
    deep.mkdir(parents=True)
    (deep / "velmora.txt").write_text(OPEN, encoding="utf-8")
    keys_file = tmp_path / "keys.json"
    key = KeyRing(keys_file).add("admin", clearance="TLP:RED")
    urls = []
    for name in ("with-red", "plain"):
        url = f"oxigraph:{tmp_path / name}"
        db = open_store(url)
        ingest_paths(db, [deep / "velmora.txt"], workers=1)
        db.close()
        urls.append(url)
    return urls, keys_file, key


def test_hidden_writes_move_nothing_an_anonymous_reader_sees(stores):
    from graph import open_store
    from graph.articles import parse_json_record
    from graph.pipeline import ingest_article

    (url, plain_url), keys_file, key = stores
    with LiveServer(_app(url, keys_file)) as server:
        before = _seen(server)
        assert before["x-cache"] == "hit"
        posted = httpx.post(server.url + "/articles", json=RED, headers={"Authorization": f"Bearer {key}"})
        assert posted.status_code == 201, posted.text
        assert _seen(server) == before  # a hit still, same revisions, same meta graph
    db = open_store(url)  # a RED ingest while the server is stopped
    ingest_article(db, parse_json_record({**RED, "text": RED["text"] + " Again."}))
    db.close()
    with LiveServer(_app(url, keys_file)) as server, LiveServer(_app(plain_url, keys_file)) as plain:
        after, never = _seen(server), _seen(plain)
    assert after["health"] == before["health"] == never["health"]
    assert after["stats"] == never["stats"] and after["meta"] == never["meta"]
    assert after["relationships"] == never["relationships"]


def test_sources_show_file_names_not_directories(stores):
    (url, _), keys_file, _ = stores
    with LiveServer(_app(url, keys_file)) as server:
        query = "SELECT ?s WHERE { ?a <http://purl.org/dc/terms/source> ?s }"
        rows = httpx.post(server.url + "/sparql", data={"query": query}, headers={"Accept": "text/csv"}).text
    assert "velmora.txt" in rows and "secret-folder" not in rows and "operator" not in rows
