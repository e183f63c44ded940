"""The store: the only module that talks to pyoxigraph.

One small interface over Oxigraph, chosen by a URL:

- ``oxigraph:PATH`` (default ``oxigraph:./data/store``): on disk, embedded;
- ``memory:``: in memory, for tests and one-off runs.

Each article's facts live in the named graph of the article's IRI, written in
one transaction, and an article already held is skipped, so re-ingesting is a
no-op. Reference data (ontology, countries, agencies, alliances) is loaded
once into its own graphs and reloaded only when the files change. Queries see
the union of all graphs by default.

Sharing markings (TLP) are enforced by choosing the dataset a reader's query
runs on, never by filtering results: a reader cleared below some article's
marking reads a *view store* (:class:`ViewSet`) holding every graph of the
store except the articles marked above its level and the meta graph.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from contextlib import contextmanager
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from .digest import ContentDigest
from .errors import FlushTimeout, NotFoundError, QueryError, StoreError, unknown_choice
from .model import MARKINGS
from .triples import Lit, Quad
from .vocab import IG, ONTOLOGY_GRAPH, PREFIXES, REFERENCE_GRAPH, XSD

if TYPE_CHECKING:
    from .views import ViewSet

DEFAULT_URL = "oxigraph:./data/store"
DICTIONARY_GRAPH = "https://w3id.org/intelgraph/graph/dictionary"
META_GRAPH = "https://w3id.org/intelgraph/graph/meta"  # what every reader may see: the reference data's version
STATE_GRAPH = "https://w3id.org/intelgraph/graph/state"  # a remote store's write counter: no reader's dataset holds it
REVISION_FILE = "intelgraph-revision"  # an on-disk store's write counter, beside RocksDB's files
_VERSION = ox.NamedNode(IG + "referenceVersion")
_REVISION = ox.NamedNode(IG + "revision")
_META = ox.NamedNode(META_GRAPH)
_MARKING = IG + "marking"
RANK = {marking: rank for rank, marking in enumerate(MARKINGS)}
UNKNOWN_RANK = len(MARKINGS)  # a marking intelgraph does not know ranks above TLP:RED: nobody sees it
VIEWS_DIR = "views"  # view stores of an on-disk store live in PATH/views/<level>
# Writes and the upkeep of view stores are serialised (RocksDB takes one writer anyway), so a
# view is never half a write behind the store it copies.
_WRITES = threading.RLock()


def marking_rank(marking: str | None) -> int:
    """The rank of a marking: 0 for TLP:CLEAR (and for none) up to 4 for TLP:RED.

    >>> marking_rank("TLP:AMBER"), marking_rank(None), marking_rank("TLP:PURPLE")
    (2, 0, 5)
    """
    if marking is None:
        return 0
    return RANK.get(marking, UNKNOWN_RANK)


def flush_timeout() -> float:
    """Seconds a flush may take: ``INTELGRAPH_FLUSH_TIMEOUT`` or 120."""
    try:
        return float(os.environ.get("INTELGRAPH_FLUSH_TIMEOUT") or 120)
    except ValueError:
        raise StoreError("INTELGRAPH_FLUSH_TIMEOUT must be a number of seconds") from None


def default_url() -> str:
    return os.environ.get("INTELGRAPH_STORE") or DEFAULT_URL


def to_term(value: str | Lit) -> ox.NamedNode | ox.Literal:
    if isinstance(value, Lit):
        if value.language:
            return ox.Literal(value.value, language=value.language)
        if value.datatype:
            return ox.Literal(value.value, datatype=ox.NamedNode(value.datatype))
        return ox.Literal(value.value)
    return ox.NamedNode(value)


def to_ox_quad(q: Quad) -> ox.Quad:
    return ox.Quad(ox.NamedNode(q.subject), ox.NamedNode(q.predicate), to_term(q.object), ox.NamedNode(q.graph))


def to_python(term: Any) -> Any:
    """A query-result term as a plain Python value (IRI -> str, typed literal -> int/float/date)."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        dt = term.datatype.value
        try:
            if dt in (XSD + "integer", XSD + "int", XSD + "long"):
                return int(term.value)
            if dt == XSD + "decimal":
                return float(Decimal(term.value))
            if dt in (XSD + "double", XSD + "float"):
                return float(term.value)
            if dt == XSD + "date":
                return date.fromisoformat(term.value)
            if dt == XSD + "boolean":
                return term.value == "true"
        except ValueError:
            return term.value
        return term.value
    return term.value


@cache
def named_query(name: str) -> str:
    """The text of ``graph/queries/NAME.rq``; values go in as bindings, never into the text."""
    try:
        return resources.files("graph").joinpath("queries", f"{name}.rq").read_text(encoding="utf-8")
    except FileNotFoundError:
        available = [p.name[:-3] for p in resources.files("graph").joinpath("queries").iterdir()
                     if p.name.endswith(".rq")]
        raise QueryError(unknown_choice("named query", name, available)) from None


def _binding(value: Any) -> ox.NamedNode | ox.Literal:
    if isinstance(value, (ox.NamedNode, ox.Literal)):
        return value
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(XSD + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD + "integer"))
    if isinstance(value, float):
        return ox.Literal(repr(value), datatype=ox.NamedNode(XSD + "decimal"))
    if isinstance(value, date):
        return ox.Literal(value.isoformat(), datatype=ox.NamedNode(XSD + "date"))
    return ox.Literal(str(value))


def solution_rows(results: Any) -> list[dict[str, Any]]:
    """SELECT results as dicts of plain Python values (see :func:`to_python`)."""
    names = [v.value for v in results.variables]
    return [{n: to_python(row[n]) for n in names} for row in results]


def iri(value: str) -> ox.NamedNode:
    """Mark a binding value as an IRI (plain strings bind as literals)."""
    return ox.NamedNode(value)


def reference_files() -> list[tuple[str, Path]]:
    """(graph IRI, Turtle file) for the ontology and every reference data file."""
    import ontology

    files = [(ONTOLOGY_GRAPH, Path(ontology.ontology_path()))]
    files += [(REFERENCE_GRAPH, Path(p)) for p in ontology.reference_paths()]
    return files


_FROM = re.compile(r"\bFROM\s+(?:NAMED\s+)?(?:<|[A-Za-z_][\w.-]*:)", re.I)  # a dataset clause, not the word "from"


def dataset_clause(sparql: str) -> tuple[list[str], list[str]]:
    """The IRIs of the query's own FROM and FROM NAMED clauses (parsed, not pattern-matched).

    Prefixed names are expanded with the query's prefixes (and intelgraph's
    defaults, which the engine also applies); relative IRIs against its BASE.

    >>> dataset_clause("SELECT * FROM <urn:a> FROM NAMED <urn:b> WHERE { ?s ?p ?o }")
    (['urn:a'], ['urn:b'])
    >>> dataset_clause("PREFIX g: <urn:g:> BASE <http://example.org/g/> SELECT * FROM g:one FROM NAMED <two> WHERE { ?s ?p ?o }")
    (['urn:g:one'], ['http://example.org/g/two'])
    """
    if not _FROM.search(sparql):
        return [], []
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        parsed = parseQuery(sparql)
    except Exception:  # the engine reports the syntax error itself, with a better message
        return [], []
    from urllib.parse import urljoin

    prefixes, base = dict(PREFIXES), None
    for decl in parsed[0] if len(parsed) else []:
        if isinstance(decl, dict) and dict.get(decl, "iri") is not None:
            if dict.get(decl, "prefix") is not None or decl.name == "PrefixDecl":
                prefixes[str(dict.get(decl, "prefix") or "")] = str(dict.get(decl, "iri"))
            else:
                base = str(dict.get(decl, "iri"))

    def expand(term) -> str:
        if isinstance(term, dict):  # a prefixed name: CompValue {prefix, localname}
            return prefixes.get(str(dict.get(term, "prefix") or ""), "") + str(dict.get(term, "localname") or "")
        return urljoin(base, str(term)) if base else str(term)

    default, named = [], []
    # CompValue.get answers for absent keys too, so read the dicts directly
    clauses = dict.get(parsed[1], "datasetClause") if len(parsed) > 1 and isinstance(parsed[1], dict) else None
    for clause in clauses or []:
        if not isinstance(clause, dict):
            continue
        if dict.get(clause, "named") is not None:
            named.append(expand(dict.get(clause, "named")))
        elif dict.get(clause, "default") is not None:
            default.append(expand(dict.get(clause, "default")))
    return default, named


class Store:
    """A dataset holding one named graph per article plus reference data.

    This class is the embedded backend (pyoxigraph, on disk or in memory);
    :class:`graph.remote.RemoteStore` implements the same primitives over
    the SPARQL 1.1 Protocol. Everything above the primitives is shared.
    """

    def __init__(self, url: str, backend: ox.Store | None, *, read_only: bool = False,
                 counter: list[int] | None = None) -> None:
        self.url = url
        self.backend = backend
        self.read_only = read_only
        self._counter = counter if counter is not None else [0]  # a memory store's writes (shared by its views)

    # -- primitives a backend provides ---------------------------------------
    def has_graph(self, graph_iri: str) -> bool:
        return self.backend.contains_named_graph(ox.NamedNode(graph_iri))

    def _write(self, graph_iri: str, quads: list[ox.Quad], replace: bool) -> None:
        """Write one graph in one transaction (swapping it out when ``replace``)."""
        if replace:
            body = " ".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
            self.backend.update(f"DROP SILENT GRAPH <{graph_iri}> ; "
                                f"INSERT DATA {{ GRAPH <{graph_iri}> {{ {body} }} }}")
        else:
            self.backend.extend(quads)

    def _drop(self, graph_iri: str) -> None:
        self.backend.remove_graph(ox.NamedNode(graph_iri))

    def _load_turtle(self, graph_iri: str, path: Path) -> None:
        self.backend.load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(graph_iri))

    def _meta(self, key: ox.NamedNode) -> ox.Literal | None:
        for q in self.backend.quads_for_pattern(_META, key, None, _META):
            return q.object
        return None

    def _set_meta(self, key: ox.NamedNode, value: ox.Literal) -> None:
        self._forget_meta(key)
        self.backend.add(ox.Quad(_META, key, value, _META))

    def _forget_meta(self, key: ox.NamedNode) -> None:
        for q in list(self.backend.quads_for_pattern(_META, key, None, _META)):
            self.backend.remove(q)

    def _graph_names(self) -> list[str]:
        return [g.value for g in self.backend.named_graphs() if isinstance(g, ox.NamedNode)]

    def _load_revision(self) -> int:
        """The store's write counter: in a file beside an on-disk store, in memory otherwise.

        Never in the RDF: a reader of the store itself would see it move with
        writes it is not cleared for, and an update could set it back.
        """
        if self.location is None:
            return self._counter[0]
        try:
            return int((Path(self.location) / REVISION_FILE).read_text(encoding="ascii") or 0)
        except (OSError, ValueError):
            return 0

    def _store_revision(self, value: int) -> None:
        if self.location is None:
            self._counter[0] = value
            return
        tmp = Path(self.location) / (REVISION_FILE + ".tmp")
        tmp.write_text(str(value), encoding="ascii")
        os.replace(tmp, Path(self.location) / REVISION_FILE)

    def _all_quads(self) -> Iterable[ox.Quad]:
        return self.backend.quads_for_pattern(None, None, None)

    def query(self, sparql: str, *, bindings: Mapping[str, Any] | None = None,
              default_graph: list[str] | None = None, named_graphs: list[str] | None = None,
              union: bool = True) -> Any:
        """Run a SPARQL query on Oxigraph's engine; raw results (solutions, boolean or triples).

        By default the query sees the union of all graphs; ``default_graph``
        and ``named_graphs`` narrow the dataset (the SPARQL protocol's
        ``default-graph-uri`` and ``named-graph-uri``). ``bindings`` are
        substituted for variables (SEP-0007), never pasted into the text.
        """
        kwargs: dict[str, Any] = {"prefixes": PREFIXES}
        if default_graph is not None:
            kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graph]
        elif union and not any(dataset_clause(sparql)):  # the query's own FROM wins over the union
            kwargs["use_default_graph_as_union"] = True
        if named_graphs is not None:
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        if bindings:
            kwargs["substitutions"] = {ox.Variable(k): _binding(v) for k, v in bindings.items()}
        try:
            return self.backend.query(sparql, **kwargs)
        except SyntaxError as err:
            raise QueryError(f"SPARQL syntax error: {err}") from None
        except OSError as err:
            raise StoreError(f"{self.url}: query failed: {err}") from err

    def update(self, sparql: str) -> None:
        """Run a SPARQL update in one transaction (the API guards who may call it).

        An update may change any graph and any marking, so every view store is
        rebuilt (when next read) after it, and cleared readers wait while it runs.
        """
        self._writable()
        with self._writing(everything=True):
            try:
                self.backend.update(sparql)
            except SyntaxError as err:
                raise QueryError(f"SPARQL syntax error: {err}") from None
            self._bump_revision()

    def dump(self, fmt: ox.RdfFormat, graph_iri: str | None = None) -> bytes:
        """The whole dataset (or one graph) serialised by Oxigraph."""
        if graph_iri is None:
            return self.backend.dump(format=fmt)
        return self.backend.dump(format=fmt, from_graph=ox.NamedNode(graph_iri))

    def __len__(self) -> int:
        return len(self.backend)

    def flush(self) -> None:
        """Write RocksDB's memtables to disk, waiting at most ``INTELGRAPH_FLUSH_TIMEOUT`` seconds (120).

        Every write is already in the write-ahead log when its transaction
        ends, so a flush only saves the next open a replay. RocksDB has been
        seen waiting for ever in a flush after an earlier run was killed; past
        the bound this raises :class:`StoreError` (the data is safe) instead of
        hanging, and the CLI exits with that message.
        """
        if self.read_only or self.backend is None:
            return
        backend, done = self.backend, threading.Event()

        def run() -> None:
            try:
                backend.flush()
            except OSError:
                pass
            finally:
                done.set()

        threading.Thread(target=run, daemon=True, name="store-flush").start()
        timeout = flush_timeout()
        if not done.wait(timeout):
            raise FlushTimeout(f"{self.url}: RocksDB did not finish flushing within {timeout:g} s. Every article "
                             "written is already in the store's write-ahead log and is recovered when the store is "
                             "next opened; run the command again, or set INTELGRAPH_FLUSH_TIMEOUT to wait longer")

    handle_key: str | None = None  # the path of a shared on-disk handle
    location: str | None = None    # the directory of an on-disk store (what another process opens)

    def close(self) -> None:
        """Release the store; the on-disk handle closes when its last user closes it."""
        if self.backend is None:
            return
        self.flush()
        self.__dict__.pop("_cleared", None)
        shared = _OPEN.get(self.handle_key) if self.handle_key else None
        if shared is not None and shared[0] is self.backend:
            shared[1] -= 1
            if shared[1] <= 0:
                del _OPEN[self.handle_key]
                views = _VIEWSETS.pop(self.handle_key, None)
                if views is not None:
                    views.close()
        self.backend = None  # RocksDB closes when the last reference is dropped

    # -- shared logic --------------------------------------------------------
    def add_graph(self, graph_iri: str, quads: Iterable[Quad], *, replace: bool = False) -> bool:
        """Write one article graph atomically; False (and nothing written) when already held.

        With ``replace``, an existing graph is swapped for the new one in a
        single SPARQL update, so no reader ever sees it half-written.
        """
        self._writable()
        with _WRITES:
            exists = self.has_graph(graph_iri)
            if exists and not replace:
                return False
            written = [to_ox_quad(q) for q in quads]
            with self._writing(added=[(graph_iri, written)], removed=[graph_iri] if exists else []):
                try:
                    self._write(graph_iri, written, exists)
                    self._bump_revision()
                except OSError as err:
                    raise StoreError(f"{self.url}: could not write graph {graph_iri}: {err}") from err
        return True

    def add_graphs(self, graphs: list[tuple[str, list[Quad]]], *, replace: bool = False) -> int:
        """Write several whole article graphs in one transaction (bulk ingest); returns how many.

        Graphs already held are left alone unless ``replace``.
        """
        self._writable()
        with _WRITES:
            todo = [(g, qs) for g, qs in graphs if replace or not self.has_graph(g)]
            if not todo:
                return 0
            written = [(g, [to_ox_quad(q) for q in qs]) for g, qs in todo]
            with self._writing(added=written, removed=[g for g, _ in todo] if replace else []):
                try:
                    self._write_many(written, replace)
                    self._bump_revision()
                except OSError as err:
                    raise StoreError(f"{self.url}: could not write {len(todo)} article graphs: {err}") from err
        return len(todo)

    def _write_many(self, graphs: list[tuple[str, list[ox.Quad]]], replace: bool) -> None:
        if replace:
            for graph_iri, quads in graphs:
                self._write(graph_iri, quads, True)
        else:
            self.backend.extend([q for _, quads in graphs for q in quads])

    def remove_graph(self, graph_iri: str) -> None:
        """Remove one article's graph and nothing else."""
        self._writable()
        with _WRITES:
            if not self.has_graph(graph_iri):
                raise NotFoundError(f"no graph {graph_iri} in {self.url}")
            with self._writing(removed=[graph_iri]):
                self._drop(graph_iri)
                self._bump_revision()

    def ensure_reference(self, extra: Iterable[Path] = ()) -> bool:
        """Load the ontology and reference data once; reload when the files changed.

        Returns True when it (re)loaded. The version is the sha256 of the files,
        kept in the store's meta graph; a crash half-way leaves no version, so
        the next open loads again.
        """
        files = reference_files() + [(REFERENCE_GRAPH, Path(p)) for p in extra]
        digest = hashlib.sha256()
        for graph_iri, path in files:
            digest.update(graph_iri.encode() + b"\0" + path.read_bytes())
        version = ox.Literal(digest.hexdigest())
        if self._meta(_REVISION) is not None:  # a counter kept there by earlier versions: readers saw it move
            self._writable()
            with self._writing(everything=True):
                self._forget_meta(_REVISION)
                self._bump_revision()
        if self._meta(_VERSION) == version:
            return False
        self._writable()
        with self._writing(everything=True):
            for graph_iri in dict.fromkeys(g for g, _ in files):
                self._drop(graph_iri)
            for graph_iri, path in files:
                try:
                    self._load_turtle(graph_iri, path)
                except SyntaxError as err:
                    raise StoreError(f"{path}: invalid Turtle: {err}") from err
            self._set_meta(_VERSION, version)
            self._bump_revision()
        return True

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.url} is open read-only")

    def _bump_revision(self) -> None:
        self._store_revision(self.revision + 1)

    @property
    def revision(self) -> int:
        """A number that grows with every write: the key for caches of what the full store shows.

        Kept outside the RDF (see :meth:`_load_revision`); never shown to a
        reader, who is shown :attr:`visible_revision` instead.
        """
        return self._load_revision()

    def content(self) -> ContentDigest:
        """The content digest of this store (one per store, shared by every handle on it)."""
        key = self.handle_key or id(self._counter)
        with _WRITES:
            held = _DIGESTS.get(key)
            if held is None:
                held = _DIGESTS[key] = ContentDigest(self._all_quads, skip=(STATE_GRAPH,))
            if held.revision != self.revision:  # written by someone else (another process, a remote peer)
                held.invalidate()
                held.revision = self.revision
            return held

    def visible_digest(self, hidden: Iterable[str] = ()) -> str:
        """A digest of every quad of the store but those in ``hidden`` graphs: the revision a reader is shown."""
        return self.content().digest(hidden)

    @property
    def visible_revision(self) -> str:
        """The revision shown to a reader of the whole store: a digest of everything it holds."""
        return self.visible_digest()

    # -- the user's dictionary: names and cues kept in the store -------------
    def add_dictionary(self, path: Path) -> int:
        """Add a Turtle dictionary (aliases, agencies, alliances) to the store's dictionary graph.

        It is queryable like the reference data, and every later ingest into
        this store reads it, so a team shares its additions through the store.
        Returns the number of triples the graph then holds.
        """
        self._writable()
        with self._writing(everything=True):
            try:
                self._load_turtle(DICTIONARY_GRAPH, Path(path))
            except (SyntaxError, ValueError) as err:
                raise StoreError(f"{path}: invalid Turtle: {err}") from None
            except OSError as err:
                raise StoreError(f"{path}: cannot read ({err})") from None
            self._bump_revision()
        return len(self.dictionary_turtle().splitlines())

    def dictionary_turtle(self) -> bytes:
        """The store's dictionary graph as N-Triples (empty when there is none)."""
        if not self.has_graph(DICTIONARY_GRAPH):
            return b""
        return self.dump(ox.RdfFormat.N_TRIPLES, DICTIONARY_GRAPH)

    def clear_dictionary(self) -> None:
        self._writable()
        with self._writing(everything=True):
            self._drop(DICTIONARY_GRAPH)
            self._bump_revision()

    def article_graphs(self) -> list[str]:
        return sorted(g for g in self._graph_names() if "/id/article/" in g)

    # -- markings --------------------------------------------------------------
    supports_views = True  # a backend that can hold view stores (RemoteStore cannot)
    _viewset: "ViewSet | None" = None

    def views(self) -> "ViewSet | None":
        """The view stores of this store (made on first use); None for a remote store."""
        if not self.supports_views or self.backend is None:
            return None
        from .views import ViewSet

        with _WRITES:
            if self.handle_key:
                found = _VIEWSETS.get(self.handle_key)
                if found is None or found.backend is not self.backend:
                    root = None if self.read_only else Path(self.handle_key) / VIEWS_DIR
                    found = _VIEWSETS[self.handle_key] = ViewSet(self, root)
                return found
            if self._viewset is None:
                self._viewset = ViewSet(self, None)
            return self._viewset

    def _existing_views(self) -> "ViewSet | None":
        if self.handle_key:
            found = _VIEWSETS.get(self.handle_key)
            return found if found is not None and found.backend is self.backend else None
        return self._viewset

    @contextmanager
    def _writing(self, *, added: list[tuple[str, list[ox.Quad]]] = (), removed: list[str] = (),
                 everything: bool = False):
        """Around one write: publish new markings first, then bring the view stores and the digest along."""
        with _WRITES:
            views = self._existing_views()
            pre = self.revision
            if views is not None:
                views.before_write(pre, added, removed, everything)
            try:
                yield
            except BaseException:
                if views is not None:
                    views.write_failed()
                raise
            post = self.revision
            if views is not None:
                views.after_write(pre, post, added, removed, everything)
            digest = _DIGESTS.get(self.handle_key or id(self._counter))
            if digest is not None:
                if everything or digest.revision != pre or digest.hashes is None:
                    digest.invalidate()
                else:
                    digest.written(added, removed)
                digest.revision = post

    def cleared(self, clearance: str | None) -> Any:
        """The read view of this store for a reader cleared for ``clearance``
        (:class:`graph.access.ClearedStore`); one object per clearance, so
        caches keyed by the view never mix clearances."""
        from .access import ClearedStore, check_clearance

        level = check_clearance(clearance)
        with _WRITES:
            held = self.__dict__.setdefault("_cleared", {})
            if level not in held:
                held[level] = ClearedStore(self, level)
            return held[level]

    def select(self, name: str, **bindings: Any) -> list[dict[str, Any]]:
        """Rows of the named query ``graph/queries/NAME.rq`` as dicts of Python values."""
        return solution_rows(self.query(named_query(name), bindings=bindings))


_VIEWSETS: dict[str, "ViewSet"] = {}  # resolved path -> the view stores of that on-disk store
_DIGESTS: dict[object, ContentDigest] = {}  # resolved path (or a memory store's counter) -> its content digest

# RocksDB allows one handle per directory per process, so opening the same path
# twice in one process shares the handle; it is released when the last user closes.
_OPEN: dict[str, list] = {}  # resolved path -> [ox.Store, number of open Store objects]


def open_store(url: str | None = None, *, read_only: bool = False, reference: bool = True) -> Store:
    """Open the store named by ``url`` (default ``$INTELGRAPH_STORE`` or ``oxigraph:./data/store``).

    >>> store = open_store("memory:")
    >>> store.url, store.revision > 0
    ('memory:', True)
    """
    url = url or default_url()
    scheme, _, rest = url.partition(":")
    if scheme == "memory":
        store = Store(url, ox.Store())
    elif scheme == "oxigraph":
        path = Path(rest or "./data/store").expanduser().resolve()
        try:
            shared = _OPEN.get(str(path))
            if shared is not None:
                shared[1] += 1
                backend = shared[0]
            elif read_only:
                backend = ox.Store.read_only(str(path))
            else:
                path.mkdir(parents=True, exist_ok=True)
                backend = ox.Store(str(path))
                _OPEN[str(path)] = [backend, 1]
        except OSError as err:
            text = str(err)
            if "lock" in text.lower():
                raise StoreError(
                    f"{url}: the store is in use by another intelgraph process (RocksDB lock held); "
                    "stop that process, or query it through its HTTP API") from None
            raise StoreError(f"{url}: cannot open the store: {text}") from None
        store = Store(url, backend, read_only=read_only)
        store.handle_key = store.location = str(path)
    elif scheme in ("sparql+http", "sparql+https"):
        from .remote import RemoteStore

        store = RemoteStore(url, read_only=read_only)
    else:
        raise StoreError(unknown_choice("store scheme", scheme, ["memory", "oxigraph", "sparql+http", "sparql+https"])
                         + " (as in oxigraph:./data/store, memory: or sparql+http://host:7878/query)")
    if reference and not read_only:
        store.ensure_reference()
    return store
