"""Context and generalisation classes found on a blind set (own sentences, not article text).

Each case is a general English-news shape: a hedge in a coordinated clause, a
restriction whose object is a relative clause, "they" standing for a list,
numbered anaphora ("the four governments"), passive recipients, modifiers and
sources that are not partners, and memberships stated by apposition.
"""

from __future__ import annotations

from datetime import date

import pytest

from graph.articles import article_from_text
from graph.extract import extract

TITLE = "Allies weigh intelligence sharing"


def facts(text: str):
    return extract(article_from_text(text, title=TITLE, published=date(2024, 5, 2)))


def claims(text: str) -> set[tuple[str, str, str]]:
    return {(c.actor, c.status, c.partner) for c in facts(text).claims}


CLAIMS = [
    # a hedge in a later coordinated clause does not reach back
    ("Norway remained committed to sharing intelligence with Sweden and Denmark, the minister said, "
     "and the cabinet would decide later whether to join the new centre.",
     {("NOR", "shares_with", "SWE"), ("NOR", "shares_with", "DNK")}),
    ("Spain shares intelligence with Morocco, but it has not decided whether to expand the programme.",
     {("ESP", "shares_with", "MAR")}),
    # ... but a conditional in the claim's own clause still blocks it
    ("Spain would share intelligence with Morocco if the talks succeed.", set()),
    ("Spain shares intelligence with Morocco, and Madrid will decide if it continues?", set()),
    # a denial phrased with "of" affirms sharing
    ("\"Canada has no intention of reducing the intelligence we share with Britain,\" a Canadian official said.",
     {("CAN", "shares_with", "GBR")}),
    # a restriction whose object is a relative clause ("the X it passes to Y")
    ("Paris has trimmed the operational detail it passes to Rabat.", {("FRA", "restricts", "MAR")}),
    ("Ottawa reduced the information it sent to Canberra and suspended joint naval exercises.",
     {("CAN", "restricts", "AUS")}),
    # consideration of cutting what it tells a demonym body
    ("An Egyptian official said Cairo was weighing whether to cut back what it tells its Israeli counterparts.",
     {("EGY", "considers_restricting", "ISR")}),
    # "they" after a coordinated subject is the whole list
    ("Estonia and Latvia agreed to expand the intelligence they share with Poland.",
     {("EST", "shares_with", "POL"), ("LVA", "shares_with", "POL")}),
    # numbered anaphora resolves to the latest list of that size
    ("Japan, Australia and India held talks in May. Later the three governments froze security cooperation "
     "with Beijing, including the exchange of intelligence.",
     {("JPN", "suspends", "CHN"), ("AUS", "suspends", "CHN"), ("IND", "suspends", "CHN")}),
    # "including the exchange of intelligence" elaborates the suspension, it is no new sharing claim
    ("Egypt froze security cooperation with Libya, including the exchange of intelligence.",
     {("EGY", "suspends", "LBY")}),
    # a source ("that originated with") and a modifier ("US-derived") are not partners
    ("Rome stopped passing on material that originated with the French.", set()),
    ("Treaty rules bar Denmark from handing US-derived intelligence to third parties without Washington's consent.",
     set()),
    # handing over recordings, with a long object before the recipients
    ("Intelligence officials said so. Spain has given audio recordings linked to the bombing of the train station "
     "to France, Italy and Portugal, the interior minister said. The intelligence was later verified.",
     {("ESP", "shares_with", c) for c in ("FRA", "ITA", "PRT")}),
    # passive recipient: "X has been briefed on what Y had to share"
    ("Poland has been fully briefed on what Lithuania had to share, the minister said.",
     {("LTU", "shares_with", "POL")}),
    # an unnamed country's service owned by "their": the demonym before it
    ("Intelligence ties are close. Danish officials say their intelligence service already exchanges information "
     "with Norwegian counterparts.",
     {("DNK", "shares_with", "NOR"), ("NOR", "shares_with", "DNK")}),
]


@pytest.mark.parametrize("text,expected", CLAIMS)
def test_claims_in_context(text, expected):
    assert claims(text) == expected


MEMBERSHIPS = [
    ("The Five Eyes, which binds Canada to the United States, Britain, Australia and New Zealand, began in 1946.",
     {(c, "five-eyes") for c in ("CAN", "USA", "GBR", "AUS", "NZL")}),
    ("NATO leaders met in Vilnius. Like Greece, a member since 1952, every ally must ratify. "
     "Italy and Portugal were among the first members to do so. Slovakia, another member, has not.",
     {("GRC", "nato"), ("ITA", "nato"), ("PRT", "nato"), ("SVK", "nato")}),
    # not a member, and "a member of" something else, are no anaphoric memberships
    ("NATO leaders met in Vilnius. Austria, not a member, sent observers. Ireland is a member of the UN.",
     set()),
]


@pytest.mark.parametrize("text,expected", MEMBERSHIPS)
def test_memberships_in_context(text, expected):
    got = {(m.member, m.group) for m in facts(text).memberships}
    assert got == expected
