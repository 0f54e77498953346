"""Two Dask worker processes writing into one PostgreSQL store: every article stored exactly once.

A LocalCluster of 2 processes (1 thread each), as `--engine dask` starts; the store is a fresh
schema of PURPORTEDLY_TEST_PG_URL (skipped without a server).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest.importorskip("distributed")
pytest.importorskip("psycopg")

from purportedly.engines.dask import dask_client, ingest_with_dask, store_partition  # noqa: E402
from purportedly.limits import Limits  # noqa: E402
from purportedly.model import Article  # noqa: E402
from purportedly.nlp.pipeline import DEFAULT_MODEL  # noqa: E402
from purportedly.reading import read_inputs  # noqa: E402
from purportedly.store import Store, article_identity  # noqa: E402
from tests.pg_schema import fresh_schema_url  # noqa: E402
from tests.test_engines_local import write_articles  # noqa: E402

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def client():
    with dask_client(None, n_workers=2) as dask:
        assert len(dask.nthreads()) == 2
        yield dask


@pytest.fixture
def pg_store():
    with fresh_schema_url() as url:
        yield url


def readable_articles(paths: list[str]) -> list[Article]:
    return [item for item in read_inputs(paths) if isinstance(item, Article)]


def stored_identities(url: str) -> list[str]:
    with Store.open(url, read_only=True) as store:
        return [row["identity"] for row in store.query("SELECT identity FROM articles ORDER BY id")]


def test_two_workers_store_every_article_once_even_when_inputs_repeat(client, pg_store, tmp_path):
    paths = write_articles(tmp_path)
    articles = readable_articles(paths)
    assert len(articles) >= 4
    # every readable article a second time under another name: the same identity, likely analysed
    # on the other worker at the same moment (one article per partition)
    repeats = []
    for number, path in enumerate(p for p in paths if Path(p).exists() and Path(p).stat().st_size):
        copy = tmp_path / f"again-{number}.txt"
        shutil.copyfile(path, copy)
        repeats.append(str(copy))
    assert len(repeats) == len(articles)
    summary = ingest_with_dask(paths + repeats, db=pg_store, client=client, partition_size=1)
    identities = stored_identities(pg_store)
    expected = {article_identity(a) for a in articles}
    assert sorted(identities) == sorted(expected)  # each once: none lost, none doubled
    assert summary.stored == len(articles) and summary.skipped == len(repeats)
    assert summary.failed == len(paths) - len(articles) > 0  # the missing file, in the errors table
    with Store.open(pg_store, read_only=True) as store:
        unreadable = {p for p in paths if not Path(p).exists() or not Path(p).stat().st_size}
        assert {e["input"] for e in store.errors()} == unreadable and len(unreadable) == summary.failed
        # the parts came with each article exactly once too
        quotes = store.query("SELECT article_id, quote_id, count(*) AS n FROM quotes GROUP BY 1, 2")
        assert quotes and all(row["n"] == 1 for row in quotes)
    again = ingest_with_dask(paths + repeats, db=pg_store, client=client, partition_size=2)
    assert again.stored == 0 and again.skipped == len(articles) + len(repeats)
    assert len(stored_identities(pg_store)) == len(expected)


def test_both_workers_writing_the_same_partition_at_once_store_it_once(client, pg_store, tmp_path):
    articles = readable_articles(write_articles(tmp_path))
    with Store.open(pg_store):  # the schema, as the client makes it before sending work
        pass
    workers = sorted(client.nthreads())
    args = (articles, DEFAULT_MODEL, 8, Limits(), pg_store, False)
    futures = [
        client.submit(store_partition, *args, workers=[worker], allow_other_workers=False, pure=False)
        for worker in workers
    ]
    results = [outcomes for outcomes, _ in client.gather(futures)]
    assert [len(outcomes) for outcomes in results] == [len(articles)] * 2
    for position, article in enumerate(articles):
        verdicts = sorted(outcomes[position][0] for outcomes in results)
        assert verdicts == ["skipped", "stored"], article.document  # one worker won, the other skipped
    assert sorted(stored_identities(pg_store)) == sorted({article_identity(a) for a in articles})


def test_a_worker_given_an_article_already_stored_adds_nothing(client, pg_store, tmp_path):
    paths = write_articles(tmp_path)
    articles = readable_articles(paths)
    first = ingest_with_dask(paths, db=pg_store, client=client, partition_size=2)
    assert first.stored == len(articles)
    before = stored_identities(pg_store)
    # sent straight to a worker, past the client's "already stored?" check
    worker = sorted(client.nthreads())[0]
    future = client.submit(
        store_partition,
        articles[:3],
        DEFAULT_MODEL,
        8,
        Limits(),
        pg_store,
        False,
        workers=[worker],
        pure=False,
    )
    outcomes, _ = future.result()
    assert [outcome for outcome, _, _ in outcomes] == ["skipped"] * 3
    assert stored_identities(pg_store) == before
