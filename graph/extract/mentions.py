"""Mentions of countries, agencies and alliances, found through the lexicon trie.

A mention resolves to a country however it is named: by name, ISO code,
demonym ("the Dutch"), capital ("Kyiv"), building ("the Kremlin") or agency
("MI6" -> GBR). Longest match wins ("North Korea" over "Korea"). One pass
over the tokens; each token looks up its own bucket in the trie.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import Lexicon, tokenize

_POSSESSIVE = re.compile(r"['’]s?(?!\w)")


@dataclass(frozen=True)
class Mention:
    """Something in the text that stands for a country (or an alliance).

    ``kind``: ``country``, ``agency``, ``alliance``, ``person``, ``org``,
    ``description``, ``pronoun``, ``government`` or ``pair``; ``country`` is
    the ISO3 it stands for (None when unknown or for an alliance); ``form``
    says how it was named (``name``, ``demonym``, ``capital``, ``metonym``,
    ``code``, ``agency``, ``alliance``, ...).
    """

    start: int
    end: int
    kind: str
    key: str
    country: str | None
    form: str
    surface: str
    possessive: bool = False

    @property
    def is_demonym(self) -> bool:
        return self.form == "demonym"


def _is_caps_word(tok: str) -> bool:
    return len(tok) > 1 and tok.isalpha() and tok.isupper()


def find_entities(text: str, lexicon: Lexicon) -> list[Mention]:
    """All entity mentions in ``text``, in order, non-overlapping, longest first.

    >>> from graph.extract.lexicon import load_lexicon
    >>> [(m.surface, m.country) for m in find_entities("The Kremlin and MI6 met Dutch and North Korean envoys.", load_lexicon())]
    [('Kremlin', 'RUS'), ('MI6', 'GBR'), ('Dutch', 'NLD'), ('North Korean', 'PRK')]
    """
    tokens = tokenize(text)
    words = [t for t, _, _ in tokens]
    table = lexicon.trie.table
    out: list[Mention] = []
    i, n = 0, len(tokens)
    while i < n:
        bucket = table.get(words[i])
        if not bucket:
            i += 1
            continue
        hit = None
        for seq, ref in bucket:
            k = len(seq)
            if tuple(words[i:i + k]) == seq and _word_edge(tokens, i, k, text):
                if ref.form == "code" and not _code_ok(words, i, k):
                    continue
                hit = (k, ref)
                break
        if hit is None:
            i += 1
            continue
        k, ref = hit
        start, end = tokens[i][1], tokens[i + k - 1][2]
        poss = bool(_POSSESSIVE.match(text, end)) and end < len(text)
        out.append(Mention(start, end, ref.kind, ref.key, ref.country, ref.form,
                           text[start:end], possessive=poss))
        i += k
    return _owned_agencies(text, out)


_OWNER_GAP = re.compile(r"(?:['’]s)?\s+(?:own\s+)?$")


def _owned_agencies(text: str, out: list[Mention]) -> list[Mention]:
    """"Switzerland's Federal Intelligence Service": a generic agency name takes its owner's country."""
    for j in range(1, len(out)):
        a, owner = out[j], out[j - 1]
        if a.kind != "agency" or owner.kind != "country" or not owner.country or owner.country == a.country:
            continue
        if not (owner.possessive or owner.is_demonym) or not _OWNER_GAP.match(text[owner.end:a.start]) \
                or a.start - owner.end > 8:
            continue
        out[j] = Mention(a.start, a.end, a.kind, a.key, owner.country, a.form, a.surface, a.possessive)
    return out


def _word_edge(tokens: list[tuple[str, int, int]], i: int, k: int, text: str) -> bool:
    """The match must not glue onto letters ("Iran" inside "Iranian" is a different token anyway)."""
    end = tokens[i + k - 1][2]
    return not (end < len(text) and text[end].isalnum() and tokens[i + k - 1][0][-1:].isalnum())


def _code_ok(words: list[str], i: int, k: int) -> bool:
    """An ISO code counts only in upper case and outside an all-caps heading."""
    if not all(w.isupper() or not w.isalpha() for w in words[i:i + k]):
        return False
    prev_w = words[i - 1] if i > 0 else ""
    next_w = words[i + k] if i + k < len(words) else ""
    return not (_is_caps_word(prev_w) or _is_caps_word(next_w))
