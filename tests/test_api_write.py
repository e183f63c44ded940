"""Writes need an API key: the key file, the `intelgraph keys` commands, POST/DELETE /articles, /sparql/update."""

from __future__ import annotations

import json

import httpx
import pytest
from typer.testing import CliRunner

from support import SEEDS, LiveServer

ARTICLE = {"title": "Canada pauses intelligence sharing with Ruritania", "publisher": "Test Wire",
           "published": "2025-03-09",
           "text": "Canada has suspended intelligence sharing with the United States, officials said on Sunday."}


@pytest.fixture(scope="module")
def keyed(tmp_path_factory):
    """An oxigraph store with the seeds, served with one API key; yields (server, key, store)."""
    from api.app import create_app
    from api.settings import Settings
    from graph import open_store
    from graph.keys import KeyRing
    from graph.pipeline import ingest_paths

    folder = tmp_path_factory.mktemp("keyed")
    db = open_store(f"oxigraph:{folder / 'store'}")
    ingest_paths(db, [SEEDS])
    keys_file = folder / "keys.json"
    key = KeyRing(keys_file).add("tester", clearance="TLP:RED")  # /sparql/update needs TLP:RED
    app = create_app(Settings(store_url=db.url, keys_file=str(keys_file)), store=db)
    with LiveServer(app) as server:
        yield server, key, db, keys_file
    db.close()


def auth(key: str) -> dict:
    return {"Authorization": f"Bearer {key}"}


def test_keys_file_keeps_only_salted_hashes(tmp_path):
    from graph.keys import KeyRing

    ring = KeyRing(tmp_path / "keys.json")
    key = ring.add("alice")
    text = (tmp_path / "keys.json").read_text()
    assert key not in text and "alice" in text and "salt" in text
    assert ring.verify(key) == "alice" and ring.verify(key + "x") is None and ring.verify(None) is None
    second = ring.add("bob")
    assert second != key and ring.verify(second) == "bob"
    ring.revoke("alice")
    assert ring.verify(key) is None and ring.verify(second) == "bob"
    with pytest.raises(Exception, match="already exists"):
        ring.add("bob")
    with pytest.raises(Exception, match="invalid key name"):
        ring.add("has space")


def test_keys_cli_prints_the_key_last(tmp_path, monkeypatch):
    from graph.cli import app
    from graph.keys import KeyRing

    keys_file = tmp_path / "k.json"
    monkeypatch.setenv("INTELGRAPH_KEYS_FILE", str(keys_file))
    runner = CliRunner()
    result = runner.invoke(app, ["keys", "add", "ci"])
    assert result.exit_code == 0, result.output
    key = result.stdout.strip().splitlines()[-1]
    assert KeyRing(keys_file).verify(key) == "ci"
    listed = runner.invoke(app, ["keys", "list", "--json"])
    assert [k["name"] for k in json.loads(listed.stdout)] == ["ci"] and key not in listed.stdout
    assert runner.invoke(app, ["keys", "add", "ci"]).exit_code == 2
    assert runner.invoke(app, ["keys", "revoke", "ci"]).exit_code == 0
    assert KeyRing(keys_file).verify(key) is None
    assert runner.invoke(app, ["keys", "revoke", "ci"]).exit_code == 2
    monkeypatch.delenv("INTELGRAPH_KEYS_FILE")
    assert runner.invoke(app, ["keys", "list"]).exit_code == 2


@pytest.mark.parametrize("method, path, kwargs", [
    ("POST", "/articles", {"json": ARTICLE}),
    ("DELETE", "/articles/0123456789abcdef", {}),
    ("POST", "/sparql/update", {"content": "CLEAR ALL", "headers": {"content-type": "application/sparql-update"}}),
])
def test_writes_without_a_key_are_refused(keyed, live_server, method, path, kwargs):
    server, key, db, _ = keyed
    kwargs = dict(kwargs)
    headers = kwargs.pop("headers", {})
    assert httpx.request(method, server.url + path, headers=headers, **kwargs).status_code == 401
    bad = httpx.request(method, server.url + path, headers={**headers, **auth("igk_" + "x" * 43)}, **kwargs)
    assert bad.status_code == 401 and "not valid" in bad.json()["error"]["message"]
    assert bad.headers["www-authenticate"].startswith("Bearer")
    # the seed server has no key file: writes are disabled outright
    disabled = httpx.request(method, live_server.url + path, headers={**headers, **auth(key)}, **kwargs)
    assert disabled.status_code == 403 and "no API key is configured" in disabled.json()["error"]["message"]


@pytest.mark.parametrize("media, body", [
    ("application/json", json.dumps(ARTICLE)),
    ("text/plain", "Australia resumes intelligence sharing\npublisher: Test Wire\npublished: 2025-03-12\n\n"
                   "Australia has resumed intelligence sharing with the United States, its government said."),
    ("text/html", "<html><head><title>New Zealand weighs limits</title></head><body><article><h1>New Zealand "
                  "weighs limits</h1><p>New Zealand is considering restricting intelligence sharing with the "
                  "United States, officials in Wellington said on Tuesday, citing concerns over recent "
                  "decisions.</p><p>The government has not decided, a spokesperson said.</p></article>"
                  "</body></html>"),
])
def test_post_article_then_delete_it(keyed, media, body):
    server, key, db, _ = keyed
    before = set(db.article_graphs())
    r = httpx.post(server.url + "/articles", content=body.encode(), headers={"content-type": media, **auth(key)},
                   timeout=60)
    assert r.status_code == 201, r.text
    made = r.json()
    assert made["added"] is True and made["iri"].endswith(made["id"])
    assert "relations" in made["facts"]["facts"]
    # the new graph is visible to REST and to /sparql (worker processes reopen the store)
    assert httpx.get(f"{server.url}/articles/{made['id']}").status_code == 200
    ask = f"ASK {{ GRAPH <{made['iri']}> {{ ?s ?p ?o }} }}"
    assert httpx.get(server.url + "/sparql", params={"query": ask}).json()["boolean"] is True
    again = httpx.post(server.url + "/articles", content=body.encode(),
                       headers={"content-type": media, **auth(key)}, timeout=60)
    assert again.status_code == 200 and again.json()["added"] is False
    # DELETE removes that graph and nothing else
    gone = httpx.delete(f"{server.url}/articles/{made['id']}", headers=auth(key))
    assert gone.status_code == 204
    assert set(db.article_graphs()) == before
    assert httpx.get(f"{server.url}/articles/{made['id']}").status_code == 404
    assert httpx.get(server.url + "/sparql", params={"query": ask}).json()["boolean"] is False
    assert httpx.delete(f"{server.url}/articles/{made['id']}", headers=auth(key)).status_code == 404


@pytest.mark.parametrize("media, body, status", [
    ("application/pdf", b"%PDF", 415),
    ("application/json", b"{not json", 422),
    ("application/json", b'[{"text": "a"}]', 422),
    ("application/json", b'{"title": "no text"}', 422),
    ("text/plain", b"", 422),
])
def test_post_bad_articles(keyed, media, body, status):
    server, key, _, _ = keyed
    r = httpx.post(server.url + "/articles", content=body, headers={"content-type": media, **auth(key)})
    assert r.status_code == status, r.text


def test_sparql_update_with_a_key(keyed):
    server, key, db, _ = keyed
    update = "INSERT DATA { GRAPH <urn:notes> { <urn:a> <urn:b> 'c' } }"
    r = httpx.post(server.url + "/sparql/update", content=update,
                   headers={"content-type": "application/sparql-update", **auth(key)})
    assert r.status_code == 204, r.text
    ask = "ASK { GRAPH <urn:notes> { <urn:a> <urn:b> 'c' } }"
    assert httpx.get(server.url + "/sparql", params={"query": ask}).json()["boolean"] is True
    r = httpx.post(server.url + "/sparql/update", data={"update": "DROP GRAPH <urn:notes>"}, headers=auth(key))
    assert r.status_code == 204
    assert httpx.get(server.url + "/sparql", params={"query": ask}).json()["boolean"] is False


@pytest.mark.parametrize("update, message", [
    ("LOAD <http://example.org/data.ttl>", "LOAD"),
    ("INSERT { ?s ?p ?o } WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
    ("CLEAR XYZ", "syntax"),
])
def test_sparql_update_refusals(keyed, update, message):
    server, key, _, _ = keyed
    r = httpx.post(server.url + "/sparql/update", content=update,
                   headers={"content-type": "application/sparql-update", **auth(key)})
    assert r.status_code == 400 and message in r.json()["error"]["message"]


def test_revoked_key_stops_working(keyed):
    from graph.keys import KeyRing

    server, key, _, keys_file = keyed
    ring = KeyRing(keys_file)
    temp = ring.add("temporary")
    r = httpx.delete(server.url + "/articles/0123456789abcdef", headers=auth(temp))
    assert r.status_code == 404  # authorised; the article just is not there
    ring.revoke("temporary")
    assert httpx.delete(server.url + "/articles/0123456789abcdef", headers=auth(temp)).status_code == 401


def test_relationship_cache_follows_writes(keyed):
    server, key, _, _ = keyed
    url = server.url + "/countries/CAN/relationships"
    first = httpx.get(url)
    assert httpx.get(url).headers["x-cache"] == "hit" and httpx.get(url).json() == first.json()
    r = httpx.post(server.url + "/articles", json=ARTICLE, headers=auth(key), timeout=60)
    assert r.status_code in (200, 201)
    after = httpx.get(url)
    assert after.headers["x-cache"] == "miss"  # the write bumped the revision
    if r.json()["facts"]["facts"]["relations"]:
        assert after.json() != first.json()
    httpx.delete(f"{server.url}/articles/{r.json()['id']}", headers=auth(key))


def test_a_read_only_server_refuses_writes_and_may_isolate_queries_in_processes(tmp_path):
    from api.app import create_app
    from api.settings import Settings
    from graph import open_store
    from graph.keys import KeyRing

    keys_file = tmp_path / "keys.json"
    key = KeyRing(keys_file).add("tester", clearance="TLP:RED")
    db = open_store(f"oxigraph:{tmp_path / 'store'}")
    settings = Settings(store_url=db.url, keys_file=str(keys_file), read_only=True, query_isolation="process")
    with LiveServer(create_app(settings, store=db)) as server:
        r = httpx.post(server.url + "/articles", content=b"T\n\nIsrael shares intelligence with Jordan.",
                       headers={**auth(key), "content-type": "text/plain"})
        assert r.status_code == 403 and "read-only" in r.json()["error"]["message"]
        assert httpx.get(server.url + "/health").json()["query_isolation"] == "process"
    from api.engine import make_runner
    from graph.errors import StoreError

    with pytest.raises(StoreError, match="needs a read-only server"):
        make_runner(db, "process", 1, writable=True)
    assert make_runner(db, "auto", 1, writable=True).isolation == "thread"
    db.close()


def test_queries_during_ingests_never_see_half_an_article(tmp_path):
    """While articles are POSTed, concurrent /sparql counts of each article's claims are all or nothing."""
    import threading

    from api.app import create_app
    from api.settings import Settings
    from graph import open_store
    from graph.keys import KeyRing

    keys_file = tmp_path / "keys.json"
    key = KeyRing(keys_file).add("writer")
    db = open_store(f"oxigraph:{tmp_path / 'store'}")
    countries = ["Britain", "Canada", "Australia", "New Zealand", "France", "Germany"]
    per_article = len(countries)
    query = ("SELECT ?g (COUNT(DISTINCT ?c) AS ?n) WHERE { GRAPH ?g { ?c a <https://w3id.org/intelgraph/ns#Claim> ; "
             "<https://w3id.org/intelgraph/ns#actor> <https://w3id.org/intelgraph/id/country/JPN> } } GROUP BY ?g")
    seen: list[int] = []
    with LiveServer(create_app(Settings(store_url=db.url, keys_file=str(keys_file)), store=db)) as server:
        done = threading.Event()
        failures: list[str] = []

        def write() -> None:
            try:
                for i in range(12):
                    text = (f"Report {i}\n\n" + " ".join(f"Japan shares intelligence with {c}." for c in countries)
                            + f" Reference {i}.")
                    r = httpx.post(server.url + "/articles", content=text.encode(),
                                   headers={**auth(key), "content-type": "text/plain"}, timeout=60)
                    if r.status_code != 201:
                        failures.append(f"ingest {r.status_code}: {r.text[:200]}")
            finally:
                done.set()

        def read() -> None:
            while not done.is_set():
                r = httpx.post(server.url + "/sparql", data={"query": query}, timeout=60)
                if r.status_code != 200:
                    failures.append(f"query {r.status_code}: {r.text[:200]}")
                    return
                seen.extend(int(b["n"]["value"]) for b in r.json()["results"]["bindings"])

        threads = [threading.Thread(target=write), threading.Thread(target=read)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=300)
    db.close()
    assert not failures, failures
    assert len(seen) > 12 and set(seen) == {per_article}
