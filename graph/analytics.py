"""Measures over the country network, each given the weight it expects.

networkx reads an edge weight as a *distance* in betweenness, closeness and
shortest paths, and as a *strength* in PageRank, eigenvector, Katz and HITS
(where a bigger number means a stronger tie). The country network carries
both (``strength`` = claims, ``distance`` = 1 / strength) and the table
``MEASURES`` says which each measure gets; the README repeats it. The signed
``weight`` (sharing for, restricting against) is never handed to a
centrality algorithm: it can be zero or negative, which none of them define.

Every measure runs on networkx by default. ``backend="igraph"`` (or
``"auto"``, which picks igraph for networks of ``AUTO_MIN_EDGES`` edges or
more) computes the same quantity with igraph's C code (and Katz with a scipy
sparse iteration), returning the same numbers in the same normalisation; the
igraph copy of a network is built once and reused by every measure. For
networks too large for exact betweenness or closeness, ``k`` samples that
many source nodes (Brandes-Pich for betweenness, Eppstein-Wang for
closeness); the README gives the error measured at 1k and 10k nodes.

The store-level functions (``country_measures``, ``country_ranking``,
``country_communities``, ``country_paths``, ``country_ego``,
``measure_changes``) are what the CLI and the API call; their results are
cached per store revision and options, and recomputed after an ingest.
"""

from __future__ import annotations

import math
import random
import warnings
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

import networkx as nx

from .errors import NotFoundError, QueryError, unknown_choice
from .project import Projection, cached_country_network, memo
from .store import Store

BACKENDS = ("networkx", "igraph", "auto")
AUTO_MIN_EDGES = 20_000
KATZ_ALPHA_FACTOR = 0.5  # alpha = KATZ_ALPHA_FACTOR / spectral radius
DEFAULT_SEED = 42


# -- the accelerated copy ---------------------------------------------------
@dataclass
class Mirror:
    """An igraph copy of a networkx graph (same node order), built once per graph."""

    nodes: list
    index: dict
    graph: Any  # igraph.Graph
    signature: tuple[int, int]
    extra: dict = field(default_factory=dict)


_MIRRORS: "weakref.WeakKeyDictionary[nx.Graph, Mirror]" = weakref.WeakKeyDictionary()


def _igraph():
    try:
        import igraph
    except ImportError:
        raise QueryError("the igraph backend needs python-igraph: pip install 'intelgraph[fast]'") from None
    return igraph


def mirror(g: nx.DiGraph) -> Mirror:
    """The igraph copy of ``g`` with ``strength`` and ``distance`` on its edges, built once per graph.

    It is kept in networkx's own per-graph cache (``G.__networkx_cache__``),
    which networkx empties whenever the graph is changed through its methods,
    so a changed network gets a fresh copy.
    """
    cache = getattr(g, "__networkx_cache__", None)
    if cache is not None:
        held = cache.get("intelgraph_mirror")
    else:  # an older networkx: fall back on a weak map checked by size
        held = _MIRRORS.get(g)
        if held is not None and held.signature != (g.number_of_nodes(), g.number_of_edges()):
            held = None
    if held is not None:
        return held
    igraph = _igraph()
    nodes = list(g)
    index = {n: i for i, n in enumerate(nodes)}
    edges, strength, distance = [], [], []
    for u, v, d in g.edges(data=True):
        edges.append((index[u], index[v]))
        strength.append(float(d.get("strength", 1.0)))
        distance.append(float(d.get("distance", 1.0)))
    ig = igraph.Graph(n=len(nodes), edges=edges, directed=g.is_directed())
    ig.es["strength"] = strength
    ig.es["distance"] = distance
    held = Mirror(nodes, index, ig, (len(nodes), len(edges)))
    if cache is not None:
        cache["intelgraph_mirror"] = held
    else:
        _MIRRORS[g] = held
    return held


def _backend(g: nx.DiGraph, backend: str) -> str:
    if backend not in BACKENDS:
        raise QueryError(unknown_choice("backend", backend, BACKENDS))
    if backend == "auto":
        try:
            import igraph  # noqa: F401
        except ImportError:
            return "networkx"
        return "igraph" if g.number_of_edges() >= AUTO_MIN_EDGES else "networkx"
    return backend


def _as_dict(m: Mirror, values: Iterable[float]) -> dict:
    """igraph's per-vertex list as {node: float}: NaN (undefined) as 0, no negative zeros (vectorised)."""
    import numpy as np

    array = np.nan_to_num(np.asarray(list(values) if not isinstance(values, (list, np.ndarray)) else values,
                                     dtype=float)) + 0.0
    return dict(zip(m.nodes, array.tolist()))


def _sample(g: nx.DiGraph, k: int | None, seed: int) -> list | None:
    """The k source nodes networkx would sample with this seed (so both backends agree)."""
    if k is None or k >= len(g):
        return None
    if k < 1:
        raise QueryError(f"k must be a positive number of sample nodes, not {k}")
    return random.Random(seed).sample(list(g.nodes()), k)


# -- the measures: networkx paths -------------------------------------------
def _degree(kind: str) -> Callable:
    funcs = {"degree": nx.degree_centrality, "in_degree": nx.in_degree_centrality,
             "out_degree": nx.out_degree_centrality}

    def compute(g: nx.DiGraph, **_: Any) -> dict:
        if len(g) <= 1:
            return dict.fromkeys(g, 0.0)
        return dict(funcs[kind](g))
    return compute


def _weighted_degree(g: nx.DiGraph, **_: Any) -> dict:
    return {n: float(d) for n, d in g.degree(weight="strength")}


def _betweenness(g: nx.DiGraph, *, k: int | None = None, seed: int = DEFAULT_SEED, **_: Any) -> dict:
    if k is not None and k >= len(g):
        k = None
    return nx.betweenness_centrality(g, k=k, seed=seed, weight="distance", normalized=True)


def _closeness(g: nx.DiGraph, *, k: int | None = None, seed: int = DEFAULT_SEED, **_: Any) -> dict:
    sources = _sample(g, k, seed)
    if sources is None:
        return nx.closeness_centrality(g, distance="distance")
    # Eppstein-Wang: distances *to* each node (networkx's closeness of a
    # DiGraph reads incoming distances) from k sampled sources.
    lengths = [nx.single_source_dijkstra_path_length(g, s, weight="distance") for s in sources]
    return _closeness_from_samples(g, sources, lambda i, node: lengths[i].get(node))


def _closeness_from_samples(g: nx.DiGraph, sources: list, distance: Callable[[int, Any], float | None]) -> dict:
    out = {}
    for node in g:
        reached, total, tried = 0, 0.0, 0
        for i, s in enumerate(sources):
            if s == node:
                continue
            tried += 1
            d = distance(i, node)
            if d is not None and math.isfinite(d):
                reached += 1
                total += d
        out[node] = (reached / tried) * (reached / total) if tried and total > 0 else 0.0
    return out


def _pagerank(g: nx.DiGraph, *, max_iter: int | None = None, **_: Any) -> dict:
    try:
        return nx.pagerank(g, weight="strength", max_iter=max_iter or 100)
    except nx.PowerIterationFailedConvergence:
        raise QueryError(f"pagerank did not converge in {max_iter or 100} iterations; "
                         "raise max_iter (e.g. 1000)") from None


def _eigenvector(g: nx.DiGraph, *, max_iter: int | None = None, **_: Any) -> dict:
    if g.number_of_edges() == 0:
        return dict.fromkeys(g, 0.0)
    try:
        return nx.eigenvector_centrality(g, weight="strength", max_iter=max_iter or 1000)
    except nx.PowerIterationFailedConvergence:
        raise QueryError(
            f"eigenvector centrality did not converge in {max_iter or 1000} iterations; on a network "
            "that is not strongly connected it is often undefined: use pagerank or katz instead") from None


def _strength_copy(g: nx.DiGraph) -> nx.DiGraph:
    """``g`` with ``strength`` as ``weight``, for algorithms that read only ``weight`` (HITS)."""
    h = nx.DiGraph()
    h.add_nodes_from(g)
    h.add_weighted_edges_from((u, v, d.get("strength", 1.0)) for u, v, d in g.edges(data=True))
    return h


def _hits(g: nx.DiGraph, max_iter: int | None) -> tuple[dict, dict]:
    if g.number_of_edges() == 0:
        return dict.fromkeys(g, 0.0), dict.fromkeys(g, 0.0)
    try:
        start = dict.fromkeys(g, 1.0 / len(g))  # a fixed start: networkx's svds otherwise starts at random
        return nx.hits(_strength_copy(g), max_iter=max_iter or 1000, nstart=start)
    except nx.PowerIterationFailedConvergence:
        raise QueryError(f"HITS did not converge in {max_iter or 1000} iterations; raise max_iter") from None


def spectral_radius(g: nx.DiGraph) -> float:
    """The largest |eigenvalue| of the strength-weighted adjacency matrix (0 for a DAG).

    >>> g = nx.DiGraph([("A", "B"), ("B", "A")]); nx.set_edge_attributes(g, 1.0, "strength")
    >>> round(spectral_radius(g), 6)
    1.0
    """
    import numpy as np
    import scipy.sparse.linalg as sla

    if g.number_of_edges() == 0:
        return 0.0
    if len(g) <= 400:
        matrix = nx.to_numpy_array(g, weight="strength")
        return float(max(abs(np.linalg.eigvals(matrix))))
    matrix = _adjacency(g).T.tocsr()
    try:
        value = sla.eigs(matrix.astype(float), k=1, which="LM", return_eigenvectors=False, tol=1e-6,
                         maxiter=5000)
        return float(abs(value[0]))
    except sla.ArpackNoConvergence:  # fall back on an upper bound: the largest row sum
        return float(abs(matrix).sum(axis=1).max())


def _adjacency(g: nx.DiGraph):
    """Sparse strength-weighted adjacency (rows: sources), built from the igraph copy when there is one."""
    import numpy as np
    import scipy.sparse as sp

    try:
        m = mirror(g)
    except QueryError:
        return nx.to_scipy_sparse_array(g, weight="strength", format="csr")
    if "adjacency" not in m.extra:
        pairs = np.array(m.graph.get_edgelist(), dtype=np.int64).reshape(-1, 2)
        values = np.array(m.graph.es["strength"], dtype=float) if len(pairs) else np.zeros(0)
        n = len(m.nodes)
        m.extra["adjacency"] = sp.csr_array((values, (pairs[:, 0], pairs[:, 1])), shape=(n, n))
    return m.extra["adjacency"]


def katz_alpha(g: nx.DiGraph, alpha: float | None = None) -> float:
    """Katz's attenuation: ``KATZ_ALPHA_FACTOR / λmax`` by default; a given alpha must be below 1/λmax."""
    radius = spectral_radius(g)
    if alpha is None:
        return KATZ_ALPHA_FACTOR / radius if radius > 1e-9 else KATZ_ALPHA_FACTOR
    if alpha <= 0:
        raise QueryError(f"katz alpha must be positive, not {alpha}")
    if radius > 1e-9 and alpha >= 1.0 / radius:
        raise QueryError(f"katz does not converge with alpha={alpha}: lower alpha below "
                         f"1/λmax={1.0 / radius:.6g} (λmax={radius:.6g}, the spectral radius of the "
                         f"strength-weighted network), or leave it unset for {KATZ_ALPHA_FACTOR}/λmax")
    return alpha


def _katz(g: nx.DiGraph, *, alpha: float | None = None, max_iter: int | None = None, **_: Any) -> dict:
    if g.number_of_edges() == 0:
        return dict.fromkeys(g, 1.0 / math.sqrt(len(g)))
    chosen = katz_alpha(g, alpha)
    try:
        return nx.katz_centrality(g, alpha=chosen, beta=1.0, weight="strength", max_iter=max_iter or 1000)
    except nx.PowerIterationFailedConvergence:
        raise QueryError(f"katz did not converge in {max_iter or 1000} iterations with alpha={chosen:.6g}; "
                         f"lower alpha below 1/λmax={1.0 / max(spectral_radius(g), 1e-12):.6g} "
                         "or raise max_iter") from None


# -- the measures: igraph (and scipy) paths ---------------------------------
def _fast_degree(kind: str) -> Callable:
    mode = {"degree": "all", "in_degree": "in", "out_degree": "out"}[kind]

    def compute(g: nx.DiGraph, **_: Any) -> dict:
        m = mirror(g)
        if len(g) <= 1:
            return dict.fromkeys(g, 0.0)
        scale = 1.0 / (len(g) - 1)  # integer counts: no NaN to clean, so no numpy round trip
        return dict(zip(m.nodes, [d * scale for d in m.graph.degree(mode=mode)]))
    return compute


def _fast_weighted_degree(g: nx.DiGraph, **_: Any) -> dict:
    m = mirror(g)
    return dict(zip(m.nodes, map(float, m.graph.strength(mode="all", weights="strength"))))


def _fast_betweenness(g: nx.DiGraph, *, k: int | None = None, seed: int = DEFAULT_SEED, **_: Any) -> dict:
    m = mirror(g)
    n = len(g)
    sources = _sample(g, k, seed)
    if sources is None:
        raw = m.graph.betweenness(directed=True, weights="distance")
        scale = 1.0 / ((n - 1) * (n - 2)) if n > 2 else 1.0
        return _as_dict(m, (b * scale for b in raw))
    raw = m.graph.betweenness(directed=True, weights="distance", sources=[m.index[s] for s in sources])
    # networkx's rescaling of sampled betweenness (endpoints excluded): sources count k-1 pairs.
    k = len(sources)
    picked = set(sources)
    source_scale = 1.0 / ((k - 1) * (n - 2)) if k > 1 else math.nan
    other_scale = 1.0 / (k * (n - 2))
    return {node: b * (source_scale if node in picked else other_scale) for node, b in zip(m.nodes, raw)}


def _fast_closeness(g: nx.DiGraph, *, k: int | None = None, seed: int = DEFAULT_SEED, **_: Any) -> dict:
    m = mirror(g)
    n = len(g)
    sources = _sample(g, k, seed)
    if sources is None:
        normed = m.graph.closeness(mode="in", weights="distance", normalized=True)
        raw = m.graph.closeness(mode="in", weights="distance", normalized=False)
        out = {}
        for node, cn, cr in zip(m.nodes, normed, raw):
            if cn is None or cr is None or math.isnan(cn) or cr == 0 or n <= 1:
                out[node] = 0.0
                continue
            reached = cn / cr  # normalised / raw closeness = the number of nodes that reach this one
            out[node] = cn * reached / (n - 1)
        return out
    import numpy as np

    rows = np.array(m.graph.distances(source=[m.index[s] for s in sources], weights="distance", mode="out"))
    return _closeness_from_samples_fast(m, sources, rows)


def _closeness_from_samples_fast(m: Mirror, sources: list, rows) -> dict:
    import numpy as np

    mask_self = np.zeros_like(rows, dtype=bool)
    for i, s in enumerate(sources):
        mask_self[i, m.index[s]] = True
    finite = np.isfinite(rows) & ~mask_self
    tried = len(sources) - mask_self.sum(axis=0)
    reached = finite.sum(axis=0)
    total = np.where(finite, rows, 0.0).sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        values = np.where((tried > 0) & (total > 0), (reached / tried) * (reached / total), 0.0)
    return _as_dict(m, values)


def _fast_pagerank(g: nx.DiGraph, **_: Any) -> dict:
    m = mirror(g)
    return _as_dict(m, m.graph.pagerank(directed=True, damping=0.85, weights="strength"))


def _l2(values: dict) -> dict:
    norm = math.sqrt(sum(v * v for v in values.values())) or 1.0
    return {k: v / norm for k, v in values.items()}


def _sum1(values: dict) -> dict:
    total = sum(values.values()) or 1.0
    return {k: v / total for k, v in values.items()}


def _fast_eigenvector(g: nx.DiGraph, **_: Any) -> dict:
    if g.number_of_edges() == 0:
        return dict.fromkeys(g, 0.0)
    m = mirror(g)
    with warnings.catch_warnings():  # igraph warns on acyclic networks, where the measure is degenerate
        warnings.simplefilter("ignore", RuntimeWarning)
        values = m.graph.eigenvector_centrality(directed=True, scale=True, weights="strength")
    return _l2(_as_dict(m, (abs(v) for v in values)))


def _fast_hits(g: nx.DiGraph, which: str) -> dict:
    if g.number_of_edges() == 0:
        return dict.fromkeys(g, 0.0)
    m = mirror(g)
    score = m.graph.hub_score if which == "hubs" else m.graph.authority_score
    with warnings.catch_warnings():  # igraph warns when many scores are 0 (e.g. on a star); so be it
        warnings.simplefilter("ignore", RuntimeWarning)
        values = score(weights="strength", scale=True)
    return _sum1(_as_dict(m, values))


def _fast_katz(g: nx.DiGraph, *, alpha: float | None = None, max_iter: int | None = None, **_: Any) -> dict:
    """networkx's Katz iteration (x = alpha A^T x + beta, L2-normalised) on a scipy sparse matrix."""
    import numpy as np

    if g.number_of_edges() == 0:
        return dict.fromkeys(g, 1.0 / math.sqrt(len(g)))
    chosen = katz_alpha(g, alpha)
    transposed = _adjacency(g).T.tocsr()
    n = len(g)
    x = np.zeros(n)
    for _ in range(max_iter or 1000):
        last = x
        x = chosen * (transposed @ last) + 1.0
        if np.abs(x - last).sum() < n * 1e-6:
            break
    else:
        raise QueryError(f"katz did not converge in {max_iter or 1000} iterations with alpha={chosen:.6g}; "
                         "lower alpha or raise max_iter")
    x = x / (np.linalg.norm(x) or 1.0)
    return _as_dict(mirror(g), x)


# -- the table --------------------------------------------------------------
class Measure(NamedTuple):
    """One centrality measure: its networkx function, the edge attribute it reads, and the fast path."""

    compute: Callable[..., dict]
    weight: str  # "none", "strength" or "distance"
    description: str
    fast: Callable[..., dict] | None = None


MEASURES: dict[str, Measure] = {
    "degree": Measure(_degree("degree"), "none", "ties in and out, over n - 1", _fast_degree("degree")),
    "in_degree": Measure(_degree("in_degree"), "none", "countries that report towards it, over n - 1",
                         _fast_degree("in_degree")),
    "out_degree": Measure(_degree("out_degree"), "none", "countries it reports towards, over n - 1",
                          _fast_degree("out_degree")),
    "weighted_degree": Measure(_weighted_degree, "strength", "claims in and out", _fast_weighted_degree),
    "betweenness": Measure(_betweenness, "distance", "share of shortest paths through it (normalised)",
                           _fast_betweenness),
    "closeness": Measure(_closeness, "distance", "inverse mean distance from those that reach it "
                         "(Wasserman-Faust)", _fast_closeness),
    "pagerank": Measure(_pagerank, "strength", "PageRank, damping 0.85", _fast_pagerank),
    "eigenvector": Measure(_eigenvector, "strength", "eigenvector centrality of in-ties (L2-normalised)",
                           _fast_eigenvector),
    "katz": Measure(_katz, "strength", f"Katz, alpha = {KATZ_ALPHA_FACTOR}/λmax, beta = 1 (L2-normalised)",
                    _fast_katz),
    "hubs": Measure(lambda g, max_iter=None, **_: _hits(g, max_iter)[0], "strength",
                    "HITS hub score (sums to 1)", lambda g, **_: _fast_hits(g, "hubs")),
    "authorities": Measure(lambda g, max_iter=None, **_: _hits(g, max_iter)[1], "strength",
                           "HITS authority score (sums to 1)", lambda g, **_: _fast_hits(g, "authorities")),
}


def centrality(g: nx.DiGraph, metric: str = "pagerank", *, backend: str = "networkx", k: int | None = None,
               seed: int = DEFAULT_SEED, alpha: float | None = None, max_iter: int | None = None) -> dict[str, float]:
    """One measure for every node, on networkx (default) or igraph, exact or sampled (``k``).

    Parameters
    ----------
    g : the country network (edges with ``strength`` and ``distance``)
    metric : a key of ``MEASURES``
    backend : ``"networkx"``, ``"igraph"`` or ``"auto"`` (igraph from ``AUTO_MIN_EDGES`` edges)
    k : betweenness and closeness only: sample this many source nodes (``seed`` picks them)
    alpha : Katz's attenuation (default ``KATZ_ALPHA_FACTOR / λmax``)

    Examples
    --------
    >>> g = nx.DiGraph([("A", "B"), ("C", "B")])
    >>> nx.set_edge_attributes(g, 1.0, "strength"); nx.set_edge_attributes(g, 1.0, "distance")
    >>> centrality(g, "in_degree")["B"]
    1.0
    >>> round(centrality(g, "pagerank", backend="igraph")["B"], 4) == round(centrality(g, "pagerank")["B"], 4)
    True
    """
    if metric not in MEASURES:
        raise QueryError(unknown_choice("measure", metric, MEASURES))
    if len(g) == 0:
        return {}
    measure = MEASURES[metric]
    chosen = _backend(g, backend)
    kwargs = {"k": k, "seed": seed, "alpha": alpha, "max_iter": max_iter}
    if chosen == "igraph" and measure.fast is not None:
        return measure.fast(g, **kwargs)  # already plain floats, NaN as 0, no -0.0
    return {node: float(value) + 0.0 for node, value in measure.compute(g, **kwargs).items()}  # no -0.0


def ranking(g: nx.DiGraph, metric: str = "pagerank", top: int | None = None, **options: Any) -> list[tuple[str, float]]:
    """Nodes sorted by a measure, highest first (ties by node id).

    >>> g = nx.DiGraph([("A", "B"), ("C", "B")])
    >>> ranking(g, "in_degree", top=1)
    [('B', 1.0)]
    """
    scores = centrality(g, metric, **options)
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    return ranked[:top] if top else ranked


def all_measures(g: nx.DiGraph, metrics: Iterable[str] | None = None, *, errors: dict | None = None,
                 **options: Any) -> dict[str, dict[str, float]]:
    """Every measure (or those named); a measure that fails is left empty and its message put in ``errors``."""
    out = {}
    for name in metrics or MEASURES:
        try:
            out[name] = centrality(g, name, **options)
        except QueryError as error:
            out[name] = {}
            if errors is not None:
                errors[name] = str(error)
    return out


# -- communities ------------------------------------------------------------
@dataclass
class Communities:
    """A Louvain partition: communities largest first, each node's community number, modularity."""

    communities: list[list[str]]
    membership: dict[str, int]
    modularity: float
    seed: int
    resolution: float

    def as_dict(self) -> dict:
        return {"communities": self.communities, "membership": self.membership,
                "modularity": self.modularity, "seed": self.seed, "resolution": self.resolution}


def undirected_strength(g: nx.DiGraph) -> nx.Graph:
    """The undirected view Louvain needs: one edge per pair, strengths of both directions summed."""
    u = nx.Graph()
    u.add_nodes_from(g)
    for a, b, d in g.edges(data=True):
        s = float(d.get("strength", 1.0))
        if u.has_edge(a, b):
            u[a][b]["strength"] += s
        else:
            u.add_edge(a, b, strength=s)
    return u


def communities(g: nx.DiGraph, *, seed: int = DEFAULT_SEED, resolution: float = 1.0,
                backend: str = "networkx") -> Communities:
    """Louvain communities of the undirected, strength-weighted network, with a fixed seed.

    >>> g = nx.DiGraph([("A", "B"), ("B", "C"), ("C", "A"), ("X", "Y"), ("Y", "Z"), ("Z", "X"), ("C", "X")])
    >>> nx.set_edge_attributes(g, 1.0, "strength")
    >>> communities(g).communities
    [['A', 'B', 'C'], ['X', 'Y', 'Z']]
    """
    if len(g) == 0:
        return Communities([], {}, 0.0, seed, resolution)
    chosen = _backend(g, backend)
    if chosen == "igraph":
        m = mirror(g)
        if "undirected" not in m.extra:
            m.extra["undirected"] = m.graph.as_undirected(mode="collapse", combine_edges={"strength": "sum"})
        und = m.extra["undirected"]
        state = random.getstate()
        random.seed(seed)  # python-igraph draws its random numbers from Python's random module
        try:
            membership = und.community_multilevel(weights="strength", resolution=resolution).membership
        finally:
            random.setstate(state)
        groups: dict[int, list] = {}
        for node, c in zip(m.nodes, membership):
            groups.setdefault(c, []).append(node)
        parts = [set(v) for v in groups.values()]
        modularity = und.modularity(membership, weights="strength", resolution=resolution)
    else:
        und = undirected_strength(g)
        parts = nx.community.louvain_communities(und, weight="strength", resolution=resolution, seed=seed)
        modularity = nx.community.modularity(und, parts, weight="strength", resolution=resolution) \
            if und.number_of_edges() else 0.0
    ordered = sorted((sorted(map(str, p)) for p in parts), key=lambda c: (-len(c), c))
    membership = {node: i for i, c in enumerate(ordered) for node in c}
    return Communities(ordered, membership, float(modularity), seed, resolution)


# -- paths, brokers, ego networks -------------------------------------------
@dataclass
class Paths:
    """The shortest paths from ``source`` to ``target`` and the brokers on them."""

    source: str
    target: str
    weighted: bool
    directed: bool
    length: float | None  # total distance (or hops when unweighted); None when unreachable
    hops: int | None
    paths: list[list[str]]
    brokers: list[tuple[str, float]]  # (intermediary, share of the shortest paths through it)
    truncated: bool = False

    def as_dict(self) -> dict:
        return {"source": self.source, "target": self.target, "weighted": self.weighted,
                "directed": self.directed, "length": self.length, "hops": self.hops,
                "paths": self.paths, "truncated": self.truncated,
                "brokers": [{"country": c, "share": s} for c, s in self.brokers]}


def shortest_paths(g: nx.DiGraph, source: str, target: str, *, weighted: bool = True, directed: bool = True,
                   limit: int = 100) -> Paths:
    """All shortest paths (up to ``limit``) and the brokers between two nodes.

    Weighted paths read ``distance`` (a tie reported by more claims is
    shorter); a broker is an intermediary, with the share of the shortest
    paths that pass through it (1.0: every shortest route goes through it).

    >>> g = nx.DiGraph([("A", "B"), ("B", "D"), ("A", "C"), ("C", "D")])
    >>> nx.set_edge_attributes(g, 1.0, "distance")
    >>> p = shortest_paths(g, "A", "D")
    >>> p.paths, p.brokers
    ([['A', 'B', 'D'], ['A', 'C', 'D']], [('B', 0.5), ('C', 0.5)])
    """
    for node in (source, target):
        if node not in g:
            raise NotFoundError(f"{node} is not in the network (no claim involves it in this slice)")
    view = g if directed else g.to_undirected(as_view=True)
    weight = "distance" if weighted else None
    found: list[list[str]] = []
    truncated = False
    try:
        for path in nx.all_shortest_paths(view, source, target, weight=weight):
            if len(found) >= limit:
                truncated = True
                break
            found.append(list(path))
    except nx.NetworkXNoPath:
        return Paths(source, target, weighted, directed, None, None, [], [])
    found.sort()
    first = found[0]
    length = float(nx.path_weight(view, first, weight)) if weighted else float(len(first) - 1)
    through: dict[str, int] = {}
    for path in found:
        for node in path[1:-1]:
            through[node] = through.get(node, 0) + 1
    brokers = sorted(((n, c / len(found)) for n, c in through.items()), key=lambda kv: (-kv[1], kv[0]))
    return Paths(source, target, weighted, directed, length, len(first) - 1, found, brokers, truncated)


def ego_network(g: nx.DiGraph, center: str, radius: int = 1, *, undirected: bool = True) -> nx.DiGraph:
    """The nodes within ``radius`` ties of ``center`` (either direction by default), with their edges.

    >>> g = nx.DiGraph([("A", "B"), ("B", "C"), ("D", "A")])
    >>> sorted(ego_network(g, "A"))
    ['A', 'B', 'D']
    """
    if center not in g:
        raise NotFoundError(f"{center} is not in the network (no claim involves it in this slice)")
    return nx.ego_graph(g, center, radius=radius, undirected=undirected).copy()


def compare_scores(before: dict[str, float], after: dict[str, float]) -> list[dict]:
    """Per node: the score before, after and the change (a node absent on one side counts 0).

    >>> compare_scores({"A": 0.5}, {"A": 0.25, "B": 0.75})
    [{'node': 'B', 'before': 0.0, 'after': 0.75, 'change': 0.75}, {'node': 'A', 'before': 0.5, 'after': 0.25, 'change': -0.25}]
    """
    rows = []
    for node in sorted(set(before) | set(after)):
        b, a = float(before.get(node, 0.0)), float(after.get(node, 0.0))
        rows.append({"node": node, "before": b, "after": a, "change": a - b})
    rows.sort(key=lambda r: (-abs(r["change"]), r["node"]))
    return rows


# -- over the store, cached per revision ------------------------------------
def _options(projection: dict) -> Projection:
    return Projection.of(**projection)


def country_measures(store: Store, metrics: Iterable[str] | None = None, *, backend: str = "networkx",
                     k: int | None = None, seed: int = DEFAULT_SEED, alpha: float | None = None,
                     **projection: Any) -> dict[str, dict[str, float]]:
    """Measures of the store's country network (all by default), cached per store revision.

    ``projection`` takes ``as_of``, ``since``, ``until``, ``statuses`` and
    ``min_confidence``. An unknown measure is a ``QueryError``; one that does
    not converge raises its ``QueryError`` too.

    >>> from graph.store import open_store
    >>> country_measures(open_store("memory:"), ["pagerank"])
    {'pagerank': {}}
    """
    names = tuple(metrics) if metrics else tuple(MEASURES)
    for name in names:
        if name not in MEASURES:
            raise QueryError(unknown_choice("measure", name, MEASURES))
    options = _options(projection)
    network = cached_country_network(store, options)
    out = {}
    for name in names:
        key = ("measure", name, options, backend, k, seed, alpha)
        out[name] = dict(memo(store, key, lambda name=name: centrality(
            network, name, backend=backend, k=k, seed=seed, alpha=alpha)))
    return out


def country_ranking(store: Store, metric: str = "pagerank", top: int | None = None,
                    **options: Any) -> list[dict]:
    """Countries ranked by one measure: ``[{"rank", "country", "name", "score"}]``, cached per revision."""
    scores = country_measures(store, [metric], **options)[metric]
    network = cached_country_network(store, _options({k: v for k, v in options.items()
                                                      if k in Projection.__dataclass_fields__}))
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    ranked = ranked[:top] if top else ranked
    return [{"rank": i, "country": code, "name": network.nodes[code].get("label", code), "score": score}
            for i, (code, score) in enumerate(ranked, start=1)]


def country_communities(store: Store, *, seed: int = DEFAULT_SEED, resolution: float = 1.0,
                        backend: str = "networkx", **projection: Any) -> Communities:
    """Louvain communities of the store's country network (fixed seed), cached per revision."""
    options = _options(projection)
    return memo(store, ("communities", options, seed, resolution, backend),
                lambda: communities(cached_country_network(store, options), seed=seed,
                                    resolution=resolution, backend=backend))


def country_paths(store: Store, source: str, target: str, *, weighted: bool = True, directed: bool = True,
                  limit: int = 100, **projection: Any) -> Paths:
    """Shortest paths and brokers between two countries (ISO2/ISO3 codes or names)."""
    from .lookup import resolve_country

    a, b = resolve_country(store, source)[0], resolve_country(store, target)[0]
    options = _options(projection)
    return memo(store, ("paths", options, a, b, weighted, directed, limit),
                lambda: shortest_paths(cached_country_network(store, options), a, b, weighted=weighted,
                                       directed=directed, limit=limit))


def country_ego(store: Store, center: str, radius: int = 1, *, undirected: bool = True,
                **projection: Any) -> nx.DiGraph:
    """The ego network of one country (a code or a name)."""
    from .lookup import resolve_country

    code = resolve_country(store, center)[0]
    return ego_network(cached_country_network(store, _options(projection)), code, radius, undirected=undirected)


def measure_changes(store: Store, metric: str, start: date, end: date, *, backend: str = "networkx",
                    **projection: Any) -> list[dict]:
    """How each country's measure changed between the network as of ``start`` and as of ``end``.

    ``projection`` may narrow by ``since``, ``statuses`` and ``min_confidence``
    (``as_of`` is the two dates).

    >>> from graph.store import open_store
    >>> measure_changes(open_store("memory:"), "pagerank", date(2025, 3, 6), date(2025, 3, 12))
    []
    """
    if start > end:
        raise QueryError(f"the first date {start} is after the second {end}")
    projection = {k: v for k, v in projection.items() if k not in ("as_of", "until")}
    before = country_measures(store, [metric], backend=backend, as_of=start, **projection)[metric]
    after = country_measures(store, [metric], backend=backend, as_of=end, **projection)[metric]
    return compare_scores(before, after)
