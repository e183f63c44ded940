"""The intelgraph command, run as a user would."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import networkx as nx
import pytest
from typer.testing import CliRunner

from graph.cli import app

from support import SEEDS

runner = CliRunner()
SEED = SEEDS / "01-jpost-israel-debates-sharing-intel.txt"


@pytest.fixture(scope="module")
def cli_store(tmp_path_factory):
    url = f"oxigraph:{tmp_path_factory.mktemp('cli') / 'store'}"
    result = runner.invoke(app, ["ingest", str(SEEDS), "--store", url])
    assert result.exit_code == 0, result.output
    assert "articles: 4 new" in result.output
    return url


def test_reingest_adds_nothing(cli_store):
    result = runner.invoke(app, ["ingest", str(SEEDS), "--store", cli_store])
    assert result.exit_code == 0 and "0 new, 4 already held" in result.output


def test_query_lists_israel_and_saudi_arabia(cli_store):
    q = ("PREFIX ig: <https://w3id.org/intelgraph/ns#> SELECT ?who WHERE "
         "{ ?who ig:considersRestrictingIntelligenceTo ?x } ORDER BY ?who")
    result = runner.invoke(app, ["query", q, "--store", cli_store, "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    who = {r[0].rsplit("/", 1)[-1] for r in rows[1:]}
    assert {"ISR", "SAU"} <= who


def test_stats_and_centrality(cli_store):
    stats = json.loads(runner.invoke(app, ["stats", "--store", cli_store, "--json"]).stdout)
    assert stats["articles"] == 4 and stats["claims"] > 0
    result = runner.invoke(app, ["centrality", "--store", cli_store, "--metric", "pagerank", "--json"])
    assert result.exit_code == 0
    ranked = json.loads(result.stdout)
    assert ranked[0]["country"] == "USA"
    bad = runner.invoke(app, ["centrality", "--store", cli_store, "--metric", "pagrank"])
    assert bad.exit_code == 2 and "choose one of" in bad.output


def test_export_graphml(cli_store, tmp_path):
    out = tmp_path / "net.graphml"
    result = runner.invoke(app, ["export", "graphml", "-o", str(out), "--store", cli_store])
    assert result.exit_code == 0
    assert nx.read_graphml(out).has_edge("ISR", "USA")


def test_extract_json_prints_only_json():
    result = subprocess.run([sys.executable, "-m", "graph.cli", "extract", "--json", str(SEED)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    facts = json.loads(result.stdout)["facts"]
    assert {"subject": "ISR", "predicate": "considers_restricting", "object": "USA"}.items() <= \
        {k: v for k, v in facts["relations"][0].items()}.items() or any(
        (r["subject"], r["predicate"], r["object"]) == ("ISR", "considers_restricting", "USA")
        for r in facts["relations"])


def test_extract_explain_shows_rules():
    result = runner.invoke(app, ["extract", "--explain", str(SEED)], env={"COLUMNS": "400"})
    assert result.exit_code == 0 and "considers_restricting" in result.output


def test_bad_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    result = runner.invoke(app, ["extract", "--json", str(bad)])
    assert result.exit_code == 2 and "empty" in result.output


def test_validate_seed_store(cli_store):
    result = runner.invoke(app, ["validate", "--store", cli_store])
    assert result.exit_code == 0, result.output


def test_reading_commands_work_while_a_server_holds_the_store(tmp_path):
    """`make run` leaves the server running; `intelgraph query` beside it reads a read-only instance."""
    import os
    import time

    import httpx

    from support import free_port

    url = f"oxigraph:{tmp_path / 'store'}"
    assert runner.invoke(app, ["ingest", str(SEEDS), "--store", url]).exit_code == 0
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "INTELGRAPH_KEYS_FILE"}
    server = subprocess.Popen([sys.executable, "-m", "graph.cli", "serve", "--store", url, "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        for _ in range(200):
            try:
                if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        q = ("PREFIX ig: <https://w3id.org/intelgraph/ns#> SELECT ?who WHERE "
             "{ ?who ig:considersRestrictingIntelligenceTo ?x } ORDER BY ?who")
        result = subprocess.run([sys.executable, "-m", "graph.cli", "query", q, "--store", url, "--format", "csv"],
                                capture_output=True, text=True, timeout=120, env=env)
        assert result.returncode == 0, result.stderr
        assert "read-only" in result.stderr
        assert {"ISR", "SAU"} <= {line.rsplit("/", 1)[-1] for line in result.stdout.split()}
        blocked = subprocess.run([sys.executable, "-m", "graph.cli", "ingest", str(SEEDS), "--store", url],
                                 capture_output=True, text=True, timeout=120, env=env)
        assert blocked.returncode == 2 and "in use" in blocked.stderr
    finally:
        server.terminate()
        server.wait(timeout=30)
