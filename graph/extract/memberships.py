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
from .document import Doc
from .mentions import Mention

_LIST_SEP = re.compile(r"\s*(?:,\s*)?(?:and\s+|or\s+|&\s+)?(?:the\s+)?")
_SKIP = re.compile(r"[\"”’'»]*")
_REF = re.compile(r"(?:that|the|this|its)\s+(?:alliance|group|grouping|network|partnership|club|pact)(?![\w-])",
                  re.IGNORECASE)


def _country_list(doc: Doc, pos: int, end: int) -> list[Mention]:
    """Country names forming a list that starts at ``pos``."""
    out: list[Mention] = []
    ents = [m for m in doc.entities_starting(pos, end) if m.kind == "country"]
    cursor = pos
    for m in ents:
        gap = doc.text[cursor:m.start]
        g = _LIST_SEP.fullmatch(gap) if out else re.fullmatch(r"\s*(?:the\s+)?", gap)
        if not g:
            break
        if m.form == "demonym":
            break
        out.append(m)
        cursor = m.end
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

    alliances = [m for m in doc.entities if m.kind == "alliance"]
    for a in alliances:
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
        # "Britain's Five Eyes partners: ..." -> Britain too
        owner = [m for m in doc.entities_starting(max(sent.start, a.start - 60), a.start)
                 if m.kind == "country" and m.possessive and 0 <= a.start - m.end <= 4]
        if members and (len(members) >= 2 or additive):
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
    # predicates: "X is the fifth member of that alliance", "X joined NATO"
    for sent in doc.sentences:
        for rx in doc.pats["membership_pred"]:
            for pm in rx.finditer(text, sent.start, sent.end):
                subj = [m for m in doc.entities_starting(sent.start, pm.start())
                        if m.end <= pm.start() and m.kind == "country" and m.form != "demonym"]
                if not subj or not re.fullmatch(r"\s*,?\s*", text[subj[-1].end:pm.start()]):
                    continue
                group = None
                at = _SKIP.match(text, pm.end()).end()
                hit = doc.entity_at(at)
                target = hit if hit is not None and hit.kind == "alliance" and hit.start == at else None
                if target is not None:
                    group = target.key
                elif _REF.match(text, pm.end()):
                    before = [m for m in doc.entities_starting(0, pm.start()) if m.kind == "alliance"]
                    group = before[-1].key if before else None
                if group:
                    emit(subj[-1].country, group, sent.start, sent.end, "membership.predicate.v1", 0.8)
    return out


def stated_members(memberships: list[Membership]) -> dict[str, set[str]]:
    """Members per alliance key, as this article states them."""
    out: dict[str, set[str]] = {}
    for m in memberships:
        out.setdefault(m.group, set()).add(m.member)
    return out
