"""Statements: each direct quote with its speaker and the position it states.

Attribution follows where English news puts the speaker:

* after the quote: ``"...," Ratcliffe said`` / ``"...," said Peter Reesink`` /
  ``"...," he added`` (a pronoun goes to the last person named outside quotes);
* before it, in the same sentence: ``X said: "..."``, ``X called it "..."``,
  ``X told reporters that Y "..."`` (the subject of the last speech verb with a
  speaker next to it);
* a quote with no attribution of its own continues the speaker of the
  previous quote in its paragraph, or of a quote left open in the previous
  paragraph ("'X,' he said. 'Y.'").

Quotes that nobody says (a term in quotation marks: the "Nine Eyes",
"NOFORN") are not statements. Unnamed speakers keep their description ("a
British government spokesperson") and the country it names, else the
article's home country.
"""

from __future__ import annotations

import re

from ..model import Provenance, Statement
from .document import Doc
from .mentions import Mention
from .quotes import Quote
from .stance import stance_of

_GAP = re.compile(
    r"\s*,?\s*(?:,[^,\"“”]{1,100},\s*)?(?:(?:\w+ly|also|later|then|had|has|have|would|will|"
    r"again|once|on\s+\w+day)\s+)*")
_TAIL_LEAD = re.compile(r"[\s,.!?;:—–-]*")
_TAIL_PREFIX = re.compile(
    r"(?:(?:the|The|(?!(?:and|but|or|nor|while|as|when|before|after|then|so|yet)\b)[a-z][\w-]*)\s+){0,3}")  # '"...," government spokesman X said'
_PRONOUN = re.compile(r"(?<![\w-])(?:he|she|He|She)(?![\w-])")


def find_speakers(doc: Doc) -> None:
    """Add descriptions, organisations, entities and pronouns to ``doc.speakers``."""
    pats = doc.pats
    text = doc.text
    covered = bytearray(len(text) + 1)  # characters already inside a speaker mention

    def take(s: int, e: int) -> None:
        covered[s:e] = b"\x01" * (e - s)

    def free(s: int, e: int) -> bool:
        return not any(covered[s:e])

    for m in doc.speakers:  # persons first
        take(m.start, m.end)

    extra: list[Mention] = []
    for rx, kind in ((pats["description"], "description"), (pats["org"], "org")):
        for m in rx.finditer(text):
            s, e = m.start(), m.end()
            if not free(s, e):
                continue
            country = next((x.country for x in doc.mentions_between(s, e) if x.country), None)
            extra.append(Mention(s, e, kind, m.group(), country, kind, m.group()))
            take(s, e)
    for ent in doc.entities:
        if ent.kind in ("country", "agency") and free(ent.start, ent.end):
            extra.append(ent)
    for m in _PRONOUN.finditer(text):
        if free(m.start(), m.end()):
            extra.append(Mention(m.start(), m.end(), "pronoun", "he", None, "pronoun", m.group()))
    for m in pats["group_pronouns"].finditer(text):
        if free(m.start(), m.end()):
            extra.append(Mention(m.start(), m.end(), "pronoun", "they", None, "pronoun", m.group()))
    doc.speakers.extend(extra)
    doc.index_speakers()


def _resolve(doc: Doc, m: Mention) -> tuple[str, str | None, bool, float] | None:
    """Speaker name, country, whether a person, and a confidence factor."""
    if m.kind == "person":
        return m.key, m.country, True, 1.0
    if m.kind == "pronoun":
        wanted = "person" if m.key == "he" else "plural"
        for prev in reversed(doc.speakers_starting(max(0, m.start - 5000), m.start)):
            if doc.in_quote(prev.start):
                continue
            if wanted == "person" and prev.kind == "person":
                return prev.key, prev.country, True, 0.85
            if wanted == "plural" and prev.kind == "description" and prev.surface.endswith("s"):
                return prev.surface, prev.country or doc.home_country(), False, 0.7
        return None
    if m.kind in ("description", "org"):
        name = re.sub(r"^(?:the|The)\s+", "", m.surface) if m.kind == "org" else m.surface
        return name, m.country or doc.home_country(), False, 0.9
    if m.kind == "agency":
        return m.surface, m.country, False, 0.9
    if m.kind == "country" and m.form in ("name", "capital", "metonym", "code"):
        return m.surface, m.country, False, 0.7
    return None


def _speakers_in(doc: Doc, start: int, end: int) -> list[Mention]:
    return [m for m in doc.speakers_starting(start, end) if m.end <= end]


def _tail(doc: Doc, q: Quote) -> Mention | None:
    """A speaker right after the quote: '"...," X said' or '"...," said X'."""
    if q.close is None:
        return None
    text = doc.text
    sent = doc.sentences[doc.sentence_at(q.after)]
    limit = min(len(text), max(sent.end, q.after + 1) + 0, q.after + 160)
    lead = _TAIL_LEAD.match(text, q.after, limit)
    pos = lead.end() if lead else q.after
    if "\n" in text[q.after:pos]:
        return None
    speech = doc.pats["speech"]
    vm = speech.match(text, pos)
    if vm:  # '"...," said X'
        after = re.match(r"\s+(?:the\s+)?", text[vm.end():vm.end() + 6])
        at = vm.end() + (after.end() if after else 0)
        for m in _speakers_in(doc, vm.end(), limit):
            if m.start <= at + 1:
                return m
            break
        return None
    for m in _speakers_in(doc, pos, limit):
        if not _TAIL_PREFIX.fullmatch(text, pos, m.start):
            break
        g = _GAP.match(text, m.end)
        if g and speech.match(text, g.end()):
            return m
    return None


def _lead_in(doc: Doc, q: Quote, region_start: int) -> tuple[Mention | None, float]:
    """The subject of a speech verb before the quote in its sentence."""
    text = doc.text
    verbs = list(doc.pats["speech"].finditer(text, region_start, q.open))
    verbs = [v for v in verbs if not doc.in_quote(v.start())]
    if not verbs:
        return None, 0.0
    cands = [m for m in doc.speakers_starting(region_start, q.open) if m.end <= q.open
             and not doc.in_quote(m.start)]
    for v in reversed(verbs):
        best = None
        for m in cands:
            if m.end > v.start():
                break
            g = _GAP.fullmatch(text, m.end, v.start())
            if g and (m.kind == "person" or "," not in text[m.end:v.start()]):
                best = m  # only a person's name may stand before an apposition
        if best is not None:
            return best, 0.85
        for m in cands:  # "said X:"
            if m.start >= v.end() and not text[v.end():m.start].strip() \
                    and m.kind in ("person", "description", "org", "agency"):
                return m, 0.8
    before_last = [m for m in cands if m.end <= verbs[-1].start() and m.kind != "country"]
    if before_last:
        return before_last[-1], 0.6
    return None, 0.0


def find_statements(doc: Doc) -> list[Statement]:
    """One statement per attributed quote, in text order."""
    out: list[Statement] = []
    last_by_para: dict[int, tuple[str, str | None, bool]] = {}
    prev_q: Quote | None = None
    for q in doc.quotes:
        quote_text = doc.text[q.start:q.end].strip()
        if not re.search(r"\w", quote_text):
            prev_q = q
            continue
        sent = doc.sentences[doc.sentence_at(q.open)]
        region = sent.start
        if prev_q is not None and prev_q.after > region:
            region = prev_q.after
        who: tuple[str, str | None, bool, float] | None = None
        rule = ""
        m = _tail(doc, q)
        if m is not None:
            who = _resolve(doc, m)
            rule, conf = "quote.after-attribution.v1", 0.9
        if who is None:
            m, conf = _lead_in(doc, q, region)
            if m is not None:
                who = _resolve(doc, m)
                rule = "quote.before-attribution.v1"
        if who is None:
            inherited = last_by_para.get(q.paragraph)
            if inherited is None and q.continues:
                inherited = last_by_para.get(q.paragraph - 1)
            if inherited is not None:
                who = (*inherited, 0.8)
                rule, conf = "quote.continuation.v1", 0.9
        prev_q = q
        if who is None:
            continue
        name, country, is_person, factor = who
        last_by_para[q.paragraph] = (name, country, is_person)
        about, stance = stance_of(doc, quote_text, q.start, country)
        start = q.start + (len(doc.text[q.start:q.end]) - len(doc.text[q.start:q.end].lstrip()))
        out.append(Statement(speaker=name, country=country, quote=quote_text,
                             prov=Provenance(start, start + len(quote_text), rule, round(conf * factor, 2)),
                             about=about, stance=stance, speaker_is_person=is_person))
    return out
