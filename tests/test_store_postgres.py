"""The store on PostgreSQL, and the same behaviours on both backends (SQLite file, Postgres URL).

Postgres tests need a server: PURPORTEDLY_TEST_PG_URL=postgresql://user:pass@host/db (scripts/test.sh
starts Debian's PostgreSQL and sets it when it can). Each test gets its own schema, dropped afterwards.
"""

from __future__ import annotations

import os
import threading
import uuid
from collections.abc import Iterator
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from purportedly.engines.ingest import ingest_analyses
from purportedly.model import Source, Span
from purportedly.store import Store, article_identity, parse_target, redact
from purportedly.store import rows as store_rows
from purportedly.store.core import SCHEMA_VERSION
from purportedly.store.dialect import query_terms
from purportedly.store.postgres import prefix_query, websearch_text
from tests.corpus.factory import make_analysis
from tests.test_store import bridge_article, gunner_article

PG_URL = os.environ.get("PURPORTEDLY_TEST_PG_URL", "")
NO_SERVER = "no PostgreSQL server: set PURPORTEDLY_TEST_PG_URL (scripts/test.sh starts one when run as root)"


def with_search_path(url: str, schema: str) -> str:
    """``url`` whose connections use ``schema`` (libpq's options parameter)."""
    parts = urlsplit(url)
    query = [*parse_qsl(parts.query), ("options", f"-c search_path={schema}")]
    return urlunsplit(parts._replace(query=urlencode(query, quote_via=quote)))


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A Postgres URL onto a fresh, empty schema."""
    if not PG_URL:
        pytest.skip(NO_SERVER)
    psycopg = pytest.importorskip("psycopg", reason="the postgres extra (psycopg 3) is not installed")
    schema = f"test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_URL, autocommit=True) as admin:
        admin.execute(f'CREATE SCHEMA "{schema}"')
        try:
            yield with_search_path(PG_URL, schema)
        finally:
            admin.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture(params=["sqlite", "postgres"])
def target(request, tmp_path) -> str:
    """Where a store lives, once per backend."""
    if request.param == "sqlite":
        return str(tmp_path / "corpus.db")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def store(target) -> Iterator[Store]:
    with Store.open(target) as opened:
        yield opened


def count(store: Store, table: str) -> int:
    return store.query(f"SELECT count(*) AS n FROM {table}")[0]["n"]


def cited(analysis, *names: str):
    """``analysis`` citing sources ``names`` (rows shared between articles in the store)."""
    analysis.sources = [
        Source(
            id=f"s{i}",
            name=name,
            kind="intelligence_service",
            aliases=[name.split()[0]],
            mentions=[Span(text="x", start=0, end=1)],
        )
        for i, name in enumerate(names)
    ]
    return analysis


# ----------------------------------------------------------------------------- both backends


def test_the_target_selects_the_backend(store, target):
    assert store.backend == ("postgres" if target.startswith("postgresql://") else "sqlite")


def test_same_article_is_stored_once_and_rerun_skips(store):
    first = ingest_analyses(store, [gunner_article(), bridge_article()])
    again = ingest_analyses(store, [gunner_article(), bridge_article()])
    assert (first.stored, first.skipped) == (2, 0)
    assert (again.stored, again.skipped) == (0, 2)
    assert store.article_count() == 2
    assert count(store, "quotes") == 1
    assert store.has(article_identity(gunner_article().article))
    assert not store.has("sha256:nothing")


def test_stored_analysis_round_trips(store):
    original = cited(gunner_article(url="https://harbour.example/a"), "Security Service of Ukraine")
    ingest_analyses(store, [original])
    [(article_id, loaded)] = list(store.analyses())
    assert article_id == 1
    assert loaded == original


def test_analyses_come_back_in_ingest_order_page_by_page(store, monkeypatch):
    monkeypatch.setattr("purportedly.store.core.ANALYSES_PAGE", 2)
    documents = [f"d{i}.txt" for i in range(5)]
    ingest_analyses(store, [make_analysis(d, f"Report number {d} from the front.") for d in documents])
    stored = list(store.analyses())
    assert [a.document for _, a in stored] == documents
    assert [i for i, _ in stored] == sorted(i for i, _ in stored)


def test_a_failure_mid_article_leaves_nothing_half_written(store, monkeypatch):
    def explode(db, article_id, analysis, features=None):
        store_rows.insert_quotes(db, article_id, analysis)
        raise RuntimeError("disk full")

    monkeypatch.setattr(store_rows, "insert_parts", explode)
    with pytest.raises(RuntimeError):
        store.add(gunner_article(), "sha256:x")
    assert store.article_count() == 0
    assert count(store, "quotes") == 0
    assert count(store, "search_index") == 0
    monkeypatch.undo()
    assert store.add(gunner_article(), "sha256:x")  # the failed attempt left no identity behind


def test_errors_are_kept_once_per_input_line_and_message(store):
    store.add_error("feed.jsonl", 7, "line 7 is not valid JSON")
    store.add_error("feed.jsonl", 7, "line 7 is not valid JSON")
    store.add_error("missing.txt", None, "file not found")
    store.add_error("missing.txt", None, "file not found")  # a whole-file error (NULL line) too
    store.add_error("missing.txt", None, "permission denied")
    assert [(e["input"], e["line"], e["message"]) for e in store.errors()] == [
        ("feed.jsonl", 7, "line 7 is not valid JSON"),
        ("missing.txt", None, "file not found"),
        ("missing.txt", None, "permission denied"),
    ]


def test_search_is_stemmed_and_returns_snippets(store):
    ingest_analyses(store, [gunner_article(), bridge_article()])
    hits = store.search("shoot fields")
    assert {h.kind for h in hits} == {"article", "quote", "claim"}
    assert all(h.document == "gunner.txt" for h in hits)
    assert any("[shooting]" in h.snippet for h in hits)
    assert store.search("reopen bridge")[0].document == "bridge.txt"
    assert store.search('"empty fields"') and not store.search('"fields empty"')
    assert {h.document for h in store.search("batt*")} == {"gunner.txt"}
    assert store.search("battery", kind="quote")[0].speaker == "the gunner"
    assert len(store.search("battery", limit=1)) == 1


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
        ({"source": "Security"}, {"gunner.txt"}),
        ({"factuality": "certain"}, {"gunner.txt"}),
        ({"factuality": "possible"}, set()),
    ],
)
def test_search_filters(store, filters, documents):
    ingest_analyses(store, [cited(gunner_article(), "Security Service of Ukraine"), bridge_article()])
    hits = store.search("battery shells", **filters)
    assert {h.document for h in hits} == documents
    if "factuality" in filters:
        assert all(h.kind == "claim" for h in hits)


def test_search_never_raises_on_odd_input(store):
    ingest_analyses(store, [gunner_article()])
    for query in [
        '"unbalanced',
        "AND OR NOT",
        "NEAR(",
        "*",
        "",
        "солдат",
        "🙂 shells",
        "a\x00b",
        "-x | !y & z:*",
    ]:
        store.search(query, speaker=query, source=query, outlet=query)
    # typed operators are words, not syntax: 'or' does not widen the search, '-' does not negate
    assert store.search("shells or bridge") == []
    assert store.search("-shells")


def test_views_for_browsing(store):
    ingest_analyses(store, [gunner_article(), bridge_article()])
    quotes = store.query("SELECT speaker, quote FROM quotes_with_speakers")
    assert quotes == [{"speaker": "the gunner", "quote": gunner_article().quotes[0].text}]
    chains = {
        row["claim"]: row["chain"] for row in store.query("SELECT claim, chain FROM claims_with_chains")
    }
    assert chains[gunner_article().claims[0].text] == (
        "the gunner (speaker) -> Security Service of Ukraine (releaser) -> Harbour Post (article)"
    )


def test_a_read_only_store_reads_but_never_writes(store, target):
    ingest_analyses(store, [gunner_article()])
    with Store.open(target, read_only=True) as reader:
        assert reader.article_count() == 1
        assert reader.search("battery")
        with pytest.raises(Exception, match="readonly|read-only"):
            reader.add(bridge_article(), "sha256:y")
    assert store.article_count() == 1


def test_a_concurrent_double_ingest_stores_each_article_once(store, target):
    """Three writers ingest the same 25 articles at once; the articles share sources and entities,
    so the writers also race to create the same shared rows."""
    analyses = [
        cited(
            make_analysis(
                f"g{i}.txt",
                f"Story {i}: the border guard service said the convoy turned back near Kalynivka.",
                url=f"https://x.example/{i}",
                day=f"2024-05-{i + 1:02d}",
                entities=[("Kalynivka", "GPE", []), ("border guard service", "ORG", ["guards"])],
            ),
            "border guard service",
            "military intelligence",
        )
        for i in range(25)
    ]
    failures: list[BaseException] = []
    results = []

    def writer() -> None:
        try:
            with Store.open(target) as own:
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
    assert store.article_count() == 25
    assert count(store, "sources") == 2
    assert count(store, "entities") == 2
    assert count(store, "article_sources") == 50
    assert len(store.search("convoy", kind="article")) == 25


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=300), query=st.text(max_size=40))
def test_any_text_is_stored_and_any_query_searched_without_error(store, text, query):
    analysis = make_analysis("any.txt", text)
    store.add(analysis, article_identity(analysis.article))  # True, or False for a repeat example
    assert store.has(article_identity(analysis.article))
    assert all(hit.document == "any.txt" for hit in store.search(query))  # nothing else is stored
    assert isinstance(store.search(query, speaker=query, source=query, outlet=query), list)


# ------------------------------------------------------------------------------ Postgres only


def test_nul_characters_keep_their_offsets_on_postgres(pg_url):
    text = "Before\x00the convoy turned back."
    analysis = make_analysis("nul.txt", text, quotes=[("the convoy turned back", "a guard")])
    with Store.open(pg_url) as store:
        assert store.add(analysis, article_identity(analysis.article))
        [(_, loaded)] = list(store.analyses())
        assert loaded == analysis  # the Analysis JSON keeps the NUL itself
        [row] = store.query('SELECT start, "end", text FROM quotes')
        assert text[row["start"] : row["end"]] == row["text"]
        assert store.search("convoy")


def test_an_article_aborted_by_a_deadlock_is_written_again(pg_url, monkeypatch):
    psycopg = pytest.importorskip("psycopg")
    real_insert_parts = store_rows.insert_parts
    attempts = []

    def deadlock_once(db, article_id, analysis, features=None):
        attempts.append(article_id)
        if len(attempts) == 1:  # what Postgres does to one of two transactions waiting on each other
            raise psycopg.errors.DeadlockDetected("deadlock detected")
        real_insert_parts(db, article_id, analysis, features)

    monkeypatch.setattr(store_rows, "insert_parts", deadlock_once)
    with Store.open(pg_url) as store:
        assert store.add(gunner_article(), "sha256:g")
        assert len(attempts) == 2
        assert store.article_count() == 1
        assert count(store, "quotes") == 1
        monkeypatch.setattr(store_rows, "insert_parts", _raise_other)
        with pytest.raises(ValueError):  # any other error is not retried
            store.add(bridge_article(), "sha256:b")
        assert store.article_count() == 1


def _raise_other(db, article_id, analysis, features=None):
    raise ValueError("not a deadlock")


def test_two_first_opens_of_an_empty_database_create_the_schema_once(pg_url):
    failures: list[BaseException] = []

    def opener() -> None:
        try:
            Store.open(pg_url).close()
        except BaseException as exc:  # noqa: BLE001
            failures.append(exc)

    threads = [threading.Thread(target=opener) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    with Store.open(pg_url) as store:
        version = store.query("SELECT value FROM meta WHERE key = 'schema_version'")
        assert version == [{"value": SCHEMA_VERSION}]


def test_cli_ingests_and_searches_a_postgres_store(pg_url, tmp_path, nlp, monkeypatch):
    from purportedly.cli.app import app

    monkeypatch.setattr("purportedly.nlp.pipeline.load_pipeline", lambda *a, **k: nlp)
    article = tmp_path / "ferry.txt"
    article.write_text(
        'Harbour officials said the ferry had been seized overnight. "We lost contact at two in the '
        'morning," a port dispatcher said, according to a recording shared by the coast guard.\n',
        encoding="utf-8",
    )
    runner = CliRunner()
    first = runner.invoke(app, ["ingest", str(article), "--db", pg_url])
    assert first.exit_code == 0, first.output
    assert "stored 1" in first.output
    again = runner.invoke(app, ["ingest", str(article), "--db", pg_url])
    assert "skipped 1" in again.output
    found = runner.invoke(app, ["search", "seize ferry", "--db", pg_url])
    assert found.exit_code == 0, found.output
    assert "ferry.txt" in found.output and "[seized]" in found.output


def test_an_unreachable_server_is_a_clear_error_without_the_password():
    pytest.importorskip("psycopg")
    with pytest.raises(ConnectionError, match="cannot connect") as raised:
        Store.open("postgresql://team:s3cret@127.0.0.1:1/corpus")
    assert "s3cret" not in str(raised.value)


# ---------------------------------------------------------------------------------- no server


def test_targets_and_redaction():
    assert parse_target("postgresql://u:p@db.example/corpus") == (
        "postgres",
        "postgresql://u:p@db.example/corpus",
    )
    assert parse_target("postgres://u@db/corpus")[0] == "postgres"
    assert parse_target("sqlite:///rel/corpus.db") == ("sqlite", "rel/corpus.db")
    assert parse_target("sqlite:////abs/corpus.db") == ("sqlite", "/abs/corpus.db")
    assert parse_target("corpus.db") == ("sqlite", "corpus.db")
    with pytest.raises(ValueError):
        parse_target("sqlite://")
    assert (
        redact("postgresql://team:s3cret@db.example:5432/corpus")
        == "postgresql://team:***@db.example:5432/corpus"
    )
    assert redact("postgresql://team@db/corpus") == "postgresql://team@db/corpus"


def test_a_sqlite_url_opens_a_file(tmp_path):
    path = tmp_path / "via-url.db"
    with Store.open(f"sqlite:///{path}") as store:  # sqlite:/// + absolute path = four slashes
        ingest_analyses(store, [gunner_article()])
    with Store.open(path) as again:
        assert again.article_count() == 1


def test_postgres_query_text_keeps_user_text_out_of_the_syntax():
    terms = query_terms('say "our battery" or -now* o\'brien* _*')
    assert websearch_text(terms) == '"say" "our battery" "or"'
    assert prefix_query(terms) == "now:* & o & brien:*"
