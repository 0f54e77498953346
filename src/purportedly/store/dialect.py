"""What differs between store backends (connections, transactions, schema, search), and the shared session."""

from __future__ import annotations

import re
import zlib
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

Row = Mapping[str, Any]

# a "quoted phrase", or a bare word (optionally with a trailing * for prefix search)
_QUERY_PART = re.compile(r'"([^"]+)"|([\w\'’-]+\*?)', re.UNICODE)


@dataclass(frozen=True)
class Term:
    """One part of what a user typed into search: a word or a "phrase", maybe a prefix (word*)."""

    text: str
    phrase: bool = False
    prefix: bool = False


def query_terms(text: str) -> list[Term]:
    """The words and phrases of a user's query; operators and stray quotes are never kept as syntax."""
    terms = []
    for phrase, word in _QUERY_PART.findall(text):
        if phrase.replace('"', "").strip():
            terms.append(Term(phrase.replace('"', ""), phrase=True))
        elif word:
            core = word.rstrip("*").replace('"', "")
            if core:
                terms.append(Term(core, prefix=word.endswith("*")))
    return terms


class Dialect(ABC):
    """One backend's SQL and connection behaviour; everything else is written once in ``core``/``rows``."""

    name: str

    @abstractmethod
    def connect(self, location: str, *, read_only: bool) -> Any:
        """A DB-API connection whose rows read as mappings."""

    def is_store_error(self, error: BaseException) -> bool:
        """Whether ``error`` came from the database (disk full, read-only, connection lost)."""
        return False

    def check_location(self, location: str, *, read_only: bool) -> None:
        """Refuse, before connecting, a location that cannot be a store (StoreError)."""
        return None  # a server URL is checked by connecting

    @abstractmethod
    def transaction(self, connection: Any) -> AbstractContextManager[Any]:
        """One write transaction: committed on success, rolled back on any error."""

    @abstractmethod
    def create_schema(self, session: Session, *, upgrade: bool = False) -> None:
        """Create the tables, indexes, full-text index and views unless they exist (``upgrade``:
        a store made by an older version, which has some of them)."""

    @abstractmethod
    def has_table(self, session: Session, name: str) -> bool: ...

    @abstractmethod
    def record_error(
        self, session: Session, input_name: str, line: int | None, message: str, time: str
    ) -> None:
        """Insert an error row, or refresh its time if the same (input, line, message) is there."""

    @abstractmethod
    def search_sql(
        self, terms: list[Term], filters: Mapping[str, Any], limit: int
    ) -> tuple[str, dict[str, Any]]:
        """SQL and parameters of a full-text search; rows as ``search.SearchHit`` needs them."""

    # condition name -> SQL on an article ``a`` (see ``browse.article_filters``), qmark placeholders
    article_filters: Mapping[str, str] = {}

    @abstractmethod
    def article_match(self, terms: list[Term]) -> tuple[str, str, str, list[Any]]:
        """(FROM ... WHERE clause joining ``articles a`` to the full-text hits of its text, a score
        (lower is better), the hit's recency (higher is newer), parameters), in shared qmark SQL."""

    @abstractmethod
    def article_ids(self, terms: list[Term]) -> tuple[str, list[Any]]:
        """A SELECT of the ids of the articles whose text matches ``terms``, and its parameters."""

    @abstractmethod
    def claim_match(self, terms: list[Term], limit: int) -> tuple[str, dict[str, Any]]:
        """Native SQL and parameters giving the ``row_id`` of the best ``limit`` claims matching ``terms``."""

    def index_article(self, session: Session, article_id: int, title: str | None, text: str) -> None:
        """Add an article to the backend's per-kind article index, if it keeps one apart."""
        return None  # Postgres: a partial index over search_index serves

    def index_text(self, session: Session, kind: str, row_id: int, article_id: int, body: str) -> None:
        """Make a text (an article's, a quote's, a claim's) findable through ``search_index``."""
        session.execute(
            "INSERT INTO search_index(body, kind, row_id, article_id) VALUES (?, ?, ?, ?)",
            (body, kind, row_id, article_id),
        )

    def index_claim(self, session: Session, claim_row: int, text: str) -> None:
        """Add a claim to the backend's per-kind claim index, if it keeps one apart."""
        return None

    def sql(self, text: str) -> str:
        """Shared SQL (qmark placeholders) in this backend's parameter style."""
        return text

    converts_values = False  # whether ``value`` changes anything (else parameters pass as they are)

    def value(self, value: Any) -> Any:
        """A parameter as this backend can store it."""
        return value

    def pack_analysis(self, analysis_json: str) -> str | bytes:
        """The Analysis JSON as this backend stores it (Postgres compresses large values itself)."""
        return analysis_json

    def pack_text(self, json_text: str) -> str | bytes:
        """A JSON column of the corpus features as this backend stores it (see ``pack_analysis``)."""
        return json_text

    def is_retryable(self, error: BaseException) -> bool:
        """Whether a failed transaction may simply be run again (a deadlock between concurrent ingests)."""
        return False


def unpack_analysis(stored: str | bytes | memoryview) -> str:
    """The Analysis JSON from a stored value: text as older stores (and Postgres) keep it, or the
    zlib-compressed UTF-8 that SQLite stores write since schema version 5."""
    if isinstance(stored, str):
        return stored
    return zlib.decompress(stored).decode("utf-8")


def unpack_text(stored: str | bytes | memoryview) -> str:
    """A JSON column (the corpus features) as text: text as older stores, Postgres and short values
    keep it, or zlib-compressed UTF-8 as SQLite stores write longer ones since schema 8."""
    return unpack_analysis(stored)


class Session:
    """A connection seen through its dialect: shared SQL runs unchanged on every backend."""

    def __init__(self, connection: Any, dialect: Dialect) -> None:
        self.connection = connection
        self.dialect = dialect

    def _values(self, params: Sequence[Any] | Mapping[str, Any]) -> Any:
        if not self.dialect.converts_values:
            return params
        value = self.dialect.value
        if isinstance(params, Mapping):
            return {k: value(v) for k, v in params.items()}
        return tuple(value(v) for v in params)

    def execute(
        self, sql: str, params: Sequence[Any] | Mapping[str, Any] = (), *, native: bool = False
    ) -> Any:
        """Run shared SQL (qmark placeholders), or with ``native`` SQL already in the backend's style."""
        cursor = self.connection.cursor()
        statement = sql if native else self.dialect.sql(sql)
        # no parameters at all: psycopg would otherwise read every '%' as a placeholder
        if params:
            cursor.execute(statement, self._values(params))
        else:
            cursor.execute(statement)
        return cursor

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        batch = [self._values(row) for row in rows]
        if batch:
            self.connection.cursor().executemany(self.dialect.sql(sql), batch)

    def one(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> Row | None:
        # fetchall: an INSERT ... RETURNING left unfinished would hold its statement open in SQLite
        found = self.execute(sql, params).fetchall()
        return found[0] if found else None

    def inserted_id(self, sql: str, params: Sequence[Any]) -> int | None:
        """The id of an ``INSERT ... ON CONFLICT DO NOTHING RETURNING id``; None when it conflicted."""
        row = self.one(sql, params)
        return None if row is None else row["id"]


def search_filters(param: Callable[[str], str], contains: Callable[[str, str], str]) -> dict[str, str]:
    """Filter name -> SQL condition over the hit (s), article (a), quote (q) and claim (c).

    Written once for all backends: ``param(name)`` is a placeholder, ``contains(column, name)`` a
    case-insensitive substring test.
    """
    speaker_in_chain = (
        "EXISTS (SELECT 1 FROM chain_links l WHERE l.claim_row = s.row_id"
        f" AND l.role = 'speaker' AND {contains('l.name', 'speaker')})"
    )
    return {
        "outlet": contains("a.outlet", "outlet"),
        "since": f"a.date >= {param('since')}",
        "until": f"a.date <= {param('until')}",
        # a quote hit must be by the speaker, a claim hit must have them as its chain's speaker,
        # an article hit must quote them
        "speaker": f"(CASE s.kind WHEN 'quote' THEN {contains('q.speaker', 'speaker')}"
        f" WHEN 'claim' THEN {speaker_in_chain}"
        " ELSE EXISTS (SELECT 1 FROM quotes q2 WHERE q2.article_id = a.id"
        f" AND {contains('q2.speaker', 'speaker')}) END)",
        # the article cites the source (by canonical name or an alias), or a claim's chain passes through it
        "source": "(EXISTS (SELECT 1 FROM article_sources x JOIN sources so ON so.id = x.source_id"
        f" WHERE x.article_id = a.id AND ({contains('so.name', 'source')}"
        f" OR {contains('x.aliases', 'source')}))"
        " OR (s.kind = 'claim' AND EXISTS (SELECT 1 FROM chain_links l WHERE l.claim_row = s.row_id"
        f" AND {contains('l.name', 'source')})))",
        # factuality is a property of claims only, so it restricts hits to claims
        "factuality": f"(s.kind = 'claim' AND (c.certainty = {param('factuality')}"
        f" OR c.factuality = {param('factuality')}))",
        "kind": f"s.kind = {param('kind')}",
    }


def filter_conditions(
    filters: Mapping[str, Any], conditions: Mapping[str, str], params: dict[str, Any]
) -> str:
    """' AND ...' for every filter that is set; adds their values to ``params``."""
    sql = ""
    for name, value in filters.items():
        if value is None:
            continue
        sql += f" AND {conditions[name]}"
        params[name] = value
    return sql
