"""Explain facts: each beside the sentence it came from, its rule and confidence."""

from __future__ import annotations

from ..model import Article, Facts
from .sentences import paragraphs, split_sentences


def _sentence(text: str, spans, start: int) -> str:
    for s in spans:
        if s.start <= start < s.end:
            return text[s.start:s.end]
    return ""


def explain_rows(article: Article, facts: Facts) -> list[dict]:
    """One row per fact: ``kind``, ``summary``, ``rule``, ``confidence``, ``sentence``, ``start``, ``end``.

    >>> from graph.articles import article_from_text
    >>> from graph.extract import extract
    >>> art = article_from_text("The United States has paused intelligence sharing with Ukraine.", title="t")
    >>> [(r["kind"], r["summary"], r["rule"]) for r in explain_rows(art, extract(art))]
    [('relation', 'USA suspends UKR', 'claim.status-verb.v1')]
    """
    text = article.text
    spans = split_sentences(text, paragraphs(text), frozenset())
    rows: list[dict] = []

    def row(kind: str, summary: str, prov) -> None:
        rows.append({"kind": kind, "summary": summary, "rule": prov.rule, "confidence": prov.confidence,
                     "sentence": _sentence(text, spans, prov.start), "start": prov.start, "end": prov.end})

    for c in facts.claims:
        row("relation", f"{c.actor} {c.status} {c.partner}", c.prov)
    for m in facts.memberships:
        row("membership", f"{m.member} in {m.group_label}", m.prov)
    for o in facts.officials:
        row("official", f"{o.name} ({o.role}, {o.country or '?'})", o.prov)
    for s in facts.statements:
        row("statement", f"{s.speaker} ({s.country or '?'}) [{s.stance}]: {s.quote[:80]}", s.prov)
    return rows
