"""Read-only checks of a store file after a crash or a race: integrity, orphans, child rows per article."""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path

from purportedly.model import Analysis
from purportedly.store.dialect import unpack_analysis

# child table -> (its parent key, the parent table); a row whose parent is missing is an orphan
PARENTS = {
    "segments": ("article_id", "articles"),
    "quotes": ("article_id", "articles"),
    "claims": ("article_id", "articles"),
    "chain_links": ("claim_row", "claims"),
    "article_sources": ("article_id", "articles"),
    "entity_mentions": ("article_id", "articles"),
    "counts": ("article_id", "articles"),
    "times": ("article_id", "articles"),
    "places": ("article_id", "articles"),
    "glossary": ("article_id", "articles"),
    "hedges": ("article_id", "articles"),
    "search_index": ("article_id", "articles"),
}
ORPHANS = "SELECT count(*) FROM {table} WHERE {key} NOT IN (SELECT id FROM {parent})"
CHILD_COUNT = "SELECT count(*) FROM {table} WHERE article_id = ?"


def connect(db: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)


def article_count(db: Path) -> int:
    """Articles committed so far (0 while the store is still being created)."""
    if not db.exists():
        return 0
    try:
        with connect(db) as connection:
            return connection.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # no tables yet
        return 0


def stored_documents(db: Path) -> Counter[str]:
    with connect(db) as connection:
        return Counter(row[0] for row in connection.execute("SELECT document FROM articles"))


def expected_children(analysis: Analysis) -> dict[str, int]:
    """How many rows each child table must hold for one stored Analysis."""
    return {
        "segments": len(analysis.article.segments),
        "quotes": len({q.id for q in [*analysis.quotes, *analysis.indirect_quotes]}),
        "claims": len({c.id for c in analysis.claims}),
        "article_sources": len({s.id for s in analysis.sources}),
        "entity_mentions": sum(len(e.mentions) for e in analysis.entities),
        "counts": len(analysis.counts),
        "times": len(analysis.times),
        "places": len(analysis.places),
        "glossary": len(analysis.glossary),
        "hedges": len(analysis.hedges),
    }


def store_problems(db: Path) -> list[str]:
    """Integrity errors, orphan rows, and articles whose child rows disagree with their Analysis."""
    problems = []
    with connect(db) as connection:
        integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
        if integrity != "ok":
            problems.append(f"integrity_check: {integrity}")
        for table, (key, parent) in PARENTS.items():
            sql = ORPHANS.format(table=table, key=key, parent=parent)
            if orphans := connection.execute(sql).fetchone()[0]:
                problems.append(f"{orphans} orphan rows in {table}")
        for article_id, document, stored in connection.execute("SELECT id, document, analysis FROM articles"):
            analysis = Analysis.model_validate_json(unpack_analysis(stored))
            for table, count in expected_children(analysis).items():
                found = connection.execute(CHILD_COUNT.format(table=table), (article_id,)).fetchone()[0]
                if found != count:
                    problems.append(f"{document}: {found} rows in {table}, its analysis has {count}")
    return problems


def stored_analyses(db: Path) -> dict[str, Analysis]:
    with connect(db) as connection:
        rows = connection.execute("SELECT document, analysis FROM articles").fetchall()
    return {document: Analysis.model_validate_json(unpack_analysis(stored)) for document, stored in rows}
