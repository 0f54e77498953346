"""The corpus projections read from a Store's tables, page by page, never a whole Analysis.

Article metadata come from ``articles``, quotes from ``quotes``, claims from ``claims`` and
``chain_links``; story features, entities, counts and dated events from ``article_features``
(written at ingest, see ``features``). An article whose features row is missing or older than
FEATURES_VERSION (a store made before the table existed, opened read-only) has its row computed
from its stored Analysis on the fly, one article at a time.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from purportedly.corpus import features
from purportedly.corpus.features import (
    FEATURES_VERSION,
    ArticleMeta,
    ClaimRow,
    CountRow,
    DatedEvent,
    EntityRow,
    QuoteRef,
    StoryFeatures,
)
from purportedly.model import ChainLink

if TYPE_CHECKING:
    from purportedly.store.core import Store

PAGE = 500  # articles per query: bounds what one page holds, whatever the corpus size

_QUOTES = """
SELECT q.article_id, a.document, a.outlet, q.quote_id, q.text, q.speaker
FROM quotes q JOIN articles a ON a.id = q.article_id
WHERE q.article_id BETWEEN ? AND ? ORDER BY q.article_id, q.id
"""
_CLAIMS = """
SELECT c.id AS claim_row, c.article_id, c.claim_id, c.text, c.quote_id, c.factuality, c.cues,
       l.name, l.role, l.kind, l.source_id
FROM claims c LEFT JOIN chain_links l ON l.claim_row = c.id
WHERE c.article_id BETWEEN ? AND ? ORDER BY c.article_id, c.id, l.position
"""


class StoreView:
    """A corpus view over a Store (SQLite or PostgreSQL), streamed in article-id order."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.session = store.session

    # -------------------------------------------------------------- relational tables

    def metas(self) -> Iterator[ArticleMeta]:
        last = 0
        while True:
            page = self._page(
                "SELECT id, document, outlet, title, date, url FROM articles"
                " WHERE id > ? ORDER BY id LIMIT ?",
                (last, PAGE),
            )
            for row in page:
                yield ArticleMeta(
                    row["id"], row["document"], row["outlet"], row["title"], row["date"], row["url"]
                )
            if len(page) < PAGE:
                return
            last = page[-1]["id"]

    def quote_refs(self) -> Iterator[QuoteRef]:
        for first, last in self._windows():
            for row in self._page(_QUOTES, (first, last)):
                yield QuoteRef(
                    row["article_id"],
                    row["document"],
                    row["outlet"],
                    row["quote_id"],
                    row["text"],
                    row["speaker"],
                )

    def claim_rows(self) -> Iterator[ClaimRow]:
        # one object per distinct chain and wording: a corpus of copies and wire stories repeats a
        # few thousand of them across hundreds of thousands of claims, and a caller holding every
        # claim (corroboration, denials) then holds each once
        shared: dict[Any, Any] = {}
        for first, last in self._windows():
            current: Any = None
            chain: list[tuple] = []
            for row in self._page(_CLAIMS, (first, last)):
                if current is None or row["claim_row"] != current["claim_row"]:
                    if current is not None:
                        yield _claim(current, _chain(shared, tuple(chain)), shared)
                    current, chain = row, []
                if row["role"] is not None:
                    chain.append((row["name"], row["role"], row["kind"], row["source_id"]))
            if current is not None:
                yield _claim(current, _chain(shared, tuple(chain)), shared)

    # ------------------------------------------------------------ per-article features

    def story_features(self) -> Iterator[StoryFeatures]:
        for article_id, _, row in self._features("signature", "shingles", "anchors"):
            yield features.decode_story(article_id, row)

    def entity_rows(self) -> Iterator[EntityRow]:
        for article_id, document, row in self._features("entities"):
            yield from features.decode_entities(article_id, document, row)

    def count_rows(self) -> Iterator[CountRow]:
        for article_id, _, row in self._features("counts"):
            yield from features.decode_counts(article_id, row)

    def dated_events(self) -> Iterator[DatedEvent]:
        for article_id, _, row in self._features("events"):
            yield from features.decode_events(article_id, row)

    def _features(self, *columns: str) -> Iterator[tuple[int, str, Any]]:
        """(article id, document, features row) of every article, page by page."""
        if not self.store.dialect.has_table(self.session, "article_features"):
            for article_id, analysis in self.store.analyses():
                yield article_id, analysis.document, features.feature_row(analysis)
            return
        sql = (
            f"SELECT a.id, a.document, f.version, {', '.join('f.' + c for c in columns)} FROM articles a"
            " LEFT JOIN article_features f ON f.article_id = a.id WHERE a.id > ? ORDER BY a.id LIMIT ?"
        )
        last = 0
        while True:
            page = self._page(sql, (last, PAGE))
            for row in page:
                yield row["id"], row["document"], self._current(row)
            if len(page) < PAGE:
                return
            last = page[-1]["id"]

    def _current(self, row: Any) -> Any:
        if row["version"] == FEATURES_VERSION:
            return row
        analysis = self.store.analysis(row["id"])  # stored before the features, or by an older version
        return features.feature_row(analysis) if analysis is not None else _EMPTY_FEATURES

    # ----------------------------------------------------------------------- paging

    def _page(self, sql: str, params: tuple) -> list[Any]:
        return self.session.execute(sql, params).fetchall()

    def _windows(self) -> Iterator[tuple[int, int]]:
        """(first, last) article ids of consecutive pages of PAGE articles."""
        last = 0
        while True:
            ids = [
                row["id"]
                for row in self._page(
                    "SELECT id FROM articles WHERE id > ? ORDER BY id LIMIT ?", (last, PAGE)
                )
            ]
            if not ids:
                return
            yield ids[0], ids[-1]
            if len(ids) < PAGE:
                return
            last = ids[-1]


def _chain(shared: dict[Any, Any], links: tuple[tuple, ...]) -> tuple[ChainLink, ...]:
    """The chain of these (name, role, kind, source id) links, made once per distinct chain."""
    key = ("chain", links)
    if key not in shared:
        shared[key] = tuple(ChainLink(name=n, role=r, kind=k, source_id=s) for n, r, k, s in links)
    return shared[key]


def _claim(row: Any, chain: tuple[ChainLink, ...], shared: dict[Any, Any]) -> ClaimRow:
    text, cues = row["text"], row["cues"] or "[]"
    return ClaimRow(
        row["article_id"],
        row["claim_id"],
        shared.setdefault(("text", text), text),
        row["quote_id"],
        chain,
        row["factuality"],
        _cues(shared, cues),
    )


def _cues(shared: dict[Any, Any], cues: str) -> tuple[str, ...]:
    key = ("cues", cues)
    if key not in shared:
        shared[key] = tuple(json.loads(cues))
    return shared[key]


_EMPTY_FEATURES = {
    "version": FEATURES_VERSION,
    "signature": None,
    "shingles": "[]",
    "anchors": "[]",
    "entities": "[]",
    "counts": "[]",
    "events": "[]",
}


class SubsetView(StoreView):
    """A StoreView over some articles only (the claim page's: a claim's article and its reports'),
    each read by its id; every corpus function then works on them as on a corpus of their own."""

    def __init__(self, store: Store, article_ids: list[int]) -> None:
        super().__init__(store)
        self.ids = sorted(set(article_ids))
        self._marks = ", ".join("?" for _ in self.ids)

    def metas(self) -> Iterator[ArticleMeta]:
        rows = self._page(
            f"SELECT id, document, outlet, title, date, url FROM articles WHERE id IN ({self._marks})"
            " ORDER BY id",
            tuple(self.ids),
        )
        return (ArticleMeta(r["id"], r["document"], r["outlet"], r["title"], r["date"], r["url"])
                for r in rows)

    def _windows(self) -> Iterator[tuple[int, int]]:
        return ((i, i) for i in self.ids)

    def _features(self, *columns: str) -> Iterator[tuple[int, str, Any]]:
        sql = (
            f"SELECT a.id, a.document, f.version, {', '.join('f.' + c for c in columns)} FROM articles a"
            " LEFT JOIN article_features f ON f.article_id = a.id"
            f" WHERE a.id IN ({self._marks}) ORDER BY a.id"
        )
        for row in self._page(sql, tuple(self.ids)):
            yield row["id"], row["document"], self._current(row)
