"""Liveness, and what the store holds: both as the caller is cleared to see them."""

from __future__ import annotations

from fastapi import APIRouter

from graph import lookup

from ..deps import ReaderDep, RunnerDep
from ..models import Health, Stats

router = APIRouter(tags=["service"])


@router.get("/health", response_model=Health, summary="Is the service up, and which store does it serve?")
def health(store: ReaderDep, runner: RunnerDep) -> dict:
    # counts and revision of the caller's view: a hidden article or write must not move them
    return {"status": "ok", "store": store.url, "articles": len(store.article_graphs()),
            "revision": store.visible_revision, "query_isolation": runner.isolation}


@router.get("/stats", response_model=Stats, summary="Counts of articles, claims, statements, officials, memberships")
def stats(store: ReaderDep) -> dict:
    return lookup.stats(store)
