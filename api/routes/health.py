"""Liveness, and what the store holds."""

from __future__ import annotations

from fastapi import APIRouter

from graph import lookup

from ..deps import SettingsDep, StoreDep
from ..models import Health, Stats

router = APIRouter(tags=["service"])


@router.get("/health", response_model=Health, summary="Is the service up, and which store does it serve?")
def health(store: StoreDep, settings: SettingsDep) -> dict:
    return {"status": "ok", "store": store.url, "articles": len(store.article_graphs()),
            "revision": store.revision, "query_isolation": settings.query_isolation}


@router.get("/stats", response_model=Stats, summary="Counts of articles, claims, statements, officials, memberships")
def stats(store: StoreDep) -> dict:
    return lookup.stats(store)
