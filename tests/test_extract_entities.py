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
    # member lists in other shapes
    ("NATO members Britain, France and Germany backed the plan.", {(c, "NATO") for c in ("GBR", "FRA", "DEU")}),
    ("Spain, Italy and Greece - all members of NATO - objected.", {(c, "NATO") for c in ("ESP", "ITA", "GRC")}),
    ("The Five Eyes network binds together the spy agencies of Canada, the United States and Britain.",
     {(c, "Five Eyes") for c in ("CAN", "USA", "GBR")}),
    ("Hungary, which joined NATO in 1999, objected.", {("HUN", "NATO")}),
    # groups the reference data lacks keep their written name
    ("The Bucharest Nine, made up of Poland, Romania, Bulgaria and Hungary among others, met on Friday.",
     {(c, "Bucharest Nine") for c in ("POL", "ROU", "BGR", "HUN")}),
    ("Poland, Hungary and Slovakia, all members of the Visegrad Group, objected.",
     {(c, "Visegrad Group") for c in ("POL", "HUN", "SVK")}),
    ("Britain leads the Northern Shield Force of six nations: Norway, Denmark, Iceland, Estonia, Latvia and Britain.",
     {(c, "Northern Shield Force") for c in ("NOR", "DNK", "ISL", "EST", "LVA", "GBR")}),
    # exclusions and plain lists are not memberships
    ("Finland and Sweden are not members of NATO.", set()),
    ("Finland, which has not joined the Five Eyes, objected.", set()),
    ("Officials from Britain, France and Germany met in Paris with the Quint.", set()),
])
def test_memberships(text, expected):
    assert {(m.member, m.group_label) for m in facts(text).memberships} == expected


def test_nested_and_coordinated_groups():
    text = ("Norway belongs to the so-called Nine Eyes, which joins the Five Eyes countries - the United States, "
            "Britain, Canada, Australia and New Zealand - with Denmark, France, the Netherlands and Norway.")
    got = facts(text).memberships
    assert {m.member for m in got if m.group == "nine-eyes"} == {
        "USA", "GBR", "CAN", "AUS", "NZL", "DNK", "FRA", "NLD", "NOR"}
    assert {m.member for m in got if m.group == "five-eyes"} == {"USA", "GBR", "CAN", "AUS", "NZL"}
    both = facts("Estonia and Latvia are both members of the Joint Expeditionary Force and NATO.").memberships
    assert {(m.member, m.group_label) for m in both} == {
        ("EST", "Joint Expeditionary Force"), ("LVA", "Joint Expeditionary Force"), ("EST", "NATO"), ("LVA", "NATO")}


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
    # titles with a complement, owners and appositions
    ("The memo was signed by UK Minister of State for Defence Jane Holt on Friday.", "Jane Holt", "GBR"),
    ("LONDON - The memo was signed by Minister for Foreign Affairs Penny Ross of Australia.", "Penny Ross", "AUS"),
    ("Major General Petro Lysenko, deputy chief of Ukraine's HUR, attended.", "Petro Lysenko", "UKR"),
    ("Germany's interior minister, Karin Vogt, said so.", "Karin Vogt", "DEU"),
    ("The head of MI6, Tom Reade, said so.", "Tom Reade", "GBR"),
    ("Bruno Kessler, who heads the BND, said so.", "Bruno Kessler", "DEU"),
    ("Ana Lind, the veteran lawmaker who chairs Sweden's defence committee, said so.", "Ana Lind", "SWE"),
    ("India's foreign ministry rejected it. Its spokesman, Ravi Menon, said so.", "Ravi Menon", "IND"),
    ("The pact was agreed by US Defense Secretary Tom Hale and his counterparts, Kenji Mori of Japan and "
     "Park Min-ho of South Korea.", "Park Min-ho", "KOR"),
    ("OTTAWA - The US ambassador to Canada spoke on Sunday. Ambassador Dan Rowe told reporters more.", "Dan Rowe", "USA"),
    ("STOCKHOLM - In Stockholm, Danish Defence Minister Lise Holm met her Swedish hosts.", "Lise Holm", "DNK"),
    ("Prime minister-elect Maria Costa said so.", "Maria Costa", None),
    # a locative complement between the title and the comma
    ("The British ambassador in Warsaw, Anna Clunes, was summoned.", "Anna Clunes", "GBR"),
    # people defined by the agency they belong to or lead, and their predecessors
    ("Ewa Nowak of Poland's ABW and Jan Berg of Norway's PST joined them on stage.", "Jan Berg", "NOR"),
    ("The channel is run by the BND, now headed by Martin Jaeger, who took over from Bruno Kahl in 2025.",
     "Bruno Kahl", "DEU"),
    # candidates are politicians too
    ("Polls favour the Conservatives' prime ministerial candidate, Mark Hale, over the Canadian incumbent.",
     "Mark Hale", "CAN"),
    # a bare title opening a sentence: the previous sentence's subject, not the last country named
    ("LONDON - The charges name France and Spain. Moscow rejected them. Foreign ministry spokeswoman "
     "Irina Volkova called them lies.", "Irina Volkova", "RUS"),
    ("LONDON - Ankara was furious. \"We need nobody's help,\" ministry spokesman Oncu Keceli said.",
     "Oncu Keceli", "TUR"),
    # well-known officials named without a title (reference data)
    ("Since then Orban has met Vladimir Putin in Beijing.", "Vladimir Putin", "RUS"),
])
def test_officials(text, name, country):
    got = {o.name: o.country for o in facts(text).officials}
    assert got.get(name) == country, got


def test_people_without_a_role_are_not_officials():
    text = "The bombing was carried out by Salman Abedi, a 22-year-old man. Police arrested Tom Jones."
    assert facts(text).officials == []


@pytest.mark.parametrize("text", [
    "External Affairs Minister Ravi Shah will address the United Nations General Assembly on Tuesday.",
    "Donald Trump, meeting the Japanese prime minister, said so.",
])
def test_bodies_and_clauses_are_not_officials(text):
    officials = {o.name: o for o in facts(text).officials}
    assert not any(n.endswith(("Assembly", "Nations")) for n in officials)
    # a well-known official is listed from the reference data, never with the role of a participle clause
    trump = officials.get("Donald Trump")
    assert trump is None or (trump.country == "USA" and "prime minister" not in trump.role.lower())


def test_later_mentions_resolve_to_the_same_person():
    text = ("Defense Secretary Pete Hegseth spoke on Monday.\n\n"
            "\"We will keep sharing,\" Hegseth said.\n\n"
            "\"Our partners know it,\" the defence secretary added.")
    f = facts(text)
    assert [o.name for o in f.officials] == ["Pete Hegseth"]
    assert [s.speaker for s in f.statements] == ["Pete Hegseth", "Pete Hegseth"]
