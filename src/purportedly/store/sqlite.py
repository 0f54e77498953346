"""The SQLite backend of the corpus store: schema, one transaction per article, and every SQL query."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from purportedly.model import Analysis

if TYPE_CHECKING:
    from purportedly.store.ingest import IngestSummary
    from purportedly.store.search import SearchHit

SCHEMA_VERSION = "1"
BUSY_TIMEOUT_MS = 60_000  # a concurrent ingest holds the write lock for one article at a time


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _schema_sql() -> str:
    return resources.files("purportedly.store").joinpath("schema.sql").read_text(encoding="utf-8")


class Store:
    """A corpus of analysed articles in one SQLite file.

    The API is small on purpose so that a second backend (PostgreSQL) can implement it:
    ``open``, ``close``, ``has``, ``add``, ``add_error``, ``analyses``, ``article_count``,
    ``errors``, ``search_rows``, ``query``. Everything else (ingest, search, corpus analysis,
    exports) is written against this API, never against SQL.
    """

    backend = "sqlite"

    def __init__(self, connection: sqlite3.Connection, path: str) -> None:
        self.connection = connection
        self.path = path

    # ------------------------------------------------------------------ lifecycle

    @classmethod
    def open(cls, path: str | Path = "purportedly.db", *, read_only: bool = False) -> Store:
        """Open (creating if needed) the store at ``path``; ':memory:' for a throwaway one.

        ``read_only`` opens an existing store without ever taking the write lock (for readers
        such as a web server running beside an ingest); it may be shared between threads.
        """
        path = str(path)
        if path.startswith(("postgres://", "postgresql://")):
            raise NotImplementedError("PostgreSQL stores are not supported yet; use a SQLite file path")
        if read_only:
            connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        else:
            if path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            # isolation_level=None: we issue BEGIN IMMEDIATE / COMMIT ourselves
            connection = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        connection.row_factory = sqlite3.Row
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        store = cls(connection, path)
        if not read_only:
            if path != ":memory:":
                connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA foreign_keys = ON")
            store._create_schema()
        return store

    def _has_schema(self) -> bool:
        found = self.connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'")
        return found.fetchone() is not None

    def _create_schema(self) -> None:
        # checked first so that opening an existing store takes no write lock
        if self._has_schema():
            return
        with self.transaction():
            for statement in _split_statements(_schema_sql()):
                self.connection.execute(statement)
            self.connection.execute(
                "INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', ?)", (SCHEMA_VERSION,)
            )

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE takes the write lock up front, so a concurrent writer waits
        (busy_timeout) instead of failing later with 'database is locked' on upgrade."""
        self.connection.execute("BEGIN IMMEDIATE")
        try:
            yield self.connection
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        self.connection.execute("COMMIT")

    # ------------------------------------------------------------------------ verbs

    def ingest(self, paths: list[str], **kwargs: Any) -> IngestSummary:
        """Read, analyse and store ``paths``; see ``ingest.ingest_paths``."""
        from purportedly.store.ingest import ingest_paths

        return ingest_paths(self, list(paths), **kwargs)

    def search(self, query: str, **filters: Any) -> list[SearchHit]:
        """Full-text search with filters; see ``search.search``."""
        from purportedly.store.search import search

        return search(self, query, **filters)

    # ---------------------------------------------------------------------- writes

    def has(self, identity: str) -> bool:
        """Whether an article with this identity (see ``ingest.article_identity``) is stored."""
        row = self.connection.execute("SELECT 1 FROM articles WHERE identity = ?", (identity,)).fetchone()
        return row is not None

    def add(self, analysis: Analysis, identity: str) -> bool:
        """Store one Analysis in one transaction; False (and nothing written) if already stored."""
        with self.transaction() as db:
            if db.execute("SELECT 1 FROM articles WHERE identity = ?", (identity,)).fetchone():
                return False
            article_id = _insert_article(db, analysis, identity)
            _insert_parts(db, article_id, analysis)
        return True

    def add_error(self, input_name: str, line: int | None, message: str) -> None:
        """Record an input that could not be read; the same error twice is kept once."""
        with self.transaction() as db:
            # not an upsert: UNIQUE(input, line, message) never matches a NULL line (whole-file errors)
            updated = db.execute(
                "UPDATE errors SET time = ? WHERE input = ? AND line IS ? AND message = ?",
                (_now(), input_name, line, message),
            )
            if not updated.rowcount:
                db.execute(
                    "INSERT INTO errors(input, line, message, time) VALUES (?, ?, ?, ?)",
                    (input_name, line, message, _now()),
                )

    # ----------------------------------------------------------------------- reads

    def article_count(self) -> int:
        return self.connection.execute("SELECT count(*) FROM articles").fetchone()[0]

    def analyses(self) -> Iterator[tuple[int, Analysis]]:
        """Every stored article as (article id, Analysis), in ingest order."""
        cursor = self.connection.execute("SELECT id, analysis FROM articles ORDER BY id")
        for row in cursor:
            yield row["id"], Analysis.model_validate_json(row["analysis"])

    def errors(self) -> list[dict[str, Any]]:
        return self.query("SELECT input, line, message, time FROM errors ORDER BY id")

    def query(self, sql: str, params: tuple | dict = ()) -> list[dict[str, Any]]:
        """Rows of a read-only SQL query as dicts (SQLite dialect)."""
        return [dict(row) for row in self.connection.execute(sql, params)]

    def search_rows(self, match: str, filters: dict[str, Any], limit: int) -> list[dict[str, Any]]:
        """Full-text hits for an FTS5 MATCH expression, filtered; see ``search.search``."""
        sql, params = _search_sql(match, filters, limit)
        return self.query(sql, params)


def _split_statements(script: str) -> list[str]:
    """The complete statements of a script (executescript would COMMIT our transaction)."""
    statements, pending = [], ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    return statements


# --------------------------------------------------------------------------- inserts


def _insert_article(db: sqlite3.Connection, analysis: Analysis, identity: str) -> int:
    article = analysis.article
    cursor = db.execute(
        "INSERT INTO articles(identity, document, title, date, outlet, authors, url, language, input_format,"
        " text, analysis, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            identity,
            analysis.document,
            analysis.title,
            analysis.date.isoformat() if analysis.date else None,
            analysis.outlet,
            json.dumps(analysis.authors),
            analysis.url,
            article.language,
            article.input_format,
            article.text,
            analysis.model_dump_json(),
            _now(),
        ),
    )
    article_id = cursor.lastrowid
    _index(db, "article", article_id, article_id, "\n".join(filter(None, [analysis.title, article.text])))
    return article_id


def _index(db: sqlite3.Connection, kind: str, row_id: int, article_id: int, body: str) -> None:
    db.execute(
        "INSERT INTO search_index(body, kind, row_id, article_id) VALUES (?, ?, ?, ?)",
        (body, kind, row_id, article_id),
    )


def _insert_parts(db: sqlite3.Connection, article_id: int, analysis: Analysis) -> None:
    db.executemany(
        'INSERT INTO segments(article_id, position, kind, start, "end", text) VALUES (?, ?, ?, ?, ?, ?)',
        [(article_id, i, s.kind, s.start, s.end, s.text) for i, s in enumerate(analysis.article.segments)],
    )
    _insert_quotes(db, article_id, analysis)
    _insert_sources(db, article_id, analysis)
    _insert_claims(db, article_id, analysis)
    _insert_entities(db, article_id, analysis)
    _insert_facts(db, article_id, analysis)


def _insert_quotes(db: sqlite3.Connection, article_id: int, analysis: Analysis) -> None:
    for quote in [*analysis.quotes, *analysis.indirect_quotes]:
        cursor = db.execute(
            'INSERT OR IGNORE INTO quotes(article_id, quote_id, kind, text, start, "end", speaker, cue,'
            " segment, nested_in, paragraph) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article_id,
                quote.id,
                quote.kind,
                quote.text,
                quote.start,
                quote.end,
                quote.speaker,
                quote.cue,
                quote.segment,
                quote.nested_in,
                quote.paragraph,
            ),
        )
        if cursor.rowcount:
            _index(db, "quote", cursor.lastrowid, article_id, quote.text)


def _insert_sources(db: sqlite3.Connection, article_id: int, analysis: Analysis) -> None:
    for source in analysis.sources:
        db.execute("INSERT OR IGNORE INTO sources(name, kind) VALUES (?, ?)", (source.name, source.kind))
        source_row = db.execute(
            "SELECT id FROM sources WHERE name = ? AND kind = ?", (source.name, source.kind)
        ).fetchone()[0]
        db.execute(
            "INSERT OR IGNORE INTO article_sources(article_id, source_id, local_id, aliases, mentions)"
            " VALUES (?, ?, ?, ?, ?)",
            (article_id, source_row, source.id, json.dumps(source.aliases), len(source.mentions)),
        )


def _insert_claims(db: sqlite3.Connection, article_id: int, analysis: Analysis) -> None:
    for claim in analysis.claims:
        f = claim.factuality
        cursor = db.execute(
            'INSERT OR IGNORE INTO claims(article_id, claim_id, text, start, "end", quote_id, certainty,'
            " polarity, factuality, cues) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article_id,
                claim.id,
                claim.text,
                claim.start,
                claim.end,
                claim.quote_id,
                f.certainty,
                f.polarity,
                f.value,
                json.dumps(f.cues),
            ),
        )
        if not cursor.rowcount:
            continue
        claim_row = cursor.lastrowid
        db.executemany(
            "INSERT INTO chain_links(claim_row, position, name, role, kind, source_id)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [
                (claim_row, i, link.name, link.role, link.kind, link.source_id)
                for i, link in enumerate(claim.chain)
            ],
        )
        _index(db, "claim", claim_row, article_id, claim.text)


def _insert_entities(db: sqlite3.Connection, article_id: int, analysis: Analysis) -> None:
    for entity in analysis.entities:
        db.execute("INSERT OR IGNORE INTO entities(name, type) VALUES (?, ?)", (entity.name, entity.type))
        entity_row = db.execute(
            "SELECT id FROM entities WHERE name = ? AND type = ?", (entity.name, entity.type)
        ).fetchone()[0]
        db.executemany(
            "INSERT OR IGNORE INTO entity_aliases(entity_id, alias) VALUES (?, ?)",
            [(entity_row, alias) for alias in {entity.name, *entity.aliases}],
        )
        db.executemany(
            'INSERT INTO entity_mentions(entity_id, article_id, text, start, "end") VALUES (?, ?, ?, ?, ?)',
            [(entity_row, article_id, m.text, m.start, m.end) for m in entity.mentions],
        )


def _insert_facts(db: sqlite3.Connection, article_id: int, analysis: Analysis) -> None:
    db.executemany(
        'INSERT INTO counts(article_id, number, qualifier, what, event, text, start, "end", place, time)'
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (article_id, c.number, c.qualifier, c.what, c.event, c.text, c.start, c.end, c.place, c.time)
            for c in analysis.counts
        ],
    )
    db.executemany(
        'INSERT INTO times(article_id, text, start, "end", value, granularity, period_start, period_end,'
        " anchor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                article_id,
                t.text,
                t.start,
                t.end,
                t.value,
                t.granularity,
                t.period_start,
                t.period_end,
                t.anchor,
            )
            for t in analysis.times
        ],
    )
    db.executemany(
        'INSERT INTO places(article_id, name, start, "end", resolved, geonameid, latitude, longitude,'
        " country_code, feature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                article_id,
                p.name,
                p.start,
                p.end,
                int(p.resolved),
                p.geonameid,
                p.latitude,
                p.longitude,
                p.country_code,
                p.feature,
            )
            for p in analysis.places
        ],
    )
    db.executemany(
        'INSERT INTO glossary(article_id, term, meaning, start, "end", category) VALUES (?, ?, ?, ?, ?, ?)',
        [(article_id, g.term, g.meaning, g.start, g.end, g.category) for g in analysis.glossary],
    )
    db.executemany(
        'INSERT INTO hedges(article_id, cue, category, sentence, start, "end", sentence_start, sentence_end)'
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (article_id, h.cue, h.category, h.sentence, h.start, h.end, h.sentence_start, h.sentence_end)
            for h in analysis.hedges
        ],
    )


# ---------------------------------------------------------------------------- search

_SEARCH_SELECT = """
SELECT s.kind, s.row_id, a.id AS article_id, a.document, a.title, a.outlet, a.date,
       snippet(search_index, 0, '[', ']', ' … ', 12) AS snippet, bm25(search_index) AS rank,
       q.speaker AS speaker, c.certainty AS certainty, c.factuality AS factuality
FROM search_index s
JOIN articles a ON a.id = s.article_id
LEFT JOIN quotes q ON s.kind = 'quote' AND q.id = s.row_id
LEFT JOIN claims c ON s.kind = 'claim' AND c.id = s.row_id
WHERE search_index MATCH :match
"""

# filter name -> SQL condition (parameters named after the filter)
_SEARCH_FILTERS = {
    "outlet": "a.outlet LIKE '%' || :outlet || '%'",
    "since": "a.date >= :since",
    "until": "a.date <= :until",
    # a quote hit must be by the speaker, a claim hit must have them as its chain's speaker,
    # an article hit must quote them
    "speaker": "(CASE s.kind WHEN 'quote' THEN q.speaker LIKE '%' || :speaker || '%'"
    " WHEN 'claim' THEN EXISTS (SELECT 1 FROM chain_links l WHERE l.claim_row = s.row_id"
    " AND l.role = 'speaker' AND l.name LIKE '%' || :speaker || '%')"
    " ELSE EXISTS (SELECT 1 FROM quotes q2 WHERE q2.article_id = a.id"
    " AND q2.speaker LIKE '%' || :speaker || '%') END)",
    # the article cites the source (by canonical name or an alias), or a claim's chain passes through it
    "source": "(EXISTS (SELECT 1 FROM article_sources x JOIN sources so ON so.id = x.source_id"
    " WHERE x.article_id = a.id"
    " AND (so.name LIKE '%' || :source || '%' OR x.aliases LIKE '%' || :source || '%'))"
    " OR (s.kind = 'claim' AND EXISTS (SELECT 1 FROM chain_links l WHERE l.claim_row = s.row_id"
    " AND l.name LIKE '%' || :source || '%')))",
    # factuality is a property of claims only, so it restricts hits to claims
    "factuality": "(s.kind = 'claim' AND (c.certainty = :factuality OR c.factuality = :factuality))",
    "kind": "s.kind = :kind",
}


def _search_sql(match: str, filters: dict[str, Any], limit: int) -> tuple[str, dict[str, Any]]:
    params: dict[str, Any] = {"match": match, "limit": limit}
    conditions = []
    for name, value in filters.items():
        if value is None:
            continue
        conditions.append(_SEARCH_FILTERS[name])
        params[name] = value
    sql = _SEARCH_SELECT + "".join(f" AND {c}" for c in conditions) + " ORDER BY rank LIMIT :limit"
    return sql, params
