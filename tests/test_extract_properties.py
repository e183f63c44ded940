"""Properties: the extractor never raises, and every span points at its evidence."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.extract import extract, load_lexicon
from graph.furniture import strip_furniture
from graph.model import Article

LEXICON = load_lexicon()
WORDS = ["Britain", "the US", "Kyiv", "the Kremlin", "MI6", "the CIA", "Five Eyes", "(UK, Canada)",
         "has", "suspended", "resumed", "intelligence", "sharing", "with", "to", "from", "between", "and",
         "said", "he", "added", "could", "if", "not", "President", "Donald Trump", "Brian Hughes,",
         "spokesman for", "the Dutch", ",", ".", "\n\n", '"', "“", "”", "«", "»", "'", "?", ":", "-"]
news_like = st.lists(st.sampled_from(WORDS), max_size=80).map(" ".join)
any_text = st.text(max_size=400)


def _article(text: str) -> Article:
    return Article(title="t", text=text, content_hash="0" * 64)


def _check(text: str) -> None:
    facts = extract(_article(text), lexicon=LEXICON)
    n = len(text)
    for c in facts.claims:
        assert 0 <= c.prov.start < c.prov.end <= n
        assert text[c.prov.start:c.prov.end] == c.evidence
        assert c.actor != c.partner
    for m in facts.memberships:
        assert 0 <= m.prov.start < m.prov.end <= n
        assert text[m.prov.start:m.prov.end] == m.evidence
    for o in facts.officials:
        assert 0 <= o.prov.start < o.prov.end <= n
        assert o.name.split()[-1] in text[o.prov.start:o.prov.end] or o.name in text
    for s in facts.statements:
        assert 0 <= s.prov.start < s.prov.end <= n
        assert text[s.prov.start:s.prov.end] == s.quote
    for kind in (facts.claims, facts.statements):
        for f in kind:
            assert 0 < f.prov.confidence <= 1


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_text)
def test_never_raises_on_arbitrary_unicode(text):
    _check(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(news_like)
def test_never_raises_on_news_like_text(text):
    _check(text)


@settings(max_examples=200, deadline=None)
@given(any_text)
def test_furniture_never_raises(text):
    assert isinstance(strip_furniture(text), str)


def test_cost_is_linear_in_length():
    import time
    para = ("Israel is one of several US-allied nations considering withholding intelligence from "
            "Washington, officials said. \"We share with the US,\" a British government spokesperson said. "
            "Defense Secretary Pete Hegseth ordered a halt.\n\n")

    def seconds(k: int) -> float:
        art = _article(para * k)
        start = time.perf_counter()
        extract(art, lexicon=LEXICON)
        return time.perf_counter() - start

    seconds(5)
    small, big = min(seconds(20) for _ in range(3)), min(seconds(200) for _ in range(3))
    assert big < small * 10 * 3, (small, big)  # 10x the text: well under 30x the time
