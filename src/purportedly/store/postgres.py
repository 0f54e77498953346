"""The PostgreSQL dialect of the corpus store: one database a team shares, tsvector/GIN search."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import lru_cache
from importlib import resources
from typing import Any

from purportedly.store.browse import article_filters as browse_filters
from purportedly.store.dialect import Dialect, Session, Term, filter_conditions, search_filters
from purportedly.store.url import redact

TEXT_SEARCH_CONFIG = "english"  # snowball stemming, as SQLite's porter tokenizer
CONNECT_TIMEOUT_S = 10
SCHEMA_LOCK = 0x70757270  # advisory lock: two first opens of an empty database create the schema once
RANK_WINDOW = 2000  # claims ranked per lookup, the newest first
HEADLINE_OPTIONS = "StartSel=[, StopSel=], MinWords=8, MaxWords=24"
_WORD = re.compile(r"[^\W_]+")


def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError as error:  # an optional extra
        raise ImportError(
            "a postgresql:// store needs psycopg 3: pip install 'purportedly[postgres]'"
        ) from error
    return psycopg


def _schema_sql() -> str:
    return resources.files("purportedly.store").joinpath("schema_postgres.sql").read_text(encoding="utf-8")


@lru_cache(maxsize=256)
def _pyformat(sql: str) -> str:
    """qmark SQL in psycopg's style (our shared SQL has no '?' or '%' inside literals)."""
    return sql.replace("%", "%%").replace("?", "%s")


def websearch_text(terms: list[Term]) -> str:
    """websearch_to_tsquery input in which every word or phrase must occur: each is quoted, so a
    typed 'or' or '-word' is a word, never an operator."""
    return " ".join(f'"{t.text}"' for t in terms if not t.prefix)


def prefix_query(terms: list[Term]) -> str:
    """to_tsquery input for the prefix terms (word*): letters only, so it is always valid syntax."""
    parts = []
    for term in terms:
        words = _WORD.findall(term.text) if term.prefix else []
        if words:
            parts.append(" & ".join([*words[:-1], words[-1] + ":*"]))
    return " & ".join(parts)


class PostgresDialect(Dialect):
    name = "postgres"

    def connect(self, location: str, *, read_only: bool) -> Any:
        psycopg = _psycopg()
        from psycopg.rows import dict_row

        # autocommit: transactions are explicit (Connection.transaction), reads never hold one open
        try:
            connection = psycopg.connect(
                location, autocommit=True, row_factory=dict_row, connect_timeout=CONNECT_TIMEOUT_S
            )
        except psycopg.OperationalError as error:  # the message names host and port, never the password
            raise ConnectionError(f"cannot connect to {redact(location)}: {error}") from error
        if read_only:
            connection.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
        return connection

    @contextmanager
    def transaction(self, connection: Any) -> Iterator[Any]:
        with connection.transaction():
            yield connection

    def sql(self, text: str) -> str:
        return _pyformat(text)

    converts_values = True

    def value(self, value: Any) -> Any:
        # Postgres text cannot hold NUL; U+FFFD keeps every character offset where it was
        return value.replace("\x00", "\ufffd") if isinstance(value, str) else value

    def is_store_error(self, error: BaseException) -> bool:
        return isinstance(error, _psycopg().Error)

    def is_retryable(self, error: BaseException) -> bool:
        errors = _psycopg().errors
        return isinstance(error, errors.DeadlockDetected | errors.SerializationFailure)

    def has_table(self, session: Session, name: str) -> bool:
        row = session.one("SELECT to_regclass(?::text) IS NOT NULL AS found", (name,))
        return bool(row and row["found"])

    def create_schema(self, session: Session, *, upgrade: bool = False) -> None:
        session.execute("SELECT pg_advisory_xact_lock(?)", (SCHEMA_LOCK,))
        # another opener may have made (or updated) it while we waited; the newest tables tell (an
        # upgrade's statements are all IF NOT EXISTS / OR REPLACE, so running them twice is harmless)
        if upgrade or not all(self.has_table(session, t) for t in ("article_features", "article_recordings")):
            session.execute(_schema_sql(), native=True)

    def record_error(
        self, session: Session, input_name: str, line: int | None, message: str, time: str
    ) -> None:
        # a true upsert (errors_once index), so two ingests recording one error keep one row
        session.execute(
            "INSERT INTO errors(input, line, message, time) VALUES (?, ?, ?, ?)"
            " ON CONFLICT ((md5(input)), (COALESCE(line, -1)), (md5(message)))"
            " DO UPDATE SET time = EXCLUDED.time",
            (input_name, line, message, time),
        )

    def search_sql(
        self, terms: list[Term], filters: Mapping[str, Any], limit: int
    ) -> tuple[str, dict[str, Any]]:
        params: dict[str, Any] = {
            "config": TEXT_SEARCH_CONFIG,
            "words": websearch_text(terms),
            "prefixes": prefix_query(terms),
            "headline": HEADLINE_OPTIONS,
            "limit": limit,
        }
        where = filter_conditions(filters, _FILTERS, params)
        return _SEARCH_SQL.format(filters=where), params

    article_filters = browse_filters("{column} ILIKE '%' || ?::text || '%'")

    def article_match(self, terms: list[Term]) -> tuple[str, str, str, list[Any]]:
        return (
            f"(SELECT websearch_to_tsquery('{TEXT_SEARCH_CONFIG}', ?::text)"
            f" && to_tsquery('{TEXT_SEARCH_CONFIG}', ?::text) AS query) needle,"
            " search_index s JOIN articles a ON a.id = s.article_id"
            " WHERE s.terms @@ needle.query AND s.kind = 'article'",
            "-ts_rank_cd(s.terms, needle.query)",
            "a.id",
            [websearch_text(terms), prefix_query(terms)],
        )

    def article_ids(self, terms: list[Term]) -> tuple[str, list[Any]]:
        return (
            "SELECT s.article_id FROM search_index s WHERE s.kind = 'article' AND s.terms @@"
            f" (websearch_to_tsquery('{TEXT_SEARCH_CONFIG}', ?::text)"
            f" && to_tsquery('{TEXT_SEARCH_CONFIG}', ?::text))",
            [websearch_text(terms), prefix_query(terms)],
        )

    def claim_match(self, terms: list[Term], limit: int) -> tuple[str, dict[str, Any]]:
        return (
            # the best-ranked among the newest RANK_WINDOW matches, as on SQLite
            "SELECT row_id FROM (SELECT s.row_id, ts_rank_cd(s.terms, needle.query) AS rank"
            " FROM (SELECT websearch_to_tsquery(%(config)s::regconfig, %(words)s::text)"
            " && to_tsquery(%(config)s::regconfig, %(prefixes)s::text) AS query) needle, search_index s"
            " WHERE s.terms @@ needle.query AND s.kind = 'claim'"
            " ORDER BY s.id DESC LIMIT %(window)s) newest ORDER BY rank DESC LIMIT %(limit)s",
            {
                "window": RANK_WINDOW,
                "config": TEXT_SEARCH_CONFIG,
                "words": websearch_text(terms),
                "prefixes": prefix_query(terms),
                "limit": limit,
            },
        )


# The snippet (ts_headline reads the whole body) is made for the page of hits only, after LIMIT.
_SEARCH_SQL = """
WITH needle AS (
    SELECT websearch_to_tsquery(%(config)s::regconfig, %(words)s::text)
           && to_tsquery(%(config)s::regconfig, %(prefixes)s::text) AS query
)
SELECT h.kind, h.row_id, h.article_id, h.document, h.title, h.outlet, h.date,
       ts_headline(%(config)s::regconfig, h.body, needle.query, %(headline)s::text) AS snippet,
       h.rank, h.speaker, h.certainty, h.factuality
FROM (
    SELECT s.id, s.kind, s.row_id, a.id AS article_id, a.document, a.title, a.outlet, a.date, s.body,
           ts_rank_cd(s.terms, needle.query) AS rank,
           q.speaker AS speaker, c.certainty AS certainty, c.factuality AS factuality
    FROM search_index s
    CROSS JOIN needle
    JOIN articles a ON a.id = s.article_id
    LEFT JOIN quotes q ON s.kind = 'quote' AND q.id = s.row_id
    LEFT JOIN claims c ON s.kind = 'claim' AND c.id = s.row_id
    WHERE s.terms @@ needle.query{filters}
    ORDER BY rank DESC, s.id
    LIMIT %(limit)s
) h CROSS JOIN needle
ORDER BY h.rank DESC, h.id
"""

_FILTERS = search_filters(
    param=lambda name: f"%({name})s",
    contains=lambda column, name: f"{column} ILIKE '%%' || %({name})s::text || '%%'",
)
