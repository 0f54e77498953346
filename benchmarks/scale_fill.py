"""Fill a corpus store with N stored articles quickly, from a few hundred analysed ones.

The NLP is not what the scale benchmark measures, so it runs only on ``seeds`` generated articles
(``corpus_gen.py``). Those are ingested for real into a scratch SQLite store, and every row they
wrote (articles, segments, quotes, claims, chain links, sources, entities, counts, times, places,
glossary, hedges, corpus features, search index) becomes a template. Article ``i`` of the big
store is template ``i % seeds`` with its own identity, URL, document name, outlet and date, and
its surnames swapped for others of the same length (so every character offset stays valid and
the Analysis JSON agrees with the rows); rows get fresh ids and are written with ``executemany``
(SQLite) or ``COPY`` (PostgreSQL) in transactions of ``CHUNK`` articles.

What is not varied: figures, quote wording and the stored MinHash signature (computed from the
seed's shingles), so cross-article functions see many near-identical stories: a hard case.
"""

from __future__ import annotations

import json
import os
import random
import re
import sqlite3
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_gen import LAST, generate_texts  # noqa: E402

CHUNK = 2000  # articles per write transaction
FILL_CACHE_KB = 262_144  # the SQLite fill's page cache (256 MB)
OUTLETS = [
    f"{a} {b}"
    for a in (
        "Kyiv",
        "Eastern",
        "Northern",
        "Daily",
        "Evening",
        "Free",
        "Frontline",
        "Border",
        "Steppe",
        "River",
        "Morning",
        "Capital",
        "Coastal",
        "Open",
    )
    for b in (
        "Post",
        "Wire",
        "Herald",
        "Courier",
        "Observer",
        "Monitor",
        "Dispatch",
        "Gazette",
        "Review",
        "Times",
        "Record",
        "Ledger",
    )
]  # 168 outlets
FIRST_DAY, DAYS = date(2020, 1, 1), 6 * 365
SENTINELS = {"document": "@@DOC@@", "date": "@@DATE@@", "outlet": "@@OUTLET@@", "url": "@@URL@@"}

# table -> (columns copied from the template, the column keyed to the article)
CHILD_TABLES = {
    "segments": ("article_id", "position", "kind", "start", '"end"', "text"),
    "counts": (
        "article_id",
        "number",
        "qualifier",
        "what",
        "event",
        "text",
        "start",
        '"end"',
        "place",
        "time",
    ),
    "times": (
        "article_id",
        "text",
        "start",
        '"end"',
        "value",
        "granularity",
        "period_start",
        "period_end",
        "anchor",
    ),
    "places": (
        "article_id",
        "name",
        "start",
        '"end"',
        "resolved",
        "geonameid",
        "latitude",
        "longitude",
        "country_code",
        "feature",
    ),
    "glossary": ("article_id", "term", "meaning", "start", '"end"', "category"),
    "hedges": (
        "article_id",
        "cue",
        "category",
        "sentence",
        "start",
        '"end"',
        "sentence_start",
        "sentence_end",
    ),
    "article_features": (
        "article_id",
        "version",
        "signature",
        "shingles",
        "anchors",
        "entities",
        "counts",
        "events",
    ),
}
ARTICLE_COLUMNS = (
    "id",
    "identity",
    "document",
    "title",
    "date",
    "outlet",
    "authors",
    "url",
    "language",
    "input_format",
    "text",
    "analysis",
    "ingested_at",
)
QUOTE_COLUMNS = (
    "id",
    "article_id",
    "quote_id",
    "kind",
    "text",
    "start",
    '"end"',
    "speaker",
    "cue",
    "segment",
    "nested_in",
    "paragraph",
)
CLAIM_COLUMNS = (
    "id",
    "article_id",
    "claim_id",
    "text",
    "start",
    '"end"',
    "quote_id",
    "certainty",
    "polarity",
    "factuality",
    "cues",
)
LINK_COLUMNS = ("claim_row", "position", "name", "role", "kind", "source_id")
ARTICLE_SOURCE_COLUMNS = ("article_id", "source_id", "local_id", "aliases", "mentions", "hedged")
ARTICLE_ENTITY_COLUMNS = ("article_id", "entity_id", "mentions", "aliases", "descriptors")
MENTION_COLUMNS = ("entity_id", "article_id", "text", "start", '"end"')
SEARCH_COLUMNS = ("body", "kind", "row_id", "article_id")


# --------------------------------------------------------------------------- seeds


def analysed_seeds(work: Path, count: int, seed: int = 11) -> list[str]:
    """Analysis JSON of ``count`` generated articles, analysed once and kept in ``work``."""
    cache = work / f"seeds-{count}-{seed}.jsonl"
    if cache.exists():
        return cache.read_text(encoding="utf-8").splitlines()
    from purportedly.analysis import analyze_stream
    from purportedly.model import Analysis
    from purportedly.reading import read_text

    articles = (
        read_text(text, document=f"seed-{n:04d}.txt")
        for n, text in enumerate(generate_texts(count, seed=seed, target_words=450))
    )
    lines = [a.model_dump_json() for a in analyze_stream(articles) if isinstance(a, Analysis)]
    work.mkdir(parents=True, exist_ok=True)
    cache.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return lines


@dataclass
class Template:
    """Every row one seed article wrote, as read back from the scratch store."""

    article: dict[str, Any]
    analysis_json: str  # with SENTINELS where the per-copy metadata go
    children: dict[str, list[tuple]] = field(default_factory=dict)
    quotes: list[dict] = field(default_factory=list)
    claims: list[dict] = field(default_factory=list)
    links: list[dict] = field(default_factory=list)
    article_sources: list[tuple[tuple[str, str], tuple]] = field(default_factory=list)
    mentions: list[tuple[tuple[str, str], tuple]] = field(default_factory=list)
    article_entities: list[tuple[tuple[str, str], tuple]] = field(default_factory=list)
    aliases: list[tuple[tuple[str, str], str]] = field(default_factory=list)
    search: list[dict] = field(default_factory=list)
    _compiled: Compiled | None = None

    def compiled(self) -> Compiled:
        """The rows copied field for field, split once at their surnames (see ``Variation.row``)."""
        if self._compiled is None:
            self._compiled = Compiled(
                {table: [compile_row(r[1:]) for r in rows] for table, rows in self.children.items()},
                [compile_row(tuple(q[c.strip('"')] for c in QUOTE_COLUMNS[2:])) for q in self.quotes],
                [compile_row(tuple(c[k.strip('"')] for k in CLAIM_COLUMNS[2:])) for c in self.claims],
                [compile_row((s["body"],)) for s in self.search],
            )
        return self._compiled


# a row's values, and (field index, the text split at its surnames) for each field naming one
CompiledRow = tuple[tuple, tuple[tuple[int, tuple[str, ...]], ...]]


@dataclass
class Compiled:
    children: dict[str, list[CompiledRow]]
    quotes: list[CompiledRow]
    claims: list[CompiledRow]
    search: list[CompiledRow]


def compile_row(values: tuple) -> CompiledRow:
    """Split each text field of a template row at its surnames once, so copying it only joins the
    fields that name someone (most fields are numbers, kinds or name-free text: passed as they are)."""
    varied = []
    for n, value in enumerate(values):
        if isinstance(value, str):
            parts = tuple(Variation.pattern.split(value))
            if len(parts) > 1:
                varied.append((n, parts))
    return values, tuple(varied)


def _sentinel_json(analysis_json: str) -> str:
    data = json.loads(analysis_json)
    for part in (data, data["article"]):
        for key, sentinel in SENTINELS.items():
            part[key] = sentinel
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _unpacked(row: tuple) -> tuple:
    """An article_features row with its JSON as text (SQLite keeps it compressed since schema 8),
    so the names in it are swapped like everywhere else; the writer packs it again."""
    from purportedly.store.dialect import unpack_text

    return (*row[:3], *(unpack_text(x) for x in row[3:]))


def templates(seed_lines: list[str], work: Path) -> list[Template]:
    """Ingest the seeds into a scratch store (the real write path) and read every row back."""
    from purportedly.engines.ingest import ingest_analyses
    from purportedly.model import Analysis
    from purportedly.store import Store
    from purportedly.store.dialect import unpack_analysis

    scratch = work / f"seeds-{os.getpid()}.db"  # one per run: two runs sharing a work dir do not collide
    scratch.unlink(missing_ok=True)
    with Store.open(scratch) as store:
        ingest_analyses(store, (Analysis.model_validate_json(line) for line in seed_lines))
    db = sqlite3.connect(scratch)
    db.row_factory = sqlite3.Row
    sources = {r["id"]: (r["name"], r["kind"]) for r in db.execute("SELECT * FROM sources")}
    entities = {r["id"]: (r["name"], r["type"]) for r in db.execute("SELECT * FROM entities")}
    out = []
    for article in db.execute("SELECT * FROM articles ORDER BY id").fetchall():
        aid = article["id"]
        t = Template(dict(article), _sentinel_json(unpack_analysis(article["analysis"])))
        for table, columns in CHILD_TABLES.items():
            names = ", ".join(columns)
            found = db.execute(f"SELECT {names} FROM {table} WHERE article_id = ?", (aid,))
            t.children[table] = [
                _unpacked(tuple(r)) if table == "article_features" else tuple(r) for r in found
            ]
        t.quotes = [
            dict(r) for r in db.execute("SELECT * FROM quotes WHERE article_id = ? ORDER BY id", (aid,))
        ]
        t.claims = [
            dict(r) for r in db.execute("SELECT * FROM claims WHERE article_id = ? ORDER BY id", (aid,))
        ]
        t.links = [
            dict(r)
            for r in db.execute(
                "SELECT l.* FROM chain_links l JOIN claims c ON c.id = l.claim_row WHERE c.article_id = ?",
                (aid,),
            )
        ]
        t.article_sources = [
            (sources[r["source_id"]], tuple(r))
            for r in db.execute(
                f"SELECT {', '.join(ARTICLE_SOURCE_COLUMNS)} FROM article_sources WHERE article_id = ?",
                (aid,),
            )
        ]
        t.article_entities = [
            (entities[r["entity_id"]], tuple(r))
            for r in db.execute(
                f"SELECT {', '.join(ARTICLE_ENTITY_COLUMNS)} FROM article_entities WHERE article_id = ?",
                (aid,),
            )
        ]
        t.mentions = [
            (entities[r["entity_id"]], tuple(r))
            for r in db.execute(
                f"SELECT {', '.join(MENTION_COLUMNS)} FROM entity_mentions WHERE article_id = ?", (aid,)
            )
        ]
        t.aliases = [
            (entities[r["entity_id"]], r["alias"])
            for r in db.execute(
                "SELECT DISTINCT x.entity_id, x.alias FROM entity_aliases x JOIN entity_mentions m"
                " ON m.entity_id = x.entity_id WHERE m.article_id = ?",
                (aid,),
            )
        ]
        t.search = [
            dict(r)
            for r in db.execute(
                "SELECT body, kind, row_id, article_id FROM search_index WHERE article_id = ?", (aid,)
            )
        ]
        out.append(t)
    db.close()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{scratch}{suffix}").unlink(missing_ok=True)
    return out


# ------------------------------------------------------------------------ variation


_PARTS: dict[str, tuple[str, ...]] = {}


class Variation:
    """Copy ``index``'s metadata and its surname swaps (same length, so offsets hold)."""

    by_length: dict[int, list[str]] = {}
    pattern = re.compile(r"\b(" + "|".join(sorted(set(LAST), key=len, reverse=True)) + r")\b")

    def __init__(self, index: int, salt: int = 0) -> None:
        rng = random.Random(index * 7919 + salt)
        if not Variation.by_length:
            for name in sorted(set(LAST)):
                Variation.by_length.setdefault(len(name), []).append(name)
        self.swap = {name: rng.choice(Variation.by_length[len(name)]) for name in set(LAST)}
        self.outlet = rng.choice(OUTLETS)
        self.date = (FIRST_DAY + timedelta(days=rng.randrange(DAYS))).isoformat()
        self.url = f"https://bench.example/{salt}/{index}"
        self.document = f"bench/{salt}/{index:07d}.txt"

    def text(self, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        # template strings recur in every 200th copy: split each once at its surnames
        parts = _PARTS.get(value)
        if parts is None:
            parts = _PARTS[value] = tuple(self.pattern.split(value))
        if len(parts) == 1:
            return value
        swap = self.swap
        return "".join(swap[part] if n % 2 else part for n, part in enumerate(parts))

    def row(self, compiled: CompiledRow) -> tuple | list:
        values, varied = compiled
        if not varied:
            return values
        out, swap = list(values), self.swap
        for n, parts in varied:
            out[n] = "".join([swap[part] if i % 2 else part for i, part in enumerate(parts)])
        return out

    def analysis_json(self, template: str) -> str:
        out = self.text(template)
        for key, value in (
            ("document", self.document),
            ("date", self.date),
            ("outlet", self.outlet),
            ("url", self.url),
        ):
            out = out.replace(json.dumps(SENTINELS[key]), json.dumps(value))
        return out


def varied_analyses(seed_lines: list[str], count: int, salt: int) -> Iterator[str]:
    """``count`` Analysis JSON texts varied from the seeds (for timing real ingests)."""
    sentinel = [_sentinel_json(line) for line in seed_lines]
    for index in range(count):
        yield Variation(index, salt).analysis_json(sentinel[index % len(sentinel)])


# ---------------------------------------------------------------------------- writer


class Rows:
    """The rows of a chunk of articles, table by table, with fresh ids."""

    def __init__(self, ids: dict[str, int], shared: dict[str, dict]) -> None:
        self.ids, self.shared = ids, shared
        self.tables: dict[str, list[tuple]] = {}
        self.new_shared: dict[str, list[tuple]] = {"sources": [], "entities": [], "entity_aliases": []}

    def add(self, table: str, row: tuple) -> None:
        self.tables.setdefault(table, []).append(row)

    def next_id(self, name: str) -> int:
        self.ids[name] += 1
        return self.ids[name]

    def shared_id(self, table: str, key: tuple[str, str]) -> int:
        known = self.shared[table]
        if key not in known:
            known[key] = self.next_id(table)
            self.new_shared[table].append((known[key], *key))
        return known[key]

    def alias(self, entity_id: int, alias: str) -> None:
        if (entity_id, alias) not in self.shared["aliases"]:
            self.shared["aliases"][(entity_id, alias)] = True
            self.new_shared["entity_aliases"].append((entity_id, alias))


def copy_article(rows: Rows, t: Template, index: int, salt: int, now: str) -> None:
    v = Variation(index, salt)
    aid = rows.next_id("articles")
    a = t.article
    rows.add(
        "articles",
        (
            aid,
            "url:" + v.url,
            v.document,
            v.text(a["title"]),
            v.date,
            v.outlet,
            v.text(a["authors"]),
            v.url,
            a["language"],
            a["input_format"],
            v.text(a["text"]),
            v.analysis_json(t.analysis_json),
            now,
        ),
    )
    compiled = t.compiled()
    for table, template_rows in compiled.children.items():
        for row in template_rows:
            rows.add(table, (aid, *v.row(row)))
    quote_ids = {}
    for q, row in zip(t.quotes, compiled.quotes, strict=True):
        quote_ids[q["id"]] = rows.next_id("quotes")
        rows.add("quotes", (quote_ids[q["id"]], aid, *v.row(row)))
    claim_ids = {}
    for c, row in zip(t.claims, compiled.claims, strict=True):
        claim_ids[c["id"]] = rows.next_id("claims")
        rows.add("claims", (claim_ids[c["id"]], aid, *v.row(row)))
    for link in t.links:
        rows.add(
            "chain_links",
            (
                claim_ids[link["claim_row"]],
                link["position"],
                v.text(link["name"]),
                link["role"],
                link["kind"],
                link["source_id"],
            ),
        )
    for key, row in t.article_sources:
        source_id = rows.shared_id("sources", (v.text(key[0]), key[1]))
        rows.add("article_sources", (aid, source_id, row[2], v.text(row[3]), row[4], row[5]))
    entity_ids = {}
    for key, alias in t.aliases:
        entity_ids[key] = rows.shared_id("entities", (v.text(key[0]), key[1]))
        rows.alias(entity_ids[key], v.text(alias))
    for key, row in t.mentions:
        entity_id = entity_ids.get(key) or rows.shared_id("entities", (v.text(key[0]), key[1]))
        rows.add("entity_mentions", (entity_id, aid, v.text(row[2]), row[3], row[4]))
    named = set()  # two names of the template may become one after the swap: one row, as Store.add makes
    for key, row in t.article_entities:
        entity_id = entity_ids.get(key) or rows.shared_id("entities", (v.text(key[0]), key[1]))
        if entity_id not in named:
            named.add(entity_id)
            rows.add("article_entities", (aid, entity_id, row[2], v.text(row[3]), v.text(row[4])))
    remap = {"article": {t.article["id"]: aid}, "quote": quote_ids, "claim": claim_ids}
    for s, body in zip(t.search, compiled.search, strict=True):
        rows.add("search_index", (v.row(body)[0], s["kind"], remap[s["kind"]][s["row_id"]], aid))


TABLE_COLUMNS = {
    "sources": ("id", "name", "kind"),
    "entities": ("id", "name", "type"),
    "entity_aliases": ("entity_id", "alias"),
    "articles": ARTICLE_COLUMNS,
    **CHILD_TABLES,
    "quotes": QUOTE_COLUMNS,
    "claims": CLAIM_COLUMNS,
    "chain_links": LINK_COLUMNS,
    "article_sources": ARTICLE_SOURCE_COLUMNS,
    "article_entities": ARTICLE_ENTITY_COLUMNS,
    "entity_mentions": MENTION_COLUMNS,
    "search_index": SEARCH_COLUMNS,
}


class SQLiteWriter:
    def __init__(self, path: str) -> None:
        from purportedly.store.sqlite import SEARCH_ROWID, SQLiteDialect

        self.dialect, self.search_rowid = SQLiteDialect(), SEARCH_ROWID
        self.db = sqlite3.connect(path, isolation_level=None)
        # a scratch store made in one go: no journal (a WAL would write every page twice) and a
        # large cache for the index pages; Store.open puts it back in WAL mode, as every store is
        self.db.execute("PRAGMA journal_mode = OFF")
        self.db.execute("PRAGMA synchronous = OFF")
        self.db.execute(f"PRAGMA cache_size = -{FILL_CACHE_KB}")

    def write(self, rows: Rows) -> None:
        # the Analysis JSON as Store.add writes it on SQLite (compressed)
        rows.tables["articles"] = [
            (*row[:11], self.dialect.pack_analysis(row[11]), *row[12:])
            for row in rows.tables.get("articles", [])
        ]
        # feature JSON as Store.add writes it on SQLite (compressed unless short)
        pack = self.dialect.pack_text
        rows.tables["article_features"] = [
            (*row[:3], *(pack(x) for x in row[3:])) for row in rows.tables.get("article_features", [])
        ]
        # search_index is external content (schema 8): its rowid names the row it indexes
        rows.tables["search_index"] = [
            (row[2] + self.search_rowid[row[1]], *row) for row in rows.tables.get("search_index", [])
        ]
        self.db.execute("BEGIN")
        for table, values in [*rows.new_shared.items(), *rows.tables.items()]:
            if values:
                columns = ("rowid", *SEARCH_COLUMNS) if table == "search_index" else TABLE_COLUMNS[table]
                marks = ", ".join("?" * len(columns))
                self.db.executemany(f"INSERT INTO {table}({', '.join(columns)}) VALUES ({marks})", values)
        # the per-kind full-text indexes (external content: what Store.add writes besides the rows)
        self.db.executemany(
            "INSERT INTO article_text(rowid, title, text) VALUES (?, ?, ?)",
            [(row[0], row[3], row[10]) for row in rows.tables.get("articles", [])],
        )
        self.db.executemany(
            "INSERT INTO claim_text(rowid, text) VALUES (?, ?)",
            [(row[0], row[3]) for row in rows.tables.get("claims", [])],
        )
        self.db.execute("COMMIT")

    def close(self) -> None:
        self.db.execute("PRAGMA journal_mode = WAL")
        self.db.close()


class PostgresWriter:
    def __init__(self, url: str) -> None:
        import psycopg

        self.db = psycopg.connect(url, autocommit=True)

    def write(self, rows: Rows) -> None:
        with self.db.transaction():
            cursor = self.db.cursor()
            for table, values in [*rows.new_shared.items(), *rows.tables.items()]:
                if not values:
                    continue
                columns = ", ".join(TABLE_COLUMNS[table])
                with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in values:
                        copy.write_row(
                            tuple(x.replace("\x00", "\ufffd") if isinstance(x, str) else x for x in row)
                        )

    def close(self) -> None:
        for table in ("articles", "quotes", "claims", "sources", "entities"):
            self.db.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                f" (SELECT coalesce(max(id), 1) FROM {table}))"
            )
        self.db.execute("ANALYZE")
        self.db.close()


def fill(
    target: str,
    backend: str,
    count: int,
    seed_templates: list[Template],
    salt: int = 0,
    progress: bool = True,
) -> float:
    """Write ``count`` copies of the templates into the (schema-created, empty) store; seconds taken."""
    from datetime import UTC, datetime

    now = datetime.now(UTC).isoformat(timespec="seconds")
    writer = SQLiteWriter(target) if backend == "sqlite" else PostgresWriter(target)
    ids = dict.fromkeys(("articles", "quotes", "claims", "sources", "entities"), 0)
    shared: dict[str, dict] = {"sources": {}, "entities": {}, "aliases": {}}
    started = time.perf_counter()
    for first in range(0, count, CHUNK):
        rows = Rows(ids, shared)
        for index in range(first, min(count, first + CHUNK)):
            copy_article(rows, seed_templates[index % len(seed_templates)], index, salt, now)
        writer.write(rows)
        if progress and (first // CHUNK) % 10 == 9:
            done = first + CHUNK
            print(f"    {done:,} articles in {time.perf_counter() - started:.0f} s", flush=True)
    writer.close()
    return time.perf_counter() - started
