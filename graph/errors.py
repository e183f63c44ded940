"""The errors intelgraph raises, one small hierarchy.

Each is raised where the bad value is found and names it, so that the CLI can
print it and the API can map it to a status code in one table
(``api.errors.STATUS_BY_ERROR``).
"""

from __future__ import annotations


class IntelgraphError(Exception):
    """Base of every error intelgraph raises on purpose."""


class ArticleError(IntelgraphError):
    """An article could not be loaded: unreadable, empty, malformed or too big."""


class ExtractionError(IntelgraphError):
    """The extractor was misconfigured (an unknown extractor, a bad dictionary)."""


class QueryError(IntelgraphError):
    """A SPARQL query is malformed, forbidden, too slow or too big."""


class NotFoundError(IntelgraphError):
    """A country, official, alliance or article that the store does not hold."""

    def __init__(self, message: str, suggestions: list[str] | None = None) -> None:
        super().__init__(message)
        self.suggestions = suggestions or []


class StoreError(IntelgraphError):
    """The store could not be opened, read or written."""


class FlushTimeout(StoreError):
    """RocksDB did not finish a flush in time: the data is safe in its log, but the handle may never close."""


def unknown_choice(kind: str, value: str, choices) -> str:
    """Message for a value outside a small set: ``unknown measure 'x'; choose one of: a, b``."""
    return f"unknown {kind} {value!r}; choose one of: {', '.join(sorted(choices))}"
