"""SQLite stores keep each Analysis JSON compressed (schema 5); text rows of older stores still read;
the source filter's covering index replaces the narrower one on upgrade (schema 6)."""

from __future__ import annotations

import sqlite3
import zlib

from purportedly.exports import export
from purportedly.store import Store, article_identity
from purportedly.store.core import SCHEMA_VERSION
from tests.test_store import bridge_article, gunner_article


def test_the_analysis_is_stored_compressed_and_reads_back_whole(tmp_path):
    db = tmp_path / "corpus.db"
    analysis = gunner_article()
    with Store.open(db) as store:
        assert store.add(analysis, article_identity(analysis.article))
        (article_id,) = [row["id"] for row in store.query("SELECT id FROM articles")]
        stored = store.query("SELECT analysis FROM articles")[0]["analysis"]
        assert isinstance(stored, bytes)
        json_text = analysis.model_dump_json()
        assert zlib.decompress(stored).decode("utf-8") == json_text
        assert len(stored) < len(json_text.encode("utf-8"))
        assert store.analysis(article_id) == analysis
        assert [a for _, a in store.analyses()] == [analysis]
        assert [t for _, t in store.analysis_texts()] == [json_text]


def test_an_older_store_with_text_analyses_is_read_and_upgraded(tmp_path):
    db = tmp_path / "old.db"
    old, new = gunner_article(), bridge_article()
    with Store.open(db) as store:
        store.add(old, article_identity(old.article))
    # as a schema-4 store wrote it: the JSON as text
    with sqlite3.connect(db) as raw:
        raw.execute("UPDATE articles SET analysis = ?", (old.model_dump_json(),))
        raw.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
        raw.execute("DROP INDEX article_sources_cited")  # schema 4 had the narrower index
        raw.execute("CREATE INDEX article_sources_source ON article_sources(source_id)")
    with Store.open(db) as store:  # a writable open upgrades the version; old rows stay as they are
        assert (
            store.query("SELECT value FROM meta WHERE key = 'schema_version'")[0]["value"] == SCHEMA_VERSION
        )
        assert isinstance(store.query("SELECT analysis FROM articles")[0]["analysis"], str)
        indexes = {r["name"] for r in store.query("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert "article_sources_cited" in indexes and "article_sources_source" not in indexes
        store.add(new, article_identity(new.article))
        kinds = [type(r["analysis"]) for r in store.query("SELECT analysis FROM articles ORDER BY id")]
        assert kinds == [str, bytes]
        assert [a for _, a in store.analyses()] == [old, new]
    with Store.open(db, read_only=True) as store:
        out = tmp_path / "all.jsonl"
        assert export(store, "jsonl", out) == 2
        lines = out.read_text(encoding="utf-8").splitlines()
        assert lines == [old.model_dump_json(), new.model_dump_json()]
