"""The gazetteer's cached on-disk index gives every name the same candidates, in the same order,
as the index built in memory; without a writable cache it falls back to the memory index."""

from __future__ import annotations

import pickle

import pytest

from purportedly.nlp.places.gazetteer import CACHE_ENV, GazetteerIndex, build_index, cache_dir

REGIONS = "facts/regions.json"


@pytest.fixture(scope="module")
def memory_index():
    return build_index(REGIONS)


def sample_keys(index: dict) -> list[str]:
    """Names with one candidate and with several, regions, and names that are not places."""
    several = [key for key, entries in index.items() if len(entries) > 3][:50]
    single = [key for key, entries in index.items() if len(entries) == 1][:50]
    regions = [key for key in index if key.endswith(" region")][:20]
    assert several and single and regions
    return [*several, *single, *regions, "kharkiv", "ukraine", "no such place anywhere", ""]


def test_cached_index_answers_like_the_memory_index(tmp_path, monkeypatch, memory_index):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    cached = GazetteerIndex(REGIONS)
    keys = sample_keys(memory_index)
    for key in keys:
        assert cached.get(key) == memory_index.get(key, []), key
    files = list((tmp_path / "cache").glob("gazetteer-*.sqlite3"))
    assert len(files) == 1 and cached._memory is None  # read from the file, not from memory
    # a second index (another process) reads the same file without building it again
    again = GazetteerIndex(REGIONS)
    assert [again.get(key) for key in keys] == [memory_index.get(key, []) for key in keys]
    assert list((tmp_path / "cache").iterdir()) == files


def test_unwritable_cache_falls_back_to_memory(tmp_path, monkeypatch, memory_index):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the cache directory would go", encoding="utf-8")
    monkeypatch.setenv(CACHE_ENV, str(blocker))
    index = GazetteerIndex(REGIONS)
    assert index.get("kharkiv") == memory_index["kharkiv"] and index.get("kharkiv")
    assert index._memory is memory_index
    assert cache_dir() == blocker


def test_index_pickles_without_its_connection(tmp_path, monkeypatch, memory_index):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    index = GazetteerIndex(REGIONS)
    assert index.get("ukraine") == memory_index["ukraine"]
    copy = pickle.loads(pickle.dumps(index))
    assert copy.get("ukraine") == memory_index["ukraine"] and copy.get("ukraine")


def test_damaged_cache_file_is_replaced_and_answers_stay_right(tmp_path, monkeypatch, memory_index):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "odd ?#% dir"))
    GazetteerIndex(REGIONS).get("ukraine")  # builds the file
    (cached,) = (tmp_path / "odd ?#% dir").glob("gazetteer-*.sqlite3")
    cached.write_bytes(b"not a database at all" * 100)
    index = GazetteerIndex(REGIONS)
    assert index.get("kharkiv") == memory_index["kharkiv"] and index.get("kharkiv")
    assert not cached.exists()  # removed, so the next run builds it again
    assert GazetteerIndex(REGIONS).get("ukraine") == memory_index["ukraine"] and cached.exists()
