"""The corpus functions read projections from the store (issue 6): the same results as from the
Analyses in memory, on SQLite and PostgreSQL, without deserialising a single Analysis; older
stores (no features table, or features of an older version) give the same results and are
brought up to date on their next writable open."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from purportedly import corpus
from purportedly.corpus import features
from purportedly.corpus.common import Corpus
from purportedly.corpus.features import FEATURES_KEY, FEATURES_VERSION
from purportedly.engines.ingest import ingest_analyses, ingest_paths
from purportedly.model import Analysis
from purportedly.store import Store
from tests.pg_schema import fresh_schema_url

CORPUS = Path(__file__).resolve().parent / "corpus"
INPUTS = [str(CORPUS / "text"), str(CORPUS / "html"), str(CORPUS / "feeds")]


def results(source) -> dict:
    """Everything the corpus layer computes, in comparable form."""
    story_list = corpus.stories(source)
    return {
        "stories": story_list,
        "quotes": corpus.quote_groups(source),
        "corroboration": corpus.corroboration(source, story_list=story_list),
        "contradictions": corpus.contradictions(source, story_list=story_list),
        "entities": corpus.entities(source),
        "people": corpus.entities(source, types=("PERSON",)),
        "timeline": corpus.timeline(source, story_list=story_list),
        "about": corpus.claims_about(source, "Lysohirsk"),
    }


@pytest.fixture(scope="module")
def analysed(tmp_path_factory) -> tuple[Path, list[Analysis]]:
    """Our own multi-outlet corpus analysed for real and ingested once; its analyses in ingest order."""
    path = tmp_path_factory.mktemp("corpus-store") / "corpus.db"
    with Store.open(path) as store:
        ingest_paths(store, INPUTS)
        analyses = [analysis for _, analysis in store.analyses()]
    return path, analyses


@pytest.fixture(scope="module")
def expected(analysed) -> dict:
    """The results computed from the Analyses in memory (the Python API)."""
    return results(analysed[1])


def refuse_analysis_loads(monkeypatch) -> list[str]:
    """Fail any attempt to deserialise a stored Analysis (the store path must not need one)."""
    loads: list[str] = []

    def refuse(cls, *args, **kwargs):
        loads.append("model_validate_json")
        raise AssertionError("a whole Analysis was loaded")

    monkeypatch.setattr(Analysis, "model_validate_json", classmethod(refuse))
    return loads


@pytest.fixture
def no_analysis_loads(monkeypatch) -> list[str]:
    return refuse_analysis_loads(monkeypatch)


def test_the_corpus_is_rich_enough_to_compare(expected):
    assert sum(s.size > 1 for s in expected["stories"]) >= 3
    assert expected["quotes"] and expected["contradictions"] and expected["timeline"]
    assert any(c.independent_origins >= 1 and len(c.article_ids) > 1 for c in expected["corroboration"])
    assert expected["about"]


def test_a_sqlite_store_gives_the_in_memory_results_without_loading_analyses(
    analysed, expected, no_analysis_loads
):
    with Store.open(analysed[0], read_only=True) as store:
        assert results(store) == expected
    assert no_analysis_loads == []


def test_a_postgres_store_gives_the_in_memory_results_without_loading_analyses(
    analysed, expected, monkeypatch
):
    with fresh_schema_url() as url, Store.open(url) as store:
        ingest_analyses(store, analysed[1])
        loads = refuse_analysis_loads(monkeypatch)
        assert results(store) == expected
        assert loads == []


def test_stored_signature_is_the_minhash_of_the_stored_shingles(analysed):
    with Store.open(analysed[0], read_only=True) as store:
        from purportedly.corpus.store_view import StoreView

        stories = list(StoreView(store).story_features())
    assert len(stories) == len(analysed[1])
    for story, analysis in zip(stories, analysed[1], strict=True):
        assert story.shingles == features.story_features(story.article_id, analysis).shingles
        if story.shingles:
            assert story.signature == features.signature(story.shingles)
            assert len(np.frombuffer(story.signature, dtype=np.uint64)) == features.NUM_PERM
        else:
            assert story.signature is None


def _make_legacy(path: Path | str) -> None:
    """What a store made before the features table looks like."""
    with Store.open(path) as store, store.transaction() as db:
        db.execute("DROP TABLE article_features")
        db.execute("DELETE FROM meta WHERE key = ?", (FEATURES_KEY,))


def test_an_older_store_gives_the_same_results_read_only_and_is_migrated_by_the_next_ingest(
    analysed, expected, tmp_path, monkeypatch
):
    legacy = tmp_path / "legacy.db"
    legacy.write_bytes(analysed[0].read_bytes())
    _make_legacy(legacy)
    with Store.open(legacy, read_only=True) as store:
        assert not store.dialect.has_table(store.session, "article_features")
        assert results(store) == expected  # computed from the stored analyses, one at a time
    with Store.open(legacy) as store:  # a writable open adds the table; the next ingest backfills it
        ingest_analyses(store, [])
        rows = store.query(
            "SELECT count(*) AS n FROM article_features WHERE version = ?", (FEATURES_VERSION,)
        )
        assert rows[0]["n"] == store.article_count() == len(analysed[1])
        assert store.query("SELECT value FROM meta WHERE key = ?", (FEATURES_KEY,)) == [
            {"value": str(FEATURES_VERSION)}
        ]
    loads = refuse_analysis_loads(monkeypatch)
    with Store.open(legacy, read_only=True) as store:
        assert results(store) == expected
    assert loads == []


def test_an_older_postgres_store_is_migrated_by_the_next_ingest(analysed, expected, monkeypatch):
    with fresh_schema_url() as url:
        with Store.open(url) as store:
            ingest_analyses(store, analysed[1])
        _make_legacy(url)
        with Store.open(url, read_only=True) as store:
            assert results(store) == expected
        with Store.open(url) as store:
            ingest_analyses(store, [])
            rows = store.query("SELECT count(*) AS n FROM article_features")
            assert rows[0]["n"] == len(analysed[1])
            loads = refuse_analysis_loads(monkeypatch)
            assert results(store) == expected
            assert loads == []


def test_features_of_an_older_version_are_recomputed(analysed, expected, tmp_path):
    stale = tmp_path / "stale.db"
    stale.write_bytes(analysed[0].read_bytes())
    with Store.open(stale) as store, store.transaction() as db:
        db.execute("UPDATE article_features SET version = 0, shingles = '[]', entities = '[]'")
        db.execute("DELETE FROM meta WHERE key = ?", (FEATURES_KEY,))  # as after a version bump
    with Store.open(stale, read_only=True) as store:  # a reader recomputes stale rows as it goes
        assert results(store) == expected
    with Store.open(stale) as store:  # the next ingest rewrites them
        ingest_analyses(store, [])
        assert store.query("SELECT count(*) AS n FROM article_features WHERE version = 0")[0]["n"] == 0
        assert results(store) == expected


def test_in_memory_sources_still_work_as_before(analysed, expected):
    """``Corpus.of`` (Analyses, or a Store loaded whole) keeps working for the Python API and exports."""
    assert results(Corpus.of(analysed[1])) == expected
    with Store.open(analysed[0], read_only=True) as store:
        loaded = Corpus.of(store)
        assert [a.analysis for a in loaded.articles] == analysed[1]
        assert results(loaded) == expected


def test_an_empty_store_has_an_empty_corpus(tmp_path):
    with Store.open(tmp_path / "empty.db") as store:
        assert results(store) == {key: [] for key in results([])}
