"""Claims: sentence -> expected (actor, status, partner) triples.

Each text carries the article context the rules rely on (the article is about
intelligence); every case is a general English-news pattern.
"""

from __future__ import annotations

from datetime import date

import pytest

from graph.articles import article_from_text
from graph.extract import extract

TITLE = "Allies weigh intelligence sharing"


def claims(text: str, published: date = date(2025, 3, 7)) -> set[tuple[str, str, str]]:
    art = article_from_text(text, title=TITLE, published=published)
    return {(c.actor, c.status, c.partner) for c in extract(art).claims}


CASES = [
    # lists expand
    ("The UK, Canada, Australia and New Zealand are weighing limits on what they share with Washington.",
     {(c, "considers_restricting", "USA") for c in ("GBR", "CAN", "AUS", "NZL")}),
    ("Washington is withholding an entire category of intelligence from London, Ottawa and Canberra.",
     {("USA", "restricts", p) for p in ("GBR", "CAN", "AUS")}),
    # both ways
    ("The exchange of military intelligence between Korea and Japan will continue.",
     {("KOR", "shares_with", "JPN"), ("JPN", "shares_with", "KOR")}),
    ("France and Germany share intelligence on terrorism.",
     {("FRA", "shares_with", "DEU"), ("DEU", "shares_with", "FRA")}),
    ("The Dutch services exchange intelligence with German and French counterparts.",
     {("NLD", "shares_with", "DEU"), ("DEU", "shares_with", "NLD"),
      ("NLD", "shares_with", "FRA"), ("FRA", "shares_with", "NLD")}),
    # one way
    ("Saudi Arabia is also reconsidering how much to share with the US, according to the sources.",
     {("SAU", "considers_restricting", "USA")}),
    ("The United States has paused intelligence sharing with Ukraine, CIA Director John Ratcliffe said.",
     {("USA", "suspends", "UKR")}),
    ("British counter-terrorism police have resumed passing information to their American counterparts.",
     {("GBR", "resumes", "USA")}),
    ("The Dutch have curbed intelligence sharing with the Americans.", {("NLD", "restricts", "USA")}),
    ("MI6 and the CIA have resumed sharing intelligence with Kyiv, British officials said.",
     {("GBR", "resumes", "UKR"), ("USA", "resumes", "UKR")}),
    ("The Kremlin has stopped passing intelligence to Tehran.", {("RUS", "suspends", "IRN")}),
    ("Mossad passed intelligence to the CIA about the plot.", {("ISR", "shares_with", "USA")}),
    ("Trump's decision to suspend intelligence and military aid to Ukraine drew criticism.",
     {("USA", "suspends", "UKR")}),
    ("Britain said its intelligence partnership with the United States remained strong.",
     {("GBR", "shares_with", "USA")}),
    # denials affirm sharing
    ("The UK said it had no plans to reduce intelligence cooperation with the US.",
     {("GBR", "shares_with", "USA")}),
    ("Downing Street denied reports that Britain had suspended intelligence sharing with Washington.",
     {("GBR", "shares_with", "USA")}),
    # pronouns and anaphora
    ("WASHINGTON - The administration confirmed that it had paused intelligence sharing with Ukraine.",
     {("USA", "suspends", "UKR")}),
    # speculation, conditionals, questions: no claim
    ("Japan could suspend intelligence sharing with South Korea.", set()),
    ("Israel might limit what it shares with Washington.", set()),
    ("If Seoul pauses intelligence sharing with Tokyo, Japan would retaliate.", set()),
    ("Will Canada halt intelligence sharing with the US?", set()),
    ("Analysts asked whether Britain would restrict intelligence sharing with the US.", set()),
    ("Healey will urge the administration to restore intelligence sharing with Ukraine.", set()),
    # negation without denial: no claim
    ("Putin said Trump had not passed intelligence to Russia.", set()),
    # not intelligence: military aid, trade, tariffs
    ("The United States suspended military aid to Ukraine.", set()),
    ("Washington imposed tariffs on Canada and halted trade with Mexico.", set()),
    ("The two countries signed an agreement on the exchange of customs data between Japan and Korea.", set()),
    ("Canada said its relationship with Washington was strong, without addressing intelligence.", set()),
    # places and modifiers are not actors
    ("Israel is one of several US-allied nations considering withholding intelligence from Washington.",
     {("ISR", "considers_restricting", "USA")}),
    # more status phrasings
    ("Britain has stopped passing its most sensitive intelligence to Israel, officials said.",
     {("GBR", "restricts", "ISR")}),
    ("The Netherlands downgraded intelligence cooperation with Hungary last year.", {("NLD", "restricts", "HUN")}),
    ("Australia turned off the tap of intelligence to Jakarta in 1999.", {("AUS", "suspends", "IDN")}),
    ("Poland is mulling curbs on the data its services hand to Budapest.", {("POL", "considers_restricting", "HUN")}),
    ("Spain and Portugal keep exchanging intelligence on migrant smuggling.",
     {("ESP", "shares_with", "PRT"), ("PRT", "shares_with", "ESP")}),
    ("Intelligence sharing between Japan and South Korea resumed in March.",
     {("JPN", "resumes", "KOR"), ("KOR", "resumes", "JPN")}),
    ("France's intelligence relationship with Morocco remains close, an official said.",
     {("FRA", "shares_with", "MAR")}),
    # negated restriction and denials affirm sharing
    ("Canada has not stopped sharing intelligence with India despite the row.", {("CAN", "shares_with", "IND")}),
    ("Denmark said cutting intelligence ties with Washington was not on the table.", {("DNK", "shares_with", "USA")}),
    # double objects and passives with the agent later
    ("Washington has not stopped passing Ankara intelligence on militant camps.", {("USA", "shares_with", "TUR")}),
    ("For years Mexico has handed Washington files on cartel leaders.", {("MEX", "shares_with", "USA")}),
    ("Satellite imagery passed to Kyiv by the Netherlands helped the defence.", {("NLD", "shares_with", "UKR")}),
    ("Some reporting was withheld from Riyadh by its partners. Diplomats said the material had been held back "
     "by Britain and Canada.", {("GBR", "restricts", "SAU"), ("CAN", "restricts", "SAU")}),
    ("Ukraine was cut off from US satellite intelligence for a week.", {("USA", "suspends", "UKR")}),
    ("Berlin has curbed what it tells Paris about domestic extremists, officials said.",
     {("DEU", "restricts", "FRA")}),
    # the speaker's government; a trailing attribution names the actor
    ("An Indian official said the government was reconsidering how much information it gives to Canadian agencies.",
     {("IND", "considers_restricting", "CAN")}),
    ("Intelligence sharing with Israel will continue, the British foreign secretary said.",
     {("GBR", "shares_with", "ISR")}),
    ("Germany would keep exchanging information with Washington on foreign fighters, the minister said.",
     {("DEU", "shares_with", "USA"), ("USA", "shares_with", "DEU")}),
    # no claim: negations, conditionals, questions, other topics, conjunction "provided"
    ("There is no routine exchange of intelligence between Hungary and Ukraine.", set()),
    ("If talks fail, the Netherlands might limit what it passes to Budapest.", set()),
    ("Would Britain stop sharing intelligence with the US? Unlikely.", set()),
    ("Kyiv says it is ready to accept a ceasefire provided Russia agrees, and intelligence work goes on.", set()),
    ("Pakistan would not allow US bases but would keep sharing information with Washington, its ministry said.",
     {("PAK", "shares_with", "USA")}),
    # a partial stop named after the recipient is a restriction, not a suspension
    ("Romania and Bulgaria have stopped giving Serbia their most sensitive intelligence on Russian agents.",
     {("ROU", "restricts", "SRB"), ("BGR", "restricts", "SRB")}),
    ("Norway has stopped sending Hungary its raw intelligence.", {("NOR", "restricts", "HUN")}),
    ("Norway has stopped sending Hungary intelligence altogether.", {("NOR", "suspends", "HUN")}),
    # a generic free relative is no stated act
    ('"Anything we pass Budapest ends up in Moscow," a Czech intelligence official said.', set()),
    # a quoted "intact" with its quote marks inside the clause
    ('An Italian official said Rome\'s intelligence relationship with Ankara "remains intact".',
     {("ITA", "shares_with", "TUR")}),
    # nominal flows: "from" names the giver, and the noun phrase stays the subject of later predicates
    ("The flow of intelligence from British units to Iraqi commanders, halted in May, was restored in June.",
     {("GBR", "suspends", "IRQ"), ("GBR", "resumes", "IRQ")}),
    ("PARIS - The defence ministry said the supply of intelligence from Operation Sentinel to Chadian forces, "
     "which had been cut off in March, would be restored.",
     {("FRA", "suspends", "TCD"), ("FRA", "resumes", "TCD")}),
    ("Intelligence continues to flow to Kyiv from European partners.", set()),  # the giver is unnamed
    # person to person: an official acts for the country, "counterpart" of another country receives
    ("Last year Egypt's intelligence chief, Hassan Rashad, passed a warning to his Israeli counterpart about a "
     "planned attack, officials said. The intelligence proved accurate.",
     {("EGY", "shares_with", "ISR")}),
    ("The Philippine navy chief passes his Japanese counterparts satellite imagery every week.",
     {("PHL", "shares_with", "JPN")}),
    # capitals as recipients after "counterparts in"
    ("MI5 has passed intelligence on the plot to its counterparts in Paris and Berlin.",
     {("GBR", "shares_with", "FRA"), ("GBR", "shares_with", "DEU")}),
    # "with which" / "with whom": the antecedent is the partner
    ("Officials named Jordan as one of the countries with which Israel shares intelligence on militants.",
     {("ISR", "shares_with", "JOR")}),
    # receiving: the giver follows "from"
    ("Seoul has long received satellite intelligence from Washington.", {("USA", "shares_with", "KOR")}),
    ("Estonia benefits from Finnish intelligence on the Baltic Sea.", {("FIN", "shares_with", "EST")}),
    # "with each other" makes a coordinated subject share both ways
    ("Lithuania and Latvia share radar data with each other.",
     {("LTU", "shares_with", "LVA"), ("LVA", "shares_with", "LTU")}),
    # what an agency learnt is intelligence: "passed what it found to"
    ("The AIVD hacked the group's cameras and passed what it saw to the Americans.", {("NLD", "shares_with", "USA")}),
    # a generic agency name takes its owner's country
    ("Austria's Federal Intelligence Service said it had been exchanging information with Slovenia.",
     {("AUT", "shares_with", "SVN"), ("SVN", "shares_with", "AUT")}),
    # plural relationship nouns; not intelligence: words containing a cue ("passports")
    ("Greece said its intelligence partnerships with Cyprus and Israel remained strong.",
     {("GRC", "shares_with", "CYP"), ("GRC", "shares_with", "ISR")}),
    ("The men entered Germany on diplomatic passports, intelligence officials said.", set()),
    # weak objects ("details", "warning") need a passing verb; other verbs and topics stay silent
    ("Washington sent a warning to Tehran over its nuclear programme.", set()),
]

# "we/our" in a quote is the country of the official who says it
SPEAKER_CASES = [
    ('Could the row hurt ties? "Our intelligence partnerships with Britain and Canada are not on the table," '
     'a senior Norwegian official said.', {("NOR", "shares_with", "GBR"), ("NOR", "shares_with", "CAN")}),
    ('"We will keep sharing intelligence with Kyiv," Polish Foreign Minister Radoslaw Sikorski said.',
     {("POL", "shares_with", "UKR")}),
]
CASES += SPEAKER_CASES


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:50] for c in CASES])
def test_claims(text, expected):
    assert claims(text) == expected


def test_event_date_in_sentence_else_article_date():
    art = article_from_text(
        "The United States suspended intelligence sharing with Ukraine on 5 March.\n\n"
        "In 2019, officials from London began passing classified information to Tokyo.\n\n"
        "Canada has resumed intelligence sharing with Washington.",
        title=TITLE, published=date(2025, 3, 7))
    got = {(c.actor, c.partner): c.date for c in extract(art).claims}
    assert got[("USA", "UKR")] == date(2025, 3, 5)
    assert got[("GBR", "JPN")] == date(2019, 1, 1)
    assert got[("CAN", "USA")] == date(2025, 3, 7)


def test_claim_carries_evidence_rule_and_confidence():
    art = article_from_text("The United States has paused intelligence sharing with Ukraine.", title=TITLE)
    (claim,) = extract(art).claims
    assert art.text[claim.prov.start:claim.prov.end] == claim.evidence
    assert "paused intelligence sharing with Ukraine" in claim.evidence
    assert claim.prov.rule == "claim.status-verb.v1"
    assert 0 < claim.prov.confidence <= 1
