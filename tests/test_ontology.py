"""The ontology package: vocabulary declared, reference data sound, shapes working."""

from __future__ import annotations

from collections import defaultdict

import pycountry
import pytest
from pyshacl import validate
from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SKOS

import ontology

IG = Namespace("https://w3id.org/intelgraph/ns#")
COUNTRY = Namespace("https://w3id.org/intelgraph/id/country/")
AGENCY = Namespace("https://w3id.org/intelgraph/id/agency/")
ALLIANCE = Namespace("https://w3id.org/intelgraph/id/alliance/")
CAMEO = Namespace("https://w3id.org/intelgraph/cameo/")

NAME_PROPERTIES = (SKOS.prefLabel, SKOS.altLabel, IG.demonym, IG.capital, IG.metonym)

# Strings that deliberately name more than one country, with the reason.
# Empty for now: ambiguous names ("Congo", "Dominican") are instead kept on
# one country or none, as countries.ttl explains in its header.
SHARED_COUNTRY_NAMES: dict[str, str] = {}

# ISO 3166-1 codes that are not UN member states (territories, observers,
# disputed or uninhabited areas); every other code must have a demonym and a
# capital, except the few listed below.
NOT_UN_MEMBERS = {
    "ABW", "AIA", "ALA", "ASM", "ATA", "ATF", "BES", "BLM", "BMU", "BVT", "CCK",
    "COK", "CUW", "CXR", "CYM", "ESH", "FLK", "FRO", "GGY", "GIB", "GLP", "GRL",
    "GUF", "GUM", "HKG", "HMD", "IMN", "IOT", "JEY", "MAC", "MAF", "MNP", "MSR",
    "MTQ", "MYT", "NCL", "NFK", "NIU", "PCN", "PRI", "PSE", "PYF", "REU", "SGS",
    "SHN", "SJM", "SPM", "SXM", "TCA", "TKL", "TWN", "UMI", "VAT", "VGB", "VIR",
    "WLF",
}
NO_DEMONYM = {"COG": "'Congolese' is kept for COD", "DMA": "'Dominican' is kept for DOM"}
NO_CAPITAL = {"SYC": "'Victoria' is too common a name to match"}


def _reference_file(name: str):
    return next(p for p in ontology.reference_paths() if p.name == name)


@pytest.fixture(scope="module")
def intel() -> Graph:
    return ontology.load_ontology()


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return ontology.load_shapes()


@pytest.fixture(scope="module")
def reference() -> Graph:
    return ontology.load_reference()


@pytest.fixture(scope="module")
def countries() -> Graph:
    return Graph().parse(_reference_file("countries.ttl"))


@pytest.fixture(scope="module")
def agencies() -> Graph:
    return Graph().parse(_reference_file("agencies.ttl"))


def _ig_terms(*graphs: Graph) -> set[URIRef]:
    terms = set()
    for g in graphs:
        for triple in g:
            terms.update(t for t in triple if isinstance(t, URIRef) and t.startswith(str(IG)))
    return terms


# --- packaging ---------------------------------------------------------------

def test_files_are_found():
    assert ontology.ontology_path().is_file()
    assert ontology.shapes_path().is_file()
    assert [p.name for p in ontology.reference_paths()] == [
        "agencies.ttl", "alliances.ttl", "countries.ttl", "officials.ttl"]


def test_load_reference_adds_user_files(tmp_path):
    extra = tmp_path / "mine.ttl"
    extra.write_text(
        "@prefix ig: <https://w3id.org/intelgraph/ns#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "<https://w3id.org/intelgraph/id/agency/example> a ig:Agency ;\n"
        '    skos:prefLabel "Example Service"@en ;\n'
        "    ig:country <https://w3id.org/intelgraph/id/country/FRA> .\n",
        encoding="utf-8")
    merged = ontology.load_reference([extra])
    assert (AGENCY.example, SKOS.prefLabel, Literal("Example Service", lang="en")) in merged
    assert (COUNTRY.USA, RDF.type, IG.Country) in merged


@pytest.mark.parametrize("content", ["this is not turtle .", "@prefix ig: <x> .\nig:a ig:b"])
def test_load_reference_bad_file_names_it(tmp_path, content):
    bad = tmp_path / "broken.ttl"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match="broken.ttl"):
        ontology.load_reference([bad])


def test_load_reference_missing_file(tmp_path):
    with pytest.raises(ValueError, match="nowhere.ttl"):
        ontology.load_reference([tmp_path / "nowhere.ttl"])


# --- the ontology ------------------------------------------------------------

def test_ontology_header(intel):
    onto = URIRef("https://w3id.org/intelgraph/ns")
    assert (onto, RDF.type, OWL.Ontology) in intel
    for prop in (OWL.versionInfo, RDFS.label, RDFS.comment):
        assert intel.value(onto, prop) is not None, prop


def test_every_ig_term_is_declared(intel, shapes, reference):
    declared_types = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty,
                      SKOS.Concept, SKOS.ConceptScheme}
    undeclared, unlabelled = [], []
    for term in sorted(_ig_terms(intel, shapes, reference)):
        if not set(intel.objects(term, RDF.type)) & declared_types:
            undeclared.append(term)
        for prop in (RDFS.label, RDFS.comment):
            if intel.value(term, prop) is None:
                unlabelled.append((term, prop))
    assert not undeclared
    assert not unlabelled


@pytest.mark.parametrize("term", [
    IG.Country, IG.Agency, IG.Alliance, IG.Official, IG.Article, IG.Claim,
    IG.Statement, IG.MembershipClaim,
    IG.iso2, IG.iso3, IG.isoNumeric, IG.demonym, IG.capital, IG.metonym, IG.country,
    IG.member, IG.role, IG.organization, IG.contentHash, IG.marking, IG.extractor,
    IG.actor, IG.partner, IG.status, IG.evidence, IG.charStart, IG.charEnd,
    IG.confidence, IG.rule, IG.date, IG.speaker, IG.speakerLabel, IG.quote, IG.about,
    IG.stance, IG.alliance, IG.mentions,
    IG.sharesIntelligenceWith, IG.considersRestrictingIntelligenceTo,
    IG.restrictsIntelligenceTo, IG.suspendsIntelligenceTo, IG.resumesIntelligenceTo,
])
def test_design_terms_exist(intel, term):
    assert intel.value(term, RDFS.label) is not None
    assert intel.value(term, RDFS.comment) is not None


def test_superclasses(intel):
    schema = Namespace("http://schema.org/")
    prov = Namespace("http://www.w3.org/ns/prov#")
    assert (IG.Official, RDFS.subClassOf, schema.Person) in intel
    assert (IG.Article, RDFS.subClassOf, schema.NewsArticle) in intel
    for cls in (IG.Article, IG.Claim, IG.Statement):
        assert (cls, RDFS.subClassOf, prov.Entity) in intel


def test_country_property_has_no_domain(intel):
    assert intel.value(IG.country, RDFS.domain) is None
    assert intel.value(IG.country, RDFS.range) == IG.Country


@pytest.mark.parametrize("scheme, notations", [
    (IG.SharingStatus, {"shares_with": IG.Shares,
                        "considers_restricting": IG.ConsidersRestricting,
                        "restricts": IG.Restricts, "suspends": IG.Suspends,
                        "resumes": IG.Resumes}),
    (IG.Stance, {"affirms_sharing": IG.AffirmsSharing,
                 "signals_restriction": IG.SignalsRestriction,
                 "denies_report": IG.DeniesReport, "criticises": IG.Criticises,
                 "other": IG.OtherStance}),
])
def test_concept_schemes(intel, scheme, notations):
    assert (scheme, RDF.type, SKOS.ConceptScheme) in intel
    members = set(intel.subjects(SKOS.inScheme, scheme))
    assert members == set(notations.values())
    for notation, concept in notations.items():
        assert str(intel.value(concept, SKOS.notation)) == notation
        assert intel.value(concept, SKOS.prefLabel) is not None
        assert intel.value(concept, SKOS.definition) is not None


def test_statuses_close_match_declared_cameo_codes(intel):
    expected = {IG.Shares: "064", IG.Resumes: "064", IG.ConsidersRestricting: "1313",
                IG.Restricts: "16", IG.Suspends: "16"}
    for status, code in expected.items():
        match = intel.value(status, SKOS.closeMatch)
        assert match == CAMEO[code]
        assert (match, SKOS.inScheme, CAMEO.CAMEO) in intel
        assert str(intel.value(match, SKOS.notation)) == code
        assert intel.value(match, SKOS.prefLabel) is not None


# --- countries -----------------------------------------------------------------

def test_every_iso_country_is_present(countries):
    present = {str(c)[len(str(COUNTRY)):] for c in countries.subjects(RDF.type, IG.Country)}
    assert present == {c.alpha_3 for c in pycountry.countries}


@pytest.mark.parametrize("iso", list(pycountry.countries), ids=lambda c: c.alpha_3)
def test_country_codes_and_labels(countries, iso):
    node = COUNTRY[iso.alpha_3]
    assert str(countries.value(node, IG.iso2)) == iso.alpha_2
    assert str(countries.value(node, IG.iso3)) == iso.alpha_3
    assert str(countries.value(node, IG.isoNumeric)) == iso.numeric
    prefs = list(countries.objects(node, SKOS.prefLabel))
    assert len(prefs) == 1 and prefs[0].language == "en"
    assert countries.value(node, RDFS.label) == prefs[0]


def test_un_members_have_demonym_and_capital(countries):
    un_members = {c.alpha_3 for c in pycountry.countries} - NOT_UN_MEMBERS
    assert len(un_members) == 193
    no_demonym = {c for c in un_members if countries.value(COUNTRY[c], IG.demonym) is None}
    no_capital = {c for c in un_members if countries.value(COUNTRY[c], IG.capital) is None}
    assert no_demonym == set(NO_DEMONYM)
    assert no_capital == set(NO_CAPITAL)


def test_no_name_maps_to_two_countries(countries):
    owners: dict[str, set[str]] = defaultdict(set)
    for prop in NAME_PROPERTIES:
        for node, name in countries.subject_objects(prop):
            owners[str(name).casefold()].add(str(node))
    shared = {name: nodes for name, nodes in owners.items() if len(nodes) > 1}
    assert set(shared) == set(SHARED_COUNTRY_NAMES), shared


@pytest.mark.parametrize("iso3, name", [
    ("USA", "America"), ("USA", "U.S."), ("USA", "White House"), ("USA", "Pentagon"),
    ("GBR", "Britain"), ("GBR", "UK"), ("GBR", "Downing Street"), ("GBR", "Briton"),
    ("KOR", "South Korea"), ("KOR", "ROK"), ("KOR", "Blue House"), ("RUS", "Russia"),
    ("RUS", "Kremlin"), ("CZE", "Czechia"), ("TUR", "Türkiye"), ("TUR", "Turkey"),
    ("NLD", "Holland"), ("NLD", "The Hague"), ("NLD", "Dutch"), ("UKR", "Kyiv"),
    ("UKR", "Kiev"), ("FRA", "Elysee"), ("FRA", "Élysée"), ("CHN", "Zhongnanhai"),
    ("CIV", "Cote d'Ivoire"), ("SAU", "Saudi"), ("ISR", "Israeli"),
])
def test_known_names(countries, iso3, name):
    node = COUNTRY[iso3]
    names = {str(o) for p in NAME_PROPERTIES for o in countries.objects(node, p)}
    assert name in names


def test_wikidata_links_are_unique(countries):
    links = list(countries.subject_objects(SKOS.exactMatch))
    assert len({o for _, o in links}) == len(links)
    assert all(str(o).startswith("http://www.wikidata.org/entity/Q") for _, o in links)


# --- agencies -----------------------------------------------------------------

def test_agency_labels_are_unique(agencies):
    owners: dict[str, set[str]] = defaultdict(set)
    for prop in (SKOS.prefLabel, SKOS.altLabel):
        for node, name in agencies.subject_objects(prop):
            owners[str(name).casefold()].add(str(node))
    assert {n: o for n, o in owners.items() if len(o) > 1} == {}


def test_agency_labels_are_not_country_names(agencies, countries):
    country_names = {str(o).casefold() for p in NAME_PROPERTIES for o in countries.objects(None, p)}
    agency_names = {str(o).casefold() for p in (SKOS.prefLabel, SKOS.altLabel)
                    for o in agencies.objects(None, p)}
    assert agency_names & country_names == set()


def test_every_agency_has_one_known_country(agencies, countries):
    known = set(countries.subjects(RDF.type, IG.Country))
    nodes = set(agencies.subjects(RDF.type, IG.Agency))
    assert len(nodes) >= 60
    for node in nodes:
        assert str(node).startswith(str(AGENCY))
        assert len(list(agencies.objects(node, SKOS.prefLabel))) == 1, node
        assert agencies.value(node, RDFS.label) is not None, node
        owners = list(agencies.objects(node, IG.country))
        assert len(owners) == 1 and owners[0] in known, node


@pytest.mark.parametrize("key, iso3, label", [
    ("cia", "USA", "CIA"), ("nsa", "USA", "NSA"), ("mi6", "GBR", "MI6"),
    ("gchq", "GBR", "GCHQ"), ("csis", "CAN", "Canada Security Intelligence Service"),
    ("asio", "AUS", "ASIO"), ("gcsb", "NZL", "GCSB"), ("mossad", "ISR", "Mossad"),
    ("shin-bet", "ISR", "Shabak"), ("bnd", "DEU", "BND"), ("aivd", "NLD", "AIVD"),
    ("sbu", "UKR", "SBU"), ("hur", "UKR", "GUR"), ("fsb", "RUS", "FSB"), ("kgb", "RUS", "KGB"),
    ("mss", "CHN", "Ministry of State Security"), ("nis", "KOR", "NIS"),
    ("raw", "IND", "R&AW"), ("mit", "TUR", "MIT"),
    ("fra-sweden", "SWE", "Försvarets radioanstalt"),
])
def test_known_agencies(agencies, key, iso3, label):
    node = AGENCY[key]
    assert agencies.value(node, IG.country) == COUNTRY[iso3]
    names = {str(o) for p in (SKOS.prefLabel, SKOS.altLabel) for o in agencies.objects(node, p)}
    assert label in names


def test_clashing_acronyms_are_left_out(agencies):
    names = {str(o) for p in (SKOS.prefLabel, SKOS.altLabel) for o in agencies.objects(None, p)}
    assert "FRA" not in names  # France's alpha-3 code, not Sweden's FRA
    nis_owners = {s for s in agencies.subjects(SKOS.altLabel, Literal("NIS", lang="en"))}
    assert nis_owners == {AGENCY.nis}


# --- alliances -----------------------------------------------------------------

def _members(reference: Graph, key: str) -> set[str]:
    return {str(m)[len(str(COUNTRY)):] for m in reference.objects(ALLIANCE[key], IG.member)}


def test_alliance_labels(reference):
    labels = {str(s)[len(str(ALLIANCE)):]: str(o)
              for s, o in reference.subject_objects(SKOS.prefLabel)
              if str(s).startswith(str(ALLIANCE))}
    expected = {"five-eyes": "Five Eyes", "nine-eyes": "Nine Eyes",
                "fourteen-eyes": "Fourteen Eyes", "nato": "NATO", "eu": "European Union",
                "aukus": "AUKUS", "quad": "Quad"}
    assert expected.items() <= labels.items()
    for key in labels:
        assert (ALLIANCE[key], RDF.type, IG.Alliance) in reference


def test_alliance_members(reference):
    known = {str(c)[len(str(COUNTRY)):] for c in reference.subjects(RDF.type, IG.Country)}
    five = _members(reference, "five-eyes")
    nine = _members(reference, "nine-eyes")
    fourteen = _members(reference, "fourteen-eyes")
    assert five == {"USA", "GBR", "CAN", "AUS", "NZL"}
    assert nine == five | {"DNK", "FRA", "NLD", "NOR"}
    assert fourteen == nine | {"DEU", "BEL", "ITA", "ESP", "SWE"}
    assert len(_members(reference, "nato")) == 32
    assert {"FIN", "SWE"} <= _members(reference, "nato")
    assert len(_members(reference, "eu")) == 27
    assert "GBR" not in _members(reference, "eu")
    assert _members(reference, "aukus") == {"AUS", "GBR", "USA"}
    assert _members(reference, "quad") == {"USA", "JPN", "IND", "AUS"}
    for alliance in reference.subjects(RDF.type, IG.Alliance):
        assert {str(m)[len(str(COUNTRY)):] for m in reference.objects(alliance, IG.member)} <= known


def test_alliance_labels_are_unique(reference):
    owners: dict[str, set[str]] = defaultdict(set)
    for alliance in reference.subjects(RDF.type, IG.Alliance):
        for prop in (SKOS.prefLabel, SKOS.altLabel):
            for name in reference.objects(alliance, prop):
                owners[str(name).casefold()].add(str(alliance))
    assert {n: o for n, o in owners.items() if len(o) > 1} == {}


# --- shapes --------------------------------------------------------------------

PREFIXES = """
@prefix ig: <https://w3id.org/intelgraph/ns#> .
@prefix id: <https://w3id.org/intelgraph/id/> .
@prefix schema: <http://schema.org/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

ARTICLE = """
<https://w3id.org/intelgraph/id/article/0123456789abcdef> a ig:Article ;
    schema:headline "US pauses intelligence sharing with Ukraine" ;
    schema:datePublished "2025-03-05"^^xsd:date ;
    ig:contentHash "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" ;
    ig:marking "TLP:CLEAR" .
"""

CLAIM = """
<https://w3id.org/intelgraph/id/claim/aaaaaaaaaaaaaaaa> a ig:Claim ;
    ig:actor <https://w3id.org/intelgraph/id/country/USA> ;
    ig:partner <https://w3id.org/intelgraph/id/country/UKR> ;
    ig:status ig:Suspends ;
    ig:evidence "The US has paused intelligence sharing with Ukraine." ;
    ig:charStart 0 ; ig:charEnd 52 ;
    ig:confidence 0.9 ;
    ig:rule "suspend.verb" ;
    ig:date "2025-03-05"^^xsd:date ;
    prov:wasDerivedFrom <https://w3id.org/intelgraph/id/article/0123456789abcdef> .
"""

STATEMENT = """
<https://w3id.org/intelgraph/id/statement/bbbbbbbbbbbbbbbb> a ig:Statement ;
    ig:quote "We are not cutting anyone off" ;
    ig:speakerLabel "Pete Hegseth" ;
    ig:speaker <https://w3id.org/intelgraph/id/person/pete-hegseth> ;
    ig:about <https://w3id.org/intelgraph/id/country/UKR> ;
    ig:stance ig:DeniesReport ;
    prov:wasDerivedFrom <https://w3id.org/intelgraph/id/article/0123456789abcdef> .
<https://w3id.org/intelgraph/id/person/pete-hegseth> a ig:Official ;
    schema:name "Pete Hegseth" ;
    ig:role "defense secretary" ;
    ig:country <https://w3id.org/intelgraph/id/country/USA> .
"""

MEMBERSHIP = """
<https://w3id.org/intelgraph/id/membership/cccccccccccccccc> a ig:MembershipClaim ;
    ig:alliance <https://w3id.org/intelgraph/id/alliance/five-eyes> ;
    ig:country <https://w3id.org/intelgraph/id/country/NZL> ;
    prov:wasDerivedFrom <https://w3id.org/intelgraph/id/article/0123456789abcdef> .
"""

VALID = PREFIXES + ARTICLE + CLAIM + STATEMENT + MEMBERSHIP

_SCHEMA = "http://schema.org/"
# The one property each broken graph below must be reported on.
EXPECTED_PATH = {
    "bad-marking": IG.marking, "two-markings": IG.marking, "short-hash": IG.contentHash,
    "no-headline": _SCHEMA + "headline", "date-not-xsd-date": _SCHEMA + "datePublished",
    "two-actors": IG.actor, "actor-is-partner": IG.actor, "actor-literal": IG.actor,
    "actor-bad-iri": IG.actor, "bad-status": IG.status, "confidence-above-1": IG.confidence,
    "negative-start": IG.charStart, "start-after-end": IG.charStart,
    "empty-evidence": IG.evidence, "no-rule": IG.rule, "bad-stance": IG.stance,
    "no-speaker-label": IG.speakerLabel, "official-two-names": _SCHEMA + "name",
    "membership-no-alliance": IG.alliance,
    "claim-bad-source": "http://www.w3.org/ns/prov#wasDerivedFrom",
}
EXPECTED_PATH = {case: str(path) for case, path in EXPECTED_PATH.items()}


def _conforms(turtle: str, shapes: Graph) -> tuple[bool, str]:
    data = Graph().parse(data=turtle, format="turtle")
    conforms, _, text = validate(data, shacl_graph=shapes, meta_shacl=True)
    return conforms, text


def test_shapes_are_valid_shacl(shapes):
    # meta_shacl checks the shapes graph against the SHACL-for-SHACL shapes first.
    conforms, text = _conforms(PREFIXES, shapes)
    assert conforms, text


def test_valid_article_graph_conforms(shapes):
    conforms, text = _conforms(VALID, shapes)
    assert conforms, text


@pytest.mark.parametrize("old, new", [
    pytest.param('ig:marking "TLP:CLEAR"', 'ig:marking "TLP:WHITE"', id="bad-marking"),
    pytest.param('ig:marking "TLP:CLEAR" .', 'ig:marking "TLP:CLEAR", "TLP:RED" .',
                 id="two-markings"),
    pytest.param('"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"',
                 '"0123"', id="short-hash"),
    pytest.param('schema:headline "US pauses intelligence sharing with Ukraine" ;', "",
                 id="no-headline"),
    pytest.param('"2025-03-05"^^xsd:date ;\n    ig:contentHash',
                 '"5 March 2025" ;\n    ig:contentHash',
                 id="date-not-xsd-date"),
    pytest.param("ig:actor <https://w3id.org/intelgraph/id/country/USA> ;",
                 "ig:actor <https://w3id.org/intelgraph/id/country/USA>, "
                 "<https://w3id.org/intelgraph/id/country/GBR> ;", id="two-actors"),
    pytest.param("ig:partner <https://w3id.org/intelgraph/id/country/UKR> ;",
                 "ig:partner <https://w3id.org/intelgraph/id/country/USA> ;",
                 id="actor-is-partner"),
    pytest.param("ig:actor <https://w3id.org/intelgraph/id/country/USA> ;",
                 'ig:actor "USA" ;', id="actor-literal"),
    pytest.param("ig:actor <https://w3id.org/intelgraph/id/country/USA> ;",
                 "ig:actor <https://w3id.org/intelgraph/id/country/us> ;", id="actor-bad-iri"),
    pytest.param("ig:status ig:Suspends ;", "ig:status ig:Cancels ;", id="bad-status"),
    pytest.param("ig:confidence 0.9 ;", "ig:confidence 1.5 ;", id="confidence-above-1"),
    pytest.param("ig:charStart 0 ; ig:charEnd 52 ;", "ig:charStart -1 ; ig:charEnd 52 ;",
                 id="negative-start"),
    pytest.param("ig:charStart 0 ; ig:charEnd 52 ;", "ig:charStart 60 ; ig:charEnd 52 ;",
                 id="start-after-end"),
    pytest.param('ig:evidence "The US has paused intelligence sharing with Ukraine." ;',
                 'ig:evidence "" ;', id="empty-evidence"),
    pytest.param('ig:rule "suspend.verb" ;', "", id="no-rule"),
    pytest.param("ig:stance ig:DeniesReport ;", "ig:stance ig:Suspends ;", id="bad-stance"),
    pytest.param('ig:speakerLabel "Pete Hegseth" ;', "", id="no-speaker-label"),
    pytest.param('schema:name "Pete Hegseth" ;', 'schema:name "Pete Hegseth", "P. Hegseth" ;',
                 id="official-two-names"),
    pytest.param("ig:alliance <https://w3id.org/intelgraph/id/alliance/five-eyes> ;", "",
                 id="membership-no-alliance"),
    pytest.param("<https://w3id.org/intelgraph/id/article/0123456789abcdef> .\n\n"
                 "<https://w3id.org/intelgraph/id/statement",
                 "<https://w3id.org/intelgraph/id/article/0123> .\n\n"
                 "<https://w3id.org/intelgraph/id/statement", id="claim-bad-source"),
])
def test_invalid_article_graph_does_not_conform(shapes, old, new, request):
    assert VALID.count(old) >= 1, old
    data = Graph().parse(data=VALID.replace(old, new, 1), format="turtle")
    conforms, report, _ = validate(data, shacl_graph=shapes)
    assert not conforms
    sh = Namespace("http://www.w3.org/ns/shacl#")
    paths = {str(p) for p in report.objects(None, sh.resultPath)}
    assert paths == {EXPECTED_PATH[request.node.callspec.id]}
