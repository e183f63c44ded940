"""Facts -> quads: reified claims with provenance plus the direct triple, all in the article graph."""

from __future__ import annotations

from datetime import date

from graph.articles import article_from_text
from graph.model import Claim, Facts, Membership, Official, Provenance, Statement
from graph.triples import Lit, article_quads
from graph.vocab import IG, PROV, SCHEMA, country_iri, person_iri

ART = article_from_text("Israel is considering withholding intelligence from Washington.",
                        title="Allies weigh limits", publisher="Wire", published="2025-03-07")
P = Provenance(0, 62, "test.rule", 0.8)


def facts() -> Facts:
    return Facts(
        claims=[Claim("ISR", "considers_restricting", "USA", ART.text, P)],
        memberships=[Membership("GBR", "five-eyes", "Five Eyes", "the Five Eyes (UK)", P)],
        officials=[Official("Brian Hughes", "spokesman", "National Security Council", "USA", P)],
        statements=[Statement("Brian Hughes", "USA", "The US has unrivaled capabilities.", P,
                              about=("USA",), stance="affirms_sharing")],
    )


def test_every_quad_is_in_the_article_graph():
    quads = article_quads(ART, facts())
    assert {q.graph for q in quads} == {ART.iri}


def test_claim_is_reified_with_provenance_and_direct_triple():
    quads = article_quads(ART, facts())
    by_pred = {}
    for q in quads:
        by_pred.setdefault(q.predicate, []).append(q)
    claim = by_pred[IG + "actor"][0].subject
    props = {q.predicate: q.object for q in quads if q.subject == claim}
    assert props[IG + "actor"] == country_iri("ISR") and props[IG + "partner"] == country_iri("USA")
    assert props[IG + "status"] == IG + "ConsidersRestricting"
    assert props[PROV + "wasDerivedFrom"] == ART.iri
    assert props[IG + "rule"] == Lit("test.rule")
    assert props[IG + "date"].value == "2025-03-07"  # the article date when the sentence has none
    assert (country_iri("ISR"), IG + "considersRestrictingIntelligenceTo", country_iri("USA")) in {
        (q.subject, q.predicate, q.object) for q in quads}


def test_event_date_overrides_article_date():
    dated = Facts(claims=[Claim("USA", "suspends", "UKR", "x", P, date=date(2025, 3, 5))])
    quads = article_quads(ART, dated)
    assert [q.object.value for q in quads if q.predicate == IG + "date"] == ["2025-03-05"]


def test_article_metadata_and_officials():
    quads = {(q.subject, q.predicate, q.object) for q in article_quads(ART, facts())}
    assert (ART.iri, SCHEMA + "headline", Lit("Allies weigh limits")) in quads
    assert (ART.iri, IG + "contentHash", Lit(ART.content_hash)) in quads
    assert (person_iri("Brian Hughes"), SCHEMA + "name", Lit("Brian Hughes")) in quads


def test_quads_are_deterministic():
    assert article_quads(ART, facts()) == article_quads(ART, facts())
