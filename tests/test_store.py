"""The SQLite store: idempotent adds, transactions, errors, search, views (Postgres: test_store_postgres)."""

from __future__ import annotations

import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from purportedly.engines.ingest import ingest_analyses
from purportedly.store import Store, article_identity
from purportedly.store import rows as store_rows
from purportedly.store.search import fts_query
from tests.corpus.factory import chain, make_analysis

RELEASE = chain(
    ("the gunner", "speaker"), ("Security Service of Ukraine", "releaser"), ("Harbour Post", "article")
)


def gunner_article(document: str = "gunner.txt", outlet: str = "Harbour Post", day: str = "2024-05-02", **kw):
    text = (
        '"Our battery is shooting at empty fields to report the shells as spent," the gunner said, '
        "according to a call released by the Security Service of Ukraine."
    )
    return make_analysis(
        document,
        text,
        outlet=outlet,
        day=day,
        quotes=[("Our battery is shooting at empty fields to report the shells as spent", "the gunner")],
        claims=[("Our battery is shooting at empty fields to report the shells as spent", RELEASE)],
        **kw,
    )


def bridge_article():
    text = "Engineers reopened the river bridge on Friday, the regional road service said. Trucks crossed."
    return make_analysis(
        "bridge.txt",
        text,
        outlet="Valley Times",
        day="2023-09-01",
        claims=[
            ("Engineers reopened the river bridge on Friday", chain(("regional road service", "speaker")))
        ],
    )


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "corpus.db") as opened:
        yield opened


def test_same_article_is_stored_once_and_rerun_skips(store):
    first = ingest_analyses(store, [gunner_article(), bridge_article()])
    again = ingest_analyses(store, [gunner_article(), bridge_article()])
    assert (first.stored, first.skipped) == (2, 0)
    assert (again.stored, again.skipped) == (0, 2)
    assert store.article_count() == 2
    assert store.query("SELECT count(*) AS n FROM quotes")[0]["n"] == 1


def test_identity_uses_url_when_given_else_normalised_text():
    plain = gunner_article()
    rewrapped = gunner_article()
    rewrapped.article.text = "  " + plain.article.text.replace(" ", "\n", 3).upper() + "\n"
    assert article_identity(plain.article) == article_identity(rewrapped.article)
    a = gunner_article(url="https://Example.org/story/1/#top")
    b = gunner_article(url="https://example.org/story/1")
    assert article_identity(a.article) == article_identity(b.article) == "url:https://example.org/story/1"
    assert article_identity(a.article) != article_identity(plain.article)


def test_a_failure_mid_article_leaves_nothing_half_written(store, monkeypatch):
    def explode(db, article_id, analysis, features=None):
        store_rows.insert_quotes(db, article_id, analysis)
        raise RuntimeError("disk full")

    monkeypatch.setattr(store_rows, "insert_parts", explode)
    with pytest.raises(RuntimeError):
        store.add(gunner_article(), "sha256:x")
    assert store.article_count() == 0
    assert store.query("SELECT count(*) AS n FROM quotes")[0]["n"] == 0
    assert store.query("SELECT count(*) AS n FROM search_index")[0]["n"] == 0


def test_two_writers_at_once_never_see_a_locked_database(tmp_path):
    path = tmp_path / "shared.db"
    Store.open(path).close()
    analyses = [
        gunner_article(document=f"g{i}.txt", day=f"2024-05-{i + 1:02d}", url=f"https://x.org/{i}")
        for i in range(25)
    ]
    failures: list[BaseException] = []
    results = []

    def writer() -> None:
        try:
            with Store.open(path) as own:
                results.append(ingest_analyses(own, analyses))
        except BaseException as exc:  # noqa: BLE001 - the test reports any error
            failures.append(exc)

    threads = [threading.Thread(target=writer) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert sum(r.stored for r in results) == 25
    assert sum(r.skipped for r in results) == 50
    with Store.open(path) as check:
        assert check.article_count() == 25


def test_errors_are_kept_once_per_input_line_and_message(store):
    store.add_error("feed.jsonl", 7, "line 7 is not valid JSON")
    store.add_error("feed.jsonl", 7, "line 7 is not valid JSON")
    store.add_error("missing.txt", None, "file not found")
    store.add_error("missing.txt", None, "file not found")  # NULL lines never meet UNIQUE: no upsert
    assert [(e["input"], e["line"]) for e in store.errors()] == [("feed.jsonl", 7), ("missing.txt", None)]


def test_search_is_stemmed_and_returns_snippets(store):
    ingest_analyses(store, [gunner_article(), bridge_article()])
    hits = store.search("shoot fields")
    assert {h.kind for h in hits} >= {"article", "quote", "claim"}
    assert all(h.document == "gunner.txt" for h in hits)
    assert any("[shooting]" in h.snippet for h in hits)
    assert store.search("reopen bridge")[0].document == "bridge.txt"
    assert store.search('"empty fields"') and not store.search('"fields empty"')


@pytest.mark.parametrize(
    ("filters", "documents"),
    [
        ({"outlet": "harbour"}, {"gunner.txt"}),
        ({"outlet": "Valley"}, set()),
        ({"since": "2024-01-01"}, {"gunner.txt"}),
        ({"until": "2024-01-01"}, set()),
        ({"speaker": "gunner"}, {"gunner.txt"}),
        ({"speaker": "governor"}, set()),
        ({"source": "Security Service"}, {"gunner.txt"}),
        ({"factuality": "certain"}, {"gunner.txt"}),
        ({"factuality": "possible"}, set()),
    ],
)
def test_search_filters(store, filters, documents):
    ingest_analyses(store, [gunner_article(), bridge_article()])
    hits = store.search("battery shells", **filters)
    assert {h.document for h in hits} == documents
    if "factuality" in filters:
        assert all(h.kind == "claim" for h in hits)


def test_search_never_raises_on_odd_input(store):
    ingest_analyses(store, [gunner_article()])
    for query in ['"unbalanced', "AND OR NOT", "NEAR(", "*", "", "солдат", "🙂 shells"]:
        store.search(query)
    assert fts_query('say "our battery" now*') == '"say" "our battery" "now"*'
    with pytest.raises(ValueError):
        store.search("shells", factuality="sure")


def test_views_for_datasette(store):
    ingest_analyses(store, [gunner_article(), bridge_article()])
    quotes = store.query("SELECT speaker, quote FROM quotes_with_speakers")
    assert quotes == [{"speaker": "the gunner", "quote": gunner_article().quotes[0].text}]
    chains = {
        row["claim"]: row["chain"] for row in store.query("SELECT claim, chain FROM claims_with_chains")
    }
    assert chains[gunner_article().claims[0].text] == (
        "the gunner (speaker) -> Security Service of Ukraine (releaser) -> Harbour Post (article)"
    )


def test_stored_analysis_round_trips(store):
    original = gunner_article()
    ingest_analyses(store, [original])
    [(article_id, loaded)] = list(store.analyses())
    assert article_id == 1
    assert loaded == original


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=300), query=st.text(max_size=40))
def test_any_text_is_stored_and_any_query_searched_without_error(tmp_path, text, query):
    with Store.open(tmp_path / "fuzz.db") as fuzz_store:
        analysis = make_analysis("any.txt", text)
        fuzz_store.add(analysis, article_identity(analysis.article))  # True, or False for a repeat example
        assert fuzz_store.has(article_identity(analysis.article))
        hits = fuzz_store.search(query)
        assert all(hit.document == "any.txt" for hit in hits)  # nothing else is stored
        assert isinstance(fuzz_store.search(query, speaker=query, source=query, outlet=query), list)


def test_corpus_functions_accept_empty_and_odd_articles():
    from purportedly import corpus

    odd = [
        make_analysis("empty.txt", ""),
        make_analysis("emoji.txt", "🙂🙂 «» \u0000 Солдат сказал"),
        make_analysis("quote.txt", '"unbalanced'),
    ]
    assert len(corpus.stories(odd)) == 3
    for compute in (
        corpus.quote_groups,
        corpus.corroboration,
        corpus.contradictions,
        corpus.entities,
        corpus.timeline,
    ):
        compute(odd)


def test_a_read_only_store_reads_while_a_writer_holds_the_lock(tmp_path):
    path = tmp_path / "shared.db"
    with Store.open(path) as writer:
        ingest_analyses(writer, [gunner_article()])
        with writer.transaction():  # an ingest in the middle of an article
            reader = Store.open(path, read_only=True)
            assert reader.article_count() == 1
            assert reader.search("battery")
            with pytest.raises(Exception, match="readonly"):
                reader.add(bridge_article(), "sha256:y")
            reader.close()
