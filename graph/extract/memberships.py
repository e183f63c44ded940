"""Memberships: which countries the article says belong to an alliance.

A membership is stated, not inferred from reference data: an alliance name
followed by the list of its members ("the Five Eyes nations (UK, Australia,
Canada, and New Zealand)", "AUKUS, the 2021 pact between Australia, Britain
and the United States", "Britain's Five Eyes partners: the United States,
Canada ..."), or a predicate ("The United States is the fifth member of that
alliance"). Lists that *add* to a group ("which adds Denmark ... to the
original five", "which also takes in Canada") carry over the members already
stated for the group before it in the article, or the countries named before
it in the same sentence.
"""

from __future__ import annotations

import re

from ..model import Membership, Provenance
from ..vocab import slug
from .claims import _pair
from .document import Doc
from .mentions import Mention
from .sentences import Span

_LIST_SEP = re.compile(r"\s*(?:,\s*)?(?:and\s+|or\s+|&\s+)?(?:the\s+)?")
_SKIP = re.compile(r"[\"”’'»]*")
_SUBJ_GAP = re.compile(r"\s*,?\s*(?:(?:which|who|that)\s+)?(?:(?:has|have|had|also|formally|finally|itself)\s+)*")


# "A and B sit together in the Quad, alongside C and D": the rest of the list
_ALONGSIDE = re.compile(r"\s*,?\s*(?:alongside|along with|together with)\s+(?:the\s+)?")
_BEFORE_GROUP_ADJ = re.compile(r"\s*(?:,|\(|-|–|—)\s*(?:all|both|each)\s+(?:of them\s+)?(?:fellow\s+)?$")
_GROUP_AND = re.compile(r"\s*(?:,\s*)?(?:and|or|as well as)\s+(?:of\s+)?(?:the\s+)?|\s*,\s*(?:the\s+)?")
_NEST_WITH = re.compile(r"(?<![\w-])(?:with|plus|and\s+adds|to\s+include|along\s+with|together\s+with)\s+(?:the\s+)?")


def _country_list(doc: Doc, pos: int, end: int) -> list[Mention]:
    """Country names (or, all of them, demonyms) forming a list that starts at ``pos``."""
    out: list[Mention] = []
    ents = [m for m in doc.entities_starting(pos, end) if m.kind == "country"]
    cursor = pos
    for m in ents:
        gap = doc.text[cursor:m.start]
        g = _LIST_SEP.fullmatch(gap) if out else re.fullmatch(r"\s*(?:the\s+)?", gap)
        if not g:
            break
        if out and m.is_demonym != out[0].is_demonym:
            break
        out.append(m)
        cursor = m.end
    if out and out[0].is_demonym and len(out) < 2:
        return []
    return out


def _country_list_back(doc: Doc, end: int, start: int) -> list[Mention]:
    """Country names forming a list that ends at ``end`` ("Germany, France and Norway - all members of")."""
    ents = [m for m in doc.entities_starting(start, end) if m.kind == "country" and not m.is_demonym]
    out: list[Mention] = []
    cursor = end
    for m in reversed(ents):
        gap = doc.text[m.end:cursor]
        if not (re.fullmatch(r"\s*", gap) if not out else _LIST_SEP.fullmatch(gap)):
            break
        before = doc.text[max(start, m.start - 4):m.start]
        out.insert(0, m)
        cursor = m.start
        if re.search(r"the\s+$", before):
            cursor = m.start - len(before) + before.rfind("the")
    return out


def _group_mentions(doc: Doc) -> list[Mention]:
    """Known alliances, and capitalised group names the reference data lacks ("the Bucharest Nine")."""
    known = [m for m in doc.entities if m.kind == "alliance"]
    spans = [(m.start, m.end) for m in known]
    out = list(known)
    for g in doc.pats["group_name"].finditer(doc.text):
        s, e = g.start(), g.end()
        words = g.group().split()
        while words and (words[0] in doc.pats["not_name"] and words[0] not in ("Five", "Nine", "Six", "Seven")
                         or words[0] in ("of", "for", "and")):
            s = doc.text.index(words[1], s + len(words[0])) if len(words) > 1 else e
            words = words[1:]
        if not words or (len(words) < 2 and not re.fullmatch(r"G-?\d{1,2}|Quint|Quartet|E3|P5", words[0])):
            continue
        if any(a < e and s < b for a, b in spans):
            continue
        ent = doc.entity_at(s)
        if ent is not None and ent.end >= e:
            continue
        name = doc.text[s:e]
        out.append(Mention(s, e, "alliance", slug(name), None, "group", name))
    out.sort(key=lambda m: m.start)
    return out


def find_memberships(doc: Doc) -> list[Membership]:
    """Memberships stated in the article, one per (member, alliance)."""
    text = doc.text
    labels = doc.lexicon.reference.alliance_labels
    stated: dict[str, set[str]] = {}
    out: list[Membership] = []
    seen: set[tuple[str, str]] = set()
    last_alliance: str | None = None
    previous_group: dict[str, str | None] = {}

    def emit(member: str, group: str, sent_start: int, sent_end: int, rule: str, conf: float) -> None:
        if (member, group) in seen:
            return
        seen.add((member, group))
        stated.setdefault(group, set()).add(member)
        out.append(Membership(member, group, labels.get(group, group), text[sent_start:sent_end],
                              Provenance(sent_start, sent_end, rule, conf)))

    alliances = _group_mentions(doc)
    prev_list: tuple[int, int, list[Mention]] | None = None  # sentence, end, members stated before a group
    for a in alliances:
        if a.form == "group":
            labels = {**labels, a.key: a.surface}
        previous_group[a.key + f"@{a.start}"] = last_alliance
        sent = doc.sentences[doc.sentence_at(a.start)]
        pos = _SKIP.match(text, a.end).end()
        members: list[Mention] = []
        additive = False
        for rx in doc.pats["membership_intro"]:
            m = rx.match(text, pos, sent.end)
            if m:
                members = _country_list(doc, m.end(), sent.end)
                if len(members) >= 1:
                    additive = bool(doc.pats["additive"].search(m.group())) or bool(
                        doc.pats["additive"].search(text[m.end():sent.end][:200]))
                    break
        if len(members) < 2:
            # "The Five Eyes, which binds New Zealand to the United States, Britain, Canada and Australia"
            bm = doc.pats["binds"].match(text, pos, sent.end)
            if bm:
                first = _country_list(doc, bm.end(), sent.end)
                if first:
                    tm = _BINDS_TO.match(text, first[-1].end, sent.end)
                    rest = _country_list(doc, tm.end(), sent.end) if tm else []
                    if rest:
                        members = first + rest
        # "Britain's Five Eyes partners: ..." -> Britain too
        owner = [m for m in doc.entities_starting(max(sent.start, a.start - 60), a.start)
                 if m.kind == "country" and (m.possessive and 0 <= a.start - m.end <= 4 or not m.is_demonym and
                                             _AND_ITS.fullmatch(text, m.end, a.start))]
        if len(members) < 2 and not additive:
            members, additive = _members_before(doc, a, sent.start), False
            al = _ALONGSIDE.match(text, _SKIP.match(text, a.end).end()) if members else None
            if al:
                members = members + _country_list(doc, al.end(), sent.end)
            if not members and prev_list is not None and prev_list[0] == sent.start and \
                    _GROUP_AND.fullmatch(text, prev_list[1], a.start):
                members = prev_list[2]  # "both members of the Joint Expeditionary Force and NATO"
            prev_list = (sent.start, a.end, members) if members else None
        else:
            prev_list = None
        if members and (len(members) >= 2 or additive and a.form != "group"):
            group = a.key
            for m in owner + members:
                emit(m.country, group, sent.start, sent.end, "membership.list.v1", 0.85)
            if additive:
                prev = last_alliance if last_alliance != group else None
                if prev and prev in stated:
                    for iso in sorted(stated[prev]):
                        emit(iso, group, sent.start, sent.end, "membership.additive.v1", 0.7)
                else:
                    for m in doc.entities_starting(sent.start, a.start):
                        if m.kind == "country" and m.form != "demonym" and not m.possessive:
                            emit(m.country, group, sent.start, sent.end, "membership.additive.v1", 0.65)
        last_alliance = a.key
    # nesting: "the Nine Eyes, which joins the Five Eyes countries - A, B ... - with C, D and E"
    for a in alliances:
        nm = doc.pats["nests"].match(text, _SKIP.match(text, a.end).end())
        if not nm:
            continue
        inner = next((b for b in alliances if b.start == nm.end()), None)
        if inner is None or inner.key == a.key or inner.key not in stated:
            continue
        sent = doc.sentences[doc.sentence_at(a.start)]
        wm = _NEST_WITH.search(text, inner.end, sent.end)
        if wm:  # only the inner group's own member list may stand between it and "with"
            gap = text[inner.end:wm.start()]
            for m in reversed(doc.entities_starting(inner.end, wm.start())):
                if m.kind == "country":
                    gap = gap[:m.start - inner.end] + gap[m.end - inner.end:]
            if re.sub(r"(?i:\b(?:and|the|countries|nations|members|partners|states)\b)|[\s,()–—-]", "", gap):
                wm = None
        extra = _country_list(doc, wm.end(), sent.end) if wm else []
        if not extra:
            continue
        for iso in sorted(stated[inner.key]):
            emit(iso, a.key, sent.start, sent.end, "membership.nested.v1", 0.75)
        for m in extra:
            emit(m.country, a.key, sent.start, sent.end, "membership.nested.v1", 0.75)
        if a.form == "group":
            labels = {**labels, a.key: a.surface}
    # predicates: "X is the fifth member of that alliance", "X joined NATO", "X, which joined NATO in 1952",
    # "Greece is a member of both NATO and the European Union", "Both countries are members of NATO"
    group_at = {g.start: g for g in alliances}

    def group_here(pos: int) -> Mention | None:
        """The alliance named at ``pos`` (after an optional "the")."""
        pos = _SKIP.match(text, pos).end()
        for p in (pos, re.match(r"(?:the\s+)?", text[pos:pos + 4]).end() + pos):
            hit = group_at.get(p) or doc.entity_at(p)
            if hit is not None and hit.kind == "alliance" and hit.start == p:
                return hit
        return None

    def excluded(sent: Span, subj_start: int, end: int) -> bool:
        """A negation, wish, application or condition from just before the subject to the group."""
        lead = text[max(sent.start, subj_start - 25):subj_start]
        lead = re.split(r"[,;:(—–]", lead)[-1]
        return bool(doc.pats["membership_exclusion"].search(lead + text[subj_start:end]))

    def groups_from(first: Mention, sent_end: int) -> list[Mention]:
        """"NATO and (of) the European Union": the group named first and those coordinated with it."""
        out_groups = [first]
        while True:
            gm = _SINGLE_AND.match(text, out_groups[-1].end, sent_end)
            nxt = group_here(gm.end()) if gm else None
            if nxt is None or nxt.start < gm.end() - 4:
                return out_groups
            out_groups.append(nxt)

    def subjects(sent: Span, pos: int) -> tuple[list[str], int] | None:
        """The country (or "both countries") right before ``pos``, and where it starts."""
        gap_start = None
        for pm in doc.pats["pair"].finditer(text, sent.start, pos):
            if _SUBJ_GAP.fullmatch(text, pm.end(), pos):
                gap_start = pm
        if gap_start is not None:
            pair = [c for c in _pair(doc, sent, (gap_start.start(), gap_start.end())) if c]
            return (pair, gap_start.start()) if len(pair) == 2 else None
        subj = [m for m in doc.entities_starting(sent.start, pos)
                if m.end <= pos and m.kind == "country" and m.form != "demonym"]
        if not subj or not _SUBJ_GAP.fullmatch(text, subj[-1].end, pos):
            return None
        return [subj[-1].country], subj[-1].start

    for sent in doc.sentences:
        if text[sent.start:sent.end].rstrip(" \"”’'").endswith("?"):
            continue  # "Will Japan join the Five Eyes?": a question states no membership
        for rx in doc.pats["membership_pred"]:
            for pm in rx.finditer(text, sent.start, sent.end):
                who = subjects(sent, pm.start())
                if who is None:
                    continue
                members_, subj_start = who
                target = group_here(pm.end())
                found: list[Mention] = []
                group = None
                if target is not None:
                    found = groups_from(target, sent.end)
                elif doc.pats["group_ref_after"].match(text, pm.end()):
                    before = [m for m in doc.entities_starting(0, pm.start()) if m.kind == "alliance"]
                    group = before[-1].key if before else None
                end = found[-1].end if found else pm.end()
                if (found or group) and excluded(sent, subj_start, end):
                    continue
                for g in found:
                    if g.form == "group":
                        labels = {**labels, g.key: g.surface}
                    for iso in members_:
                        emit(iso, g.key, sent.start, sent.end, "membership.predicate.v1", 0.8)
                if group:
                    for iso in members_:
                        emit(iso, group, sent.start, sent.end, "membership.predicate.v1", 0.8)
        # one country at a time around a group name: "NATO member Turkey", "Turkey, a NATO member since 1952",
        # "Finland became the alliance's 31st member" (the alliance: the group last named)
        for g in [a for a in alliances if sent.start <= a.start < sent.end]:
            pm = doc.pats["membership_premodifier"].match(text, g.end, sent.end)
            if pm:
                c = doc.entity_at(pm.end())
                if c is not None and c.kind == "country" and c.start == pm.end() and c.form != "demonym" \
                        and not c.possessive and not excluded(sent, g.start, c.end):
                    emit(c.country, g.key, sent.start, sent.end, "membership.single.v1", 0.75)
            tm = doc.pats["membership_apposition_tail"].match(text, g.end, sent.end)
            if tm:
                for c in doc.entities_starting(max(sent.start, g.start - 60), g.start):
                    if c.kind != "country" or c.form == "demonym" or c.end > g.start:
                        continue
                    am = doc.pats["membership_apposition"].match(text, c.end, g.start + 1)
                    if am and am.end() == g.start and not excluded(sent, c.start, tm.end()):
                        emit(c.country, g.key, sent.start, sent.end, "membership.single.v1", 0.75)
        for om in doc.pats["membership_ordinal"].finditer(text, sent.start, sent.end):
            who = subjects(sent, om.start())
            if who is None:
                continue
            g = group_here(om.end())
            ref = doc.pats["group_ref_possessor"].match(text, om.end()) if g is None else None
            tail_at = g.end if g is not None else ref.end() if ref else None
            tail = doc.pats["membership_ordinal_tail"].match(text, tail_at, sent.end) if tail_at else None
            if not tail or excluded(sent, who[1], tail.end()):
                continue
            if g is None:
                before = [a for a in alliances if a.end <= om.start()]
                if not before:
                    continue
                g = before[-1]
            for iso in who[0]:
                emit(iso, g.key, sent.start, sent.end, "membership.single.v1", 0.75)
    # anaphoric: "Like Turkey, a member since 1952, ...", "Hungary, another member, ...",
    # "Canada, Denmark and Norway were among the first members to ...": the group is the one last named
    for sent in doc.sentences:
        for am in doc.pats["anaphoric_member"].finditer(text, sent.start, sent.end):
            if re.match(r"\s+(?:of|in)\s", text[am.end():am.end() + 6]) or \
                    doc.pats["membership_negated"].search(text, am.start(), am.end()):
                continue  # "a member of X" is the predicate rule's; "not a member"
            members = _country_list_back(doc, am.start(), sent.start)
            if not members or members[0].start > sent.start and doc.pats["membership_negated"].search(
                    text[max(sent.start, members[0].start - 20):members[0].start]):
                continue
            before = [g for g in alliances if g.end <= am.start() and g.form != "group"]
            si = doc.sentence_at(am.start())
            if not before:
                continue
            if doc.sentence_at(before[-1].start) < si - 6:
                # far from the name: only while the text still talks about the group ("the alliance's 30 members")
                near = doc.sentences[max(0, si - 6)].start
                if not doc.pats["group_context"].search(text, near, sent.end):
                    continue
            for m in members:
                emit(m.country, before[-1].key, sent.start, sent.end, "membership.anaphoric.v1", 0.65)
    return out


_SINGLE_AND = re.compile(r"\s*,?\s*(?:and|as well as)\s+(?:of\s+|in\s+)?(?:the\s+)?|\s*,\s*(?:the\s+)?")
_AND_ITS = re.compile(r"\s+(?:and|with)\s+(?:its|their)\s+(?:fellow\s+)?")
_BINDS_TO = re.compile(r"\s+(?:to|with|and)\s+(?:the\s+)?", re.IGNORECASE)


def _members_before(doc: Doc, a: Mention, sent_start: int) -> list[Mention]:
    """"Germany, France and Norway - all members of NATO -", "A and B, both NATO members"."""
    text = doc.text
    window = max(sent_start, a.start - 80)
    m = doc.pats["before_group"].search(text, window, a.start)
    intro_start = m.start() if m else None
    if m is None and doc.pats["after_group_adj"].match(text, a.end):
        m2 = _BEFORE_GROUP_ADJ.search(text, window, a.start)
        intro_start = m2.start() if m2 else None
    if intro_start is None or doc.pats["membership_negated"].search(text, intro_start, a.start):
        return []
    members = _country_list_back(doc, intro_start, sent_start)
    if len(members) < 2:
        return []
    return members


def stated_members(memberships: list[Membership]) -> dict[str, set[str]]:
    """Members per alliance key, as this article states them."""
    out: dict[str, set[str]] = {}
    for m in memberships:
        out.setdefault(m.group, set()).add(m.member)
    return out
