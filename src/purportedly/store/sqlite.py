"""The SQLite dialect of the corpus store: one file, WAL, BEGIN IMMEDIATE writers, FTS5 search."""

from __future__ import annotations

import os
import sqlite3
import stat
import zlib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from purportedly.store.browse import article_filters as browse_filters
from purportedly.store.core import Store
from purportedly.store.dialect import Dialect, Session, Term, filter_conditions, search_filters
from purportedly.store.url import StoreError

__all__ = ["SQLiteDialect", "Store", "fts_match"]

RANK_WINDOW = 2000  # matches ranked per lookup, the newest first (see browse.find_articles)
WRITER_CACHE_KB = 65_536
BUSY_TIMEOUT_MS = 60_000  # a concurrent ingest holds the write lock for one article at a time
ANALYSIS_COMPRESSION = 6  # zlib level: level 9 saves ~3% more and takes twice the time
PACKED_TEXT_MIN = 200  # shorter feature JSON stays text: zlib's 11-byte frame would outgrow the saving
SQLITE_HEADER = b"SQLite format 3\x00"  # the first 16 bytes of every SQLite database file
# search_index rowid of a hit = its row's id + this (schema.sql's search_content view says the same)
SEARCH_ROWID = {"article": 0, "quote": 2**40, "claim": 2**41}


def _schema_sql() -> str:
    return resources.files("purportedly.store").joinpath("schema.sql").read_text(encoding="utf-8")


def fts_match(terms: list[Term]) -> str:
    """An FTS5 MATCH expression in which every term must occur; each is quoted, so no user text
    is ever read as FTS5 syntax."""
    return " ".join(f'"{t.text}"' + ("*" if t.prefix else "") for t in terms)


class SQLiteDialect(Dialect):
    name = "sqlite"
    copied_search_index = False  # whether the store's search_index still copies its texts (schema < 8)

    def is_store_error(self, error: BaseException) -> bool:
        return isinstance(error, sqlite3.Error)

    def pack_analysis(self, analysis_json: str) -> bytes:
        """zlib-compressed: the Analysis JSON is most of a stored article (~50 KB of repetitive
        keys and offsets, ~7 KB compressed) and SQLite keeps values as they are given."""
        return zlib.compress(analysis_json.encode("utf-8"), ANALYSIS_COMPRESSION)

    def pack_text(self, json_text: str) -> str | bytes:
        """Feature JSON (story shingles, counts, dated sentences: ~8 KB an article, 14% of a store
        before schema 8) compressed like the Analysis, unless it is short."""
        if len(json_text) < PACKED_TEXT_MIN:
            return json_text
        return zlib.compress(json_text.encode("utf-8"), ANALYSIS_COMPRESSION)

    def check_location(self, location: str, *, read_only: bool) -> None:
        """A missing file is created by a writer; anything there must be a SQLite database file
        (or empty), so an unrelated file is never turned into a store."""
        if location == ":memory:":
            return
        try:
            info = os.stat(location)
        except FileNotFoundError:
            if read_only:
                raise StoreError(f"{location}: no corpus there (file not found)") from None
            return
        except OSError as exc:
            raise StoreError(f"{location}: cannot open: {exc.strerror or exc}") from exc
        if stat.S_ISDIR(info.st_mode):
            raise StoreError(f"{location}: is a directory, not a corpus store file")
        if not stat.S_ISREG(info.st_mode):
            raise StoreError(f"{location}: not a regular file (a device, FIFO or socket), not a corpus store")
        if info.st_size == 0:
            return  # an empty file: a writer makes it a store; a reader sees an empty corpus
        try:
            with open(location, "rb") as handle:
                header = handle.read(100)
        except OSError as exc:
            raise StoreError(f"{location}: cannot open: {exc.strerror or exc}") from exc
        if not header.startswith(SQLITE_HEADER):
            raise StoreError(f"{location}: not a SQLite database, so not a purportedly corpus store")
        promised = _header_size(header)
        if info.st_size < promised:
            raise StoreError(f"{location}: truncated database ({info.st_size:,} bytes of {promised:,})")

    @staticmethod
    def check_corpus(connection: sqlite3.Connection, shown: str) -> None:
        """A database with tables must have ours (the meta table); a damaged file is named as such.
        Run before anything is written (even the WAL switch)."""
        try:
            query = "SELECT name FROM sqlite_master WHERE type = 'table'"
            names = {row["name"] for row in connection.execute(query)}
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{shown}: damaged or not a SQLite database ({exc})") from exc
        if names and "meta" not in names:
            raise StoreError(
                f"{shown}: a SQLite database, but not a purportedly corpus store (it has other tables);"
                " name a new file for --db"
            )
        if names:
            try:
                connection.execute("SELECT count(*) AS n FROM meta").fetchall()
            except sqlite3.DatabaseError as exc:
                raise StoreError(f"{shown}: damaged database ({exc})") from exc

    def connect(self, location: str, *, read_only: bool) -> sqlite3.Connection:
        if read_only:
            # may be shared between threads (a web server); it never writes. A file: URI, so a
            # path holding '?' or '#' is still a path
            uri = f"{Path(location).absolute().as_uri()}?mode=ro"
            try:
                connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
            except sqlite3.DatabaseError as exc:
                raise StoreError(f"{location}: cannot open read-only ({exc})") from exc
        else:
            if location != ":memory:":
                Path(location).parent.mkdir(parents=True, exist_ok=True)
            # isolation_level=None: we issue BEGIN IMMEDIATE / COMMIT ourselves
            connection = sqlite3.connect(location, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        connection.row_factory = sqlite3.Row
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        try:
            self.check_corpus(connection, location)
        except StoreError:
            connection.close()
            raise
        self.copied_search_index = _copies_texts(connection)
        if not read_only:
            if location != ":memory:":
                connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA foreign_keys = ON")
            # the default 2 MB page cache rereads the upper levels of a big store's indexes on every
            # insert; 64 MB holds them for an archive of a million articles
            connection.execute(f"PRAGMA cache_size = -{WRITER_CACHE_KB}")
        return connection

    @contextmanager
    def transaction(self, connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE takes the write lock up front, so a concurrent writer waits
        (busy_timeout) instead of failing later with 'database is locked' on upgrade."""
        connection.execute("BEGIN IMMEDIATE")
        try:
            yield connection
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")

    def has_table(self, session: Session, name: str) -> bool:
        return session.one("SELECT 1 AS found FROM sqlite_master WHERE name = ?", (name,)) is not None

    def create_schema(self, session: Session, *, upgrade: bool = False) -> None:
        indexed = {name: self.has_table(session, name) for name in ("article_text", "claim_text")}
        indexed["search_index"] = not _drop_copied_search_index(session)
        self.copied_search_index = False
        # statement by statement: executescript would COMMIT our transaction
        for statement in _split_statements(_schema_sql()):
            session.execute(statement)
        for name, existed in indexed.items():
            if upgrade and not existed:  # an older store: index the text it already holds
                session.execute(f"INSERT INTO {name}({name}) VALUES ('rebuild')")
        columns = {row["name"] for row in session.execute("PRAGMA table_info(article_sources)").fetchall()}
        if "hedged" not in columns:  # schema 7; core.Store fills it for the articles already stored
            session.execute("ALTER TABLE article_sources ADD COLUMN hedged INTEGER NOT NULL DEFAULT 0")

    def record_error(
        self, session: Session, input_name: str, line: int | None, message: str, time: str
    ) -> None:
        # not an upsert: UNIQUE(input, line, message) never matches a NULL line (whole-file errors);
        # safe because the transaction holds SQLite's single write lock
        updated = session.execute(
            "UPDATE errors SET time = ? WHERE input = ? AND line IS ? AND message = ?",
            (time, input_name, line, message),
        )
        if not updated.rowcount:
            session.execute(
                "INSERT INTO errors(input, line, message, time) VALUES (?, ?, ?, ?)",
                (input_name, line, message, time),
            )

    def search_sql(
        self, terms: list[Term], filters: Mapping[str, Any], limit: int
    ) -> tuple[str, dict[str, Any]]:
        params: dict[str, Any] = {"match": fts_match(terms), "limit": limit}
        where = filter_conditions(filters, _FILTERS, params)
        if self.copied_search_index:  # a store from before schema 8, read before its upgrade
            return _COPIED_SEARCH_SQL.format(filters=where), params
        return _SEARCH_SQL.format(filters=where), params

    article_filters = browse_filters("{column} LIKE '%' || ? || '%'")  # LIKE ignores (ASCII) case

    def article_match(self, terms: list[Term]) -> tuple[str, str, str, list[Any]]:
        return (
            "article_text f JOIN articles a ON a.id = f.rowid WHERE article_text MATCH ?",
            "f.rank",
            "f.rowid",
            [fts_match(terms)],
        )

    def article_ids(self, terms: list[Term]) -> tuple[str, list[Any]]:
        return "SELECT rowid FROM article_text WHERE article_text MATCH ?", [fts_match(terms)]

    def claim_match(self, terms: list[Term], limit: int) -> tuple[str, dict[str, Any]]:
        # the best-ranked among the newest RANK_WINDOW matches: ranking every match grows with the corpus
        return (
            "SELECT row_id FROM (SELECT rowid AS row_id, rank FROM claim_text WHERE claim_text MATCH :match"
            " ORDER BY rowid DESC LIMIT :window) newest ORDER BY rank LIMIT :limit",
            {"match": fts_match(terms), "limit": limit, "window": RANK_WINDOW},
        )

    def index_article(self, session: Session, article_id: int, title: str | None, text: str) -> None:
        session.execute(
            "INSERT INTO article_text(rowid, title, text) VALUES (?, ?, ?)", (article_id, title, text)
        )

    def index_text(self, session: Session, kind: str, row_id: int, article_id: int, body: str) -> None:
        # external content: only the index is written; the text stays in its own row
        session.execute(
            "INSERT INTO search_index(rowid, body, kind, row_id, article_id) VALUES (?, ?, ?, ?, ?)",
            (row_id + SEARCH_ROWID[kind], body, kind, row_id, article_id),
        )

    def index_claim(self, session: Session, claim_row: int, text: str) -> None:
        session.execute("INSERT INTO claim_text(rowid, text) VALUES (?, ?)", (claim_row, text))


def _copies_texts(connection: sqlite3.Connection) -> bool:
    """Whether the store's search_index keeps its own copy of every text (made before schema 8)."""
    query = "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'search_index'"
    row = connection.execute(query).fetchone()
    return row is not None and "search_content" not in row["sql"]


def _drop_copied_search_index(session: Session) -> bool:
    """Schema 8: drop a search_index that copies its texts, so the schema makes it again over
    search_content and it is rebuilt from the rows; whether so."""
    if not _copies_texts(session.connection):
        return False
    session.execute("DROP TABLE search_index")
    return True


def _header_size(header: bytes) -> int:
    """The file size a database header promises (page size x page count), 0 when it promises none.

    The count is only valid when the change counter (offset 24) matches offset 92, as SQLite says.
    """
    if len(header) < 100 or header[24:28] != header[92:96]:
        return 0
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    return page_size * int.from_bytes(header[28:32], "big")


def _split_statements(script: str) -> list[str]:
    """The complete statements of a script."""
    statements, pending = [], ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    return statements


# Ranked from the index alone: a hit's kind and row come from its rowid (SEARCH_ROWID), its article
# through its quote or claim row, so no text is read while every match is ranked; the snippet
# (which reads the text) is made for the page of hits only, by looking each one up again. Equal
# scores (a wording many reports share) go newest article first, then in the article's order, so a
# page does not depend on the order the index keeps its rows in.
_SEARCH_SQL = """
SELECT h.*,
       (SELECT snippet(search_index, 0, '[', ']', ' … ', 12) FROM search_index
        WHERE search_index MATCH :match AND rowid = h.hit) AS snippet
FROM (
    SELECT s.hit, s.kind, s.row_id, a.id AS article_id, a.document, a.title, a.outlet, a.date, s.rank,
           q.speaker AS speaker, c.certainty AS certainty, c.factuality AS factuality
    FROM (
        SELECT rowid AS hit, rank,
               CASE WHEN rowid >= 2199023255552 THEN 'claim' WHEN rowid >= 1099511627776 THEN 'quote'
                    ELSE 'article' END AS kind,
               rowid - CASE WHEN rowid >= 2199023255552 THEN 2199023255552
                            WHEN rowid >= 1099511627776 THEN 1099511627776 ELSE 0 END AS row_id
        FROM search_index WHERE search_index MATCH :match
    ) s
    LEFT JOIN quotes q ON s.kind = 'quote' AND q.id = s.row_id
    LEFT JOIN claims c ON s.kind = 'claim' AND c.id = s.row_id
    JOIN articles a ON a.id = CASE s.kind WHEN 'article' THEN s.row_id WHEN 'quote' THEN q.article_id
                                          ELSE c.article_id END
    WHERE 1 = 1{filters}
    ORDER BY s.rank, a.id DESC, s.hit
    LIMIT :limit
) h
ORDER BY h.rank, h.article_id DESC, h.hit
"""

# The same for a store from before schema 8 (its index holds kind, row and article of each text).
_COPIED_SEARCH_SQL = """
SELECT s.kind, s.row_id, a.id AS article_id, a.document, a.title, a.outlet, a.date,
       snippet(search_index, 0, '[', ']', ' … ', 12) AS snippet, bm25(search_index) AS rank,
       q.speaker AS speaker, c.certainty AS certainty, c.factuality AS factuality
FROM search_index s
JOIN articles a ON a.id = s.article_id
LEFT JOIN quotes q ON s.kind = 'quote' AND q.id = s.row_id
LEFT JOIN claims c ON s.kind = 'claim' AND c.id = s.row_id
WHERE search_index MATCH :match{filters}
ORDER BY rank, a.id DESC, s.rowid LIMIT :limit
"""

_FILTERS = search_filters(
    param=lambda name: f":{name}",
    # SQLite's LIKE ignores case (ASCII)
    contains=lambda column, name: f"{column} LIKE '%' || :{name} || '%'",
)
