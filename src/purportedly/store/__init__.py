"""The corpus store: analysed articles kept in SQLite, ingested once, searchable.

>>> from purportedly.store import Store
>>> store = Store.open("corpus.db")          # doctest: +SKIP
>>> store.ingest(["articles/", "feed.jsonl"])  # doctest: +SKIP
IngestSummary(stored=31, skipped=0, failed=1, ...)
>>> store.search("barrier troops", outlet="Kyiv")  # doctest: +SKIP

Only SQLite is implemented. The ``Store`` API is backend-neutral (see ``sqlite.Store``) so a
PostgreSQL backend can be added later; it is not supported yet.
"""

from __future__ import annotations

from purportedly.store.ingest import IngestSummary, article_identity, ingest_analyses, ingest_paths
from purportedly.store.search import SearchHit, search
from purportedly.store.sqlite import Store

__all__ = [
    "IngestSummary",
    "SearchHit",
    "Store",
    "article_identity",
    "ingest_analyses",
    "ingest_paths",
    "search",
]
