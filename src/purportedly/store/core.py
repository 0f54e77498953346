"""The backend-neutral corpus store: one API over SQLite files and shared PostgreSQL databases."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from purportedly.model import Analysis
from purportedly.store import rows
from purportedly.store.dialect import Dialect, Session, query_terms, unpack_analysis
from purportedly.store.url import StoreError, parse_target, redact

if TYPE_CHECKING:
    from purportedly.store.browse import ArticlePage
    from purportedly.store.search import SearchHit

# 2: article_features (corpus projections); 3: article_recordings; 4: indexes for paging at scale
# (hedges_article, claims_factuality, ...); 5: SQLite keeps articles.analysis zlib-compressed (a BLOB;
# rows written before stay text and are read as they are); 6: article_sources_cited (source_id,
# article_id) replaces article_sources_source; 7: article_sources.hedged and article_entities (the
# sources and entities pages from SQL, backfilled from the stored analyses); 8: SQLite's search_index
# reads its text from articles, quotes and claims (external content over the search_content view)
# instead of a copy of it, and segments.text is written empty (the text is the article's); 9: the
# claim links kept at ingest (claim_wordings, wording_links, claim_wording, wording_words; filled by
# corpus/claim_links.py). An older store gets what it lacks on its next writable open.
SCHEMA_VERSION = "9"
ANALYSES_PAGE = 200  # articles read per query when iterating the corpus
RETRIES = 5  # a Postgres deadlock between two ingests aborts one of them; it simply runs again


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def dialect_for(backend: str) -> Dialect:
    if backend == "postgres":
        from purportedly.store.postgres import PostgresDialect

        return PostgresDialect()
    from purportedly.store.sqlite import SQLiteDialect

    return SQLiteDialect()


class Store:
    """A corpus of analysed articles: a SQLite file, or a PostgreSQL database a team shares.

    The API is small on purpose: ``open``, ``close``, ``has``, ``add``, ``add_error``, ``analyses``,
    ``article_count``, ``errors``, ``search_rows``, ``query``. Everything else (ingest, search,
    corpus analysis, exports) is written against this API, never against SQL; what differs between
    backends lives in their ``Dialect`` (``sqlite.py``, ``postgres.py``).
    """

    def __init__(self, connection: Any, path: str, dialect: Dialect | None = None) -> None:
        self.connection = connection
        self.path = path
        self.dialect = dialect or dialect_for("sqlite")
        self.session = Session(connection, self.dialect)

    @property
    def backend(self) -> str:
        return self.dialect.name

    @property
    def location(self) -> str:
        """Where the store is, safe to print (a URL's password is masked)."""
        return redact(self.path)

    # ------------------------------------------------------------------ lifecycle

    @classmethod
    def open(cls, target: str | Path = "purportedly.db", *, read_only: bool = False) -> Store:
        """Open (creating if needed) the store at ``target``.

        ``target`` is a file path, ``sqlite:///path``, ':memory:' for a throwaway store, or a
        ``postgresql://user:pass@host/dbname`` URL (needs the ``postgres`` extra: psycopg 3).
        ``read_only`` opens an existing store without ever writing or taking a write lock (for
        readers such as a web server running beside an ingest, and every verb that only reads).
        Raises StoreError (one line) for what is not a purportedly store: an unknown URL
        scheme, a directory, a device, a file that is not a SQLite database, a damaged database,
        or a database holding other tables and none of ours. Nothing is ever written to those.
        """
        backend, location = parse_target(target)
        dialect = dialect_for(backend)
        dialect.check_location(location, read_only=read_only)
        store = cls(dialect.connect(location, read_only=read_only), location, dialect)
        if not read_only:
            try:
                store._create_schema()
            except BaseException:
                store.close()
                raise
        return store

    def _create_schema(self) -> None:
        """Create the schema, or add what a store made by an older version lacks (every statement
        is CREATE ... IF NOT EXISTS). The corpus features are the corpus layer's to backfill
        (``corpus.features.refresh_features``; the ingest sink runs it)."""
        # checked first so that opening an up-to-date store takes no write lock
        if all(
            self.dialect.has_table(self.session, t)
            for t in ("meta", "article_features", "article_recordings")
        ):
            if self._schema_version() < int(SCHEMA_VERSION):  # never "upgrade" a newer store downwards
                tallied = self.dialect.has_table(self.session, "article_entities")
                self._write_schema(upgrade=True)
                if not tallied:
                    self._backfill_tallies()
            return
        # a store made by an older version (it has a meta table) gets its new tables filled too
        self._write_schema(upgrade=self.dialect.has_table(self.session, "meta"))

    def _backfill_tallies(self) -> None:
        """Schema 5: the per-article rows the sources and entities pages tally (hedged source
        mentions, article_entities), made from each stored Analysis, a page of articles at a time."""
        last = 0
        while True:
            page = self.session.execute(
                "SELECT id FROM articles WHERE id > ? ORDER BY id LIMIT ?", (last, ANALYSES_PAGE)
            ).fetchall()
            if not page:
                return
            with self.transaction() as db:
                for row in page:
                    analysis = self.analysis(row["id"])
                    if analysis is None:
                        continue
                    for source in analysis.sources:
                        hedged = rows.hedged_mentions(analysis, [m.start for m in source.mentions])
                        db.execute(
                            "UPDATE article_sources SET hedged = ? WHERE article_id = ? AND local_id = ?",
                            (hedged, row["id"], source.id),
                        )
                    rows.insert_article_entities(db, row["id"], analysis)
            last = page[-1]["id"]

    def _schema_version(self) -> int:
        row = self.session.one("SELECT value FROM meta WHERE key = 'schema_version'")
        return int(row["value"]) if row and str(row["value"]).isdigit() else 0

    def _write_schema(self, *, upgrade: bool) -> None:
        """Every CREATE ... IF NOT EXISTS of the schema, and its version, in one transaction."""
        with self.transaction() as db:
            self.dialect.create_schema(db, upgrade=upgrade)
            db.execute(
                "INSERT INTO meta(key, value) VALUES ('schema_version', ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (SCHEMA_VERSION,),
            )

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One write transaction; SQLite takes its write lock up front, so writers queue, not fail."""
        with self.dialect.transaction(self.connection):
            yield self.session

    # ------------------------------------------------------------------------ verbs

    def search(self, query: str, **filters: Any) -> list[SearchHit]:
        """Full-text search with filters; see ``search.search``."""
        from purportedly.store.search import search

        return search(self, query, **filters)

    # ---------------------------------------------------------------------- writes

    def has(self, identity: str) -> bool:
        """Whether an article with this identity (see ``ingest.article_identity``) is stored."""
        return self.session.one("SELECT 1 AS found FROM articles WHERE identity = ?", (identity,)) is not None

    def add(self, analysis: Analysis, identity: str, features: dict | None = None) -> bool:
        """Store one Analysis (with its corpus ``features`` row, when given) in one transaction;
        False (and nothing written) if already stored.

        The unique identity decides: of two concurrent adds of one article, one inserts and the
        other's insert does nothing.
        """
        for attempt in range(RETRIES):
            try:
                return self._add_once(analysis, identity, features)
            except Exception as error:
                if attempt == RETRIES - 1 or not self.dialect.is_retryable(error):
                    raise
        raise AssertionError("unreachable")

    def _add_once(self, analysis: Analysis, identity: str, features: dict | None) -> bool:
        with self.transaction() as db:
            article_id = rows.insert_article(db, analysis, identity, now())
            if article_id is None:
                return False
            rows.insert_parts(db, article_id, analysis, features)
        return True

    def add_error(self, input_name: str, line: int | None, message: str) -> None:
        """Record an input that could not be read; the same error twice is kept once."""
        with self.transaction() as db:
            self.dialect.record_error(db, input_name, line, message, now())

    # ----------------------------------------------------------------------- reads

    def article_count(self) -> int:
        row = self.session.one("SELECT count(*) AS n FROM articles")
        return int(row["n"]) if row else 0

    def require_corpus(self) -> Store:
        """This store, or StoreError when it holds no corpus yet (an empty database)."""
        if not self.has_schema():
            raise StoreError(f"{self.location}: no corpus in it yet; run `purportedly ingest ... --db` first")
        return self

    def has_schema(self) -> bool:
        """Whether the store's tables exist (a read-only open of an empty database has none)."""
        return self.dialect.has_table(self.session, "articles")

    def stamp(self) -> tuple[int, int]:
        """(article count, highest article id): changes whenever an article is added or removed,
        so readers can cache what they computed from the corpus until it changes."""
        if not self.has_schema():
            return (0, 0)
        row = self.session.one("SELECT count(*) AS n, max(id) AS last FROM articles")
        return (int(row["n"]), int(row["last"] or 0)) if row else (0, 0)

    def analysis(self, article_id: int) -> Analysis | None:
        """One stored article's Analysis, or None when there is no such article."""
        row = self.session.one("SELECT analysis FROM articles WHERE id = ?", (article_id,))
        return Analysis.model_validate_json(unpack_analysis(row["analysis"])) if row else None

    def analyses(self) -> Iterator[tuple[int, Analysis]]:
        """Every stored article as (article id, Analysis), in ingest order."""
        for article_id, text in self.analysis_texts():
            yield article_id, Analysis.model_validate_json(text)

    def analysis_texts(self) -> Iterator[tuple[int, str]]:
        """Every stored article as (article id, its Analysis JSON), in ingest order: for copying
        analyses out (an export) without building the objects."""
        # pages by id: a Postgres cursor would otherwise bring the whole corpus into memory at once
        last = 0
        while True:
            page = self.session.execute(
                "SELECT id, analysis FROM articles WHERE id > ? ORDER BY id LIMIT ?", (last, ANALYSES_PAGE)
            ).fetchall()
            for row in page:
                yield row["id"], unpack_analysis(row["analysis"])
            if len(page) < ANALYSES_PAGE:
                return
            last = page[-1]["id"]

    def find_articles(
        self, query: str = "", *, limit: int = 50, offset: int = 0, **filters: Any
    ) -> ArticlePage:
        """A page of the articles matching ``query`` and ``filters`` (outlet, since, until, speaker,
        source, factuality), each with its result-list figures; see ``browse.find_articles``."""
        from purportedly.store.browse import find_articles

        return find_articles(self, query, filters, limit=limit, offset=offset)

    def facets(self, top: int = 200) -> dict[str, Any]:
        """The most frequent values of each search filter; see ``browse.facets``."""
        from purportedly.store.browse import facets

        return facets(self, top)

    def claim_candidates(self, text: str, limit: int = 50) -> list[dict[str, Any]]:
        """Stored claims sharing the distinctive words of ``text``; see ``browse.claim_candidates``."""
        from purportedly.store.browse import claim_candidates

        return claim_candidates(self, text, limit)

    def count_rows(self, article_ids: list[int]) -> list[dict[str, Any]]:
        """The counted events of the given articles."""
        from purportedly.store.browse import count_rows

        return count_rows(self, article_ids)

    def errors(self) -> list[dict[str, Any]]:
        return self.query("SELECT input, line, message, time FROM errors ORDER BY id")

    def query(self, sql: str, params: tuple | dict = ()) -> list[dict[str, Any]]:
        """Rows of a read-only SQL query as dicts, in the backend's own SQL and parameter style."""
        cursor = self.connection.cursor()
        cursor.execute(sql, params) if params else cursor.execute(sql)
        return [dict(row) for row in cursor]

    def search_rows(self, query: str, filters: dict[str, Any], limit: int) -> list[dict[str, Any]]:
        """Full-text hits for what a user typed (every word or "phrase" must occur), filtered;
        see ``search.search``. No searchable words: no hits."""
        terms = query_terms(query)
        if not terms:
            return []
        sql, params = self.dialect.search_sql(terms, filters, limit)
        return [dict(row) for row in self.session.execute(sql, params, native=True)]
