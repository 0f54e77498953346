"""Corpus-wide views over stored analyses: search, stories, sources, entities, timeline, counts."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz

from purportedly.model import Analysis
from purportedly.web.queries import colleague_corpus

if TYPE_CHECKING:
    from purportedly.store import Store

Item = tuple[str, Analysis]
_WORD = re.compile(r"\w+")
QUOTE_MATCH_MIN = 85  # rapidfuzz ratio above which two quotes are the same words retold
MIN_QUOTE_WORDS = 4  # shorter quotes ("liberated") are too common to tie stories together


@dataclass
class SearchFilters:
    """What the analyst narrows the corpus by; empty fields do not filter."""

    q: str = ""
    speaker: str = ""
    source: str = ""
    outlet: str = ""
    date_from: date | None = None
    date_to: date | None = None
    factuality: str = ""


def normalise(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def _first_hit(text: str, q: str) -> int:
    """Where the query, else its first word found, occurs in text; -1 if nowhere."""
    folded = text.casefold()
    for needle in [q, *(w for w in _WORD.findall(q) if len(w) > 2)]:
        at = folded.find(needle.casefold()) if needle else -1
        if at >= 0:
            return at
    return -1


def snippet(text: str, q: str, width: int = 160, opening: int = 0) -> str:
    """A window of the text around the first hit of q, else from ``opening`` (the story's start)."""
    at = _first_hit(text, q) if q else -1
    start = max(0, at - width // 3) if at >= 0 else opening
    if start:  # begin at a word, not inside one
        space = text.find(" ", start, at if at > start else start + 20)
        start = space + 1 if space >= 0 else start
    piece = " ".join(text[start : start + width].split())
    return ("…" if start else "") + piece + ("…" if start + width < len(text) else "")


def _story_start(analysis: Analysis) -> int:
    """Offset of the first body paragraph, so a result shows reporting rather than the headline."""
    body = analysis.article.segments_of("body")
    return body[0].start if body else 0


def summary(article_id: str, analysis: Analysis, q: str = "") -> dict:
    """The row a result list shows for one article."""
    return {
        "id": article_id,
        "document": analysis.document,
        "title": analysis.title or analysis.document,
        "outlet": analysis.outlet,
        "date": analysis.date.isoformat() if analysis.date else None,
        "snippet": snippet(analysis.article.text, q, opening=_story_start(analysis)),
        "quotes": len(analysis.quotes) + len(analysis.indirect_quotes),
        "claims": len(analysis.claims),
        "sources": len(analysis.sources),
        "hedges": len(analysis.hedges),
    }


def _result(row: dict, q: str) -> dict:
    """The row a result list shows for one article, from the store's summary row."""
    return {
        "id": str(row["id"]),
        "document": row["document"],
        "title": row["title"] or row["document"],
        "outlet": row["outlet"],
        "date": row["date"],
        "snippet": snippet(row["text"], q, opening=row["body_start"] or 0),
        "quotes": row["quotes"],
        "claims": row["claims"],
        "sources": row["sources"],
        "hedges": row["hedges"],
    }


def search(store: Store | None, f: SearchFilters, limit: int = 50, offset: int = 0) -> dict:
    """One page of the articles passing every filter: the store's full-text index for ``f.q`` (best
    match first, stemmed), the other filters in SQL, ingest order without a query. ``total`` counts
    every match up to ``store.browse.COUNT_CAP``; past it, the answer adds ``"total_exact": false``."""
    if store is None:
        return {"total": 0, "results": []}
    page = store.find_articles(
        f.q,
        limit=limit,
        offset=offset,
        outlet=f.outlet,
        since=f.date_from.isoformat() if f.date_from else None,
        until=f.date_to.isoformat() if f.date_to else None,
        speaker=f.speaker,
        source=f.source,
        factuality=f.factuality,
    )
    found = {"total": page.total, "results": [_result(r, f.q) for r in page.rows]}
    return found if page.exact else {**found, "total_exact": False}


def facets(store: Store | None) -> dict:
    """Values to offer in the search filters: the most frequent of each, from SQL aggregates."""
    if store is None:
        return {"articles": 0, "outlets": [], "speakers": [], "sources": [], "factuality": [],
                "date_min": None, "date_max": None}
    return store.facets()


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        self.parent[self.find(a)] = self.find(b)


def _quote_keys(analysis: Analysis) -> list[str]:
    quotes = [*analysis.quotes, *analysis.indirect_quotes]
    texts = [q.text for q in quotes] + [c.text for c in analysis.claims]
    return [n for n in (normalise(t) for t in texts) if len(n.split()) >= MIN_QUOTE_WORDS]


def _share_words(a: list[str], b: list[str]) -> bool:
    return any(fuzz.ratio(x, y) >= QUOTE_MATCH_MIN for x in a for y in b)


def _own_story_groups(items: list[Item]) -> list[list[int]]:
    """Stand-in clustering (shared quote wording) for when purportedly.corpus is absent."""
    keys = [_quote_keys(a) for _, a in items]
    groups = _UnionFind(len(items))
    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            if _share_words(keys[i], keys[j]):
                groups.union(i, j)
    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        clusters[groups.find(i)].append(i)
    return list(clusters.values())


def _story_groups(items: list[Item], store: Any = None) -> list[list[int]]:
    corpus = colleague_corpus(items, store)
    if corpus is None:
        return _own_story_groups(items)
    from purportedly.corpus.clusters import stories as cluster_stories

    position = {article_id: n for n, (article_id, _) in enumerate(items)}
    # an article ingested after the items were read is left for the next refresh
    groups = [[position.get(str(i)) for i in story.article_ids] for story in cluster_stories(corpus)]
    return [found for found in ([n for n in g if n is not None] for g in groups) if found]


def stories(items: list[Item], store: Any = None) -> list[dict]:
    """Clusters of articles telling the same story (near-duplicate text or the same quotes)."""
    out = []
    for members in _story_groups(items, store):
        rows = [summary(*items[i]) for i in members]
        rows.sort(key=lambda r: r["date"] or "")
        out.append({"size": len(rows), "title": rows[0]["title"], "articles": rows})
    return sorted(out, key=lambda c: -c["size"])
