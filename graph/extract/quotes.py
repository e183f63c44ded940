"""Find direct quotes: straight, curly and guillemet double quotes.

News text mixes quote glyphs (an opening curly quote closed by a straight
one is common after copy-editing), so each mark is classified as opening or
closing by what stands on either side of it, not by its glyph alone. A quote
left open at the end of a paragraph ends there: unbalanced marks are
tolerated, never an error. A paragraph that opens with a quote while the
previous paragraph's quote was left open continues the same speech (the
newspaper convention for quotes running over several paragraphs).
"""

from __future__ import annotations

from dataclasses import dataclass

from .sentences import Span

OPENERS = "“„«‟"
CLOSERS = "”»"
AMBIGUOUS = '"'
QUOTE_CHARS = OPENERS + CLOSERS + AMBIGUOUS
_OPEN_BEFORE = set(" \t\n([{—–-:/") | set(OPENERS)


@dataclass(frozen=True)
class Quote:
    """The inside of one quote: ``[start, end)`` excludes the marks.

    ``close`` is the offset of the closing mark, or None when the quote ran
    to the end of its paragraph unclosed. ``continues`` is True when it
    carries on a quote left open in the previous paragraph.
    """

    start: int
    end: int
    paragraph: int
    close: int | None
    continues: bool = False

    @property
    def open(self) -> int:
        return self.start - 1

    @property
    def after(self) -> int:
        """Offset just after the quote (after its closing mark, if any)."""
        return self.close + 1 if self.close is not None else self.end


def _kind(text: str, i: int, para: Span) -> str:
    """``open``, ``close`` or ``either`` for the quote mark at ``i``."""
    ch = text[i]
    before = text[i - 1] if i > para.start else " "
    after = text[i + 1] if i + 1 < para.end else " "
    open_ctx = (before in _OPEN_BEFORE or before.isspace()) and not after.isspace()
    close_ctx = not before.isspace() and (after.isspace() or not after.isalnum())
    if ch in OPENERS:
        return "close" if close_ctx and not open_ctx and i > para.start else "open"
    if ch in CLOSERS:
        return "open" if open_ctx and not close_ctx else "close"
    if open_ctx and not close_ctx:
        return "open"
    if close_ctx and not open_ctx:
        return "close"
    return "either"


def find_quotes(text: str, paras: list[Span]) -> list[Quote]:
    """All quotes, in text order.

    >>> t = '“One,” he said. "Two.\\n“Three” and «four'
    >>> from graph.extract.sentences import paragraphs
    >>> [(text[q.start:q.end], q.continues) for q in find_quotes(t, paragraphs(t)) for text in [t]]
    [('One,', False), ('Two.', False), ('Three', True), ('four', False)]
    """
    quotes: list[Quote] = []
    left_open = False
    for para in paras:
        open_at: int | None = None
        first_in_para = True
        continues_now = False
        for i in range(para.start, para.end):
            if text[i] not in QUOTE_CHARS:
                continue
            kind = _kind(text, i, para)
            if open_at is None:
                if kind == "close":
                    continue  # a stray closing mark
                open_at = i
                continues_now = left_open and first_in_para and i == para.start
                first_in_para = False
            elif kind != "open":
                if i > open_at + 1:
                    quotes.append(Quote(open_at + 1, i, para.paragraph, i, continues_now))
                open_at = None
        left_open = False
        if open_at is not None:
            end = para.end
            if end > open_at + 1:
                quotes.append(Quote(open_at + 1, end, para.paragraph, None, continues_now))
            left_open = True
    return quotes


def inside(quotes: list[Quote], pos: int) -> Quote | None:
    """The quote whose inside holds ``pos``, if any (quotes are few: a scan is enough)."""
    for q in quotes:
        if q.start <= pos < q.end:
            return q
        if q.start > pos:
            break
    return None
