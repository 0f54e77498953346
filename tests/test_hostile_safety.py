"""The library side of the second hostile audit (issue 16): atomic outputs, unique names, store
checks, URL schemes, file types, validated settings, the shape check, one timeout per culprit."""

from __future__ import annotations

import json
import os
import sqlite3
import time
from pathlib import Path

import pytest

from purportedly.analysis import analyze_article, output_path, write_json
from purportedly.engines.ingest import ingest_paths
from purportedly.engines.local import analyze_items
from purportedly.exports import export
from purportedly.limits import Limits
from purportedly.model import Analysis
from purportedly.outputs import OutputError, atomic_path, check_target
from purportedly.reading import ReadFailure, read_inputs, read_text
from purportedly.reading.corpus import safe_name
from purportedly.reading.errors import ReadError
from purportedly.reading.files import check_regular, read_limited
from purportedly.reading.inputs import default_max_bytes, parse_size
from purportedly.shape import MAX_PUNCTUATION_RUN, MAX_TOKENS, shape_problem
from purportedly.store import Store, parse_target
from purportedly.store.url import StoreError
from tests.hostile.stories import story
from tests.test_limits import RUNAWAY, articles_with, with_components

# ------------------------------------------------------------------------------ atomic outputs


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "out.json"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_path(target) as temporary:
        temporary.write_text("half of the new", encoding="utf-8")
        raise RuntimeError("the disk filled up")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_a_finished_write_replaces_the_file_whole_with_the_usual_mode(tmp_path):
    target = tmp_path / "out.json"
    with atomic_path(target) as temporary:
        temporary.write_text("new\n", encoding="utf-8")
    assert target.read_text(encoding="utf-8") == "new\n"
    assert target.stat().st_mode & 0o044, "readable by others as a plain open() would make it"


def test_targets_are_checked(tmp_path):
    (tmp_path / "mine.txt").write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match="already exists; pass --force"):
        check_target(tmp_path / "mine.txt")
    check_target(tmp_path / "mine.txt", force=True)
    with pytest.raises(OutputError, match="is a directory"):
        check_target(tmp_path, force=True)
    with pytest.raises(OutputError, match="not a regular file"):
        check_target(Path("/dev/null"), force=True)
    with pytest.raises(OutputError, match="corpus store itself"):
        check_target(tmp_path / "mine.txt", force=True, protected=(tmp_path / "mine.txt",))


def test_export_never_writes_over_its_store(tmp_path):
    db = tmp_path / "c.db"
    with Store.open(db) as store:
        for target in (db, Path(f"{db}-wal")):
            with pytest.raises(OutputError):
                export(store, "jsonl", target, force=True)
    with Store.open(db, read_only=True) as store:
        assert store.has_schema()


# ------------------------------------------------------------------------------ unique names


def analysis(document: str) -> Analysis:
    return Analysis(document=document, article=read_text(story(0), document=document))


def test_output_paths_keep_folders_and_stay_inside(tmp_path):
    assert output_path(tmp_path, "2023/index.txt") == tmp_path / "2023" / "index.txt.json"
    assert output_path(tmp_path, "../../etc/passwd") == tmp_path / "etc" / "passwd.json"
    assert output_path(tmp_path, "/abs/x.txt") == tmp_path / "abs" / "x.txt.json"


def test_write_json_never_replaces_a_name_twice_nor_a_foreign_file(tmp_path):
    written: set[Path] = set()
    first = write_json(analysis("x.txt"), tmp_path, written=written)
    second = write_json(analysis("x.txt"), tmp_path, written=written)
    assert (first.name, second.name) == ("x.txt.json", "x.txt~2.json")
    write_json(analysis("x.txt"), tmp_path)  # a later run replaces its own earlier analysis
    (tmp_path / "y.txt.json").write_text("my notes", encoding="utf-8")
    with pytest.raises(OutputError, match="already exists"):
        write_json(analysis("y.txt"), tmp_path)
    assert (tmp_path / "y.txt.json").read_text(encoding="utf-8") == "my notes"
    assert json.loads(first.read_text(encoding="utf-8"))["document"] == "x.txt"


def test_row_ids_give_distinct_names():
    ids = ["a/b", "a_b", "a%2Fb", "a b", "x" * 200, "x" * 199 + "y", ".hidden", ".."]
    names = [safe_name(value) for value in ids]
    assert len(set(names)) == len(ids)
    assert all("/" not in name and not name.startswith(".") and len(name) <= 80 for name in names)


def test_same_named_files_are_distinct_documents(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.txt").write_text(story(ord(folder)), encoding="utf-8")
    from_directory = [item.document for item in read_inputs([str(tmp_path)])]
    given_twice = [
        item.document for item in read_inputs([str(tmp_path / "a/x.txt"), str(tmp_path / "b/x.txt")])
    ]
    assert from_directory == ["a/x.txt", "b/x.txt"]
    assert given_twice == ["x.txt", str(tmp_path / "b/x.txt")]


# ------------------------------------------------------------------------------ stores


@pytest.mark.parametrize(
    ("url", "scheme"),
    [("mysql://user:pw@host/db", "mysql"), ("HTTP://x/y", "HTTP"), ("s3://bucket/c.db", "s3")],
)
def test_unknown_url_schemes_are_refused_with_the_password_masked(url, scheme):
    with pytest.raises(StoreError, match=f"unknown store URL scheme '{scheme}'") as refused:
        parse_target(url)
    assert "pw@" not in str(refused.value)


def test_known_targets_still_parse():
    assert parse_target("sqlite:///c.db") == ("sqlite", "c.db")
    assert parse_target("postgres://u:p@h/d") == ("postgres", "postgres://u:p@h/d")
    assert parse_target("PostgreSQL://u@h/d")[0] == "postgres"
    assert parse_target("folder/c.db") == ("sqlite", "folder/c.db")


def test_a_foreign_database_is_refused_and_left_as_it_was(tmp_path):
    path = tmp_path / "expenses.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE expenses (amount REAL)")
    before = path.read_bytes()
    for read_only in (True, False):
        with pytest.raises(StoreError, match="not a purportedly corpus store"):
            Store.open(path, read_only=read_only)
    assert path.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["expenses.db"]


def test_an_empty_file_reads_as_an_empty_corpus_and_a_writer_makes_it_a_store(tmp_path):
    path = tmp_path / "c.db"
    path.touch()
    with Store.open(path, read_only=True) as store:
        assert not store.has_schema()
        with pytest.raises(StoreError, match="no corpus in it yet"):
            store.require_corpus()
    assert path.stat().st_size == 0
    Store.open(path).close()
    assert Store.open(path, read_only=True).require_corpus().article_count() == 0


# ------------------------------------------------------------------------------ inputs


def test_files_are_refused_by_type_before_opening(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    cases = {
        tmp_path / "pipe.txt": "named pipe",
        Path("/dev/zero"): "character device",
        tmp_path / "loop.txt": "symbolic link loop",
        tmp_path / "dangling.txt": "broken symbolic link",
        tmp_path / "absent.txt": "file not found",
    }
    for path, phrase in cases.items():
        with pytest.raises(ReadError, match=phrase):
            check_regular(path)


def test_reads_are_bounded_by_bytes_read_not_by_the_size_stat_reports():
    status = Path("/proc/self/status")  # a regular file whose st_size is 0
    assert status.stat().st_size == 0
    with pytest.raises(ReadError, match="too large"):
        read_limited(status, 64)
    assert read_limited(status, 1 << 20)


@pytest.mark.parametrize("value", ["-1", "abc", "0", "inf", "nan", "1e30"])
def test_a_bad_size_in_the_environment_is_named(monkeypatch, value):
    monkeypatch.setenv("PURPORTEDLY_MAX_INPUT_BYTES", value)
    with pytest.raises(ValueError, match="PURPORTEDLY_MAX_INPUT_BYTES"):
        default_max_bytes()
    with pytest.raises(ValueError):
        parse_size(value)


def test_a_good_size_in_the_environment_is_used(monkeypatch):
    monkeypatch.setenv("PURPORTEDLY_MAX_INPUT_BYTES", "2MB")
    assert default_max_bytes() == 2 * 1024 * 1024 == Limits().max_bytes


@pytest.mark.parametrize("timeout", [float("inf"), float("nan"), -1.0, 1e12])
def test_unusable_timeouts_are_refused(timeout):
    with pytest.raises(ValueError, match="timeout"):
        Limits(timeout=timeout)


def test_batch_sizes_below_one_are_refused(nlp, tmp_path):
    with pytest.raises(ValueError, match="batch_size"):
        list(analyze_items([read_text(story(0))], nlp, batch_size=0))
    with Store.open(tmp_path / "c.db") as store, pytest.raises(ValueError, match="batch_size"):
        ingest_paths(store, [], nlp=nlp, batch_size=0)


# ------------------------------------------------------------------------------ shape and time


def test_the_shape_check_refuses_pathological_texts_quickly():
    cases = {
        '"' * 20_000: "punctuation marks",
        "A: \n" * 230_000: "too many tokens",
        "".join(f"L{i % 9}: text {i}\n" for i in range(42_000)): "too many tokens",
    }
    for text, phrase in cases.items():
        started = time.monotonic()
        assert phrase in (shape_problem(text) or "")
        assert time.monotonic() - started < 2
    assert shape_problem("—" * MAX_PUNCTUATION_RUN + " " + story(0) * 20) is None
    assert shape_problem(story(0)) is None and MAX_TOKENS >= 50_000


def test_a_pathological_file_fails_alone_with_its_name(tmp_path):
    (tmp_path / "a.txt").write_text(story(0), encoding="utf-8")
    (tmp_path / "b.txt").write_text("?!" * 5000, encoding="utf-8")
    items = list(read_inputs([str(tmp_path)]))
    assert [type(item).__name__ for item in items] == ["Article", "ReadFailure"]
    assert "b.txt" in str(items[1]) and "punctuation marks" in str(items[1])


def _timed(nlp, articles, batch_size, timeout):
    started = time.monotonic()
    results = list(analyze_items(articles, nlp, batch_size=batch_size, limits=Limits(timeout=timeout)))
    return results, time.monotonic() - started


@pytest.mark.parametrize("batch_size", [1, 4])
def test_a_timeout_costs_one_timeout_not_two(nlp, batch_size):
    timeout = 3.0
    articles = articles_with(RUNAWAY, count=4, at=1)
    _, baseline = _timed(nlp, articles, batch_size, timeout)  # no runaway component yet
    with with_components(nlp, "hostile_runaway"):
        results, elapsed = _timed(nlp, articles, batch_size, timeout)
    failed = [r for r in results if isinstance(r, ReadFailure)]
    assert [f.document for f in failed] == ["doc-1"] and "timed out" in failed[0].message
    # one timeout, plus the normal work done again (at most twice over): never a second timeout
    assert elapsed < timeout + 2 * baseline + 1.5, (elapsed, baseline)
    assert analyze_article(articles[0], nlp).document == "doc-0"
