"""A store on any SPARQL 1.1 server, for when one machine is not enough.

``sparql+http://HOST:PORT/QUERY_PATH?update=UPDATE_URL`` (or ``sparql+https``)
names the server: queries go to the query URL, writes to the update URL.
Each article graph is written in one update request (``DROP SILENT GRAPH``
then ``INSERT DATA``), which SPARQL 1.1 servers apply atomically, so an
ingest that fails half-way leaves no partial article graph.

Credentials come from the environment: ``INTELGRAPH_SPARQL_TOKEN`` (bearer)
or ``INTELGRAPH_SPARQL_USER`` / ``INTELGRAPH_SPARQL_PASSWORD`` (basic).
Queries rely on the server's default graph being the union of its named
graphs (GraphDB, Virtuoso and Neptune do this by default; Oxigraph gets
``union-default-graph``; Fuseki needs ``tdb2:unionDefaultGraph true``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit, urlunsplit

import httpx
import pyoxigraph as ox

from .errors import QueryError, StoreError
from .store import _META, _REVISION, STATE_GRAPH, Store, _binding

TIMEOUT = float(os.environ.get("INTELGRAPH_SPARQL_TIMEOUT", "60"))


def parse_remote_url(url: str) -> tuple[str, str]:
    """(query URL, update URL) of a ``sparql+http(s)://`` store URL.

    >>> parse_remote_url("sparql+http://127.0.0.1:7878/query?update=http://127.0.0.1:7878/update")
    ('http://127.0.0.1:7878/query', 'http://127.0.0.1:7878/update')
    """
    parts = urlsplit(url)
    scheme = parts.scheme.removeprefix("sparql+")
    if scheme not in ("http", "https"):
        raise StoreError(f"{url}: a remote store URL starts with sparql+http:// or sparql+https://")
    params = parse_qs(parts.query)
    query_url = urlunsplit((scheme, parts.netloc, parts.path or "/", "", ""))
    update_url = params.get("update", [query_url.rsplit("/", 1)[0] + "/update"])[0]
    return query_url, update_url


def _auth() -> dict[str, Any]:
    token = os.environ.get("INTELGRAPH_SPARQL_TOKEN")
    if token:
        return {"headers": {"Authorization": f"Bearer {token}"}}
    user = os.environ.get("INTELGRAPH_SPARQL_USER")
    if user:
        return {"auth": (user, os.environ.get("INTELGRAPH_SPARQL_PASSWORD", ""))}
    return {}


def _values_clause(bindings: Mapping[str, Any]) -> str:
    """A trailing VALUES block carrying the bindings as serialised RDF terms.

    Terms are written by pyoxigraph (escaped N-Triples syntax), so a value can
    never change the query's structure.
    """
    names = list(bindings)
    terms = " ".join(str(_binding(bindings[n])) for n in names)
    return f"\nVALUES ({' '.join('?' + n for n in names)}) {{ ({terms}) }}"


class TripleResults(list):
    """CONSTRUCT/DESCRIBE results from a server: triples that can serialise themselves."""

    def serialize(self, output=None, format: ox.RdfFormat = ox.RdfFormat.N_TRIPLES) -> bytes | None:
        return ox.serialize(self, output, format=format)


class ProtocolBackend:
    """A stand-in for ``pyoxigraph.Store.query`` that sends the query to the server.

    Code written against an Oxigraph store (the API's query runner) can run
    unchanged on a remote store: prefixes and base IRI become the query's
    prologue, the dataset becomes the protocol's graph parameters.
    """

    def __init__(self, store: "RemoteStore") -> None:
        self.store = store

    def query(self, query: str, *, prefixes: Mapping[str, str] | None = None, base_iri: str | None = None,
              default_graph: list | None = None, named_graphs: list | None = None,
              use_default_graph_as_union: bool = False) -> Any:
        prologue = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in (prefixes or {}).items())
        if base_iri:
            prologue = f"BASE <{base_iri}>\n" + prologue
        return self.store.query(prologue + query,
                                default_graph=[g.value for g in default_graph] if default_graph is not None else None,
                                named_graphs=[g.value for g in named_graphs] if named_graphs is not None else None,
                                union=use_default_graph_as_union)


class RemoteStore(Store):
    """The store primitives over the SPARQL 1.1 Protocol.

    A remote store holds no view stores (:class:`graph.views.ViewSet`): a reader
    cleared below some marking gets the visible graphs as an explicit dataset
    (``default-graph-uri``/``named-graph-uri``), correct but slow on large stores.
    """

    supports_views = False

    def __init__(self, url: str, *, read_only: bool = False) -> None:
        super().__init__(url, None, read_only=read_only)
        self.backend = ProtocolBackend(self)
        self.query_url, self.update_url = parse_remote_url(url)
        self.client = httpx.Client(timeout=TIMEOUT, **_auth())
        self._oxigraph = None  # whether the server takes Oxigraph's union-default-graph flag

    # -- HTTP ----------------------------------------------------------------
    def _post(self, url: str, data: dict[str, Any], accept: str) -> httpx.Response:
        try:
            response = self.client.post(url, data=data, headers={"Accept": accept})
        except httpx.TimeoutException:
            raise StoreError(f"{url}: the SPARQL server did not answer within {TIMEOUT:.0f} s") from None
        except httpx.HTTPError as err:
            raise StoreError(f"{url}: cannot reach the SPARQL server ({err}); is it running?") from None
        if response.status_code == 400:
            raise QueryError(f"SPARQL syntax error or refused request; the server said: {response.text[:500]}")
        if response.status_code in (401, 403):
            raise StoreError(f"{url}: the SPARQL server refused our credentials ({response.status_code}); "
                             "set INTELGRAPH_SPARQL_TOKEN or INTELGRAPH_SPARQL_USER/PASSWORD")
        if response.status_code >= 300:
            raise StoreError(f"{url}: the SPARQL server answered {response.status_code}: {response.text[:500]}")
        return response

    def _union_param(self) -> dict[str, str]:
        if self._oxigraph is None:
            probe = self.client.get(self.query_url, params={"query": "ASK {}", "union-default-graph": ""},
                                    headers={"Accept": "application/sparql-results+json"})
            self._oxigraph = probe.status_code == 200
        return {"union-default-graph": ""} if self._oxigraph else {}

    def query(self, sparql: str, *, bindings: Mapping[str, Any] | None = None,
              default_graph: list[str] | None = None, named_graphs: list[str] | None = None,
              union: bool = True) -> Any:
        text = sparql + (_values_clause(bindings) if bindings else "")
        data: dict[str, Any] = {"query": text}
        if default_graph is not None:
            data["default-graph-uri"] = default_graph
        elif union:
            data.update(self._union_param())
        if named_graphs is not None:
            data["named-graph-uri"] = named_graphs
        accept = "application/sparql-results+json, application/n-triples;q=0.9"
        response = self._post(self.query_url, data, accept)
        media = response.headers.get("content-type", "").split(";")[0].strip()
        if "sparql-results" in media or media == "application/json":
            return ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON)
        fmt = ox.RdfFormat.from_media_type(media) or ox.RdfFormat.N_TRIPLES
        return TripleResults(q.triple for q in ox.parse(response.content, format=fmt))

    def _update(self, text: str) -> None:
        self._writable()
        self._post(self.update_url, {"update": text}, "*/*")

    def update(self, sparql: str) -> None:
        self._update(sparql)
        self._bump_revision()

    # -- primitives ------------------------------------------------------------
    def has_graph(self, graph_iri: str) -> bool:
        return bool(self.query("ASK { GRAPH ?g { ?s ?p ?o } }", bindings={"g": ox.NamedNode(graph_iri)},
                               union=False))

    def _write(self, graph_iri: str, quads: list[ox.Quad], replace: bool) -> None:
        body = " ".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
        self._update(f"DROP SILENT GRAPH <{graph_iri}> ; INSERT DATA {{ GRAPH <{graph_iri}> {{ {body} }} }}")

    def _write_many(self, graphs: list[tuple[str, list[ox.Quad]]], replace: bool) -> None:
        """Several article graphs per update request: each request is applied atomically."""
        for start in range(0, len(graphs), 25):
            parts = []
            for graph_iri, quads in graphs[start:start + 25]:
                body = " ".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
                parts.append(f"DROP SILENT GRAPH <{graph_iri}> ; INSERT DATA {{ GRAPH <{graph_iri}> {{ {body} }} }}")
            self._update(" ; ".join(parts))

    def _drop(self, graph_iri: str) -> None:
        self._update(f"DROP SILENT GRAPH {ox.NamedNode(graph_iri)}")

    def _load_turtle(self, graph_iri: str, path: Path) -> None:
        triples = [q.triple for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)]
        body = " ".join(f"{t.subject} {t.predicate} {t.object} ." for t in triples)
        self._update(f"INSERT DATA {{ GRAPH {ox.NamedNode(graph_iri)} {{ {body} }} }}")

    def _meta(self, key: ox.NamedNode) -> ox.Literal | None:
        rows = list(self.query("SELECT ?v WHERE { GRAPH ?m { ?m ?k ?v } } LIMIT 1",
                               bindings={"m": _META, "k": key}, union=False))
        return rows[0]["v"] if rows else None

    def _set_meta(self, key: ox.NamedNode, value: ox.Literal) -> None:
        self._update(f"DELETE WHERE {{ GRAPH {_META} {{ {_META} {key} ?v }} }} ; "
                     f"INSERT DATA {{ GRAPH {_META} {{ {_META} {key} {value} }} }}")

    def _forget_meta(self, key: ox.NamedNode) -> None:
        self._update(f"DELETE WHERE {{ GRAPH {_META} {{ {_META} {key} ?v }} }}")

    def _load_revision(self) -> int:
        """The write counter, in a graph of its own that no reader's dataset includes
        (:meth:`graph.access.ClearedStore.allowed_graphs`): other intelgraph processes
        writing to the same server move it too."""
        rows = list(self.query("SELECT ?v WHERE { GRAPH ?m { ?m ?k ?v } } LIMIT 1",
                               bindings={"m": ox.NamedNode(STATE_GRAPH), "k": _REVISION}, union=False))
        try:
            return int(rows[0]["v"].value) if rows else 0
        except ValueError:
            return 0

    def _store_revision(self, value: int) -> None:
        state = ox.NamedNode(STATE_GRAPH)
        self._update(f"DELETE WHERE {{ GRAPH {state} {{ {state} {_REVISION} ?v }} }} ; "
                     f"INSERT DATA {{ GRAPH {state} {{ {state} {_REVISION} {value} }} }}")

    def _all_quads(self):
        return ox.parse(self.dump(ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)

    def _graph_names(self) -> list[str]:
        rows = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", union=False)
        return [row["g"].value for row in rows if isinstance(row["g"], ox.NamedNode)]

    def dump(self, fmt: ox.RdfFormat, graph_iri: str | None = None) -> bytes:
        if graph_iri is not None:
            rows = self.query("SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }",
                              bindings={"g": ox.NamedNode(graph_iri)}, union=False)
            graph = ox.NamedNode(graph_iri)
            quads = [ox.Quad(r["s"], r["p"], r["o"], graph) for r in rows]
        else:
            rows = self.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }", union=False)
            quads = [ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows]
        if not fmt.supports_datasets:
            return ox.serialize([q.triple for q in quads], format=fmt)
        return ox.serialize(quads, format=fmt)

    def __len__(self) -> int:
        rows = list(self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", union=False))
        return int(rows[0]["n"].value) if rows else 0

    def flush(self) -> None:
        pass

    def close(self) -> None:
        self.client.close()
