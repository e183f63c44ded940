"""Sharing markings (Traffic Light Protocol) enforced where a query's dataset is chosen.

A caller cleared for ``TLP:AMBER`` sees the article graphs marked CLEAR,
GREEN and AMBER, plus the reference data and the ontology, and nothing else:
:class:`ClearedStore` hands every query an explicit default graph and set of
named graphs, which Oxigraph uses *instead of* the union of all graphs and
instead of any ``FROM``/``FROM NAMED`` in the query text (those are
intersected with what the caller may see). Results are never filtered
afterwards, so counts and aggregates cannot betray a hidden article.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .errors import QueryError, StoreError, unknown_choice
from .model import MARKINGS
from .store import Store, dataset_clause
from .vocab import ONTOLOGY_GRAPH, REFERENCE_GRAPH

RANK = {marking: rank for rank, marking in enumerate(MARKINGS)}
ALWAYS_VISIBLE = (REFERENCE_GRAPH, ONTOLOGY_GRAPH)


def check_clearance(value: str | None) -> str:
    """A clearance from user input (``amber`` -> ``TLP:AMBER``); ``TLP:CLEAR`` when absent.

    >>> check_clearance("amber+strict")
    'TLP:AMBER+STRICT'
    """
    marking = (value or "TLP:CLEAR").strip().upper()
    marking = marking if marking.startswith("TLP:") else "TLP:" + marking
    if marking not in RANK:
        raise QueryError(unknown_choice("marking", value or "", MARKINGS))
    return marking


def visible(marking: str, clearance: str) -> bool:
    """Whether an article marked ``marking`` may be shown to someone cleared for ``clearance``.

    >>> visible("TLP:AMBER", "TLP:GREEN"), visible("TLP:GREEN", "TLP:AMBER")
    (False, True)
    """
    return RANK.get(marking, len(RANK)) <= RANK[clearance]


def highest(markings: Iterable[str]) -> str:
    """The most restrictive of some markings (``TLP:CLEAR`` for none)."""
    return max(markings, key=lambda m: RANK.get(m, 0), default="TLP:CLEAR")


def graph_markings(store: Store) -> dict[str, str]:
    """Article graph IRI -> marking, cached per store revision."""
    cached = getattr(store, "_markings_cache", None)
    if cached and cached[0] == store.revision:
        return cached[1]
    markings = {row["g"]: row["marking"] for row in store.select("markings")}
    store._markings_cache = (store.revision, markings)  # type: ignore[attr-defined]
    return markings


class ClearedStore:
    """A read-only view of a store showing only what ``clearance`` allows.

    It offers the reading half of :class:`graph.store.Store` (``query``,
    ``select``, ``dump``, ``article_graphs``, ``has_graph``, ``revision``), so
    REST, SPARQL, analytics and exports can take it wherever they take a store.
    """

    def __init__(self, store: Store, clearance: str = "TLP:CLEAR") -> None:
        self.store = store
        self.clearance = check_clearance(clearance)
        self.url = store.url
        self.read_only = True

    def __getattr__(self, name: str) -> Any:
        if name in ("add_graph", "add_graphs", "remove_graph", "update", "ensure_reference"):
            raise StoreError(f"a view cleared for {self.clearance} cannot write; use the store itself")
        return getattr(self.store, name)

    @property
    def revision(self) -> int:
        """The store's revision: a cache key only, never shown to callers."""
        return self.store.revision

    def allowed_graphs(self) -> list[str]:
        """Reference, ontology and the visible article graphs; never the store's meta graph
        (its revision counter would betray hidden writes). Cached per revision."""
        cached = getattr(self, "_allowed", None)
        if cached and cached[0] == self.store.revision:
            return cached[1]
        hidden = self.hidden()
        allowed = [g for g in (*ALWAYS_VISIBLE, *self.store.article_graphs()) if g not in hidden]
        self._allowed = (self.store.revision, allowed)
        return allowed

    def hidden(self) -> set[str]:
        return {g for g, m in graph_markings(self.store).items() if not visible(m, self.clearance)}

    def article_graphs(self) -> list[str]:
        hidden = self.hidden()
        return [g for g in self.store.article_graphs() if g not in hidden]

    def has_graph(self, graph_iri: str) -> bool:
        return graph_iri not in self.hidden() and self.store.has_graph(graph_iri)

    def markings(self) -> dict[str, str]:
        """Marking of every article graph this view shows."""
        hidden = self.hidden()
        return {g: m for g, m in graph_markings(self.store).items() if g not in hidden}

    def query(self, sparql: str, *, bindings: Mapping[str, Any] | None = None,
              default_graph: list[str] | None = None, named_graphs: list[str] | None = None,
              union: bool = True) -> Any:
        allowed = self.allowed_graphs()
        allowed_set = set(allowed)
        own_default, own_named = dataset_clause(sparql)
        wanted_default = default_graph if default_graph is not None else (own_default or None)
        wanted_named = named_graphs if named_graphs is not None else (own_named or None)
        if wanted_default is None:
            wanted_default = allowed if union else []
        return self.store.query(
            sparql, bindings=bindings,
            default_graph=[g for g in wanted_default if g in allowed_set],
            named_graphs=[g for g in (wanted_named if wanted_named is not None else allowed) if g in allowed_set])

    def select(self, name: str, **bindings: Any) -> list[dict[str, Any]]:
        from .store import named_query, to_python

        results = self.query(named_query(name), bindings=bindings)
        names = [v.value for v in results.variables]
        return [{n: to_python(row[n]) for n in names} for row in results]

    def dump(self, fmt, graph_iri: str | None = None) -> bytes:
        """The RDF this view may see: one graph, or every visible graph."""
        import pyoxigraph as ox

        hidden = self.hidden()
        if graph_iri is not None:
            if graph_iri in hidden:
                raise StoreError(f"no graph {graph_iri} visible at {self.clearance}")
            return self.store.dump(fmt, graph_iri)
        rows = self.store.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }", union=False,
                                named_graphs=self.allowed_graphs())
        quads = [ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows]
        if fmt.supports_datasets:
            return ox.serialize(quads, format=fmt)
        return ox.serialize([q.triple for q in quads], format=fmt)

    def __len__(self) -> int:
        rows = list(self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", union=False))
        return int(rows[0]["n"].value)
