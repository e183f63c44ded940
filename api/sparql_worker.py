"""Evaluate one SPARQL query and serialise its results, with a deadline and a row cap.

This module imports nothing but pyoxigraph, so that it loads fast in the
worker processes that run ``/sparql`` queries (:mod:`api.engine`). The same
:func:`evaluate` runs in a thread for in-memory stores.

Results are serialised by Oxigraph itself, streaming into a :class:`CappedSink`
that counts rows and checks the deadline at every chunk (about 8 KB), so a
query that produces rows stops as soon as it passes either limit. Rows are
counted on the serialised stream: exactly for XML and TSV, and for JSON and
CSV by patterns that can only over-count a literal that itself looks like a
row boundary (a conservative error). CONSTRUCT and DESCRIBE triples are
counted one by one as they go to the serialiser.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pyoxigraph as ox

from graph.remote import TripleResults

RESULTS_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
}


@dataclass(frozen=True)
class Job:
    """One query as the worker needs it (picklable: plain strings and numbers)."""

    text: str
    fmt: str                               # a key of RESULTS_FORMATS or GRAPH_FORMATS
    default_graphs: tuple[str, ...] | None  # protocol dataset; None: not given
    named_graphs: tuple[str, ...] | None
    union: bool                            # default graph = union of all graphs
    prefixes: tuple[tuple[str, str], ...] = ()
    cap: int = 100_000
    deadline: float = float("inf")         # time.time() after which to give up
    base_iri: str | None = None            # relative IRIs in the query resolve against this
    revision: object = 0                   # what the store held when the caller sent it
    path: str | None = None                # the on-disk store to read (a marking's view store); None: the worker's


class Failure(Exception):
    """A query that cannot be answered: ``kind`` is syntax, cap, timeout, format or store."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def cap_message(cap: int, what: str = "rows") -> str:
    return (f"the results pass the cap of {cap:,} {what}; add a LIMIT (and ORDER BY/OFFSET to page "
            f"through them), or raise INTELGRAPH_RESULT_CAP on the server")


def timeout_message(seconds: float) -> str:
    return (f"the query ran past the {seconds:g} s timeout and was stopped; narrow it (more specific "
            f"patterns, a LIMIT) or raise INTELGRAPH_QUERY_TIMEOUT on the server")


_JSON_ROW = re.compile(rb'\},\{(?:\}|"[^"\\]*":\{)')
_JSON_FIRST = b'"bindings":[{'


class CappedSink:
    """A binary file-like object for Oxigraph's serialiser: collects chunks, counts rows."""

    def __init__(self, fmt: str, cap: int, deadline: float) -> None:
        self.fmt, self.cap, self.deadline = fmt, cap, deadline
        self.chunks: list[bytes] = []
        self.rows = -1 if fmt in ("csv", "tsv") else 0  # the header line is not a row
        self._tail = b""
        self._first = False

    def write(self, data: bytes) -> int:
        if time.time() > self.deadline:
            raise Failure("timeout", "")
        self.chunks.append(bytes(data))
        self.rows += self._count(data)
        if self.rows > self.cap:
            raise Failure("cap", cap_message(self.cap))
        return len(data)

    def flush(self) -> None:
        pass

    def _count(self, data: bytes) -> int:
        if self.fmt == "xml":
            buffer = self._tail + data
            n = buffer.count(b"<result>") - self._tail.count(b"<result>")
            self._tail = buffer[-8:]
            return n
        if self.fmt == "tsv":  # literals are N-Triples-escaped: a newline is always a row end
            return data.count(b"\n")
        if self.fmt == "csv":  # rows end in CRLF; a literal holding CRLF over-counts
            buffer = self._tail + data
            n = buffer.count(b"\r\n") - self._tail.count(b"\r\n")
            self._tail = buffer[-1:]
            return n
        buffer = self._tail + data
        n = sum(1 for m in _JSON_ROW.finditer(buffer) if m.end() > len(self._tail))
        if not self._first and _JSON_FIRST in buffer:
            self._first = True
            n += 1
        self._tail = buffer[-512:]
        return n

    def getvalue(self) -> bytes:
        return b"".join(self.chunks)


def _capped_triples(triples, cap: int, deadline: float) -> Iterator:
    for n, triple in enumerate(triples, start=1):
        if n > cap:
            raise Failure("cap", cap_message(cap, "triples"))
        if n % 1024 == 0 and time.time() > deadline:
            raise Failure("timeout", "")
        yield triple


def evaluate(backend: ox.Store, job: Job) -> bytes:
    """Run ``job`` on an Oxigraph store; the serialised results, or :class:`Failure`."""
    if time.time() > job.deadline:  # waited too long in the queue: do not start
        raise Failure("timeout", "")
    kwargs: dict = {"prefixes": dict(job.prefixes)} if job.prefixes else {}
    if job.base_iri:
        kwargs["base_iri"] = job.base_iri
    if job.default_graphs is not None or job.named_graphs is not None:
        # The protocol's dataset replaces the query's: a part not given is empty.
        kwargs["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs or ()]
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs or ()]
    elif job.union:
        kwargs["use_default_graph_as_union"] = True
    results = None
    try:
        results = backend.query(job.text, **kwargs)
        if isinstance(results, (ox.QueryTriples, TripleResults)):
            if job.fmt not in GRAPH_FORMATS:
                raise Failure("format", "a CONSTRUCT or DESCRIBE query answers with RDF, not a results table")
            sink = CappedSink("graph", job.cap, job.deadline)
            ox.serialize(_capped_triples(results, job.cap, job.deadline), sink, format=GRAPH_FORMATS[job.fmt])
            return sink.getvalue()
        if job.fmt not in RESULTS_FORMATS:
            raise Failure("format", "a SELECT or ASK query answers with a results table, not RDF")
        if isinstance(results, ox.QueryBoolean):
            return results.serialize(format=RESULTS_FORMATS[job.fmt])
        sink = CappedSink(job.fmt, job.cap, job.deadline)
        results.serialize(sink, format=RESULTS_FORMATS[job.fmt])
        return sink.getvalue()
    except SyntaxError as err:
        raise Failure("syntax", f"SPARQL syntax error: {err}") from None
    except ValueError as err:  # an invalid IRI or literal in the request
        raise Failure("syntax", f"invalid query: {err}") from None
    except OSError as err:
        raise Failure("store", f"query failed: {err}") from None
    except RuntimeError as err:
        if "IO error" in str(err) or "Corruption" in str(err):
            raise Failure("store", f"query failed: {err}") from None
        raise
    finally:
        # Oxigraph's results may only be dropped on the thread that made them; an exception's
        # traceback keeps this frame alive on whatever thread handles it, so let go of them here.
        results = None  # noqa: F841


def worker_main(conn, path: str) -> None:
    """A worker process: open the store read-only, answer jobs until told to stop.

    The store is reopened whenever a job carries a newer revision than the
    one open, so writes made by the server process become visible. RocksDB
    does not promise a read-only instance beside a live writer: when the
    writer has compacted away a file this instance still refers to, reading
    fails with an IO error; the worker then reopens the store and retries
    (up to three times) before reporting a store error (503).
    """
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops us; Ctrl-C goes to it
    handles: dict[str, tuple[ox.Store, object]] = {}  # store path (the store, or a view store) -> (handle, revision)
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        where = job.path or path
        for attempt in range(3):
            try:
                backend, revision = handles.get(where, (None, None))
                if backend is None or job.revision != revision:
                    handles.pop(where, None)
                    backend = None
                    backend = ox.Store.read_only(where)
                    handles[where] = (backend, job.revision)
                reply = ("ok", evaluate(backend, job))
            except Failure as failure:
                reply = (failure.kind, str(failure))
            except OSError as err:
                reply = ("store", f"cannot read the store: {err}")
            except Exception as err:  # noqa: BLE001 - reported to the parent, which logs it as a bug
                reply = ("bug", f"{type(err).__name__}: {err}")
            if reply[0] != "store":
                break
            handles.pop(where, None)  # reopen: the writer may have compacted files away under us
            backend = None
        conn.send(reply)


if __name__ == "__main__":
    import sys
    from multiprocessing.connection import Connection

    worker_main(Connection(int(sys.argv[1])), sys.argv[2])
