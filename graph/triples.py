"""Facts -> quads in the article's named graph. Pure: no I/O, no store.

Each claim is reified (an ``ig:Claim`` node carrying its evidence, offsets,
rule, confidence, date and ``prov:wasDerivedFrom`` the article) and also
yields the direct triple (``country:ISR ig:considersRestrictingIntelligenceTo
country:USA``) so that simple questions stay simple queries. The article graph
is the unit of provenance, deletion and access control, so everything an
article says goes into the graph named by the article's IRI.

Terms are plain values: an IRI is a ``str``, a literal a :class:`Lit`. The
store converts them; nothing here depends on an RDF library.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import NamedTuple

from .model import Article, Facts, Provenance


def public_source(source: str) -> str:
    r"""An article's source as every reader sees it: a file's name, never the operator's directories.

    >>> public_source("/home/ana/leaks/2025/cable.txt"), public_source("C:\\feeds\\batch.jsonl:12")
    ('cable.txt', 'batch.jsonl:12')
    >>> public_source("POST /articles")
    'POST /articles'
    """
    if source.startswith(("POST ", "PUT ")):
        return source
    return source.replace("\\", "/").rsplit("/", 1)[-1]
from .vocab import (DCT, IG, PROV, RDF, SCHEMA, STANCES, STATUSES, XSD, alliance_iri, claim_iri,
                    country_iri, membership_iri, person_iri, statement_iri)

EXTRACTOR_ID = "rules.v1"


class Lit(NamedTuple):
    """An RDF literal: lexical value, datatype IRI (None for plain strings) and language."""

    value: str
    datatype: str | None = None
    language: str | None = None


Term = str | Lit


class Quad(NamedTuple):
    subject: str
    predicate: str
    object: Term
    graph: str


def lit_date(day: date) -> Lit:
    return Lit(day.isoformat(), XSD + "date")


def lit_int(value: int) -> Lit:
    return Lit(str(int(value)), XSD + "integer")


def lit_decimal(value: float) -> Lit:
    return Lit(f"{max(0.0, min(1.0, float(value))):.3f}", XSD + "decimal")


def _provenance(node: str, prov: Provenance, evidence: str | None, article: Article) -> Iterator[tuple[str, Term]]:
    if evidence is not None:
        yield IG + "evidence", Lit(evidence)
    yield IG + "charStart", lit_int(prov.start)
    yield IG + "charEnd", lit_int(prov.end)
    yield IG + "rule", Lit(prov.rule)
    yield IG + "confidence", lit_decimal(prov.confidence)
    yield PROV + "wasDerivedFrom", article.iri


def article_quads(article: Article, facts: Facts, *, extractor: str = EXTRACTOR_ID) -> list[Quad]:
    """Every quad of one article's named graph.

    >>> from graph.articles import article_from_text
    >>> from graph.model import Claim, Provenance
    >>> art = article_from_text("Israel is weighing limits.", title="T", published="2025-03-07")
    >>> facts = Facts(claims=[Claim("ISR", "considers_restricting", "USA", "weighing limits",
    ...                             Provenance(10, 25, "demo", 0.9))])
    >>> quads = article_quads(art, facts)
    >>> any(q.predicate.endswith("considersRestrictingIntelligenceTo") for q in quads)
    True
    """
    g = article.iri
    out: list[Quad] = []

    def add(s: str, p: str, o: Term) -> None:
        out.append(Quad(s, p, o, g))

    add(g, RDF + "type", IG + "Article")
    add(g, SCHEMA + "headline", Lit(article.title))
    add(g, IG + "contentHash", Lit(article.content_hash))
    add(g, IG + "marking", Lit(article.marking))
    add(g, IG + "extractor", Lit(extractor))
    add(g, SCHEMA + "articleBody", Lit(article.text))
    if article.publisher:
        add(g, SCHEMA + "publisher", Lit(article.publisher))
    if article.published:
        add(g, SCHEMA + "datePublished", lit_date(article.published))
    if article.url:
        add(g, SCHEMA + "url", Lit(article.url, XSD + "anyURI"))
    if article.source:
        add(g, DCT + "source", Lit(public_source(article.source)))

    mentioned: set[str] = set()
    for claim in facts.claims:
        node = claim_iri(article.id, claim.actor, claim.status, claim.partner, str(claim.prov.start))
        actor, partner = country_iri(claim.actor), country_iri(claim.partner)
        concept, direct = STATUSES[claim.status]
        add(node, RDF + "type", IG + "Claim")
        add(node, IG + "actor", actor)
        add(node, IG + "partner", partner)
        add(node, IG + "status", concept)
        when = claim.date or article.published
        if when:
            add(node, IG + "date", lit_date(when))
        for p, o in _provenance(node, claim.prov, claim.evidence, article):
            add(node, p, o)
        add(actor, direct, partner)
        mentioned.update((actor, partner))

    for m in facts.memberships:
        node = membership_iri(article.id, m.member, m.group, str(m.prov.start))
        group, member = alliance_iri(m.group), country_iri(m.member)
        add(node, RDF + "type", IG + "MembershipClaim")
        add(node, IG + "alliance", group)
        add(node, IG + "country", member)
        for p, o in _provenance(node, m.prov, m.evidence, article):
            add(node, p, o)
        add(group, IG + "member", member)
        mentioned.update((group, member))

    for person in facts.officials:
        node = person_iri(person.name)
        add(node, RDF + "type", IG + "Official")
        add(node, SCHEMA + "name", Lit(person.name))
        if person.role:
            add(node, IG + "role", Lit(person.role))
        if person.organization:
            add(node, IG + "organization", Lit(person.organization))
        if person.country:
            add(node, IG + "country", country_iri(person.country))
        mentioned.add(node)

    for st in facts.statements:
        node = statement_iri(article.id, st.speaker, str(st.prov.start))
        add(node, RDF + "type", IG + "Statement")
        add(node, IG + "speakerLabel", Lit(st.speaker))
        if st.speaker_is_person:
            add(node, IG + "speaker", person_iri(st.speaker))
        if st.country:
            add(node, IG + "country", country_iri(st.country))
        add(node, IG + "quote", Lit(st.quote))
        for code in st.about:
            add(node, IG + "about", country_iri(code))
        add(node, IG + "stance", STANCES.get(st.stance, STANCES["other"]))
        if article.published:
            add(node, IG + "date", lit_date(article.published))
        for p, o in _provenance(node, st.prov, None, article):
            add(node, p, o)

    for entity in sorted(mentioned):
        add(g, IG + "mentions", entity)
    return out
