"""What a SPARQL request is, read from its text before it runs.

The checks read the query with its string literals, IRIs and comments
blanked out, so a keyword inside a literal (``"SERVICE"``) or an IRI never
trips them, and a keyword outside them is always seen. Oxigraph parses the
query again when it runs it; this is only what the endpoint must know first:
the query form (for content negotiation before any work), whether the query
names its own dataset (``FROM``), and whether it asks for something a public
endpoint must refuse (``SERVICE``, an update).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph import QueryError

# Literals first (long forms before short), then IRIs, then comments.
_MASK = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""' r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
                   r'|"(?:[^"\\\n]|\\.)*"' r"|'(?:[^'\\\n]|\\.)*'"
                   r'|<[^<>"{}|^`\\\s]*>' r"|#[^\n]*", re.S)
_WORD = r"(?<![?$\w:.-]){}(?![\w:-])"
_FORM = re.compile(r"(?<![?$\w:.-])(SELECT|ASK|CONSTRUCT|DESCRIBE)(?![\w:-])", re.I)
_UPDATE = re.compile(_WORD.format(r"(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)"), re.I)
_PROLOGUE = re.compile(r"\s*(?:(?:PREFIX\s+[\w.-]*:\s*<>|BASE\s*<>)\s*)*", re.I)
_SERVICE = re.compile(_WORD.format("SERVICE"), re.I)
_LOAD = re.compile(_WORD.format("LOAD"), re.I)
_FROM = re.compile(_WORD.format("FROM"), re.I)

MAX_QUERY_CHARS = 100_000


def mask(text: str) -> str:
    """The query with literals, IRIs and comments blanked (same length, structure kept).

    >>> mask('SELECT * { ?s ?p "SERVICE" } # FROM')
    'SELECT * { ?s ?p "" } #'
    """
    def blank(m: re.Match) -> str:
        s = m.group(0)
        if s.startswith("#"):
            return "#"
        if s.startswith("<"):
            return "<>"
        quote = 3 if s[:3] in ('"""', "'''") else 1
        return s[:quote] + s[-quote:]
    return _MASK.sub(blank, text)


@dataclass(frozen=True)
class QueryInfo:
    form: str | None      # SELECT, ASK, CONSTRUCT, DESCRIBE (None when unrecognised)
    has_dataset: bool     # FROM / FROM NAMED in the query

    @property
    def graph_result(self) -> bool:
        return self.form in ("CONSTRUCT", "DESCRIBE")


def check_query(text: str | None) -> QueryInfo:
    """Refuse what the read-only endpoint must not run; otherwise what the query is.

    >>> check_query("PREFIX ig: <x#> ASK FROM <g> { ?s ig:p 'from' }")
    QueryInfo(form='ASK', has_dataset=True)
    >>> check_query("SELECT * { SERVICE <http://x/> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    graph.errors.QueryError: SERVICE (federated queries to other servers) is not allowed on this endpoint
    """
    if text is None or not text.strip():
        raise QueryError("no query: pass it as ?query=, a form field 'query', or an application/sparql-query body")
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"the query is {len(text):,} characters long; the limit is {MAX_QUERY_CHARS:,}")
    masked = mask(text)
    body = masked[_PROLOGUE.match(masked).end():]
    if _UPDATE.match(body.lstrip()):
        raise QueryError("SPARQL updates are not accepted at /sparql: this endpoint is read-only "
                         "(send updates to /sparql/update with an API key)")
    if _SERVICE.search(masked):
        raise QueryError("SERVICE (federated queries to other servers) is not allowed on this endpoint")
    form = _FORM.search(body)
    return QueryInfo(form=form.group(1).upper() if form else None, has_dataset=bool(_FROM.search(body)))


def check_update(text: str | None) -> str:
    """Refuse an update that would fetch from elsewhere (``LOAD``, ``SERVICE``); return its text."""
    if text is None or not text.strip():
        raise QueryError("no update: pass it as a form field 'update' or an application/sparql-update body")
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"the update is {len(text):,} characters long; the limit is {MAX_QUERY_CHARS:,}")
    masked = mask(text)
    if _SERVICE.search(masked):
        raise QueryError("SERVICE (federated calls to other servers) is not allowed in updates")
    if _LOAD.search(masked):
        raise QueryError("LOAD (fetching data from the web) is not allowed; POST articles to /articles instead")
    return text
