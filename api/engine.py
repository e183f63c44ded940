"""Where ``/sparql`` queries run: off the event loop, each with a timeout and a row cap.

Two runners, one interface (``await runner.run(job)`` -> bytes):

- :class:`ProcessRunner`, for on-disk stores (``oxigraph:PATH``): a pool of
  worker processes, each with the store open read-only. A query that passes
  its timeout has its worker killed and replaced, so no query can hold a CPU
  or a worker past the timeout, whatever it does inside Oxigraph (a long join
  or aggregate before the first row included). Writes made by the server are
  seen by the workers: each job carries the store's revision and a worker
  reopens the store when it changes.
- :class:`ThreadRunner`, for ``memory:`` stores (which another process cannot
  open): a bounded thread pool.

Both take the store to read with each query (``source``): the store itself,
or the view store of a caller's marking level (:mod:`graph.access`), which a
worker process opens read-only from its own directory. The caller gets its 503 at the timeout; the
  query itself stops at the next chunk of results it serialises, but a query
  that computes for long before its first row (an aggregate over a huge join)
  keeps its thread until Oxigraph returns, because Oxigraph cannot be
  interrupted from Python. The pool is bounded, so such queries can only
  delay other SPARQL queries (which then time out with 503); the event loop,
  REST lookups and health checks are never blocked.
"""

from __future__ import annotations

import asyncio
import logging
import queue
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from multiprocessing.connection import Connection

import anyio
import anyio.to_thread

from graph import QueryError, Store, StoreError

from .sparql_worker import Failure, Job, evaluate, timeout_message

log = logging.getLogger("intelgraph.api")
GRACE = 0.5  # seconds a worker gets past the deadline to report its own timeout


class QueryTimeout(QueryError):
    """The query ran past the timeout (503)."""


class ResultTooLarge(QueryError):
    """The results passed the row cap (413)."""


class NotAcceptable(QueryError):
    """No acceptable representation of the results (406)."""


def _raise(kind: str, message: str, timeout: float) -> None:
    if kind == "timeout":
        raise QueryTimeout(timeout_message(timeout))
    if kind == "cap":
        raise ResultTooLarge(message)
    if kind == "format":
        raise NotAcceptable(message)
    if kind == "syntax":
        raise QueryError(message)
    if kind == "store":
        raise StoreError(message)
    log.error("SPARQL worker bug: %s", message)
    raise RuntimeError(message)


class ThreadRunner:
    """Queries in a bounded thread pool over the in-process store."""

    isolation = "thread"

    def __init__(self, store: Store, workers: int = 4) -> None:
        self.store = store
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="sparql")

    async def run(self, job: Job, timeout: float, source: Store | None = None) -> bytes:
        job = replace(job, deadline=time.time() + timeout)
        backend = (source or self.store).backend
        future = asyncio.get_running_loop().run_in_executor(self.pool, evaluate, backend, job)
        try:
            return await asyncio.wait_for(asyncio.shield(future), timeout + GRACE)
        except asyncio.TimeoutError:
            future.add_done_callback(lambda f: f.exception())  # it stops at its next chunk; nobody waits
            raise QueryTimeout(timeout_message(timeout)) from None
        except Failure as failure:
            _raise(failure.kind, str(failure), timeout)

    def invalidate(self) -> None:
        """Nothing to do: the threads query the live store."""

    def close(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)


class _Worker:
    """One worker process (``python -m api.sparql_worker``) and its end of a socket pair.

    A plain subprocess rather than :mod:`multiprocessing`: nothing of the
    server (its ``__main__``, its open store, its event loop) is inherited
    or re-imported by the worker.
    """

    def __init__(self, path: str) -> None:
        parent, child = socket.socketpair()
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "api.sparql_worker", str(child.fileno()), path],
                pass_fds=[child.fileno()], stdin=subprocess.DEVNULL, close_fds=True)
        finally:
            child.close()
        self.conn = Connection(parent.detach())

    @property
    def pid(self) -> int:
        return self.process.pid

    def kill(self) -> None:
        try:
            self.process.kill()
            self.process.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            pass
        finally:
            self.conn.close()


class ProcessRunner:
    """Queries in worker processes that open the on-disk store read-only."""

    isolation = "process"

    def __init__(self, store: Store, path: str, workers: int = 2) -> None:
        self.store = store
        self.path = path
        self.size = workers
        self.idle: queue.Queue[_Worker] = queue.Queue()
        self.limiter = anyio.CapacityLimiter(max(4, workers * 4))
        self._closed = False
        self.generation = 0
        self._lock = threading.Lock()
        self._all: set[_Worker] = set()
        for _ in range(workers):
            self._spawn()

    def _spawn(self) -> None:
        if self._closed:
            return
        worker = _Worker(self.path)
        with self._lock:
            self._all.add(worker)
        self.idle.put(worker)

    def _retire(self, worker: _Worker) -> None:
        with self._lock:
            self._all.discard(worker)
        worker.kill()
        threading.Thread(target=self._spawn, daemon=True, name="sparql-respawn").start()

    def run_sync(self, job: Job, timeout: float) -> bytes:
        started = time.time()
        job = replace(job, deadline=started + timeout, revision=(self.generation, self.store.revision))
        try:
            worker = self.idle.get(timeout=timeout)
        except queue.Empty:
            raise QueryTimeout(timeout_message(timeout) + " (all query workers were busy)") from None
        try:
            worker.conn.send(job)
            remaining = job.deadline + GRACE - time.time()
            if not worker.conn.poll(max(0.0, remaining)):
                log.warning("SPARQL query passed %.1f s; killing its worker (pid %s)", timeout, worker.pid)
                self._retire(worker)
                raise QueryTimeout(timeout_message(timeout))
            kind, payload = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError) as err:
            log.error("SPARQL worker (pid %s) died: %s", worker.pid, err)
            self._retire(worker)
            raise StoreError("the query worker died while running the query; it has been replaced") from None
        self.idle.put(worker)
        if kind == "ok":
            return payload
        _raise(kind, payload, timeout)

    def invalidate(self) -> None:
        """The server wrote to the store: workers reopen it before their next query."""
        self.generation += 1

    async def run(self, job: Job, timeout: float, source: Store | None = None) -> bytes:
        if source is not None and source is not self.store:
            location = getattr(source, "location", None)
            if location is None:  # a view held in memory (a read-only store): no worker can open it
                return await self._in_thread(job, timeout, source)
            job = replace(job, path=location)
        return await anyio.to_thread.run_sync(self.run_sync, job, timeout, limiter=self.limiter)

    async def _in_thread(self, job: Job, timeout: float, source: Store) -> bytes:
        job = replace(job, deadline=time.time() + timeout)
        try:
            return await anyio.to_thread.run_sync(evaluate, source.backend, job, limiter=self.limiter)
        except Failure as failure:
            _raise(failure.kind, str(failure), timeout)

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            try:
                worker.conn.send(None)
            except OSError:
                pass
        for worker in workers:
            try:
                worker.process.wait(timeout=2)
            except subprocess.TimeoutExpired:
                pass
            worker.kill()


def make_runner(store: Store, isolation: str, workers: int, *, writable: bool = True):
    """The runner for ``store``.

    Worker processes open the store read-only, which RocksDB only supports
    while nobody writes to it: reading beside a live writer can find files
    compacted away (seen in the load test as "Corruption ... No such file").
    So ``auto`` picks processes only for an on-disk store served read-only
    (no API key file named, hence no write endpoint can ever succeed), and
    threads otherwise; ``process`` insists, and is refused for a writable
    server.
    """
    scheme, _, path = store.url.partition(":")
    if isolation == "process" and scheme != "oxigraph":
        raise StoreError(f"query isolation 'process' needs an on-disk store (oxigraph:PATH), not {store.url}")
    if isolation == "process" and writable:
        raise StoreError("query isolation 'process' needs a read-only server: worker processes cannot read the "
                         "store safely while the server writes to it; unset INTELGRAPH_KEYS_FILE or use 'thread'")
    if isolation in ("process", "auto") and scheme == "oxigraph" and not writable:
        return ProcessRunner(store, path or "./data/store", workers)
    return ThreadRunner(store, workers)
