"""Officials named in the articles, and what they said."""

from __future__ import annotations

from fastapi import APIRouter, Path, Query

from graph import lookup
from graph.lookup import resolve_country

from ..deps import ReaderDep
from ..errors import responses
from ..models import Official, OfficialSummary, Page
from ..pagination import Limit, Offset, page

router = APIRouter(tags=["officials"])


@router.get("/officials", response_model=Page[OfficialSummary], summary="Officials named in the articles",
            responses=responses(404, 422))
def list_officials(store: ReaderDep, limit: Limit = 50, offset: Offset = 0,
                   q: str | None = Query(None, max_length=200, description="Part of a name, role or organisation.",
                                         examples=["hughes"]),
                   country: str | None = Query(None, max_length=200, description="Only officials of this country.",
                                               examples=["USA"])) -> dict:
    rows = lookup.officials(store)
    if q:
        needle = q.strip().lower()
        rows = [r for r in rows if needle in " ".join([r["name"], *r["roles"], *r["organizations"]]).lower()]
    if country:
        iso3, _ = resolve_country(store, country)
        rows = [r for r in rows if iso3 in r["countries"]]
    return page(rows, limit, offset)


@router.get("/officials/{official_id}", response_model=Official,
            summary="One official: roles, the articles naming them and their statements",
            responses=responses(404, 422))
def get_official(store: ReaderDep,
                 official_id: str = Path(description="The official's id (a slug of the name).",
                                         examples=["brian-hughes"], max_length=200)) -> dict:
    return lookup.official(store, official_id)
