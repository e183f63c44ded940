"""One table from intelgraph's errors to HTTP status codes, and one JSON error shape.

Every error the service answers with is ``{"error": {"status", "message", ...}}``:
intelgraph's own errors (by the table below), request validation errors (422,
with the fields at fault), HTTP errors raised by the framework (404, 405) and
bugs (500, with the traceback in the server log, never in the response).
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from graph import ArticleError, ExtractionError, IntelgraphError, NotFoundError, QueryError, StoreError
from graph.keys import KeyFileError

from .engine import NotAcceptable, QueryTimeout, ResultTooLarge

log = logging.getLogger("intelgraph.api")


class Unauthorized(IntelgraphError):
    """No API key, or one that matches no key (401)."""


class Forbidden(IntelgraphError):
    """Writes are disabled: no API key is configured (403)."""


class UnsupportedMediaType(IntelgraphError):
    """A request body in a media type the endpoint does not take (415)."""


class PayloadTooLarge(IntelgraphError):
    """A request body over the size limit (413)."""


STATUS_BY_ERROR: dict[type[IntelgraphError], int] = {
    ArticleError: 422,
    ExtractionError: 422,
    QueryTimeout: 503,
    ResultTooLarge: 413,
    NotAcceptable: 406,
    QueryError: 400,
    NotFoundError: 404,
    StoreError: 503,
    KeyFileError: 503,
    Unauthorized: 401,
    Forbidden: 403,
    UnsupportedMediaType: 415,
    PayloadTooLarge: 413,
}

ERROR_SCHEMA = {
    "type": "object",
    "properties": {"error": {"type": "object", "properties": {
        "status": {"type": "integer"}, "message": {"type": "string"},
        "suggestions": {"type": "array", "items": {"type": "string"}}}}},
}


def error_body(status: int, message: str, **extra) -> dict:
    return {"error": {"status": status, "message": message, **extra}}


def status_for(error: IntelgraphError) -> int:
    for cls in type(error).__mro__:
        if cls in STATUS_BY_ERROR:
            return STATUS_BY_ERROR[cls]
    return 500


def responses(*statuses: int) -> dict:
    """OpenAPI ``responses`` entries for the error statuses a route can answer with."""
    text = {400: "Bad request", 401: "No or unknown API key", 403: "Writes are disabled",
            404: "Not found", 406: "Not acceptable", 413: "Too large", 415: "Unsupported media type",
            422: "Invalid input", 503: "Timed out or store unavailable"}
    return {s: {"description": text.get(s, "Error"), "content": {"application/json": {"schema": ERROR_SCHEMA}}}
            for s in statuses}


def install(app: FastAPI) -> None:
    @app.exception_handler(IntelgraphError)
    async def _known(request: Request, error: IntelgraphError) -> JSONResponse:
        status = status_for(error)
        if status == 500:
            log.error("unmapped intelgraph error on %s %s: %r", request.method, request.url.path, error)
        extra = {"suggestions": error.suggestions} if isinstance(error, NotFoundError) and error.suggestions else {}
        headers = {"WWW-Authenticate": 'Bearer realm="intelgraph"'} if status == 401 else None
        return JSONResponse(error_body(status, str(error), **extra), status_code=status, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, error: RequestValidationError) -> JSONResponse:
        problems = [{"where": ".".join(str(p) for p in e.get("loc", ())), "problem": e.get("msg", "")}
                    for e in error.errors()]
        message = "; ".join(f"{p['where']}: {p['problem']}" for p in problems) or "invalid request"
        return JSONResponse(error_body(422, message, problems=problems), status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, error: StarletteHTTPException) -> JSONResponse:
        return JSONResponse(error_body(error.status_code, str(error.detail)), status_code=error.status_code,
                            headers=getattr(error, "headers", None))

    @app.exception_handler(Exception)
    async def _bug(request: Request, error: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return JSONResponse(error_body(500, "internal error; see the server log"), status_code=500)
