"""The hostile corpus through the CLI: bad items fail alone with a one-line error, odd ones are analysed."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from purportedly.reading import ReadFailure, read_inputs
from tests.hostile.audit import audit_analyze_output, audit_store
from tests.hostile.cli import run_cli
from tests.hostile.corpus import MB, HostileItem, build_corpus

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tuple[Path, list[HostileItem]]:
    root = tmp_path_factory.mktemp("hostile") / "corpus"
    return root, build_corpus(root)


def expected(items: list[HostileItem], outcome: str) -> int:
    return sum(item.expect == outcome for item in items)


def test_analyze_names_every_bad_item_once_and_analyses_every_odd_one(hostile, tmp_path):
    root, items = hostile
    out = tmp_path / "out"
    run = run_cli("analyze", str(root), "--format", "json", "--out", str(out))
    assert run.returncode == 1, run.stderr[-2000:]  # some items failed: the status says so
    audit = audit_analyze_output(items, run.stderr, out)
    assert audit.clean, audit.line() + "\n" + "\n".join(audit.lost + audit.misjudged + audit.unclear)
    assert (audit.analysed, audit.failed) == (expected(items, "ok"), expected(items, "fail"))


@pytest.fixture(scope="module")
def ingested(hostile, tmp_path_factory):
    """The corpus ingested twice into one store: (db, first run, second run)."""
    root, _ = hostile
    db = tmp_path_factory.mktemp("store") / "corpus.db"
    first = run_cli("ingest", str(root), "--db", str(db))
    second = run_cli("ingest", str(root), "--db", str(db))
    return db, first, second


def test_ingest_twice_keeps_each_article_once_and_each_error_once(hostile, ingested):
    _, items = hostile
    db, first, second = ingested
    for run in (first, second):
        assert run.returncode == 1, run.stderr[-2000:]
        assert "Traceback" not in run.stderr and "database is locked" not in run.stderr
    assert "stored 0," in second.stderr  # the re-run adds nothing
    audit = audit_store(items, db)
    assert audit.clean, audit.line() + "\n" + "\n".join(audit.lost + audit.duplicates + audit.unclear)
    assert (audit.analysed, audit.failed) == (expected(items, "ok"), expected(items, "fail"))


def test_jsonl_errors_are_stored_with_their_line(hostile, ingested):
    _, items = hostile
    with sqlite3.connect(ingested[0]) as connection:
        rows = connection.execute("SELECT line FROM errors WHERE input LIKE '%feed.jsonl'").fetchall()
    lines = {row[0] for row in rows}
    bad_lines = {item.line for item in items if item.expect == "fail" and "feed.jsonl" in item.name}
    assert lines == bad_lines and len(bad_lines) >= 5


def test_a_50mb_file_is_refused_by_the_size_limit_at_once(hostile):
    root, _ = hostile
    started = time.monotonic()
    [failure] = read_inputs([str(root / "huge_50mb.txt")])
    assert isinstance(failure, ReadFailure) and "too large (50.0 MB" in failure.message
    assert time.monotonic() - started < 1


def test_with_a_raised_size_limit_the_50mb_file_streams_through_reading(hostile):
    root, _ = hostile
    started = time.monotonic()
    [failure] = read_inputs([str(root / "huge_50mb.txt")], max_bytes=60 * MB)
    assert isinstance(failure, ReadFailure) and "too long to analyse" in failure.message
    assert time.monotonic() - started < 15  # refused on its length, before layout reading
