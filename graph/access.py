"""Sharing markings (Traffic Light Protocol) enforced where a query's dataset is chosen.

Every article graph carries a marking (``ig:marking``, TLP:CLEAR by default);
a reader has a clearance. A reader cleared for ``TLP:AMBER`` sees the article
graphs marked CLEAR, GREEN and AMBER, plus everything that is not an article
(reference data, ontology), and nothing else. :class:`ClearedStore` is that
reader's view of a store (``store.cleared("TLP:AMBER")``):

- when no graph is marked above the clearance, it reads the store itself,
  exactly as an uncleared caller would (no cost for the all-CLEAR store);
- otherwise it reads the *view store* of its level (:class:`graph.views.ViewSet`),
  a copy of the store without the graphs above that level and without the
  store's meta graph (whose revision would betray hidden writes). Queries,
  ``GRAPH ?g``, ``FROM``/``FROM NAMED`` and the protocol's dataset run there
  unchanged: a hidden graph is simply not in the dataset, so neither results,
  counts nor aggregates can betray it;
- on a remote store (``sparql+http``), which cannot hold view stores, it
  passes the visible graphs as an explicit dataset instead: correct, but slow
  on large stores (SPARQL servers evaluate a long ``default-graph-uri`` list
  graph by graph). Direct clients of that server are not covered at all.

A read on the store itself is checked after the fact: if a write raised the
markings while it ran (so it may have read something now above the reader),
it runs again on the view.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from .errors import QueryError, StoreError, unknown_choice
from .model import MARKINGS
from .store import STATE_GRAPH, RANK, Store, dataset_clause, marking_rank, named_query, solution_rows
from .vocab import ONTOLOGY_GRAPH, REFERENCE_GRAPH

ALWAYS_VISIBLE = (REFERENCE_GRAPH, ONTOLOGY_GRAPH)
EMPTY_GRAPH = "urn:intelgraph:no-graph"  # names an empty dataset part to a server (an empty list is not sent)
FULL = MARKINGS[-1]  # what a local user (the CLI) sees by default
T = TypeVar("T")


def check_clearance(value: str | None) -> str:
    """A clearance (or marking) from user input (``amber`` -> ``TLP:AMBER``); ``TLP:CLEAR`` when absent.

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
    return marking_rank(marking) <= RANK[clearance]


def highest(markings: Iterable[str]) -> str:
    """The most restrictive of some markings (``TLP:CLEAR`` for none).

    >>> highest(["TLP:GREEN", "TLP:AMBER"]), highest([])
    ('TLP:AMBER', 'TLP:CLEAR')
    """
    return max(markings, key=marking_rank, default="TLP:CLEAR")


def lowest(*markings: str) -> str:
    """The least restrictive of some markings: what may be shared under all of them.

    >>> lowest("TLP:RED", "TLP:GREEN")
    'TLP:GREEN'
    """
    return min(markings, key=marking_rank)


def graph_markings(store: Store | "ClearedStore") -> dict[str, str]:
    """Graph IRI -> marking of every graph that states one (what ``store`` may see), cached per revision."""
    if isinstance(store, ClearedStore):
        return store.markings()
    views = store.views()
    if views is not None:
        return {g: m for g, (_, m) in views.markings().items()}
    def compute() -> dict[str, str]:
        markings: dict[str, str] = {}
        for row in store.select("markings"):
            markings[row["g"]] = highest([markings.get(row["g"], "TLP:CLEAR"), row["marking"]])
        return markings

    from .project import memo

    return memo(store, ("graph_markings",), compute)


def clearance_of(store: Store | "ClearedStore") -> str:
    """The clearance a reader of ``store`` has: the view's, or everything for the store itself."""
    return store.clearance if isinstance(store, ClearedStore) else FULL


def capped(store: Store | "ClearedStore", max_marking: str | None) -> Store | "ClearedStore":
    """``store`` as seen by someone cleared for at most ``max_marking`` (itself when no cap is given).

    >>> from graph.store import open_store
    >>> capped(open_store("memory:"), "green").clearance
    'TLP:GREEN'
    """
    if not max_marking:
        return store
    base = store.store if isinstance(store, ClearedStore) else store
    return base.cleared(lowest(clearance_of(store), check_clearance(max_marking)))


class ClearedStore:
    """A read-only view of a store showing only what ``clearance`` allows.

    It offers the reading half of :class:`graph.store.Store` (``query``,
    ``select``, ``dump``, ``article_graphs``, ``has_graph``, ``revision``,
    ``markings``), so REST, SPARQL, analytics and exports can take it
    wherever they take a store. Get one with ``store.cleared(clearance)``:
    one object per (store, clearance), so caches keyed by the view object
    (:func:`graph.project.memo`) never mix clearances.
    """

    def __init__(self, store: Store, clearance: str = "TLP:CLEAR") -> None:
        self.store = store
        self.clearance = check_clearance(clearance)
        self.rank = RANK[self.clearance]
        self.url = store.url
        self.read_only = True
        self.views = store.views()
        self._shown: tuple[int, str] | None = None

    def __getattr__(self, name: str) -> Any:
        if name in ("add_graph", "add_graphs", "remove_graph", "update", "ensure_reference", "cleared"):
            raise StoreError(f"a view cleared for {self.clearance} cannot write; use the store itself")
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.store, name)

    def __repr__(self) -> str:
        return f"ClearedStore({self.store.url!r}, {self.clearance!r})"

    # -- where reads go ----------------------------------------------------------
    def route(self) -> tuple[Store | None, Any]:
        """(the store to read, a token for :meth:`still_valid`); ``None`` on a remote store with
        something hidden (reads then pass explicit graph lists)."""
        if self.views is None:  # a remote store: its write counter (STATE_GRAPH) must stay out of every answer
            return None, None
        choice = self.views.choose(self.rank)
        if choice.level is None:
            return self.store, choice
        return self.views.view(choice.level), choice

    def still_valid(self, token: Any) -> bool:
        """Whether a read on the store itself made under ``token`` may be kept (no write since
        raised the markings above this clearance)."""
        return token is None or token.level is not None or self.views.epoch == token.epoch

    def level(self) -> str | None:
        """The marking level of the view store this reader reads; None when it reads the store itself."""
        if self.views is None:
            return None
        choice = self.views.choose(self.rank)
        return None if choice.level is None else MARKINGS[choice.level]

    def _read(self, read: Callable[[Store], T], fallback: Callable[[], T]) -> T:
        while True:
            target, token = self.route()
            if target is None:
                return fallback()
            result = read(target)
            if self.still_valid(token):
                return result

    # -- the reading interface ----------------------------------------------------
    @property
    def revision(self) -> tuple[str, str]:
        """The key of caches of what this reader is shown: the digest of what it sees
        (:attr:`visible_revision`), so a write it cannot see leaves its caches warm."""
        return ("shown", self.visible_revision)

    @property
    def visible_revision(self) -> str:
        """The revision this reader is shown: a digest of the quads it can see (:mod:`graph.digest`),
        the same as over a store that never held what is hidden from it."""
        revision = self.store.revision
        held = self._shown
        if held is not None and held[0] == revision:
            return held[1]
        shown = self.store.visible_digest(self.hidden() | {STATE_GRAPH})
        self._shown = (revision, shown)
        return shown

    def markings(self) -> dict[str, str]:
        """Marking of every graph this view shows (that states one)."""
        if self.views is not None:
            return {g: m for g, (rank, m) in self.views.markings().items() if rank <= self.rank}
        return {g: m for g, m in graph_markings(self.store).items() if visible(m, self.clearance)}

    def hidden(self) -> set[str]:
        if self.views is not None:
            return {g for g, (rank, _) in self.views.markings().items() if rank > self.rank}
        return {g for g, m in graph_markings(self.store).items() if not visible(m, self.clearance)}

    def article_graphs(self) -> list[str]:
        return self._read(lambda target: target.article_graphs(),
                          lambda: [g for g in self.store.article_graphs() if g not in self.hidden()])

    def has_graph(self, graph_iri: str) -> bool:
        return self._read(lambda target: target.has_graph(graph_iri),
                          lambda: graph_iri not in self.hidden() and self.store.has_graph(graph_iri))

    def query(self, sparql: str, *, bindings: Mapping[str, Any] | None = None,
              default_graph: list[str] | None = None, named_graphs: list[str] | None = None,
              union: bool = True) -> Any:
        """Run a query on what this view may see (the same arguments as :meth:`Store.query`)."""
        return self._read(
            lambda target: target.query(sparql, bindings=bindings, default_graph=default_graph,
                                        named_graphs=named_graphs, union=union),
            lambda: self._listed_query(sparql, bindings, default_graph, named_graphs, union))

    def select(self, name: str, **bindings: Any) -> list[dict[str, Any]]:
        return self._read(lambda target: solution_rows(target.query(named_query(name), bindings=bindings)),
                          lambda: solution_rows(self.query(named_query(name), bindings=bindings)))

    def dump(self, fmt, graph_iri: str | None = None) -> bytes:
        """The RDF this view may see: one graph, or every visible graph."""
        return self._read(lambda target: target.dump(fmt, graph_iri), lambda: self._listed_dump(fmt, graph_iri))

    def __len__(self) -> int:
        return self._read(len, lambda: int(list(self.query(
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", union=False))[0]["n"].value))

    # -- the remote fallback: explicit graph lists ---------------------------------------
    def allowed_graphs(self) -> list[str]:
        """Every graph of the store but the hidden ones and the remote store's write counter."""
        hidden = self.hidden() | {STATE_GRAPH}
        return [g for g in dict.fromkeys((*ALWAYS_VISIBLE, *self.store._graph_names())) if g not in hidden]

    def listed_dataset(self, sparql: str, default_graph: list[str] | None, named_graphs: list[str] | None,
                       union: bool) -> tuple[list[str], list[str]]:
        """The explicit (default graphs, named graphs) of a query, cut to the visible graphs; the query's
        own ``FROM``/``FROM NAMED`` count when the protocol names no graphs."""
        allowed = self.allowed_graphs()
        allowed_set = set(allowed)
        own_default, own_named = dataset_clause(sparql)
        if default_graph is None and named_graphs is None and (own_default or own_named):
            default_graph, named_graphs = own_default, own_named
        wanted_default = default_graph if default_graph is not None else (allowed if union else [])
        wanted_named = named_graphs if named_graphs is not None else allowed
        # An empty list would not reach the server at all (it would then honour the query's own FROM):
        # name a graph that holds nothing instead.
        return ([g for g in wanted_default if g in allowed_set] or [EMPTY_GRAPH],
                [g for g in wanted_named if g in allowed_set] or [EMPTY_GRAPH])

    def _listed_query(self, sparql: str, bindings, default_graph, named_graphs, union: bool) -> Any:
        default, named = self.listed_dataset(sparql, default_graph, named_graphs, union)
        return self.store.query(sparql, bindings=bindings, default_graph=default, named_graphs=named)

    def _listed_dump(self, fmt, graph_iri: str | None) -> bytes:
        import pyoxigraph as ox

        if graph_iri is not None:
            if graph_iri in self.hidden():
                raise StoreError(f"no graph {graph_iri} visible at {self.clearance}")
            return self.store.dump(fmt, graph_iri)
        rows = self.store.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }", union=False,
                                named_graphs=self.allowed_graphs())
        quads = [ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows]
        if fmt.supports_datasets:
            return ox.serialize(quads, format=fmt)
        return ox.serialize([q.triple for q in quads], format=fmt)
