"""Mentions, memberships and officials: text -> what the extractor resolves."""

from __future__ import annotations

import pytest

from graph.articles import article_from_text
from graph.extract import extract, load_lexicon
from graph.extract.mentions import find_entities


@pytest.mark.parametrize("text,expected", [
    ("Kyiv and Washington", ["UKR", "USA"]),
    ("the Kremlin and Downing Street", ["RUS", "GBR"]),
    ("The Hague and the Dutch", ["NLD", "NLD"]),
    ("British officials and the Americans", ["GBR", "USA"]),
    ("the CIA, MI6, Mossad, the BND and AIVD", ["USA", "GBR", "ISR", "DEU", "NLD"]),
    ("North Korea and South Korea", ["PRK", "KOR"]),
    ("WASHINGTON, March 5 - the U.S. and the UK", ["USA", "USA", "GBR"]),
    ("US-allied nations", ["USA"]),
    ("IN THE NEWS: CAN AND WILL", []),  # ISO codes only outside all-caps headings
])
def test_entity_mentions(text, expected):
    assert [m.country for m in find_entities(text, load_lexicon())] == expected


def facts(text: str):
    return extract(article_from_text(text, title="Intelligence sharing"))


@pytest.mark.parametrize("text,expected", [
    ("If cuts came, US allies - including the Five Eyes nations (UK, Australia, Canada, and New Zealand) - would worry.",
     {("GBR", "Five Eyes"), ("AUS", "Five Eyes"), ("CAN", "Five Eyes"), ("NZL", "Five Eyes")}),
    ("AUKUS, the 2021 pact between Australia, Britain and the United States, is about submarines.",
     {("AUS", "AUKUS"), ("GBR", "AUKUS"), ("USA", "AUKUS")}),
    ("Police share it with Britain's Five Eyes partners: the United States, Canada, Australia and New Zealand.",
     {(c, "Five Eyes") for c in ("GBR", "USA", "CAN", "AUS", "NZL")}),
    ("Israel and four members of the Five Eyes network - Britain, Canada, Australia and New Zealand - are "
     "reviewing protocols. The United States is the fifth member of that alliance.",
     {(c, "Five Eyes") for c in ("GBR", "USA", "CAN", "AUS", "NZL")}),
    ("The ministers welcomed cooperation among the Quad partners - India, the United States, Japan and Australia.",
     {(c, "Quad") for c in ("IND", "USA", "JPN", "AUS")}),
    ("Officials said intelligence sharing initiatives such as the Five Eyes exist for a reason.", set()),
])
def test_memberships(text, expected):
    assert {(m.member, m.group_label) for m in facts(text).memberships} == expected


def test_additive_membership_carries_earlier_group():
    text = ("The Five Eyes partnership of the United States, Britain, Canada, Australia and New Zealand is old. "
            "The \"Nine Eyes\", which adds Denmark, France, the Netherlands and Norway to the original five, came later.")
    nine = {m.member for m in facts(text).memberships if m.group == "nine-eyes"}
    assert nine == {"USA", "GBR", "CAN", "AUS", "NZL", "DNK", "FRA", "NLD", "NOR"}


@pytest.mark.parametrize("text,name,country", [
    ("Last month, Defense Secretary Pete Hegseth ordered a halt.", "Pete Hegseth", "USA"),
    ("Brian Hughes, spokesman for the White House National Security Council, said so.", "Brian Hughes", "USA"),
    ("Erik Akerboom, director-general of the civilian AIVD, spoke.", "Erik Akerboom", "NLD"),
    ("Ron Dermer, Israel's ambassador in Washington, said in a statement that ties are strong.", "Ron Dermer", "ISR"),
    ("Ukrainian President Volodymyr Zelensky met reporters.", "Volodymyr Zelensky", "UKR"),
    ("The talks were led by Foreign Minister Ana Ruiz and Defence Minister Jon Ortiz for Spain.", "Jon Ortiz", "ESP"),
    ("Russian Foreign Minister Sergei Lavrov and Ambassador Sergei Kislyak attended.", "Sergei Kislyak", "RUS"),
    ("In Tokyo, Prime Minister Shinzo Abe praised the decision.", "Shinzo Abe", "JPN"),
    ("SEOUL - Kim You-geun, deputy director of the National Security Office, briefed reporters.", "Kim You-geun", "KOR"),
    ("Home Secretary Amber Rudd called the disclosures irritating.", "Amber Rudd", "GBR"),
])
def test_officials(text, name, country):
    got = {o.name: o.country for o in facts(text).officials}
    assert got.get(name) == country, got


def test_people_without_a_role_are_not_officials():
    text = "The bombing was carried out by Salman Abedi, a 22-year-old man. Police arrested Tom Jones."
    assert facts(text).officials == []


def test_later_mentions_resolve_to_the_same_person():
    text = ("Defense Secretary Pete Hegseth spoke on Monday.\n\n"
            "\"We will keep sharing,\" Hegseth said.\n\n"
            "\"Our partners know it,\" the defence secretary added.")
    f = facts(text)
    assert [o.name for o in f.officials] == ["Pete Hegseth"]
    assert [s.speaker for s in f.statements] == ["Pete Hegseth", "Pete Hegseth"]
