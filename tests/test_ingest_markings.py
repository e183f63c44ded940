"""An operator's ``--marking`` only ever raises an article's marking, on every ingest path."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from graph.cli import app

TEXT = ("Velmora pauses intelligence sharing\npublisher: Test Wire\npublished: 2025-04-02\nmarking: {marking}\n\n"
        "Velmora has paused intelligence sharing with Ostrand, officials said.\n")


def _markings(url: str) -> dict[str, str]:
    from graph import open_store
    from graph.access import graph_markings

    db = open_store(url, read_only=True)
    try:
        return {g.rsplit("/", 1)[-1]: m for g, m in graph_markings(db).items()}
    finally:
        db.close()


@pytest.mark.parametrize("own, asked, kept", [
    ("TLP:RED", "TLP:GREEN", "TLP:RED"),
    ("TLP:AMBER", "TLP:CLEAR", "TLP:AMBER"),
    ("TLP:GREEN", "TLP:AMBER", "TLP:AMBER"),
])
def test_cli_text_file_keeps_the_higher_marking(tmp_path, own, asked, kept):
    path = tmp_path / "a.txt"
    path.write_text(TEXT.format(marking=own), encoding="utf-8")
    url = f"oxigraph:{tmp_path / 'store'}"
    result = CliRunner().invoke(app, ["ingest", str(path), "--store", url, "--marking", asked])
    assert result.exit_code == 0, result.output
    assert list(_markings(url).values()) == [kept]


@pytest.mark.parametrize("workers", [1, 2])
def test_jsonl_line_marked_red_stays_hidden_from_anonymous(tmp_path, workers):
    from graph import open_store
    from graph.pipeline import ingest_paths

    lines = [{"title": "Velmora pauses intelligence sharing", "text": "Velmora has paused intelligence sharing "
              f"with Ostrand number {i}, officials said.", "published": "2025-04-02",
              "marking": "TLP:RED" if i == 0 else None} for i in range(3)]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    db = open_store(f"oxigraph:{tmp_path / 'store'}")
    try:
        ingest_paths(db, [path], marking="TLP:CLEAR", workers=workers)
        anonymous = db.cleared("TLP:CLEAR")
        assert len(db.article_graphs()) == 3
        assert len(anonymous.article_graphs()) == 2
        assert sorted(db.cleared("TLP:RED").markings().values()) == ["TLP:CLEAR", "TLP:CLEAR", "TLP:RED"]
    finally:
        db.close()


def test_library_load_file_never_lowers(tmp_path):
    from graph.articles import load_file

    path = tmp_path / "a.txt"
    path.write_text(TEXT.format(marking="TLP:RED"), encoding="utf-8")
    assert [a.marking for a in load_file(path, marking="TLP:CLEAR")] == ["TLP:RED"]
