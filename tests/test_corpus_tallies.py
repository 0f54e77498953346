"""The sources, entities, timeline and counts pages from SQL (store/tallies.py) give what the same
tallies over every analysis in memory give, on SQLite and PostgreSQL, page by page, and the
workspace serves them without reading any analysis."""

from __future__ import annotations

import sqlite3

import pytest
from fastapi.testclient import TestClient

from purportedly.store import Store, tallies
from purportedly.store.core import SCHEMA_VERSION
from purportedly.web import corpus_stats, create_app
from purportedly.web.corpus_views import normalise
from tests.browser.web_corpus import build_corpus
from tests.pg_schema import fresh_schema_url


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def corpus(request, tmp_path_factory):
    """Hand-annotated analyses and our web articles analysed for real."""
    if request.param == "sqlite":
        db = tmp_path_factory.mktemp("tallies") / "corpus.db"
        build_corpus(db)
        yield str(db)
        return
    with fresh_schema_url() as url:
        build_corpus(url)
        yield url


def in_memory(target: str) -> list:
    with Store.open(target, read_only=True) as store:
        return [(str(i), a) for i, a in store.analyses()]


def refs_cut(rows: list[dict]) -> list[dict]:
    """The in-memory rows with the article links the API sends (the first REFS)."""
    return [{**row, "articles": row["articles"][: tallies.REFS]} for row in rows]


def test_sources_from_sql_are_the_sources_in_memory(corpus):
    expected = refs_cut(corpus_stats.sources(in_memory(corpus)))
    assert expected and any(row["hedged_mentions"] for row in expected)
    with Store.open(corpus, read_only=True) as store:
        groups = tallies.source_groups(store.session, normalise)
        assert corpus_stats.source_rows(store, groups, 1000, 0) == expected
        # pages: consecutive slices of the same order
        pages = [corpus_stats.source_rows(store, groups, 2, start) for start in range(0, len(groups), 2)]
        paged = [row for page in pages for row in page]
        assert paged == expected


def test_entities_from_sql_are_the_entities_in_memory(corpus):
    expected = refs_cut(corpus_stats.entities(in_memory(corpus)))
    assert any(row["descriptors"] for row in expected) and any(row["aliases"] for row in expected)
    with Store.open(corpus, read_only=True) as store:
        groups = tallies.entity_groups(store.session, normalise)
        assert corpus_stats.entity_rows(store, groups, 1000, 0) == expected


def test_timeline_from_sql_is_the_timeline_in_memory(corpus):
    expected = corpus_stats.timeline(in_memory(corpus))
    assert len(expected) > 3
    with Store.open(corpus, read_only=True) as store:
        assert corpus_stats.timeline_rows(store, 1000, 0) == expected
        assert corpus_stats.timeline_rows(store, 2, 1) == expected[1:3]


def test_counts_from_sql_are_the_counts_in_memory(corpus):
    expected = corpus_stats.counts(in_memory(corpus))
    assert expected["counts"] and expected["by_what"]
    with Store.open(corpus, read_only=True) as store:
        by_what = tallies.counted_things(store.session, normalise)
        assert corpus_stats.count_rows(store, by_what, 1000, 0) == expected
        assert corpus_stats.count_rows(store, by_what, 1, 1)["counts"] == expected["counts"][1:2]


def test_the_pages_read_no_analysis(corpus, monkeypatch):
    expected = corpus_stats.sources(in_memory(corpus))

    def refuse(*args, **kwargs):
        raise AssertionError("a page read a stored analysis")

    monkeypatch.setattr(Store, "analyses", refuse)
    monkeypatch.setattr(Store, "analysis", refuse)
    app = create_app(corpus)
    client = TestClient(app)
    try:
        first = client.get("/api/sources", params={"limit": 1}).json()
        assert [row["name"] for row in first] == [expected[0]["name"]]
        second = client.get("/api/sources", params={"limit": 1, "offset": 1}).json()
        assert [row["name"] for row in second] == [expected[1]["name"]]
        assert client.get("/api/entities").json()
        assert client.get("/api/timeline", params={"limit": 2}).json()
        assert len(client.get("/api/counts", params={"limit": 1}).json()["counts"]) == 1
    finally:
        app.state.corpus.close()


def test_an_older_store_gains_the_tallies_on_a_writable_open(tmp_path):
    db = tmp_path / "old.db"
    build_corpus(db, analyse_files=False)
    expected_sources = corpus_stats.sources(in_memory(str(db)))
    expected_entities = corpus_stats.entities(in_memory(str(db)))
    assert any(row["hedged_mentions"] for row in expected_sources)
    with sqlite3.connect(db) as raw:  # as a version-4 store was
        raw.execute("DROP TABLE article_entities")
        raw.execute("ALTER TABLE article_sources DROP COLUMN hedged")
        raw.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
    with Store.open(db) as store:
        version = store.query("SELECT value FROM meta WHERE key = 'schema_version'")
        assert version == [{"value": SCHEMA_VERSION}]
        sources = corpus_stats.source_rows(store, tallies.source_groups(store.session, normalise), 100, 0)
        entities = corpus_stats.entity_rows(store, tallies.entity_groups(store.session, normalise), 100, 0)
    assert sources == refs_cut(expected_sources)
    assert entities == refs_cut(expected_entities)
