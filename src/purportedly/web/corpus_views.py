"""Corpus-wide views over stored analyses: search, stories, sources, entities, timeline, counts."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from rapidfuzz import fuzz

from purportedly.model import Analysis
from purportedly.web.queries import colleague_corpus

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


def speakers_of(analysis: Analysis) -> set[str]:
    names = {q.speaker for q in [*analysis.quotes, *analysis.indirect_quotes] if q.speaker}
    names |= {link.name for c in analysis.claims for link in c.chain if link.role == "speaker"}
    return names


def source_names_of(analysis: Analysis) -> set[str]:
    return {name for s in analysis.sources for name in (s.name, *s.aliases)}


def _contains_any(needle: str, haystack: Iterable[str | None]) -> bool:
    needle = needle.casefold()
    return any(needle in h.casefold() for h in haystack if h)


def matches(analysis: Analysis, f: SearchFilters) -> bool:
    """Whether one analysis passes every filter the analyst set."""
    checks = [
        not f.q or _contains_any(f.q, [analysis.title, analysis.article.text]),
        not f.speaker or _contains_any(f.speaker, speakers_of(analysis)),
        not f.source or _contains_any(f.source, source_names_of(analysis)),
        not f.outlet or _contains_any(f.outlet, [analysis.outlet, analysis.article.outlet]),
        not f.date_from or (analysis.date is not None and analysis.date >= f.date_from),
        not f.date_to or (analysis.date is not None and analysis.date <= f.date_to),
        not f.factuality or any(f.factuality in (c.factuality.value, c.factuality.certainty)
                                for c in analysis.claims),
    ]
    return all(checks)


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


def search(
    items: list[Item], f: SearchFilters, limit: int = 50, offset: int = 0, ranked: list[str] | None = None
) -> dict:
    """Articles passing every filter. ``ranked``: ids a full-text index matched for ``f.q``, best
    first; they replace the plain substring test and give the order."""
    query = f.q
    if ranked is not None and f.q:
        by_id = dict(items)
        items = [(i, by_id[i]) for i in ranked if i in by_id]
        f = replace(f, q="")
    hits = [summary(i, a, query) for i, a in items if matches(a, f)]
    return {"total": len(hits), "results": hits[offset : offset + limit]}


def facets(items: list[Item]) -> dict:
    """Values to offer in the search filters."""
    outlets = sorted({a.outlet for _, a in items if a.outlet})
    speakers = sorted({s for _, a in items for s in speakers_of(a)})
    sources = sorted({s.name for _, a in items for s in a.sources})
    values = sorted({c.factuality.value for _, a in items for c in a.claims})
    dates = sorted(a.date for _, a in items if a.date)
    return {
        "articles": len(items),
        "outlets": outlets,
        "speakers": speakers,
        "sources": sources,
        "factuality": values,
        "date_min": dates[0].isoformat() if dates else None,
        "date_max": dates[-1].isoformat() if dates else None,
    }


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
