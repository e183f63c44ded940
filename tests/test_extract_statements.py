"""Statements: quotes with their speakers, wherever the attribution stands."""

from __future__ import annotations

import pytest

from graph.articles import article_from_text
from graph.extract import extract


def statements(text: str) -> list[tuple[str, str, str]]:
    f = extract(article_from_text(text, title="Intelligence sharing"))
    return [(s.speaker, s.country or "", s.quote) for s in f.statements]


@pytest.mark.parametrize("text,expected", [
    # attribution after the quote, straight and curly marks
    ('CIA Director John Ratcliffe spoke. "We will work with Ukraine," Ratcliffe said.',
     [("John Ratcliffe", "USA", "We will work with Ukraine,")]),
    ('Director Jane Roe of the CIA spoke. “We are partners,” said CIA Director Jane Roe.',
     [("Jane Roe", "USA", "We are partners,")]),
    # attribution before, with a colon and with "called it"
    ('Asked about it, national security adviser Mike Waltz said: "We have taken a step back."',
     [("Mike Waltz", "USA", "We have taken a step back.")]),
    ('Senator Mark Warner, the top Democrat on the Senate Intelligence Committee, called it an "ill-advised and weak decision".',
     [("Mark Warner", "USA", "ill-advised and weak decision")]),
    # guillemets
    ('French Armed Forces Minister Sebastien Lecornu said: «Our intelligence is sovereign.»',
     [("Sebastien Lecornu", "FRA", "Our intelligence is sovereign.")]),
    # unnamed speakers keep their description and country
    ('"The US is our closest ally," a British government spokesperson said. "Any suggestion otherwise is untrue."',
     [("a British government spokesperson", "GBR", "The US is our closest ally,"),
      ("a British government spokesperson", "GBR", "Any suggestion otherwise is untrue.")]),
    ('"We value the partnership," the Canada Security Intelligence Service said in a statement.',
     [("Canada Security Intelligence Service", "CAN", "We value the partnership,")]),
    # he added -> last named speaker, across paragraphs; continuation in the same paragraph
    ('Brian Hughes, spokesman for the White House National Security Council, said, "Sharing exists."\n\n'
     '"We will work with any ally," he added. "Allies know it."',
     [("Brian Hughes", "USA", "Sharing exists."), ("Brian Hughes", "USA", "We will work with any ally,"),
      ("Brian Hughes", "USA", "Allies know it.")]),
    # middle attribution
    ('"Our intelligence is sovereign," Armed Forces Minister Sebastien Lecornu said in Paris, "and it stays so."',
     [("Sebastien Lecornu", "FRA", "Our intelligence is sovereign,"), ("Sebastien Lecornu", "FRA", "and it stays so.")]),
    # terms in quotation marks are not statements
    ('The memo classifies the analysis as "NOFORN", and the "Nine Eyes" adds four more members.', []),
    # longer unnamed descriptions, with their country
    ('"The door stays open," a senior official in the interior ministry added.',
     [("a senior official in the interior ministry", "", "The door stays open,")]),
    ('"We see what they see," a Japanese defence ministry official told reporters.',
     [("a Japanese defence ministry official", "JPN", "We see what they see,")]),
    ('Spain\'s foreign ministry rejected the claims as "baseless and absurd."',
     [("Spain's foreign ministry", "ESP", "baseless and absurd.")]),
    # an agency or state outlet as speaker
    ('Russia\'s state news agency TASS called the deal a "provocation".', [("TASS", "RUS", "provocation")]),
    ('Iran\'s official IRNA news agency denounced the pact as a "plot against the region".',
     [("IRNA", "IRN", "plot against the region")]),
    # "the official" names the official described before; "he" the last singular speaker, not the last person
    ('On Friday a Greek official said talks were stalled. "Why should we wait?" the official asked.',
     [("a Greek official", "GRC", "Why should we wait?")]),
    ('President Tom Vale met Prime Minister Ana Ruiz of Spain. A senior French official was blunter. '
     '"Nothing has changed," he said.',
     [("A senior French official", "FRA", "Nothing has changed,")]),
    # a colon after the subject; the attribution on its own line before the quote
    ('In Washington, a senior administration official was more forthcoming: "The relationship is intact."',
     [("a senior administration official", "USA", "The relationship is intact.")]),
    ('Defence Minister Karl Berg of Norway said:\n\n"Our partners can rely on us."',
     [("Karl Berg", "NOR", "Our partners can rely on us.")]),
    # a place after an unnamed speaker belongs to the description, not the speaker
    ('A Russian embassy spokesperson in London called the report "absurd".',
     [("A Russian embassy spokesperson", "RUS", "absurd")]),
    # "demands" attributes a quote
    ('Finland\'s President Alexander Stubb demands "full transparency" from Moscow.',
     [("Alexander Stubb", "FIN", "full transparency")]),
    # "the service said": the organisation named before
    ('Austria\'s Federal Intelligence Service confirmed the contact. "We acted within the law," the service said.',
     [("Federal Intelligence Service", "AUT", "We acted within the law,")]),
])
def test_statements(text, expected):
    assert statements(text) == expected


def test_multi_paragraph_quote_keeps_its_speaker():
    text = ('Prime Minister Theresa May said: "We will make this clear to our partners.\n\n'
            '"Intelligence that is shared must remain secure."')
    got = statements(text)
    assert [s for s, _, _ in got] == ["Theresa May", "Theresa May"]


@pytest.mark.parametrize("text", [
    '"Unbalanced quote, said nobody',
    'He said "one "two" three',
    '“Curly never closed\n\nNext paragraph” with a stray mark»',
    '"""',
])
def test_unbalanced_quotes_never_crash(text):
    statements(text)


def test_statement_stance_and_about():
    f = extract(article_from_text(
        '"We have no plans to reduce intelligence sharing with the United States," a British official said.',
        title="t"))
    (s,) = f.statements
    assert s.stance == "denies_report"
    assert set(s.about) == {"USA", "GBR"}
    assert s.speaker_is_person is False
