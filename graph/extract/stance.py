"""The position a quote states: the countries it is about and a stance.

``about`` is every country the quote names (in any form) plus the speaker's
own country when the speaker says "we", "our" or "us". The stance is the
first of the stance cue lists (``stance_cues`` in ``ontology/cues.yaml``, in
priority order: a denial outranks a restriction, which outranks criticism,
which outranks affirmation) that has a phrase in the quote, else ``other``.
"""

from __future__ import annotations

import re

from .document import Doc

_FIRST_PERSON = re.compile(r"(?<![\w-])(?:we|our|us|We|Our)(?![\w-])")


def stance_of(doc: Doc, quote: str, start: int, speaker_country: str | None) -> tuple[tuple[str, ...], str]:
    """``(about, stance)`` for a quote starting at ``start`` in the article text."""
    about: list[str] = []
    for m in doc.mentions_between(start, start + len(quote)):
        if m.country and m.country not in about:
            about.append(m.country)
    if speaker_country and speaker_country not in about and _FIRST_PERSON.search(quote):
        about.insert(0, speaker_country)
    for stance, rx in doc.pats["stance"]:
        if rx.search(quote):
            return tuple(about), stance
    return tuple(about), "other"
