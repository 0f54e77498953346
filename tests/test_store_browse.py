"""Paging, facets and claim lookups from indexed queries (store/browse.py), on SQLite and PostgreSQL,
and the workspace's search, facets, article and claim pages served without loading every analysis."""

from __future__ import annotations

import sqlite3

import pytest
from fastapi.testclient import TestClient

from purportedly.store import Store
from purportedly.store.browse import find_articles
from purportedly.store.core import SCHEMA_VERSION
from purportedly.web import create_app
from tests.browser.web_corpus import build_corpus
from tests.pg_schema import fresh_schema_url


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def corpus(request, tmp_path_factory):
    if request.param == "sqlite":
        db = tmp_path_factory.mktemp("browse") / "corpus.db"
        yield str(db), build_corpus(db, analyse_files=False)
        return
    with fresh_schema_url() as url:
        yield url, build_corpus(url, analyse_files=False)


def test_pages_of_articles_cover_every_match_once(corpus):
    with Store.open(corpus[0], read_only=True) as store:
        everything = store.find_articles("", limit=50)
        assert everything.total == 3 and everything.exact
        pages = [store.find_articles("", limit=1, offset=n) for n in range(3)]
        assert [len(p.rows) for p in pages] == [1, 1, 1]
        assert {p.total for p in pages} == {3}
        assert [p.rows[0]["id"] for p in pages] == [r["id"] for r in everything.rows]
        assert store.find_articles("", limit=1, offset=3).rows == []


def test_a_total_past_the_cap_says_so(corpus):
    with Store.open(corpus[0], read_only=True) as store:
        page = find_articles(store, "", {}, limit=1, cap=2)
        assert (page.total, page.exact, len(page.rows)) == (2, False, 1)


def test_text_and_filters_are_applied_in_sql(corpus):
    with Store.open(corpus[0], read_only=True) as store:
        stemmed = store.find_articles("helmet", limit=10)  # 'helmets' in the text
        assert stemmed.total == 2
        narrowed = store.find_articles("helmet", limit=10, outlet="mirror")
        assert [r["title"] for r in narrowed.rows] == ["Conscript's call: 'nine of us came back'"]
        row = narrowed.rows[0]
        # the result list's figures come from indexed counts
        assert row["claims"] >= 1 and row["quotes"] >= 1 and row["body_start"] is not None
        assert store.find_articles("helmet", limit=10, since="2030-01-01").total == 0


def test_facets_are_the_most_frequent_values(corpus):
    with Store.open(corpus[0], read_only=True) as store:
        every = store.facets()
        assert every["articles"] == 3 and "Mirror Post" in every["outlets"]
        top = store.facets(top=1)
        assert len(top["outlets"]) == 1 and top["outlets"][0] in every["outlets"]
        assert set(top["factuality"]) == set(every["factuality"]) and "CT-" in every["factuality"]


def test_claim_candidates_share_the_claims_words(corpus):
    with Store.open(corpus[0], read_only=True) as store:
        claims = store.query("SELECT article_id, claim_id, text FROM claims ORDER BY id")
        assert claims
        found = store.claim_candidates(claims[0]["text"])
        assert (claims[0]["article_id"], claims[0]["claim_id"]) in {
            (r["article_id"], r["claim_id"]) for r in found
        }
        assert all(r["chain"] is not None and r["document"] for r in found)


def test_workspace_pages_never_load_every_analysis(corpus, monkeypatch):
    """Search, facets, an article, the claim page, stories and contradictions are answered without
    reading every analysis (that fails here): the cross-article answers come from the store's
    projections, and the claim page reads only its article and the other reports of its claim."""

    def refuse(self):
        raise AssertionError("a page loaded every analysis")

    monkeypatch.setattr(Store, "analyses", refuse)
    ids = corpus[1]
    app = create_app(corpus[0])
    client = TestClient(app)
    try:
        assert client.get("/api/facets").json()["articles"] == 3
        assert client.get("/api/search", params={"q": "minefield", "outlet": "mirror"}).json()["total"] == 1
        assert client.get(f"/api/articles/{ids['hand_tabloid.txt']}").status_code == 200
        assert client.get("/api/articles/not-a-number").status_code == 404
        view = client.get(f"/api/articles/{ids['hand_tabloid.txt']}/claims/c1").json()
        assert view["claim"]["id"] == "c1" and view["other_reports"]
        assert client.get("/api/stories").json()["stories"]
        assert client.get("/api/contradictions").status_code == 200
    finally:
        app.state.corpus.close()


def test_an_older_store_gets_the_new_indexes_on_a_writable_open(tmp_path):
    db = tmp_path / "old.db"
    build_corpus(db, analyse_files=False)
    with sqlite3.connect(db) as raw:  # as a version-2 store was: without the paging indexes
        raw.execute("DROP INDEX hedges_article")
        raw.execute("DROP TABLE article_text")
        raw.execute("DROP TABLE claim_text")
        raw.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    with Store.open(db) as store:
        assert store.query("SELECT value FROM meta WHERE key = 'schema_version'") == [
            {"value": SCHEMA_VERSION}
        ]
        assert store.query("SELECT name FROM sqlite_master WHERE name = 'hedges_article'")
        # the per-kind full-text indexes are rebuilt from the text the store holds
        assert store.find_articles("helmet", limit=10).total == 2
        claim = store.query("SELECT text FROM claims ORDER BY id LIMIT 1")[0]["text"]
        assert store.claim_candidates(claim)


def test_a_speaker_is_found_by_whole_name_or_by_part_of_it(corpus):
    with Store.open(corpus[0], read_only=True) as store:
        whole = store.find_articles("", limit=10, speaker="THE SOLDIER")  # an indexed, case-folded name
        part = store.find_articles("", limit=10, speaker="soldier")  # a substring: every row is read
        assert whole.total >= 1
        assert [r["id"] for r in whole.rows] == [r["id"] for r in part.rows]


def test_an_outlet_is_found_by_whole_name_or_by_part_of_it(corpus):
    with Store.open(corpus[0], read_only=True) as store:
        whole = store.find_articles("helmet", limit=10, outlet="MIRROR POST")  # indexed, case-folded
        part = store.find_articles("helmet", limit=10, outlet="mirror")
        assert [r["title"] for r in whole.rows] == ["Conscript's call: 'nine of us came back'"]
        assert [r["id"] for r in whole.rows] == [r["id"] for r in part.rows]
