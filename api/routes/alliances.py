"""Alliances and intelligence-sharing groups: reference members and reported memberships."""

from __future__ import annotations

from fastapi import APIRouter, Path

from graph import lookup

from ..deps import ReaderDep
from ..errors import responses
from ..models import Alliance, Page
from ..pagination import Limit, Offset, page

router = APIRouter(tags=["alliances"])


@router.get("/alliances", response_model=Page[Alliance], summary="Alliances with their members and reported memberships",
            responses=responses(422))
def list_alliances(store: ReaderDep, limit: Limit = 50, offset: Offset = 0) -> dict:
    return page(lookup.alliances(store), limit, offset)


@router.get("/alliances/{alliance_id}", response_model=Alliance, summary="One alliance, by key or name",
            responses=responses(404, 422))
def get_alliance(store: ReaderDep,
                 alliance_id: str = Path(description="The alliance's key or name.", examples=["five-eyes"],
                                         max_length=200)) -> dict:
    return lookup.alliance(store, alliance_id)
