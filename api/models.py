"""The shapes of the REST responses (pydantic), with the examples OpenAPI shows."""

from __future__ import annotations

import datetime as dt
from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")

SEED_ARTICLE = "508b4a6817f63af4"
HEADLINE = "Cautious of Trump's Russian pivot, Israel debates sharing intel with US"


def example(value: dict) -> ConfigDict:
    return ConfigDict(json_schema_extra={"examples": [value]})


class Page(BaseModel, Generic[T]):
    """One page of a list: ``items[offset : offset + limit]`` of ``total``."""

    total: int = Field(description="How many items match, over all pages.")
    limit: int
    offset: int
    items: list[T]


class Source(BaseModel):
    article: str = Field(description="The article's id (GET /articles/{id}).")
    headline: str | None = None
    publisher: str | None = None
    published: dt.date | None = None


class ClaimSource(Source):
    date: dt.date | None = Field(None, description="The date of the reported event (else the article's).")
    evidence: str | None = Field(None, description="The sentence that says it.")
    start: int | None = Field(None, description="Offset of the evidence in the article's cleaned text.")
    end: int | None = None
    rule: str | None = Field(None, description="The extraction rule that found it.")
    confidence: float | None = None
    model_config = example({"article": SEED_ARTICLE, "headline": HEADLINE, "publisher": "The Jerusalem Post",
                            "published": "2025-03-07", "date": "2025-03-07",
                            "evidence": "Israel is debating whether to keep sharing intelligence with the US.",
                            "start": 120, "end": 190, "rule": "cue.considers", "confidence": 0.8})


class HistoryEntry(BaseModel):
    status: str
    date: dt.date | None = None
    article: str


class Relationship(BaseModel):
    actor: str = Field(description="ISO3 of the country that shares or withholds.")
    partner: str = Field(description="ISO3 of the country it shares with or withholds from.")
    direction: str = Field(description="outgoing: the country asked about is the actor; incoming: the partner.")
    status: str = Field(description="The latest status: shares_with, considers_restricting, restricts, "
                                    "suspends or resumes.")
    date: dt.date | None = None
    corroboration: int = Field(description="Distinct publishers reporting the latest status.")
    history: list[HistoryEntry]
    sources: list[ClaimSource]


class Relationships(BaseModel):
    country: str
    name: str
    total: int
    limit: int
    offset: int
    relationships: list[Relationship]
    model_config = example({
        "country": "ISR", "name": "Israel", "total": 1, "limit": 50, "offset": 0,
        "relationships": [{"actor": "ISR", "partner": "USA", "direction": "outgoing",
                           "status": "considers_restricting", "date": "2025-03-07", "corroboration": 1,
                           "history": [{"status": "considers_restricting", "date": "2025-03-07",
                                        "article": SEED_ARTICLE}],
                           "sources": [{"article": SEED_ARTICLE, "headline": HEADLINE,
                                        "publisher": "The Jerusalem Post", "published": "2025-03-07",
                                        "date": "2025-03-07", "evidence": "...", "start": 120, "end": 190,
                                        "rule": "cue.considers", "confidence": 0.8}]}]})


class TimelineEvent(ClaimSource):
    actor: str
    partner: str
    status: str


class Timeline(BaseModel):
    country: str
    name: str
    other: str
    other_name: str
    latest: dict[str, dict] = Field(description="Per direction ('USA->UKR'): the latest status and its date.")
    total: int
    limit: int
    offset: int
    events: list[TimelineEvent]
    model_config = example({"country": "USA", "name": "United States", "other": "UKR", "other_name": "Ukraine",
                            "latest": {"USA->UKR": {"status": "resumes", "date": "2025-03-11"}},
                            "total": 2, "limit": 50, "offset": 0,
                            "events": [{"date": "2025-03-05", "actor": "USA", "partner": "UKR",
                                        "status": "suspends", "article": SEED_ARTICLE}]})


class CountrySummary(BaseModel):
    iso3: str
    iso2: str
    name: str
    claims: int = Field(description="Claims the country is actor or partner of.")
    as_actor: int
    as_partner: int
    last_claim: dt.date | None = None
    model_config = example({"iso3": "ISR", "iso2": "IL", "name": "Israel", "claims": 3, "as_actor": 2,
                            "as_partner": 1, "last_claim": "2025-03-07"})


class Named(BaseModel):
    id: str
    name: str


class Country(CountrySummary):
    agencies: list[Named]
    alliances: list[Named]
    model_config = example({"iso3": "GBR", "iso2": "GB", "name": "United Kingdom", "claims": 2, "as_actor": 2,
                            "as_partner": 0, "last_claim": "2025-03-06",
                            "agencies": [{"id": "mi6", "name": "Secret Intelligence Service"}],
                            "alliances": [{"id": "five-eyes", "name": "Five Eyes"}]})


class Statement(BaseModel):
    id: str
    speaker: str
    official: str | None = Field(None, description="The speaker's id under /officials, when a named official.")
    country: str | None = None
    quote: str
    stance: str
    about: list[str]
    date: dt.date | None = None
    start: int | None = None
    end: int | None = None
    rule: str | None = None
    confidence: float | None = None
    source: Source
    model_config = example({"id": "5b0f0e4e6c2a9d11", "speaker": "a British government spokesperson",
                            "official": None, "country": "GBR",
                            "quote": "We will continue to cooperate closely with the US.", "stance": "affirms_sharing",
                            "about": ["USA"], "date": "2025-03-06", "source": {"article": SEED_ARTICLE}})


class StatementPage(Page[Statement]):
    country: str


class OfficialSummary(BaseModel):
    id: str
    name: str
    roles: list[str]
    organizations: list[str]
    countries: list[str]
    articles: int
    model_config = example({"id": "brian-hughes", "name": "Brian Hughes", "roles": ["spokesperson"],
                            "organizations": ["National Security Council"], "countries": ["USA"], "articles": 1})


class Official(BaseModel):
    id: str
    name: str
    roles: list[str]
    organizations: list[str]
    countries: list[str]
    articles: list[Source]
    statements: list[Statement]


class ReportedMember(BaseModel):
    country: str
    evidence: str | None = None
    start: int | None = None
    end: int | None = None
    rule: str | None = None
    confidence: float | None = None
    source: Source


class Alliance(BaseModel):
    id: str
    name: str
    description: str | None = None
    members: list[str] = Field(description="ISO3 codes of the members, from the reference data.")
    reported: list[ReportedMember] = Field(description="Memberships that articles report, with their sources.")
    model_config = example({"id": "five-eyes", "name": "Five Eyes", "description": "...",
                            "members": ["AUS", "CAN", "GBR", "NZL", "USA"], "reported": []})


class ArticleSummary(BaseModel):
    id: str
    iri: str
    headline: str
    publisher: str | None = None
    published: dt.date | None = None
    url: str | None = None
    marking: str | None = None
    claims: int
    statements: int
    officials: int
    memberships: int
    model_config = example({"id": SEED_ARTICLE, "iri": f"https://w3id.org/intelgraph/id/article/{SEED_ARTICLE}",
                            "headline": HEADLINE, "publisher": "The Jerusalem Post", "published": "2025-03-07",
                            "url": None, "marking": "TLP:CLEAR", "claims": 3, "statements": 1, "officials": 1,
                            "memberships": 0})


class Article(BaseModel):
    id: str
    iri: str
    headline: str | None = None
    publisher: str | None = None
    published: dt.date | None = None
    url: str | None = None
    marking: str | None = None
    extractor: str | None = None
    facts: dict[str, list[dict]] = Field(description="relations, memberships, officials and statements, each "
                                                     "with its evidence offsets, rule and confidence.")


class Ingested(BaseModel):
    id: str
    iri: str
    added: bool = Field(description="False when the article was already held (nothing was written).")
    marking: str | None = Field(None, description="The article's marking as held (absent when the key is not "
                                "cleared for it).")
    facts: dict | None = Field(description="The facts JSON (the evaluation format, with spans, rules and "
                               "confidences); null when the key is not cleared for the article's marking.")


class Ranked(BaseModel):
    rank: int
    country: str
    name: str
    score: float


class Centrality(BaseModel):
    metric: str
    weight: str = Field(description="The edge attribute the measure reads (none, strength or distance).")
    as_of: dt.date | None = None
    nodes: int
    edges: int
    ranking: list[Ranked]
    model_config = example({"metric": "pagerank", "weight": "strength", "as_of": None, "nodes": 6, "edges": 5,
                            "ranking": [{"rank": 1, "country": "USA", "name": "United States", "score": 0.41}]})


class Stats(BaseModel):
    articles: int
    claims: int
    statements: int
    officials: int
    memberships: int
    graphs: int
    triples: int
    revision: str


class Health(BaseModel):
    status: str
    store: str
    articles: int
    revision: str
    query_isolation: str
