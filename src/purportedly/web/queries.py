"""Read-only access to the corpus the pages show: stored analyses and cached cross-article views.

Articles come from ``purportedly.store.Store.analyses()``; same-story clusters, corroboration
and count contradictions come from ``purportedly.corpus`` when it is installed (the web's own
simpler versions in ``corpus_views``/``claim_view`` stand in otherwise). Everything is computed
once per version of the db file and cached: the pages ask for it on every click.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from purportedly.model import Analysis


class CorpusReader:
    """Loads (id, Analysis) pairs from a corpus db, cached until the db file changes."""

    def __init__(self, db_path: str | Path) -> None:
        self.db_path = Path(db_path)
        self._lock = threading.RLock()
        self._stamp: tuple[float, int] | None = None
        self._items: list[tuple[str, Analysis]] = []
        self._derived: dict[str, Any] = {}

    def items(self) -> list[tuple[str, Analysis]]:
        """Every stored analysis with its id (as a string, as URLs carry it), in ingest order."""
        with self._lock:
            stamp = self._file_stamp()
            if stamp != self._stamp:
                self._items = load_items(self.db_path)
                self._derived = {}
                self._stamp = stamp
            return self._items

    def get(self, article_id: str) -> Analysis | None:
        return self.by_id().get(article_id)

    def by_id(self) -> dict[str, Analysis]:
        return self.cached("by_id", lambda items: dict(items))

    def cached(self, name: str, compute: Callable[[list[tuple[str, Analysis]]], Any]) -> Any:
        """``compute(items)``, remembered until the db changes."""
        with self._lock:
            items = self.items()
            if name not in self._derived:
                self._derived[name] = compute(items)
            return self._derived[name]

    def _file_stamp(self) -> tuple[float, int]:
        # WAL writes land in the -wal file before a checkpoint, so both files make up the stamp.
        paths = (self.db_path, Path(f"{self.db_path}-wal"))
        stats = [p.stat() for p in paths if p.exists()]
        return (max((s.st_mtime for s in stats), default=0.0), sum(s.st_size for s in stats))


@contextmanager
def read_only_store(db_path: Path) -> Iterator[Any]:
    """The Store over a read-only connection: the web never writes, so it never takes the write lock
    an ingest running beside it needs (``Store.open`` would create the schema in a write transaction)."""
    from purportedly.store import Store

    connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, check_same_thread=False)
    connection.row_factory = sqlite3.Row
    try:
        yield Store(connection, str(db_path))
    finally:
        connection.close()


def load_items(db_path: Path) -> list[tuple[str, Analysis]]:
    """Every stored analysis; an absent db is an empty corpus (the page says so)."""
    if not db_path.exists():
        return []
    with read_only_store(db_path) as store:
        if not store.query("SELECT 1 FROM sqlite_master WHERE name = 'articles'"):
            return []
        return [(str(article_id), analysis) for article_id, analysis in store.analyses()]


def text_search(db_path: Path, query: str, limit: int = 5000) -> list[str]:
    """Ids of the articles whose text, quotes or claims match ``query`` (the store's stemmed
    full-text index; every word must occur), best match first."""
    if not db_path.exists():
        return []
    with read_only_store(db_path) as store:
        if not store.query("SELECT 1 FROM sqlite_master WHERE name = 'search_index'"):
            return []
        hits = store.search(query, limit=limit)
    return list(dict.fromkeys(str(hit.article_id) for hit in hits))


def colleague_corpus(items: list[tuple[str, Analysis]]) -> Any | None:
    """The items as a ``purportedly.corpus`` Corpus, or None when that package is absent."""
    try:
        from purportedly.corpus.common import Corpus, StoredArticle
    except ImportError:
        return None
    return Corpus(tuple(StoredArticle(int(i), a) for i, a in items if i.isdigit()))
