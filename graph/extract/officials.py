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

Also: people defined by their agency ("David Vigneault of Canada's CSIS",
"the Mossad, now headed by David Barnea") and their predecessors ("who took
over from Yossi Cohen"), and well-known officials from the reference data
named without a title outside quotes ("Orban has met Vladimir Putin").
"""

from __future__ import annotations

import functools
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
_FOR_COUNTRY = re.compile(r"\s+(?:for|of|from)\s+(?:the\s+)?")
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
        if bare in pats["not_person"]:
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
        elif ent is not None and ent.kind in ("country", "agency") and ent.possessive \
                and ent.form != "demonym":
            start = m.start()  # "Germany's interior minister": the owner opens the title
            break
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
    while words and (not re.search(r"\w", words[-1]) or words[-1].lower() in ("of", "for", "to", "at", "the", "and")):
        words.pop()
    return " ".join(words)


_COMPLEMENT = re.compile(r"[ \t]+(?:of|for|to|at)[ \t]+(?:the[ \t]+)?")
_RUN_TOKEN = re.compile(r"[ \t]*(,[ \t]*)?([\w'’.-]+)")
_DET_BEFORE = re.compile(r"(?:(?<![\w-])(?:the|his|her|its|their|our|The|His|Her|Its|Their|Our)|['’]s)[ \t]+$")
_NAME_END = re.compile(r"\s*(?:[,;.)]|$|\s(?:said|says|told|and|who|has|had|was|is|will|would|of|from|in|at|on|to)\b)")
_OF_COUNTRY = re.compile(r"[ \t]+(?:of|from)[ \t]+(?:the[ \t]+)?")
_LIST_GLUE = re.compile(r"\s*(?:,\s*and|,|and)\s+")
_LOC_COMPLEMENT = re.compile(r"[ \t]+(?:in|to|at)[ \t]+(?:the[ \t]+)?")
_NAME_BEFORE = re.compile(rf"(?P<name>{NAME})$")
_APPOS_AFTER = re.compile(r"\s*,\s*(?:(?:the|a|an|then|now|former|also)\s+)*")


def _name_like(doc: Doc, word: str, pos: int) -> bool:
    pats = doc.pats
    bare = re.sub(r"['’]s?$", "", word)
    return bool(bare) and bare[:1].isupper() and (bare.isalpha() or re.fullmatch(r"[\w.'’-]+", bare) is not None) \
        and bare not in pats["not_name"] and bare not in pats["not_person"] \
        and bare not in pats["honorifics"] and _entity_at(doc, pos) is None \
        and not (len(bare) > 1 and bare.isupper() and "." not in bare)


def _complement_name(doc: Doc, pos: int, end: int, allow_comma: bool):
    """A name after a title's complement: "Minister of State for Defence Alison Marr".

    Returns (name, name start, name end) or None. The complement is made of
    entity names, title words and "of/for/and/the"; the name is the first run
    of two or three name-like words after it.
    """
    m = _COMPLEMENT.match(doc.text, pos, end)
    if not m:
        return None
    text = doc.text
    cursor = m.end()
    complement = 0
    name: list[tuple[str, int, int]] = []
    for _ in range(12):
        t = _RUN_TOKEN.match(text, cursor, end)
        if not t:
            break
        word, ws, we = t.group(2), t.start(2), t.end(2)
        comma = t.group(1) is not None
        if comma and (name or not allow_comma or not complement):
            break
        if not name and (word in ("of", "for", "and", "the", "on") or _entity_at(doc, ws) is not None
                         or word in doc.pats["not_name"] or word in doc.pats["not_person"]):
            if not word[:1].isupper() and word not in ("of", "for", "and", "the", "on"):
                break
            complement += 1
            cursor = we
            ent = _entity_at(doc, ws)
            if ent is not None:
                cursor = max(cursor, ent.end)
            continue
        if not word[:1].isupper():
            break
        if not _name_like(doc, word, ws):
            if name:
                break
            return None
        if word.endswith(("'s", "’s")):
            break
        name.append((word, ws, we))
        cursor = we
        if len(name) == 4:
            break
    if not name:
        return None
    if not complement and len(name) >= 3:
        name = name[1:]  # "Minister for Europe Stephen Doughty"
        complement = 1
    if not complement or len(name) < 2 or not _NAME_END.match(text, name[-1][2]):
        return None
    if name and name[0][0] in doc.pats["honorifics"]:
        name = name[1:]
    if len(name) < 2:
        return None
    return " ".join(w for w, _, _ in name), name[0][1], name[-1][2]


def _appositive_role(doc: Doc, pos: int, end: int) -> tuple[int, int] | None:
    """Span of a role apposition right after a name: ", deputy chief of Ukraine's HUR,"."""
    text = doc.text
    m = _APPOS_AFTER.match(text, pos, end)
    if not m or "," not in text[pos:m.end()]:
        return None
    rest = _APPOS_REST.match(text, m.end(), end)
    app_end = rest.end() if rest else m.end()
    rm = doc.pats["role"].search(text, m.end(), app_end)
    if rm is None:
        return None
    for w in _WORDS_BACK.finditer(text, m.end(), rm.start()):
        word = w.group()
        if not (word[:1].isupper() or word.lower() in doc.pats["role_modifiers"]):
            return None
    return m.end(), app_end


def find_officials(doc: Doc) -> None:
    """Fill ``doc.persons`` and add person mentions to ``doc.speakers``."""
    found: list[tuple[Person, int, int, int]] = []  # person, name start, name end, title start
    text = doc.text
    unnamed: dict[str, set[str]] = {}  # role head -> countries of unnamed titles ("the US ambassador")
    determiners: dict[int, tuple[str, int]] = {}  # id(person) -> (his/her/its/their, position)

    def add_title_person(name, ns, ne, mod_start, role_end, rule, conf, sent_end):
        country, org = _explicit_country(doc, mod_start, role_end)
        if country is None and ne < len(text):
            app = _appositive_role(doc, ne, sent_end)  # "Major General X, deputy chief of Ukraine's HUR,"
            if app:
                country, org2 = _explicit_country(doc, app[0], app[1])
                org = org or org2 or _org_phrase(text[app[0]:app[1]])
        person = Person(name, _role_text(doc, mod_start, role_end), org, country, mod_start, ne,
                        rule, conf, explicit_country=country is not None)
        found.append((person, ns, ne, mod_start))
        return person

    for rm in doc.pats["role"].finditer(text):
        rs, re_ = rm.start(), rm.end()
        sent = doc.sentences[doc.sentence_at(rs)]
        mod_start = _modifiers_start(doc, sent.start, rs)
        det = _DET_BEFORE.search(text, max(sent.start, mod_start - 12), mod_start)
        if text[mod_start:re_].split()[0].endswith(("'s", "’s")):
            det = det or re.match(r"", text[mod_start:])  # an owner ("Germany's") is a determiner too
        # title before name
        after = re_
        while after < len(text) and text[after] in " \t":
            after += 1
        nm = NAME_RE.match(text, after) if after > re_ else None
        if nm and doc.sentence_at(nm.start()) == doc.sentence_at(rs):
            cleaned = _clean_name(nm.group(), nm.start(), doc)
            if cleaned:
                name, ns, ne = cleaned
                add_title_person(name, ns, ne, mod_start, re_, "official.title-name.v1", 0.85, sent.end)
                continue
        # title with a complement: "Minister of State for Defence Alison Marr", "the head of MI6, Richard Moore"
        cn = _complement_name(doc, re_, sent.end, allow_comma=det is not None)
        if cn:
            name, ns, ne = cn
            add_title_person(name, ns, ne, mod_start, ns, "official.title-complement.v1", 0.8, sent.end)
            continue
        # a determined title, a comma and names: "Her spokesman, Steffen Seibert," /
        # "his counterparts, Shin Won-sik of South Korea and Minoru Kihara of Japan"
        role_end = re_
        loc = _LOC_COMPLEMENT.match(text, re_, sent.end) if det is not None else None
        if loc:  # "The US ambassador in Budapest, David Pressman,"
            ent = _entity_at(doc, loc.end())
            if ent is not None and ent.start == loc.end() and ent.country:
                role_end = ent.end
        if det is not None and text[role_end:role_end + 1] == ",":
            pos = role_end + 1
            got = False
            while True:
                while pos < sent.end and text[pos] in " \t":
                    pos += 1
                nm = NAME_RE.match(text, pos, sent.end)
                if not nm:
                    break
                cleaned = _clean_name(nm.group(), nm.start(), doc)
                if not cleaned or len(cleaned[0].split()) < 2 or cleaned[2] != nm.end() \
                        or not _NAME_END.match(text, cleaned[2]):
                    break
                name, ns, ne = cleaned
                country, org = _explicit_country(doc, mod_start, re_)
                of = _OF_COUNTRY.match(text, ne, sent.end)
                end = ne
                if of:
                    ent = _entity_at(doc, of.end())
                    if ent is not None and ent.country and ent.start == of.end():
                        country, end = ent.country, ent.end
                person = Person(name, _role_text(doc, mod_start, re_), org, country, mod_start if not got else ns,
                                ne, "official.title-comma.v1", 0.75, explicit_country=country is not None)
                found.append((person, ns, ne, mod_start if not got else ns))
                determiners[id(person)] = (det.group().strip().lower(), mod_start)
                got = True
                glue = _LIST_GLUE.match(text, end, sent.end)
                if not glue:
                    break
                pos = glue.end()
            if got:
                continue
        # apposition: "Name, [the] [Country's] ROLE [of ...],"
        if det is not None:
            country, _ = _explicit_country(doc, mod_start, re_)
            if country:
                unnamed.setdefault(rm.group().lower().split()[-1], set()).add(country)
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
    _who_heads(doc, found)
    _affiliations(doc, found)
    found.sort(key=lambda f: f[1])
    _predecessors(doc, found)
    found.sort(key=lambda f: f[1])
    _resolve_countries(doc, found, unnamed, determiners)
    doc.persons, owner = _merge(found)
    title_spans = [(found[i][0].start, found[i][0].end, owner[i]) for i in range(len(found))]
    _person_mentions(doc, title_spans)


def _who_heads(doc: Doc, found: list[tuple[Person, int, int, int]]) -> None:
    """"Bruno Kahl, who heads the BND," - a person defined by the body they lead."""
    text = doc.text
    taken = {f[1] for f in found}
    for m in doc.pats["who_heads"].finditer(text):
        sent = doc.sentences[doc.sentence_at(m.start())]
        nb = _NAME_BEFORE.search(text, max(sent.start, m.start() - 60), m.start())
        if not nb:
            continue
        cleaned = _clean_name(nb.group("name"), nb.start("name"), doc)
        if not cleaned or len(cleaned[0].split()) < 2 or cleaned[1] in taken:
            continue
        name, ns, ne = cleaned
        rest = _APPOS_REST.match(text, m.end())
        app_end = rest.end() if rest else m.end()
        country, org = _explicit_country(doc, m.end(), app_end)
        org = org or text[m.end():app_end].strip()
        role = "chair" if m.group(1) == "chairs" else "head"
        found.append((Person(name, role, org, country, ns, app_end, "official.who-heads.v1", 0.7,
                             explicit_country=country is not None), ns, ne, ns))


_NAME_OF = re.compile(rf"(?P<name>{NAME})[ \t]+(?:of|at|from)[ \t]+(?:the[ \t]+)?$")
_HEADED_BY = re.compile(rf"[ \t]*,?[ \t]*(?:(?:now|currently|then|since|which\s+is|who\s+(?:is|are))[ \t]+)?"
                        rf"(?:headed|led|run|directed|chaired|commanded)[ \t]+by[ \t]+(?P<name>{NAME})")


@functools.lru_cache(maxsize=8)
def _succeeds_re(verbs: str) -> re.Pattern[str]:
    """", who took over from Y": ``verbs`` is the cue alternation of succession verbs."""
    return re.compile(rf",?[ \t]*(?:who[ \t]+)?(?:{verbs})[ \t]+(?P<name>{NAME})")


def _affiliations(doc: Doc, found: list[tuple[Person, int, int, int]]) -> None:
    """People defined by the agency they belong to or lead: "David Vigneault of Canada's CSIS",
    "the Mossad, now headed by David Barnea"."""
    text = doc.text
    taken = {f[1] for f in found}
    ents = doc.entities
    for i, ag in enumerate(ents):
        if ag.kind != "agency" or not ag.country or doc.in_quote(ag.start):
            continue
        sent = doc.sentences[doc.sentence_at(ag.start)]
        at = ag.start
        if i > 0 and ents[i - 1].kind == "country" and ents[i - 1].possessive and ag.start - ents[i - 1].end <= 4:
            at = ents[i - 1].start  # "of Canada's CSIS"
        nb = _NAME_OF.search(text, max(sent.start, at - 60), at)
        hb = _HEADED_BY.match(text, ag.end, sent.end)
        for m, role, rule in ((nb, "official", "official.name-of-agency.v1"), (hb, "head", "official.headed-by.v1")):
            if not m:
                continue
            cleaned = _clean_name(m.group("name"), m.start("name"), doc)
            if not cleaned or len(cleaned[0].split()) < 2 or cleaned[1] in taken \
                    or cleaned[2] != m.end("name") or not _NAME_END.match(text, cleaned[2]):
                continue
            name, ns, ne = cleaned
            org = doc.lexicon.reference.agency_labels.get(ag.key, ag.surface)
            taken.add(ns)
            found.append((Person(name, role, org, ag.country, ns, ne, rule, 0.7, explicit_country=True), ns, ne, ns))


def _predecessors(doc: Doc, found: list[tuple[Person, int, int, int]]) -> None:
    """"X, who took over from Y in June": Y held X's office before."""
    text = doc.text
    taken = {f[1] for f in found}
    for p, ns, ne, ts in list(found):
        if not p.country:
            continue
        m = _succeeds_re(doc.pats["succession_verbs"]).match(text, ne, doc.sentences[doc.sentence_at(ne)].end)
        if not m:
            continue
        cleaned = _clean_name(m.group("name"), m.start("name"), doc)
        if not cleaned or len(cleaned[0].split()) < 2 or cleaned[1] in taken or not _NAME_END.match(text, cleaned[2]):
            continue
        name, s2, e2 = cleaned
        taken.add(s2)
        found.append((Person(name, f"former {p.role}".strip(), p.organization, p.country, s2, e2,
                             "official.predecessor.v1", 0.6, explicit_country=True), s2, e2, s2))


def _org_phrase(complement: str) -> str:
    m = re.search(r"(?:of|for|at)\s+(?:the\s+)?((?:[A-Z][\w-]*\s*)+)", complement)
    return m.group(1).strip() if m else ""


def _resolve_countries(doc: Doc, found: list[tuple[Person, int, int, int]],
                       unnamed: dict[str, set[str]] | None = None,
                       determiners: dict[int, tuple[str, int]] | None = None) -> None:
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
    # "Its spokesman, X" / "Her spokesman, X": the owner named just before
    for i, (p, ns, ne, ts) in enumerate(found):
        if p.country is None and determiners and id(p) in determiners:
            word, pos = determiners[id(p)]
            p.country = _owner_country(doc, found[:i], word, pos)
    # the same title given unnamed with a country: "the US ambassador to Canada ... Ambassador X"
    for p, ns, ne, ts in found:
        if p.country is None and unnamed and p.role:
            countries = unnamed.get(p.role.lower().split()[-1], set())
            if len(countries) == 1:
                p.country = next(iter(countries))
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


def _owner_country(doc: Doc, before: list[tuple[Person, int, int, int]], word: str, pos: int) -> str | None:
    """Country of "his"/"her" (the last person named) or "its"/"their" (the previous sentence's subject)."""
    if word in ("his", "her"):
        for p, *_ in reversed(before):
            if p.country:
                return p.country
        return None
    if word in ("its", "their"):
        si = doc.sentence_at(pos)
        sent = doc.sentences[si]
        here = [m for m in doc.entities_starting(sent.start, pos) if m.country and not doc.in_quote(m.start)]
        if here:
            return here[0].country
        if si > 0:
            prev = doc.sentences[si - 1]
            ents = [m for m in doc.entities_starting(prev.start, prev.end) if m.country and not doc.in_quote(m.start)]
            if ents:
                return ents[0].country
    return None


def _paragraph_locale(doc: Doc, start: int) -> str | None:
    """The country of a paragraph's locale: "In Tokyo, ..." opening one of its sentences up to ``start``,
    or a dateline opening the paragraph ("PARIS - ...", as in news roundups)."""
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
    p = doc.paragraphs[para]
    if para > 0:  # the article's own dateline is doc.dateline_country
        d = _PARA_DATELINE.match(doc.text, p.start, min(p.end, p.start + 40))
        if d:
            ent = _entity_at(doc, p.start)
            if ent is not None and ent.country and ent.end <= d.end(1) + 1:
                return ent.country
    return None


_PARA_DATELINE = re.compile(r"([A-Z][A-Z.'’ ]{2,30}?)\s*(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s*)?(?:\(|[-–—]{1,2}\s)")


_SUBJECT_VERB = re.compile(r"(?:['’]s(?:\s+[a-z][\w-]*){1,3}?)?\s+(?:has\s+|have\s+|had\s+|also\s+|quickly\s+|"
                           r"swiftly\s+)?[a-z]+(?:ed|s)(?![\w-])")
_AFTER_QUOTE = re.compile(r"[\"“‘«][^\"”’»]*[\"”’»][\s,.;:!?—–-]*")


def _context_country(doc: Doc, start: int, end: int) -> str | None:
    """Locale ("In Tokyo, ...") of the paragraph, dateline, else the nearest country before."""
    si = doc.sentence_at(start)
    para = doc.sentences[si].paragraph
    locale = _paragraph_locale(doc, start)
    if locale:
        return locale
    sent = doc.sentences[si]
    opens = start == sent.start or _AFTER_QUOTE.fullmatch(doc.text, sent.start, start) is not None
    if opens and si > 0 and doc.sentences[si - 1].paragraph == para:
        # "Moscow dismissed the accusations. Foreign ministry spokeswoman X ...": the previous subject's
        prev = doc.sentences[si - 1]
        at = prev.start
        d = _PARA_DATELINE.match(doc.text, at, min(prev.end, at + 40))
        if d and d.group(1).strip().isupper():
            at = d.end()  # "LONDON - Ankara was furious.": the dateline is not the subject
        first = doc.entities_starting(at, at + 5)
        if first and first[0].country and first[0].kind == "country" and not first[0].is_demonym \
                and _SUBJECT_VERB.match(doc.text, first[0].end):
            return first[0].country
    if doc.dateline_country:
        return doc.dateline_country
    candidates = [m for m in doc.entities_starting(sent.start, start)
                  if m.country and not doc.in_quote(m.start)]
    if candidates:
        return candidates[-1].country
    after = [m for m in doc.entities_starting(end, sent.end)
             if m.country and not doc.in_quote(m.start)]
    if after:
        return after[0].country
    home = doc.home_country()
    if home and opens:
        return home  # a bare title opening a sentence: the article's own country, not the last one named
    para_before = [m for m in doc.entities_starting(doc.paragraphs[para].start, start)
                   if m.country and not doc.in_quote(m.start)]
    if para_before:
        return para_before[-1].country
    return home


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
    known = _known_mentions(doc, spans)
    spans.extend(known)
    doc.speakers.extend(spans)
    doc.index_speakers()
    _known_officials(doc, known)


def _known_officials(doc: Doc, known: list[Mention]) -> None:
    """A well-known official the article names as a person (outside quotes) is one of its officials,
    even without a title: "Orban has met Vladimir Putin", "the Trump administration" (as annotated).
    Names only quoted ("on Biden's watch", a speaker's words) do not count."""
    have = {p.surname for p in doc.persons}
    roles = doc.lexicon.reference.official_roles
    for m in known:
        surname = m.key.split()[-1]
        if surname in have or doc.in_quote(m.start):
            continue
        have.add(surname)
        doc.persons.append(Person(m.key, roles.get(m.key, ""), "", m.country, m.start, m.end,
                                  "official.known-name.v1", 0.6, explicit_country=True))


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
