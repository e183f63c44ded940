"""The stable IRIs of intelgraph's vocabulary (see the README's "Vocabulary").

Users write SPARQL against these, so they never change meaning. Every other
module builds IRIs through the helpers here rather than by pasting strings.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

IG = "https://w3id.org/intelgraph/ns#"
ID = "https://w3id.org/intelgraph/id/"
GRAPH = "https://w3id.org/intelgraph/graph/"
REFERENCE_GRAPH = GRAPH + "reference"
ONTOLOGY_GRAPH = GRAPH + "ontology"

SCHEMA = "http://schema.org/"
PROV = "http://www.w3.org/ns/prov#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
DCT = "http://purl.org/dc/terms/"

PREFIXES = {
    "ig": IG, "igid": ID, "schema": SCHEMA, "prov": PROV, "skos": SKOS,
    "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "dct": DCT,
}

# The five statuses: facts-JSON name -> (SKOS concept, direct predicate).
STATUSES: dict[str, tuple[str, str]] = {
    "shares_with": (IG + "Shares", IG + "sharesIntelligenceWith"),
    "considers_restricting": (IG + "ConsidersRestricting", IG + "considersRestrictingIntelligenceTo"),
    "restricts": (IG + "Restricts", IG + "restrictsIntelligenceTo"),
    "suspends": (IG + "Suspends", IG + "suspendsIntelligenceTo"),
    "resumes": (IG + "Resumes", IG + "resumesIntelligenceTo"),
}
STATUS_BY_CONCEPT = {concept: name for name, (concept, _) in STATUSES.items()}

STANCES: dict[str, str] = {
    "affirms_sharing": IG + "AffirmsSharing",
    "signals_restriction": IG + "SignalsRestriction",
    "denies_report": IG + "DeniesReport",
    "criticises": IG + "Criticises",
    "other": IG + "OtherStance",
}
STANCE_BY_CONCEPT = {concept: name for name, concept in STANCES.items()}


def slug(text: str) -> str:
    """Lower-case ASCII slug for person and alliance IRIs.

    >>> slug("Brian Hughes")
    'brian-hughes'
    >>> slug("Sébastien  Lecornu")
    'sebastien-lecornu'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


def short_hash(*parts: str) -> str:
    """First 16 hex digits of the sha256 of the parts joined by a unit separator."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def country_iri(iso3: str) -> str:
    return f"{ID}country/{iso3.upper()}"


def agency_iri(key: str) -> str:
    return f"{ID}agency/{key}"


def alliance_iri(key: str) -> str:
    return f"{ID}alliance/{key}"


def person_iri(name: str) -> str:
    return f"{ID}person/{slug(name)}"


def article_iri(article_id: str) -> str:
    return f"{ID}article/{article_id}"


def claim_iri(article_id: str, *parts: str) -> str:
    return f"{ID}claim/{short_hash(article_id, *parts)}"


def statement_iri(article_id: str, *parts: str) -> str:
    return f"{ID}statement/{short_hash(article_id, *parts)}"


def membership_iri(article_id: str, *parts: str) -> str:
    return f"{ID}membership/{short_hash(article_id, *parts)}"


def local_name(iri: str) -> str:
    """The last path segment or fragment of an IRI: ``.../country/USA`` -> ``USA``."""
    return re.split(r"[/#]", iri.rstrip("/"))[-1]
