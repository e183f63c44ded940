"""Paragraphs and sentences as character spans of the cleaned text.

Every later stage works on spans into ``Article.text`` so that each fact can
point at its evidence. Splitting is one regular-expression pass per
paragraph (linear in the text); a full stop after an abbreviation ("Gen.",
"U.S.") or an initial ("H.R. McMaster") does not end a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A candidate boundary: end punctuation, optional closing quotes/brackets, space.
_BOUNDARY = re.compile(r"[.!?]+[\"'”’»)\]]*(?=\s+[\"“‘'«(\[]?[A-Z0-9À-Þ])")
_LINE = re.compile(r"[^\n]+")
_LAST_WORD = re.compile(r"([\w.]+)\.$")


@dataclass(frozen=True)
class Span:
    """A half-open character span ``[start, end)`` with its paragraph number."""

    start: int
    end: int
    paragraph: int

    def text(self, full: str) -> str:
        return full[self.start:self.end]


def paragraphs(text: str) -> list[Span]:
    """One span per non-blank line (a line is a paragraph in cleaned news text).

    >>> [p.text("A b.\\n\\n C d.") for p in paragraphs("A b.\\n\\n C d.")]
    ['A b.', 'C d.']
    """
    out = []
    for m in _LINE.finditer(text):
        start, end = m.start(), m.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            out.append(Span(start, end, len(out)))
    return out


def split_sentences(text: str, paras: list[Span], abbreviations: frozenset[str],
                    numeric_abbreviations: frozenset[str] = frozenset()) -> list[Span]:
    """Sentence spans inside each paragraph.

    >>> t = "Gen. Smith met H.R. McMaster in the U.S. capital. He left. Then?"
    >>> [s.text(t) for s in split_sentences(t, paragraphs(t), frozenset({"Gen", "U.S"}))]
    ['Gen. Smith met H.R. McMaster in the U.S. capital.', 'He left.', 'Then?']
    """
    out: list[Span] = []
    for para in paras:
        start = para.start
        for m in _BOUNDARY.finditer(text, para.start, para.end):
            end = m.end()
            if m.group().startswith(".") and _not_a_stop(text, start, m.start(), abbreviations,
                                                             numeric_abbreviations):
                continue
            out.append(Span(start, end, para.paragraph))
            start = end
            while start < para.end and text[start].isspace():
                start += 1
        if start < para.end:
            out.append(Span(start, para.end, para.paragraph))
    return out


def _not_a_stop(text: str, sent_start: int, dot: int, abbreviations: frozenset[str],
                numeric_abbreviations: frozenset[str]) -> bool:
    """True when the full stop at ``dot`` closes an abbreviation or an initial."""
    m = _LAST_WORD.search(text, max(sent_start, dot - 12), dot + 1)
    if not m:
        return False
    word = m.group(1)
    if word in numeric_abbreviations:
        rest = text[dot + 1:dot + 3].lstrip()
        return rest[:1].isdigit()
    if word in abbreviations or word.rstrip(".") in abbreviations:
        return True
    # single capital initials ("H.R.", "S.", "T.") and dotted acronyms
    last = word.split(".")[-1]
    return len(last) == 1 and last.isupper()
