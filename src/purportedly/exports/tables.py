"""Flat tables of a stored corpus (claims, quotes, articles, counts) for CSV and Parquet exports."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from purportedly.corpus.common import Corpus, StoredArticle
from purportedly.corpus.corroboration import origin_of

if TYPE_CHECKING:
    from purportedly.store.core import Store

Row = dict[str, Any]


def _article_fields(article: StoredArticle) -> Row:
    a = article.analysis
    return {
        "article_id": article.id,
        "document": a.document,
        "outlet": a.outlet,
        "date": a.date.isoformat() if a.date else None,
        "url": a.url,
    }


def claim_rows(article: StoredArticle) -> Iterator[Row]:
    for claim in article.analysis.claims:
        yield {
            **_article_fields(article),
            "claim_id": claim.id,
            "claim": claim.text,
            "start": claim.start,
            "end": claim.end,
            "quote_id": claim.quote_id,
            "certainty": claim.factuality.certainty,
            "polarity": claim.factuality.polarity,
            "factuality": claim.factuality.value,
            "cues": "; ".join(claim.factuality.cues),
            "chain": " -> ".join(f"{link.name} ({link.role})" for link in claim.chain),
            "origin": origin_of(claim.chain, article.analysis.outlet).label,
        }


def quote_rows(article: StoredArticle) -> Iterator[Row]:
    a = article.analysis
    for quote in [*a.quotes, *a.indirect_quotes]:
        yield {
            **_article_fields(article),
            "quote_id": quote.id,
            "kind": quote.kind,
            "quote": quote.text,
            "speaker": quote.speaker,
            "cue": quote.cue,
            "segment": quote.segment,
            "nested_in": quote.nested_in,
            "start": quote.start,
            "end": quote.end,
        }


def article_rows(article: StoredArticle) -> Iterator[Row]:
    a = article.analysis
    yield {
        **_article_fields(article),
        "title": a.title,
        "authors": "; ".join(a.authors),
        "quotes": len(a.quotes) + len(a.indirect_quotes),
        "claims": len(a.claims),
        "sources": "; ".join(s.name for s in a.sources),
        "text": a.article.text,
    }


def count_rows(article: StoredArticle) -> Iterator[Row]:
    for count in article.analysis.counts:
        yield {
            **_article_fields(article),
            "number": count.number,
            "qualifier": count.qualifier,
            "what": count.what,
            "event": count.event,
            "place": count.place,
            "time": count.time,
            "text": count.text,
        }


TABLES: dict[str, Callable[[StoredArticle], Iterator[Row]]] = {
    "claims": claim_rows,
    "quotes": quote_rows,
    "articles": article_rows,
    "counts": count_rows,
}

# column order of each table even when it has no rows (so an empty export still has a header)
COLUMNS = {
    "claims": [
        "article_id",
        "document",
        "outlet",
        "date",
        "url",
        "claim_id",
        "claim",
        "start",
        "end",
        "quote_id",
        "certainty",
        "polarity",
        "factuality",
        "cues",
        "chain",
        "origin",
    ],
    "quotes": [
        "article_id",
        "document",
        "outlet",
        "date",
        "url",
        "quote_id",
        "kind",
        "quote",
        "speaker",
        "cue",
        "segment",
        "nested_in",
        "start",
        "end",
    ],
    "articles": [
        "article_id",
        "document",
        "outlet",
        "date",
        "url",
        "title",
        "authors",
        "quotes",
        "claims",
        "sources",
        "text",
    ],
    "counts": [
        "article_id",
        "document",
        "outlet",
        "date",
        "url",
        "number",
        "qualifier",
        "what",
        "event",
        "place",
        "time",
        "text",
    ],
}


def table_rows(source: Store | Corpus, table: str) -> list[Row]:
    """All rows of ``table`` (claims, quotes, articles or counts) across the corpus."""
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}; choose from {', '.join(TABLES)}")
    make_rows = TABLES[table]
    return [row for article in Corpus.of(source).articles for row in make_rows(article)]
