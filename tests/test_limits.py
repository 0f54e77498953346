"""Limits users set (file size, article length, time per article): over-limit items fail alone."""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from spacy.language import Language
from typer.testing import CliRunner

from purportedly.analysis import analyze_inputs
from purportedly.cli import app
from purportedly.engines.ingest import ingest_paths
from purportedly.engines.local import analyze_items
from purportedly.limits import AnalysisFailure, ArticleDeadline, Limits, parse_size
from purportedly.model import Analysis
from purportedly.reading import ReadFailure, read_text
from purportedly.store import Store
from tests.hostile.stories import story, write_stories

RUNAWAY = "RUNAWAY"  # a component below loops forever on a text holding this word
BROKEN = "BROKEN"  # and another raises


@Language.component("hostile_runaway")
def runaway_component(doc):
    if RUNAWAY in doc.text:
        while True:  # a runaway rule: only the deadline stops it
            pass
    return doc


@Language.component("hostile_swallower")
def swallowing_component(doc):
    if RUNAWAY in doc.text:
        try:
            while True:
                pass
        except Exception:  # swallows the first alarm, as careless code does, then runs on
            while True:
                pass
    return doc


@Language.component("hostile_broken")
def broken_component(doc):
    if BROKEN in doc.text:
        raise ValueError("a component bug\nover two lines")
    return doc


@contextmanager
def with_components(nlp: Language, *names: str) -> Iterator[Language]:
    """The session pipeline with hostile components added for one test (removed after)."""
    for name in names:
        nlp.add_pipe(name, last=True)
    try:
        yield nlp
    finally:
        for name in names:
            nlp.remove_pipe(name)


@pytest.fixture
def hostile_nlp(nlp) -> Iterator[Language]:
    with with_components(nlp, "hostile_runaway", "hostile_broken") as hostile:
        yield hostile


def articles_with(marker: str, count: int = 7, at: int = 3):
    texts = [story(i) for i in range(count)]
    texts[at] = texts[at].replace("report number", f"{marker} report number")
    return [read_text(text, document=f"doc-{i}") for i, text in enumerate(texts)]


@pytest.mark.parametrize(
    ("text", "size"),
    [("20MB", 20 * 1024**2), ("512k", 512 * 1024), ("1048576", 1048576), ("1.5 GB", int(1.5 * 1024**3))],
)
def test_sizes_are_parsed(text, size):
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "MB", "-5MB", "0", "20 parsecs", "1e3xb"])
def test_bad_sizes_are_refused(text):
    with pytest.raises(ValueError, match="is not a size"):
        parse_size(text)


def test_defaults_are_sane_and_unset_options_keep_them():
    limits = Limits()
    assert limits.max_bytes == 20 * 1024**2 and limits.max_chars == 1_000_000 and limits.timeout == 120
    assert Limits.of(max_chars=500) == Limits(max_chars=500)
    with pytest.raises(ValueError):
        Limits(max_chars=0)


@pytest.mark.parametrize("component", ["hostile_runaway", "hostile_swallower"])
def test_a_runaway_article_times_out_alone_and_the_stream_goes_on(nlp, component):
    articles = articles_with(RUNAWAY)
    started = time.monotonic()
    with with_components(nlp, component):
        results = list(analyze_items(articles, nlp, batch_size=4, limits=Limits(timeout=1)))
    assert time.monotonic() - started < 30
    assert [r.document for r in results] == [a.document for a in articles]  # nothing lost, in order
    failed = [r for r in results if isinstance(r, ReadFailure)]
    assert [f.document for f in failed] == ["doc-3"]
    assert isinstance(failed[0], AnalysisFailure) and "timed out" in failed[0].message
    assert sum(isinstance(r, Analysis) for r in results) == 6


def test_the_alarm_is_off_and_the_old_handler_back_after_a_run(hostile_nlp):
    previous = signal.getsignal(signal.SIGALRM)
    list(analyze_items(articles_with(RUNAWAY), hostile_nlp, limits=Limits(timeout=1)))
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is previous


def test_a_component_error_fails_that_article_alone_with_one_line(hostile_nlp):
    articles = articles_with(BROKEN)
    results = list(analyze_items(articles, hostile_nlp, batch_size=4))
    assert [r.document for r in results] == [a.document for a in articles]
    [failed] = [r for r in results if isinstance(r, ReadFailure)]
    assert failed.document == "doc-3" and "analysis failed: ValueError: a component bug" in failed.message
    assert "\n" not in str(failed)


def test_no_timeout_means_no_alarm():
    assert not ArticleDeadline(None).active and not ArticleDeadline(0).active
    assert ArticleDeadline(5).active


def test_the_deadline_costs_next_to_nothing_per_article():
    deadline = ArticleDeadline(60)
    with deadline:
        started = time.perf_counter()
        for _ in range(10_000):
            deadline.arm()
            deadline.disarm()
        per_article = (time.perf_counter() - started) / 10_000
    assert per_article < 2e-4  # against tens of milliseconds to analyse an article


def test_python_arguments_limit_length_and_size(tmp_path):
    short, long = write_stories(tmp_path, range(2))
    long.write_text(story(1) * 20, encoding="utf-8")
    results = list(analyze_inputs([str(short), str(long)], limits=Limits(max_chars=2000)))
    assert isinstance(results[0], Analysis)
    assert isinstance(results[1], ReadFailure) and "too long to analyse" in results[1].message
    results = list(analyze_inputs([str(short), str(long)], limits=Limits(max_bytes=1000)))
    assert isinstance(results[0], Analysis)
    assert "too large" in results[1].message


def test_ingest_records_a_timed_out_article_and_stores_the_rest(hostile_nlp, tmp_path):
    paths = write_stories(tmp_path / "corpus", range(4))
    paths[1].write_text(story(1) + f"\n{RUNAWAY}\n", encoding="utf-8")
    with Store.open(tmp_path / "corpus.db") as store:
        summary = ingest_paths(store, [str(p) for p in paths], nlp=hostile_nlp, limits=Limits(timeout=1))
        assert (summary.stored, summary.failed) == (3, 1)
        [error] = store.errors()
        assert error["input"] == paths[1].name and "timed out" in error["message"]


def cli(*args: str):
    return CliRunner().invoke(app, list(args))


def test_cli_options_on_analyze(tmp_path):
    short, long = write_stories(tmp_path, range(2))
    long.write_text(story(1) * 20, encoding="utf-8")
    out = tmp_path / "out"
    by_size = cli("analyze", str(short), str(long), "--max-file-size", "1KB", "--out", str(out))
    assert by_size.exit_code == 1 and "too large" in by_size.output and (out / f"{short.name}.json").exists()
    by_length = cli("analyze", str(short), str(long), "--max-chars", "2000", "--out", str(out))
    assert by_length.exit_code == 1 and "too long to analyse" in by_length.output
    by_time = cli("analyze", str(short), "--timeout", "0.000001", "--format", "json")
    assert by_time.exit_code == 1 and "timed out" in by_time.output
    bad = cli("analyze", str(short), "--max-file-size", "lots")
    assert bad.exit_code == 2 and "is not a size" in bad.output


def test_cli_options_on_ingest(tmp_path):
    short, long = write_stories(tmp_path, range(2))
    long.write_text(story(1) * 20, encoding="utf-8")
    db = tmp_path / "corpus.db"
    result = cli("ingest", str(short), str(long), "--db", str(db), "--max-chars", "2000", "--timeout", "60")
    assert result.exit_code == 1, result.output
    with Store.open(db) as store:
        assert store.article_count() == 1
        assert "too long to analyse" in store.errors()[0]["message"]
