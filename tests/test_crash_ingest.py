"""Crash safety: an ingest killed by SIGKILL leaves no half-written article; a re-run completes it once."""

from __future__ import annotations

import os
import signal
import time
from collections import Counter

import pytest

from purportedly.analysis import analyze_article
from purportedly.reading import read_inputs
from tests.hostile.cli import popen_cli, run_cli
from tests.hostile.store_checks import (
    article_count,
    expected_children,
    store_problems,
    stored_analyses,
    stored_documents,
)
from tests.hostile.stories import write_stories

pytestmark = pytest.mark.slow
TOTAL = 60


def kill_after_some_are_stored(process, db, at_least: int = 3, wait: float = 240) -> None:
    """SIGKILL ``process`` once ``at_least`` articles are committed (polling the store)."""
    deadline = time.monotonic() + wait
    while article_count(db) < at_least:
        assert process.poll() is None, "the ingest ended before it could be killed"
        assert time.monotonic() < deadline, "no article stored in time"
        time.sleep(0.02)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()


def test_killed_ingest_leaves_whole_articles_and_a_rerun_stores_the_rest_once(nlp, tmp_path):
    corpus, db = tmp_path / "corpus", tmp_path / "corpus.db"
    paths = write_stories(corpus, range(TOTAL))
    process = popen_cli("ingest", str(corpus), "--db", str(db), "--batch-size", "2", log=tmp_path / "log")
    try:
        kill_after_some_are_stored(process, db)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == -signal.SIGKILL
    at_kill = article_count(db)
    assert 0 < at_kill < TOTAL
    assert store_problems(db) == []  # every stored article whole, no orphan rows

    rerun = run_cli("ingest", str(corpus), "--db", str(db))
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert f"stored {TOTAL - at_kill}, skipped {at_kill}, failed 0" in rerun.stderr
    assert stored_documents(db) == Counter({path.name: 1 for path in paths})
    assert store_problems(db) == []

    stored = stored_analyses(db)  # child rows are what a fresh analysis gives
    for article in read_inputs([str(path) for path in paths[:: TOTAL // 6]]):
        assert expected_children(analyze_article(article, nlp)) == expected_children(stored[article.document])
