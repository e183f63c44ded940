"""SHACL validation of article graphs against ontology/shapes.ttl."""

from __future__ import annotations

from .store import Store


def validate_graph(nquads: bytes) -> tuple[bool, str]:
    """Validate one article graph given as N-Quads/N-Triples bytes; (conforms, report text)."""
    import ontology
    import pyshacl
    from rdflib import Graph

    data = Graph()
    data.parse(data=nquads.decode("utf-8"), format="nt")
    conforms, _, text = pyshacl.validate(data, shacl_graph=ontology.load_shapes(), inference="none")
    return bool(conforms), str(text)


def validate_store(store: Store) -> list[tuple[str, str]]:
    """(graph IRI, report) for every article graph that does not conform."""
    import pyoxigraph as ox

    failures = []
    for graph_iri in store.article_graphs():
        ok, report = validate_graph(store.dump(ox.RdfFormat.N_TRIPLES, graph_iri))
        if not ok:
            failures.append((graph_iri, report))
    return failures
