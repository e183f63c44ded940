"""Bulk ingest: worker processes, batches, skip by content hash, failures reported not fatal."""

from __future__ import annotations

import importlib.util
import json

import pytest

from graph import open_store
from graph.pipeline import ingest_paths

from support import ROOT


def corpus_module():
    spec = importlib.util.spec_from_file_location("corpus", ROOT / "bench" / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def feed(tmp_path_factory):
    path = tmp_path_factory.mktemp("feed") / "feed.jsonl"
    return corpus_module().write_jsonl(40, path, seed=3)


@pytest.mark.parametrize("workers", [1, 2])
def test_bulk_ingest_then_rerun_adds_nothing(feed, tmp_path, workers):
    store = open_store(f"oxigraph:{tmp_path / 'store'}")
    first = ingest_paths(store, [feed], workers=workers)
    assert (first.new, first.skipped, first.failed) == (40, 0, [])
    assert len(store.article_graphs()) == 40 and first.claims > 0
    size = len(store)
    again = ingest_paths(store, [feed], workers=workers)
    assert (again.new, again.skipped) == (0, 40) and len(store) == size
    store.close()


def test_workers_and_single_process_write_the_same_graphs(feed, tmp_path):
    one, two = open_store("memory:"), open_store("memory:")
    ingest_paths(one, [feed], workers=1)
    ingest_paths(two, [feed], workers=2)
    assert one.article_graphs() == two.article_graphs() and len(one) == len(two)


def test_bad_lines_and_files_are_reported_and_the_rest_ingested(tmp_path):
    feed = tmp_path / "feed.jsonl"
    good = {"title": "T", "text": "Israel is considering withholding intelligence from Washington."}
    feed.write_text("\n".join([json.dumps(good), "{broken", json.dumps({"title": "no text"}),
                               json.dumps({**good, "text": "Canada shares intelligence with Britain."})]),
                    encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    store = open_store("memory:")
    summary = ingest_paths(store, [tmp_path])
    assert summary.new == 2
    reasons = " | ".join(reason for _, reason in summary.failed)
    assert "feed.jsonl:2: malformed JSON" in reasons and "feed.jsonl:3" in reasons and "empty" in reasons
    assert len(summary.failed) == 3


def test_same_text_twice_in_one_run_is_one_article(tmp_path):
    record = json.dumps({"title": "T", "text": "Israel is considering withholding intelligence from Washington."})
    (tmp_path / "a.jsonl").write_text(record + "\n" + record, encoding="utf-8")
    summary = ingest_paths(open_store("memory:"), [tmp_path])
    assert (summary.new, summary.skipped) == (1, 1)


def test_marking_applies_to_every_article(tmp_path, feed):
    store = open_store("memory:")
    ingest_paths(store, [feed], marking="TLP:AMBER", workers=1)
    rows = list(store.query("SELECT DISTINCT ?m WHERE { ?a <https://w3id.org/intelgraph/ns#marking> ?m }"))
    assert [r["m"].value for r in rows] == ["TLP:AMBER"]


def test_sigkill_mid_ingest_then_rerun_equals_a_clean_run(tmp_path):
    """Kill `intelgraph ingest` at a random point: the re-run ends with exactly a clean run's articles."""
    import random
    import signal
    import subprocess
    import sys
    import time

    feed = corpus_module().write_jsonl(200, tmp_path / "feed.jsonl", seed=11)
    cli = [sys.executable, "-m", "graph.cli", "ingest", str(feed), "--workers", "2", "--store"]
    clean, killed = f"oxigraph:{tmp_path / 'clean'}", f"oxigraph:{tmp_path / 'killed'}"
    subprocess.run(cli + [clean], check=True, capture_output=True, timeout=300)

    import os
    env = {**os.environ, "INTELGRAPH_INGEST_BATCH": "10"}  # several batches land before the kill
    process = subprocess.Popen(cli + [killed], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    deadline = time.monotonic() + 30
    while len(_children(process.pid)) < 2 and time.monotonic() < deadline:  # the worker pool is up
        time.sleep(0.05)
    time.sleep(random.Random(20261206).uniform(0.1, 1.5))  # then a (seeded) point of the ingest
    workers = _children(process.pid)
    assert workers, "the ingest finished before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    deadline = time.monotonic() + 10  # its worker processes end by themselves
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(_alive(pid) for pid in workers), "worker processes outlived the killed ingest"
    partial = open_store(killed)
    written = len(partial.article_graphs())
    partial.close()
    assert written < 200, "the ingest had finished before the kill"
    subprocess.run(cli + [killed], check=True, capture_output=True, timeout=300)

    a, b = open_store(clean), open_store(killed)
    try:
        assert a.article_graphs() == b.article_graphs() and len(a.article_graphs()) == 200
        assert a.select("stats") == b.select("stats")
        assert a.dump(__import__("pyoxigraph").RdfFormat.N_QUADS).count(b"\n") == \
            b.dump(__import__("pyoxigraph").RdfFormat.N_QUADS).count(b"\n")
    finally:
        a.close()
        b.close()


def _children(pid: int) -> list[int]:
    from pathlib import Path

    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    from pathlib import Path

    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_a_dictionary_kept_in_the_store_is_read_by_every_ingest(tmp_path):
    from typer.testing import CliRunner

    from graph.cli import app

    ttl = tmp_path / "team.ttl"
    ttl.write_text(
        "@prefix ig: <https://w3id.org/intelgraph/ns#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "@prefix country: <https://w3id.org/intelgraph/id/country/> .\n"
        "<https://w3id.org/intelgraph/id/agency/zedland-bureau> a ig:Agency ;\n"
        '    skos:prefLabel "Zedland Bureau"@en ; skos:altLabel "ZB"@en ; ig:country country:NOR .\n',
        encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("ZB news\n\nThe ZB has suspended intelligence sharing with Sweden.", encoding="utf-8")
    url = f"oxigraph:{tmp_path / 'store'}"
    runner = CliRunner()
    assert runner.invoke(app, ["dictionary", "add", str(ttl), "--store", url]).exit_code == 0
    assert runner.invoke(app, ["ingest", str(article), "--store", url]).exit_code == 0
    store = open_store(url)
    try:
        assert store.query("ASK { <https://w3id.org/intelgraph/id/country/NOR> "
                           "<https://w3id.org/intelgraph/ns#suspendsIntelligenceTo> "
                           "<https://w3id.org/intelgraph/id/country/SWE> }")
        assert store.query("ASK { ?agency <https://w3id.org/intelgraph/ns#country> ?c ; "
                           "<http://www.w3.org/2004/02/skos/core#altLabel> 'ZB'@en }")
    finally:
        store.close()
