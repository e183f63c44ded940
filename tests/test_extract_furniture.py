"""Page furniture: captions, credits, prompts and foreign captions go; paragraphs stay."""

from __future__ import annotations

import pytest

from graph.furniture import strip_furniture


def test_caption_with_credit_and_its_duplicate_go():
    text = ("Lead paragraph.\n\n"
            " NEWSPAPERS are laid out at a newsstand in Moscow.  (photo credit: Maxim Shemetov/Reuters)\n"
            "NEWSPAPERS are laid out at a newsstand in Moscow.\n"
            "(photo credit: Maxim Shemetov/Reuters)\n\n"
            "Body paragraph.")
    assert strip_furniture(text) == "Lead paragraph.\n\nBody paragraph."


def test_foreign_language_caption_goes_by_function_words():
    text = ("Body one.\n\n"
            "Le président russe lors d'une réunion avec le gouverneur de la région, dans la capitale.\n\n"
            "El presidente ruso en una reunión con el gobernador de la región, en la capital del país.\n\n"
            "Der Präsident bei einem Treffen mit dem Gouverneur der Region in der Hauptstadt.\n\n"
            "Body two.")
    assert strip_furniture(text) == "Body one.\n\nBody two."


@pytest.mark.parametrize("line", [
    "Stay updated with the latest news!",
    "Subscribe to The Jerusalem Post Newsletter",
    "Sign up for our free daily newsletter",
    "Read more: Allies weigh intelligence limits",
    "By Jane Smith",
    "Reporting by Jane Smith; Editing by John Doe",
    "(credit: SPUTNIK/POOL VIA REUTERS)",
    "Advertisement",
    "###",
    "FOR IMMEDIATE RELEASE",
])
def test_prompts_credits_and_bylines_go(line):
    assert strip_furniture(f"Body one.\n\n{line}\n\nBody two.") == "Body one.\n\nBody two."


@pytest.mark.parametrize("line", [
    "By Thursday, the pause had been lifted.",
    "Israel is one of several US-allied nations considering withholding intelligence.",
    "\"Read my lips,\" he said, \"no new limits.\"",
    "The Dutch services exchange intelligence with German and French counterparts.",
])
def test_reporting_stays(line):
    assert strip_furniture(f"Body one.\n\n{line}\n\nBody two.") == f"Body one.\n\n{line}\n\nBody two."


def test_paragraph_breaks_are_kept():
    assert strip_furniture("One.\n\n\n\nTwo.\nThree.") == "One.\n\nTwo.\nThree."
