"""The explorer's server side: the page and its files, and the /explorer endpoints (no browser needed)."""

from __future__ import annotations

import re

import httpx
import pytest

from support import ROOT

PASTED = ("Norway suspends intelligence sharing with Denmark\npublished: 2025-04-02\n\n"
          "OSLO - Norway suspended intelligence sharing with Denmark on 2 April, officials said.\n")


def test_the_page_and_only_its_own_files(live_server):
    page = httpx.get(live_server.url + "/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assets = re.findall(r'(?:src|href)="([^"#]+)"', page.text)
    assert assets and all(a == "/" or a.startswith("/static/") for a in assets), assets  # no CDN
    for asset in set(assets):
        assert httpx.get(live_server.url + asset).status_code == 200, asset
    paths = httpx.get(live_server.url + "/openapi.json").json()["paths"]
    assert "/" not in paths and not any(p.startswith("/static") for p in paths)


@pytest.mark.parametrize("path", ["/static/../routes/explorer.py", "/static/%2e%2e/settings.py", "/static/nope.js"])
def test_static_files_stay_inside_the_static_folder(live_server, path):
    assert httpx.get(live_server.url + path).status_code == 404


def test_every_static_file_is_written_here():
    """No minified third-party code in the repository: every file is small, readable and ours."""
    static = ROOT / "api" / "static"
    for path in static.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            assert max(len(line) for line in text.splitlines() or [""]) < 300, f"{path}: minified?"
            assert "://cdn" not in text and "unpkg.com" not in text and "jsdelivr" not in text, path


def test_config_lists_the_choices_from_the_code(live_server):
    from graph.analytics import MEASURES
    from graph.vocab import STATUSES

    config = httpx.get(live_server.url + "/explorer/config").json()
    assert config["statuses"] == list(STATUSES)
    assert [m["name"] for m in config["measures"]] == list(MEASURES)
    assert {"graphml", "gexf"} <= set(config["network_formats"]) and "turtle" in config["rdf_formats"]
    assert config["writes"] is False  # the seed server has no key
    assert len(config["examples"]) >= 3 and all(e["query"].strip() and e["title"] for e in config["examples"])


def test_every_example_query_runs_and_answers(live_server):
    for example in httpx.get(live_server.url + "/explorer/config").json()["examples"]:
        r = httpx.post(live_server.url + "/sparql", data={"query": example["query"]},
                       headers={"Accept": "application/sparql-results+json"})
        assert r.status_code == 200, (example["name"], r.text)
        assert r.json()["results"]["bindings"], example["name"]


@pytest.mark.parametrize("q, kind, ident", [
    ("Israel", "country", "ISR"),
    ("isr", "country", "ISR"),
    ("IL", "country", "ISR"),
    ("united st", "country", "USA"),
    ("hughes", "official", "brian-hughes"),
    ("five", "alliance", "five-eyes"),
])
def test_search_finds_countries_officials_and_alliances(live_server, q, kind, ident):
    items = httpx.get(live_server.url + "/explorer/search", params={"q": q}).json()["items"]
    assert (items[0]["kind"], items[0]["id"]) == (kind, ident), items[:3]


def test_search_nothing(live_server):
    assert httpx.get(live_server.url + "/explorer/search", params={"q": "zzzz"}).json()["items"] == []
    assert httpx.get(live_server.url + "/explorer/search").status_code == 422


@pytest.mark.parametrize("text, expected", [
    ("Israel is one of several US-allied nations considering withholding intelligence from Washington",
     [("considering withholding", "considers_restricting")]),
    ("WASHINGTON - The United States suspended intelligence sharing with Ukraine",
     [("suspended", "suspends"), ("intelligence sharing", "shares_with")]),
    ("the UK had said that it had no plans to reduce intelligence cooperation with the US",
     [("no plans to reduce", "shares_with"), ("intelligence cooperation", "shares_with")]),
    ("The United States resumed intelligence sharing with Ukraine", [("resumed", "resumes"),
                                                                    ("intelligence sharing", "shares_with")]),
    ("Nothing to see here.", []),
])
def test_highlight_marks_the_extractors_cue_words(live_server, text, expected):
    (spans,) = httpx.post(live_server.url + "/explorer/highlight", json={"texts": [text]}).json()["spans"]
    assert [(text[s["start"]:s["end"]], s["status"]) for s in spans] == expected


def test_preview_extracts_without_storing(live_server):
    before = httpx.get(live_server.url + "/health").json()["revision"]
    r = httpx.post(live_server.url + "/explorer/extract", content=PASTED, headers={"content-type": "text/plain"})
    assert r.status_code == 200, r.text
    body = r.json()
    relations = body["facts"]["facts"]["relations"]
    assert [(x["subject"], x["predicate"], x["object"]) for x in relations] == [("NOR", "suspends", "DNK")]
    assert relations[0]["evidence"] and "rule" in relations[0] and body["held"] is False
    assert httpx.get(live_server.url + "/health").json()["revision"] == before
    assert httpx.get(live_server.url + "/countries/NOR/relationships").json()["total"] == 0


def test_preview_knows_an_article_already_held(live_server):
    seed = (ROOT / "seeds" / "02-us-pauses-intelligence-to-ukraine.txt").read_bytes()
    body = httpx.post(live_server.url + "/explorer/extract", content=seed,
                      headers={"content-type": "text/plain"}).json()
    assert body["held"] is True


@pytest.mark.parametrize("content, media, status", [
    ("", "text/plain", 422),
    ("[1, 2]", "application/json", 422),
    ("{not json", "application/json", 422),
    ("hello", "image/png", 415),
    ('{"title": "T", "text": "Israel is considering withholding intelligence from Washington."}',
     "application/json", 200),
])
def test_preview_inputs(live_server, content, media, status):
    r = httpx.post(live_server.url + "/explorer/extract", content=content, headers={"content-type": media})
    assert r.status_code == status, r.text
    if status != 200:
        assert r.json()["error"]["message"]
