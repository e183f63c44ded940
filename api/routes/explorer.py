"""The web explorer: the page at ``/``, its static files, and the few read endpoints it needs.

The page (``api/static/``: ``index.html``, ``app.js``, ``app.css``, all
written here, nothing fetched from a CDN) draws the country network and
reads everything else from the REST, analytics, export and SPARQL routes.
What those do not answer lives under ``/explorer``:

* ``GET /explorer/config``: the choices the page offers, from the tables the
  rest of the code uses (statuses, stances, centrality measures, export
  formats), the example SPARQL queries (``api/static/queries/*.rq``) and
  whether this server takes writes;
* ``GET /explorer/search``: countries, officials and alliances by name or code;
* ``POST /explorer/highlight``: where the extractor's status cues
  (``ontology/cues.yaml``) occur in evidence sentences, so the page marks
  the very words the rules read, without a second cue list in JavaScript;
* ``POST /explorer/extract``: the facts an article would yield, without
  storing anything (the preview before ``POST /articles``).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from graph import facts_to_json, lookup
from graph.analytics import MEASURES
from graph.export import EXPORTERS, RDF_EXPORTERS
from graph.vocab import STANCES, STATUSES

from ..bodies import parse_body, read_body
from ..deps import ReaderDep, SettingsDep
from ..errors import responses

router = APIRouter(tags=["explorer"])

STATIC = Path(__file__).resolve().parent.parent / "static"
QUERIES = STATIC / "queries"
_static_files = StaticFiles(directory=STATIC, check_dir=False)


# -- the page ---------------------------------------------------------------------------------------------------
@router.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
def index() -> FileResponse:
    return FileResponse(STATIC / "index.html", media_type="text/html", headers={"Cache-Control": "no-cache"})


@router.api_route("/static/{path:path}", methods=["GET", "HEAD"], include_in_schema=False)
async def static(path: str, request: Request) -> Response:
    # StaticFiles resolves the path inside STATIC (no traversal) and answers conditional requests.
    response = await _static_files.get_response(path, request.scope)
    response.headers["Cache-Control"] = "no-cache"
    return response


# -- choices ----------------------------------------------------------------------------------------------------
@lru_cache(maxsize=4)
def example_queries(folder: Path = QUERIES) -> list[dict[str, str]]:
    """The example SPARQL queries: each ``.rq`` file, titled by its first ``# `` comment line.

    >>> [q["name"] for q in example_queries()][:2]
    ['01-considering-restricting', '02-timeline-usa-ukr']
    """
    found = []
    for path in sorted(folder.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        first = text.splitlines()[0] if text else ""
        title = first[1:].strip() if first.startswith("#") else path.stem
        found.append({"name": path.stem, "title": title, "query": text})
    return found


@router.get("/explorer/config", summary="What the explorer offers: statuses, measures, formats, example queries")
def config(request: Request, settings: SettingsDep) -> dict:
    keys = request.app.state.keys
    return {
        "statuses": list(STATUSES),
        "stances": list(STANCES),
        "measures": [{"name": name, "weight": m.weight, "description": m.description} for name, m in MEASURES.items()],
        "network_formats": [f for f in EXPORTERS if f not in RDF_EXPORTERS],
        "rdf_formats": list(RDF_EXPORTERS),
        "examples": example_queries(),
        "writes": bool(keys is not None and keys.configured()),
        "max_article_bytes": settings.max_article_bytes,
    }


# -- search -----------------------------------------------------------------------------------------------------
class Hit(BaseModel):
    kind: str = Field(description="country, official or alliance")
    id: str = Field(description="ISO3 code, official id or alliance key")
    label: str
    detail: str = ""


class Hits(BaseModel):
    q: str
    items: list[Hit]


def _rank(needle: str, *names: str) -> int | None:
    """0 exact, 1 prefix, 2 word prefix, 3 substring, None no match."""
    best = None
    for name in names:
        low = name.lower()
        rank = (0 if low == needle else 1 if low.startswith(needle)
                else 2 if any(w.startswith(needle) for w in low.split()) else 3 if needle in low else None)
        if rank is not None and (best is None or rank < best):
            best = rank
    return best


def search_entities(store, q: str, limit: int = 12) -> list[dict]:
    needle = q.strip().lower()
    if not needle:
        return []
    hits: list[tuple[tuple, dict]] = []
    for row in lookup.countries(store):
        rank = _rank(needle, row["name"], row["iso3"], row["iso2"])
        if rank is not None:
            claims = row["claims"]
            hits.append(((rank, 0 if claims else 1, -claims, row["name"]),
                         {"kind": "country", "id": row["iso3"], "label": row["name"],
                          "detail": f"{row['iso3']} · {claims} claim{'' if claims == 1 else 's'}"}))
    for row in lookup.officials(store):
        rank = _rank(needle, row["name"], *row["roles"], *row["organizations"])
        if rank is not None:
            hits.append(((rank, 0, 0, row["name"]),
                         {"kind": "official", "id": row["id"], "label": row["name"],
                          "detail": ", ".join([*row["roles"], *row["countries"]])}))
    for row in lookup.alliances(store):
        rank = _rank(needle, row["name"], row["id"])
        if rank is not None:
            hits.append(((rank, 0, 0, row["name"]),
                         {"kind": "alliance", "id": row["id"], "label": row["name"],
                          "detail": f"{len(row['members'])} members"}))
    hits.sort(key=lambda item: item[0])
    return [hit for _, hit in hits[:limit]]


@router.get("/explorer/search", response_model=Hits, summary="Countries, officials and alliances by name or code",
            responses=responses(422))
def search(store: ReaderDep, q: str = Query(..., max_length=200, description="Part of a name or a code.",
                                           examples=["isr"]),
           limit: int = Query(12, ge=1, le=100)) -> dict:
    return {"q": q, "items": search_entities(store, q, limit)}


# -- cue highlighting ---------------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _status_patterns() -> list[tuple[str, object]]:
    """(status, compiled pattern), in the order cues win: denials of a restriction (which affirm sharing),
    then the status cues in their rank order."""
    from graph.extract import load_lexicon

    patterns = load_lexicon().patterns
    return [("shares_with", patterns["denial"]), *patterns["status"]]


def cue_spans(text: str) -> list[dict]:
    """Where the status cues of ``ontology/cues.yaml`` occur in ``text``: non-overlapping, in text order.

    Where cues overlap, the one ranked first in the cue file wins, as in the extractor;
    a denial of a restriction ("no plans to reduce") is a sharing cue.

    >>> [(text[s["start"]:s["end"]], s["status"]) for text in ["The US suspended intelligence sharing."]
    ...  for s in cue_spans(text)]
    [('suspended', 'suspends'), ('intelligence sharing', 'shares_with')]
    >>> [(text[s["start"]:s["end"]], s["status"]) for text in ["It has no plans to reduce intelligence cooperation."]
    ...  for s in cue_spans(text)]
    [('no plans to reduce', 'shares_with'), ('intelligence cooperation', 'shares_with')]
    """
    taken: list[dict] = []
    for status, pattern in _status_patterns():
        for match in pattern.finditer(text):
            start, end = match.span()
            if end > start and not any(start < t["end"] and t["start"] < end for t in taken):
                taken.append({"start": start, "end": end, "status": status})
    return sorted(taken, key=lambda s: s["start"])


class HighlightRequest(BaseModel):
    texts: list[str] = Field(max_length=1000, description="Evidence sentences.",
                             examples=[["Israel is considering withholding intelligence from Washington"]])


class Span(BaseModel):
    start: int
    end: int
    status: str


class Highlights(BaseModel):
    spans: list[list[Span]] = Field(description="Per text, the cue spans (character offsets), in text order.")


@router.post("/explorer/highlight", response_model=Highlights,
             summary="Where the extractor's status cues occur in evidence sentences", responses=responses(422))
def highlight(body: HighlightRequest) -> dict:
    return {"spans": [cue_spans(text[:20_000]) for text in body.texts]}


# -- preview --------------------------------------------------------------------------------------------------------
@router.post("/explorer/extract", summary="The facts an article would yield, without storing anything",
             openapi_extra={"requestBody": {"required": True, "content": {
                 "text/plain": {"schema": {"type": "string"},
                                "example": "US pauses intelligence sharing with Ukraine\npublished: 2025-03-05\n\n"
                                           "The United States has paused intelligence sharing with Ukraine."},
                 "application/json": {"schema": {"type": "object", "required": ["text"]}},
                 "text/html": {"schema": {"type": "string"}}}}},
             responses=responses(413, 415, 422))
async def extract_preview(request: Request, store: ReaderDep, settings: SettingsDep) -> JSONResponse:
    from graph.extract import extract, load_lexicon

    data, kind = await read_body(request, settings)

    def work():
        article = parse_body(data, kind, settings, "preview")
        facts = extract(article, lexicon=load_lexicon())
        return article, facts, store.has_graph(article.iri)

    article, facts, held = await run_in_threadpool(work)
    return JSONResponse({"id": article.id, "iri": article.iri, "held": held,
                         "facts": facts_to_json(article, facts, explain=True)})
