"""The application factory: ``create_app(settings=None, store=None)``.

The store, the query runner (worker processes or threads, :mod:`api.engine`)
and the API key ring are made in the lifespan (or handed in by a test) and
closed on shutdown; one router per resource.
"""

from __future__ import annotations

from contextlib import asynccontextmanager

from fastapi import FastAPI

from graph import Store, open_store
from graph.keys import KeyRing

from . import errors
from .cache import ResponseCache
from .engine import make_runner
from .routes import alliances, analytics, articles, countries, explorer, export, health, officials, sparql
from .settings import Settings

DESCRIPTION = """\
Who shares intelligence with whom, from the news.

* **SPARQL**: `/sparql` speaks the SPARQL 1.1 Protocol (read-only; every query has a timeout and a row cap).
  `/sparql/update` takes updates with an API key.
* **REST**: countries, their relationships (latest status, history, every source), officials, alliances,
  articles and the facts in each; lists take `limit`/`offset` and answer with a `total`.
* **Writes** (`POST /articles`, `DELETE /articles/{id}`, `/sparql/update`) need `Authorization: Bearer KEY`
  (`intelgraph keys add NAME`).
* **Markings**: every read sees only the articles the caller is cleared for (TLP:CLEAR without a key, the key's
  clearance with one: `intelgraph keys add NAME --clearance TLP:AMBER`); exports say their marking in `X-TLP-Marking`.
"""


def create_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        owned = store is None
        app.state.store = store or open_store(settings.store_url)
        app.state.settings = settings
        app.state.keys = KeyRing(settings.keys_file) if settings.keys_file else None
        app.state.cache = ResponseCache()
        app.state.runner = make_runner(app.state.store, settings.query_isolation, settings.sparql_workers,
                                       writable=settings.writable)
        try:
            yield
        finally:
            app.state.runner.close()
            if owned:
                app.state.store.close()

    app = FastAPI(
        title="intelgraph",
        version="0.1.0",
        summary="Who shares intelligence with whom, from the news: SPARQL, REST and network exports.",
        description=DESCRIPTION,
        lifespan=lifespan,
    )
    errors.install(app)
    for module in (health, sparql, countries, officials, alliances, articles, analytics, export):
        app.include_router(module.router)
    app.include_router(explorer.router)  # the web explorer at /, its static files and /explorer/*
    return app
