"""intelgraph's knowledge graph: articles -> facts -> RDF -> store -> networks and exports.

The public names below are what ``api`` and scripts use; each stage is a
plain function over the dataclasses of :mod:`graph.model`.
"""

from .articles import article_from_text, load_article, load_file
from .errors import (ArticleError, ExtractionError, IntelgraphError, NotFoundError, QueryError,
                     StoreError)
from .model import Article, Claim, Facts, Membership, Official, Provenance, Statement, facts_to_json
from .store import Store, open_store

__all__ = [
    "Article", "ArticleError", "Claim", "ExtractionError", "Facts", "IntelgraphError", "Membership",
    "NotFoundError", "Official", "Provenance", "QueryError", "Statement", "Store", "StoreError",
    "article_from_text", "facts_to_json", "load_article", "load_file", "open_store",
]
