"""The W3C SPARQL 1.1 Protocol tests (../shared/schemas/sparql-protocol/manifest.ttl), over HTTP.

The manifest is read at test time (nothing of it is copied into the repository).
Query tests and the bad-request tests run against ``/sparql``; update tests
run against ``/sparql/update`` with an API key (the manifest allows distinct
query and update endpoints). Requests' ``/sparql/`` paths are rewritten to
those endpoints; the data files are loaded into named graphs first.
"""

from __future__ import annotations

import json

import httpx
import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF

from support import SHARED, LiveServer, shared_or_skip

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
HTS = "http://www.w3.org/2011/http-statusCodes#StatusCode"
MANIFEST = SHARED / "schemas" / "sparql-protocol" / "manifest.ttl"

# Tests that do not apply, and why.
NOT_APPLICABLE = {
    "update_dataset_default_graph": "using-graph-uri is not supported by /sparql/update (pyoxigraph's update API "
                                    "takes no protocol dataset); USING in the update text works",
    "update_dataset_default_graphs": "using-graph-uri is not supported (see update_dataset_default_graph)",
    "update_dataset_named_graphs": "using-named-graph-uri is not supported (see update_dataset_default_graph)",
    "update_dataset_full": "using-graph-uri/using-named-graph-uri are not supported",
    "update_base_uri": "relative IRIs in updates are not resolved against the endpoint (no service base IRI)",
}


def _manifest_cases() -> list[str]:
    if not MANIFEST.exists():
        return ["manifest-absent"]
    g = Graph().parse(MANIFEST, format="turtle")
    manifest = next(g.subjects(RDF.type, MF.Manifest))
    entries = Collection(g, g.value(manifest, MF.entries))
    return [str(e).rsplit("#", 1)[1] for e in entries]


@pytest.fixture(scope="module")
def manifest() -> Graph:
    return Graph().parse(shared_or_skip("schemas", "sparql-protocol", "manifest.ttl"), format="turtle")


@pytest.fixture(scope="module")
def protocol_server(tmp_path_factory):
    """A memory store holding data1-3.nt in named graphs, with one API key, behind uvicorn."""
    from api.app import create_app
    from api.settings import Settings
    from graph import open_store
    from graph.keys import KeyRing

    folder = shared_or_skip("schemas", "sparql-protocol")
    db = open_store("memory:", reference=False)
    for n in (1, 2, 3):
        db.update("INSERT DATA { GRAPH <http://kasei.us/2009/09/sparql/data/data%d.rdf> { %s } }"
                  % (n, (folder / f"data{n}.nt").read_text()))
    keys_file = tmp_path_factory.mktemp("keys") / "keys.json"
    key = KeyRing(keys_file).add("protocol-tests", clearance="TLP:RED")  # updates need TLP:RED
    app = create_app(Settings(store_url="memory:", keys_file=str(keys_file)), store=db)
    with LiveServer(app) as server:
        server.key = key
        yield server


def _requests(g: Graph, test: URIRef) -> list:
    action = g.value(test, MF.action)
    return list(Collection(g, g.value(action, HT.requests)))


@pytest.mark.parametrize("name", _manifest_cases())
def test_protocol(manifest, protocol_server, name):
    if name in NOT_APPLICABLE:
        pytest.skip(NOT_APPLICABLE[name])
    g = manifest
    test = URIRef(f"http://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/manifest#{name}")
    is_update = name.startswith(("update_", "bad_update", "bad_multiple_updates"))
    with httpx.Client(base_url=protocol_server.url, timeout=30) as client:
        for index, req in enumerate(_requests(g, test)):
            path = str(g.value(req, HT.absolutePath))
            assert path.startswith("/sparql/")
            method = str(g.value(req, HT.methodName))
            headers = {}
            if g.value(req, HT.headers) is not None:
                for h in Collection(g, g.value(req, HT.headers)):
                    headers[str(g.value(h, HT.fieldName))] = str(g.value(h, HT.fieldValue))
            body = g.value(req, HT.body)
            content = None
            if body is not None:
                encoding = str(g.value(body, CNT.characterEncoding) or "UTF-8")
                content = str(g.value(body, CNT.chars)).encode(encoding)
            # An update test's first request is the update (to the update endpoint); what follows is
            # the ASK query that checks it.
            sent_update = is_update and index == 0
            endpoint = "/sparql/update" if sent_update else "/sparql"
            url = endpoint + path[len("/sparql/"):].lstrip("/")
            if sent_update:
                headers["Authorization"] = f"Bearer {protocol_server.key}"
            response = client.request(method, url, headers=headers, content=content)
            resp = g.value(req, HT.resp)
            statuses = {str(s)[len(HTS):] for s in g.objects(resp, MF.expectedStatus)}
            family = f"{response.status_code // 100}xx"
            assert family in statuses, (name, url, response.status_code, response.text[:300])
            fmt = g.value(resp, MF.expectedFormat)
            media = response.headers.get("content-type", "").split(";")[0]
            if fmt is not None and str(fmt) == "boolean":
                assert media in ("application/sparql-results+json", "application/sparql-results+xml")
            elif fmt is not None and str(fmt) == "tabular":
                assert media in ("application/sparql-results+json", "application/sparql-results+xml",
                                 "text/csv", "text/tab-separated-values")
            elif fmt is not None and str(fmt) == "RDF":
                assert media in ("application/rdf+xml", "text/turtle", "application/n-triples")
                Graph().parse(data=response.content, format={"application/rdf+xml": "xml",
                                                             "text/turtle": "turtle"}.get(media, "nt"))
            expected = g.value(resp, MF.expectedBoolean)
            if expected is not None:
                assert json.loads(response.content)["boolean"] is expected.toPython(), (name, response.text)


def test_the_table_of_inapplicable_tests_names_real_tests(manifest):
    names = set(_manifest_cases())
    assert set(NOT_APPLICABLE) <= names
