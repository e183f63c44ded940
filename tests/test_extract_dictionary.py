"""A user extends the extractor with --dictionary files, without touching code."""

from __future__ import annotations

import pytest

from graph.articles import article_from_text
from graph.errors import ExtractionError
from graph.extract import EXTRACTORS, extract, load_lexicon


def claims(text: str, lexicon) -> set[tuple[str, str, str]]:
    art = article_from_text(text, title="Intelligence sharing")
    return {(c.actor, c.status, c.partner) for c in extract(art, lexicon=lexicon).claims}


def test_turtle_dictionary_adds_an_agency(tmp_path):
    ttl = tmp_path / "mine.ttl"
    ttl.write_text(
        "@prefix ig: <https://w3id.org/intelgraph/ns#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "@prefix country: <https://w3id.org/intelgraph/id/country/> .\n"
        "<https://w3id.org/intelgraph/id/agency/zz-service> a ig:Agency ;\n"
        '    skos:prefLabel "Zedland Bureau"@en ; skos:altLabel "ZB"@en ; ig:country country:NOR .\n',
        encoding="utf-8")
    text = "The ZB has suspended intelligence sharing with Sweden."
    assert claims(text, load_lexicon()) == set()
    assert claims(text, load_lexicon([ttl])) == {("NOR", "suspends", "SWE")}


def test_yaml_dictionary_adds_an_alias_and_a_cue(tmp_path):
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "entities:\n"
        "  countries:\n"
        "    GBR: {altLabel: [Blighty]}\n"
        "status_cues:\n"
        "  suspends: ['put (?:{W}){0,5}?on ice']\n",
        encoding="utf-8")
    text = "Blighty has put intelligence sharing with Washington on ice."
    assert claims(text, load_lexicon()) == set()
    assert claims(text, load_lexicon([extra])) == {("GBR", "suspends", "USA")}


def test_yaml_dictionary_extends_a_group_name_head(tmp_path):
    # group_name_heads (ontology/cues.yaml) used to be a regex in memberships.py; a user file appends to it
    extra = tmp_path / "groups.yaml"
    extra.write_text("group_name_heads: [Quadrant]\n", encoding="utf-8")
    art = article_from_text("Poland, Hungary and Slovakia, all members of the Carpathian Quadrant, met on Monday.",
                            title="Intelligence sharing")

    def members(lexicon) -> set[tuple[str, str]]:
        return {(m.member, m.group) for m in extract(art, lexicon=lexicon).memberships}

    assert members(load_lexicon()) == set()
    assert members(load_lexicon([extra])) == {("POL", "carpathian-quadrant"), ("HUN", "carpathian-quadrant"),
                                              ("SVK", "carpathian-quadrant")}


def test_bad_dictionary_is_an_extraction_error(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("- just a list\n", encoding="utf-8")
    with pytest.raises(ExtractionError, match="bad.yaml"):
        load_lexicon([bad])
    with pytest.raises(ExtractionError, match="does not exist"):
        load_lexicon([tmp_path / "missing.ttl"])


def test_unknown_extractor_names_the_choices():
    art = article_from_text("Text.", title="t")
    with pytest.raises(ExtractionError, match="rules.v1"):
        extract(art, name="nope")
    assert "rules.v1" in EXTRACTORS
