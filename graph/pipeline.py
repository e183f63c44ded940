"""The ingest path: files -> articles -> facts -> quads -> store.

Articles are extracted in worker processes when there are many (``workers``,
default the number of cores) and written in batches; each batch is one
transaction holding whole article graphs, so nothing is ever half-written.
An article whose content hash is already held is skipped before extraction,
so an interrupted run can simply be run again. A bad file (or a bad line of a
JSON Lines file) is reported with its reason and does not stop the others.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from dataclasses import dataclass, field
from pathlib import Path

from .articles import article_files, iter_jsonl, kind_of, load_file, raise_marking
from .errors import ArticleError
from .extract import extract, load_lexicon
from .model import Article, Facts
from .store import Store
from .triples import EXTRACTOR_ID, Quad, article_quads

BATCH_ARTICLES = int(os.environ.get("INTELGRAPH_INGEST_BATCH", "200"))  # articles per write transaction
POOL_THRESHOLD = 16  # fewer articles than this are extracted in-process


@dataclass
class IngestResult:
    """What one article's ingest did."""

    article: Article
    facts: Facts
    added: bool  # False when the article was already held


@dataclass
class IngestSummary:
    """Totals of one ingest run, for the CLI's summary line and the API."""

    new: int = 0
    skipped: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (where, reason)
    claims: int = 0
    statements: int = 0
    officials: int = 0
    memberships: int = 0
    seconds: float = 0.0

    def count(self, facts: Facts) -> None:
        self.claims += len(facts.claims)
        self.statements += len(facts.statements)
        self.officials += len(facts.officials)
        self.memberships += len(facts.memberships)

    @property
    def rate(self) -> float:
        """Articles handled (new or skipped) per second."""
        return (self.new + self.skipped) / self.seconds if self.seconds else 0.0


def ingest_article(store: Store, article: Article, *, lexicon=None, replace: bool = False) -> IngestResult:
    """Extract one article and write its graph in one transaction; a no-op when already held.

    >>> from graph.store import open_store
    >>> from graph.articles import article_from_text
    >>> store = open_store("memory:")
    >>> art = article_from_text("Israel is considering withholding intelligence from Washington.", title="T")
    >>> ingest_article(store, art).added, ingest_article(store, art).added
    (True, False)
    """
    if not replace and store.has_graph(article.iri):
        return IngestResult(article, Facts(), added=False)
    facts = extract(article, lexicon=lexicon or load_lexicon())
    added = store.add_graph(article.iri, article_quads(article, facts, extractor=EXTRACTOR_ID), replace=replace)
    return IngestResult(article, facts, added)


# -- bulk ingest ---------------------------------------------------------------
# A task is one file, or one slice of a JSON Lines file: (path, first line number, lines or None).
Task = tuple[str, int, list[str] | None]
# What a worker sends back per article: ("ok", article, facts, quads) | ("held", id) | ("error", where, reason)
Outcome = tuple


def _tasks(files: list[Path], chunk: int = 25) -> Iterator[Task]:
    for path in files:
        if kind_of(path) == "jsonl":
            try:
                lines = path.read_text(encoding="utf-8").split("\n")
            except (OSError, UnicodeDecodeError) as err:
                yield str(path), 0, [f"\x00{err}"]
                continue
            for start in range(0, len(lines), chunk):
                yield str(path), start + 1, lines[start:start + chunk]
        else:
            yield str(path), 0, None


_worker_state: dict = {}


def _exit_with_parent(parent: int) -> None:
    """Worker processes end when the ingest that started them is killed, instead of lingering."""
    import threading

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="parent-watch").start()


def _init_worker(dictionaries: tuple[str, ...], held: frozenset[str], marking: str | None, replace: bool,
                 parent: int | None = None) -> None:
    if parent is not None:
        _exit_with_parent(parent)
    _worker_state.update(lexicon=load_lexicon([Path(d) for d in dictionaries]), held=held,
                         marking=marking, replace=replace)


def _run_task(task: Task) -> list[Outcome]:
    """Load, skip-if-held and extract one task (runs in a worker process or in-process)."""
    path, first_line, lines = task
    state = _worker_state
    articles: list[Article | ArticleError] = []
    if lines is None:
        try:
            articles = list(load_file(Path(path), marking=state["marking"]))
        except ArticleError as err:
            return [("error", path, str(err))]
    else:
        if lines and lines[0].startswith("\x00"):
            return [("error", path, lines[0][1:])]
        articles = list(iter_jsonl("\n".join(lines), path, first_line=first_line))
    out: list[Outcome] = []
    for item in articles:
        if isinstance(item, ArticleError):
            out.append(("error", path, str(item)))
            continue
        if lines is not None:
            item = raise_marking(item, state["marking"])
        if not state["replace"] and item.iri in state["held"]:
            out.append(("held", item.iri))
            continue
        facts = extract(item, lexicon=state["lexicon"])
        out.append(("ok", item, facts, article_quads(item, facts, extractor=EXTRACTOR_ID)))
    return out


def store_dictionary(store: Store) -> list[Path]:
    """The store's dictionary graph as a file the extractor reads (none when empty).

    Kept under the user's cache directory, named by its content hash, so the
    extractor's per-file lexicon cache is reused until the dictionary changes.
    """
    import hashlib
    import tempfile

    data = store.dictionary_turtle()
    if not data:
        return []
    folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "intelgraph"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        folder = Path(tempfile.gettempdir())
    path = folder / f"dictionary-{hashlib.sha256(data).hexdigest()[:16]}.nt"
    if not path.exists():
        path.write_bytes(data)
    return [path]


def ingest_paths(store: Store, paths: Iterable[str | Path], *, marking: str | None = None,
                 dictionaries: Iterable[Path] = (), replace: bool = False, workers: int | None = None,
                 on_progress: Callable[[int, int, int], None] | None = None,
                 on_file: Callable[[Path, int], None] | None = None) -> IngestSummary:
    """Ingest every article under ``paths``; the summary counts new, skipped and failed articles.

    ``on_progress(done_tasks, total_tasks, articles_so_far)`` reports progress.
    """
    started = time.perf_counter()
    summary = IngestSummary()
    dictionaries = [*dictionaries, *store_dictionary(store)]
    files = article_files(paths)
    tasks = list(_tasks(files))
    held = frozenset(store.article_graphs()) if not replace else frozenset()
    init_args = (tuple(str(d) for d in dictionaries), held, marking, replace)
    workers = max(1, workers or os.cpu_count() or 1)
    batch: list[tuple[str, list[Quad]]] = []
    seen: set[str] = set()

    def flush_batch() -> None:
        if batch:
            store.add_graphs(batch, replace=replace)
            batch.clear()

    def take(outcomes: list[Outcome]) -> None:
        for outcome in outcomes:
            if outcome[0] == "error":
                summary.failed.append((outcome[1], outcome[2]))
            elif outcome[0] == "held":
                summary.skipped += 1
            else:
                _, article, facts, quads = outcome
                if article.iri in seen:  # the same text twice in this run
                    summary.skipped += 1
                    continue
                seen.add(article.iri)
                batch.append((article.iri, quads))
                summary.new += 1
                summary.count(facts)
                if len(batch) >= BATCH_ARTICLES:
                    flush_batch()

    articles_expected = sum(len(lines) if lines is not None else 1 for _, _, lines in tasks)
    if workers == 1 or len(tasks) == 1 or articles_expected < POOL_THRESHOLD:
        _init_worker(*init_args)
        for done, task in enumerate(tasks, start=1):
            take(_run_task(task))
            _report(on_progress, on_file, done, len(tasks), summary, task)
    else:
        # Workers are spawned, not forked: a fork would copy the open RocksDB store (and the locks
        # its background threads hold) into every worker.
        with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, mp_context=get_context("spawn"),
                                 initargs=(*init_args, os.getpid())) as pool:
            for done, (task, outcomes) in enumerate(zip(tasks, pool.map(_run_task, tasks, chunksize=4)), start=1):
                take(outcomes)
                _report(on_progress, on_file, done, len(tasks), summary, task)
    flush_batch()
    store.flush()
    summary.seconds = time.perf_counter() - started
    return summary


def _report(on_progress, on_file, done: int, total: int, summary: IngestSummary, task: Task) -> None:
    if on_progress:
        on_progress(done, total, summary.new + summary.skipped)
    if on_file:
        on_file(Path(task[0]), total)
