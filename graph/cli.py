"""The ``intelgraph`` command: a thin layer over the graph package.

Every command takes ``--store URL`` (default ``$INTELGRAPH_STORE`` or
``oxigraph:./data/store``). Exit codes: 0 done, 1 some input failed,
2 bad usage or an error intelgraph explains.
"""

from __future__ import annotations

import csv
import json
import os
import sys
import time
from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from .errors import FlushTimeout, IntelgraphError

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="intelgraph: who shares intelligence with whom, from the news.")


class _Console:
    """A rich Console made when used, so it sees the terminal (and COLUMNS) of each run."""

    def __init__(self, **options) -> None:
        self.options = options

    def get(self) -> Console:
        return Console(**self.options)

    def __getattr__(self, name: str):
        return getattr(self.get(), name)


out = _Console()
err = _Console(stderr=True)

StoreOpt = Annotated[Optional[str], typer.Option("--store", help="Store URL: oxigraph:PATH or memory: (default $INTELGRAPH_STORE or oxigraph:./data/store).")]
ClearanceOpt = Annotated[Optional[str], typer.Option("--clearance", help="Read as someone cleared for this marking would (TLP:CLEAR ... TLP:RED); default: everything.")]


def _fail(error: Exception) -> None:
    err.print(f"[bold red]error:[/] {error}", highlight=False)
    if isinstance(error, FlushTimeout):  # a normal exit would wait on RocksDB's handle, which is what hangs
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(2)
    raise typer.Exit(2)


def _open(url: str | None, *, read_only: bool = False, clearance: str | None = None, reading: bool = False):
    """The store, or (with ``clearance``) the store as a reader cleared for it sees it.

    A command that only reads (``reading``) still works while ``intelgraph
    serve`` holds the store: it opens a read-only instance instead, which is
    safe while that server does not write (as when it has no API keys).
    """
    from .errors import StoreError
    from .store import open_store

    try:
        try:
            db = open_store(url, read_only=read_only)
        except StoreError as error:
            if not reading or "in use" not in str(error):
                raise
            err.print("note: the store is in use by another intelgraph process (a server?); reading it "
                      "read-only", highlight=False)
            db = open_store(url, read_only=True)
        return db.cleared(clearance) if clearance else db
    except IntelgraphError as error:
        _fail(error)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Article files or directories (.txt, .json, .jsonl, .html).")],
    store: StoreOpt = None,
    marking: Annotated[Optional[str], typer.Option(help="TLP marking for these articles (default TLP:CLEAR).")] = None,
    dictionary: Annotated[Optional[list[Path]], typer.Option(help="Extra dictionary file(s) for the extractor.")] = None,
    replace: Annotated[bool, typer.Option("--replace", help="Re-extract articles already held.")] = False,
    workers: Annotated[Optional[int], typer.Option(help="Extraction processes (default: the number of cores).")] = None,
) -> None:
    """Extract facts from articles and add them to the store; articles already held are skipped."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from .pipeline import ingest_paths

    db = _open(store)
    try:
        columns = (TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
                   TimeElapsedColumn())
        with Progress(*columns, console=err.get(), transient=True) as progress:
            task = progress.add_task("ingest", total=None, rate="")
            started = time.perf_counter()

            def tick(done: int, total: int, articles: int) -> None:
                rate = articles / max(time.perf_counter() - started, 1e-9)
                progress.update(task, total=total, completed=done, rate=f"{articles} articles, {rate:.0f}/s")

            summary = ingest_paths(db, paths, marking=marking, dictionaries=dictionary or [],
                                   replace=replace, workers=workers, on_progress=tick)
    except IntelgraphError as error:
        _fail(error)
    for where, reason in summary.failed:
        err.print(f"[yellow]failed[/] {reason}", highlight=False)
    out.print(f"articles: {summary.new} new, {summary.skipped} already held, {len(summary.failed)} failed; "
              f"claims: {summary.claims}, statements: {summary.statements}, officials: {summary.officials}, "
              f"memberships: {summary.memberships}; {summary.seconds:.2f} s ({summary.rate:.1f} articles/s)",
              highlight=False)
    try:
        db.close()
    except IntelgraphError as error:
        _fail(error)
    if summary.failed:
        raise typer.Exit(1)


@app.command()
def extract(
    file: Annotated[Path, typer.Argument(help="One article file (.txt, .json or .html).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the facts JSON (the evaluation format) and nothing else.")] = False,
    explain: Annotated[bool, typer.Option("--explain", help="Show each fact beside its sentence, rule and confidence.")] = False,
    dictionary: Annotated[Optional[list[Path]], typer.Option(help="Extra dictionary file(s) for the extractor.")] = None,
) -> None:
    """Dry run: what one article says, without touching the store."""
    from .articles import load_article
    from .extract import explain_rows, extract as run_extract, load_lexicon
    from .model import facts_to_json

    try:
        article = load_article(file)
        facts = run_extract(article, lexicon=load_lexicon(dictionary or []))
    except IntelgraphError as error:
        _fail(error)
    if as_json and not explain:
        sys.stdout.write(json.dumps(facts_to_json(article, facts), ensure_ascii=False, indent=1) + "\n")
        return
    if as_json:
        sys.stdout.write(json.dumps(facts_to_json(article, facts, explain=True), ensure_ascii=False, indent=1) + "\n")
        return
    table = Table(title=f"{article.title} ({article.id})", show_lines=explain)
    for column in ("kind", "fact", "rule", "conf") + (("sentence",) if explain else ()):
        table.add_column(column, overflow="fold")
    for row in explain_rows(article, facts):
        cells = [row["kind"], row["summary"], row["rule"], f"{row['confidence']:.2f}"]
        if explain:
            cells.append(row["sentence"])
        table.add_row(*cells)
    out.print(table)


@app.command()
def query(
    sparql: Annotated[str, typer.Argument(help="A SPARQL query, or @FILE to read it from a file.")],
    store: StoreOpt = None,
    fmt: Annotated[str, typer.Option("--format", help="table, csv or json.")] = "table",
    clearance: ClearanceOpt = None,
) -> None:
    """Run a SPARQL query over the union of all graphs (those a --clearance may see)."""
    from .store import to_python

    if fmt not in ("table", "csv", "json"):
        _fail(IntelgraphError(f"unknown format {fmt!r}; choose one of: csv, json, table"))
    text = Path(sparql[1:]).read_text(encoding="utf-8") if sparql.startswith("@") else sparql
    db = _open(store, clearance=clearance, reading=True)
    try:
        results = db.query(text)
    except IntelgraphError as error:
        _fail(error)
    if isinstance(results, bool) or type(results).__name__ == "QueryBoolean":
        out.print(str(bool(results)).lower())
        return
    if not hasattr(results, "variables"):  # CONSTRUCT / DESCRIBE
        for triple in results:
            sys.stdout.write(f"{triple.subject} {triple.predicate} {triple.object} .\n")
        return
    names = [v.value for v in results.variables]
    rows = [[to_python(row[n]) for n in names] for row in results]
    if fmt == "json":
        sys.stdout.write(json.dumps([dict(zip(names, r)) for r in rows], default=str, ensure_ascii=False, indent=1) + "\n")
    elif fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(names)
        writer.writerows(["" if v is None else v for v in r] for r in rows)
    else:
        table = Table(*names)
        for r in rows:
            table.add_row(*("" if v is None else str(v) for v in r))
        out.print(table)
        err.print(f"{len(rows)} row(s)")


@app.command()
def stats(store: StoreOpt = None, as_json: Annotated[bool, typer.Option("--json")] = False,
          clearance: ClearanceOpt = None) -> None:
    """Counts of articles, claims, statements, officials and memberships."""
    db = _open(store, clearance=clearance, reading=True)
    row = db.select("stats")[0]
    row["triples"] = len(db)
    if as_json:
        sys.stdout.write(json.dumps(row) + "\n")
    else:
        for key, value in row.items():
            out.print(f"{key:>12}: {value}")


def _parse_day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        _fail(IntelgraphError(f"unparseable date {value!r}; write it as YYYY-MM-DD"))


# -- network analytics (graph.analytics, graph.export) ------------------------
AsOfOpt = Annotated[Optional[str], typer.Option("--as-of", help="The network as it stood on this day (YYYY-MM-DD).")]
SinceOpt = Annotated[Optional[str], typer.Option("--since", help="Only claims dated on or after this day.")]
UntilOpt = Annotated[Optional[str], typer.Option("--until", help="Only claims dated on or before this day.")]
StatusOpt = Annotated[Optional[list[str]], typer.Option("--status", help="Only claims of this status (repeatable): shares_with, considers_restricting, restricts, suspends, resumes.")]
ConfidenceOpt = Annotated[float, typer.Option("--min-confidence", help="Only claims at or above this confidence.")]


def _projection(as_of: str | None, since: str | None, until: str | None, status: list[str] | None,
                min_confidence: float) -> dict:
    return {"as_of": _parse_day(as_of), "since": _parse_day(since), "until": _parse_day(until),
            "statuses": status or None, "min_confidence": min_confidence}


@app.command()
def centrality(
    store: StoreOpt = None,
    metric: Annotated[str, typer.Option(help="A measure (degree, in_degree, out_degree, weighted_degree, betweenness, closeness, pagerank, eigenvector, katz, hubs, authorities) or 'all'.")] = "pagerank",
    top: Annotated[int, typer.Option(help="How many countries to list (0: all).")] = 20,
    as_of: AsOfOpt = None, since: SinceOpt = None, until: UntilOpt = None, status: StatusOpt = None,
    min_confidence: ConfidenceOpt = 0.0,
    change_from: Annotated[Optional[str], typer.Option("--change-from", help="Show how the measure changed from the network as of this day to the one as of --as-of (or today).")] = None,
    backend: Annotated[str, typer.Option(help="networkx (default), igraph or auto.")] = "networkx",
    k: Annotated[Optional[int], typer.Option("--k", help="Sample this many sources for betweenness and closeness (large networks).")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    clearance: ClearanceOpt = None,
) -> None:
    """Rank countries by centrality measures of the sharing network."""
    from .analytics import MEASURES, country_measures, measure_changes

    db = _open(store, clearance=clearance, reading=True)
    options = _projection(as_of, since, until, status, min_confidence)
    try:
        if change_from:
            if metric == "all":
                raise IntelgraphError("--change-from takes one --metric, not 'all'")
            end = options.pop("as_of") or date.today()
            rows = measure_changes(db, metric, _parse_day(change_from), end, backend=backend, **options)
            rows = rows[:top] if top else rows
            if as_json:
                sys.stdout.write(json.dumps({"metric": metric, "from": change_from, "to": end.isoformat(),
                                             "changes": rows}) + "\n")
                return
            table = Table("country", f"{metric} {change_from}", f"{metric} {end.isoformat()}", "change",
                          title=f"{metric}: change from {change_from} to {end.isoformat()}")
            for row in rows:
                table.add_row(row["node"], f"{row['before']:.4f}", f"{row['after']:.4f}", f"{row['change']:+.4f}")
            out.print(table)
            return
        names = list(MEASURES) if metric == "all" else [metric]
        scores = country_measures(db, names, backend=backend, k=k, **options)
    except IntelgraphError as error:
        _fail(error)
    lead = names[0] if len(names) == 1 else "pagerank"
    ranked = sorted(scores[lead].items(), key=lambda kv: (-kv[1], kv[0]))
    ranked = ranked[:top] if top else ranked
    if as_json:
        sys.stdout.write(json.dumps([{"country": c, **{n: scores[n].get(c) for n in names}} for c, _ in ranked]) + "\n")
        return
    table = Table("rank", "country", *names, title=f"countries by {lead}")
    for i, (code, _) in enumerate(ranked, start=1):
        table.add_row(str(i), code, *(f"{scores[n].get(code, 0.0):.4g}" for n in names))
    out.print(table)


@app.command()
def communities(
    store: StoreOpt = None,
    seed: Annotated[int, typer.Option(help="Louvain's random seed (same seed, same communities).")] = 42,
    resolution: Annotated[float, typer.Option(help="Louvain resolution: above 1 favours smaller communities.")] = 1.0,
    as_of: AsOfOpt = None, since: SinceOpt = None, until: UntilOpt = None, status: StatusOpt = None,
    min_confidence: ConfidenceOpt = 0.0,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Louvain communities of the sharing network, with their modularity."""
    from .analytics import country_communities

    db = _open(store, reading=True)
    try:
        found = country_communities(db, seed=seed, resolution=resolution,
                                    **_projection(as_of, since, until, status, min_confidence))
    except IntelgraphError as error:
        _fail(error)
    if as_json:
        sys.stdout.write(json.dumps(found.as_dict()) + "\n")
        return
    table = Table("community", "size", "countries", title=f"modularity {found.modularity:.4f} (seed {seed})")
    for i, members in enumerate(found.communities):
        table.add_row(str(i), str(len(members)), ", ".join(members))
    out.print(table)


@app.command()
def path(
    source: Annotated[str, typer.Argument(help="From this country (ISO2, ISO3 or name).")],
    target: Annotated[str, typer.Argument(help="To this country.")],
    store: StoreOpt = None,
    unweighted: Annotated[bool, typer.Option("--unweighted", help="Count hops instead of distance (1/claims).")] = False,
    undirected: Annotated[bool, typer.Option("--undirected", help="Follow ties in either direction.")] = False,
    limit: Annotated[int, typer.Option(help="At most this many shortest paths.")] = 20,
    as_of: AsOfOpt = None, since: SinceOpt = None, until: UntilOpt = None, status: StatusOpt = None,
    min_confidence: ConfidenceOpt = 0.0,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Shortest paths between two countries and the brokers on them."""
    from .analytics import country_paths

    db = _open(store, reading=True)
    try:
        found = country_paths(db, source, target, weighted=not unweighted, directed=not undirected, limit=limit,
                              **_projection(as_of, since, until, status, min_confidence))
    except IntelgraphError as error:
        _fail(error)
    if as_json:
        sys.stdout.write(json.dumps(found.as_dict()) + "\n")
        return
    if not found.paths:
        out.print(f"no {'undirected ' if undirected else ''}path from {found.source} to {found.target}")
        raise typer.Exit(1)
    out.print(f"{len(found.paths)} shortest path(s), length {found.length:.4g}, {found.hops} hop(s)"
              + (" (truncated)" if found.truncated else ""))
    for p in found.paths:
        out.print("  " + " -> ".join(p))
    if found.brokers:
        table = Table("broker", "share of shortest paths")
        for code, share in found.brokers:
            table.add_row(code, f"{share:.2f}")
        out.print(table)


@app.command()
def export(
    fmt: Annotated[str, typer.Argument(help="graphml, gexf, json, cytoscape, sigma, csv-nodes, csv-edges (a network) or turtle, trig, nquads, jsonld (the RDF).")],
    output: Annotated[Path, typer.Option("-o", "--output", help="File to write ('-' for stdout).")],
    store: StoreOpt = None,
    network: Annotated[str, typer.Option(help="country (the sharing network) or entities (countries, agencies, alliances, officials, articles).")] = "country",
    article: Annotated[Optional[str], typer.Option(help="RDF formats: only this article's graph (IRI or 16-hex id).")] = None,
    as_of: AsOfOpt = None, since: SinceOpt = None, until: UntilOpt = None, status: StatusOpt = None,
    min_confidence: ConfidenceOpt = 0.0,
    clearance: ClearanceOpt = None,
    max_marking: Annotated[Optional[str], typer.Option("--max-marking", help="Draw only on articles marked at or below this, to share the file at that marking.")] = None,
) -> None:
    """Write a network for Gephi and other tools, or the RDF of the store or of one article.

    The file carries the highest marking of the articles it draws on (printed on stderr too)."""
    from .export import export_marked

    db = _open(store, clearance=clearance, reading=True)
    try:
        data, marking = export_marked(db, fmt, network=network, article=article, max_marking=max_marking,
                                      **_projection(as_of, since, until, status, min_confidence))
    except IntelgraphError as error:
        _fail(error)
    if str(output) == "-":
        sys.stdout.buffer.write(data)
        err.print(f"marking: {marking}")
        return
    output.write_bytes(data)
    err.print(f"wrote {output} ({len(data):,} bytes), marking {marking}")


@app.command()
def validate(store: StoreOpt = None) -> None:
    """Check every article graph against ontology/shapes.ttl (SHACL, needs pyshacl)."""
    from .validate import validate_store

    db = _open(store, reading=True)
    failures = validate_store(db)
    for graph_iri, report in failures:
        err.print(f"[red]{graph_iri}[/]\n{report}", highlight=False)
    out.print(f"{len(db.article_graphs())} article graph(s), {len(failures)} invalid")
    if failures:
        raise typer.Exit(1)


@app.command()
def serve(
    store: StoreOpt = None,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Serve the SPARQL endpoint, the REST API and the explorer."""
    import os

    import uvicorn

    if store:
        os.environ["INTELGRAPH_STORE"] = store
    err.print(f"intelgraph on http://{host}:{port}/ (store {store or os.environ.get('INTELGRAPH_STORE', 'default')})")
    uvicorn.run("api.app:create_app", factory=True, host=host, port=port, log_level="info")


# -- API keys (intelgraph keys add/list/revoke) ---------------------------------
keys_app = typer.Typer(no_args_is_help=True, help="API keys for the write endpoints (POST /articles, /sparql/update).")
KeysFileOpt = Annotated[Optional[Path], typer.Option("--file", help="The key file (default $INTELGRAPH_KEYS_FILE).")]


def _keyring(file: Path | None):
    from .keys import KEYS_ENV, KeyRing, keys_file_from_env

    path = file or keys_file_from_env()
    if path is None:
        _fail(IntelgraphError(f"no key file: set {KEYS_ENV} or pass --file"))
    return KeyRing(path)


@keys_app.command("add")
def keys_add(name: Annotated[str, typer.Argument(help="A name for the key (who or what uses it).")],
             file: KeysFileOpt = None,
             clearance: Annotated[str, typer.Option(help="The highest marking the key may read: TLP:CLEAR, TLP:GREEN, TLP:AMBER, TLP:AMBER+STRICT or TLP:RED.")] = "TLP:CLEAR") -> None:
    """Make a key; it is printed once, as the last line, and only its hash is kept."""
    ring = _keyring(file)
    try:
        key = ring.add(name, clearance=clearance)
    except IntelgraphError as error:
        _fail(error)
    cleared = next(e["clearance"] for e in ring.list() if e["name"] == name)
    out.print(f"made key {name!r} (cleared for {cleared}) in {ring.path}; it is shown only now, keep it somewhere "
              "safe:", highlight=False)
    sys.stdout.write(key + "\n")


@keys_app.command("list")
def keys_list(file: KeysFileOpt = None, as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """The keys' names, clearances and creation times (never the keys)."""
    try:
        entries = _keyring(file).list()
    except IntelgraphError as error:
        _fail(error)
    if as_json:
        sys.stdout.write(json.dumps(entries) + "\n")
        return
    for entry in entries:
        out.print(f"{entry['name']}\t{entry['clearance']}\t{entry['created']}", highlight=False)
    err.print(f"{len(entries)} key(s)")


@keys_app.command("revoke")
def keys_revoke(name: Annotated[str, typer.Argument(help="The key's name.")], file: KeysFileOpt = None) -> None:
    """Remove a key; requests with it are refused from then on."""
    try:
        _keyring(file).revoke(name)
    except IntelgraphError as error:
        _fail(error)
    err.print(f"revoked key {name!r}")


app.add_typer(keys_app, name="keys")

dictionary_app = typer.Typer(no_args_is_help=True,
                             help="Names the extractor should know, kept in the store (aliases, agencies, alliances).")


@dictionary_app.command("add")
def dictionary_add(file: Annotated[Path, typer.Argument(help="A Turtle file in the shape of ontology/reference.")],
                   store: StoreOpt = None) -> None:
    """Add a Turtle dictionary to the store; every later ingest into this store reads it."""
    db = _open(store)
    try:
        db.add_dictionary(file)
    except IntelgraphError as error:
        _fail(error)
    out.print(f"added {file} to the dictionary of {db.url}", highlight=False)
    db.close()


@dictionary_app.command("show")
def dictionary_show(store: StoreOpt = None) -> None:
    """Print the store's dictionary as N-Triples."""
    db = _open(store)
    sys.stdout.write(db.dictionary_turtle().decode("utf-8"))
    db.close()


@dictionary_app.command("clear")
def dictionary_clear(store: StoreOpt = None) -> None:
    """Remove the store's dictionary (articles already ingested keep their facts)."""
    db = _open(store)
    db.clear_dictionary()
    db.close()


app.add_typer(dictionary_app, name="dictionary")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
