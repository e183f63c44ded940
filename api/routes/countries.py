"""Countries: the list with claim counts, one country, its relationships, a pair's timeline, statements."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from graph import lookup
from graph.relationships import relationships, timeline
from graph.vocab import STANCES, STATUSES

from ..deps import ReaderDep
from ..errors import responses
from ..models import Country, CountrySummary, Page, Relationships, StatementPage, Timeline
from ..pagination import Limit, Offset, page

router = APIRouter(tags=["countries"])

Status = Literal[tuple(STATUSES)]  # type: ignore[valid-type]
Stance = Literal[tuple(STANCES)]  # type: ignore[valid-type]
Code = Annotated[str, Path(description="An ISO2 or ISO3 code or an English name.", examples=["ISR"], max_length=200)]
STATUS_HELP = "Keep only these statuses (repeat the parameter for several)."


@router.get("/countries", response_model=Page[CountrySummary], summary="Countries, with their claim counts",
            responses=responses(422))
def list_countries(store: ReaderDep, limit: Limit = 50, offset: Offset = 0,
                   q: str | None = Query(None, max_length=200, description="Part of a name or code.",
                                         examples=["united"]),
                   with_claims: bool = Query(False, description="Only countries some claim is about."),
                   sort: Literal["claims", "name", "code"] = Query("claims", description="Order of the list.")) -> dict:
    rows = lookup.countries(store)
    if q:
        needle = q.strip().lower()
        rows = [r for r in rows if needle in r["name"].lower() or needle in (r["iso3"].lower(), r["iso2"].lower())]
    if with_claims:
        rows = [r for r in rows if r["claims"]]
    key = {"claims": lambda r: (-r["claims"], r["iso3"]), "name": lambda r: r["name"].lower(),
           "code": lambda r: r["iso3"]}[sort]
    return page(sorted(rows, key=key), limit, offset)


@router.get("/countries/{code}", response_model=Country, summary="One country: codes, claim counts, agencies, alliances",
            responses=responses(404, 422))
def get_country(store: ReaderDep, code: Code) -> dict:
    return lookup.country(store, code)


@router.get("/countries/{code}/relationships", response_model=Relationships,
            summary="A country's sharing relationships, each with its latest status, history and sources",
            responses=responses(404, 422))
async def country_relationships(
    request: Request,
    store: ReaderDep,
    code: Code,
    status: list[Status] = Query([], description=STATUS_HELP),
    direction: Literal["both", "outgoing", "incoming"] = Query("both", description="outgoing: the country is the "
                                                               "actor; incoming: it is the partner."),
    partner: str | None = Query(None, max_length=200, description="Only relationships with this country.",
                                examples=["USA"]),
    since: date | None = Query(None, description="Only claims on or after this day.", examples=["2025-03-01"]),
    until: date | None = Query(None, description="Only claims on or before this day."),
    as_of: date | None = Query(None, description="The relationships as they stood on this day."),
    min_confidence: float = Query(0.0, ge=0.0, le=1.0, description="Drop claims below this confidence."),
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    def compute() -> bytes:
        result = relationships(store, code, partner=partner, direction=direction, statuses=list(status) or None,
                               since=since, until=until, as_of=as_of, min_confidence=min_confidence)
        rels = result.pop("relationships")
        body = {**result, "total": len(rels), "limit": limit, "offset": offset,
                "relationships": rels[offset:offset + limit]}
        return Relationships.model_validate(body).model_dump_json().encode()

    key = ("relationships", store.clearance, store.revision, " ".join(code.lower().split()), tuple(sorted(set(status))), direction,
           (partner or "").strip().lower(), since, until, as_of, min_confidence, limit, offset)
    cache = request.app.state.cache
    hit = cache.get(key)
    if hit is not None:
        return Response(hit, media_type="application/json", headers={"X-Cache": "hit"})
    body = await run_in_threadpool(compute)
    cache.put(key, body)
    return Response(body, media_type="application/json", headers={"X-Cache": "miss"})


@router.get("/countries/{code}/relationships/{other}", response_model=Timeline,
            summary="The timeline between two countries: every claim either way, oldest first",
            responses=responses(404, 422))
def pair_timeline(store: ReaderDep, code: Code,
                  other: str = Path(description="The other country.", examples=["USA"], max_length=200),
                  status: list[Status] = Query([], description=STATUS_HELP),
                  since: date | None = None, until: date | None = None,
                  limit: Limit = 50, offset: Offset = 0) -> dict:
    result = timeline(store, code, other, since=since, until=until, statuses=list(status) or None)
    events = result.pop("events")
    return {**result, "total": len(events), "limit": limit, "offset": offset, "events": events[offset:offset + limit]}


@router.get("/countries/{code}/statements", response_model=StatementPage,
            summary="What officials said about a country, or officials of that country said, newest first",
            responses=responses(404, 422))
def statements(store: ReaderDep, code: Code,
               stance: list[Stance] = Query([], description="Keep only these stances."),
               since: date | None = None, until: date | None = None,
               limit: Limit = 50, offset: Offset = 0) -> dict:
    iso3, rows = lookup.country_statements(store, code)
    if stance:
        rows = [r for r in rows if r["stance"] in stance]
    if since:
        rows = [r for r in rows if r["date"] and r["date"] >= since]
    if until:
        rows = [r for r in rows if r["date"] and r["date"] <= until]
    return {"country": iso3, **page(rows, limit, offset)}
