"""Read-only access to the corpus the pages show: stored analyses and cached cross-article views.

Everything goes through the ``purportedly.store.Store`` API over a read-only connection, so the
workspace serves a SQLite file and a PostgreSQL URL alike. Same-story clusters, corroboration and
count contradictions come from ``purportedly.corpus`` when it is installed (the web's own simpler
versions in ``corpus_views``/``claim_view`` stand in otherwise). Everything is computed once per
version of the stored corpus and cached: the pages ask for it on every click.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from purportedly.model import Analysis
from purportedly.store.url import parse_target, redact

if TYPE_CHECKING:
    from purportedly.store import Store

Stamp = tuple[int, int]


class CorpusReader:
    """Loads (id, Analysis) pairs from a store (a SQLite path or a postgresql:// URL), cached
    until the stored corpus changes."""

    def __init__(self, target: str | Path) -> None:
        self.target = target
        self.backend, self.location = parse_target(target)
        self.lock = self._lock = threading.RLock()  # one connection: one query at a time
        self._store: Store | None = None
        self._stamp: Stamp | None = None
        self._items: list[tuple[str, Analysis]] | None = None
        self._derived: dict[str, Any] = {}

    @property
    def label(self) -> str:
        """Where the corpus is, safe to show (a URL's password masked)."""
        return redact(self.target)

    def _current(self) -> Store | None:
        """The store, after forgetting what was cached from an older version of the corpus."""
        with self._lock:
            store = self.store()
            stamp = store.stamp() if store is not None else (0, 0)
            if stamp != self._stamp:
                self._items = None
                self._derived = {}
                self._stamp = stamp
            return store

    def items(self) -> list[tuple[str, Analysis]]:
        """Every stored analysis with its id (as a string, as URLs carry it), in ingest order.

        Only the views not yet served from queries ask for this: at archive scale it does not fit
        in memory. Search, facets, the article page and the claim page never call it."""
        with self._lock:
            store = self._current()
            if self._items is None:
                self._items = [] if store is None else [(str(i), a) for i, a in store.analyses()]
            return self._items

    def get(self, article_id: str) -> Analysis | None:
        """One stored article's analysis: one row, never the corpus."""
        store = self.readable()
        if store is None or not article_id.isdigit():
            return None
        with self._lock:
            return store.analysis(int(article_id))

    def readable(self) -> Store | None:
        """The store when it has tables to read (a missing file or an empty database: None)."""
        with self._lock:
            store = self.store()
            return store if store is not None and store.has_schema() else None

    def cached_query(self, name: str, compute: Callable[[Store | None], Any]) -> Any:
        """``compute(store)`` (queries, never every analysis), remembered until the corpus changes."""
        with self._lock:
            self._current()
            if name not in self._derived:
                self._derived[name] = compute(self.readable())
            return self._derived[name]

    def by_id(self) -> dict[str, Analysis]:
        return self.cached("by_id", lambda items: dict(items))

    def cached(self, name: str, compute: Callable[[list[tuple[str, Analysis]]], Any]) -> Any:
        """``compute(items)``, remembered until the stored corpus changes."""
        with self._lock:
            items = self.items()
            if name not in self._derived:
                self._derived[name] = compute(items)
            return self._derived[name]

    def with_store(self, compute: Callable[..., Any]) -> Callable[[list[tuple[str, Analysis]]], Any]:
        """``compute(items, store=...)``: cross-article views read their projections from the store
        (``purportedly.corpus`` never loads whole analyses from it) instead of the items."""
        return lambda items: compute(items, store=self.store())

    def search_ids(self, query: str, limit: int = 5000) -> list[str]:
        """Ids of the articles whose text, quotes or claims match ``query`` (the store's stemmed
        full-text index; every word must occur), best match first."""
        with self._lock:
            store = self.store()
            if store is None or not store.has_schema():
                return []
            hits = store.search(query, limit=limit)
        return list(dict.fromkeys(str(hit.article_id) for hit in hits))

    def store(self) -> Store | None:
        """The read-only Store, opened on first use; None while a SQLite file does not exist yet
        (an empty corpus: the page says so). A read-only store never takes the write lock an
        ingest running beside the server needs."""
        from purportedly.store import Store

        with self._lock:
            if self._store is None:
                if self.backend == "sqlite" and not Path(self.location).exists():
                    return None
                self._store = Store.open(self.target, read_only=True)
            return self._store

    def close(self) -> None:
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None


class StoredAnalyses(Mapping[str, Analysis]):
    """Stored analyses by id (as URLs carry it), each read from the store when asked for: the
    claim page looks up its article and the other reports of its claim, never the corpus."""

    def __init__(self, reader: CorpusReader) -> None:
        self.reader = reader

    def __getitem__(self, article_id: str) -> Analysis:
        found = self.reader.get(article_id)
        if found is None:
            raise KeyError(article_id)
        return found

    def __iter__(self) -> Iterator[str]:  # only a corpus without purportedly.corpus walks them all
        return (article_id for article_id, _ in self.reader.items())

    def __len__(self) -> int:
        store = self.reader.readable()
        return store.article_count() if store is not None else 0


def text_search(reader: CorpusReader, query: str, limit: int = 5000) -> list[str]:
    """Ids of the articles matching ``query``, best first (see ``CorpusReader.search_ids``)."""
    return reader.search_ids(query, limit)


def colleague_corpus(items: list[tuple[str, Analysis]], store: Store | None = None) -> Any | None:
    """What ``purportedly.corpus`` functions read: the store when there is one (they stream its
    projections), else the items as a Corpus; None when that package is absent."""
    try:
        from purportedly.corpus.common import Corpus, StoredArticle
    except ImportError:
        return None
    if store is not None and store.has_schema():
        return store
    return Corpus(tuple(StoredArticle(int(i), a) for i, a in items if i.isdigit()))
