"""Content negotiation for SPARQL results: media type -> format, by table, per query form.

Honours q-values (``q=0`` excludes), lists and wildcards (``*/*``, ``text/*``),
the most specific range deciding a type's quality (RFC 9110); the server's
order breaks ties. When nothing acceptable can be produced the caller
answers 406. The format names are those of :mod:`api.sparql_worker`.
"""

from __future__ import annotations

# Offered media types per query form, in the server's order of preference.
SOLUTIONS_MEDIA: dict[str, str] = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "application/json": "json",
    "application/xml": "xml",
    "text/xml": "xml",
}
# CSV and TSV define no boolean form: an ASK result is JSON or XML.
BOOLEAN_MEDIA: dict[str, str] = {m: f for m, f in SOLUTIONS_MEDIA.items() if f in ("json", "xml")}
GRAPH_MEDIA: dict[str, str] = {
    "text/turtle": "turtle",
    "application/n-triples": "ntriples",
    "application/ld+json": "jsonld",
    "application/rdf+xml": "rdfxml",
    "application/trig": "trig",
    "application/n-quads": "nquads",
    "text/plain": "ntriples",
    "application/x-turtle": "turtle",
}
MEDIA_BY_FORM: dict[str | None, dict[str, str]] = {
    "SELECT": SOLUTIONS_MEDIA, "ASK": BOOLEAN_MEDIA, "CONSTRUCT": GRAPH_MEDIA, "DESCRIBE": GRAPH_MEDIA,
    None: SOLUTIONS_MEDIA,  # unrecognised: Oxigraph will answer with the syntax error
}


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """(media range, q) pairs of an Accept header; an absent or empty header accepts anything.

    >>> parse_accept("text/csv;q=0.5, application/sparql-results+json")
    [('text/csv', 0.5), ('application/sparql-results+json', 1.0)]
    """
    if not header or not header.strip():
        return [("*/*", 1.0)]
    ranges = []
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        if media == "*":  # some clients send a bare '*'
            media = "*/*"
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        ranges.append((media, q))
    return ranges


def _quality(offer: str, ranges: list[tuple[str, float]]) -> float:
    """q of the most specific range matching ``offer`` (RFC 9110 precedence)."""
    kind, _, _ = offer.partition("/")
    best, specificity = 0.0, -1
    for media, q in ranges:
        if media == offer:
            score = 2
        elif media == f"{kind}/*":
            score = 1
        elif media == "*/*":
            score = 0
        else:
            continue
        if score > specificity or (score == specificity and q > best):
            best, specificity = q, score
    return best


def choose(offers: list[str], accept: str | None) -> str | None:
    """The offered media type the client likes best (server order breaks ties); None -> 406.

    >>> choose(list(SOLUTIONS_MEDIA), "text/csv, */*;q=0.1")
    'text/csv'
    >>> choose(list(GRAPH_MEDIA), "application/sparql-results+json") is None
    True
    """
    ranges = parse_accept(accept)
    scored = [(_quality(o, ranges), -i, o) for i, o in enumerate(offers)]
    q, _, offer = max(scored)
    return offer if q > 0 else None


def negotiate(form: str | None, accept: str | None) -> tuple[str, str] | None:
    """(media type, format name) for a query form and an Accept header; None when nothing fits."""
    table = MEDIA_BY_FORM.get(form, SOLUTIONS_MEDIA)
    media = choose(list(table), accept)
    return (media, table[media]) if media else None
