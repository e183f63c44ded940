"""A short bounded load test: REST, SPARQL and ingests at once through a real server, with no errors."""

from __future__ import annotations

import importlib.util

from support import ROOT


def test_mixed_load_has_no_errors(tmp_path):
    spec = importlib.util.spec_from_file_location("load_test", ROOT / "bench" / "load_test.py")
    load_test = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(load_test)
    stats = load_test.run(seconds=4, connections=4, articles=0, workdir=tmp_path)
    for kind, s in stats.items():
        assert s["ms"], f"no {kind} requests were made"
        assert s["errors"] == 0, f"{kind}: {s['errors']} errors, status codes {s['codes']}"
