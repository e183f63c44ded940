"""Failure classes found on a blind set, each tested with sentences of our own.

- a hub and its listed group partners ("between X and its <group> partners - A, B");
- "them" resolved to the list of a reporting clause ("Officials in A and B said X was sharing with them");
- recipients as "authorities in A and B";
- adjectival restriction words ("the narrow strip of land") are no predicate;
- membership lists in other shapes ("members on the eastern flank, including A, B",
  "A and B sit together in the G, alongside C and D"), none from a question.
"""

from __future__ import annotations

import pytest

from graph.articles import article_from_text
from graph.extract import extract

TITLE = "Allies and intelligence sharing"


def facts(text: str):
    return extract(article_from_text(text, title=TITLE))


def claims(text: str) -> set[tuple[str, str, str]]:
    return {(c.actor, c.status, c.partner) for c in facts(text).claims}


def members(text: str) -> set[tuple[str, str]]:
    return {(m.member, m.group) for m in facts(text).memberships}


def both(hub: str, others: tuple[str, ...]) -> set[tuple[str, str, str]]:
    return {(hub, "shares_with", o) for o in others} | {(o, "shares_with", hub) for o in others}


CLAIM_CASES = [
    ("Intelligence flows freely between Ottawa and its Five Eyes partners - the United States, Britain, "
     "Australia and New Zealand - officials say.", both("CAN", ("USA", "GBR", "AUS", "NZL"))),
    ("Intelligence is exchanged daily between Paris and its European partners: Germany, Italy and Spain.",
     both("FRA", ("DEU", "ITA", "ESP"))),
    ("Information is exchanged between Canberra and its allies - Japan and India - every week.",
     both("AUS", ("JPN", "IND"))),
    ("Officials in Tallinn, Riga and Vilnius said the United States was still sharing intelligence with them.",
     {("USA", "shares_with", c) for c in ("EST", "LVA", "LTU")}),
    ("Norway and Sweden said Britain continued to pass intelligence to them.",
     {("GBR", "shares_with", c) for c in ("NOR", "SWE")}),
    ("Warsaw and Vilnius agreed to exchange radar and intelligence data covering the Suwalki Gap, "
     "the narrow strip of land between Belarus and Kaliningrad.",
     {("POL", "shares_with", "LTU"), ("LTU", "shares_with", "POL")}),
    ("Berlin and Prague exchange intelligence on the border, a limited stretch near Poland.",
     {("DEU", "shares_with", "CZE"), ("CZE", "shares_with", "DEU")}),
    ("Britain has narrowed the intelligence it shares with Hungary.", {("GBR", "restricts", "HUN")}),
    # recipients named as "authorities in A and B"
    ("Dutch intelligence also passed information to authorities in Belgium and Luxembourg last week.",
     {("NLD", "shares_with", "BEL"), ("NLD", "shares_with", "LUX")}),
]


@pytest.mark.parametrize("text,expected", CLAIM_CASES, ids=[c[0][:50] for c in CLAIM_CASES])
def test_claims(text, expected):
    assert claims(text) == expected


MEMBER_CASES = [
    ("Intelligence flows freely between Ottawa and its Five Eyes partners - the United States, Britain, "
     "Australia and New Zealand.", {(c, "five-eyes") for c in ("CAN", "USA", "GBR", "AUS", "NZL")}),
    ("NATO members on the eastern flank, including Estonia, Latvia and Poland, have pressed for air defences.",
     {(c, "nato") for c in ("EST", "LVA", "POL")}),
    ("EU members in the south, such as Italy, Spain and Greece, want more funds.",
     {(c, "eu") for c in ("ITA", "ESP", "GRC")}),
    ("Japan and Australia also sit together in the Quad, alongside India and the United States.",
     {(c, "quad") for c in ("JPN", "AUS", "IND", "USA")}),
    ("Will Japan join the Five Eyes?", set()),
    ("Could Ukraine join NATO soon?", set()),
]


@pytest.mark.parametrize("text,expected", MEMBER_CASES, ids=[c[0][:50] for c in MEMBER_CASES])
def test_memberships(text, expected):
    assert members(text) == expected
