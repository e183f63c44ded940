"""The extractor: an article in, its facts out (claims, memberships, officials, statements).

``extract(article)`` runs the rule-based extractor ``rules.v1``; another
extractor (a statistical model, an LLM) only has to be a function with the
same signature registered in :data:`EXTRACTORS`. Knowledge lives in data:
entities come from ``ontology/reference/*.ttl`` and cue phrases from
``ontology/cues.yaml``, both extendable with ``load_lexicon([extra files])``.

>>> from graph.articles import article_from_text
>>> art = article_from_text("The United States has paused intelligence sharing with Ukraine.", title="t")
>>> [(c.actor, c.status, c.partner) for c in extract(art).claims]
[('USA', 'suspends', 'UKR')]
"""

from __future__ import annotations

from collections.abc import Callable

from ..errors import ExtractionError, unknown_choice
from ..model import Article, Facts, Official, Provenance
from .claims import find_claims
from .document import build_doc
from .explain import explain_rows
from .lexicon import Lexicon, load_lexicon
from .memberships import find_memberships, stated_members
from .officials import find_officials
from .statements import find_speakers, find_statements

__all__ = ["extract", "load_lexicon", "explain_rows", "EXTRACTORS", "Lexicon", "rules_v1"]


def rules_v1(article: Article, lexicon: Lexicon) -> Facts:
    """The rule-based extractor: one pass per stage, each linear in the text."""
    doc = build_doc(article, lexicon)
    find_officials(doc)
    find_speakers(doc)
    for m in doc.speakers:
        if m.kind == "person" and m.country:
            doc.country_counts[m.country] += 1
    statements = find_statements(doc)
    memberships = find_memberships(doc)
    quote_country = {s.prov.start: s.country for s in statements}

    def speaker_of(quote) -> str | None:
        for start in range(quote.start, min(quote.end, quote.start + 8)):
            if start in quote_country:
                return quote_country[start]
        return None

    claims = find_claims(doc, stated_members(memberships), speaker_of=speaker_of)
    officials = [Official(p.name, p.role, p.organization, p.country,
                          Provenance(p.start, p.end, p.rule, p.confidence)) for p in doc.persons]
    return Facts(claims=claims, memberships=memberships, officials=officials, statements=statements)


EXTRACTORS: dict[str, Callable[[Article, Lexicon], Facts]] = {"rules.v1": rules_v1}


def extract(article: Article, *, lexicon: Lexicon | None = None, name: str = "rules.v1") -> Facts:
    """The facts one article states, by the extractor ``name``."""
    try:
        extractor = EXTRACTORS[name]
    except KeyError:
        raise ExtractionError(unknown_choice("extractor", name, EXTRACTORS)) from None
    return extractor(article, lexicon or load_lexicon())
