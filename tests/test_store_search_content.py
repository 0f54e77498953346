"""Schema 8 (SQLite): search_index keeps no copy of the texts it indexes (external content over the
search_content view), segments keep no text, and an older store is rebuilt on its next writable
open with the same answers and snippets."""

from __future__ import annotations

import sqlite3

from purportedly.engines.ingest import ingest_analyses
from purportedly.store import Store, article_identity
from purportedly.store.core import SCHEMA_VERSION
from tests.corpus.factory import chain, make_analysis
from tests.test_store import bridge_article, gunner_article

QUERIES = ["shoot fields", "bridge", '"empty fields"', "shell*", "ferry crossing", "said"]


def untitled_article():
    text = "The ferry crossing at the lower dam stayed shut, a harbour official said on Monday."
    return make_analysis(
        "ferry.txt",
        text,
        outlet="Harbour Post",
        day="2024-06-03",
        claims=[("The ferry crossing at the lower dam stayed shut", chain(("harbour official", "speaker")))],
    )


def hits(store: Store) -> dict[str, list]:
    return {query: store.search(query) for query in QUERIES}


def test_the_index_holds_no_second_copy_of_the_texts(tmp_path):
    with Store.open(tmp_path / "corpus.db") as store:
        ingest_analyses(store, [gunner_article(), bridge_article(), untitled_article()])
        tables = {r["name"] for r in store.query("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "search_index" in tables and "search_index_content" not in tables
        assert {r["text"] for r in store.query("SELECT text FROM segments")} == {""}
        found = store.search("shoot fields")
        assert {h.kind for h in found} == {"article", "quote", "claim"}
        assert any("[shooting]" in h.snippet for h in found)
        # every indexed row reads back its text from its own table
        kinds = store.query("SELECT kind, count(*) AS n FROM search_index GROUP BY kind ORDER BY kind")
        assert [(r["kind"], r["n"]) for r in kinds] == [("article", 3), ("claim", 3), ("quote", 1)]
        store.query("INSERT INTO search_index(search_index, rank) VALUES ('integrity-check', 1)")


def test_an_older_store_with_a_copied_index_is_rebuilt_with_the_same_answers(tmp_path):
    db = tmp_path / "old.db"
    with Store.open(db) as store:
        ingest_analyses(store, [gunner_article(), bridge_article(), untitled_article()])
    # as schema 7 wrote it: the texts copied into the index, rows in ingest order
    with sqlite3.connect(db) as raw:
        raw.execute("DROP TABLE search_index")
        raw.execute(
            "CREATE VIRTUAL TABLE search_index USING fts5(body, kind UNINDEXED, row_id UNINDEXED,"
            " article_id UNINDEXED, tokenize = 'porter unicode61 remove_diacritics 2')"
        )
        raw.execute(
            "INSERT INTO search_index(body, kind, row_id, article_id) SELECT body, kind, row_id, article_id"
            " FROM search_content ORDER BY article_id, CASE kind WHEN 'article' THEN 0 WHEN 'quote' THEN 1"
            " ELSE 2 END, row_id"
        )
        raw.execute("UPDATE meta SET value = '7' WHERE key = 'schema_version'")
    with Store.open(db, read_only=True) as store:  # read as it is
        before = hits(store)
    assert all(before.values())
    with Store.open(db) as store:  # a writable open rebuilds the index over the rows
        version = store.query("SELECT value FROM meta WHERE key = 'schema_version'")[0]["value"]
        assert version == SCHEMA_VERSION
        sql = store.query("SELECT sql FROM sqlite_master WHERE name = 'search_index'")[0]["sql"]
        assert "search_content" in sql
        assert hits(store) == before
        extra = make_analysis(
            "depot.txt",
            "Firemen said the fuel depot near the ferry crossing burned for a day.",
            day="2024-07-01",
        )
        assert store.add(extra, article_identity(extra.article))
        found = store.search("ferry crossing")
        assert {h.document for h in found} == {"ferry.txt", "depot.txt"}
        assert any("[ferry] [crossing] burned" in h.snippet for h in found if h.document == "depot.txt")


def test_long_feature_json_is_stored_compressed_and_decodes_as_written(tmp_path):
    from purportedly.corpus import features

    text = (
        "Engineers reopened the river bridge at Dolynsk on Friday after three weeks of repairs to its "
        "eastern span, the regional road service said. Lorries carrying grain crossed first, followed "
        "by buses from the southern villages. The service said the western approach would close again "
        "in March for resurfacing, and that a temporary ferry would run from the old landing stage."
    )
    analysis = make_analysis("bridge-long.txt", text, outlet="Valley Times", day="2023-09-01")
    with Store.open(tmp_path / "corpus.db") as store:
        ingest_analyses(store, [analysis])
        stored = store.query("SELECT * FROM article_features")[0]
    written = features.feature_row(analysis)
    packed = [
        c for c in ("shingles", "anchors", "entities", "counts", "events") if isinstance(stored[c], bytes)
    ]
    assert "shingles" in packed  # long: compressed
    assert all(len(written[c]) >= 200 for c in packed)  # short ones stay text
    article_id = stored["article_id"]
    assert features.decode_story(article_id, stored) == features.decode_story(article_id, written)
    assert features.decode_events(article_id, stored) == features.decode_events(article_id, written)
    assert features.decode_counts(article_id, stored) == features.decode_counts(article_id, written)
