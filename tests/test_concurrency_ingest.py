"""Concurrency: two ingests into one store at once, on overlapping inputs, lose and duplicate nothing."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from tests.hostile.cli import popen_cli
from tests.hostile.store_checks import connect, store_problems, stored_documents
from tests.hostile.stories import write_stories

pytestmark = pytest.mark.slow
SUMMARY = re.compile(r"stored (\d+), skipped (\d+), failed (\d+)")


def test_two_ingests_at_once_on_overlapping_inputs(tmp_path):
    first = write_stories(tmp_path / "a", range(0, 30))
    second = write_stories(tmp_path / "b", range(10, 40))  # 10..29 in both: the same articles
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")  # a bad input both runs report
    db = tmp_path / "corpus.db"
    inputs = {
        "a": [str(empty), *map(str, first)],
        "b": [str(empty), *map(str, reversed(second))],  # meet the first run head on
    }
    processes = {
        name: popen_cli("ingest", *paths, "--db", str(db), "--batch-size", "2", log=tmp_path / f"{name}.log")
        for name, paths in inputs.items()
    }
    logs = {}
    for name, process in processes.items():
        process.wait(timeout=400)
        logs[name] = (tmp_path / f"{name}.log").read_text(encoding="utf-8", errors="replace")
        assert process.returncode == 1, logs[name][-2000:]  # 1: the empty file failed
        assert "database is locked" not in logs[name] and "Traceback" not in logs[name]

    assert stored_documents(db) == Counter({f"report_{i:04d}.txt": 1 for i in range(40)})
    summaries = [tuple(map(int, SUMMARY.search(log).groups())) for log in logs.values()]
    assert sum(s[0] for s in summaries) == 40 and sum(s[1] for s in summaries) == 20
    with connect(db) as connection:
        assert connection.execute("SELECT count(*) FROM errors").fetchone()[0] == 1
    assert store_problems(db) == []
