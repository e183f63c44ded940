"""What a SPARQL request is, decided on its parse tree before it runs.

A public endpoint must never make the server call another server: ``SERVICE``
in a query (or an update) and ``LOAD`` in an update would let a caller use
the server as a proxy into its own network (request forgery) and, with a
remote store, read through the store's own endpoint past every marking.
Oxigraph has no option that turns them off, so the request is parsed first,
with rdflib's SPARQL 1.1 grammar, and the decision is taken on the parse
tree: a ``ServiceGraphPattern`` or ``Load`` node anywhere refuses it. A
request the grammar cannot read is refused too (a syntax error), so nothing
the checker does not understand reaches the engine. No decision is ever
taken on the text itself: escapes (``ex:a\\#``), comments, literals and case
are the grammar's business.

rdflib's parser recurses once per triple pattern, so it runs where a deep
stack is safe and a runaway parse can be stopped: a small pool of checker
processes (``python -m api.sparql_check``), each parsing on a thread with a
large stack. A parse past :data:`CHECK_TIMEOUT` has its process killed and
the request refused. Answers are cached by the request's text.
"""

from __future__ import annotations

import queue
import socket
import subprocess
import sys
import threading
from collections import OrderedDict
from dataclasses import dataclass
from multiprocessing.connection import Connection

from graph import QueryError

MAX_QUERY_CHARS = 100_000
CHECK_TIMEOUT = 10.0  # seconds a parse may take (100,000 characters of triple patterns take about 2.5 s)
CACHE_SIZE = 1024
UPDATE_FORMS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY")
FORMS = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT", "DescribeQuery": "DESCRIBE"}
REMOTE_CALLS = {"ServiceGraphPattern": "SERVICE", "Load": "LOAD"}


@dataclass(frozen=True)
class QueryInfo:
    form: str | None      # SELECT, ASK, CONSTRUCT or DESCRIBE
    has_dataset: bool     # FROM / FROM NAMED in the query

    @property
    def graph_result(self) -> bool:
        return self.form in ("CONSTRUCT", "DESCRIBE")


class Refused(QueryError):
    """The request asks for something this endpoint never does (a call to another server)."""


# -- the decision, on a parse tree (runs in a checker process) ---------------------------
def _names(tree: object) -> set[str]:
    """The names of every rdflib ``CompValue`` node in a parse tree (walked without recursion)."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    names: set[str] = set()
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            names.add(node.name)
            stack.extend(dict.values(node))
        elif isinstance(node, (list, tuple, ParseResults)):
            stack.extend(node)
    return names


def classify(text: str, update: bool) -> tuple[str, object]:
    """``("ok", info)``, ``("refused", message)`` or ``("syntax", message)`` for one request.

    >>> classify("SELECT * { SERVICE <http://x/> { ?s ?p ?o } }", update=False)[0]
    'refused'
    >>> classify("PREFIX ex: <urn:ex:> ASK FROM <urn:g> { ?s ?p ex:a\\\\# }", update=False)
    ('ok', ('ASK', True))
    """
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    what = "update" if update else "query"
    try:
        tree = parseUpdate(text) if update else parseQuery(text)
    except RecursionError:
        return "syntax", f"the {what} is nested too deeply to be checked"
    except Exception as err:  # noqa: BLE001 - pyparsing's ParseException and the errors of rdflib's actions
        if not update:
            try:
                parseUpdate(text)
            except Exception:  # noqa: BLE001 - it is not an update either: report the query's error
                pass
            else:
                return "update", ("SPARQL updates are not accepted at /sparql: this endpoint is read-only "
                                  "(POST updates to /sparql/update with an API key)")
        return "syntax", f"SPARQL syntax error: {err}"
    found = _names(tree)
    for node, keyword in REMOTE_CALLS.items():
        if node in found:
            if keyword == "SERVICE":
                return "refused", f"SERVICE (federated calls to other servers) is not allowed in a {what}"
            return "refused", "LOAD (fetching data from the web) is not allowed; POST articles to /articles instead"
    if update:
        return "ok", (None, False)
    body = tree[1]
    return "ok", (FORMS.get(body.name), dict.get(body, "datasetClause") is not None)


def checker_main(conn: Connection) -> None:
    """A checker process: parse requests sent over ``conn`` until told to stop."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops us; Ctrl-C goes to it
    sys.setrecursionlimit(200_000)
    threading.stack_size(512 * 1024 * 1024)  # virtual: only the pages a deep parse touches are used

    def serve() -> None:
        while True:
            try:
                request = conn.recv()
            except (EOFError, OSError):
                return
            if request is None:
                return
            text, update = request
            try:
                reply = classify(text, update)
            except Exception as err:  # noqa: BLE001 - reported to the parent, which refuses the request
                reply = ("syntax", f"the request could not be checked: {type(err).__name__}: {err}")
            conn.send(reply)

    worker = threading.Thread(target=serve, name="sparql-check")
    worker.start()
    worker.join()


# -- the pool, in the server ----------------------------------------------------------------
class _Checker:
    def __init__(self) -> None:
        parent, child = socket.socketpair()
        try:
            self.process = subprocess.Popen([sys.executable, "-m", "api.sparql_check", str(child.fileno())],
                                            pass_fds=[child.fileno()], stdin=subprocess.DEVNULL, close_fds=True)
        finally:
            child.close()
        self.conn = Connection(parent.detach())

    def kill(self) -> None:
        try:
            self.process.kill()
            self.process.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            pass
        finally:
            self.conn.close()


class QueryChecker:
    """Checks SPARQL requests in checker processes; thread-safe; answers cached by text."""

    def __init__(self, processes: int = 2, timeout: float = CHECK_TIMEOUT) -> None:
        self.timeout = timeout
        self.idle: queue.Queue[_Checker] = queue.Queue()
        self._all: set[_Checker] = set()
        self._lock = threading.Lock()
        self._cache: OrderedDict[tuple[str, bool], tuple[str, object]] = OrderedDict()
        self._closed = False
        for _ in range(processes):
            self._spawn()

    def _spawn(self) -> None:
        if self._closed:
            return
        checker = _Checker()
        with self._lock:
            self._all.add(checker)
        self.idle.put(checker)

    def _retire(self, checker: _Checker) -> None:
        with self._lock:
            self._all.discard(checker)
        checker.kill()
        self._spawn()

    def _classify(self, text: str, update: bool) -> tuple[str, object]:
        key = (text, update)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        try:
            checker = self.idle.get(timeout=self.timeout)
        except queue.Empty:
            raise QueryError("every SPARQL checker is busy; try again shortly") from None
        try:
            checker.conn.send(key)
            if not checker.conn.poll(self.timeout):
                self._retire(checker)
                return "syntax", f"the request could not be parsed within {self.timeout:g} s; simplify it"
            reply = checker.conn.recv()
        except (EOFError, OSError):
            self._retire(checker)
            return "syntax", "the request could not be checked (the checker stopped); simplify it"
        self.idle.put(checker)
        with self._lock:
            self._cache[key] = reply
            if len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        return reply

    def check_query(self, text: str | None) -> QueryInfo:
        """What a query is; :class:`QueryError` (or :class:`Refused`) for one this endpoint will not run."""
        if text is None or not text.strip():
            raise QueryError("no query: pass it as ?query=, a form field 'query', or an application/sparql-query body")
        _check_size(text, "query")
        kind, payload = self._classify(text, False)
        if kind == "ok":
            form, has_dataset = payload  # type: ignore[misc]
            return QueryInfo(form=form, has_dataset=has_dataset)
        raise (Refused if kind == "refused" else QueryError)(str(payload))

    def check_update(self, text: str | None) -> str:
        """The update's text; :class:`QueryError` (or :class:`Refused`) for one this endpoint will not run."""
        if text is None or not text.strip():
            raise QueryError("no update: pass it as a form field 'update' or an application/sparql-update body")
        _check_size(text, "update")
        kind, payload = self._classify(text, True)
        if kind == "ok":
            return text
        raise (Refused if kind == "refused" else QueryError)(str(payload))

    def close(self) -> None:
        self._closed = True
        with self._lock:
            checkers = list(self._all)
            self._all.clear()
        for checker in checkers:
            try:
                checker.conn.send(None)
            except OSError:
                pass
            checker.kill()


def _check_size(text: str, what: str) -> None:
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"the {what} is {len(text):,} characters long; the limit is {MAX_QUERY_CHARS:,}")


if __name__ == "__main__":
    checker_main(Connection(int(sys.argv[1])))
