# intelgraph: `make run` serves the seed graph on 127.0.0.1:8000; `make test` runs the tests.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STORE  ?= oxigraph:./data/store
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test install dev bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Editable installs; setuptools maps exactly the packages listed in pyproject.toml.
$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed

dev: $(VENV)/.installed-dev

run: $(VENV)/.installed
	$(BIN)/intelgraph ingest seeds/ --store $(STORE)
	$(BIN)/intelgraph serve --store $(STORE) --host $(HOST) --port $(PORT)

test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest -q

$(VENV)/.installed-bench: $(VENV)/.installed-dev
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	touch $@

# Each benchmark prints its figures and ratios against a baseline measured in the same run.
bench: $(VENV)/.installed-bench
	$(BIN)/python bench/bench_extract.py
	$(BIN)/python bench/bench_ingest.py
	$(BIN)/python bench/bench_analytics.py
	$(BIN)/python bench/bench_api.py

clean:
	rm -rf $(VENV) data build *.egg-info
