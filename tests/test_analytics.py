"""Measures against values worked out by hand on small networks, and the two backends against each other."""

from __future__ import annotations

import math
import random
from datetime import date

import networkx as nx
import pytest

from graph.analytics import (MEASURES, centrality, communities, compare_scores, country_communities,
                             country_measures, country_paths, country_ranking, ego_network, measure_changes,
                             ranking, shortest_paths, spectral_radius)
from graph.errors import NotFoundError, QueryError
from graph.model import Facts
from graph.project import Projection, cached_country_network

from handmade import add_article, claim, suspension_store


def net(edges, strength: float = 1.0) -> nx.DiGraph:
    g = nx.DiGraph()
    for edge in edges:
        u, v, s = edge if len(edge) == 3 else (*edge, strength)
        g.add_edge(u, v, strength=float(s), distance=1.0 / s, weight=1.0)
    return g


def star(n_leaves: int = 4) -> nx.DiGraph:
    """Every leaf shares with the hub, the hub with no one."""
    return net([(f"L{i}", "H") for i in range(n_leaves)])


def path3() -> nx.DiGraph:
    return net([("A", "B"), ("B", "C")])


def test_in_degree_of_a_star():
    scores = centrality(star(4), "in_degree")
    assert scores["H"] == pytest.approx(1.0)  # 4 of 4 possible
    assert scores["L0"] == 0.0


def test_betweenness_of_a_path_is_the_middle():
    scores = centrality(path3(), "betweenness")
    # one pair (A, C) of the 2 ordered pairs not involving B goes through B: 1 / ((3-1)(3-2)) = 0.5
    assert scores == pytest.approx({"A": 0.0, "B": 0.5, "C": 0.0})


def test_betweenness_reads_distance_not_strength():
    g = net([("A", "C", 10.0), ("A", "B", 1.0), ("B", "C", 1.0)])  # strong direct tie: short
    assert centrality(g, "betweenness")["B"] == 0.0


def test_pagerank_ranks_the_hub_first():
    assert ranking(star(4), "pagerank")[0][0] == "H"
    assert sum(centrality(star(4), "pagerank").values()) == pytest.approx(1.0)


def test_pagerank_and_eigenvector_of_a_cycle_are_uniform():
    g = net([("A", "B"), ("B", "C"), ("C", "A")])
    assert centrality(g, "pagerank") == pytest.approx(dict.fromkeys("ABC", 1 / 3))
    assert centrality(g, "eigenvector") == pytest.approx(dict.fromkeys("ABC", 1 / math.sqrt(3)), abs=1e-4)


def test_closeness_on_a_path():
    # closeness uses incoming distances in a DiGraph: C is reached from B (1) and A (2): (2/2)*(2/3)
    assert centrality(path3(), "closeness")["C"] == pytest.approx(2 / 3)


def test_weighted_degree_sums_strengths():
    g = net([("A", "B", 3.0), ("C", "B", 2.0)])
    assert centrality(g, "weighted_degree") == {"A": 3.0, "B": 5.0, "C": 2.0}


def test_katz_on_a_path_by_hand():
    # a DAG: spectral radius 0, so alpha = 0.5; x = 1 + alpha * (sum of in-neighbours' x)
    raw = {"A": 1.0, "B": 1.5, "C": 1.75}
    norm = math.sqrt(sum(v * v for v in raw.values()))
    assert centrality(path3(), "katz") == pytest.approx({k: v / norm for k, v in raw.items()})


def test_katz_on_a_two_cycle_and_its_alpha_bound():
    g = net([("A", "B"), ("B", "A")])
    assert spectral_radius(g) == pytest.approx(1.0)
    # alpha = 0.5 / 1: x = 1 + 0.5 x -> x = 2 on both, normalised to 1/sqrt(2)
    assert centrality(g, "katz") == pytest.approx({"A": 2 ** -0.5, "B": 2 ** -0.5})
    with pytest.raises(QueryError, match=r"lower alpha below 1/λmax=1"):
        centrality(g, "katz", alpha=1.0)


def test_hits_of_a_star():
    hubs, authorities = centrality(star(4), "hubs"), centrality(star(4), "authorities")
    assert authorities == pytest.approx({"H": 1.0, "L0": 0.0, "L1": 0.0, "L2": 0.0, "L3": 0.0})
    assert hubs == pytest.approx({"H": 0.0, **{f"L{i}": 0.25 for i in range(4)}})


def test_hits_reads_strength_not_the_signed_weight():
    g = net([("A", "C", 3.0), ("B", "C", 1.0), ("B", "D", 1.0)])
    for _, _, d in g.edges(data=True):
        d["weight"] = -1.0  # a signed weight must never reach an algorithm
    hubs = centrality(g, "hubs")
    assert hubs["A"] > hubs["B"] > 0


def test_convergence_failures_say_what_to_do():
    with pytest.raises(QueryError, match="raise max_iter"):
        centrality(net([("A", "B"), ("B", "C"), ("C", "A"), ("A", "C", 2.0)]), "pagerank", max_iter=1)
    with pytest.raises(QueryError, match="use pagerank or katz"):
        centrality(net([("A", "B"), ("B", "C"), ("C", "A"), ("A", "C", 2.0)]), "eigenvector", max_iter=1)


def test_unknown_measure_and_backend_name_the_choices():
    with pytest.raises(QueryError, match="choose one of: .*pagerank"):
        centrality(star(), "pagrank")
    with pytest.raises(QueryError, match="choose one of: auto, igraph, networkx"):
        centrality(star(), "pagerank", backend="gpu")


@pytest.mark.parametrize("metric", sorted(MEASURES))
def test_every_measure_runs_on_the_empty_and_a_small_network(metric):
    assert centrality(nx.DiGraph(), metric) == {}
    assert set(centrality(star(3), metric)) == {"H", "L0", "L1", "L2"}
    assert set(centrality(star(3), metric, backend="igraph")) == {"H", "L0", "L1", "L2"}


def random_network(n: int = 40, seed: int = 3) -> nx.DiGraph:
    """Strongly connected (a ring through every node) with extra random ties. Strengths are
    powers of two so that path lengths add up exactly and tied paths stay tied on both backends."""
    rng = random.Random(seed)
    g = nx.DiGraph()
    nodes = [f"N{i:02d}" for i in range(n)]
    edges = {(nodes[i], nodes[(i + 1) % n]) for i in range(n)}
    edges |= {tuple(rng.sample(nodes, 2)) for _ in range(3 * n)}
    for u, v in sorted(edges):
        s = float(rng.choice([1, 2, 4]))
        g.add_edge(u, v, strength=s, distance=1.0 / s, weight=1.0)
    return g


@pytest.mark.parametrize("metric", sorted(MEASURES))
def test_igraph_backend_returns_the_networkx_values(metric):
    g = random_network()
    expected = centrality(g, metric)
    assert centrality(g, metric, backend="igraph") == pytest.approx(expected, abs=2e-6)


@pytest.mark.parametrize("metric", ["betweenness", "closeness"])
def test_sampling_is_the_same_sample_on_both_backends_and_exact_at_k_n(metric):
    g = random_network()
    sampled = centrality(g, metric, k=10, seed=7)
    assert centrality(g, metric, k=10, seed=7, backend="igraph") == pytest.approx(sampled, abs=1e-9)
    assert centrality(g, metric, k=len(g)) == pytest.approx(centrality(g, metric))
    exact = centrality(g, metric)
    assert max(abs(sampled[n] - exact[n]) for n in g) < 0.5  # an estimate, not noise


def test_communities_of_two_triangles_and_their_modularity():
    g = net([("A", "B"), ("B", "C"), ("C", "A"), ("X", "Y"), ("Y", "Z"), ("Z", "X"), ("C", "X")])
    found = communities(g)
    assert found.communities == [["A", "B", "C"], ["X", "Y", "Z"]]
    assert found.membership["A"] == found.membership["C"] != found.membership["X"]
    # m = 7 undirected ties; each triangle: 3 inside, degree sum 7 -> 2 * (3/7 - (7/14)^2) = 5/14
    assert found.modularity == pytest.approx(5 / 14)
    again = communities(g, backend="igraph")
    assert again.communities == found.communities and again.modularity == pytest.approx(5 / 14)


def test_louvain_is_deterministic_for_a_seed():
    g = random_network(60, seed=11)
    assert communities(g, seed=1).communities == communities(g, seed=1).communities


def test_shortest_paths_read_distance_and_name_the_brokers():
    g = net([("A", "B", 1.0), ("B", "D", 1.0), ("A", "C", 2.0), ("C", "D", 2.0)])
    weighted = shortest_paths(g, "A", "D")
    assert weighted.paths == [["A", "C", "D"]] and weighted.length == pytest.approx(1.0)
    assert weighted.brokers == [("C", 1.0)]
    hops = shortest_paths(g, "A", "D", weighted=False)
    assert hops.paths == [["A", "B", "D"], ["A", "C", "D"]] and hops.brokers == [("B", 0.5), ("C", 0.5)]
    assert shortest_paths(g, "D", "A").paths == []
    assert shortest_paths(g, "D", "A", directed=False).hops == 2
    with pytest.raises(NotFoundError):
        shortest_paths(g, "A", "ZZZ")


def test_ego_network():
    g = net([("A", "B"), ("B", "C"), ("D", "A"), ("C", "E")])
    assert sorted(ego_network(g, "A")) == ["A", "B", "D"]
    assert sorted(ego_network(g, "A", 2)) == ["A", "B", "C", "D"]
    assert sorted(ego_network(g, "A", undirected=False)) == ["A", "B"]


def test_compare_scores_sorts_by_the_size_of_the_change():
    rows = compare_scores({"A": 1.0, "B": 0.5}, {"A": 0.9, "B": 1.0})
    assert [(r["node"], r["change"]) for r in rows] == [("B", 0.5), ("A", pytest.approx(-0.1))]


# -- over a store -------------------------------------------------------------
def test_store_measures_are_cached_per_revision_and_recomputed_after_an_ingest():
    store = suspension_store()
    first = cached_country_network(store, Projection())
    assert cached_country_network(store, Projection()) is first
    before = country_measures(store, ["in_degree"])["in_degree"]
    assert "FRA" not in before
    add_article(store, "France shares intelligence with Ukraine.", "2025-03-12",
                Facts(claims=[claim("FRA", "shares_with", "UKR", date(2025, 3, 12))]))
    assert cached_country_network(store, Projection()) is not first
    after = country_measures(store, ["in_degree"])["in_degree"]
    assert "FRA" in after and after["UKR"] > 0


def test_store_ranking_communities_paths_and_changes():
    store = suspension_store()
    top = country_ranking(store, "in_degree", top=1)
    assert top[0]["country"] == "UKR" and top[0]["name"] == "Ukraine"
    assert country_communities(store).membership.keys() == {"USA", "UKR", "GBR", "ISR"}
    found = country_paths(store, "Israel", "ua")
    assert found.paths == [["ISR", "USA", "UKR"]] and found.brokers == [("USA", 1.0)]
    assert country_paths(store, "ISR", "UKR", as_of=date(2025, 3, 6)).paths == [["ISR", "USA", "UKR"]]
    with pytest.raises(NotFoundError):
        country_paths(store, "Atlantis", "UKR")
    changes = {r["node"]: r for r in measure_changes(store, "in_degree", date(2025, 3, 6), date(2025, 3, 12))}
    assert changes["USA"]["before"] == pytest.approx(1 / 3) and changes["USA"]["after"] == pytest.approx(2 / 3)
    with pytest.raises(QueryError, match="status"):
        country_measures(store, ["pagerank"], statuses=["pauses"])


def test_cli_centrality_communities_path_and_export(tmp_path):
    import gc
    import json

    from typer.testing import CliRunner

    from graph.cli import app

    url = f"oxigraph:{tmp_path / 'store'}"
    suspension_store(url).close()
    gc.collect()  # RocksDB lets go of its lock when the store object is gone
    runner = CliRunner()

    def run(*args: str):
        result = runner.invoke(app, [*args, "--store", url])
        return result.exit_code, result.stdout

    code, text = run("centrality", "--metric", "in_degree", "--json")
    assert code == 0 and json.loads(text)[0] == {"country": "UKR", "in_degree": pytest.approx(2 / 3)}
    code, text = run("centrality", "--metric", "in_degree", "--change-from", "2025-03-06", "--as-of", "2025-03-12", "--json")
    assert code == 0 and {r["node"] for r in json.loads(text)["changes"]} == {"USA", "UKR", "GBR", "ISR"}
    code, text = run("communities", "--json")
    assert code == 0 and set(json.loads(text)["membership"]) == {"USA", "UKR", "GBR", "ISR"}
    code, text = run("path", "ISR", "UKR", "--json")
    assert code == 0 and json.loads(text)["brokers"] == [{"country": "USA", "share": 1.0}]
    assert run("path", "UKR", "GBR")[0] == 1  # no path
    assert run("centrality", "--metric", "pagrank")[0] == 2
    out = tmp_path / "network.gexf"
    assert run("export", "gexf", "-o", str(out), "--as-of", "2025-03-06")[0] == 0
    assert b'value="suspends"' in out.read_bytes() and b'value="resumes"' not in out.read_bytes()
