"""An ingest whose final flush never returns ends within a bound, with a message, instead of hanging.

RocksDB was once seen waiting for ever in a flush after an earlier run had
been killed (not reproduced since). The hang is stood in for by a backend
whose flush sleeps far past the bound; everything else is the real store and
the real ``intelgraph ingest``.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time

import pytest

from support import SEEDS

HANGING_INGEST = textwrap.dedent("""
    import sys, time
    import graph.store as store_module
    real_open = store_module.open_store

    class SlowFlush:
        def __init__(self, backend):
            self.backend = backend
        def flush(self):
            time.sleep(600)
        def __getattr__(self, name):
            return getattr(self.backend, name)

    def open_store(*args, **kwargs):
        store = real_open(*args, **kwargs)
        store.backend = SlowFlush(store.backend)
        return store

    store_module.open_store = open_store
    import graph.cli
    graph.cli.open_store = open_store
    sys.argv = ["intelgraph", "ingest", sys.argv[1], "--store", sys.argv[2], "--workers", "1"]
    graph.cli.main()
""")


def test_store_flush_gives_up_with_a_message(monkeypatch, tmp_path):
    from graph import open_store
    from graph.errors import FlushTimeout

    monkeypatch.setenv("INTELGRAPH_FLUSH_TIMEOUT", "0.3")
    db = open_store(f"oxigraph:{tmp_path / 'store'}")

    class SlowFlush:
        def __init__(self, backend):
            self.backend = backend

        def flush(self):
            time.sleep(5)

    real = db.backend
    db.backend = SlowFlush(real)
    started = time.monotonic()
    with pytest.raises(FlushTimeout, match="write-ahead log"):
        db.flush()
    assert time.monotonic() - started < 2
    db.backend = real
    db.close()


def test_cli_ingest_exits_within_the_bound_when_flush_hangs(tmp_path):
    import os

    env = {**os.environ, "INTELGRAPH_FLUSH_TIMEOUT": "1"}
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", HANGING_INGEST, str(SEEDS), f"oxigraph:{tmp_path / 'store'}"],
                          capture_output=True, text=True, timeout=60, env=env)
    assert time.monotonic() - started < 30
    assert done.returncode == 2 and "did not finish flushing" in done.stderr, done.stderr
