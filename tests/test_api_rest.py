"""The REST lookups over the seed store, through a real uvicorn server and httpx."""

from __future__ import annotations

import io
import json

import httpx
import networkx as nx
import pytest
from rdflib import Dataset, Graph


def get(server, path, **params):
    return httpx.get(server.url + path, params=params, timeout=30)


def test_countries_list_has_claim_counts_and_pages(live_server):
    body = get(live_server, "/countries", limit=5).json()
    assert body["total"] == 249 and body["limit"] == 5 and len(body["items"]) == 5
    top = body["items"][0]
    assert top["claims"] == top["as_actor"] + top["as_partner"] > 0
    claims = [c["claims"] for c in body["items"]]
    assert claims == sorted(claims, reverse=True)
    second = get(live_server, "/countries", limit=5, offset=5).json()["items"]
    assert not {c["iso3"] for c in second} & {c["iso3"] for c in body["items"]}
    only = get(live_server, "/countries", with_claims=True, sort="code").json()
    assert 0 < only["total"] < 249 and all(c["claims"] for c in only["items"])
    assert [c["iso3"] for c in get(live_server, "/countries", q="israel").json()["items"]] == ["ISR"]


@pytest.mark.parametrize("code", ["GBR", "GB", "gb", "United Kingdom"])
def test_one_country(live_server, code):
    body = get(live_server, f"/countries/{code}").json()
    assert body["iso3"] == "GBR" and body["iso2"] == "GB"
    assert {"five-eyes"} <= {a["id"] for a in body["alliances"]}
    assert body["agencies"]


def test_unknown_country_404_suggests(live_server):
    r = get(live_server, "/countries/Untied Kingdom")
    assert r.status_code == 404 and any("GBR" in s for s in r.json()["error"]["suggestions"])


def test_relationship_filters(live_server):
    url = "/countries/USA/relationships"
    everything = get(live_server, url).json()
    assert everything["total"] == len(everything["relationships"]) > 1
    outgoing = get(live_server, url, direction="outgoing").json()["relationships"]
    assert outgoing and all(r["direction"] == "outgoing" and r["actor"] == "USA" for r in outgoing)
    ukr = get(live_server, url, partner="Ukraine").json()["relationships"]
    assert ukr and all("UKR" in (r["actor"], r["partner"]) for r in ukr)
    statuses = get(live_server, url, status=["suspends"]).json()["relationships"]
    assert statuses and all(r["status"] == "suspends" for r in statuses)
    # as the network stood before the resumption was reported: the US had suspended
    before = get(live_server, url, partner="UKR", direction="outgoing", as_of="2025-03-06").json()["relationships"]
    assert [r["status"] for r in before] == ["suspends"]
    after = get(live_server, url, partner="UKR", direction="outgoing").json()["relationships"][0]
    assert after["status"] == "resumes" and [h["status"] for h in after["history"]][-1] == "resumes"
    assert len(after["history"]) >= 2
    for source in after["sources"]:
        assert {"headline", "publisher", "date", "evidence", "confidence"} <= set(source)
    assert get(live_server, url, since="2030-01-01").json()["relationships"] == []
    page = get(live_server, url, limit=1, offset=1).json()
    assert page["total"] == everything["total"] and page["relationships"] == everything["relationships"][1:2]


def test_pair_timeline(live_server):
    body = get(live_server, "/countries/US/relationships/UA").json()
    assert (body["country"], body["other"]) == ("USA", "UKR")
    dates = [e["date"] for e in body["events"]]
    assert dates == sorted(dates)
    assert {e["status"] for e in body["events"] if e["actor"] == "USA"} >= {"suspends", "resumes"}
    assert body["latest"]["USA->UKR"]["status"] == "resumes"
    assert all(e["headline"] and e["evidence"] for e in body["events"])


def test_statements(live_server):
    body = get(live_server, "/countries/GBR/statements").json()
    assert body["country"] == "GBR" and body["total"] >= 1
    quote = body["items"][0]
    assert quote["quote"] and quote["source"]["headline"]
    stance = quote["stance"]
    assert all(s["stance"] == stance for s in get(live_server, "/countries/GBR/statements",
                                                  stance=[stance]).json()["items"])


def test_officials(live_server):
    body = get(live_server, "/officials").json()
    assert body["total"] >= 1
    names = {o["id"]: o for o in body["items"]}
    assert "brian-hughes" in names and "USA" in names["brian-hughes"]["countries"]
    one = get(live_server, "/officials/brian-hughes").json()
    assert one["name"] == "Brian Hughes" and one["articles"][0]["headline"]
    assert one["statements"] and all(s["official"] == "brian-hughes" for s in one["statements"])
    assert get(live_server, "/officials", country="USA").json()["total"] >= 1
    missing = get(live_server, "/officials/brian-hughs")
    assert missing.status_code == 404 and "brian-hughes" in " ".join(missing.json()["error"]["suggestions"])


def test_alliances(live_server):
    body = get(live_server, "/alliances").json()
    assert body["total"] >= 3
    fvey = get(live_server, "/alliances/five-eyes").json()
    assert set(fvey["members"]) == {"USA", "GBR", "CAN", "AUS", "NZL"}
    assert get(live_server, "/alliances/Five Eyes").json()["id"] == "five-eyes"
    assert get(live_server, "/alliances/six-eyes").status_code == 404


def test_articles_and_their_facts(live_server):
    body = get(live_server, "/articles").json()
    assert body["total"] >= 4
    seed = [a for a in body["items"] if a["headline"].startswith("Cautious of Trump's Russian pivot")][0]
    assert seed["publisher"] == "The Jerusalem Post" and seed["claims"] >= 1
    facts = get(live_server, f"/articles/{seed['id']}").json()
    relation = [r for r in facts["facts"]["relations"] if r["subject"] == "ISR"][0]
    assert relation["predicate"] == "considers_restricting" and relation["object"] == "USA"
    assert relation["evidence"] and relation["start"] < relation["end"]
    assert get(live_server, "/articles", publisher="The Jerusalem Post").json()["total"] >= 1
    assert get(live_server, "/articles/0000000000000000").status_code == 404
    assert get(live_server, "/articles/not-an-id").status_code == 422


def test_centrality(live_server):
    body = get(live_server, "/analytics/centrality", metric="pagerank", top=3).json()
    assert body["metric"] == "pagerank" and len(body["ranking"]) <= 3
    scores = [r["score"] for r in body["ranking"]]
    assert scores == sorted(scores, reverse=True)
    assert get(live_server, "/analytics/centrality", metric="pagrank").status_code == 422


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json", "turtle", "nquads"])
def test_exports_parse(live_server, fmt):
    r = get(live_server, f"/export/{fmt}")
    assert r.status_code == 200, r.text
    if fmt == "graphml":
        assert nx.read_graphml(io.BytesIO(r.content)).has_edge("ISR", "USA")
    elif fmt == "gexf":
        assert nx.read_gexf(io.BytesIO(r.content)).number_of_edges() > 0
    elif fmt == "json":
        assert json.loads(r.content)
    elif fmt == "turtle":
        assert len(Graph().parse(data=r.content, format="turtle")) > 100
    else:
        ds = Dataset()
        ds.parse(data=r.content, format="nquads")
        assert any("/id/article/" in str(g.identifier) for g in ds.graphs())


def test_stats_and_health(live_server):
    stats = get(live_server, "/stats").json()
    assert stats["articles"] >= 4 and stats["claims"] >= 1 and stats["triples"] > 1000
    assert get(live_server, "/health").json()["status"] == "ok"


@pytest.mark.parametrize("path", ["/countries?limit=0", "/countries?limit=5000", "/countries?offset=-1",
                                  "/countries/ISR/relationships?direction=sideways",
                                  "/countries/ISR/relationships?since=yesterday",
                                  "/countries/ISR/relationships?status=pondering"])
def test_invalid_parameters_are_422_in_the_error_shape(live_server, path):
    r = httpx.get(live_server.url + path)
    assert r.status_code == 422 and r.json()["error"]["message"]


def test_openapi_has_examples(live_server):
    spec = get(live_server, "/openapi.json").json()
    assert {"/countries", "/countries/{code}", "/countries/{code}/relationships",
            "/countries/{code}/relationships/{other}", "/countries/{code}/statements", "/officials",
            "/officials/{official_id}", "/alliances", "/alliances/{alliance_id}", "/articles",
            "/articles/{article_id}", "/analytics/centrality", "/export/{fmt}", "/stats", "/health",
            "/sparql", "/sparql/update"} <= set(spec["paths"])
    text = json.dumps(spec)
    assert text.count('"examples"') + text.count('"example"') >= 10
