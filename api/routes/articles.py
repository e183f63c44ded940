"""Articles: the list, the facts found in one, ingest (POST) and removal (DELETE), both with an API key.

Markings: ``POST /articles`` takes the article's marking from its JSON
``marking`` field (or a ``marking:`` header line of a text article) and from
the ``marking`` query parameter; when both are given the higher one holds, so
a parameter can never lower what the body says. Any key may write any
marking (writing up betrays nothing), but the answer shows the facts only when
the key's clearance covers the article's marking. A key deletes only the
articles its clearance lets it see (others are a 404, as if absent).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from dataclasses import replace as replace_field

from graph import ArticleError, NotFoundError, facts_to_json, lookup
from graph.access import check_clearance, highest, visible
from graph.vocab import article_iri

from ..bodies import parse_body, read_body
from ..deps import ReaderDep, RunnerDep, SettingsDep, StoreDep, WriterDep
from ..errors import responses
from ..models import Article, ArticleSummary, Ingested, Page
from ..pagination import Limit, Offset, page

router = APIRouter(tags=["articles"])

ArticleId = Annotated[str, Path(description="The article's id: the first 16 hex digits of the sha256 of its "
                                "cleaned text.", examples=["508b4a6817f63af4"], pattern="^[0-9a-f]{16}$")]
INGEST_BODY = {"requestBody": {"required": True, "content": {
    "application/json": {"schema": {"type": "object", "required": ["text"], "properties": {
        "title": {"type": "string"}, "publisher": {"type": "string"},
        "published": {"type": "string", "format": "date"}, "url": {"type": "string"},
        "marking": {"type": "string"}, "text": {"type": "string"}}},
        "example": {"title": "US pauses intelligence sharing with Ukraine", "publisher": "Wire",
                    "published": "2025-03-05",
                    "text": "The United States has paused intelligence sharing with Ukraine, officials said."}},
    "text/plain": {"schema": {"type": "string"},
                   "example": "US pauses intelligence sharing with Ukraine\npublisher: Wire\npublished: 2025-03-05\n\n"
                              "The United States has paused intelligence sharing with Ukraine."},
    "text/html": {"schema": {"type": "string"}}}}}


@router.get("/articles", response_model=Page[ArticleSummary], summary="Articles held, newest first",
            responses=responses(422))
def list_articles(store: ReaderDep, limit: Limit = 50, offset: Offset = 0,
                  q: str | None = Query(None, max_length=200, description="Part of the headline.",
                                        examples=["intel"]),
                  publisher: str | None = Query(None, max_length=200, examples=["The Jerusalem Post"]),
                  since: date | None = Query(None, description="Published on or after this day."),
                  until: date | None = Query(None, description="Published on or before this day.")) -> dict:
    rows = lookup.articles(store)
    if q:
        rows = [r for r in rows if q.strip().lower() in r["headline"].lower()]
    if publisher:
        rows = [r for r in rows if (r["publisher"] or "").lower() == publisher.strip().lower()]
    if since:
        rows = [r for r in rows if r["published"] and r["published"] >= since]
    if until:
        rows = [r for r in rows if r["published"] and r["published"] <= until]
    return page(rows, limit, offset)


@router.get("/articles/{article_id}", response_model=Article, summary="One article and the facts found in it",
            responses=responses(404, 422))
def get_article(store: ReaderDep, article_id: ArticleId) -> dict:
    return lookup.article(store, article_id)


@router.post("/articles", status_code=201, response_model=Ingested, openapi_extra=INGEST_BODY,
             summary="Ingest one article (JSON, text or HTML) and answer with the facts found (needs an API key)",
             responses={200: {"model": Ingested, "description": "Already held: nothing was written"},
                        **responses(401, 403, 413, 415, 422)})
async def ingest(request: Request, store: StoreDep, runner: RunnerDep, settings: SettingsDep,
                 writer: WriterDep,
                 marking: str | None = Query(None, max_length=40, description="The article's TLP marking "
                                             "(TLP:CLEAR, TLP:GREEN, TLP:AMBER, TLP:AMBER+STRICT, TLP:RED); the "
                                             "higher of this and the body's own marking holds.",
                                             examples=["TLP:AMBER"])) -> Response:
    from graph.extract import extract, load_lexicon
    from graph.pipeline import ingest_article

    try:
        asked = check_clearance(marking) if marking else None
    except Exception as err:
        raise ArticleError(str(err)) from None
    data, kind = await read_body(request, settings)

    def work():
        article = parse_body(data, kind, settings, "POST /articles")
        if asked:
            article = replace_field(article, marking=highest([article.marking, asked]))
        result = ingest_article(store, article)
        held = store.cleared(writer.clearance)
        shown = held.markings().get(article.iri) if held.has_graph(article.iri) else None
        facts = None
        if shown is not None and visible(shown, writer.clearance):
            facts = result.facts if result.added else extract(article, lexicon=load_lexicon())
        store.flush()
        return article, facts, result.added, shown

    article, facts, added, shown = await run_in_threadpool(work)
    if added:
        runner.invalidate()
    body = {"id": article.id, "iri": article.iri, "added": added, "marking": shown,
            "facts": facts_to_json(article, facts, explain=True) if facts is not None else None}
    return JSONResponse(body, status_code=201 if added else 200,
                        headers={"Location": f"/articles/{article.id}"})


@router.delete("/articles/{article_id}", status_code=204, summary="Remove one article's graph and nothing else "
               "(needs an API key)", responses=responses(401, 403, 404, 422))
async def delete_article(store: StoreDep, runner: RunnerDep, writer: WriterDep,
                         article_id: ArticleId) -> Response:
    def work() -> None:
        if not store.cleared(writer.clearance).has_graph(article_iri(article_id)):
            raise NotFoundError(f"no article {article_id!r} in the store")
        store.remove_graph(article_iri(article_id))

    await run_in_threadpool(work)
    store.flush()
    runner.invalidate()
    return Response(status_code=204)
