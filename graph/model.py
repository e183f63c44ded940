"""The plain data that flows between the stages of the ingest path.

``graph.articles`` makes an :class:`Article`; an extractor turns it into
:class:`Facts`; ``graph.triples`` turns those into quads. Each fact keeps
where it came from: character offsets into ``Article.text`` (the cleaned
text), the id of the rule that found it and a confidence in [0, 1].
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date

from .vocab import article_iri

MARKINGS = ("TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED")


@dataclass(frozen=True)
class Article:
    """One news article after cleaning.

    ``text`` is the cleaned text every offset points into; ``content_hash`` is
    the sha256 of it, so the same report ingested twice is the same article.
    """

    title: str
    text: str
    content_hash: str
    publisher: str | None = None
    published: date | None = None
    url: str | None = None
    source: str | None = None  # the file (or "-") it was read from
    marking: str = "TLP:CLEAR"

    @property
    def id(self) -> str:
        return self.content_hash[:16]

    @property
    def iri(self) -> str:
        return article_iri(self.id)


@dataclass(frozen=True)
class Provenance:
    """Where a fact was found: evidence span, rule id and confidence."""

    start: int
    end: int
    rule: str
    confidence: float


@dataclass(frozen=True)
class Claim:
    """``actor`` reports a sharing ``status`` towards ``partner`` (ISO3 codes)."""

    actor: str
    status: str  # one of graph.vocab.STATUSES
    partner: str
    evidence: str
    prov: Provenance
    date: date | None = None  # event date in the sentence, else the article's


@dataclass(frozen=True)
class Membership:
    """``member`` (ISO3) belongs to the alliance ``group`` (its key, e.g. ``five-eyes``)."""

    member: str
    group: str
    group_label: str
    evidence: str
    prov: Provenance


@dataclass(frozen=True)
class Official:
    """A named person with a role; ``country`` is ISO3 or None when unknown."""

    name: str
    role: str
    organization: str
    country: str | None
    prov: Provenance


@dataclass(frozen=True)
class Statement:
    """A direct quote and its speaker, with the position it states.

    ``speaker`` is a name when the speaker is an official, otherwise the
    description the article gives ("a British government spokesperson").
    ``about`` lists the ISO3 codes the quote concerns; ``stance`` is one of
    graph.vocab.STANCES.
    """

    speaker: str
    country: str | None
    quote: str
    prov: Provenance
    about: tuple[str, ...] = ()
    stance: str = "other"
    speaker_is_person: bool = True


@dataclass
class Facts:
    """Everything one article says, in the order it was found."""

    claims: list[Claim] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    officials: list[Official] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.claims) + len(self.memberships) + len(self.officials) + len(self.statements)


def facts_to_json(article: Article, facts: Facts, *, explain: bool = False) -> dict:
    """The facts JSON of the evaluation format (``relations``, ``memberships``, ...).

    With ``explain``, each fact also carries its span, rule and confidence.
    """

    def extra(prov: Provenance) -> dict:
        return asdict(prov) if explain else {}

    return {
        "id": article.id,
        "title": article.title,
        "publisher": article.publisher,
        "published": article.published.isoformat() if article.published else None,
        "facts": {
            "relations": [
                {"subject": c.actor, "predicate": c.status, "object": c.partner,
                 "evidence": c.evidence, "date": c.date.isoformat() if c.date else None,
                 **extra(c.prov)}
                for c in facts.claims
            ],
            "memberships": [
                {"member": m.member, "group": m.group_label, **extra(m.prov)}
                for m in facts.memberships
            ],
            "officials": [
                {"name": o.name, "role": o.role, "organization": o.organization,
                 "country": o.country or "", **extra(o.prov)}
                for o in facts.officials
            ],
            "statements": [
                {"speaker": s.speaker, "country": s.country or "", "quote": s.quote,
                 "about": list(s.about), "stance": s.stance, **extra(s.prov)}
                for s in facts.statements
            ],
        },
    }
