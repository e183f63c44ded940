"""Projection to networkx: edge aggregation and time slicing."""

from __future__ import annotations

from datetime import date

import pytest

from graph.project import country_network, filter_claims, project_country_network


def row(actor, partner, status, day, article="a1", publisher="P", confidence=0.9):
    return {"actor": actor, "partner": partner, "status": status, "date": day, "article": article,
            "publisher": publisher, "confidence": confidence, "published": day, "start": 0}


ROWS = [
    row("USA", "UKR", "shares_with", date(2025, 1, 10), "a0"),
    row("USA", "UKR", "suspends", date(2025, 3, 5), "a1"),
    row("USA", "UKR", "resumes", date(2025, 3, 11), "a2", publisher="Q"),
    row("ISR", "USA", "considers_restricting", date(2025, 3, 7), "a3", confidence=0.5),
]


def test_edge_aggregates_its_claims():
    g = country_network(ROWS, {"USA": "United States"})
    e = g.edges["USA", "UKR"]
    assert (e["claims"], e["n_suspends"], e["n_resumes"], e["n_shares_with"]) == (3, 1, 1, 1)
    assert e["latest_status"] == "resumes" and e["latest_date"] == date(2025, 3, 11)
    assert (e["first_seen"], e["last_seen"]) == (date(2025, 1, 10), date(2025, 3, 11))
    assert (e["sources"], e["publishers"]) == (3, 2)
    assert e["weight"] == pytest.approx(1.0)  # +1 share -1 suspend +1 resume
    assert e["distance"] == pytest.approx(1 / e["strength"])
    assert g.nodes["USA"]["label"] == "United States" and g.nodes["UKR"]["label"] == "UKR"


@pytest.mark.parametrize("as_of, latest", [
    (date(2025, 3, 6), "suspends"),
    (date(2025, 3, 12), "resumes"),
    (date(2025, 2, 1), "shares_with"),
])
def test_as_of_sees_the_network_as_it_stood(as_of, latest):
    g = country_network(filter_claims(ROWS, as_of=as_of))
    assert g.edges["USA", "UKR"]["latest_status"] == latest


def test_filters_by_status_confidence_and_window():
    assert not country_network(filter_claims(ROWS, min_confidence=0.6)).has_edge("ISR", "USA")
    g = country_network(filter_claims(ROWS, statuses=["considers_restricting"]))
    assert list(g.edges) == [("ISR", "USA")]
    g = country_network(filter_claims(ROWS, since=date(2025, 3, 6), until=date(2025, 3, 31)))
    assert g.edges["USA", "UKR"]["claims"] == 1  # only the resumption of 11 March is in the window
    g = country_network(filter_claims(ROWS, since=date(2025, 3, 5), until=date(2025, 3, 31)))
    assert g.edges["USA", "UKR"]["claims"] == 2  # both bounds are inclusive


def test_seed_network_has_israel_towards_usa(seed_store):
    g = project_country_network(seed_store)
    assert g.edges["ISR", "USA"]["latest_status"] == "considers_restricting"
    assert g.nodes["ISR"]["label"] == "Israel"


def test_seed_network_time_slices_usa_ukraine(seed_store):
    assert project_country_network(seed_store, as_of=date(2025, 3, 6)).edges["USA", "UKR"]["latest_status"] == "suspends"
    assert project_country_network(seed_store, as_of=date(2025, 3, 12)).edges["USA", "UKR"]["latest_status"] == "resumes"


# -- on a store of hand-made facts (no extractor involved) --------------------
from graph.errors import QueryError  # noqa: E402
from graph.project import Projection, project_entity_network  # noqa: E402

from handmade import suspension_store  # noqa: E402


@pytest.fixture(scope="module")
def handmade():
    return suspension_store()


@pytest.mark.parametrize("as_of, status", [(date(2025, 3, 6), "suspends"), (date(2025, 3, 12), "resumes")])
def test_two_short_articles_time_slice_usa_ukraine(handmade, as_of, status):
    edge = project_country_network(handmade, as_of=as_of).edges["USA", "UKR"]
    assert edge["latest_status"] == status
    assert edge["claims"] == (1 if status == "suspends" else 2)


def test_store_projection_carries_labels_weights_and_sources(handmade):
    g = project_country_network(handmade)
    e = g.edges["USA", "UKR"]
    assert (e["n_suspends"], e["n_resumes"], e["sources"], e["publishers"]) == (1, 1, 2, 2)
    assert e["weight"] == 0.0 and e["strength"] == 2.0 and e["distance"] == 0.5
    assert e["history"] == ((date(2025, 3, 5), "suspends"), (date(2025, 3, 11), "resumes"))
    assert g.nodes["UKR"] == {"label": "Ukraine", "iso3": "UKR", "type": "country", "first_seen": date(2025, 3, 5)}
    assert not project_country_network(handmade, min_confidence=0.6).has_node("ISR")
    assert list(project_country_network(handmade, statuses=["resumes"]).edges) == [("USA", "UKR")]


def test_projection_is_a_copy_callers_may_change(handmade):
    g = project_country_network(handmade)
    g.remove_node("USA")
    assert project_country_network(handmade).has_node("USA")


def test_projection_options_are_checked():
    with pytest.raises(QueryError, match="unknown status 'pauses'"):
        Projection.of(statuses=["pauses"])
    with pytest.raises(QueryError, match="after until"):
        Projection.of(since=date(2025, 3, 12), until=date(2025, 3, 1))


def test_entity_network_types_and_edges(handmade):
    g = project_entity_network(handmade)
    kinds = {d["type"] for _, d in g.nodes(data=True)}
    assert kinds == {"country", "agency", "alliance", "official", "article"}
    assert all(d.get("label") for _, d in g.nodes(data=True))
    claims = [(u, v, d["status"]) for u, v, d in g.edges(data=True) if d["type"] == "claim"]
    assert ("country:USA", "country:UKR", "suspends") in claims and ("country:USA", "country:UKR", "resumes") in claims
    typed = {(u, v, d["type"]) for u, v, d in g.edges(data=True)}
    assert ("person:john-ratcliffe", "country:USA", "official_of") in typed
    assert ("person:john-ratcliffe", "country:UKR", "statement") in typed
    assert ("agency:cia", "country:USA", "agency_of") in typed
    assert ("country:GBR", "alliance:five-eyes", "member_of") in typed
    assert {d["type"] for _, _, d in g.edges(data=True)} == {
        "claim", "member_of", "agency_of", "official_of", "statement", "mentions"}
    assert not any(k.startswith("agency:") and g.nodes[k]["type"] != "agency" for k in g)
    assert "agency:bnd" not in g  # reference data only for the countries present


def test_entity_network_time_slice_drops_later_articles(handmade):
    g = project_entity_network(handmade, as_of=date(2025, 3, 6))
    articles = [k for k, d in g.nodes(data=True) if d["type"] == "article"]
    assert len(articles) == 1
    statuses = {d["status"] for _, _, d in g.edges(data=True) if d["type"] == "claim"}
    assert statuses == {"suspends", "shares_with", "considers_restricting"}
    bare = project_entity_network(handmade, reference=False)
    assert not any(d["type"] == "agency" for _, d in bare.nodes(data=True))
