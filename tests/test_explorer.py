"""The web explorer, end to end: headless Chromium (Debian's) drives the page against a real server.

The server holds seeds/ and has an API key configured, over a store of its
own (the ingest test writes to it). The tests skip, saying why, where no
Chromium is installed (``apt-get install chromium``) or Playwright for
Python is missing; ``.ci/run`` installs Chromium, so they run in CI.
The 1280x800 screenshot they take is ``docs/explorer.png`` in the README.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import httpx
import pytest

from support import ROOT, SEEDS, LiveServer

CHROMIUM = os.environ.get("INTELGRAPH_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    pytest.skip(f"no Chromium at {CHROMIUM}: install Debian's chromium (apt-get install chromium) "
                "or set INTELGRAPH_CHROMIUM to run the browser tests", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed "
                               "(pip install -e '.[dev]')")
expect = sync_api.expect

SCREENSHOT = ROOT / "docs" / "explorer.png"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage"]
WIDE, NARROW = {"width": 1280, "height": 800}, {"width": 390, "height": 844}
SEED_HEADLINE = "Cautious of Trump's Russian pivot"
PASTED = """Norway suspends intelligence sharing with Denmark
publisher: Explorer test desk
published: 2025-04-02

OSLO - Norway suspended intelligence sharing with Denmark on 2 April, officials said.
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A real uvicorn server over its own store with seeds/ ingested and one API key."""
    from api.app import create_app
    from api.settings import Settings
    from graph import open_store
    from graph.keys import KeyRing
    from graph.pipeline import ingest_paths

    where = tmp_path_factory.mktemp("explorer")
    keys = KeyRing(where / "keys.json")
    key = keys.add("explorer-test")
    db = open_store(f"oxigraph:{where / 'store'}")
    assert not ingest_paths(db, [SEEDS]).failed
    settings = Settings(store_url=db.url, keys_file=str(keys.path))
    with LiveServer(create_app(settings, store=db)) as live:
        live.key = key
        yield live
    db.close()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


class Page:
    """A page on the explorer that records console errors and uncaught exceptions."""

    def __init__(self, browser, url: str, viewport: dict) -> None:
        self.context = browser.new_context(viewport=viewport)
        self.page = self.context.new_page()
        self.page.set_default_timeout(10_000)
        self.problems: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.problems.append(f"console: {m.text}"))
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.url = url

    def open(self, fragment: str = "") -> "sync_api.Page":
        self.page.goto(self.url + "/" + fragment)
        expect(self.page.locator("body")).to_have_attribute("data-ready", "true")
        return self.page

    def assert_clean(self) -> None:
        assert self.problems == [], self.problems


@pytest.fixture
def explorer(browser, server):
    opened = Page(browser, server.url, WIDE)
    yield opened
    opened.context.close()


def click_edge(page, source: str, target: str) -> None:
    """Click the middle of the drawn edge source -> target, as a person would."""
    point = page.evaluate("""([source, target]) => {
        const path = document.querySelector(`#network .edge[data-source="${source}"][data-target="${target}"] path.hit`);
        const length = path.getTotalLength();
        const mid = path.getPointAtLength(length / 2);
        const m = path.getScreenCTM();
        return {x: m.a * mid.x + m.c * mid.y + m.e, y: m.b * mid.x + m.d * mid.y + m.f};
    }""", [source, target])
    page.mouse.click(point["x"], point["y"])


# ---------------------------------------------------------------------------------------------------------- the page

def test_network_is_drawn_with_direction_and_legend(explorer):
    page = explorer.open()
    edges = page.locator("#network .edge")
    expect(page.locator("#network .node")).to_have_count(8)
    expect(edges).to_have_count(10)
    edge = page.locator('#network .edge[data-source="ISR"][data-target="USA"]')
    assert edge.get_attribute("data-status") == "considers_restricting"
    assert edge.locator("path.line").get_attribute("marker-end") == "url(#arrow-considers_restricting)"
    legend = page.locator("#legend")
    for status in ("shares with", "considers restricting", "restricts", "suspends", "resumes"):
        expect(legend).to_contain_text(status)
    expect(legend).to_contain_text("community")
    # colour by alliance, size by betweenness: the legend follows
    page.select_option("#colour-by", "alliance")
    expect(legend).to_contain_text("smallest alliance")
    expect(legend).to_contain_text("AUKUS")  # the USA and the UK: their smallest alliance
    page.select_option("#size-by", "betweenness")
    expect(legend).to_contain_text("betweenness")
    # zoom changes the transform
    before = page.locator("#network .viewport").get_attribute("transform")
    page.click("#zoom-in")
    assert page.locator("#network .viewport").get_attribute("transform") != before
    explorer.assert_clean()


def test_search_israel_shows_its_relationship_with_sources(explorer):
    page = explorer.open()
    page.fill("#search", "Israel")
    hit = page.locator('#search-results li[data-kind="country"][data-id="ISR"]')
    hit.click()
    details = page.locator("#details")
    expect(details.locator("h2")).to_have_text("Israel")
    group = details.locator('.status-group[data-status="considers_restricting"]')
    expect(group).to_contain_text("considers restricting")
    card = group.locator('.relationship[data-actor="ISR"][data-partner="USA"]')
    expect(card).to_contain_text("United States")
    expect(card.locator(".source .headline")).to_contain_text(SEED_HEADLINE)
    expect(card.locator(".source .byline")).to_contain_text("The Jerusalem Post")
    expect(card.locator(".source .byline")).to_contain_text("2025-03-07")
    expect(card.locator(".evidence")).to_contain_text("considering withholding intelligence from Washington")
    expect(card.locator("mark.cue")).to_have_text("considering withholding")
    expect(details.locator(".statements")).to_be_visible()
    expect(page.locator('#network .node.selected[data-id="ISR"]')).to_be_visible()
    # a code works as well as a name, and an official is found by name
    page.fill("#search", "hughes")
    expect(page.locator('#search-results li[data-kind="official"][data-id="brian-hughes"]')).to_be_visible()
    page.keyboard.press("Enter")
    expect(details.locator("h2")).to_have_text("Brian Hughes")
    expect(details.locator(".statement blockquote", has_text="Five Eyes")).to_be_visible()
    explorer.assert_clean()


def test_clicking_the_usa_ukraine_edge_shows_its_timeline(explorer):
    page = explorer.open()
    click_edge(page, "USA", "UKR")
    timeline = page.locator("#details .timeline")
    expect(timeline).to_be_visible()
    expect(page.locator("#details h2")).to_have_text("United States and Ukraine")
    points = timeline.locator("a.point")
    expect(points.first).to_be_visible()
    statuses = [points.nth(i).get_attribute("data-status") for i in range(points.count())]
    assert statuses[0] == "suspends" and "resumes" in statuses
    assert all(re.fullmatch(r"#article/[0-9a-f]{16}", points.nth(i).get_attribute("href"))
               for i in range(points.count()))
    expect(page.locator("#details")).to_contain_text("resumes")
    expect(page.locator('#network .edge.selected[data-source="USA"][data-target="UKR"]')).to_be_visible()
    # each point leads to its article
    timeline.locator('a.point[data-status="resumes"]').click()
    expect(page.locator("#details .article-headline")).to_contain_text("Washington restores intelligence flow")
    explorer.assert_clean()


def test_date_slider_redraws_the_network_as_it_stood(explorer):
    page = explorer.open()
    slider = page.locator("#as-of")
    first = page.locator("#as-of-min").inner_text()
    assert first == "2025-03-05"
    slider.fill("1")  # 2025-03-06: only the suspension had been reported
    expect(page.locator("#as-of-label")).to_have_text("2025-03-06")
    expect(page.locator("#network .edge")).to_have_count(1)
    assert page.locator("#network .edge").get_attribute("data-status") == "suspends"
    slider.fill("6")  # 2025-03-11: resumed
    expect(page.locator('#network .edge[data-source="USA"][data-target="UKR"]')).to_have_attribute(
        "data-status", "resumes")
    page.click("#reset-filters")
    expect(page.locator("#network .edge")).to_have_count(10)
    explorer.assert_clean()


def test_status_confidence_and_alliance_filters(explorer):
    page = explorer.open()
    page.locator('#status-filters input[value="shares_with"]').uncheck()
    expect(page.locator('#network .edge[data-status="shares_with"]')).to_have_count(0)
    expect(page.locator('#network .edge[data-status="considers_restricting"]')).to_have_count(2)
    page.locator('#status-filters input[value="shares_with"]').check()
    page.select_option("#alliance-filter", "five-eyes")
    edges = page.locator("#network .edge")
    expect(edges).not_to_have_count(10)
    for i in range(edges.count()):
        ends = {edges.nth(i).get_attribute("data-source"), edges.nth(i).get_attribute("data-target")}
        assert ends & {"USA", "GBR", "CAN", "AUS", "NZL"}
    page.select_option("#alliance-filter", "")
    page.locator("#min-confidence").fill("0.8")
    expect(page.locator("#min-confidence-label")).to_have_text("0.80")
    expect(page.locator('#network .edge[data-source="GBR"]')).to_have_count(0)  # the UK's claim is 0.65
    explorer.assert_clean()


def test_centrality_ranking_table(explorer):
    page = explorer.open()
    page.click("#tab-ranking")
    rows = page.locator("#rank-table tbody tr")
    expect(rows.first).to_have_attribute("data-country", "USA")
    page.select_option("#rank-metric", "out_degree")
    expect(page.locator("#rank-table thead")).to_contain_text("out degree")
    expect(rows.first).to_have_attribute("data-country", "NLD")
    rows.first.click()
    expect(page.locator("#details h2")).to_have_text("Netherlands")
    explorer.assert_clean()


def test_sparql_console_runs_an_example_and_offers_downloads(explorer, server):
    page = explorer.open()
    page.click("#tab-sparql")
    page.select_option("#sparql-example", "01-considering-restricting")
    expect(page.locator("#sparql-query")).to_have_value(re.compile("ConsidersRestricting"))
    page.click("#sparql-run")
    table = page.locator("#sparql-table")
    expect(table.locator("thead")).to_contain_text("?actor")
    row = table.locator("tbody tr").first  # ordered by actor
    expect(row.locator("td").first).to_have_text("Israel")
    expect(row).to_contain_text("United States")
    expect(row).to_contain_text(SEED_HEADLINE)
    expect(page.locator("#sparql-status")).to_contain_text("2 rows")
    for fmt, marker in (("graphml", "<graphml"), ("gexf", "<gexf"), ("turtle", "@prefix")):
        href = page.locator(f'#downloads a[data-format="{fmt}"]').get_attribute("href")
        assert marker in httpx.get(server.url + href).text, fmt
    # a syntax error is shown, not thrown
    page.fill("#sparql-query", "SELECT ?x WHERE {")
    with page.expect_response(lambda r: r.url.endswith("/sparql")):
        page.click("#sparql-run")
    expect(page.locator("#sparql-results .error")).to_be_visible()
    explorer.problems = [p for p in explorer.problems if "400 (Bad Request)" not in p]
    explorer.assert_clean()


@pytest.mark.parametrize("viewport", [WIDE, NARROW], ids=["1280x800", "390x844"])
def test_layout_fits_without_horizontal_overflow(browser, server, viewport):
    opened = Page(browser, server.url, viewport)
    try:
        page = opened.open("#country/USA")
        expect(page.locator("#details h2")).to_have_text("United States")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"], f"the page is {width}px wide in a {viewport['width']}px viewport"
        for selector in ("#search", "#canvas", "#details", ".filters", ".tabs"):
            box = page.locator(selector).bounding_box()
            assert box and box["width"] > 0 and box["height"] > 0, selector
            assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"] + 0.5, (selector, box)
        canvas = page.locator("#canvas").bounding_box()
        assert canvas["height"] >= 300
        if viewport is WIDE:  # network and details side by side, all on one screen
            details = page.locator("#details").bounding_box()
            assert details["x"] >= canvas["x"] + canvas["width"] - 1
            assert canvas["y"] + canvas["height"] <= viewport["height"] + 1
        for view in ("ranking", "sparql", "ingest"):
            page.click(f"#tab-{view}")
            expect(page.locator(f"#view-{view}")).to_be_visible()
            assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], view
        opened.assert_clean()
    finally:
        opened.context.close()


def test_screenshot_for_the_readme(explorer):
    page = explorer.open("#country/USA")
    expect(page.locator('#details .status-group[data-status="considers_restricting"]')).to_be_visible()
    expect(page.locator("#details mark.cue").first).to_be_visible()
    page.wait_for_timeout(200)
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))
    assert SCREENSHOT.stat().st_size > 20_000
    explorer.assert_clean()


# ---------------------------------------------------------------------------------------------------------- writes last
def test_ingest_a_pasted_article_shows_facts_before_and_after(explorer, server):
    page = explorer.open()
    page.click("#tab-ingest")
    page.fill("#ingest-text", PASTED)
    page.click("#ingest-preview")
    before = page.locator("#facts-before")
    expect(before.locator('li[data-status="suspends"]')).to_contain_text("Norway")
    expect(before.locator('li[data-status="suspends"]')).to_contain_text("Denmark")
    expect(before).to_contain_text("not stored")
    assert httpx.get(server.url + "/countries/NOR/relationships").json()["total"] == 0  # a preview writes nothing
    page.fill("#ingest-key", server.key)
    page.click("#ingest-submit")
    after = page.locator("#facts-after")
    expect(after).to_contain_text("stored now")
    expect(after.locator('li[data-status="suspends"]')).to_contain_text("Denmark")
    expect(page.locator("#ingest-status")).to_contain_text("Stored")
    rels = httpx.get(server.url + "/countries/NOR/relationships").json()["relationships"]
    assert [(r["partner"], r["status"]) for r in rels] == [("DNK", "suspends")]
    page.click("#tab-network")
    expect(page.locator('#network .edge[data-source="NOR"][data-target="DNK"]')).to_have_count(1)
    explorer.assert_clean()


def test_ingest_without_a_valid_key_says_so(explorer):
    page = explorer.open()
    page.click("#tab-ingest")
    page.fill("#ingest-text", PASTED.replace("Denmark", "Sweden"))
    page.fill("#ingest-key", "igk_not-a-key")
    with page.expect_response(lambda r: r.url.endswith("/articles") and r.status == 401):
        page.click("#ingest-submit")
    expect(page.locator("#facts-after .error")).to_contain_text("not valid")
    explorer.problems = [p for p in explorer.problems if "401 (Unauthorized)" not in p]
    explorer.assert_clean()
