"""Network analytics over the country network (networkx centrality)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from fastapi import APIRouter, Query

from graph.analytics import MEASURES, ranking
from graph.project import project_country_network

from ..deps import ReaderDep
from ..errors import responses
from ..models import Centrality

router = APIRouter(tags=["analytics"])

Metric = Literal[tuple(MEASURES)]  # type: ignore[valid-type]


@router.get("/analytics/centrality", response_model=Centrality,
            summary="Countries ranked by a centrality measure of the sharing network",
            description="Measures: " + ", ".join(MEASURES) + ". Each is given the edge weight it expects "
                        "(see the README's 'Network measures and weights').",
            responses=responses(400, 422))
def centrality(store: ReaderDep,
               metric: Metric = Query("pagerank", description="The measure."),
               top: int = Query(20, ge=1, le=1000, description="How many countries to list."),
               as_of: date | None = Query(None, description="The network as it stood on this day."),
               since: date | None = None, until: date | None = None,
               min_confidence: float = Query(0.0, ge=0.0, le=1.0)) -> dict:
    network = project_country_network(store, as_of=as_of, since=since, until=until, min_confidence=min_confidence)
    ranked = ranking(network, metric, top)
    weight = MEASURES[metric].weight
    return {"metric": metric, "weight": weight, "as_of": as_of, "nodes": network.number_of_nodes(),
            "edges": network.number_of_edges(),
            "ranking": [{"rank": i, "country": code, "name": network.nodes[code].get("label", code),
                         "score": float(score)} for i, (code, score) in enumerate(ranked, start=1)]}
