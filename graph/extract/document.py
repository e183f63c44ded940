"""The analysed article that every rule reads: spans, quotes, mentions, context.

Built once per article in a fixed order (sentences -> quotes -> entity
mentions -> officials -> speaker mentions), so each rule module is a plain
function over a ``Doc``. Context the rules share also lives here: the
dateline's country and the article's "home" country, used when a text says
"the government" without naming it.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field

from ..model import Article
from .lexicon import Lexicon
from .mentions import Mention, find_entities
from .quotes import Quote, find_quotes
from .sentences import Span, paragraphs, split_sentences

_DATELINE = re.compile(r"\s*([A-Z][A-Z.'’ -]{2,40}?)\s*(?:,|\(|[-–—]{1,2}\s)")


@dataclass
class Person:
    """An official: a named person with a role, as found in this article."""

    name: str
    role: str
    organization: str
    country: str | None
    start: int  # span of the first full mention (title, name and apposition)
    end: int
    rule: str
    confidence: float
    explicit_country: bool = False

    @property
    def surname(self) -> str:
        return self.name.split()[-1]


@dataclass
class Doc:
    """One article prepared for the rules."""

    article: Article
    lexicon: Lexicon
    text: str
    paragraphs: list[Span]
    sentences: list[Span]
    quotes: list[Quote]
    entities: list[Mention]
    persons: list[Person] = field(default_factory=list)
    speakers: list[Mention] = field(default_factory=list)  # persons, descriptions, orgs, pronouns
    dateline_country: str | None = None
    country_counts: Counter = field(default_factory=Counter)
    _sentence_starts: list[int] = field(default_factory=list)
    _quote_starts: list[int] = field(default_factory=list)
    _entity_starts: list[int] = field(default_factory=list)
    _speaker_starts: list[int] = field(default_factory=list)

    @property
    def pats(self) -> dict:
        return self.lexicon.patterns

    def sentence_at(self, pos: int) -> int:
        """Index of the sentence holding ``pos`` (the previous one between sentences)."""
        return max(0, bisect.bisect_right(self._sentence_starts, pos) - 1)

    def quote_at(self, pos: int) -> Quote | None:
        i = bisect.bisect_right(self._quote_starts, pos) - 1
        if i >= 0:
            q = self.quotes[i]
            if q.start <= pos < q.end:
                return q
        return None

    def in_quote(self, pos: int) -> bool:
        return self.quote_at(pos) is not None

    def home_country(self) -> str | None:
        """The dateline's country, else the country the article names most."""
        if self.dateline_country:
            return self.dateline_country
        if self.country_counts:
            return self.country_counts.most_common(1)[0][0]
        return None

    def mentions_between(self, start: int, end: int) -> list[Mention]:
        """Entity mentions inside ``[start, end)`` (bisect: the cost is the answer's size)."""
        i = bisect.bisect_left(self._entity_starts, start)
        out = []
        while i < len(self.entities) and self.entities[i].start < end:
            if self.entities[i].end <= end:
                out.append(self.entities[i])
            i += 1
        return out

    def entities_starting(self, start: int, end: int) -> list[Mention]:
        """Entity mentions that start inside ``[start, end)``."""
        lo = bisect.bisect_left(self._entity_starts, start)
        hi = bisect.bisect_left(self._entity_starts, end)
        return self.entities[lo:hi]

    def entity_at(self, pos: int) -> Mention | None:
        """The entity mention covering ``pos``, if any."""
        i = bisect.bisect_right(self._entity_starts, pos) - 1
        if i >= 0 and self.entities[i].start <= pos < self.entities[i].end:
            return self.entities[i]
        return None

    def index_speakers(self) -> None:
        """Sort speaker mentions and index them (call after adding to ``speakers``)."""
        self.speakers.sort(key=lambda m: (m.start, -m.end))
        self._speaker_starts = [m.start for m in self.speakers]

    def speakers_starting(self, start: int, end: int) -> list[Mention]:
        """Speaker mentions that start inside ``[start, end)``."""
        lo = bisect.bisect_left(self._speaker_starts, start)
        hi = bisect.bisect_left(self._speaker_starts, end)
        return self.speakers[lo:hi]


def dateline_country(text: str, entities: list[Mention]) -> str | None:
    """Country of an opening dateline such as ``WASHINGTON, March 5 (Wire) -``."""
    m = _DATELINE.match(text[:80])
    if not m or not m.group(1).strip().isupper():
        return None
    for e in entities:
        if e.start >= m.start(1) and e.end <= m.end(1) + 1 and e.country:
            return e.country
        if e.start > m.end(1):
            break
    return None


def build_doc(article: Article, lexicon: Lexicon) -> Doc:
    """Split, find quotes and entity mentions; officials and speakers are added by their modules."""
    text = article.text
    paras = paragraphs(text)
    sents = split_sentences(text, paras, lexicon.patterns["abbreviations"],
                            lexicon.patterns["numeric_abbreviations"])
    quotes = find_quotes(text, paras)
    entities = find_entities(text, lexicon)
    doc = Doc(article=article, lexicon=lexicon, text=text, paragraphs=paras,
              sentences=sents, quotes=quotes, entities=entities)
    doc._sentence_starts = [s.start for s in sents]
    doc._quote_starts = [q.start for q in quotes]
    doc._entity_starts = [m.start for m in entities]
    doc.dateline_country = dateline_country(text, entities)
    doc.country_counts = Counter(m.country for m in entities if m.country and m.kind != "alliance")
    return doc
