"""Full-text search over stored articles, quotes and claims, with filters; results carry a snippet."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from purportedly.store.sqlite import Store

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

# a "quoted phrase", or a bare word (optionally with a trailing * for prefix search)
_QUERY_PART = re.compile(r'"([^"]+)"|([\w\'’-]+\*?)', re.UNICODE)


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
    """A safe FTS5 MATCH expression from what a user typed: every word (or "phrase") must occur.

    User text is never passed to FTS5 raw, so stray quotes or operators cannot raise a syntax error.
    """
    terms = []
    for phrase, word in _QUERY_PART.findall(text):
        if phrase:
            terms.append('"' + phrase.replace('"', "") + '"')
        elif word:
            prefix = word.endswith("*")
            core = word.rstrip("*").replace('"', "")
            if core:
                terms.append(f'"{core}"' + ("*" if prefix else ""))
    return " ".join(terms)


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
    """Search the store (porter-stemmed, so 'shoot' finds 'shooting'); best matches first.

    Filters: ``speaker`` (quotes by them, or articles quoting them), ``source`` (articles citing it,
    claims whose chain passes through it), ``outlet``, ``since``/``until`` (publication date,
    inclusive), ``factuality`` (claims only: certain/probable/possible/unknown or a FactBank code).
    """
    if factuality is not None and factuality not in FACTUALITY_VALUES:
        raise ValueError(f"factuality must be one of {', '.join(FACTUALITY_VALUES)}")
    match = fts_query(query)
    if not match:
        return []
    filters = {
        "speaker": speaker,
        "source": source,
        "outlet": outlet,
        "since": _iso(since),
        "until": _iso(until),
        "factuality": factuality,
        "kind": kind,
    }
    rows = store.search_rows(match, filters, limit)
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
