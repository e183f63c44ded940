"""Claims: who shares intelligence with whom, and who is pulling back.

For each sentence:

1. find status cues (``status_cues`` in cues.yaml) and chain cues that stand
   within a few words of each other ("paused intelligence sharing" is one
   predicate); a chain takes its strongest status (considering > resuming >
   suspending > restricting > sharing);
2. keep a chain only when it is about intelligence: an intelligence term
   stands within ``cue_window`` words and no distractor ("military aid",
   "tariffs") is its nearer object;
3. drop it when negated ("had not passed on") unless the negation denies a
   restriction ("no plans to reduce" -> shares_with), and when hedged:
   "if", "whether" and questions anywhere in the sentence, modals in its
   clause ("could", "might"; but "announced that Korea would stop" is
   reported speech, not a hedge);
4. the partner is the country list after a partner preposition ("with",
   "to", "from", "between"); the actor is the nearest country-bearing
   mention before the chain that is not a modifier ("US-allied", "US allies")
   or a place ("in London"), expanded to its coordinated list; pronouns,
   "the administration" and "the two countries" are resolved;
5. "between X and Y", "X and Y share", "with each other" and exchange verbs go both ways;
6. other partner forms: a double object ("stopped passing Hungary their most
   sensitive assessments" - a partial object after the recipient makes a stop a
   restriction), "its counterparts in Ottawa and Wellington" (capitals), the
   antecedent of "countries with which the NSA exchanges ...", the giver after
   "receive ... from" (actor and partner swap);
7. nominal flows: "the flow of intelligence from X to Y" (X gives; an unnamed X
   is the reporting government body's country), and the noun phrase stays the
   subject of later predicates in its sentence ("..., which had been cut off,
   would be restored"); "data continues to go to Y" with no giver named is the
   article's own side.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..model import Claim, Provenance
from .dates import find_date
from .document import Doc
from .mentions import Mention
from .sentences import Span

_SEP = re.compile(r"\s*(?:[,;(]|\)|[-–—:])?\s*(?:,\s*)?(?:and|or|&|as well as|plus)?\s*(?:the\s+)?")
_WORD = re.compile(r"[\w'’-]+")
_PRONOUN = re.compile(r"(?<![\w-])(it|its|they|their|them|we|our|us|he|his|she|her)(?![\w-])", re.IGNORECASE)
_OBJ_PRONOUN = re.compile(r"\s+(?:it|them|this|that|these|those)(?![\w-])", re.IGNORECASE)
_PASSIVE = re.compile(r"(?:was|were|been|being|is|are|be)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_BOUNDARY = re.compile(r"[;:—]|,\s|(?<![\w-])(?:that|which|who|but|while|although|because|when|and)(?![\w-])",
                       re.IGNORECASE)
# a coordinated main clause after the claim: a hedge there ("..., and the government would decide whether")
# does not reach back
_COORD_CLAUSE = re.compile(r";|,\s+(?:and|but|while|whereas|although|though|yet)\s+(?!if\b|whether\b|unless\b)"
                           r"(?:[\w'’-]+\s+){0,4}?(?:would|will|could|might|may|is|are|was|were|has|have|had|"
                           r"said|says|\w+ed)\s", re.IGNORECASE)
_BY_AGENT = re.compile(r"\s*,?\s*by\s+", re.IGNORECASE)


@dataclass
class Chain:
    status: str
    rank: int
    start: int
    end: int


@dataclass
class Unit:
    """Something that can be a party to a claim: one or more countries at a span."""

    start: int
    end: int
    countries: tuple[str, ...]
    kind: str  # entity, person, org, pronoun, government, pair, members
    mention: Mention | None = None


def _words_between(text: str, a: int, b: int) -> int:
    return len(_WORD.findall(text, a, b)) if b > a else 0


_DETERMINER_BEFORE = re.compile(r"(?<![\w-])(?:the|a|an|this|that)\s+$", re.IGNORECASE)


def _all_cues(doc: Doc) -> list[Chain]:
    """Every status cue in the article, found in one pass per status and sorted."""
    cues: list[Chain] = []
    for rank, (status, rx) in enumerate(doc.pats["status"]):
        for m in rx.finditer(doc.text):
            if doc.pats["restriction_adjective"].fullmatch(m.group()) and _DETERMINER_BEFORE.search(doc.text, max(0, m.start() - 12),
                                                                                  m.start()):
                continue  # "the narrow strip of land", "a limited budget": an adjective, not a predicate
            cues.append(Chain(status, rank, m.start(), m.end()))
    cues.sort(key=lambda c: c.start)
    return cues


def _chains(doc: Doc, sent: Span, cues: list[Chain] | None = None) -> list[Chain]:
    text = doc.text
    if cues is None:
        cues = [c for c in _all_cues(doc) if sent.start <= c.start and c.end <= sent.end]
    chains: list[Chain] = []
    for c in cues:
        if chains:
            last = chains[-1]
            gap = text[last.end:c.start] if c.start > last.end else ""
            gap_words = _words_between(text, last.end, c.start)
            if c.start <= last.end or (not re.search(r"[,;:.]", gap) and (
                    gap_words <= 3 and not _names_party(doc, last.end, c.start)
                    or gap_words <= 6 and _RELATIVE_GAP.search(gap))):
                last.end = max(last.end, c.end)
                if c.rank < last.rank:
                    last.rank, last.status = c.rank, c.status
                continue
        chains.append(Chain(c.status, c.rank, c.start, c.end))
    return chains


# "curbed the operational detail it passes to": a restriction whose object is a relative clause
_RELATIVE_GAP = re.compile(r"(?<![\w-])(?:it|they|we|he|she|that|which)\s+(?:(?:has|have|had|was|were|is|are|"
                           r"would|will|can|could|used\s+to)\s+)?$", re.IGNORECASE)


def _names_party(doc: Doc, start: int, end: int) -> bool:
    """A country named between two cues: "reduced ... passed to Wellington and suspended" are two predicates."""
    return any(m.country and m.kind != "alliance" for m in doc.entities_starting(start, end))


def _intel_terms(doc: Doc, sent: Span) -> tuple[list[re.Match[str]], bool]:
    """Intelligence terms of a sentence, and whether one of them was negated."""
    text = doc.text
    neg = doc.pats["negation"]
    intel = []
    negated_intel = False
    for m in doc.pats["intel"].finditer(text, sent.start, sent.end):
        before = text[max(sent.start, m.start() - 25):m.start()]
        if neg.search(" ".join(before.split()[-2:])):
            negated_intel = True  # "without addressing intelligence", "rather than intelligence exchange"
            continue
        intel.append(m)
    if _topic_count(doc) >= 2:
        weak = list(doc.pats["weak_intel"].finditer(text, sent.start, sent.end))
        if weak:
            intel = sorted(intel + weak, key=lambda m: m.start())
    return intel, negated_intel


def _about_intelligence(doc: Doc, sent: Span, ch: Chain,
                        terms: tuple[list[re.Match[str]], bool] | None = None) -> bool:
    text = doc.text
    window = doc.pats["window"]
    intel, negated_intel = terms if terms is not None else _intel_terms(doc, sent)
    if _OBJ_PRONOUN.match(text, ch.end) and any(m.start() < ch.start for m in intel):
        return True  # "share it": the intelligence was named earlier in the sentence
    if any(m.start() < ch.end and m.end() > ch.start for m in intel):
        return True
    near = [m for m in intel if _words_between(text, ch.end, m.start()) <= window and m.start() >= ch.end
            or _words_between(text, m.end(), ch.start) <= window and m.end() <= ch.start]
    if not near:
        return not negated_intel and _topic_inherited(doc, sent, ch)
    after_intel = [m.start() for m in near if m.start() >= ch.end]
    before_intel = [m for m in near if m.end() <= ch.start and _words_between(text, m.end(), ch.start) <= 2]
    distractors = [m.start() for m in doc.pats["distractor"].finditer(text, ch.end, sent.end)]
    if distractors and not before_intel:
        first_d = min(distractors)
        if not after_intel or first_d < min(after_intel):
            return False
    return True


def _topic_inherited(doc: Doc, sent: Span, ch: Chain) -> bool:
    """A bare sharing verb ("how much to share with the US") in an article about intelligence."""
    text = doc.text
    if not any(w.startswith(doc.pats["topic_verbs"]) for w in text[ch.start:ch.end].lower().split()):
        what = doc.pats["what_it_tells"].match(text, ch.end, sent.end)
        if not what:
            return False
        ent = doc.entities_starting(what.end(), min(sent.end, what.end() + 6))
        return bool(ent and ent[0].country) and not doc.pats["distractor"].search(text, sent.start, sent.end) \
            and _topic_count(doc) >= doc.pats["topic_min"]
    follow = re.match(r"\s+(?:\w+\s+){0,1}?(?:with|to|from)\s", text[ch.end:ch.end + 30]) \
        or doc.pats["briefed_on"].search(text, sent.start, ch.start)
    if not follow and any(w.startswith(doc.pats["give_verbs"]) for w in text[ch.start:ch.end].lower().split()):
        ent = doc.entities_starting(ch.end, min(sent.end, ch.end + 6))
        follow = bool(ent and ent[0].country and re.fullmatch(r"\s+(?:the\s+)?", text[ch.end:ent[0].start]))
    if not follow or doc.pats["distractor"].search(text, sent.start, sent.end):
        return False
    return _topic_count(doc) >= doc.pats["topic_min"]


def _topic_count(doc: Doc) -> int:
    """How often the article (title included) names intelligence."""
    if not hasattr(doc, "_intel_count"):
        doc._intel_count = sum(1 for _ in doc.pats["intel"].finditer(doc.text)) + sum(
            1 for _ in doc.pats["intel"].finditer(doc.article.title or ""))
    return doc._intel_count


def _negated(doc: Doc, sent: Span, ch: Chain) -> bool:
    before = doc.text[max(sent.start, ch.start - 40):ch.start]
    words = before.split()[-3:]
    return bool(doc.pats["negation"].search(" ".join(words)))


def _denial(doc: Doc, sent: Span, ch: Chain) -> bool:
    for m in doc.pats["denial"].finditer(doc.text, sent.start, sent.end):
        if m.start() <= ch.end and m.end() >= ch.start - 2:
            return True
        if 0 <= ch.start - m.end() <= 40 or 0 <= m.start() - ch.end <= 60:
            if m.group().lower().startswith(("remain", "is", "are", "was", "were", "undiminished")):
                return True
    return False


def _hedged(doc: Doc, sent: Span, ch: Chain) -> bool:
    text = doc.text
    for m in doc.pats["hedge_sentence"].finditer(text, sent.start, sent.end):
        if ch.start <= m.start() < ch.end and ch.status == "considers_restricting":
            continue  # "weighing whether to reduce": the hedge is the consideration itself
        if m.start() >= ch.end and not m.group().strip().startswith("?") and \
                _COORD_CLAUSE.search(text, ch.end, m.start()):
            continue  # "X remained committed to sharing with Y, and the government would decide whether ...": another clause
        return True
    clause_start = sent.start
    for b in _BOUNDARY.finditer(text, sent.start, ch.start):
        clause_start = b.end()
    for h in doc.pats["hedge_clause"].finditer(text, clause_start, ch.start):
        word = h.group().lower()
        if word in ("would", "will") and (doc.pats["reported"].search(text, sent.start, h.start())
                                          or doc.pats["trailing_say"].search(text, ch.end, sent.end)):
            continue  # "X would keep exchanging information with Y, he said": reported speech
        return True
    return False


# ----------------------------------------------------------------- parties

def _units(doc: Doc, sent: Span, in_quote: bool) -> list[Unit]:
    """Everything in the sentence that can stand for a party, in order."""
    text = doc.text
    units: list[Unit] = []
    taken: list[tuple[int, int]] = []

    def add(u: Unit) -> None:
        if any(not (u.end <= a or u.start >= b) for a, b in taken):
            return
        units.append(u)
        taken.append((u.start, u.end))

    def ok(pos: int) -> bool:
        return doc.in_quote(pos) == in_quote

    sent_speakers = doc.speakers_starting(sent.start, sent.end)
    for m in sent_speakers:
        if m.kind == "person" and m.country and ok(m.start):
            # a person's title span may hold other entities; the person's name is the unit
            add(Unit(m.start, m.end, (m.country,), "person", m))
    for m in doc.pats["pair"].finditer(text, sent.start, sent.end):
        if ok(m.start()):
            add(Unit(m.start(), m.end(), (), "pair"))
    for m in doc.pats["government"].finditer(text, sent.start, sent.end):
        if ok(m.start()):
            home = _reporter_country(doc, sent, m.start()) or doc.home_country()
            if home:
                add(Unit(m.start(), m.end(), (home,), "government"))
    for m in doc.pats["numbered"].finditer(text, sent.start, sent.end):
        if ok(m.start()):
            members = _numbered_list(doc, m.start(), _NUMBERS[m.group(1).lower()])
            if members:
                add(Unit(m.start(), m.end(), members, "numbered"))
    for m in doc.pats["members_phrase"].finditer(text, sent.start, sent.end):
        if ok(m.start()):
            add(Unit(m.start(), m.end(), (), "members"))
    for m in doc.entities_starting(sent.start, sent.end):
        if m.country and m.kind != "alliance" and ok(m.start):
            add(Unit(m.start, m.end, (m.country,), "entity", m))
    for m in sent_speakers:
        if m.kind == "org" and ok(m.start):
            # an unnamed country's body ("Finnish officials say their Security and Intelligence Service"):
            # the country named just before it in the sentence, else the article's home
            country = m.country or _owner_before(doc, sent, m.start, units) or doc.home_country()
            if country:
                add(Unit(m.start, m.end, (country,), "org", m))
    for m in _PRONOUN.finditer(text, sent.start, sent.end):
        add(Unit(m.start(), m.end(), (), "pronoun"))
    units.sort(key=lambda u: u.start)
    return units


_NUMBERS = {"three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def _numbered_list(doc: Doc, pos: int, n: int) -> tuple[str, ...]:
    """"the four governments": the latest coordinated list of exactly ``n`` countries before ``pos``."""
    text = doc.text
    run: list[str] = []
    prev: Mention | None = None
    for m in reversed(doc.entities_starting(max(0, pos - 3000), pos)):
        if not m.country or m.kind == "alliance" or m.end > pos:
            continue
        if prev is not None:
            g = _SEP.match(text, m.end, prev.start)
            if not (g and g.end() == prev.start and m.end < prev.start):
                if len(dict.fromkeys(run)) == n:
                    break
                run = []
        run.insert(0, m.country)
        prev = m
    uniq = tuple(dict.fromkeys(run))
    return uniq if len(uniq) == n else ()


def _owner_before(doc: Doc, sent: Span, pos: int, units: list[Unit]) -> str | None:
    """"Finnish officials say their Service ...": the country of a possessive pronoun's owner."""
    if not re.search(r"(?<![\w-])(?:their|its|our)\s+(?:[\w-]+\s+){0,2}$", doc.text[max(sent.start, pos - 40):pos],
                     re.IGNORECASE):
        return None
    for u in reversed(units):
        if u.end <= pos and u.kind in ("entity", "person") and len(u.countries) == 1:
            return u.countries[0]
    return None


def _reporter_country(doc: Doc, sent: Span, pos: int) -> str | None:
    """"an Indian official said the government was ...": the government is the speaker's."""
    best = None
    for m in doc.speakers_starting(sent.start, pos):
        if m.end > pos or doc.in_quote(m.start) or not m.country:
            continue
        if m.kind in ("person", "description", "org") and doc.pats["speech"].match(
                doc.text, m.end + len(doc.text[m.end:pos]) - len(doc.text[m.end:pos].lstrip())):
            best = m.country
    if best is None:
        # an unnamed body of the article's own government: "The armed forces ministry said ..."
        for m in doc.speakers_starting(sent.start, pos):
            if m.kind == "description" and not m.country and m.start == sent.start and \
                    doc.pats["government_body"].search(m.surface) and \
                    doc.pats["speech"].match(doc.text, m.end + 1):
                from .officials import _paragraph_locale
                best = _paragraph_locale(doc, m.start) or doc.home_country()
    return best


def _group(doc: Doc, units: list[Unit], i: int, forward: bool) -> list[int]:
    """Indices of the coordinated list holding unit ``i`` ("A, B and C")."""
    text = doc.text
    idx = [i]

    def joined(a: Unit, b: Unit) -> bool:
        if a.mention is not None and b.mention is not None and a.mention.is_demonym != b.mention.is_demonym:
            return False  # "with Kyiv, British officials said": a name and an adjective are not one list
        gap_end = b.start
        g = _SEP.match(text, a.end, gap_end)
        if g and g.end() == gap_end and a.end < gap_end or a.end == gap_end:
            return True
        g = doc.pats["members_gap"].match(text, a.end, gap_end) or doc.pats["hub_gap"].match(text, a.end, gap_end)
        return bool(g and g.end() == gap_end)

    ok_kinds = ("entity", "person", "org")
    j = i
    while forward and j + 1 < len(units):
        if units[j + 1].kind in ok_kinds and joined(units[j], units[j + 1]):
            j += 1
        elif len(idx) == 1 and units[j + 1].kind == "pronoun" and j + 2 < len(units) and \
                units[j + 2].kind in ok_kinds and doc.pats["hub_gap"].fullmatch(text, units[j].end, units[j + 2].start):
            j += 2  # "Ottawa and its Five Eyes partners - the United States, ...": skip the possessive
        else:
            break
        idx.append(j)
    j = i
    while j - 1 >= 0 and units[j - 1].kind in ok_kinds and joined(units[j - 1], units[j]):
        j -= 1
        idx.insert(0, j)
    if forward:
        return idx
    j = idx[-1]
    while j + 1 < len(units) and units[j + 1].kind in ok_kinds and joined(units[j], units[j + 1]):
        j += 1
        idx.append(j)
    return idx


def _pair(doc: Doc, sent: Span, exclude: tuple[int, int]) -> tuple[str, ...]:
    """The two countries of "the two countries": the sentence's, ranked by article frequency."""
    counts = doc.country_counts
    here = []
    for m in doc.entities_starting(sent.start, sent.end):
        if m.country and not (exclude[0] <= m.start < exclude[1]):
            here.append(m.country)
    for m in doc.speakers_starting(sent.start, sent.end):
        if m.kind == "person" and m.country:
            here.append(m.country)
    ranked = sorted(set(here), key=lambda c: -counts.get(c, 0))[:2]
    for c, _ in counts.most_common():
        if len(ranked) >= 2:
            break
        if c not in ranked:
            ranked.append(c)
    return tuple(ranked[:2])


def _alliance_members(doc: Doc, pos: int, memberships: dict[str, set[str]]) -> tuple[str, ...]:
    last = None
    for m in reversed(doc.entities_starting(0, pos)):
        if m.kind == "alliance":
            last = m.key
            break
    if last is None:
        return ()
    members = memberships.get(last) or doc.lexicon.reference.alliance_members.get(last, set())
    return tuple(sorted(members))


def _resolve_unit(doc: Doc, sent: Span, units: list[Unit], k: int, speaker_country: str | None,
                  memberships: dict[str, set[str]]) -> tuple[str, ...]:
    u = units[k]
    if u.kind == "pair":
        return _pair(doc, sent, (u.start, u.end))
    if u.kind == "members":
        return _alliance_members(doc, u.start, memberships)
    if u.kind != "pronoun":
        return u.countries
    word = doc.text[u.start:u.end].lower()
    if word in ("we", "our", "us"):
        return (speaker_country,) if speaker_country else ()
    if word == "them":  # an object: the nearest party named before, wherever it stands
        listed = _reporting_list(doc, sent, units, u.start)
        if listed:
            return listed
        for j in range(k - 1, -1, -1):
            if units[j].kind in ("entity", "person", "org", "government") and units[j].countries:
                return units[j].countries
        return ()
    for j in range(k - 1, -1, -1):  # it/they/he -> the nearest party before it
        v = units[j]
        if v.kind in ("entity", "person", "org", "government", "numbered") and _eligible_actor(doc, sent, units, j):
            if word in ("they", "their") and v.kind in ("entity", "person", "org"):
                # "Sweden and Finland committed to step up the intelligence they share": the whole list
                grp = _group(doc, units, j, forward=False)
                return tuple(c for g in grp for c in units[g].countries)
            return v.countries
    return ()


def _reporting_list(doc: Doc, sent: Span, units: list[Unit], pos: int) -> tuple[str, ...]:
    """"Officials in Tallinn, Riga and Vilnius said ... with them": the list (2+) of the reporting clause."""
    for j in range(len(units) - 1, -1, -1):
        u = units[j]
        if u.end > pos or u.kind not in ("entity", "org") or not u.countries:
            continue
        if doc.pats["said_after"].match(doc.text, u.end):
            grp = _group(doc, units, j, forward=False)
            countries = tuple(dict.fromkeys(c for g in grp for c in units[g].countries))
            if len(countries) >= 2:
                return countries
    return ()


def _eligible_actor(doc: Doc, sent: Span, units: list[Unit], k: int) -> bool:
    """Not a place, a topic or a modifier of someone else."""
    text = doc.text
    pats = doc.pats
    u = units[k]
    head = units[_group(doc, units, k, forward=False)[0]]
    before = text[max(sent.start, head.start - 40):head.start].split()
    while len(before) > 1 and re.sub(r"[^\w-]", "", before[-1].lower()) in doc.pats["directions"]:
        before = before[:-1]  # "reporting on northern Syria"
    prev = re.sub(r"\W", "", before[-1].lower()) if before else ""
    if prev in ("the", "their", "its", "our") and len(before) > 1:
        prev = re.sub(r"\W", "", before[-2].lower())
    if prev in pats["topic_preps"] or prev in pats["partner_preps"]:
        agent = re.sub(r"\W", "", before[-2].lower()) if len(before) > 1 else ""
        if not (prev in ("from", "in") and agent in pats["agent_nouns"]):
            return False
    if u.kind in ("entity", "person") and text[u.end:u.end + 1] == "-" and text[u.end + 1:u.end + 2].isalpha():
        return False  # "US-allied", "Russia-Ukraine"
    after = re.findall(r"[\w-]+", text[u.end:u.end + 40])[:3]
    if u.mention is not None and u.mention.possessive:
        after = after[1:]  # skip the "s" of "America's"
    for w in after[:3]:
        lw = w.lower()
        if lw in pats["relational"]:
            return False
        if lw in pats["agent_nouns"] or not w.isalpha() or lw in ("is", "are", "was", "were", "has", "have", "had", "said", "says"):
            break
    return True


def _partner(doc: Doc, sent: Span, units: list[Unit], ch: Chain, limit_words: int = 10):
    """(first unit index, unit indices, preposition) of the partner after the chain."""
    text = doc.text
    preps = doc.pats["partner_preps"]
    nominal_flow = bool(doc.pats["flow_noun"].match(text, ch.start, ch.end))
    for pm in doc.pats["partner_prep_re"].finditer(text, ch.start, sent.end):  # a cue may wrap its partner
        if _words_between(text, ch.end, pm.start()) > limit_words:
            break
        prep = pm.group(1).lower()
        if doc.pats["origin_before"].search(text, max(ch.end, pm.start() - 30), pm.start()):
            continue  # "material that originated with the Americans": a source, not the recipient
        if nominal_flow and prep == "from":
            continue  # "the flow of data from US flights to Philippine commanders": "from" names the giver
        for k, u in enumerate(units):
            if u.start < pm.end():
                continue
            gap = text[pm.end():u.start]
            words = _WORD.findall(gap)
            if u.kind != "pronoun" and doc.pats["counterparts_in"].fullmatch(gap):
                return k, _group(doc, units, k, forward=True), prep, None  # "to its counterparts in Ottawa"
            if len(words) > 3 or re.search(r"[,;:.]", gap) or any(
                    w.lower() in preps or w.lower() in doc.pats["topic_preps"]
                    or w.lower() in doc.pats["not_partner_words"] for w in words):
                break
            if u.kind == "pronoun" and text[u.start:u.end].lower() not in ("our", "us"):
                if text[u.start:u.end].lower() == "them" and _reporting_list(doc, sent, units, u.start):
                    return k, [k], prep, None  # "Officials in A, B and C said X was sharing with them"
                continue
            idx = _group(doc, units, k, forward=True)
            last = units[idx[-1]]
            if last.mention is not None and last.mention.possessive:
                # "with Britain's Five Eyes partners: the United States, Canada ..."
                colon = re.match(r"[’']s\s+(?:[\w -]{0,40}?)\s*[:–—-]\s*(?:the\s+)?", text[last.end:last.end + 60])
                if colon:
                    for k2 in range(idx[-1] + 1, len(units)):
                        if units[k2].start >= last.end + colon.end() - 1:
                            return k2, _group(doc, units, k2, forward=True), prep, idx
            return k, idx, prep, None
    return None


_FREE_RELATIVE = re.compile(r"(?<![\w-])(?:anything|whatever|everything|nothing)\s+(?:that\s+)?(?:[\w'’-]+\s+){0,2}$",
                            re.IGNORECASE)
_WITH_WHICH = re.compile(r"(?<![\w-])(?:with|to)\s+(?:which|whom)\s+", re.IGNORECASE)


def _relative_partner(doc: Doc, sent: Span, units: list[Unit], ch: Chain):
    """"Denmark, one of the countries with which the NSA exchanges intelligence": the antecedent is the partner."""
    text = doc.text
    last = None
    for m in _WITH_WHICH.finditer(text, sent.start, ch.start):
        last = m
    if last is None or _words_between(text, last.end(), ch.start) > 6:
        return None
    for k in range(len(units) - 1, -1, -1):
        u = units[k]
        if u.end > last.start():
            continue
        if re.match(r"['’]s?\s", text[u.end:u.end + 3]):
            continue  # "the agency's partners": a possessor, not the antecedent
        if u.kind in ("entity", "org", "person") and u.countries:
            return k, _group(doc, units, k, forward=False), "with", None
        if u.kind != "pronoun":
            return None
    return None


_EACH_OTHER = re.compile(r"(?<![\w-])(?:with|to)\s+(?:each\s+other|one\s+another)|(?:among|between)\s+themselves",
                         re.IGNORECASE)
_FLOW_SOURCE = re.compile(r"\s+(?:[\w'’-]+\s+){0,3}?from\s+(?:the\s+)?", re.IGNORECASE)


def _flow_source(doc: Doc, sent: Span, ch: Chain, units: list[Unit], partner_idx: list[int]) -> list[str]:
    """The giver of a nominal flow: "from X" inside the phrase, else the government body reporting it."""
    text = doc.text
    first_partner = min((units[k].start for k in partner_idx), default=sent.end)
    fm = _FLOW_SOURCE.match(text, ch.end, first_partner)
    if fm:
        for u in units:
            if u.start == fm.end() and u.kind in ("entity", "org", "person") and u.countries:
                return list(u.countries)
        if doc.entity_at(fm.end()) is None and re.match(r"[A-Z]", text[fm.end():fm.end() + 1]) is None:
            return []  # "from reconnaissance flights": an unnamed source, not the reporter's
    if doc.in_quote(ch.start):
        return []
    reporter = _reporter_country(doc, sent, ch.start)
    return [reporter] if reporter else []


def _trailing_speaker(doc: Doc, sent: Span, ch: Chain, units: list[Unit]) -> list[str]:
    """The country of a trailing attribution: "..., the Danish minister said."."""
    m = doc.pats["trailing_say"].search(doc.text, ch.end, sent.end)
    if not m:
        return []
    for sp in doc.speakers_starting(m.start(), m.end()):
        if sp.kind in ("person", "description", "org", "agency", "country") and sp.country:
            return [sp.country]
    return []


def _double_object(doc: Doc, sent: Span, units: list[Unit], ch: Chain):
    """"passing Turkey intelligence", "handed Canada lists", "passed them the file": the recipient."""
    text = doc.text
    start = ch.end
    what = None
    if not any(w.startswith(doc.pats["give_verbs"]) for w in text[ch.start:ch.end].lower().split()):
        what = doc.pats["what_it_tells"].match(text, ch.end, sent.end)  # "has curbed what it tells Paris"
        if not what:
            return None
        start = what.end()
    for k, u in enumerate(units):
        if u.start < start:
            continue
        if u.kind == "pronoun" and text[u.start:u.end].lower() in ("his", "her", "its", "their") and \
                re.fullmatch(r"\s+", text[start:u.start]):
            start = u.end  # "passes his Australian counterpart ..."
            continue
        if not re.fullmatch(r"\s+(?:the\s+)?", text[start:u.start]):
            return None
        if u.kind == "pronoun" and text[u.start:u.end].lower() not in ("them", "us"):
            return None
        if u.mention is not None and u.mention.is_demonym and not u.mention.possessive:
            # "passing the Philippine coast guard satellite imagery", "passes his Australian counterpart details"
            body = doc.pats["body_recipient"].match(text, u.end, sent.end)
            if what is not None and doc.pats["body_recipient_end"].match(text, u.end, sent.end):
                return k, [k], "", None  # "cut back what it tells its American counterparts"
            if body and doc.pats["intel"].match(text, body.end()) or body and \
                    doc.pats["weak_intel"].match(text, ch.start) and _topic_count(doc) >= 2:
                return k, [k], "", None
            return None
        if u.mention is not None and u.mention.possessive:
            return None
        if re.match(r"-[a-z]", text[u.end:u.end + 2]):
            return None  # "handing US-derived intelligence": a modifier, not a recipient
        if u.kind not in ("entity", "org", "person", "pronoun", "government"):
            return None
        nxt = text[u.end:u.end + 30].split()
        if nxt and nxt[0].lower().strip(",.;") in doc.pats["relational"] | doc.pats["agent_nouns"]:
            return None
        return k, [k], "", None
    return None


def _by_agent(doc: Doc, sent: Span, units: list[Unit], pos: int) -> tuple[str, list[int]] | None:
    """A passive's agent after ``pos``: ("countries", unit indices) or ("unnamed", []) for "by its allies"."""
    text = doc.text
    bm = _BY_AGENT.match(text, pos, sent.end)
    if not bm:
        return None
    for k, u in enumerate(units):
        if u.start < bm.end():
            continue
        if re.fullmatch(r"(?:the\s+)?", text[bm.end():u.start]) and \
                u.kind in ("entity", "org", "person", "government", "pair", "members"):
            return "countries", _group(doc, units, k, forward=True)
        break
    nxt = re.match(r"(?:(?:its|their|his|her|some|several|other|western|european|allied)\s+)*([\w-]+)",
                   text[bm.end():bm.end() + 60], re.IGNORECASE)
    if nxt and (nxt.group(1).lower() in doc.pats["relational"] or nxt.group(1).lower() in doc.pats["agent_nouns"]):
        return "unnamed", []
    return None


def _actor(doc: Doc, sent: Span, units: list[Unit], ch: Chain, exclude: set[int]) -> list[int]:
    candidates = [k for k, u in enumerate(units) if u.end <= ch.start and k not in exclude]
    for k in reversed(candidates):
        u = units[k]
        if u.kind == "pronoun":
            word = doc.text[u.start:u.end].lower()
            if word in ("he", "his", "she", "her", "them"):
                continue
            return [k]
        if not _eligible_actor(doc, sent, units, k):
            continue
        if u.kind in ("pair", "members", "government", "numbered"):
            return [k]
        return [j for j in _group(doc, units, k, forward=False) if j not in exclude]
    return []


def find_claims(doc: Doc, memberships: dict[str, set[str]] | None = None,
                speaker_of=None) -> list[Claim]:
    """All claims of the article, deduplicated on (actor, status, partner)."""
    memberships = memberships or {}
    text = doc.text
    out: list[Claim] = []
    seen: set[tuple[str, str, str]] = set()
    joint, reciprocal = doc.pats["joint"], doc.pats["reciprocal"]
    all_cues = _all_cues(doc)
    cue_starts = [c.start for c in all_cues]
    pending: tuple[int, int, tuple[str, ...]] | None = None  # (paragraph, sentence, partners) of a passive
    for si, sent in enumerate(doc.sentences):
        lo, hi = bisect.bisect_left(cue_starts, sent.start), bisect.bisect_left(cue_starts, sent.end)
        cues = [c for c in all_cues[lo:hi] if c.end <= sent.end]
        if not cues:
            continue
        chains = _chains(doc, sent, [Chain(c.status, c.rank, c.start, c.end) for c in cues])
        terms = _intel_terms(doc, sent)
        prev_claims: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
        used_as_partner: set[int] = set()
        np_claim: tuple[int, list[tuple[str, str]], set[tuple[str, str]]] | None = None
        covered_until = -1
        units_cache: dict[bool, list[Unit]] = {}
        for ch in chains:
            quote = doc.quote_at(ch.start)
            in_quote = quote is not None
            if in_quote not in units_cache:
                units_cache[in_quote] = _units(doc, sent, in_quote)
            units = units_cache[in_quote]
            speaker_country = speaker_of(quote) if (in_quote and speaker_of) else None
            np_subject = np_claim is not None and ch.status != "shares_with" and (
                not re.search(r"[,;:]", text[np_claim[0]:ch.start]) or _PASSIVE.search(text, np_claim[0], ch.start)
                or re.fullmatch(r"[^,;:]*,\s*", text[np_claim[0]:ch.start]) is not None)
            if not np_subject and not _about_intelligence(doc, sent, ch, terms):
                continue
            status, rule, conf = ch.status, "claim.status-verb.v1", 0.8
            if status == "suspends" and doc.pats["partial"].match(text, ch.end):
                status = "restricts"  # "stopped passing its most sensitive material": a partial stop
            denied = _denial(doc, sent, ch)
            if denied and ch.status != "shares_with":
                status, rule, conf = "shares_with", "claim.denied-restriction.v1", 0.7
            elif _negated(doc, sent, ch) and not denied:
                before = " ".join(text[max(sent.start, ch.start - 40):ch.start].split()[-3:])
                if status == "shares_with" or not doc.pats["neg_denies"].search(before):
                    continue
                status, rule, conf = "shares_with", "claim.negated-restriction.v1", 0.65  # "has not stopped passing"
            if not denied and _hedged(doc, sent, ch):
                continue
            if status == "shares_with" and _FREE_RELATIVE.search(text, max(sent.start, ch.start - 40), ch.start):
                continue  # "anything we give Hungary could end up in Moscow": generic, not a stated act
            if status == "shares_with" and ch.start < covered_until:
                continue  # "curbs on the information its agencies hand to X": the object of a restriction
            if status == "shares_with" and covered_until >= 0 and doc.pats["including"].search(text, sent.start, ch.start):
                continue  # "froze security cooperation with Doha, including the exchange of intelligence"
            long_object = any(w.startswith(doc.pats["give_verbs"]) for w in text[ch.start:ch.end].lower().split())
            found = _partner(doc, sent, units, ch, 13 if long_object else 10) \
                or _double_object(doc, sent, units, ch) \
                or _relative_partner(doc, sent, units, ch)
            partner_idx: list[int] = []
            prep = ""
            possessor: list[int] | None = None
            if found:
                _, partner_idx, prep, possessor = found
                if status == "suspends" and not prep and doc.pats["partial"].match(text, units[partner_idx[-1]].end):
                    status = "restricts"  # "stopped passing Hungary their most sensitive assessments"
            partners: list[str] = []
            for k in partner_idx:
                partners.extend(_resolve_unit(doc, sent, units, k, speaker_country, memberships))
            used_as_partner.update(partner_idx)
            pairs: list[tuple[str, str]] = []
            # passives: "intelligence passed to Canada by the United States", "held back by the US and France"
            tail = max([ch.end] + [units[k].end for k in partner_idx])
            agent = _by_agent(doc, sent, units, tail)
            passive = bool(_PASSIVE.search(text, sent.start, ch.start)) and not re.match(r"\w+ing\b", text[ch.start:ch.end])
            if agent is not None:
                if partners:
                    pending = (sent.paragraph, si, tuple(partners))
                elif passive and pending and pending[0] == sent.paragraph and si - pending[1] <= 2:
                    partners = list(pending[2])
                if agent[0] == "unnamed" or not partners:
                    continue
                actors = []
                for k in agent[1]:
                    actors.extend(_resolve_unit(doc, sent, units, k, speaker_country, memberships))
                used_as_partner.update(agent[1])
                pairs = [(a, b) for a in dict.fromkeys(actors) for b in dict.fromkeys(partners) if a != b]
                rule, conf = "claim.passive-agent.v1", 0.7
                if pairs:
                    ev_start, ev_end = _evidence_span(doc, sent, ch, units, partner_idx + agent[1])
                    when = find_date(text[sent.start:sent.end], doc.lexicon.cues, doc.article.published)
                    for a, b in pairs:
                        if (a, status, b) not in seen:
                            seen.add((a, status, b))
                            out.append(Claim(actor=a, status=status, partner=b, evidence=text[ev_start:ev_end],
                                             prov=Provenance(ev_start, ev_end, rule, conf), date=when))
                continue
            if passive and prep == "from":
                # "Ukraine was cut off from US intelligence": the subject is the partner
                subj = [k for k, u in enumerate(units) if u.end <= ch.start and u.kind in ("entity", "org", "person")
                        and re.fullmatch(r"\s+(?:(?:has|have|had|was|were|is|are|been|being|be)\s+)+(?:\w+ly\s+)?",
                                         text[u.end:ch.start])]
                if subj:
                    idx = _group(doc, units, subj[-1], forward=False)
                    actors = list(partners)
                    partners = [c for k in idx for c in units[k].countries]
                    pairs = [(a, b) for a in dict.fromkeys(actors) for b in dict.fromkeys(partners) if a != b]
                    rule, conf = "claim.passive-subject.v1", 0.65
                    partner_idx = partner_idx + idx
            word = text[ch.start:ch.end].lower()
            cue_words = word.split()
            joint_cue = any(w.startswith(joint) for w in cue_words)
            reciprocal_cue = any(w.startswith(reciprocal) for w in cue_words)
            if pairs:
                pass
            elif prep in ("between", "among", "amongst") and len(set(partners)) >= 2:
                uniq = list(dict.fromkeys(partners))
                hub = len(partner_idx) >= 2 and doc.pats["hub_gap"].fullmatch(
                    text, units[partner_idx[0]].end, units[partner_idx[1]].start)
                if hub:  # "between Ottawa and its partners - A, B": the hub with each, not the partners among themselves
                    h = units[partner_idx[0]].countries
                    pairs = [(a, b) for a in h for b in uniq if a != b] + [(b, a) for a in h for b in uniq if a != b]
                else:
                    pairs = [(a, b) for a in uniq for b in uniq if a != b]
                rule, conf = "claim.between.v1", 0.75
            else:
                exclude = set(partner_idx) | used_as_partner
                actor_idx = _actor(doc, sent, units, ch, exclude)
                actors: list[str] = []
                for k in actor_idx:
                    actors.extend(_resolve_unit(doc, sent, units, k, speaker_country, memberships))
                if actors and not partners and status == "shares_with":
                    # "Canada has been fully briefed on what Turkey had to share": the briefed subject receives
                    bm = doc.pats["briefed_on"].search(text, sent.start, ch.start)
                    if bm:
                        subj = [k for k, u in enumerate(units) if u.end <= bm.start() and
                                u.kind in ("entity", "org", "person") and u.countries and
                                re.fullmatch(r"\s*", text[u.end:bm.start()])]
                        if subj:
                            partners = [c for j in _group(doc, units, subj[-1], forward=False)
                                        for c in units[j].countries]
                if not actors and possessor:
                    for k in possessor:
                        actors.extend(units[k].countries)
                if not actors and partners:
                    # "Sharing with Israel will continue, the British foreign secretary said."
                    actors = _trailing_speaker(doc, sent, ch, units)
                if not actors and partners and doc.pats["intransitive_flow"].match(text, ch.start, ch.end) and \
                        not doc.in_quote(ch.start) and not re.search(r"(?<![\w-])(?:from|by)\s", text[ch.end:sent.end]) \
                        and any(
                            0 <= _words_between(text, m.end(), ch.start) <= 1 and m.end() <= ch.start for m in terms[0]):
                    # "data continues to go to the United States": intelligence with no giver named flows
                    # from the article's own side (its reporter's country, else its home country)
                    home = _reporter_country(doc, sent, ch.start) or doc.home_country()
                    actors = [home] if home else []
                if not actors and partners and doc.pats["noun_cue"].search(text[ch.start:ch.end]):
                    # "the ministry said the flow of intelligence from <its operation> to Malian units ..."
                    actors = _flow_source(doc, sent, ch, units, partner_idx)
                if actor_idx and units[actor_idx[0]].kind == "pronoun" and _PASSIVE.search(text[sent.start:ch.start]) \
                        and prev_claims and not re.match(r"\w+ing\b", text[ch.start:ch.end]):
                    a_prev, p_prev = prev_claims[-1]
                    actors, partners = list(a_prev), list(p_prev)
                    rule, conf = "claim.passive-continuation.v1", 0.6
                if prep == "from" and actors and partners and doc.pats["receive"].match(text, ch.start, ch.end):
                    actors, partners = partners, actors  # "Tokyo receives satellite data from the United States"
                    rule = "claim.receive-from.v1"
                if not partners and len(set(actors)) >= 2 and status == "shares_with" and joint_cue:
                    uniq = list(dict.fromkeys(actors))
                    pairs = [(a, b) for a in uniq for b in uniq if a != b]
                    rule, conf = "claim.joint-subject.v1", 0.7
                else:
                    pairs = [(a, b) for a in dict.fromkeys(actors) for b in dict.fromkeys(partners) if a != b]
                    if status == "shares_with" and reciprocal_cue and prep == "with":
                        pairs += [(b, a) for a, b in pairs]
                    if actor_idx and units[actor_idx[0]].kind in ("pronoun", "government", "pair"):
                        conf = min(conf, 0.65)
                if status == "shares_with" and len(set(actors)) >= 2 and \
                        _EACH_OTHER.search(text, ch.end, min(sent.end, ch.end + 80)):
                    uniq = list(dict.fromkeys(actors))  # "Athens and Nicosia share radar data with each other"
                    pairs += [(a, b) for a in uniq for b in uniq if a != b and (a, b) not in pairs]
                if actors and partners:
                    prev_claims.append((tuple(actors), tuple(partners)))
            if not pairs and status != "shares_with" and np_subject:
                # "Intelligence sharing between Japan and Korea resumed": the noun phrase names the parties
                pairs = list(np_claim[1])
                out[:] = [c for c in out if not (c.status == "shares_with" and (c.actor, c.partner) in np_claim[2])]
                seen.difference_update({(a, "shares_with", b) for a, b in np_claim[2]})
                rule, conf = "claim.noun-subject.v1", 0.7
            if not pairs:
                continue
            if status != "shares_with" and partner_idx:
                covered_until = max(covered_until, max(units[k].end for k in partner_idx))
            if status == "shares_with" and doc.pats["noun_cue"].search(text[ch.start:ch.end]):
                np_claim = (ch.end, list(pairs), {p for p in pairs if (p[0], status, p[1]) not in seen})
            elif rule != "claim.noun-subject.v1":
                np_claim = None  # the noun phrase stays the subject of a second predicate ("cut off ... restored")
            ev_start, ev_end = _evidence_span(doc, sent, ch, units, partner_idx)
            when = find_date(text[sent.start:sent.end], doc.lexicon.cues, doc.article.published)
            for a, b in pairs:
                key = (a, status, b)
                if key in seen:
                    continue
                seen.add(key)
                out.append(Claim(actor=a, status=status, partner=b, evidence=text[ev_start:ev_end],
                                 prov=Provenance(ev_start, ev_end, rule, conf), date=when))
    return out


def _evidence_span(doc: Doc, sent: Span, ch: Chain, units: list[Unit], partner_idx: list[int]) -> tuple[int, int]:
    """From the sentence start to the end of the partner list (or of the cue)."""
    end = max(ch.end, max((units[k].end for k in partner_idx), default=ch.end))
    return sent.start, min(end, sent.end)
