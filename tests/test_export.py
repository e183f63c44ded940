"""Exports other tools read without complaint: schema-valid GraphML and GEXF 1.3, round trips through
networkx and igraph, JSON, CSV and the RDF dumps."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import networkx as nx
import pytest
from lxml import etree

from graph.errors import NotFoundError, QueryError
from graph.export import EXPORTERS, NETWORK_EXPORTERS, RDF_EXPORTERS, export, export_network, gephi_ready
from graph.project import country_network, project_country_network, project_entity_network

from handmade import suspension_store
from support import shared_or_skip

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
GEXF = "{http://gexf.net/1.3}"

ROWS = [
    {"actor": "USA", "partner": "UKR", "status": "suspends", "date": date(2025, 3, 5), "article": "a1",
     "publisher": "P", "confidence": 0.9, "published": None, "start": 0},
    {"actor": "ISR", "partner": "USA", "status": "considers_restricting", "date": date(2025, 3, 7),
     "article": "a2", "publisher": None, "confidence": 0.9, "published": None, "start": 0},
]


@pytest.fixture(scope="module")
def handmade():
    return suspension_store()


@pytest.fixture(scope="module", params=["country", "entities"])
def network(request, handmade):
    if request.param == "country":
        return project_country_network(handmade)
    return project_entity_network(handmade)


def schema(*parts: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(shared_or_skip("schemas", *parts))))


# -- GraphML ------------------------------------------------------------------
def test_graphml_round_trip_through_networkx():
    g = country_network(ROWS, {"USA": "United States"})
    data = export_network(g, "graphml")
    back = nx.read_graphml(io.BytesIO(data))
    assert set(back.edges) == set(g.edges)
    assert back.nodes["USA"]["label"] == "United States"
    assert back.edges["USA", "UKR"]["latest_status"] == "suspends"
    assert back.edges["USA", "UKR"]["latest_date"] == "2025-03-05"
    assert "pagerank" in back.nodes["USA"]


def test_graphml_edge_ids_unique_and_one_type_per_key():
    data = export_network(country_network(ROWS), "graphml")
    doc = etree.fromstring(data)
    ids = [e.get("id") for e in doc.iter(f"{GRAPHML}edge")]
    assert len(ids) == len(set(ids)) == 2
    keys = [(k.get("for"), k.get("attr.name")) for k in doc.iter(f"{GRAPHML}key")]
    assert len(keys) == len(set(keys))


def test_no_none_or_lists_reach_graphml():
    g = nx.DiGraph()
    g.add_edge("A", "B", tags=["x", "y"], missing=None)
    h = gephi_ready(g, measures=False)
    edge = h.edges["A", "B"]
    assert edge["tags"] == "x;y" and "missing" not in edge and edge["id"] == "e0"
    assert all(isinstance(v, (int, float, str)) for v in edge.values())


def test_a_column_mixing_int_and_float_gets_one_type():
    g = nx.DiGraph()
    g.add_edge("A", "B", score=1)
    g.add_edge("B", "C", score=2.5)
    doc = etree.fromstring(export_network(g, "graphml"))
    types = [k.get("attr.type") for k in doc.iter(f"{GRAPHML}key") if k.get("attr.name") == "score"]
    assert types == ["double"]


def test_graphml_validates_against_the_schema(network):
    xsd = schema("graphml", "1.0", "graphml.xsd")
    doc = etree.fromstring(export_network(network, "graphml"))
    assert xsd.validate(doc), xsd.error_log


def test_graphml_carries_what_gephi_needs(network):
    doc = etree.fromstring(export_network(network, "graphml"))
    keys = {(k.get("for"), k.get("attr.name")): k.get("attr.type") for k in doc.iter(f"{GRAPHML}key")}
    for channel in "rgb":
        assert keys[("node", channel)] in ("int", "long")  # integer colour channels
    for name in ("label", "type", "pagerank", "betweenness", "community", "size"):
        assert ("node", name) in keys
    for name in ("weight", "label"):
        assert ("edge", name) in keys
    ids = [e.get("id") for e in doc.iter(f"{GRAPHML}edge")]
    assert len(ids) == len(set(ids)) == network.number_of_edges()  # parallel claims keep distinct ids
    label_key = next(k.get("id") for k in doc.iter(f"{GRAPHML}key") if (k.get("for"), k.get("attr.name")) == ("node", "label"))
    for node in doc.iter(f"{GRAPHML}node"):
        assert any(d.get("key") == label_key and d.text for d in node.iter(f"{GRAPHML}data"))


def test_graphml_weight_is_positive_and_the_signed_weight_kept(handmade):
    back = nx.read_graphml(io.BytesIO(export(handmade, "graphml")))
    edge = back.edges["USA", "UKR"]
    assert edge["weight"] == 2.0 and edge["signed_weight"] == 0.0  # Gephi drops edges of weight 0
    assert edge["n_suspends"] == 1 and edge["first_seen"] == "2025-03-05" and edge["last_seen"] == "2025-03-11"
    assert back.nodes["USA"]["iso3"] == "USA" and isinstance(back.nodes["USA"]["community"], int)


def test_graphml_read_back_identically_by_networkx_and_igraph(network, tmp_path):
    igraph = pytest.importorskip("igraph")
    expected = gephi_ready(network)
    data = export_network(network, "graphml")
    back = nx.read_graphml(io.BytesIO(data))
    assert dict(back.nodes(data=True)) == dict(expected.nodes(data=True))
    if expected.is_multigraph():
        assert sorted((u, v, k, tuple(sorted(d.items()))) for u, v, k, d in back.edges(keys=True, data=True)) == \
            sorted((u, v, d["id"], tuple(sorted((a, b) for a, b in d.items() if a != "id")))
                   for u, v, d in expected.edges(data=True))
    else:
        assert {(u, v): d for u, v, d in back.edges(data=True)} == {(u, v): d for u, v, d in expected.edges(data=True)}

    path = tmp_path / "network.graphml"  # igraph reads from a real file
    path.write_bytes(data)
    ig = igraph.Graph.Read_GraphML(str(path))
    assert ig.is_directed() and ig.vcount() == expected.number_of_nodes() and ig.ecount() == expected.number_of_edges()
    for vertex in ig.vs:
        attrs = {k: v for k, v in vertex.attributes().items() if k != "id"}
        want = expected.nodes[vertex["id"]]
        assert {k: v for k, v in attrs.items() if v not in (None, "") and not (isinstance(v, float) and v != v)} == \
            pytest.approx(want)
    # igraph does not keep an edge's XML id (its "id" edge attribute is not the file's), so compare the rest
    got = sorted((ig.vs[e.source]["id"], ig.vs[e.target]["id"],
                  tuple(sorted((k, v) for k, v in e.attributes().items()
                               if k != "id" and v not in (None, "") and not (isinstance(v, float) and v != v))))
                 for e in ig.es)
    want = sorted((u, v, tuple(sorted((k, float(x) if isinstance(x, int) else x) for k, x in d.items() if k != "id")))
                  for u, v, d in expected.edges(data=True))
    assert got == want


# -- GEXF 1.3 -----------------------------------------------------------------
def test_gexf_validates_against_the_1_3_schema(network):
    xsd = schema("gexf", "1.3", "gexf.xsd")
    doc = etree.fromstring(export_network(network, "gexf"))
    assert xsd.validate(doc), xsd.error_log
    assert doc.get("version") == "1.3"


def test_the_gexf_schema_rejects_what_it_should():
    xsd = schema("gexf", "1.3", "gexf.xsd")
    invalid = shared_or_skip("schemas", "gexf", "samples", "invalid")
    assert not any(xsd.validate(etree.parse(str(p))) for p in invalid.glob("*.gexf"))


def test_gexf_timeline_spells_and_dynamic_status(handmade):
    data = export(handmade, "gexf")
    back = nx.read_gexf(io.BytesIO(data), version="1.3")
    edge = back.edges["USA", "UKR"]
    assert edge["status"] == [("suspends", "2025-03-05", "2025-03-10"), ("resumes", "2025-03-11", "2025-03-11")]
    assert edge["net_weight"] == [(-1.0, "2025-03-05", "2025-03-10"), (0.0, "2025-03-11", "2025-03-11")]
    assert edge["spells"] == [("2025-03-05", "2025-03-11")] and edge["weight"] == 2.0
    assert back.edges["GBR", "USA"]["spells"] == [("2025-03-11", "2025-03-11")]
    assert back.nodes["UKR"]["label"] == "Ukraine" and back.nodes["UKR"]["iso3"] == "UKR"
    assert isinstance(back.nodes["UKR"]["pagerank"], float) and isinstance(back.nodes["UKR"]["community"], int)
    doc = etree.fromstring(data)
    graph_el = doc.find(f"{GEXF}graph")
    assert (graph_el.get("mode"), graph_el.get("timeformat"), graph_el.get("start"), graph_el.get("end")) == \
        ("dynamic", "date", "2025-03-05", "2025-03-11")
    for node in doc.iter(f"{GEXF}node"):
        colour = node.find(f"{GEXF}color")
        assert all(0 <= int(colour.get(c)) <= 255 for c in "rgb")
        assert float(node.find(f"{GEXF}size").get("value")) >= 10.0


def test_gexf_of_the_entity_network_reads_back(handmade):
    g = project_entity_network(handmade)
    back = nx.read_gexf(io.BytesIO(export_network(g, "gexf")), version="1.3")
    assert back.number_of_nodes() == g.number_of_nodes() and back.number_of_edges() == g.number_of_edges()


# -- JSON, CSV ----------------------------------------------------------------
def test_json_formats(handmade):
    link = json.loads(export(handmade, "json"))
    back = nx.node_link_graph(link, edges="edges")
    assert set(back.edges) == set(project_country_network(handmade).edges)
    cy = json.loads(export(handmade, "cytoscape"))
    assert {n["data"]["id"] for n in cy["elements"]["nodes"]} == {"USA", "UKR", "GBR", "ISR"}
    assert all({"id", "source", "target"} <= set(e["data"]) for e in cy["elements"]["edges"])
    sigma = json.loads(export(handmade, "sigma"))
    assert sigma["options"]["type"] == "directed"
    node = sigma["nodes"][0]["attributes"]
    assert {"x", "y", "size", "color", "label"} <= set(node) and node["color"].startswith("#")
    assert len({e["key"] for e in sigma["edges"]}) == len(sigma["edges"])


def test_csv_nodes_and_edges_use_gephi_headers(handmade):
    nodes = list(csv.DictReader(io.StringIO(export(handmade, "csv-nodes").decode())))
    edges = list(csv.DictReader(io.StringIO(export(handmade, "csv-edges").decode())))
    assert {r["Id"] for r in nodes} == {"USA", "UKR", "GBR", "ISR"}
    assert {"Label", "pagerank", "community"} <= set(nodes[0])
    usa_ukr = next(r for r in edges if (r["Source"], r["Target"]) == ("USA", "UKR"))
    assert (usa_ukr["Type"], usa_ukr["Weight"], usa_ukr["latest_status"]) == ("Directed", "2.0", "resumes")


def test_export_options_slice_the_network(handmade):
    back = nx.read_graphml(io.BytesIO(export(handmade, "graphml", as_of=date(2025, 3, 6))))
    assert back.edges["USA", "UKR"]["latest_status"] == "suspends"
    assert not back.has_edge("GBR", "USA")


# -- RDF ----------------------------------------------------------------------
@pytest.mark.parametrize("fmt, ox_format", [("turtle", "TURTLE"), ("trig", "TRIG"), ("nquads", "N_QUADS"),
                                            ("jsonld", "JSON_LD")])
def test_rdf_dumps_parse_back(handmade, fmt, ox_format):
    import pyoxigraph as ox

    article = handmade.article_graphs()[0]
    one = list(ox.parse(export(handmade, fmt, article=article), format=getattr(ox.RdfFormat, ox_format)))
    whole = list(ox.parse(export(handmade, fmt), format=getattr(ox.RdfFormat, ox_format)))
    assert 0 < len(one) < len(whole)
    if fmt != "turtle":
        assert {q.graph_name.value for q in one} == {article}
        names = {q.graph_name.value for q in whole}
        assert set(handmade.article_graphs()) <= names
        assert not any(n.endswith("/graph/meta") for n in names)


def test_rdf_dump_of_an_article_by_id_and_unknown_article(handmade):
    article = handmade.article_graphs()[0]
    assert export(handmade, "nquads", article=article.rsplit("/", 1)[1]) == export(handmade, "nquads", article=article)
    with pytest.raises(NotFoundError, match="no article"):
        export(handmade, "turtle", article="0000000000000000")


def test_formats_are_a_table_and_unknown_ones_name_the_choices(handmade):
    assert set(EXPORTERS) == set(NETWORK_EXPORTERS) | set(RDF_EXPORTERS)
    with pytest.raises(QueryError, match="choose one of: .*gexf.*graphml"):
        export(handmade, "gml")
    with pytest.raises(QueryError, match="RDF dump"):
        export_network(nx.DiGraph(), "turtle")
    with pytest.raises(QueryError, match="choose one of: country, entities"):
        export(handmade, "graphml", network="people")
