"""Reading an article from a request body: the one place both ingest and preview do it.

The media type picks the loader (JSON, plain text in the ``.txt`` shape, or
HTML); the size limit is checked before anything is parsed; a malformed body
is a 422 naming the problem, an unknown media type a 415 listing the choices.
"""

from __future__ import annotations

import json

from fastapi import Request

from graph import Article, ArticleError
from graph.articles import parse_bytes

from .errors import PayloadTooLarge, UnsupportedMediaType
from .settings import Settings

KIND_BY_MEDIA = {"application/json": "json", "text/plain": "text", "text/html": "html",
                 "application/xhtml+xml": "html"}


async def read_body(request: Request, settings: Settings) -> tuple[bytes, str]:
    """The raw body and its kind, after checking media type, size and (for JSON) shape."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    kind = KIND_BY_MEDIA.get(media)
    if kind is None:
        raise UnsupportedMediaType(f"unsupported content type {media or 'none'!r}; send one of: "
                                   + ", ".join(KIND_BY_MEDIA))
    data = await request.body()
    if len(data) > settings.max_article_bytes:
        raise PayloadTooLarge(f"the article is {len(data):,} bytes; the limit is {settings.max_article_bytes:,}")
    if kind == "json":
        try:
            record = json.loads(data)
        except (json.JSONDecodeError, UnicodeDecodeError) as err:
            raise ArticleError(f"malformed JSON: {err}") from None
        if not isinstance(record, dict):
            raise ArticleError("expected one JSON object with a 'text' field (POST articles one at a time)")
    return data, kind


def parse_body(data: bytes, kind: str, settings: Settings, source: str) -> Article:
    """The one article of a body read by :func:`read_body` (blocking: call it off the event loop)."""
    (article,) = parse_bytes(data, kind, source=source, max_bytes=settings.max_article_bytes)
    return article
