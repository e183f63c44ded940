"""Officials: named people with a role, from titles and appositions.

Two patterns of English news find them:

* title before name: ``[modifiers] ROLE Name`` - "CIA Director John Ratcliffe",
  "White House press secretary Sean Spicer", "then-Foreign Minister Taro Kono";
* apposition: ``Name, [the|then] [Country's] [modifiers] ROLE [of ...],`` -
  "Brian Hughes, spokesman for the White House National Security Council,".

The person's country comes, in order of reliability, from an entity in the
title or apposition ("Ukrainian President", "director of the AIVD"), from a
coordinated title ("Russian Foreign Minister X and Ambassador Y"), from a
"for <Country>" after the names, from another mention of the same person,
from a role that names one country's office ("Secretary of State"), from the
paragraph's locale ("In Tokyo, ..."), from the dateline, and from the
nearest country named before the person in the sentence. Later mentions by
surname ("Hegseth") resolve to the same person.
"""

from __future__ import annotations

import re

from .document import Doc, Person
from .mentions import Mention

_CAP = r"[A-ZÀ-ÖØ-Þ][\w'’]*(?:-[\w'’]+)*"
_INITS = r"(?:[A-Z]\.[ \t]?)*"
_PART = r"(?:van|von|de|da|di|del|der|den|bin|ibn|al|el|le|la|du|dos|das|ter|ten)"
_TOKEN = rf"{_INITS}{_CAP}"
NAME = rf"{_TOKEN}(?:[ \t]+(?:{_PART}[ \t]+)?{_TOKEN}){{0,3}}"
NAME_RE = re.compile(NAME)
_APPOS_BEFORE = re.compile(
    rf"(?P<name>{NAME})\s*,\s*(?:(?:then|now|former|currently|also)[\s-]+)*"
    rf"(?P<det>(?:the|a|an)\s+)?(?:(?:then|now|former|currently|also)[\s-]+)*"
    rf"(?:[A-Z][\w .’'-]{{0,40}}?['’]s\s+)?"
    rf"(?(det)(?:(?!(?:who|which|that|said|says|told|and|but|has|had|was|is|in|at|of|on|for)\s)[a-z][\w-]*\s+){{0,2}})$")
_APPOS_REST = re.compile(r"[^,;:()\n“”\"]*")
_WORDS_BACK = re.compile(r"[\w'’.&-]+|[^\w\s]")
_FOR_COUNTRY = re.compile(r"\s+for\s+(?:the\s+)?")
_IN_PLACE = re.compile(r"(?:In|From|At)\s+")
_LOCATIVE = {"in", "to", "at", "from", "with", "toward", "towards", "visiting", "into"}
_FUNCTION = {"the", "a", "an", "in", "on", "at", "for", "from", "to", "of", "and", "but", "or",
             "as", "by", "with", "after", "before", "during", "since", "under", "over", "it",
             "its", "this", "that", "these", "those", "he", "she", "they", "we", "his", "her",
             "their", "our", "if", "when", "while", "said", "says", "told", "was", "is", "has",
             "had", "have", "were", "are", "who", "which", "including", "between"}


def _clean_name(raw: str, start: int, doc: Doc) -> tuple[str, int, int] | None:
    """Trim a NAME match to a person name; None when it is not one."""
    pats = doc.pats
    months = {m.capitalize() for m in doc.lexicon.cues.get("months", {})}
    parts = [(m.group(), start + m.start(), start + m.end()) for m in re.finditer(r"\S+", raw)]
    kept: list[tuple[str, int, int]] = []
    for word, s, e in parts:
        bare = re.sub(r"['’]s?$", "", word)
        if not bare:
            break
        ent = _entity_at(doc, s)
        if ent is not None and ent.kind != "person":
            break
        if bare in pats["not_name"] and not (kept and bare in months):
            break
        if bare in pats["org_heads"]:
            return None
        kept.append((bare, s, s + len(bare)))
        if bare != word:
            break  # a possessive ends the name
    if not kept:
        return None
    if kept[0][0] in pats["honorifics"]:
        kept = kept[1:]
        if not kept:
            return None
    name = " ".join(w for w, _, _ in kept)
    return name, kept[0][1], kept[-1][2]


def _entity_at(doc: Doc, pos: int) -> Mention | None:
    return doc.entity_at(pos)


def _modifiers_start(doc: Doc, sent_start: int, role_start: int) -> int:
    """Walk left from a role head over the words that belong to its title."""
    pats = doc.pats
    words = list(_WORDS_BACK.finditer(doc.text, sent_start, role_start))
    start = role_start
    for m in reversed(words):
        w = m.group()
        low = w.lower()
        ent = _entity_at(doc, m.start())
        if low in pats["role_modifiers"] or low.startswith("then-") or low.startswith("former-"):
            start = m.start()
        elif ent is not None and ent.kind in ("country", "agency") and not w.endswith(("'s", "’s")):
            start = m.start()
        elif w[:1].isupper() and low not in _FUNCTION and w not in pats["honorifics"] \
                and doc.in_quote(m.start()) == doc.in_quote(role_start):
            start = m.start()
        else:
            break
    return start


def _explicit_country(doc: Doc, start: int, end: int) -> tuple[str | None, str]:
    """First country-bearing entity in a title/apposition that is not a place visited."""
    org = ""
    country = None
    for m in doc.mentions_between(start, end):
        before = doc.text[max(start, m.start - 12):m.start].split()
        if before and before[-1].lower() in _LOCATIVE:
            continue
        if m.kind == "agency" and not org:
            org = doc.lexicon.reference.agency_labels.get(m.key, m.surface)
        elif m.form == "metonym" and not org:
            org = m.surface
        if m.country and country is None:
            country = m.country
    return country, org


def _role_text(doc: Doc, mod_start: int, role_end: int) -> str:
    words = []
    for m in _WORDS_BACK.finditer(doc.text, mod_start, role_end):
        w = m.group()
        ent = _entity_at(doc, m.start())
        if ent is not None and ent.kind in ("country", "agency") and ent.form != "metonym":
            continue
        w = re.sub(r"^(?:then|former)-", "", w)
        if w.lower() in ("then", "former"):
            continue
        words.append(w)
    return " ".join(words)


def find_officials(doc: Doc) -> None:
    """Fill ``doc.persons`` and add person mentions to ``doc.speakers``."""
    found: list[tuple[Person, int, int, int]] = []  # person, name start, name end, title start
    text = doc.text
    for rm in doc.pats["role"].finditer(text):
        rs, re_ = rm.start(), rm.end()
        sent = doc.sentences[doc.sentence_at(rs)]
        mod_start = _modifiers_start(doc, sent.start, rs)
        # title before name
        after = re_
        while after < len(text) and text[after] in " \t":
            after += 1
        nm = NAME_RE.match(text, after) if after > re_ else None
        if nm and doc.sentence_at(nm.start()) == doc.sentence_at(rs):
            cleaned = _clean_name(nm.group(), nm.start(), doc)
            if cleaned:
                name, ns, ne = cleaned
                country, org = _explicit_country(doc, mod_start, re_)
                person = Person(name, _role_text(doc, mod_start, re_), org, country, mod_start, ne,
                                "official.title-name.v1", 0.85, explicit_country=country is not None)
                found.append((person, ns, ne, mod_start))
                continue
        # apposition: "Name, [the] [Country's] ROLE [of ...],"
        window_start = max(sent.start, mod_start - 160)
        am = _APPOS_BEFORE.search(text, window_start, mod_start)
        if not am:
            continue
        cleaned = _clean_name(am.group("name"), am.start("name"), doc)
        if not cleaned:
            continue
        name, ns, ne = cleaned
        if len(name.split()) < 2:
            continue
        rest = _APPOS_REST.match(text, re_)
        app_end = rest.end() if rest else re_
        country, org = _explicit_country(doc, am.end("name"), app_end)
        if not org:
            org = _org_phrase(text[re_:app_end])
        person = Person(name, _role_text(doc, mod_start, re_), org, country, ns, app_end,
                        "official.apposition.v1", 0.8, explicit_country=country is not None)
        found.append((person, ns, ne, ns))
    _resolve_countries(doc, found)
    doc.persons, owner = _merge(found)
    title_spans = [(found[i][0].start, found[i][0].end, owner[i]) for i in range(len(found))]
    _person_mentions(doc, title_spans)


def _org_phrase(complement: str) -> str:
    m = re.search(r"(?:of|for|at)\s+(?:the\s+)?((?:[A-Z][\w-]*\s*)+)", complement)
    return m.group(1).strip() if m else ""


def _resolve_countries(doc: Doc, found: list[tuple[Person, int, int, int]]) -> None:
    """Fill missing countries from the officials list, coordination, "for X", roles, locale, dateline, context."""
    text = doc.text
    for p, *_ in found:
        if not p.explicit_country:
            known = doc.lexicon.official_country(p.name)
            if known:
                p.country, p.explicit_country = known, True
    # coordination and a trailing "for <Country>"
    for i, (p, ns, ne, ts) in enumerate(found):
        if p.country is None and i > 0:
            prev, _, pne, _ = found[i - 1]
            if prev.country and prev.explicit_country and re.fullmatch(r"\s*(?:,|and|,\s*and)\s*", text[pne:ts]):
                p.country = prev.country
        m = _FOR_COUNTRY.match(text, ne)
        if m:
            ent = _entity_at(doc, m.end())
            if ent is not None and ent.country and ent.start == m.end():
                p.country = p.country if p.explicit_country else ent.country
                p.explicit_country = True
                j = i - 1
                while j >= 0 and re.fullmatch(r"\s*(?:,|and|,\s*and)\s*", text[found[j][2]:found[j + 1][3]]):
                    if not found[j][0].explicit_country:
                        found[j][0].country = ent.country
                        found[j][0].explicit_country = True
                    j -= 1
    # the same person named elsewhere with a country
    by_surname: dict[str, str] = {}
    for p, *_ in found:
        if p.explicit_country and p.country:
            by_surname.setdefault(p.surname, p.country)
    for p, ns, ne, ts in found:
        if p.country is None and p.surname in by_surname:
            p.country = by_surname[p.surname]
    # roles that name one country's office
    role_countries = doc.pats["role_countries"]
    for p, ns, ne, ts in found:
        if p.country is None:
            role = p.role.lower()
            for key, iso in role_countries.items():
                if role.endswith(key):
                    p.country = iso
                    break
    # coordination again, now that roles have given countries
    for i, (p, ns, ne, ts) in enumerate(found):
        if p.country is None and i > 0:
            prev, _, pne, _ = found[i - 1]
            if prev.country and re.fullmatch(r"\s*(?:,|and|,\s*and)\s*", text[pne:ts]):
                p.country = prev.country
    for p, ns, ne, ts in found:
        if p.country is None:
            p.country = _context_country(doc, ts, ne)
            p.confidence = min(p.confidence, 0.6)


def _context_country(doc: Doc, start: int, end: int) -> str | None:
    """Locale ("In Tokyo, ...") of the paragraph, dateline, else the nearest country before."""
    si = doc.sentence_at(start)
    para = doc.sentences[si].paragraph
    j = si
    while j >= 0 and doc.sentences[j].paragraph == para:
        s = doc.sentences[j]
        m = _IN_PLACE.match(doc.text, s.start)
        if m:
            ent = _entity_at(doc, m.end())
            if ent is not None and ent.country and ent.start == m.end():
                return ent.country
        j -= 1
    if doc.dateline_country:
        return doc.dateline_country
    sent = doc.sentences[si]
    candidates = [m for m in doc.entities_starting(sent.start, start)
                  if m.country and not doc.in_quote(m.start)]
    if candidates:
        return candidates[-1].country
    after = [m for m in doc.entities_starting(end, sent.end)
             if m.country and not doc.in_quote(m.start)]
    if after:
        return after[0].country
    para_before = [m for m in doc.entities_starting(doc.paragraphs[para].start, start)
                   if m.country and not doc.in_quote(m.start)]
    if para_before:
        return para_before[-1].country
    return None


def _merge(found: list[tuple[Person, int, int, int]]) -> tuple[list[Person], list[Person]]:
    """One person per name (a surname alone joins the full name that ends with it).

    Returns the persons and, for each detection, the person it became.
    """
    persons: list[Person] = []
    owner: list[Person] = []
    for p, *_ in found:
        same = None
        for q in persons:
            a, b = p.name.split(), q.name.split()
            if p.name == q.name or (a[-1] == b[-1] and (len(a) == 1 or len(b) == 1)):
                same = q
                break
        if same is None:
            persons.append(p)
            owner.append(p)
            continue
        owner.append(same)
        if len(p.name.split()) > len(same.name.split()):
            same.name = p.name
        if (p.explicit_country and not same.explicit_country) or same.country is None:
            same.country = p.country or same.country
            same.explicit_country = same.explicit_country or p.explicit_country
        if not same.organization:
            same.organization = p.organization
        if len(p.role) > len(same.role) and p.rule == same.rule:
            same.role = p.role
    return persons, owner


def _person_mentions(doc: Doc, title_spans: list[tuple[int, int, Person]]) -> None:
    """Every mention of a known person: titled spans, then names and surnames."""
    spans: list[Mention] = []
    for start, end, p in title_spans:
        if any(not (end <= m.start or start >= m.end) for m in spans):
            continue
        spans.append(Mention(start, end, "person", p.name, p.country, "title", doc.text[start:end]))
    names: dict[str, str] = {}
    months = {m.capitalize() for m in doc.lexicon.cues.get("months", {})}
    for p in doc.persons:
        names[p.name] = p.name
        if p.surname not in doc.pats["not_name"] and p.surname not in months:
            names.setdefault(p.surname, p.name)
    if names:
        alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        rx = re.compile(rf"(?<![\w-])(?:{alt})(?![\w-])")
        covered = [(s.start, s.end) for s in spans]
        by_name = {p.name: p for p in doc.persons}
        for m in rx.finditer(doc.text):
            if any(a <= m.start() < b for a, b in covered):
                continue
            person = by_name[names[m.group()]]
            poss = doc.text[m.end():m.end() + 2] in ("'s", "’s")
            spans.append(Mention(m.start(), m.end(), "person", person.name, person.country, "name",
                                 m.group(), possessive=poss))
    spans.extend(_title_mentions(doc, spans))
    spans.extend(_known_mentions(doc, spans))
    doc.speakers.extend(spans)
    doc.index_speakers()


def _known_mentions(doc: Doc, taken: list[Mention]) -> list[Mention]:
    """Well-known officials named without a title ("Trump's decision"): mentions, not officials.

    They resolve actors and speakers; the officials list stays those the
    article itself gives a role.
    """
    rx = doc.lexicon.officials_re
    if rx is None:
        return []
    spans = [(m.start, m.end) for m in taken]
    by_surname = {p.surname: p for p in doc.persons}
    out = []
    for m in rx.finditer(doc.text):
        if any(a < m.end() and m.start() < b for a, b in spans):
            continue
        name, country = doc.lexicon.reference.official_surfaces[m.group()]
        person = by_surname.get(name.split()[-1])
        if person is not None:
            name, country = person.name, person.country or country
        poss = doc.text[m.end():m.end() + 2] in ("'s", "’s")
        out.append(Mention(m.start(), m.end(), "person", name, country, "known", m.group(), possessive=poss))
    return out


def _title_mentions(doc: Doc, taken: list[Mention]) -> list[Mention]:
    """"the defence secretary" for the one person in the article whose role ends in "secretary"."""
    heads: dict[str, list[Person]] = {}
    for p in doc.persons:
        words = p.role.lower().split()
        if words:
            heads.setdefault(words[-1], []).append(p)
    unique = {h: ps[0] for h, ps in heads.items()
              if len(ps) == 1 and h.isalpha() and doc.pats["role"].fullmatch(h)}
    if not unique:
        return []
    alt = "|".join(sorted(map(re.escape, unique), key=len, reverse=True))
    rx = re.compile(rf"(?<![\w-])[Tt]he\s+(?:[\w-]+\s+){{0,3}}?({alt})(?![\w-])(?!\s+(?-i:[A-Z]))", re.IGNORECASE)
    out = []
    spans = [(m.start, m.end) for m in taken]
    for m in rx.finditer(doc.text):
        if any(a < m.end() and m.start() < b for a, b in spans):
            continue
        person = unique[m.group(1).lower()]
        out.append(Mention(m.start(), m.end(), "person", person.name, person.country, "title", m.group()))
    return out
