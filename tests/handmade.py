"""Hand-made stores for the projection, analytics and export tests: facts written with
graph.triples.article_quads into a memory store, so no test depends on the extractor."""

from __future__ import annotations

from datetime import date

from graph.articles import article_from_text
from graph.model import Claim, Facts, Membership, Official, Provenance, Statement
from graph.store import open_store
from graph.triples import article_quads


def prov(start: int = 0, confidence: float = 0.9) -> Provenance:
    return Provenance(start, start + 10, "test", confidence)


def claim(actor: str, status: str, partner: str, day: date | None, start: int = 0, confidence: float = 0.9) -> Claim:
    return Claim(actor, status, partner, f"{actor} {status} {partner}", prov(start, confidence), day)


def add_article(store, text: str, published: str, facts: Facts, publisher: str = "Test desk") -> str:
    article = article_from_text(text, title=text[:40], publisher=publisher, published=published)
    store.add_graph(article.iri, article_quads(article, facts))
    return article.iri


def suspension_store(url: str = "memory:"):
    """The two short test articles: the US suspends sharing with Ukraine on 5 March 2025 and
    resumes it on 11 March 2025, plus a few other ties so that measures have something to rank."""
    store = open_store(url)
    add_article(store, "The United States suspended intelligence sharing with Ukraine on 5 March.",
                "2025-03-05", Facts(
                    claims=[claim("USA", "suspends", "UKR", date(2025, 3, 5)),
                            claim("GBR", "shares_with", "UKR", date(2025, 3, 5), start=20),
                            claim("ISR", "considers_restricting", "USA", date(2025, 3, 5), start=40,
                                  confidence=0.5)],
                    officials=[Official("John Ratcliffe", "Director", "CIA", "USA", prov(50))],
                    statements=[Statement("John Ratcliffe", "USA", "We are taking a step back", prov(60),
                                          about=("UKR",), stance="signals_restriction")],
                    memberships=[Membership("GBR", "five-eyes", "Five Eyes", "GBR in Five Eyes", prov(70))],
                ))
    add_article(store, "The United States resumed intelligence sharing with Ukraine on 11 March.",
                "2025-03-11", Facts(
                    claims=[claim("USA", "resumes", "UKR", date(2025, 3, 11)),
                            claim("GBR", "shares_with", "USA", date(2025, 3, 11), start=20)],
                ), publisher="Other desk")
    return store
