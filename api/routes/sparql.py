"""The SPARQL 1.1 Protocol: ``/sparql`` (queries, read-only) and ``/sparql/update`` (with a key).

Queries run in the query runner (:mod:`api.engine`), off the event loop,
with a timeout and a row cap; results are serialised by Oxigraph itself in
the format negotiated from ``Accept`` before the query runs. A query runs on
the store as the caller is cleared to see it (:func:`api.dataset.query_dataset`).
"""

from __future__ import annotations

import atexit
from urllib.parse import parse_qsl

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import QueryParams

from graph import QueryError
from graph.model import MARKINGS
from graph.vocab import PREFIXES

from ..dataset import query_dataset
from ..deps import ReaderDep, RunnerDep, SettingsDep, StoreDep, WriterDep
from ..engine import NotAcceptable
from ..errors import Forbidden, UnsupportedMediaType, responses
from ..negotiation import GRAPH_MEDIA, SOLUTIONS_MEDIA, negotiate
from ..sparql_check import QueryChecker
from ..sparql_worker import Job

router = APIRouter(tags=["sparql"])

EXAMPLE = ("PREFIX ig: <https://w3id.org/intelgraph/ns#>\n"
           "SELECT ?who WHERE { ?who ig:considersRestrictingIntelligenceTo ?partner }")
_PREFIXES = tuple(PREFIXES.items())
RESULT_CONTENT = {m: {} for m in dict.fromkeys(list(SOLUTIONS_MEDIA) + list(GRAPH_MEDIA))}
QUERY_BODY = {
    "requestBody": {"required": True, "content": {
        "application/sparql-query": {"schema": {"type": "string"}, "example": EXAMPLE},
        "application/x-www-form-urlencoded": {"schema": {
            "type": "object", "required": ["query"],
            "properties": {"query": {"type": "string", "example": EXAMPLE},
                           "default-graph-uri": {"type": "array", "items": {"type": "string"}},
                           "named-graph-uri": {"type": "array", "items": {"type": "string"}}}}}}},
}
UPDATE_BODY = {
    "requestBody": {"required": True, "content": {
        "application/sparql-update": {"schema": {"type": "string"},
                                      "example": "INSERT DATA { GRAPH <urn:notes> { <urn:a> <urn:b> <urn:c> } }"},
        "application/x-www-form-urlencoded": {"schema": {
            "type": "object", "required": ["update"], "properties": {"update": {"type": "string"}}}}}},
}


_CHECKER: QueryChecker | None = None


def checker() -> QueryChecker:
    """The process's SPARQL checker pool (:mod:`api.sparql_check`), started on first use."""
    global _CHECKER
    if _CHECKER is None:
        _CHECKER = QueryChecker()
        atexit.register(_CHECKER.close)
    return _CHECKER


def _one(values: list[str], name: str) -> str | None:
    if len(values) > 1:
        raise QueryError(f"{len(values)} '{name}' parameters; send exactly one")
    return values[0] if values else None


def _media_type(request: Request) -> tuple[str, str | None]:
    header = request.headers.get("content-type", "")
    parts = [p.strip() for p in header.split(";")]
    charset = next((p.split("=", 1)[1].strip().strip('"').lower() for p in parts[1:]
                    if p.lower().startswith("charset=")), None)
    return parts[0].lower(), charset


async def _text_body(request: Request, charset: str | None, what: str) -> str:
    if charset not in (None, "utf-8", "utf8"):
        raise UnsupportedMediaType(f"{what} bodies must be UTF-8, not {charset!r}")
    try:
        return (await request.body()).decode("utf-8")
    except UnicodeDecodeError as err:
        raise QueryError(f"the {what} body is not valid UTF-8 (byte {err.start})") from None


async def _form(request: Request) -> dict[str, list[str]]:
    """The fields of a form-encoded body; invalid UTF-8, raw or percent-encoded, is refused, never replaced."""
    raw = await request.body()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise QueryError(f"the form body is not valid UTF-8 (byte {err.start})") from None
    fields: dict[str, list[str]] = {}
    try:
        pairs = parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError as err:
        raise QueryError(f"a percent-encoded value in the form body is not valid UTF-8 ({err.reason})") from None
    for name, value in pairs:
        fields.setdefault(name, []).append(value)
    return fields


async def answer(runner, settings, reader, text: str | None, accept: str | None,
                 default_graphs: list[str], named_graphs: list[str], base_iri: str | None = None) -> Response:
    info = await run_in_threadpool(checker().check_query, text)
    chosen = negotiate(info.form, accept)
    if chosen is None:
        raise NotAcceptable(f"none of the Accept header's media types can be produced for a {info.form or 'SELECT'} "
                            f"query; acceptable: {', '.join(_offers(info.form))}")
    media, fmt = chosen
    while True:
        dataset = await run_in_threadpool(query_dataset, default_graphs, named_graphs, query_has_from=info.has_dataset,
                                          reader=reader, text=text)
        job = Job(text=text, fmt=fmt, default_graphs=dataset.default_graphs, named_graphs=dataset.named_graphs,
                  union=dataset.union, prefixes=_PREFIXES, cap=settings.result_cap, base_iri=base_iri)
        body = await runner.run(job, settings.query_timeout, source=dataset.source)
        if reader.still_valid(dataset.token):  # no write raised the markings above the caller meanwhile
            break
    return Response(body, media_type=media, headers={"Vary": "Accept"})


def _offers(form: str | None) -> list[str]:
    from ..negotiation import MEDIA_BY_FORM

    return list(MEDIA_BY_FORM.get(form, SOLUTIONS_MEDIA))


def _base(request: Request) -> str:
    """The service's base IRI for relative IRIs in queries: the endpoint's own URL."""
    return str(request.url.replace(query="", fragment=""))


def _refuse_update_params(params: QueryParams) -> None:
    if "update" in params:
        raise QueryError("SPARQL updates are not accepted at /sparql: this endpoint is read-only "
                         "(POST updates to /sparql/update with an API key)")


@router.get("/sparql", summary="SPARQL 1.1 query (GET)",
            description="Runs a SPARQL query over the union of all graphs (`GRAPH ?g` reaches each article's "
                        "graph). Results by `Accept`: SPARQL JSON (default), XML, CSV or TSV for SELECT/ASK; "
                        "Turtle, N-Triples, JSON-LD or RDF/XML for CONSTRUCT/DESCRIBE.",
            responses={200: {"content": RESULT_CONTENT, "description": "The results"},
                       **responses(400, 406, 413, 503)})
async def sparql_get(
    request: Request,
    runner: RunnerDep,
    settings: SettingsDep,
    reader: ReaderDep,
    query: str | None = Query(None, description="The SPARQL query.", examples=[EXAMPLE]),
    default_graph_uri: list[str] = Query([], alias="default-graph-uri", description="Default graph(s) of the dataset."),
    named_graph_uri: list[str] = Query([], alias="named-graph-uri", description="Named graph(s) of the dataset."),
) -> Response:
    _refuse_update_params(request.query_params)
    text = _one(request.query_params.getlist("query"), "query")
    return await answer(runner, settings, reader, text, request.headers.get("accept"), default_graph_uri,
                        named_graph_uri, _base(request))


@router.post("/sparql", summary="SPARQL 1.1 query (POST form or application/sparql-query)",
             openapi_extra=QUERY_BODY,
             responses={200: {"content": RESULT_CONTENT, "description": "The results"},
                        **responses(400, 406, 413, 415, 503)})
async def sparql_post(request: Request, runner: RunnerDep, settings: SettingsDep, reader: ReaderDep) -> Response:
    media, charset = _media_type(request)
    params = request.query_params
    _refuse_update_params(params)
    default_graphs, named_graphs = params.getlist("default-graph-uri"), params.getlist("named-graph-uri")
    if media == "application/sparql-query":
        if "query" in params:
            raise QueryError("the query is in the body; do not also send a 'query' parameter")
        text = await _text_body(request, charset, "application/sparql-query")
    elif media == "application/x-www-form-urlencoded":
        form = await _form(request)
        _refuse_update_params(form)
        text = _one(form.get("query", []) + params.getlist("query"), "query")
        default_graphs += form.get("default-graph-uri", [])
        named_graphs += form.get("named-graph-uri", [])
    elif media == "application/sparql-update":
        raise QueryError("SPARQL updates are not accepted at /sparql: this endpoint is read-only "
                         "(POST updates to /sparql/update with an API key)")
    else:
        raise UnsupportedMediaType(f"unsupported content type {media or 'none'!r}; send "
                                   "application/sparql-query or application/x-www-form-urlencoded")
    return await answer(runner, settings, reader, text, request.headers.get("accept"), default_graphs, named_graphs,
                        _base(request))


@router.post("/sparql/update", status_code=204, summary="SPARQL 1.1 update (needs an API key)",
             description="Runs a SPARQL update on the store, in one transaction. `LOAD` and `SERVICE` are "
                         "refused; `using-graph-uri`/`using-named-graph-uri` are not supported (write "
                         "`USING` in the update). Needs `Authorization: Bearer KEY` with a key cleared for "
                         "TLP:RED: an update reads and rewrites any graph, whatever its marking.",
             openapi_extra=UPDATE_BODY, responses={**responses(400, 401, 403, 415)})
async def sparql_update(request: Request, store: StoreDep, runner: RunnerDep, writer: WriterDep) -> Response:
    if writer.clearance != MARKINGS[-1]:
        raise Forbidden(f"SPARQL updates read and rewrite every graph whatever its marking, so they need a key "
                        f"cleared for {MARKINGS[-1]}; this key is cleared for {writer.clearance} "
                        "(POST /articles takes articles with any key)")
    media, charset = _media_type(request)
    params = request.query_params
    if media == "application/sparql-update":
        text = await _text_body(request, charset, "application/sparql-update")
    elif media == "application/x-www-form-urlencoded":
        form = await _form(request)
        text = _one(form.get("update", []), "update")
        if form.get("query"):
            raise QueryError("this is the update endpoint; send queries to /sparql")
    else:
        raise UnsupportedMediaType(f"unsupported content type {media or 'none'!r}; send "
                                   "application/sparql-update or application/x-www-form-urlencoded")
    if "using-graph-uri" in params or "using-named-graph-uri" in params:
        raise QueryError("using-graph-uri and using-named-graph-uri are not supported; write USING / USING NAMED "
                         "in the update instead")
    await run_in_threadpool(checker().check_update, text)
    await run_in_threadpool(store.update, text)
    runner.invalidate()
    return Response(status_code=204)
