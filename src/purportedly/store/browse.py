"""What a reader pages through at archive scale, each answer one indexed query: articles matching a
search with filters (paginated, with a capped total), filter facets as top-N aggregates, the
claims elsewhere that share a claim's words, and the counts of a few articles.

Nothing here loads an Analysis; the backend-specific part (full-text matching) comes from the
store's ``Dialect.article_match``/``claim_match``, the rest is shared SQL.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from purportedly.store.dialect import query_terms

if TYPE_CHECKING:
    from purportedly.store.core import Store

COUNT_CAP = 10_000  # a total beyond this is reported as "at least": counting every hit costs a full scan
FACET_TOP = 200  # values offered per filter, the most frequent first
FACTUALITY_CODES = ("CT+", "PR+", "PS+", "Uu", "CT-", "PR-", "PS-")
RANK_WINDOW = 2000  # matching articles ranked per search, the newest first
CLAIM_WORDS = 4  # the longest words of a claim (names, nouns) that its retellings must all contain


@dataclass(frozen=True)
class ArticlePage:
    """One page of matching articles and how many match (``exact`` False: at least ``total``)."""

    total: int
    exact: bool
    rows: list[dict[str, Any]]


# per-article figures the result list shows, each an indexed count
_SUMMARY = """a.id, a.document, a.title, a.outlet, a.date, a.text,
 (SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quotes,
 (SELECT count(*) FROM claims c WHERE c.article_id = a.id) AS claims,
 (SELECT count(*) FROM article_sources x WHERE x.article_id = a.id) AS sources,
 (SELECT count(*) FROM hedges h WHERE h.article_id = a.id) AS hedges,
 (SELECT min(g.start) FROM segments g WHERE g.article_id = a.id AND g.kind = 'body') AS body_start"""


def article_filters(contains: str) -> dict[str, str]:
    """Filter name -> condition on the article ``a`` (qmark placeholders; ``contains`` is the
    backend's case-insensitive substring test, with {column} and one placeholder)."""
    like = lambda column: contains.format(column=column)  # noqa: E731
    return {
        "outlet": like("a.outlet"),
        "since": "a.date >= ?",
        "until": "a.date <= ?",
        # quoted by them, or the speaker of one of the article's claim chains
        "speaker": f"(EXISTS (SELECT 1 FROM quotes q WHERE q.article_id = a.id AND {like('q.speaker')})"
        " OR EXISTS (SELECT 1 FROM claims c JOIN chain_links l ON l.claim_row = c.id"
        f" WHERE c.article_id = a.id AND l.role = 'speaker' AND {like('l.name')}))",
        "source_name": like("so.name"),
        # cited by canonical name or by an alias
        "source": "EXISTS (SELECT 1 FROM article_sources x JOIN sources so ON so.id = x.source_id"
        f" WHERE x.article_id = a.id AND ({like('so.name')} OR {like('x.aliases')}))",
        "factuality": "EXISTS (SELECT 1 FROM claims c WHERE c.article_id = a.id"
        " AND (c.factuality = ? OR c.certainty = ?))",
    }


def _where(filters: Mapping[str, Any], conditions: Mapping[str, str]) -> tuple[str, list[Any]]:
    sql, params = "", []
    for name, value in filters.items():
        if value in (None, ""):
            continue
        condition = conditions[name]
        sql += f" AND {condition}"
        params += [value] * condition.count("?")
    return sql, params


# Exact (case-folded) names use their indexes; the substring conditions of ``article_filters``, which
# read every row, serve only what is not a whole stored name (a part of one, an alias).
_SPEAKER_NAMED = (
    "a.id IN (SELECT q.article_id FROM quotes q WHERE lower(q.speaker) = lower(?)"
    " UNION SELECT c.article_id FROM chain_links l JOIN claims c ON c.id = l.claim_row"
    " WHERE l.role = 'speaker' AND lower(l.name) = lower(?))"
)
_IS_SPEAKER = (
    "SELECT 1 AS found FROM quotes WHERE lower(speaker) = lower(?) UNION ALL"
    " SELECT 1 FROM chain_links WHERE role = 'speaker' AND lower(name) = lower(?) LIMIT 1"
)

_IS_OUTLET = "SELECT 1 AS found FROM articles WHERE lower(outlet) = lower(?) LIMIT 1"


def _conditions(store: Store, filters: Mapping[str, Any]) -> dict[str, str]:
    conditions = dict(store.dialect.article_filters)
    speaker, source, outlet = filters.get("speaker"), filters.get("source"), filters.get("outlet")
    if outlet and store.session.one(_IS_OUTLET, (outlet,)):
        conditions["outlet"] = "lower(a.outlet) = lower(?)"
    if speaker and store.session.one(_IS_SPEAKER, (speaker, speaker)):
        conditions["speaker"] = _SPEAKER_NAMED
    if source:
        by_name = conditions["source_name"]
        # the sources table is small (one row per distinct source): scanning it is cheap
        if store.session.one(f"SELECT 1 AS found FROM sources so WHERE {by_name} LIMIT 1", (source,)):
            # sources first, then their citing articles from article_sources_cited alone
            conditions["source"] = (
                "a.id IN (SELECT x.article_id FROM article_sources x"
                f" WHERE x.source_id IN (SELECT so.id FROM sources so WHERE {by_name}))"
            )
    return conditions


def _indexed(filters: Mapping[str, Any], conditions: Mapping[str, str], scans: Mapping[str, str]) -> bool:
    """Whether a filter that is set is answered from an index (``scans``: the substring conditions)."""
    if filters.get("since") or filters.get("until"):
        return True
    return any(
        filters.get(name) and conditions[name] != scans[name] for name in ("outlet", "speaker", "source")
    )


def find_articles(
    store: Store,
    query: str,
    filters: Mapping[str, Any],
    *,
    limit: int,
    offset: int = 0,
    cap: int = COUNT_CAP,
    window: int = RANK_WINDOW,
) -> ArticlePage:
    """Articles whose text matches ``query`` (every word or "phrase") and every filter, or, without a
    query, every article passing the filters in ingest order.

    Ranking every match of a common word grows with the corpus, so the ``window`` newest matching
    articles are ranked (best first) and paged; a smaller corpus's matches are all ranked."""
    conditions = _conditions(store, filters)
    where, params = _where(filters, conditions)
    if query.strip():
        terms = query_terms(query)
        if not terms:
            return ArticlePage(0, True, [])
        source, score, recency, match_params = store.dialect.article_match(terms)
        if where:
            # a filter (an outlet, a month) may pass few of a common word's matches: take the newest
            # ``window`` articles in the set of matching ids that pass it, then rank only those
            ids, ids_params = store.dialect.article_ids(terms)
            # '+': the id list must not drive when a filter has an index (a date range, a whole
            # name): looking up every match of a common word costs more than checking the few
            # articles the index gives (100k store, word + month: 1.24 s -> 15 ms)
            drive = "+" if _indexed(filters, conditions, store.dialect.article_filters) else ""
            newest = (
                f"SELECT a.id FROM articles a WHERE {drive}a.id IN ({ids}){where} ORDER BY a.id DESC LIMIT ?"
            )
            # '+': the few ids are checked as the match list is read once; as an index constraint
            # they became one full-text lookup per id, each rereading the word's whole list to
            # weigh it (SQLite, 10k store, word + outlet: 45 ms -> 3 ms)
            ranked = f"{source} AND +{recency} IN ({newest})"
            ranked_params = [*match_params, *ids_params, *params, window]
            source, head = f"articles a WHERE {drive}a.id IN ({ids})", ids_params
        else:
            ranked = f"{source} ORDER BY {recency} DESC LIMIT ?"
            ranked_params = [*match_params, window]
            head = match_params
        sql = (
            f"SELECT {_SUMMARY} FROM (SELECT a.id AS hit, {score} AS score FROM {ranked}) w"
            " JOIN articles a ON a.id = w.hit ORDER BY w.score, a.id DESC LIMIT ? OFFSET ?"
        )
        page = store.session.execute(sql, [*ranked_params, limit, offset]).fetchall()
        head = [*head, *params]
    else:
        source, head = "articles a WHERE 1 = 1", params
        sql = f"SELECT {_SUMMARY} FROM {source}{where} ORDER BY a.id LIMIT ? OFFSET ?"
        page = store.session.execute(sql, [*head, limit, offset]).fetchall()
    if offset == 0 and len(page) < limit:
        return ArticlePage(len(page), True, [dict(r) for r in page])
    counted = store.session.one(
        f"SELECT count(*) AS n FROM (SELECT 1 FROM {source}{where} LIMIT ?) hits", [*head, cap + 1]
    )
    total = int(counted["n"]) if counted else 0
    return ArticlePage(min(total, cap), total <= cap, [dict(r) for r in page])


def facets(store: Store, top: int = FACET_TOP) -> dict[str, Any]:
    """The values search filters offer (the ``top`` most frequent of each), from aggregates."""
    session = store.session

    def names(sql: str) -> list[str]:
        return sorted(row["name"] for row in session.execute(sql, (top,)).fetchall())

    dates = session.one("SELECT min(date) AS first, max(date) AS last FROM articles WHERE date IS NOT NULL")
    return {
        "articles": store.article_count(),
        "outlets": names(
            "SELECT outlet AS name FROM articles WHERE outlet IS NOT NULL GROUP BY outlet"
            " ORDER BY count(*) DESC, outlet LIMIT ?"
        ),
        "speakers": names(
            "SELECT name FROM (SELECT speaker AS name, count(*) AS n FROM quotes WHERE speaker IS NOT NULL"
            " GROUP BY speaker UNION ALL SELECT name, count(*) AS n FROM chain_links WHERE role = 'speaker'"
            " GROUP BY name) named GROUP BY name ORDER BY sum(n) DESC, name LIMIT ?"
        ),
        "sources": names(
            "SELECT so.name AS name FROM article_sources x JOIN sources so ON so.id = x.source_id"
            " GROUP BY so.name ORDER BY count(*) DESC, so.name LIMIT ?"
        ),
        # one index probe per code, never a scan of every claim
        "factuality": sorted(
            code
            for code in FACTUALITY_CODES
            if session.one("SELECT 1 AS found FROM claims WHERE factuality = ? LIMIT 1", (code,))
        ),
        "date_min": dates["first"] if dates else None,
        "date_max": dates["last"] if dates else None,
    }


def claim_candidates(store: Store, text: str, limit: int = 50) -> list[dict[str, Any]]:
    """Stored claims containing every one of the longest words of ``text`` (a retelling keeps its
    names and nouns), best match first, each with its article's metadata and its chain."""
    words = sorted(
        {t.text for t in query_terms(text) if not t.phrase and len(t.text) > 2}, key=lambda w: (-len(w), w)
    )[:CLAIM_WORDS]
    if not words:
        return []
    sql, params = store.dialect.claim_match(query_terms(" ".join(words)), limit)
    ids = [row["row_id"] for row in store.session.execute(sql, params, native=True).fetchall()]
    return claims_by_row(store, ids)


def claims_by_row(store: Store, rows: Sequence[int]) -> list[dict[str, Any]]:
    """Claim rows (by claims.id), in the order given, with article metadata, quote speaker and chain."""
    if not rows:
        return []
    marks = ", ".join("?" * len(rows))
    found = {
        row["id"]: {**row, "chain": []}
        for row in store.session.execute(
            'SELECT c.id, c.article_id, c.claim_id, c.text, c.start, c."end", c.quote_id, c.certainty,'
            " c.polarity, c.factuality, c.cues, a.document, a.title, a.outlet, a.date,"
            " q.speaker AS quote_speaker"
            " FROM claims c JOIN articles a ON a.id = c.article_id"
            " LEFT JOIN quotes q ON q.article_id = c.article_id AND q.quote_id = c.quote_id"
            f" WHERE c.id IN ({marks})",
            list(rows),
        ).fetchall()
    }
    for link in store.session.execute(
        f"SELECT claim_row, name, role, kind, source_id FROM chain_links WHERE claim_row IN ({marks})"
        " ORDER BY claim_row, position",
        list(rows),
    ).fetchall():
        found[link["claim_row"]]["chain"].append(dict(link))
    return [found[r] for r in rows if r in found]


def count_rows(store: Store, article_ids: Sequence[int]) -> list[dict[str, Any]]:
    """The counted events of a few articles, with the articles' document and outlet."""
    if not article_ids:
        return []
    marks = ", ".join("?" * len(article_ids))
    return [
        dict(row)
        for row in store.session.execute(
            "SELECT n.article_id, a.document, a.outlet, n.number, n.qualifier, n.what, n.event, n.text,"
            f' n.start, n."end", n.place, n.time FROM counts n JOIN articles a ON a.id = n.article_id'
            f" WHERE n.article_id IN ({marks}) ORDER BY n.article_id, n.start",
            list(article_ids),
        ).fetchall()
    ]
