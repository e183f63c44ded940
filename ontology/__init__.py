"""intelgraph's ontology, SHACL shapes and reference data, as Turtle files.

Knowledge lives in data, not code: the names of countries, agencies and
alliances are RDF in ``ontology/reference/``, the one source of truth for
both the extractor's dictionaries and SPARQL queries (an agency's country is
a triple anyone can query). This package only finds and parses those files;
they ship inside the wheel and are read through :mod:`importlib.resources`,
so the loaders work the same from a checkout and from an install. Users add
names of their own with extra Turtle files passed to :func:`load_reference`.

>>> from rdflib import URIRef
>>> from rdflib.namespace import SKOS
>>> usa = URIRef("https://w3id.org/intelgraph/id/country/USA")
>>> str(load_reference().value(usa, SKOS.prefLabel))
'United States'
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib.resources import files
from pathlib import Path

import rdflib
from rdflib.util import guess_format

__all__ = [
    "ontology_path", "shapes_path", "reference_paths",
    "load_ontology", "load_shapes", "load_reference",
]


def _resource(name: str) -> Path:
    # ontology/ is a regular package installed as files, so this is a real path.
    return Path(str(files(__name__).joinpath(name)))


def ontology_path() -> Path:
    """Path of the OWL ontology, ``intel.ttl``.

    Examples
    --------
    >>> ontology_path().name
    'intel.ttl'
    """
    return _resource("intel.ttl")


def shapes_path() -> Path:
    """Path of the SHACL shapes for an article graph, ``shapes.ttl``.

    Examples
    --------
    >>> shapes_path().name
    'shapes.ttl'
    """
    return _resource("shapes.ttl")


def reference_paths() -> list[Path]:
    """Paths of the reference data files (``reference/*.ttl``), sorted by name.

    Examples
    --------
    >>> [p.name for p in reference_paths()]
    ['agencies.ttl', 'alliances.ttl', 'countries.ttl', 'officials.ttl']
    """
    return sorted(_resource("reference").glob("*.ttl"))


def _parse_into(target: rdflib.Graph, path: Path | str) -> None:
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"{path}: no such file")
    try:
        target.parse(path, format=guess_format(str(path)) or "turtle")
    except Exception as exc:  # rdflib raises many parser-specific types
        raise ValueError(f"{path}: {exc}") from exc


def load_ontology() -> rdflib.Graph:
    """Parse the ontology into a new graph.

    Examples
    --------
    >>> from rdflib import OWL, RDF, URIRef
    >>> (URIRef("https://w3id.org/intelgraph/ns#Claim"), RDF.type, OWL.Class) in load_ontology()
    True
    """
    ontology_graph = rdflib.Graph()
    _parse_into(ontology_graph, ontology_path())
    return ontology_graph


def load_shapes() -> rdflib.Graph:
    """Parse the SHACL shapes into a new graph, ready for ``pyshacl.validate``.

    Examples
    --------
    >>> from rdflib import URIRef
    >>> shapes = load_shapes()
    >>> (URIRef("https://w3id.org/intelgraph/shapes#ClaimShape"), None, None) in shapes
    True
    """
    shapes_graph = rdflib.Graph()
    _parse_into(shapes_graph, shapes_path())
    return shapes_graph


def load_reference(extra: Iterable[Path | str] = ()) -> rdflib.Graph:
    """Parse the reference data, plus any user dictionary files, into one graph.

    Parameters
    ----------
    extra : iterable of path
        Further RDF files (Turtle unless the suffix says otherwise) with the
        same shape as the reference files, e.g. a user's own agency names.

    Returns
    -------
    rdflib.Graph
        Countries, agencies and alliances, and whatever ``extra`` adds.

    Raises
    ------
    ValueError
        If a file is missing or does not parse; the message names the file
        and gives the parser's message.

    Examples
    --------
    >>> from rdflib import URIRef
    >>> from rdflib.namespace import SKOS
    >>> cia = URIRef("https://w3id.org/intelgraph/id/agency/cia")
    >>> str(load_reference().value(cia, SKOS.prefLabel))
    'Central Intelligence Agency'
    """
    reference_graph = rdflib.Graph()
    for path in [*reference_paths(), *extra]:
        _parse_into(reference_graph, path)
    return reference_graph
