"""Full-text search over stored articles, quotes and claims, with filters; results carry a snippet."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal

from purportedly.store.dialect import query_terms

if TYPE_CHECKING:
    from purportedly.store.core import Store

HitKind = Literal["article", "quote", "claim"]
FACTUALITY_VALUES = (
    "certain",
    "probable",
    "possible",
    "unknown",
    "CT+",
    "PR+",
    "PS+",
    "Uu",
    "CT-",
    "PR-",
    "PS-",
)


@dataclass(frozen=True)
class SearchHit:
    """One match: what matched (an article's text, a quote, a claim), where, and a snippet."""

    kind: HitKind
    article_id: int
    document: str
    title: str | None
    outlet: str | None
    date: str | None
    snippet: str
    speaker: str | None = None
    factuality: str | None = None


def fts_query(text: str) -> str:
    """The SQLite FTS5 MATCH expression for what a user typed: every word (or "phrase") must occur.

    User text is never passed to FTS5 raw, so stray quotes or operators cannot raise a syntax error.
    """
    from purportedly.store.sqlite import fts_match

    return fts_match(query_terms(text))


def search(
    store: Store,
    query: str,
    *,
    speaker: str | None = None,
    source: str | None = None,
    outlet: str | None = None,
    since: date | str | None = None,
    until: date | str | None = None,
    factuality: str | None = None,
    kind: HitKind | None = None,
    limit: int = 50,
) -> list[SearchHit]:
    """Search the store (stemmed, so 'shoot' finds 'shooting'); best matches first.

    Filters: ``speaker`` (quotes by them, or articles quoting them), ``source`` (articles citing it,
    claims whose chain passes through it), ``outlet``, ``since``/``until`` (publication date,
    inclusive), ``factuality`` (claims only: certain/probable/possible/unknown or a FactBank code).
    """
    if factuality is not None and factuality not in FACTUALITY_VALUES:
        raise ValueError(f"factuality must be one of {', '.join(FACTUALITY_VALUES)}")
    filters = {
        "speaker": speaker,
        "source": source,
        "outlet": outlet,
        "since": _iso(since),
        "until": _iso(until),
        "factuality": factuality,
        "kind": kind,
    }
    rows = store.search_rows(query, filters, limit)
    return [
        SearchHit(
            kind=row["kind"],
            article_id=row["article_id"],
            document=row["document"],
            title=row["title"],
            outlet=row["outlet"],
            date=row["date"],
            snippet=" ".join(row["snippet"].split()),
            speaker=row["speaker"],
            factuality=row["factuality"],
        )
        for row in rows
    ]


def _iso(value: date | str | None) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return value.isoformat()
