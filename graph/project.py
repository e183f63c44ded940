"""From the store to networkx: the only module that turns RDF into graphs.

Two projections:

- the **country network** (:func:`project_country_network`), a ``DiGraph``
  with one edge per actor -> partner pair. Each edge aggregates that pair's
  claims: counts per status, the latest status and its date, first and last
  seen, distinct sources and publishers, the status history, a signed
  ``weight`` (sharing and resuming count for, restricting and suspending
  against) and a positive ``strength`` (how many claims report the tie) with
  its inverse ``distance``. Measures that read a weight as a *distance*
  (betweenness, closeness, shortest paths) get ``distance``; those that read
  it as a *strength* (PageRank, eigenvector, Katz, HITS) get ``strength``
  (``graph.analytics.MEASURES`` says which);
- the **entity network** (:func:`project_entity_network`), a ``MultiDiGraph``
  of countries, agencies, alliances, officials and articles with typed edges
  (``claim``, ``member_of``, ``agency_of``, ``official_of``, ``statement``,
  ``mentions``).

Both take the same options (:class:`Projection`): ``as_of``, ``since`` and
``until`` slice by each claim's date, so the network can be seen as it stood
on any day; ``statuses`` and ``min_confidence`` filter claims. Projections
are cached per store revision (:func:`memo`), so a second call after no
write costs a copy, and any ingest invalidates them.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any, TypeVar

import networkx as nx

from .errors import QueryError, unknown_choice
from .store import Store, iri
from .vocab import ID, STANCE_BY_CONCEPT, STATUS_BY_CONCEPT, STATUSES, country_iri, local_name

SIGN = {"shares_with": 1.0, "resumes": 1.0, "considers_restricting": -0.5,
        "restricts": -1.0, "suspends": -1.0}

T = TypeVar("T")


# -- options ----------------------------------------------------------------
@dataclass(frozen=True)
class Projection:
    """The options every projection takes; hashable, so it keys caches.

    >>> Projection.of(statuses=["suspends", "resumes"]).statuses
    ('resumes', 'suspends')
    """

    as_of: date | None = None
    since: date | None = None
    until: date | None = None
    statuses: tuple[str, ...] | None = None
    min_confidence: float = 0.0

    @classmethod
    def of(cls, *, as_of: date | None = None, since: date | None = None, until: date | None = None,
           statuses: Iterable[str] | None = None, min_confidence: float | None = 0.0) -> "Projection":
        """Build (and check) the options; unknown statuses are an error naming the choices."""
        chosen = tuple(sorted(set(statuses))) if statuses else None
        for status in chosen or ():
            if status not in STATUSES:
                raise QueryError(unknown_choice("status", status, STATUSES))
        if since and until and since > until:
            raise QueryError(f"since {since} is after until {until}")
        return cls(as_of, since, until, chosen, float(min_confidence or 0.0))

    def filter(self, rows: Iterable[dict]) -> list[dict]:
        return filter_claims(rows, **asdict(self))


# -- the cache --------------------------------------------------------------
_CACHE: "weakref.WeakKeyDictionary[Store, tuple[int, OrderedDict]]" = weakref.WeakKeyDictionary()
CACHE_SIZE = 256
_LOCK = threading.Lock()


def memo(store: Store, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()`` once per store revision and ``key``; every write to the store invalidates.

    >>> from graph.store import open_store
    >>> s = open_store("memory:")
    >>> calls = []
    >>> memo(s, "k", lambda: calls.append(1) or len(calls)), memo(s, "k", lambda: 99)
    (1, 1)
    """
    revision = store.revision
    with _LOCK:
        held = _CACHE.get(store)
        if held is None or held[0] != revision:
            held = (revision, OrderedDict())
            _CACHE[store] = held
        entries = held[1]
        if key in entries:
            entries.move_to_end(key)
            return entries[key]
    value = compute()  # outside the lock: two threads may both compute, and both get the same answer
    with _LOCK:
        entries[key] = value
        if len(entries) > CACHE_SIZE:
            entries.popitem(last=False)
    return value


# -- claims -----------------------------------------------------------------
def claim_rows(store: Store, *, country: str | None = None) -> list[dict]:
    """Claims as plain dicts (actor/partner ISO3, status name, dates, source), optionally for one country.

    With ``country``, the claims it is actor or partner of; a claim between a
    country and itself comes back once (callers drop those).
    """
    if country:
        rows = store.select("relationship_claims", country=iri(country_iri(country)))
    else:
        rows = store.select("claims")
    seen: set[str] = set()
    out = []
    for row in rows:
        if row["claim"] in seen:
            continue
        seen.add(row["claim"])
        row["actor"] = local_name(row["actor"])
        row["partner"] = local_name(row["partner"])
        row["status"] = STATUS_BY_CONCEPT.get(row["status"], local_name(row["status"]))
        row["date"] = row.get("date") or row.get("published")
        out.append(row)
    return out


def filter_claims(rows: Iterable[dict], *, as_of: date | None = None, since: date | None = None,
                  until: date | None = None, statuses: Iterable[str] | None = None,
                  min_confidence: float = 0.0) -> list[dict]:
    """Claims within a time slice, of the given statuses, at or above a confidence.

    ``as_of`` keeps what was reported up to that day (the network as it stood);
    ``since``/``until`` bound the claim dates (both inclusive). Claims with no
    date are kept unless a date bound is given.

    >>> rows = [{"date": date(2025, 3, 5), "status": "suspends", "confidence": 0.9},
    ...         {"date": date(2025, 3, 11), "status": "resumes", "confidence": 0.9}]
    >>> [r["status"] for r in filter_claims(rows, as_of=date(2025, 3, 6))]
    ['suspends']
    """
    wanted = set(statuses) if statuses else None
    upper = min(d for d in (as_of, until) if d) if (as_of or until) else None
    out = []
    for row in rows:
        day = row.get("date")
        if (upper or since) and day is None:
            continue
        if upper and day > upper or since and day < since:
            continue
        if wanted and row["status"] not in wanted:
            continue
        if float(row.get("confidence") or 0.0) < min_confidence:
            continue
        out.append(row)
    return out


def _order(row: dict) -> tuple:
    return (row.get("date") or date.min, row.get("published") or date.min, row.get("start") or 0)


# -- the country network ----------------------------------------------------
def country_network(rows: Iterable[dict], labels: dict[str, str] | None = None) -> nx.DiGraph:
    """Build the country network from claim rows (pure: no store).

    Edge attributes: ``n_<status>`` for each status, ``claims``,
    ``latest_status``, ``latest_date``, ``first_seen``, ``last_seen``,
    ``sources`` (distinct articles), ``publishers``, ``mean_confidence``,
    ``history`` (``(date, status)`` pairs in order), ``weight`` (signed),
    ``strength`` (claims) and ``distance`` (1 / strength). Node attributes:
    ``label``, ``iso3``, ``type`` and ``first_seen``.

    >>> rows = [{"actor": "USA", "partner": "UKR", "status": "suspends", "date": date(2025, 3, 5),
    ...          "article": "a1", "publisher": "P"},
    ...         {"actor": "USA", "partner": "UKR", "status": "resumes", "date": date(2025, 3, 11),
    ...          "article": "a2", "publisher": "P"}]
    >>> g = country_network(rows)
    >>> e = g.edges["USA", "UKR"]
    >>> e["latest_status"], e["claims"], e["sources"], e["weight"], e["distance"]
    ('resumes', 2, 2, 0.0, 0.5)
    """
    labels = labels or {}
    g = nx.DiGraph()
    by_pair: dict[tuple[str, str], list[dict]] = {}
    for row in rows:
        if row["actor"] == row["partner"]:
            continue
        by_pair.setdefault((row["actor"], row["partner"]), []).append(row)
    for (actor, partner), claims in sorted(by_pair.items()):
        claims.sort(key=_order)
        dates = [c["date"] for c in claims if c.get("date")]
        first = min(dates) if dates else None
        for code in (actor, partner):
            if code not in g:
                g.add_node(code, label=labels.get(code, code), iso3=code, type="country", first_seen=first)
            elif first and (g.nodes[code]["first_seen"] is None or first < g.nodes[code]["first_seen"]):
                g.nodes[code]["first_seen"] = first
        counts = dict.fromkeys(STATUSES, 0)
        for c in claims:
            counts[c["status"]] += 1
        latest = claims[-1]
        strength = float(len(claims))
        confidences = [float(c["confidence"]) for c in claims if c.get("confidence") is not None]
        g.add_edge(
            actor, partner,
            **{f"n_{status}": n for status, n in counts.items()},
            claims=len(claims),
            latest_status=latest["status"],
            latest_date=latest.get("date"),
            first_seen=first,
            last_seen=max(dates) if dates else None,
            sources=len({c.get("article") for c in claims}),
            publishers=len({c.get("publisher") for c in claims if c.get("publisher")}),
            mean_confidence=sum(confidences) / len(confidences) if confidences else None,
            history=tuple((c.get("date"), c["status"]) for c in claims),
            weight=sum(SIGN[c["status"]] for c in claims),
            strength=strength,
            distance=1.0 / strength,
        )
    return g


def country_labels(store: Store) -> dict[str, str]:
    return memo(store, ("country_labels",),
                lambda: {row["iso3"]: row["name"] for row in store.select("countries")})


def _claims(store: Store) -> list[dict]:
    return memo(store, ("claim_rows",), lambda: claim_rows(store))


def project_country_network(store: Store, *, as_of: date | None = None, since: date | None = None,
                            until: date | None = None, statuses: Iterable[str] | None = None,
                            min_confidence: float = 0.0) -> nx.DiGraph:
    """The country network of the store, optionally as it stood on a day or within a window.

    Cached per store revision and options; the caller gets its own copy.

    >>> from graph.store import open_store
    >>> project_country_network(open_store("memory:")).number_of_nodes()
    0
    """
    options = Projection.of(as_of=as_of, since=since, until=until, statuses=statuses,
                            min_confidence=min_confidence)
    return cached_country_network(store, options).copy()


def network_articles(store: Store, options: Projection = Projection()) -> set[str]:
    """The articles whose claims make the country network under ``options`` (what an export draws on).

    >>> from graph.store import open_store
    >>> network_articles(open_store("memory:"))
    set()
    """
    return {row["article"] for row in options.filter(_claims(store))}


def cached_country_network(store: Store, options: Projection = Projection()) -> nx.DiGraph:
    """The shared, cached country network: read it, never change it (analytics use this)."""
    return memo(store, ("country_network", options),
                lambda: country_network(options.filter(_claims(store)), country_labels(store)))


# -- the entity network -----------------------------------------------------
ENTITY_TYPES = ("country", "agency", "alliance", "official", "article")
EDGE_TYPES = ("claim", "member_of", "agency_of", "official_of", "statement", "mentions")


def entity_key(entity_iri: str) -> str:
    """The node key of an entity: its IRI below ``/id/`` with ``:`` for ``/`` (an XML name token).

    >>> entity_key("https://w3id.org/intelgraph/id/agency/cia")
    'agency:cia'
    """
    rest = entity_iri[len(ID):] if entity_iri.startswith(ID) else entity_iri
    return rest.replace("/", ":")


def project_entity_network(store: Store, *, as_of: date | None = None, since: date | None = None,
                           until: date | None = None, statuses: Iterable[str] | None = None,
                           min_confidence: float = 0.0, reference: bool = True) -> nx.MultiDiGraph:
    """Countries, agencies, alliances, officials and articles, with typed edges.

    Node keys are the IRI below ``/id/`` with ``:`` for ``/`` (``country:USA``,
    ``person:john-ratcliffe``, ``article:<hash>``); every node has ``type`` and ``label``. Edges have a
    ``type`` (one of ``EDGE_TYPES``): ``claim`` (actor -> partner, one per
    claim, with ``status``, ``date``, ``confidence``, ``article``),
    ``member_of`` (country -> alliance), ``agency_of`` (agency -> country),
    ``official_of`` (official -> country), ``statement`` (speaker -> each
    country the quote is about, with ``stance``) and ``mentions`` (article ->
    entity). Claims and statements are sliced by date and filtered like the
    country network; articles published after the slice drop out with what
    they mention. With ``reference``, reference memberships and agencies are
    added for the countries present.

    >>> from graph.store import open_store
    >>> project_entity_network(open_store("memory:")).number_of_edges()
    0
    """
    options = Projection.of(as_of=as_of, since=since, until=until, statuses=statuses,
                            min_confidence=min_confidence)
    return memo(store, ("entity_network", options, reference),
                lambda: _entity_network(store, options, reference)).copy()


def _entity_network(store: Store, options: Projection, reference: bool) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    labels = country_labels(store)
    upper = min(d for d in (options.as_of, options.until) if d) if (options.as_of or options.until) else None

    def in_window(day: date | None) -> bool:
        if day is None:
            return not (upper or options.since)
        return not (upper and day > upper or options.since and day < options.since)

    def node(entity_iri: str, kind: str, label: str | None = None, **attrs: Any) -> str:
        key = entity_key(entity_iri)
        if key not in g:
            if kind == "country":
                code = local_name(entity_iri)
                attrs.setdefault("iso3", code)
                label = label or labels.get(code, code)
            g.add_node(key, type=kind, label=label or local_name(entity_iri), iri=entity_iri, **attrs)
        return key

    articles: dict[str, dict] = {}
    mentions: dict[str, list[str]] = {}
    for row in store.select("entity_articles"):
        articles.setdefault(row["article"], row)
        if row.get("entity"):
            mentions.setdefault(row["article"], []).append(row["entity"])
    kept = {a for a, row in articles.items() if in_window(row.get("published")) or row.get("published") is None}

    def article_node(article_iri: str) -> str:
        row = articles.get(article_iri, {})
        return node(article_iri, "article", row.get("headline") or local_name(article_iri),
                    publisher=row.get("publisher"), published=row.get("published"))

    for row in options.filter(_claims(store)):
        if row["article"] not in kept:
            continue
        actor = node(country_iri(row["actor"]), "country")
        partner = node(country_iri(row["partner"]), "country")
        g.add_edge(actor, partner, type="claim", status=row["status"], date=row.get("date"),
                   confidence=row.get("confidence"), article=entity_key(row["article"]),
                   weight=SIGN[row["status"]], strength=1.0, distance=1.0)
    for row in store.select("entity_statements"):
        confidence = float(row.get("confidence") or 0.0)
        if row["article"] not in kept or confidence < options.min_confidence:
            continue
        if not in_window(row.get("date") or articles.get(row["article"], {}).get("published")):
            continue
        if row.get("speaker"):
            speaker = node(row["speaker"], "official", row["speakerLabel"])
        else:
            continue  # an unnamed speaker is no node; the statement stays in the RDF
        if row.get("about"):
            g.add_edge(speaker, node(row["about"], "country"), type="statement",
                       stance=STANCE_BY_CONCEPT.get(row["stance"], local_name(row["stance"])),
                       date=row.get("date"), article=entity_key(row["article"]),
                       statement=entity_key(row["statement"]))
    for row in store.select("entity_officials"):
        if row["article"] not in kept:
            continue
        person = node(row["person"], "official", row["name"], role=row.get("role"),
                      organization=row.get("organization"))
        if row.get("country"):
            country = node(row["country"], "country")
            if not g.has_edge(person, country, key="official_of"):
                g.add_edge(person, country, key="official_of", type="official_of")
    for row in store.select("entity_memberships"):
        if row.get("article"):
            if row["article"] not in kept or float(row.get("confidence") or 0.0) < options.min_confidence:
                continue
        elif not reference or entity_key(row["country"]) not in g:
            continue
        country = node(row["country"], "country")
        alliance = node(row["alliance"], "alliance", row.get("label"))
        key = f"member_of {entity_key(row['article'])}" if row.get("article") else "member_of"
        if not g.has_edge(country, alliance, key=key):
            g.add_edge(country, alliance, key=key, type="member_of",
                       article=entity_key(row["article"]) if row.get("article") else None,
                       source="article" if row.get("article") else "reference")
    if reference:
        for row in store.select("entity_agencies"):
            if entity_key(row["country"]) in g:
                g.add_edge(node(row["agency"], "agency", row.get("label")), entity_key(row["country"]),
                           key="agency_of", type="agency_of")
    for article_iri in sorted(kept):
        for entity in mentions.get(article_iri, []):
            if entity_key(entity) in g:
                g.add_edge(article_node(article_iri), entity_key(entity), key="mentions", type="mentions")
    return g
