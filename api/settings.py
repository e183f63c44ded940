"""Service settings, read from ``INTELGRAPH_*`` environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from graph.store import default_url


def _env_float(name: str, default: float) -> float:
    value = os.environ.get(name)
    try:
        return float(value) if value else default
    except ValueError:
        raise ValueError(f"{name}={value!r} is not a number") from None


def _default_workers() -> int:
    return int(_env_float("INTELGRAPH_SPARQL_WORKERS", max(2, min(8, 2 * (os.cpu_count() or 1)))))


@dataclass(frozen=True)
class Settings:
    """What the service needs to know; tests build one directly.

    ``query_timeout`` (seconds) and ``result_cap`` (rows, or triples for
    CONSTRUCT/DESCRIBE) bound every ``/sparql`` query. ``query_isolation`` is
    ``auto`` (worker processes for an on-disk store served read-only, threads otherwise),
    ``process`` or ``thread``; ``sparql_workers`` is the size of that pool.
    ``read_only`` refuses every write endpoint, whatever the keys; only a
    server that cannot write may run its queries in worker processes.
    """

    store_url: str = field(default_factory=default_url)
    query_timeout: float = field(default_factory=lambda: _env_float("INTELGRAPH_QUERY_TIMEOUT", 10.0))
    result_cap: int = field(default_factory=lambda: int(_env_float("INTELGRAPH_RESULT_CAP", 100_000)))
    keys_file: str | None = field(default_factory=lambda: os.environ.get("INTELGRAPH_KEYS_FILE") or None)
    query_isolation: str = field(default_factory=lambda: os.environ.get("INTELGRAPH_QUERY_ISOLATION", "auto"))
    sparql_workers: int = field(default_factory=_default_workers)
    read_only: bool = field(default_factory=lambda: os.environ.get("INTELGRAPH_READ_ONLY", "").lower()
                            in ("1", "true", "yes"))
    max_article_bytes: int = field(default_factory=lambda: int(_env_float("INTELGRAPH_MAX_ARTICLE_BYTES", 5 * 1024 * 1024)))

    @property
    def writable(self) -> bool:
        """Whether any write endpoint can succeed: keys are named and the server is not read-only."""
        return self.keys_file is not None and not self.read_only

    def __post_init__(self) -> None:
        if self.query_isolation not in ("auto", "process", "thread"):
            raise ValueError(f"unknown query isolation {self.query_isolation!r}; choose one of: auto, process, thread")
        if self.query_timeout <= 0 or self.result_cap <= 0 or self.sparql_workers <= 0:
            raise ValueError("query_timeout, result_cap and sparql_workers must be positive")
