"""The SPARQL front door never calls out: a seeded fuzz around SERVICE, LOAD, FROM, GRAPH, comments and escapes.

A loopback listener stands in for any server an attacker would aim at; it
counts connections. Queries and updates are generated (seeded) with the
keyword live, or only inside a comment, a literal or an IRI, under escaped
local names (``ex:a\\#``), mixed case, nested groups, subqueries and
``FILTER EXISTS``. Every one the checker lets through is then run on a real
Oxigraph store: the listener must never see a connection. A control run
sends a few refused ones to Oxigraph directly and the listener does see them,
so the test can fail. A smaller share goes through a real server (GET, POST
form, POST body, the update endpoint) holding a TLP:RED article: no
connection, and no trace of the article in any anonymous answer.
"""

from __future__ import annotations

import os
import random
import socket
import threading
from concurrent.futures import ProcessPoolExecutor

import httpx
import pyoxigraph as ox
import pytest

from api.sparql_check import classify
from support import LiveServer

SEED = 20261206
N_BULK = int(os.environ.get("INTELGRAPH_FUZZ_QUERIES", "10000"))
N_HTTP = 300


class Listener:
    """A loopback TCP port that counts (and at once closes) every connection made to it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.sock.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/sparql"
        self.connections = 0
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self.thread.join(timeout=2)
        self.sock.close()


KEYWORDS = ["SERVICE", "service", "SeRvIcE", "SERVICE SILENT", "service Silent"]
LOCALS = ["ex:a", "ex:a\\#", "ex:a\\#b", "ex:a\\.b", "ex:\\%41", "ex:a\\'", "ex:a\\(x\\)", "ex:a\\?", "ex:a\\~"]


def _noise(rng: random.Random, url: str) -> str:
    """Something harmless that mentions SERVICE or LOAD only where it is not syntax."""
    return rng.choice([
        f"# SERVICE <{url}> {{ ?a ?b ?c }}\n",
        f"#LOAD <{url}>\n",
        f"FILTER(?o != 'SERVICE <{url}> {{ }}')",
        f'FILTER(?o != "load <{url}> # }}")',
        f"FILTER(?o != '''SERVICE\n<{url}>''')",
        "?s <urn:x#SERVICE> ?o .",
        f"?s ?p {rng.choice(LOCALS)} .",
        "?s ?p ?o .",
        "",
    ])


def _wrap(rng: random.Random, inner: str) -> str:
    for _ in range(rng.randint(0, 3)):
        inner = rng.choice([
            "{ %s }", "OPTIONAL { %s }", "FILTER EXISTS { %s }", "MINUS { %s }", "GRAPH ?g { %s }",
            "{ SELECT * WHERE { %s } }", "{ ?x ?y ?z } UNION { %s }",
        ]) % inner
    return inner


def _service(rng: random.Random, url: str) -> tuple[str, str]:
    """(prologue, a live SERVICE pattern) aiming at ``url``."""
    keyword = rng.choice(KEYWORDS)
    target = rng.choice(["iri", "var", "pname"])
    if target == "iri":
        return "", f"{keyword} <{url}> {{ ?a ?b ?c }}"
    if target == "var":
        return "", f"VALUES ?ep {{ <{url}> }} {keyword} ?ep {{ ?a ?b ?c }}"
    return f"PREFIX lst: <{url.rsplit('/', 1)[0]}/> ", f"{keyword} lst:sparql {{ ?a ?b ?c }}"


def generate(rng: random.Random, url: str) -> tuple[str, bool, bool]:
    """(text, is_update, live): ``live`` when SERVICE or LOAD is syntax in it."""
    prologue = "PREFIX ex: <urn:ex:> "
    if rng.random() < 0.25:  # an update
        live = rng.random() < 0.6
        if live:
            body = rng.choice([
                f"LOAD <{url}>", f"load silent <{url}> INTO GRAPH <urn:g>", f"LoAd <{url}> into graph ex:g",
                "INSERT { GRAPH <urn:g> { ?a ?b ?c } } WHERE { %s }" % _wrap(rng, _service(rng, url)[1]),
            ])
        else:
            body = "INSERT { GRAPH <urn:g> { ?s ?p ?o } } WHERE { %s %s }" % (_noise(rng, url), _wrap(rng, "?s ?p ?o"))
        return prologue + body, True, live
    live = rng.random() < 0.6
    extra, pattern = _service(rng, url) if live else ("", _noise(rng, url))
    where = " ".join(rng.sample([_noise(rng, url), _wrap(rng, pattern), f"?s ?p {rng.choice(LOCALS)} ."], 3))
    dataset = rng.choice(["", f"FROM <{url}> ", f"FROM NAMED <{url}> ", "FROM <urn:g> "])
    form = rng.choice(["SELECT *", "select ?s", "ASK", "CONSTRUCT { ?s ?p ?o }"])
    if form == "ASK":
        dataset = ""
    return f"{prologue}{extra}{form} {dataset}WHERE {{ {where} }}", False, live


def _classify_all(cases: list[tuple[str, bool, bool]]) -> list[str]:
    return [classify(text, update)[0] for text, update, _ in cases]


def _run_on_oxigraph(store: ox.Store, text: str, update: bool) -> None:
    try:
        if update:
            store.update(text)
        else:
            result = store.query(text, use_default_graph_as_union=True)
            if not isinstance(result, ox.QueryBoolean):
                list(result)
    except (SyntaxError, OSError, ValueError, RuntimeError):
        pass


@pytest.fixture()
def listener():
    found = Listener()
    yield found
    found.close()


def test_generated_queries_never_call_out(listener):
    rng = random.Random(SEED)
    cases = [generate(rng, listener.url) for _ in range(N_BULK)]
    chunks = [cases[i::2] for i in range(2)]
    with ProcessPoolExecutor(2) as pool:
        verdicts_by_chunk = list(pool.map(_classify_all, chunks))
    verdicts = [None] * len(cases)
    for i, chunk in enumerate(verdicts_by_chunk):
        verdicts[i::2] = chunk

    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.Literal("o"), ox.NamedNode("urn:g")))
    passed = [(text, update) for (text, update, _), v in zip(cases, verdicts) if v == "ok"]
    for text, update in passed:
        _run_on_oxigraph(store, text, update)
    assert listener.connections == 0, "a query the checker let through called the listener"

    live = [(c, v) for c, v in zip(cases, verdicts) if c[2]]
    benign = [(c, v) for c, v in zip(cases, verdicts) if not c[2]]
    assert all(v != "ok" for _, v in live), [c[0] for c, v in live if v == "ok"][:3]
    # the checker reads the grammar, not the words: SERVICE in a comment, literal or IRI is let through
    assert sum(v == "ok" for _, v in benign) >= 0.9 * len(benign)
    assert all(v in ("ok", "syntax") for _, v in benign)

    # control: the same listener does see Oxigraph call out when a refused query is run directly
    for (text, update, _), _v in live[:5]:
        _run_on_oxigraph(store, text, update)
    assert listener.connections > 0


@pytest.fixture(scope="module")
def red_server(tmp_path_factory):
    from api.app import create_app
    from api.settings import Settings
    from graph import open_store
    from graph.articles import parse_text
    from graph.keys import KeyRing
    from graph.pipeline import ingest_article

    folder = tmp_path_factory.mktemp("fuzz")
    keys_file = folder / "keys.json"
    red_key = KeyRing(keys_file).add("admin", clearance="TLP:RED")
    db = open_store(f"oxigraph:{folder / 'store'}")
    article = parse_text("Zarnovia halts intelligence sharing\npublisher: Fuzz Wire\npublished: 2025-05-01\n"
                         "marking: TLP:RED\n\nChile has halted intelligence sharing with Peru, minister "
                         "Quillmark Ostrovan said. \"We stop sharing now,\" Ostrovan said.\n", "red.txt")
    assert ingest_article(db, article).added
    app = create_app(Settings(store_url=db.url, keys_file=str(keys_file)), store=db)
    with LiveServer(app) as server:
        yield server, red_key
    db.close()


def test_front_door_never_calls_out_nor_shows_hidden_quads(red_server, listener):
    server, red_key = red_server
    rng = random.Random(SEED + 1)
    refused = 0
    with httpx.Client(base_url=server.url, timeout=30) as client:
        for i in range(N_HTTP):
            text, update, live = generate(rng, listener.url)
            if update:
                response = client.post("/sparql/update", content=text.encode(),
                                       headers={"Content-Type": "application/sparql-update",
                                                "Authorization": f"Bearer {red_key}"})
            elif i % 3 == 0:
                response = client.get("/sparql", params={"query": text})
            elif i % 3 == 1:
                response = client.post("/sparql", data={"query": text})
            else:
                response = client.post("/sparql", content=text.encode(),
                                       headers={"Content-Type": "application/sparql-query"})
            assert response.status_code < 500, (text, response.text)
            if live:
                assert response.status_code == 400, (text, response.text)
                refused += 1
            if not update:
                assert b"Ostrovan" not in response.content and b"Fuzz Wire" not in response.content
    assert listener.connections == 0
    assert refused > N_HTTP // 3
