"""Downloads: the country network (GraphML, GEXF, JSON, CSV, ...) and RDF dumps of the store.

Each draws only on what the caller is cleared to see (and at most on
``max_marking``), and says the highest marking it draws on in the
``X-TLP-Marking`` header (and inside the file where the format allows).
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from graph.export import EXPORTERS, RDF_EXPORTERS, export_marked
from graph.model import MARKINGS

from ..deps import ReaderDep
from ..errors import responses

router = APIRouter(tags=["export"])

Format = Literal[tuple(EXPORTERS)]  # type: ignore[valid-type]
Marking = Literal[tuple(MARKINGS)]  # type: ignore[valid-type]


@router.get("/export/{fmt}", summary="The country network for Gephi and other tools, or the RDF of the store",
            description="Network formats: " + ", ".join(f for f in EXPORTERS if f not in RDF_EXPORTERS)
                        + " (filters: as_of, since, until, min_confidence). RDF dumps: " + ", ".join(RDF_EXPORTERS)
                        + " (the whole store, or one article's graph with `article`).",
            responses={200: {"content": {e[1]: {} for e in EXPORTERS.values()}, "description": "The file"},
                       **responses(400, 404, 422)})
async def export(store: ReaderDep,
                 fmt: Format = Path(description="The format.", examples=["graphml"]),
                 as_of: date | None = Query(None, description="The network as it stood on this day."),
                 since: date | None = None, until: date | None = None,
                 min_confidence: float = Query(0.0, ge=0.0, le=1.0),
                 article: str | None = Query(None, pattern="^[0-9a-f]{16}$", description="RDF dumps only: one article's "
                                             "graph (its id)."),
                 max_marking: Marking | None = Query(None, description="Draw only on articles marked at or below "
                                                     "this (and the caller's clearance), for sharing the file at "
                                                     "that marking.", examples=["TLP:GREEN"])) -> Response:
    if fmt in RDF_EXPORTERS:
        data, marking = await run_in_threadpool(export_marked, store, fmt, article=article, max_marking=max_marking)
    else:
        data, marking = await run_in_threadpool(export_marked, store, fmt, as_of=as_of, since=since, until=until,
                                                min_confidence=min_confidence, max_marking=max_marking)
    entry = EXPORTERS[fmt]
    return Response(data, media_type=entry[1],
                    headers={"Content-Disposition": f'attachment; filename="intelgraph{entry[2]}"',
                             "X-TLP-Marking": marking})
