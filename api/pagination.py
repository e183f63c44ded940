"""``limit``/``offset`` pagination, the same on every list."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

Limit = Annotated[int, Query(ge=1, le=1000, description="How many items to return.", examples=[50])]
Offset = Annotated[int, Query(ge=0, le=1_000_000_000, description="How many items to skip.", examples=[0])]


def page(items: list, limit: int, offset: int) -> dict:
    """``{"total", "limit", "offset", "items"}`` for one page of ``items``.

    >>> page(list(range(5)), 2, 1)
    {'total': 5, 'limit': 2, 'offset': 1, 'items': [1, 2]}
    """
    return {"total": len(items), "limit": limit, "offset": offset, "items": items[offset:offset + limit]}
