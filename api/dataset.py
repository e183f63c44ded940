"""The one place where a query's dataset is chosen.

Every ``/sparql`` query gets its default and named graphs from
:func:`query_dataset`: by default the union of all graphs (reference data
and every article graph), with ``GRAPH ?g`` reaching each article's graph; the
protocol's ``default-graph-uri``/``named-graph-uri`` replace that, and a
query's own ``FROM``/``FROM NAMED`` are honoured when the protocol names no
graphs. Access control by marking (TLP) will narrow the graphs here.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from graph import QueryError


@dataclass(frozen=True)
class Dataset:
    default_graphs: tuple[str, ...] | None  # None: the store's choice (union, or the query's FROM)
    named_graphs: tuple[str, ...] | None
    union: bool


def query_dataset(default_graph_uri: list[str], named_graph_uri: list[str], *, query_has_from: bool) -> Dataset:
    """The dataset a query runs on.

    >>> query_dataset([], [], query_has_from=False)
    Dataset(default_graphs=None, named_graphs=None, union=True)
    >>> query_dataset(["urn:g1"], [], query_has_from=False)
    Dataset(default_graphs=('urn:g1',), named_graphs=(), union=False)
    """
    for value in [*default_graph_uri, *named_graph_uri]:
        try:
            ox.NamedNode(value)
        except ValueError as err:
            raise QueryError(f"invalid graph IRI {value[:200]!r} in default-graph-uri/named-graph-uri: {err}") from None
    if default_graph_uri or named_graph_uri:
        return Dataset(tuple(default_graph_uri), tuple(named_graph_uri), union=False)
    return Dataset(None, None, union=not query_has_from)
