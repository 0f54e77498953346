"""Corroboration groups kept at ingest (corpus/claim_links.py): order-independent, caught up by an
older store, the same reports as ``corroboration`` where no quote or copy joins them, and what the
claim page reads instead of the whole corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from purportedly import corpus
from purportedly.corpus.claim_links import THROUGH_KEY, link_claims, links_current, stored_group
from purportedly.engines.ingest import ingest_paths
from purportedly.store import Store
from purportedly.web import claim_stored
from purportedly.web.app import create_app

ARTICLES = Path(__file__).resolve().parent / "articles" / "stories"
FILES = sorted(str(p) for p in ARTICLES.glob("*.txt"))


def partition(store: Store) -> set[frozenset[tuple[str, str]]]:
    """Every stored claim's group, as (document name, claim id) pairs."""
    rows = store.query(
        "SELECT a.id, a.document, c.claim_id FROM claims c JOIN articles a ON a.id = c.article_id"
    )
    assert rows
    groups = set()
    for row in rows:
        group = stored_group(store, row["id"], row["claim_id"])
        groups.add(frozenset((Path(r.document).name, r.claim_id) for r in group.reports))
    return groups


@pytest.fixture(scope="module")
def one_batch(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("links") / "one.db"
    with Store.open(db) as store:
        ingest_paths(store, FILES)
    return db


def test_two_batches_in_another_order_give_the_groups_of_one(one_batch, tmp_path):
    db = tmp_path / "two.db"
    with Store.open(db) as store:
        ingest_paths(store, FILES[::-1][:5])
        ingest_paths(store, FILES[::-1][5:])
        two = partition(store)
    with Store.open(one_batch, read_only=True) as store:
        one = partition(store)
    assert any(len(group) > 2 for group in one)  # some claims are retold across articles
    assert one == two


def test_a_store_made_before_the_links_catches_up(one_batch, tmp_path):
    db = tmp_path / "old.db"
    db.write_bytes(one_batch.read_bytes())
    with Store.open(db) as store:
        before = partition(store)
        with store.transaction() as session:
            for table in ("claim_wordings", "wording_links", "claim_wording", "wording_words"):
                session.execute(f"DELETE FROM {table}")
            session.execute("DELETE FROM meta WHERE key = ?", (THROUGH_KEY,))
        assert not links_current(store)
        assert link_claims(store) == len(FILES)
        assert links_current(store)
        assert partition(store) == before


def test_stored_groups_are_corroboration_groups_where_wordings_decide(one_batch):
    with Store.open(one_batch, read_only=True) as store:
        whole = corpus.corroboration(store)
        killed = next(c for c in whole if "At least 14 people were killed" in c.text)
        report = killed.reports[0]
        stored = stored_group(store, report.article_id, report.claim_id)
        assert {(r.article_id, r.claim_id) for r in stored.reports} == {
            (r.article_id, r.claim_id) for r in killed.reports
        }
        assert [o.label for o in stored.origins] == [o.label for o in killed.origins]


def test_the_claim_page_never_computes_the_whole_corpus(one_batch, monkeypatch):
    monkeypatch.setattr(claim_stored, "STORED_FROM", 1)  # the links from the first article on
    app = create_app(one_batch)
    client = TestClient(app)
    with Store.open(one_batch, read_only=True) as store:
        whole = corpus.corroboration(store)
    group = next(c for c in whole if "At least 14 people were killed" in c.text)
    first, *others = group.reports
    view = client.get(f"/api/articles/{first.article_id}/claims/{first.claim_id}").json()
    elsewhere = {str(r.article_id) for r in others} - {str(first.article_id)}
    assert elsewhere and {r["article"] for r in view["other_reports"]} == elsewhere
    assert "cross" not in app.state.corpus._derived  # stories, contradictions, denials: not computed
    assert client.get(f"/api/articles/{first.article_id}/claims/nope").status_code == 404
    app.state.corpus.close()


def test_a_small_corpus_keeps_the_corpus_wide_claim_page(one_batch):
    app = create_app(one_batch)
    client = TestClient(app)
    with Store.open(one_batch, read_only=True) as store:
        first = corpus.corroboration(store)[0].reports[0]
    assert client.get(f"/api/articles/{first.article_id}/claims/{first.claim_id}").status_code == 200
    assert "cross" in app.state.corpus._derived  # below STORED_FROM articles: stories, copies, quotes
    app.state.corpus.close()


def test_the_stored_claim_page_finds_denials_and_contradicting_figures_nearby(one_batch, monkeypatch):
    from purportedly.corpus.denials import denials

    monkeypatch.setattr(claim_stored, "STORED_FROM", 1)
    app = create_app(one_batch)
    client = TestClient(app)
    with Store.open(one_batch, read_only=True) as store:
        whole = corpus.corroboration(store)
        denial = next(d for d in denials(store) if d.denied)
    target = denial.denied[0]
    view = client.get(f"/api/articles/{target.article_id}/claims/{target.claim_id}").json()
    assert any(d["sentence"] == denial.denial.text for d in view["denials"])
    own = client.get(f"/api/articles/{denial.denial.article_id}/claims/{denial.denial.claim_id}").json()
    assert own["denials"] == [] and own["denial_of"]
    killed = next(c for c in whole if "At least 14 people were killed" in c.text).reports[0]
    view = client.get(f"/api/articles/{killed.article_id}/claims/{killed.claim_id}").json()
    assert any({14, 18} <= set(c["numbers"]) for c in view["count_conflicts"])
    assert "cross" not in app.state.corpus._derived
    app.state.corpus.close()


def test_postgres_links_as_sqlite_does(one_batch):
    from tests.pg_schema import fresh_schema_url

    with fresh_schema_url() as url, Store.open(url) as store:
        ingest_paths(store, FILES[:4])
        ingest_paths(store, FILES[4:])
        assert links_current(store)
        linked = partition(store)
    with Store.open(one_batch, read_only=True) as store:
        assert linked == partition(store)
