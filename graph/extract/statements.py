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
_AFTER_PREP = re.compile(r"(?<![\w-])(?:of|for|from)\s+(?:the\s+)?$")
_OF_PLACE = re.compile(r"\s+(?:of|for|from)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}")


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
    for m in pats["news_agency"].finditer(text):  # "North Korea's official KCNA news agency"
        s, e = m.start(), m.end()
        if not free(s, e):
            continue
        name = m.group("acr") or m.group("name")
        country = next((x.country for x in doc.mentions_between(s, e) if x.country), None)
        if country is None:
            before = doc.entities_starting(max(0, s - 30), s)
            if before and before[-1].country and (before[-1].possessive or before[-1].is_demonym) \
                    and len(text[before[-1].end:s].split()) <= 2:
                country = before[-1].country
        extra.append(Mention(s, e, "org", name, country, "media", name))
        take(s, e)
    for rx, kind in ((pats["description"], "description"), (pats["org"], "org")):
        for m in rx.finditer(text):
            s, e = m.start(), m.end()
            if not free(s, e):
                continue
            country = next((x.country for x in doc.mentions_between(s, e) if x.country), None)
            key = m.group()
            if kind == "description" and (m.group("det") or "").lower() == "the":
                key = "the"  # a definite description: it may name someone described before
            surface = m.group()
            if kind == "description":
                # "a Chinese embassy spokesperson in Washington": the place belongs to the description
                pm = _IN_PLACE_AFTER.match(text, e)
                ent = doc.entity_at(pm.end()) if pm else None
                if ent is not None and ent.start == pm.end() and ent.country and ent.kind == "country" \
                        and free(e, ent.end):
                    country = country or ent.country
                    e = ent.end
            extra.append(Mention(s, e, kind, key, country, kind, surface))
            take(s, e)
    org_spans = [(m.start, m.end) for m in extra if m.kind == "org"]
    orgs = [m for m in extra if m.kind == "org"] + [
        x for x in doc.entities if x.kind == "agency" and not any(a <= x.start < b for a, b in org_spans)]
    orgs.sort(key=lambda m: m.start)
    for m in doc.pats["org_anaphor"].finditer(text):
        s, e = m.start(), m.end()
        if not free(s, e) or doc.in_quote(s):
            continue
        ante = _org_antecedent(doc, orgs, m.group(1).lower(), s)
        if ante is not None:
            name = _OWNER_PREFIX.sub("", ante.surface) or ante.surface
            extra.append(Mention(s, e, "org", name, ante.country, "anaphor", name))
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


_IN_PLACE_AFTER = re.compile(r"[ \t]+(?:in|at)[ \t]+(?:the[ \t]+)?")
_OWNER_PREFIX = re.compile(r"^(?:[Tt]he\s+)?(?:[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?['’]s\s+)?")


def _org_antecedent(doc: Doc, orgs: list[Mention], head: str, pos: int) -> Mention | None:
    """"the service said": the last organisation before, named with that head (any agency for "the agency")."""
    for m in reversed(orgs):
        if m.start >= pos or doc.in_quote(m.start) or pos - m.start > 3000:
            continue
        if m.kind == "org" and m.form != "media" and m.surface.lower().split()[-1].rstrip("s") == head.rstrip("s"):
            return m
        if m.kind == "agency" and head in doc.pats["agency_anaphor_heads"]:
            return m
    return None


_PLURAL_HEAD = re.compile(r"(?:s|people|staff)$", re.IGNORECASE)
_DESC_WORDS = re.compile(r"[\w'’-]+")


def _singular(m: Mention) -> bool:
    """A person or a description of one person ("a senior Turkish official")."""
    if m.kind == "person":
        return True
    if m.kind != "description":
        return False
    words = m.surface.split()
    head = next((w for w in reversed(words) if w.lower() not in ("in", "at", "of", "from", "with", "for", "the")), "")
    core = m.surface
    pp = re.search(r"\s(?:in|at|of|from|with|for)\s", core)
    if pp:
        core = core[:pp.start()]
    head = core.split()[-1]
    return not _PLURAL_HEAD.search(head) or head.lower() in ("spokesperson", "spokesman", "spokeswoman")


def _description_country(doc: Doc, m: Mention) -> str | None:
    """An unnamed speaker's country: named in the description, else the paragraph's locale, else home."""
    if m.country:
        return m.country
    from .officials import _paragraph_locale
    return _paragraph_locale(doc, m.start) or doc.home_country()


def _antecedent(doc: Doc, m: Mention) -> Mention | None:
    """The earlier description a definite one ("the official") names again."""
    words = {w.lower() for w in _DESC_WORDS.findall(m.surface)} - {"the"}
    for prev in reversed(doc.speakers_starting(max(0, m.start - 4000), m.start)):
        if prev.kind != "description" or prev.key == "the" or doc.in_quote(prev.start):
            continue
        if words <= {w.lower() for w in _DESC_WORDS.findall(prev.surface)}:
            return prev
    return None


def _resolve(doc: Doc, m: Mention) -> tuple[str, str | None, bool, float] | None:
    """Speaker name, country, whether a person, and a confidence factor."""
    if m.kind == "person":
        return m.key, m.country, True, 1.0
    if m.kind == "pronoun":
        wanted = "person" if m.key == "he" else "plural"
        cands = [p for p in doc.speakers_starting(max(0, m.start - 5000), m.start) if not doc.in_quote(p.start)]
        if wanted == "person":
            eligible = [p for p in cands if _singular(p) and not (p.kind == "description" and p.key == "the"
                                                                   and _antecedent(doc, p) is None)]
            if not eligible:
                return None
            # the subject of the nearest sentence naming someone: its first such mention
            si = doc.sentence_at(eligible[-1].start)
            first = next(p for p in eligible if doc.sentence_at(p.start) == si)
            return _resolve(doc, first) if first.kind != "pronoun" else None
        for prev in reversed(cands):
            if prev.kind == "description" and prev.surface.endswith("s"):
                return prev.surface, _description_country(doc, prev), False, 0.7
        return None
    if m.kind == "description":
        if m.key == "the":
            ante = _antecedent(doc, m)
            if ante is not None:
                return ante.surface, _description_country(doc, ante), False, 0.8
        return m.surface, _description_country(doc, m), False, 0.9
    if m.kind == "org":
        name = re.sub(r"^(?:the|The)\s+", "", m.surface) if m.form != "media" else m.key
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
            if m.kind in ("country", "agency") and _AFTER_PREP.search(text, max(0, m.start - 8), m.start):
                continue  # "Minister X of Norway said": Norway is not the speaker
            g = _GAP.fullmatch(text, m.end, v.start())
            if not g and m.kind == "person":
                of = _OF_PLACE.match(text, m.end, v.start())
                g = of if of and _GAP.fullmatch(text, of.end(), v.start()) else None
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


def _colon_subject(doc: Doc, q: Quote, region_start: int) -> Mention | None:
    """The subject opening the sentence that a colon ends before the quote."""
    sent = doc.sentences[doc.sentence_at(max(region_start, q.open - 2))]
    start = max(region_start, sent.start)
    for m in doc.speakers_starting(start, q.open):
        if doc.in_quote(m.start) or m.kind in ("pronoun",):
            continue
        if m.kind == "country" and re.match(r"(?:In|At|From)\s+$", doc.text[start:m.start]):
            continue  # "In Washington, a senior official was blunter: ..."
        if m.kind in ("person", "description", "org", "agency") and len(doc.text[start:m.start].split()) <= 4:
            return m
        break
    return None


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
        if who is None and re.search(r":\s*$", doc.text[max(region, q.open - 4):q.open]):
            # "A senior official, speaking on condition of anonymity, was blunter: '...'"
            m = _colon_subject(doc, q, region)
            if m is not None:
                who = _resolve(doc, m)
                rule, conf = "quote.colon-attribution.v1", 0.75
        if who is None and q.paragraph > 0 and q.open == doc.paragraphs[q.paragraph].start:
            prev_para = doc.paragraphs[q.paragraph - 1]
            if doc.text[prev_para.start:prev_para.end].rstrip().endswith(":"):
                # "Minister X said:" on its own line, the quote in the next paragraph
                m, conf = _lead_in(doc, q, prev_para.start)
                if m is None:
                    m = _colon_subject(doc, q, prev_para.start)
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
