"""The corpus store: analysed articles kept in SQLite or PostgreSQL, ingested once, searchable.

>>> from purportedly.store import Store
>>> store = Store.open("corpus.db")          # doctest: +SKIP
>>> store = Store.open("postgresql://team:secret@db.example.org/corpus")  # doctest: +SKIP
>>> from purportedly.engines.ingest import ingest_paths
>>> ingest_paths(store, ["articles/", "feed.jsonl"])  # doctest: +SKIP
IngestSummary(stored=31, skipped=0, failed=1, ...)
>>> store.search("barrier troops", outlet="Kyiv")  # doctest: +SKIP

A file path (or ``sqlite:///path``) selects SQLite (``sqlite.py``, ``schema.sql``); a
``postgresql://`` URL selects PostgreSQL (``postgres.py``, ``schema_postgres.sql``; needs the
``postgres`` extra). Both sit behind one ``Store`` API (``core.py``) and share their row-writing
SQL (``rows.py``); a ``Dialect`` (``dialect.py``) holds what differs.
"""

from __future__ import annotations

from purportedly.store.core import Store
from purportedly.store.ingest import IngestSummary, article_identity
from purportedly.store.search import SearchHit, search
from purportedly.store.url import parse_target, redact

__all__ = [
    "IngestSummary",
    "SearchHit",
    "Store",
    "article_identity",
    "parse_target",
    "redact",
    "search",
]
