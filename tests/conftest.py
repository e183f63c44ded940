"""Shared fixtures: stores on both backends, an ingested seed store, a real uvicorn server."""

from __future__ import annotations

import pytest

from support import SEEDS, LiveServer, OxigraphServer


@pytest.fixture(params=["memory", "oxigraph", "remote"])
def store(request, tmp_path):
    """An empty store with reference data, on each backend (remote: a real ``oxigraph serve``)."""
    from graph import open_store

    if request.param == "remote":
        with OxigraphServer(tmp_path / "server") as server:
            db = open_store(server.store_url)
            yield db
            db.close()
        return
    url = "memory:" if request.param == "memory" else f"oxigraph:{tmp_path / 'store'}"
    db = open_store(url)
    yield db
    db.close()


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory):
    """An on-disk store with seeds/ ingested (shared by read-only tests)."""
    from graph import open_store
    from graph.pipeline import ingest_paths

    db = open_store(f"oxigraph:{tmp_path_factory.mktemp('seed') / 'store'}")
    summary = ingest_paths(db, [SEEDS])
    assert not summary.failed, summary.failed
    yield db
    db.close()


@pytest.fixture(scope="session")
def live_server(seed_store):
    """The API over the seed store, served by a real uvicorn server."""
    from api.app import create_app
    from api.settings import Settings

    with LiveServer(create_app(Settings(store_url=seed_store.url), store=seed_store)) as server:
        yield server
