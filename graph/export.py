"""Exports of the networks and of the RDF, in formats other tools open.

Network formats (of the country network, or of the entity network):

- ``graphml``: for Gephi, yEd, Cytoscape, igraph. Every edge has a unique
  id (Gephi silently drops edges whose id repeats), every attribute one
  declared type (a column mixing int and float would become two columns),
  only scalar values (dates as ISO text, lists joined with ``;``, None
  dropped), every node a ``label``, ``type``, ``iso3``, each measure, its
  ``community``, integer colour channels ``r``, ``g``, ``b`` and a ``size``.
- ``gexf``: GEXF 1.3 for Gephi's timeline, written here (networkx writes
  1.2draft): node and edge spells from the claims' dates, the edge status as
  a dynamic attribute, viz colours by community and sizes by PageRank.
- ``json`` (networkx node-link), ``cytoscape`` (Cytoscape.js elements),
  ``sigma`` (graphology's serialisation, with positions, sizes and colours),
  ``csv-nodes`` and ``csv-edges`` (with Gephi's spreadsheet headers).

In every network export ``weight`` is the positive **strength** (the number
of claims): Gephi reads ``weight`` as the edge weight, warns on negative
ones and *drops* edges of weight 0, which a signed weight reaches whenever a
suspension is followed by a resumption. The signed weight is exported as
``signed_weight``.

RDF formats (``turtle``, ``trig``, ``nquads``, ``jsonld``) dump the whole
store (every article graph and the reference data) or one article's graph.
Turtle has no named graphs: the whole store in Turtle is the union of its
graphs; use TriG or N-Quads to keep each fact's article.

Markings: an export draws only on what its store shows (a
:class:`graph.access.ClearedStore` for a cleared reader), optionally capped
at ``max_marking``, and carries the highest marking of the articles it draws
on: a graph-level ``marking`` attribute in GraphML, ``<keywords>`` and the
description in GEXF's ``<meta>``, a top-level ``"marking"`` in JSON (in the
graph ``data`` for Cytoscape, the graph ``attributes`` for sigma); CSV has no
place for it (the API sends it as the ``X-TLP-Marking`` header); RDF dumps
hold each article's ``ig:marking``.
"""

from __future__ import annotations

import colorsys
import csv
import io
import json
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any, NamedTuple

import networkx as nx
from lxml import etree

from .access import capped, graph_markings, highest
from .analytics import MEASURES, all_measures, communities as louvain
from .errors import NotFoundError, QueryError, unknown_choice
from .project import Projection, cached_country_network, memo, network_articles, project_entity_network
from .store import Store
from .vocab import ID, ONTOLOGY_GRAPH, PREFIXES, REFERENCE_GRAPH, article_iri

EXACT_MAX_NODES = 5000  # beyond this, exports sample betweenness and closeness (k = SAMPLE_K)
SAMPLE_K = 256
NETWORKS = ("country", "entities")


# -- preparing a network for export -----------------------------------------
def palette(n: int) -> list[tuple[int, int, int]]:
    """``n`` distinct colours as integer (r, g, b), evenly spaced in hue.

    >>> palette(2)
    [(230, 80, 60), (60, 209, 230)]
    """
    out = []
    for i in range(n):
        r, g, b = colorsys.hsv_to_rgb((i / max(n, 1) + 0.02) % 1.0, 0.74, 0.9)
        out.append((round(r * 255), round(g * 255), round(b * 255)))
    return out


def _scalar(value: Any) -> Any:
    """A value GraphML can hold: dates as ISO text, lists joined, None stays None (then dropped)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float, str)):
        return value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple, set, frozenset)):
        parts = []
        for item in value:
            if isinstance(item, (list, tuple)):
                parts.append(" ".join(str(_scalar(x)) for x in item))
            else:
                parts.append(str(_scalar(item)))
        return ";".join(parts)
    return str(value)


def _unify(rows: list[dict]) -> None:
    """One type per column, in place: all-int stays int, int with float becomes float, else text."""
    kinds: dict[str, set] = {}
    for attrs in rows:
        for key, value in attrs.items():
            kinds.setdefault(key, set()).add(type(value))
    for key, types in kinds.items():
        if types <= {int} or types <= {float} or types <= {str}:
            continue
        cast = float if types <= {int, float} else str
        for attrs in rows:
            if key in attrs:
                attrs[key] = cast(attrs[key])


def _measurable(g: nx.Graph) -> nx.DiGraph:
    """The DiGraph the measures read: the network itself, or a multigraph collapsed with counts."""
    if not g.is_multigraph():
        return g
    h = nx.DiGraph()
    h.add_nodes_from(g)
    for u, v in g.edges():
        if u == v:
            continue
        if h.has_edge(u, v):
            h[u][v]["strength"] += 1.0
        else:
            h.add_edge(u, v, strength=1.0)
    for _, _, d in h.edges(data=True):
        d["distance"] = 1.0 / d["strength"]
    return h


def gephi_ready(g: nx.Graph, *, measures: bool = True, backend: str = "auto") -> nx.Graph:
    """A copy of ``g`` whose attributes GraphML and Gephi take without complaint.

    Adds each measure and the community to the nodes (with ``measures``),
    colour channels and a size; gives every edge a unique ``id``; makes
    ``weight`` the positive strength and keeps the signed one as
    ``signed_weight``.

    >>> g = nx.DiGraph(); g.add_edge("A", "B", when=date(2025, 3, 5), gone=None, n=1)
    >>> h = gephi_ready(g, measures=False)
    >>> h.edges["A", "B"]
    {'when': '2025-03-05', 'n': 1, 'weight': 1.0, 'label': '', 'id': 'e0'}
    >>> h.nodes["A"]["label"], h.nodes["A"]["type"], h.nodes["A"]["r"]  # no community: grey
    ('A', 'entity', 150)
    """
    scores: dict[str, dict] = {}
    membership: dict = {}
    if measures and len(g):
        base = _measurable(g)
        k = None if len(base) <= EXACT_MAX_NODES else SAMPLE_K
        scores = all_measures(base, backend=backend, k=k)
        membership = louvain(base, backend=backend).membership
    colours = palette(max(membership.values(), default=0) + 1)
    pagerank = scores.get("pagerank") or {}
    top = max(pagerank.values(), default=0.0) or 1.0

    node_rows: list[tuple[Any, dict]] = []
    for node, data in g.nodes(data=True):
        attrs = {k: _scalar(v) for k, v in data.items()}
        attrs["label"] = str(attrs.get("label") or node)
        attrs.setdefault("type", "country" if "iso3" in attrs else "entity")
        for name, values in scores.items():
            if node in values:
                attrs[name] = float(values[node])
        if node in membership:
            attrs["community"] = int(membership[node])
        r, gr, b = colours[membership[node]] if node in membership else (150, 150, 150)
        attrs.update(r=r, g=gr, b=b)
        attrs["size"] = float(10.0 + 40.0 * pagerank.get(node, 0.0) / top)
        node_rows.append((node, {k: v for k, v in attrs.items() if v is not None}))

    edge_rows: list[tuple[Any, Any, dict]] = []
    for i, (u, v, data) in enumerate(sorted(g.edges(data=True), key=lambda e: (str(e[0]), str(e[1])))):
        attrs = {k: _scalar(x) for k, x in data.items() if k != "weight"}
        if data.get("weight") is not None and "strength" in data:
            attrs["signed_weight"] = float(data["weight"])
        attrs["weight"] = float(data.get("strength", 1.0))
        attrs["label"] = str(data.get("latest_status") or data.get("status") or data.get("type") or "")
        attrs["id"] = f"e{i}"
        edge_rows.append((u, v, {k: x for k, x in attrs.items() if x is not None}))

    _unify([a for _, a in node_rows])
    _unify([a for _, _, a in edge_rows])
    out = nx.MultiDiGraph() if g.is_multigraph() else nx.DiGraph()
    out.add_nodes_from(node_rows)
    for u, v, attrs in edge_rows:
        if g.is_multigraph():
            out.add_edge(u, v, key=attrs["id"], **attrs)
        else:
            out.add_edge(u, v, **attrs)
    return out


# -- GraphML ----------------------------------------------------------------
def to_graphml(g: nx.Graph, marking: str | None = None) -> bytes:
    """GraphML 1.0 with unique edge ids and one declared type per attribute (Gephi-safe);
    ``marking`` becomes a graph-level ``marking`` attribute.

    >>> g = nx.DiGraph(); g.add_edge("A", "B", strength=1.0, distance=1.0, weight=-1.0)
    >>> b"signed_weight" in to_graphml(g), b'attr.name="marking"' in to_graphml(g, "TLP:AMBER")
    (True, True)
    """
    h = gephi_ready(g)
    # the id goes into the edge's id attribute, not into a data column as well
    ids = {}
    plain = nx.MultiDiGraph() if h.is_multigraph() else nx.DiGraph()
    if marking:
        plain.graph["marking"] = marking
    plain.add_nodes_from(h.nodes(data=True))
    for u, v, data in h.edges(data=True):
        attrs = dict(data)
        edge_id = attrs.pop("id")
        if h.is_multigraph():
            plain.add_edge(u, v, key=edge_id, **attrs)
        else:
            plain.add_edge(u, v, **attrs)
            ids[(str(u), str(v))] = edge_id
    buffer = io.BytesIO()
    writer = nx.readwrite.graphml.GraphMLWriter(encoding="utf-8", prettyprint=True)
    writer.add_graph_element(plain)
    if not h.is_multigraph():
        for element in writer.xml.iter("edge"):
            element.set("id", ids[(element.get("source"), element.get("target"))])
    writer.dump(buffer)
    return buffer.getvalue()


# -- GEXF 1.3 ---------------------------------------------------------------
GEXF_NS = "http://gexf.net/1.3"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
_GEXF_TYPES = {int: "integer", float: "double", str: "string"}


def _status_spells(history: list[tuple[date, str]], end: date) -> list[tuple[str, date, date]]:
    """(status, start, end) intervals from an ordered claim history; the last claim of a day wins.

    >>> _status_spells([(date(2025, 3, 5), "suspends"), (date(2025, 3, 11), "resumes")], date(2025, 3, 20))
    [('suspends', datetime.date(2025, 3, 5), datetime.date(2025, 3, 10)), ('resumes', datetime.date(2025, 3, 11), datetime.date(2025, 3, 20))]
    """
    by_day: dict[date, str] = {}
    for day, status in history:
        if day is not None:
            by_day[day] = status
    days = sorted(by_day)
    spells = []
    for i, day in enumerate(days):
        stop = days[i + 1] - timedelta(days=1) if i + 1 < len(days) else end
        if spells and spells[-1][0] == by_day[day]:
            spells[-1] = (spells[-1][0], spells[-1][1], stop)
        else:
            spells.append((by_day[day], day, stop))
    return spells


def _day(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _sign(status: str) -> float:
    from .project import SIGN

    return SIGN.get(status, 0.0)


def to_gexf(g: nx.Graph, marking: str | None = None) -> bytes:
    """GEXF 1.3 (``http://gexf.net/1.3``), dynamic, for Gephi's timeline.

    Nodes live from their first claim, edges from their first claim, to the
    last date of the network; an edge's ``status`` and cumulative
    ``net_weight`` change over time (dynamic attributes). Colours and sizes
    are ``<color>``/``<size>`` in the GEXF namespace, as the 1.3 schema has
    them. ``marking`` goes into ``<meta>``: as ``<keywords>`` and in the description.

    >>> g = nx.DiGraph(); g.add_edge("A", "B", strength=1.0, distance=1.0, weight=1.0)
    >>> to_gexf(g).startswith(b"<?xml"), b"<keywords>TLP:GREEN</keywords>" in to_gexf(g, "TLP:GREEN")
    (True, True)
    """
    h = gephi_ready(g)
    history_of = {}
    if not g.is_multigraph():
        for u, v, data in g.edges(data=True):
            if data.get("history"):
                history_of[(u, v)] = [(d, s) for d, s in data["history"] if isinstance(d, date)]
    dates = [d for hist in history_of.values() for d, _ in hist]
    dates += [d for _, d in h.nodes(data=True) for d in [_day(d.get("first_seen") or d.get("published"))] if d]
    dates += [d for _, _, d in h.edges(data=True) for d in [_day(d.get("first_seen") or d.get("date"))] if d]
    start, end = (min(dates), max(dates)) if dates else (None, None)

    root = etree.Element(f"{{{GEXF_NS}}}gexf", nsmap={None: GEXF_NS, "xsi": XSI_NS}, version="1.3")
    root.set(f"{{{XSI_NS}}}schemaLocation", f"{GEXF_NS} {GEXF_NS}/gexf.xsd")
    meta = etree.SubElement(root, f"{{{GEXF_NS}}}meta", lastmodifieddate=date.today().isoformat())
    etree.SubElement(meta, f"{{{GEXF_NS}}}creator").text = "intelgraph"
    if marking:
        etree.SubElement(meta, f"{{{GEXF_NS}}}keywords").text = marking
    etree.SubElement(meta, f"{{{GEXF_NS}}}description").text = \
        "Intelligence-sharing network from news reports (intelgraph)" + (f"; marking {marking}" if marking else "")
    graph_attrs = {"defaultedgetype": "directed", "mode": "dynamic" if start else "static"}
    if start:
        graph_attrs.update(timeformat="date", start=start.isoformat(), end=end.isoformat())
    graph_el = etree.SubElement(root, f"{{{GEXF_NS}}}graph", **graph_attrs)

    skip_node = {"label", "r", "g", "b", "size"}
    skip_edge = {"id", "label", "weight"}

    def declare(rows: list[dict], skip: set, cls: str) -> dict[str, str]:
        types: dict[str, str] = {}
        for attrs in rows:
            for key, value in attrs.items():
                if key not in skip:
                    types.setdefault(key, _GEXF_TYPES.get(type(value), "string"))
        block = etree.SubElement(graph_el, f"{{{GEXF_NS}}}attributes", {"class": cls, "mode": "static"})
        for key in types:
            etree.SubElement(block, f"{{{GEXF_NS}}}attribute", id=key, title=key, type=types[key])
        return types

    node_types = declare([d for _, d in h.nodes(data=True)], skip_node, "node")
    edge_types = declare([d for _, _, d in h.edges(data=True)], skip_edge, "edge")
    if history_of:
        dynamic = etree.SubElement(graph_el, f"{{{GEXF_NS}}}attributes", {"class": "edge", "mode": "dynamic"})
        etree.SubElement(dynamic, f"{{{GEXF_NS}}}attribute", id="status", title="status", type="string")
        etree.SubElement(dynamic, f"{{{GEXF_NS}}}attribute", id="net_weight", title="net_weight", type="double")

    def attvalues(parent: etree._Element, data: dict, types: dict[str, str]) -> etree._Element:
        block = etree.SubElement(parent, f"{{{GEXF_NS}}}attvalues")
        for key in types:
            if key in data:
                etree.SubElement(block, f"{{{GEXF_NS}}}attvalue", {"for": key, "value": str(data[key])})
        return block

    def spell(parent: etree._Element, first: Any) -> None:
        if start and isinstance(first, date):
            spells = etree.SubElement(parent, f"{{{GEXF_NS}}}spells")
            etree.SubElement(spells, f"{{{GEXF_NS}}}spell", start=first.isoformat(), end=end.isoformat())

    nodes_el = etree.SubElement(graph_el, f"{{{GEXF_NS}}}nodes", count=str(h.number_of_nodes()))
    for node, data in h.nodes(data=True):
        el = etree.SubElement(nodes_el, f"{{{GEXF_NS}}}node", id=str(node), label=data["label"])
        attvalues(el, data, node_types)
        spell(el, _day(data.get("first_seen") or data.get("published")))
        etree.SubElement(el, f"{{{GEXF_NS}}}color", r=str(data["r"]), g=str(data["g"]), b=str(data["b"]))
        etree.SubElement(el, f"{{{GEXF_NS}}}size", value=f"{data['size']:.4f}")

    edges_el = etree.SubElement(graph_el, f"{{{GEXF_NS}}}edges", count=str(h.number_of_edges()))
    for u, v, data in h.edges(data=True):
        el = etree.SubElement(edges_el, f"{{{GEXF_NS}}}edge", id=data["id"], source=str(u), target=str(v),
                              weight=repr(float(data["weight"])))
        if data.get("label"):
            el.set("label", data["label"])
        block = attvalues(el, data, edge_types)
        history = history_of.get((u, v))
        if history:
            for status, s, e in _status_spells(history, end):
                etree.SubElement(block, f"{{{GEXF_NS}}}attvalue", {
                    "for": "status", "value": status, "start": s.isoformat(), "end": e.isoformat()})
            days = sorted({d for d, _ in history})
            for i, day in enumerate(days):
                net = sum(_sign(s) for d, s in history if d <= day)
                stop = days[i + 1] - timedelta(days=1) if i + 1 < len(days) else end
                etree.SubElement(block, f"{{{GEXF_NS}}}attvalue", {
                    "for": "net_weight", "value": repr(float(net)), "start": day.isoformat(),
                    "end": stop.isoformat()})
        spell(el, _day(data.get("first_seen") or data.get("date")))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


# -- JSON and CSV -----------------------------------------------------------
def _dumps(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


def to_json(g: nx.Graph, marking: str | None = None) -> bytes:
    """networkx node-link JSON (``nodes`` and ``edges``), readable by ``nx.node_link_graph(edges="edges")``,
    with a top-level ``marking``."""
    data = nx.node_link_data(gephi_ready(g), edges="edges")
    return _dumps({"marking": marking, **data} if marking else data)


def to_cytoscape(g: nx.Graph, marking: str | None = None) -> bytes:
    """Cytoscape.js elements: ``{"elements": {"nodes": [{"data": ...}], "edges": [{"data": ...}]}}``."""
    h = gephi_ready(g)
    nodes = [{"data": {"id": str(n), **d}} for n, d in h.nodes(data=True)]
    edges = [{"data": {**d, "source": str(u), "target": str(v)}} for u, v, d in h.edges(data=True)]
    data = {"directed": True, **({"marking": marking} if marking else {})}
    return _dumps({**({"marking": marking} if marking else {}), "data": data,
                   "elements": {"nodes": nodes, "edges": edges}})


def _layout(h: nx.Graph) -> dict:
    if len(h) <= 2000:
        return nx.spring_layout(h, seed=42, weight=None)
    return nx.random_layout(h, seed=42)


def to_sigma(g: nx.Graph, marking: str | None = None) -> bytes:
    """graphology's serialised graph, which sigma.js renders as is (x, y, size, color on each node)."""
    h = gephi_ready(g)
    positions = _layout(h)
    nodes = []
    for n, d in h.nodes(data=True):
        x, y = positions[n]
        attrs = {k: v for k, v in d.items() if k not in ("r", "g", "b")}
        attrs.update(x=float(x), y=float(y), color=f"#{d['r']:02x}{d['g']:02x}{d['b']:02x}")
        nodes.append({"key": str(n), "attributes": attrs})
    edges = [{"key": d["id"], "source": str(u), "target": str(v),
              "attributes": {k: x for k, x in d.items() if k != "id"}} for u, v, d in h.edges(data=True)]
    return _dumps({"attributes": {"name": "intelgraph", **({"marking": marking} if marking else {})},
                   "options": {"type": "directed", "multi": h.is_multigraph(), "allowSelfLoops": False},
                   "nodes": nodes, "edges": edges})


def _csv(header: list[str], rows: list[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def to_csv_nodes(g: nx.Graph, marking: str | None = None) -> bytes:
    """Nodes as CSV with Gephi's headers (``Id``, ``Label``), then every attribute."""
    h = gephi_ready(g)
    keys = sorted({k for _, d in h.nodes(data=True) for k in d} - {"label"})
    rows = [[n, d.get("label", n), *("" if d.get(k) is None else d[k] for k in keys)] for n, d in h.nodes(data=True)]
    return _csv(["Id", "Label", *keys], rows)


def to_csv_edges(g: nx.Graph, marking: str | None = None) -> bytes:
    """Edges as CSV with Gephi's headers (``Source``, ``Target``, ``Type``, ``Id``, ``Label``, ``Weight``)."""
    h = gephi_ready(g)
    keys = sorted({k for _, _, d in h.edges(data=True) for k in d} - {"id", "label", "weight"})
    rows = [[u, v, "Directed", d["id"], d.get("label", ""), d["weight"],
             *("" if d.get(k) is None else d[k] for k in keys)] for u, v, d in h.edges(data=True)]
    return _csv(["Source", "Target", "Type", "Id", "Label", "Weight", *keys], rows)


# -- RDF dumps --------------------------------------------------------------
def _rdf_quads(store: Store, article: str | None) -> list:
    """The quads of one article's graph, or of every graph but the store's internal meta graph."""
    import pyoxigraph as ox

    if article is None:
        graphs = [ONTOLOGY_GRAPH, REFERENCE_GRAPH, *store.article_graphs()]
    else:
        graphs = [resolve_article(store, article)]
    quads = []
    for graph_iri in graphs:
        data = store.dump(ox.RdfFormat.N_QUADS, graph_iri)
        if isinstance(data, str):
            data = data.encode("utf-8")
        quads.extend(q if q.graph_name == ox.NamedNode(graph_iri) else
                     ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(graph_iri))
                     for q in ox.parse(data, format=ox.RdfFormat.N_QUADS))
    return quads


def resolve_article(store: Store, article: str) -> str:
    """An article's graph IRI from its IRI or its 16-hex id; NotFoundError when the store lacks it."""
    graph_iri = article if article.startswith(ID) else article_iri(article.strip())
    if not store.has_graph(graph_iri):
        raise NotFoundError(f"no article {article!r} in the store; give its IRI or its 16-hex id "
                            "(intelgraph query 'SELECT ?a WHERE { ?a a ig:Article }' lists them)")
    return graph_iri


def _rdf(fmt_name: str, dataset: bool) -> Callable[[Store, str | None], bytes]:
    def write(store: Store, article: str | None = None) -> bytes:
        import pyoxigraph as ox

        fmt = getattr(ox.RdfFormat, fmt_name)
        quads = _rdf_quads(store, article)
        if dataset:
            return ox.serialize(quads, format=fmt, prefixes=PREFIXES) if fmt_name != "N_QUADS" \
                else ox.serialize(quads, format=fmt)
        triples = list(dict.fromkeys(q.triple for q in quads))
        return ox.serialize(triples, format=fmt, prefixes=PREFIXES)
    return write


# -- the table --------------------------------------------------------------
class Exporter(NamedTuple):
    """How to write one format: the writer, its media type and file suffix."""

    write: Callable[..., bytes]
    media_type: str
    suffix: str


NETWORK_EXPORTERS: dict[str, Exporter] = {
    "graphml": Exporter(to_graphml, "application/graphml+xml", ".graphml"),
    "gexf": Exporter(to_gexf, "application/gexf+xml", ".gexf"),
    "json": Exporter(to_json, "application/json", ".json"),
    "cytoscape": Exporter(to_cytoscape, "application/json", ".cyjs"),
    "sigma": Exporter(to_sigma, "application/json", ".sigma.json"),
    "csv-nodes": Exporter(to_csv_nodes, "text/csv", ".nodes.csv"),
    "csv-edges": Exporter(to_csv_edges, "text/csv", ".edges.csv"),
}
RDF_EXPORTERS: dict[str, Exporter] = {
    "turtle": Exporter(_rdf("TURTLE", dataset=False), "text/turtle", ".ttl"),
    "trig": Exporter(_rdf("TRIG", dataset=True), "application/trig", ".trig"),
    "nquads": Exporter(_rdf("N_QUADS", dataset=True), "application/n-quads", ".nq"),
    "jsonld": Exporter(_rdf("JSON_LD", dataset=True), "application/ld+json", ".jsonld"),
}
EXPORTERS: dict[str, Exporter] = {**NETWORK_EXPORTERS, **RDF_EXPORTERS}


def export_network(g: nx.Graph, fmt: str, marking: str | None = None) -> bytes:
    """One network in a network format (a key of ``NETWORK_EXPORTERS``).

    >>> export_network(nx.DiGraph(), "csv-edges")
    b'Source,Target,Type,Id,Label,Weight\\n'
    """
    if fmt in RDF_EXPORTERS:
        raise QueryError(f"{fmt} is an RDF dump of the store, not of a network; use graph.export.export")
    if fmt not in NETWORK_EXPORTERS:
        raise QueryError(unknown_choice("export format", fmt, EXPORTERS))
    return NETWORK_EXPORTERS[fmt].write(g, marking=marking)


def export_store(store: Store, fmt: str, *, article: str | None = None) -> bytes:
    """The whole store, or one article's graph, in an RDF format (a key of ``RDF_EXPORTERS``)."""
    if fmt not in RDF_EXPORTERS:
        raise QueryError(unknown_choice("RDF format", fmt, RDF_EXPORTERS))
    return RDF_EXPORTERS[fmt].write(store, article)


def export(store: Store, fmt: str, *, network: str = "country", article: str | None = None,
           max_marking: str | None = None, **projection: Any) -> bytes:
    """What ``intelgraph export FORMAT`` and ``/export/{format}`` write, cached per store revision.

    Network formats take the projection options (``as_of``, ``since``,
    ``until``, ``statuses``, ``min_confidence``) and ``network``
    (``country`` or ``entities``); RDF formats take ``article``.
    ``max_marking`` caps what the export may draw on (see :func:`export_marked`).

    >>> from graph.store import open_store
    >>> export(open_store("memory:"), "csv-nodes")
    b'Id,Label\\n'
    """
    return export_marked(store, fmt, network=network, article=article, max_marking=max_marking, **projection)[0]


def export_marked(store: Store, fmt: str, *, network: str = "country", article: str | None = None,
                  max_marking: str | None = None, **projection: Any) -> tuple[bytes, str]:
    """(the export, the highest marking of the articles it draws on).

    The export draws only on what ``store`` shows (a cleared view shows what its
    clearance allows; the store itself, everything), and with ``max_marking``
    only on articles marked at or below it. The marking is written into the
    file where the format has a place for it.

    >>> from graph.store import open_store
    >>> export_marked(open_store("memory:"), "json", max_marking="TLP:GREEN")[1]
    'TLP:CLEAR'
    """
    if fmt not in EXPORTERS:
        raise QueryError(unknown_choice("export format", fmt, EXPORTERS))
    store = capped(store, max_marking)
    if fmt in RDF_EXPORTERS:
        def dump() -> tuple[bytes, str]:
            data = export_store(store, fmt, article=article)
            markings = graph_markings(store)
            drawn = [markings.get(resolve_article(store, article), "TLP:CLEAR")] if article else markings.values()
            return data, highest(drawn)
        return memo(store, ("export", fmt, article), dump)
    if network not in NETWORKS:
        raise QueryError(unknown_choice("network", network, NETWORKS))
    options = Projection.of(**projection)

    def build() -> tuple[bytes, str]:
        markings = graph_markings(store)
        if network == "country":
            g = cached_country_network(store, options)
            marking = highest(markings.get(a, "TLP:CLEAR") for a in network_articles(store, options))
        else:
            g = project_entity_network(store, **{k: v for k, v in vars(options).items()})
            marking = highest(markings.values())  # articles, officials and statements: all it may show
        return export_network(g, fmt, marking=marking), marking
    return memo(store, ("export", fmt, network, options), build)


__all__ = ["EXPORTERS", "NETWORK_EXPORTERS", "RDF_EXPORTERS", "MEASURES", "export", "export_marked",
           "export_network", "export_store", "gephi_ready"]
