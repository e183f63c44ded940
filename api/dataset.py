"""The one place where a query's dataset is chosen.

Every ``/sparql`` query gets its store, default graph and named graphs from
:func:`query_dataset`. The store is the caller's view (:mod:`graph.access`):
the store itself when nothing is marked above the caller's clearance, else
the view store of the caller's level, which holds only the graphs the caller
may see. On that store: by default the union of all graphs (reference data
and every article graph), with ``GRAPH ?g`` reaching each article's graph; the
protocol's ``default-graph-uri``/``named-graph-uri`` replace that, and a
query's own ``FROM``/``FROM NAMED`` are honoured when the protocol names no
graphs. A hidden graph is not in the view store, so naming it (in ``FROM``,
``GRAPH <g>`` or the protocol) reaches an empty graph, exactly as a graph
that does not exist. On a remote store (no view stores) the visible graphs
are passed as an explicit dataset instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from graph import QueryError, Store


@dataclass(frozen=True)
class Dataset:
    default_graphs: tuple[str, ...] | None  # None: the store's choice (union, or the query's FROM)
    named_graphs: tuple[str, ...] | None
    union: bool
    source: Store | None = None  # the store to run on (None: the server's store)
    token: Any = None            # for reader.still_valid: a read of the store itself is checked after the fact


def query_dataset(default_graph_uri: list[str], named_graph_uri: list[str], *, query_has_from: bool,
                  reader=None, text: str = "") -> Dataset:
    """The dataset a query runs on (on ``reader``, a :class:`graph.access.ClearedStore`, when given).

    >>> query_dataset([], [], query_has_from=False)
    Dataset(default_graphs=None, named_graphs=None, union=True, source=None, token=None)
    >>> query_dataset(["urn:g1"], [], query_has_from=False).default_graphs
    ('urn:g1',)
    """
    for value in [*default_graph_uri, *named_graph_uri]:
        try:
            ox.NamedNode(value)
        except ValueError as err:
            raise QueryError(f"invalid graph IRI {value[:200]!r} in default-graph-uri/named-graph-uri: {err}") from None
    if default_graph_uri or named_graph_uri:
        dataset = Dataset(tuple(default_graph_uri), tuple(named_graph_uri), union=False)
    else:
        dataset = Dataset(None, None, union=not query_has_from)
    if reader is None:
        return dataset
    source, token = reader.route()
    if source is not None:
        return Dataset(dataset.default_graphs, dataset.named_graphs, dataset.union, source, token)
    given = bool(default_graph_uri or named_graph_uri)  # the protocol's dataset: a part not given is empty
    default, named = reader.listed_dataset(text, list(default_graph_uri) if given else None,
                                           list(named_graph_uri) if given else None, dataset.union)
    return Dataset(tuple(default), tuple(named), union=False, source=None, token=token)
