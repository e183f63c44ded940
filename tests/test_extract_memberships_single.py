"""Memberships stated one country at a time or as a plain predicate (own sentences, not article text).

"Greece is a member of both NATO and the European Union", "Norway, a founding member of NATO",
"NATO member Turkey", "X became the alliance's 31st member"; and the shapes that state none:
negations, applications and wishes, would-be members, questions and conditions.
"""

from __future__ import annotations

from datetime import date

import pytest

from graph.articles import article_from_text
from graph.extract import extract


def memberships(text: str) -> set[tuple[str, str]]:
    art = article_from_text(text, title="Allies weigh intelligence sharing", published=date(2024, 5, 2))
    return {(m.member, m.group) for m in extract(art).memberships}


POSITIVE = [
    ("Greece is a member of both NATO and the European Union.", {("GRC", "nato"), ("GRC", "eu")}),
    ("Greece and Turkey met in Athens. Both countries are founding members of NATO and of the European Union.",
     {("GRC", "nato"), ("GRC", "eu"), ("TUR", "nato"), ("TUR", "eu")}),
    ("Norway, a founding member of NATO, hosted the talks.", {("NOR", "nato")}),
    ("Turkey, which joined NATO in 1952, objected.", {("TUR", "nato")}),
    ("NATO member Turkey objected to the plan.", {("TUR", "nato")}),
    ("Greece spoke for fellow EU member Cyprus.", {("CYP", "eu")}),
    ("Finland joined NATO in 2023.", {("FIN", "nato")}),
    ("NATO met in Brussels. Finland became the alliance's 31st member in April.", {("FIN", "nato")}),
    ("Montenegro became NATO's 29th member in 2017.", {("MNE", "nato")}),
    ("Japan is a member of the Quad.", {("JPN", "quad")}),
    ("Britain is in the Five Eyes.", {("GBR", "five-eyes")}),
    ("Canada belongs to NATO.", {("CAN", "nato")}),
    ("Sweden, a NATO member since 2024, agreed.", {("SWE", "nato")}),
    ("Poland, a NATO ally, agreed.", {("POL", "nato")}),
    ("In April, Finland joined NATO.", {("FIN", "nato")}),
]

NEGATIVE = [
    "Ireland is not a member of NATO.",
    "Austria is not in NATO.",
    "Serbia is not a member of NATO or the European Union.",
    "Ukraine applied to join NATO.",
    "Georgia wants to join NATO.",
    "Ukraine is seeking to join NATO.",
    "Kosovo would like to become a member of NATO.",
    "Non-member Austria sent observers to NATO.",
    "Aspiring member Ukraine attended the NATO summit.",
    "Ukraine, an aspiring member of NATO, attended.",
    "Will Japan join the Five Eyes?",
    "If Ukraine joined NATO, Russia would respond.",
    "Japan could join the Five Eyes, officials said.",
    "Japan, a NATO partner, sent a delegation.",
]


@pytest.mark.parametrize("text,expected", POSITIVE)
def test_single_membership_stated(text, expected):
    assert memberships(text) == expected


@pytest.mark.parametrize("text", NEGATIVE)
def test_single_membership_excluded(text):
    assert memberships(text) == set()
