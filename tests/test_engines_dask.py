"""The Dask engine gives the same Analysis per document as the single-process path (LocalCluster)."""

from __future__ import annotations

import pytest

pytest.importorskip("distributed")

import pyarrow.parquet as pq  # noqa: E402

from purportedly.analysis import analyze_inputs  # noqa: E402
from purportedly.engines.dask import analyze_with_dask, dask_client, ingest_with_dask  # noqa: E402
from purportedly.engines.rows import analysis_from_row  # noqa: E402
from purportedly.reading import ReadFailure  # noqa: E402
from tests.test_engines_local import as_comparable, write_articles  # noqa: E402

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def client():
    # the same cluster shape as `--engine dask` without --scheduler: 2 processes, 1 thread each
    with dask_client(None, n_workers=2) as dask:
        yield dask


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    paths = write_articles(tmp_path_factory.mktemp("dask-corpus"))
    return paths, as_comparable(analyze_inputs(paths))


def test_dask_results_equal_single_process_results(client, corpus):
    paths, expected = corpus
    distributed = as_comparable(analyze_with_dask(paths, client=client, partition_size=2))
    assert distributed == expected
    assert client.nthreads() and len(client.nthreads()) == 2


def test_reading_on_the_workers_gives_the_same_results(client, corpus):
    paths, expected = corpus
    results = analyze_with_dask(paths, client=client, partition_size=3, read_on_workers=True)
    assert as_comparable(results) == expected


def test_parquet_has_one_row_per_article_with_the_analysis_json(client, corpus, tmp_path):
    paths, expected = corpus
    target = tmp_path / "analyses.parquet"
    summary = ingest_with_dask(paths, parquet=target, client=client, partition_size=2)
    articles = [e for e in expected if not e.startswith("failure:")]
    assert summary.analysed == len(articles) and summary.failed == len(expected) - len(articles)
    rows = pq.read_table(target).to_pylist()
    assert [analysis_from_row(row).to_json() for row in rows] == articles
    first = analysis_from_row(rows[0])
    assert rows[0]["document"] == first.document and rows[0]["quotes"] == len(first.quotes)


def test_ingest_into_the_store_is_resumable(client, corpus, tmp_path):
    pytest.importorskip("purportedly.store")
    from purportedly.store import Store

    paths, expected = corpus
    db = tmp_path / "corpus.db"
    first = ingest_with_dask(paths, db=db, client=client, partition_size=2)
    articles = len([e for e in expected if not e.startswith("failure:")])
    assert first.stored == articles and first.failed == len(expected) - articles > 0
    again = ingest_with_dask(paths, db=db, client=client)
    assert again.stored == 0 and again.skipped == articles
    with Store.open(db) as store:
        assert store.article_count() == articles


def test_a_failure_comes_back_in_its_place(client, corpus):
    paths, _ = corpus
    results = list(analyze_with_dask(paths, client=client, partition_size=1))
    assert isinstance(results[2], ReadFailure) and results[2].document == paths[2]
