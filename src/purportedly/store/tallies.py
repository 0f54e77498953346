"""What the workspace's sources, entities, timeline and counts pages tally, as SQL aggregates.

Each page used to walk every stored Analysis. Here the database does the counting (GROUP BY over
``article_sources``, ``article_entities`` and ``counts``, written at ingest), Python only merges
the few groups whose names differ in case or punctuation, and the long lists (every dated event,
every count) are read one page at a time in a fixed order. What is held is one row per distinct
source, entity or counted thing, never one per article.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from purportedly.store.dialect import Session

REFS = 20  # article links given per source or entity (the page shows a few and the total)
IN_CHUNK = 500  # ids per IN (...) list
AROUND = 120  # characters of text either side of a dated expression (the page shows 90)


@dataclass
class Group:
    """One source, entity or counted thing as a page shows it: the stored rows of one name."""

    ids: list[int]  # the sources/entities rows merged (one name, spelt alike)
    name: str
    kind: str
    first: tuple[int, str]  # (article id, tie-break) where the name was first seen
    cited_in: int = 0
    mentions: int = 0
    hedged: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), IN_CHUNK):
        yield ids[start : start + IN_CHUNK]


def _marks(ids: list[int]) -> str:
    return ", ".join("?" for _ in ids)


def _merge(rows: Iterable[Any], key: Callable[[Any], tuple], fields: tuple[str, ...]) -> dict[tuple, Group]:
    """Rows of per-id aggregates merged by ``key`` (the page's normalised name); the name and kind
    shown are those seen first (lowest article id)."""
    groups: dict[tuple, Group] = {}
    for row in rows:
        first = (row["first_article"], row["tie"] or "")
        group = groups.get(key(row))
        if group is None:
            group = groups[key(row)] = Group([], row["name"], row["kind"], first)
        elif first < group.first:
            group.name, group.kind, group.first = row["name"], row["kind"], first
        group.ids.append(row["id"])
        group.cited_in += row["cited_in"]
        for name in fields:
            setattr(group, name, getattr(group, name) + (row[name] or 0))
    return groups


def _distinct_articles(session: Session, table: str, column: str, ids: list[int]) -> int:
    """Articles citing any of several rows (a name stored in two spellings): counted once."""
    if len(ids) == 1:
        raise ValueError("one id: its count is already exact")
    found: set[int] = set()
    for chunk in _chunks(ids):
        found.update(
            r["article_id"]
            for r in session.execute(
                f"SELECT DISTINCT article_id FROM {table} WHERE {column} IN ({_marks(chunk)})", tuple(chunk)
            ).fetchall()
        )
    return len(found)


def source_groups(session: Session, key: Callable[[str], str]) -> list[Group]:
    """Every cited source under one name (``key``: the page's normalised form), with the articles
    citing it, its mentions and how many of them are hedged; most cited first."""
    rows = session.execute(
        "SELECT s.id, s.name, s.kind, count(DISTINCT x.article_id) AS cited_in,"
        " sum(CASE WHEN x.mentions > 0 THEN x.mentions ELSE 1 END) AS mentions,"
        " sum(x.hedged) AS hedged, min(x.article_id) AS first_article, min(x.local_id) AS tie"
        " FROM article_sources x JOIN sources s ON s.id = x.source_id GROUP BY s.id, s.name, s.kind"
    ).fetchall()
    groups = _merge(rows, lambda r: (key(r["name"]),), ("mentions", "hedged"))
    return _exact(session, "article_sources", "source_id", groups)


def entity_groups(session: Session, key: Callable[[str], str]) -> list[Group]:
    """Every entity under one name and type, with the articles naming it and its mentions."""
    rows = session.execute(
        "SELECT e.id, e.name, e.type AS kind, count(*) AS cited_in, sum(x.mentions) AS mentions,"
        " min(x.article_id) AS first_article, '' AS tie"
        " FROM article_entities x JOIN entities e ON e.id = x.entity_id GROUP BY e.id, e.name, e.type"
    ).fetchall()
    groups = _merge(rows, lambda r: (key(r["name"]), r["kind"]), ("mentions",))
    return _exact(session, "article_entities", "entity_id", groups)


def _exact(session: Session, table: str, column: str, groups: dict[tuple, Group]) -> list[Group]:
    for group in groups.values():
        if len(group.ids) > 1:
            group.cited_in = _distinct_articles(session, table, column, group.ids)
    # ties in the order first seen, as a walk over the articles meets them
    return sorted(groups.values(), key=lambda g: (-g.cited_in, -g.mentions, g.name, g.first))


def article_refs(session: Session, table: str, column: str, ids: list[int], limit: int = REFS) -> list[dict]:
    """The first ``limit`` articles (lowest ids) citing any of these rows, as the pages link them."""
    found: set[int] = set()
    for chunk in _chunks(ids):
        found.update(
            r["article_id"]
            for r in session.execute(
                f"SELECT DISTINCT article_id FROM {table} WHERE {column} IN ({_marks(chunk)})"
                " ORDER BY article_id LIMIT ?",
                (*chunk, limit),
            ).fetchall()
        )
    first = sorted(found)[:limit]
    if not first:
        return []
    rows = session.execute(
        f"SELECT id, title, document FROM articles WHERE id IN ({_marks(first)}) ORDER BY id", tuple(first)
    ).fetchall()
    return [{"id": str(r["id"]), "title": r["title"] or r["document"]} for r in rows]


def json_lists(session: Session, table: str, column: str, ids: list[int], fields: tuple[str, ...]) -> dict:
    """Per field, every value of the JSON lists stored for these rows (aliases, descriptors)."""
    values: dict[str, set[str]] = {name: set() for name in fields}
    for chunk in _chunks(ids):
        for row in session.execute(
            f"SELECT DISTINCT {', '.join(fields)} FROM {table} WHERE {column} IN ({_marks(chunk)})",
            tuple(chunk),
        ).fetchall():
            for name in fields:
                values[name].update(json.loads(row[name] or "[]"))
    return values


def dated_events(session: Session, limit: int, offset: int) -> list[Any]:
    """Time expressions fixed to a day, oldest first (then by article id as the page writes it),
    one page; each with the article's text from ``AROUND`` characters before it to as many after
    (``excerpt``, starting at offset ``excerpt_at``), never the whole text."""
    return session.execute(
        'SELECT t.value, t.text, t.start, t."end", t.article_id, a.title, a.document, t.excerpt_at,'
        ' substr(a.text, t.excerpt_at + 1, t."end" + ? - t.excerpt_at) AS excerpt FROM ('
        '  SELECT value, text, start, "end", article_id,'
        "   CASE WHEN start > ? THEN start - ? ELSE 0 END AS excerpt_at"
        "  FROM times WHERE value IS NOT NULL AND value <> ''"
        ") t JOIN articles a ON a.id = t.article_id"
        ' ORDER BY t.value, CAST(t.article_id AS TEXT), t.start, t."end" LIMIT ? OFFSET ?',
        (AROUND, AROUND, AROUND, limit, offset),
    ).fetchall()


def count_page(session: Session, limit: int, offset: int) -> list[Any]:
    """Counted events in article order, one page."""
    return session.execute(
        'SELECT c.article_id, a.title, a.document, c.number, c.qualifier, c.what, c.event, c.text,'
        ' c.place, c.time FROM counts c JOIN articles a ON a.id = c.article_id'
        ' ORDER BY c.article_id, c.start, c."end" LIMIT ? OFFSET ?',
        (limit, offset),
    ).fetchall()


_COUNTED = "COALESCE(NULLIF(what, ''), NULLIF(event, ''), '(unspecified)')"


def counted_things(session: Session, key: Callable[[str], str]) -> list[dict]:
    """Per counted thing (one name, spelt alike), how many reports give a figure for it, the
    figures given and the articles giving them; most reported first."""
    rows = session.execute(
        f"SELECT {_COUNTED} AS name, '' AS kind, 0 AS id, count(*) AS reports, count(DISTINCT article_id)"
        " AS cited_in, min(article_id) AS first_article, '' AS tie FROM counts GROUP BY 1"
    ).fetchall()
    groups: dict[str, dict] = {}
    for row in rows:
        empty: dict[str, Any] = {"names": [], "reports": 0, "articles": 0}
        group = groups.setdefault(key(row["name"]) or row["name"], empty)
        group["names"].append((row["first_article"], row["name"]))
        group["reports"] += row["reports"]
        group["articles"] += row["cited_in"]
    figures: dict[str, set[int]] = {}
    for row in session.execute(f"SELECT DISTINCT {_COUNTED} AS name, number FROM counts").fetchall():
        figures.setdefault(key(row["name"]) or row["name"], set()).add(row["number"])
    out = []
    for name, group in groups.items():
        names = [n for _, n in sorted(group["names"])]
        if len(names) > 1:
            group["articles"] = _counted_articles(session, names)
        found = sorted(figures.get(name, ()))
        out.append({
            "first": min(group["names"])[0], "what": names[0], "reports": group["reports"],
            "min": found[0], "max": found[-1], "figures": found, "articles": group["articles"],
        })
    out.sort(key=lambda g: (-g["reports"], -g["max"], g["first"]))  # ties: first seen first
    return [{k: v for k, v in g.items() if k != "first"} for g in out]


def _counted_articles(session: Session, names: list[str]) -> int:
    row = session.one(
        f"SELECT count(DISTINCT article_id) AS n FROM counts WHERE {_COUNTED} IN ({_marks(names)})",
        tuple(names),
    )
    return int(row["n"]) if row else 0


def summary_rows(store: Any, ids: list[int]) -> list[Any]:
    """The result-list rows (``browse``'s summary: title, outlet, date, text, per-article counts)
    of these articles, in id order."""
    from purportedly.store.browse import _SUMMARY

    found: list[Any] = []
    for chunk in _chunks(sorted(ids)):
        found.extend(
            store.session.execute(
                f"SELECT {_SUMMARY} FROM articles a WHERE a.id IN ({_marks(chunk)}) ORDER BY a.id",
                tuple(chunk),
            ).fetchall()
        )
    return found


def article_dates(store: Any, ids: list[int]) -> list[Any]:
    """(id, date) of these articles."""
    found: list[Any] = []
    for chunk in _chunks(sorted(ids)):
        found.extend(
            store.session.execute(
                f"SELECT id, date FROM articles WHERE id IN ({_marks(chunk)})", tuple(chunk)
            ).fetchall()
        )
    return found
