"""The generic import names belong to intelgraph alone, and the data files ship with it."""

from __future__ import annotations

import importlib.metadata as md
import subprocess
import sys

import pytest


@pytest.mark.parametrize("package", ["graph", "api", "ontology"])
def test_only_intelgraph_provides_the_package(package):
    providers = set(md.packages_distributions().get(package, []))
    assert providers == {"intelgraph"}, f"{package} is provided by {providers}"


def test_install_does_not_expose_the_repository_root(tmp_path):
    """Only the three packages are importable, not tests/, bench/ or seeds/ beside them."""
    code = "import importlib.util as u; print(u.find_spec('conftest') is None, u.find_spec('graph') is not None)"
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.stdout.split() == ["True", "True"], result.stderr


def test_console_script_points_at_the_cli():
    scripts = {ep.name: ep.value for ep in md.entry_points(group="console_scripts")}
    assert scripts.get("intelgraph") == "graph.cli:main"


def test_data_files_are_importable_resources():
    from importlib import resources

    assert resources.files("graph").joinpath("queries", "claims.rq").is_file()
    assert resources.files("ontology").joinpath("intel.ttl").is_file()
    assert resources.files("ontology").joinpath("reference", "countries.ttl").is_file()
