"""The rows of one Analysis, written with SQL that every backend runs (qmark placeholders, ON CONFLICT).

Shared rows (sources, entities) are upserted in sorted order, so two concurrent ingests take their
row locks in the same order and cannot deadlock each other on Postgres.
"""

from __future__ import annotations

import json

from purportedly.model import Analysis
from purportedly.store.dialect import Session

FEATURE_COLUMNS = ("version", "signature", "shingles", "anchors", "entities", "counts", "events")
PACKED_FEATURES = FEATURE_COLUMNS[2:]  # JSON text, which a backend may compress (dialect.pack_text)


def insert_article(db: Session, analysis: Analysis, identity: str, now: str) -> int | None:
    """The new article's id, or None when an article with this identity is already stored."""
    article = analysis.article
    article_id = db.inserted_id(
        "INSERT INTO articles(identity, document, title, date, outlet, authors, url, language, input_format,"
        " text, analysis, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (identity) DO NOTHING RETURNING id",
        (
            identity,
            analysis.document,
            analysis.title,
            analysis.date.isoformat() if analysis.date else None,
            analysis.outlet,
            json.dumps(analysis.authors),
            analysis.url,
            article.language,
            article.input_format,
            article.text,
            db.dialect.pack_analysis(analysis.model_dump_json()),
            now,
        ),
    )
    if article_id is not None:
        index(db, "article", article_id, article_id, "\n".join(filter(None, [analysis.title, article.text])))
        db.dialect.index_article(db, article_id, analysis.title, article.text)
    return article_id


def index(db: Session, kind: str, row_id: int, article_id: int, body: str) -> None:
    """Make a text findable; the backend's full-text index does the rest."""
    db.dialect.index_text(db, kind, row_id, article_id, body)


def insert_parts(db: Session, article_id: int, analysis: Analysis, features: dict | None = None) -> None:
    db.executemany(
        'INSERT INTO segments(article_id, position, kind, start, "end", text) VALUES (?, ?, ?, ?, ?, ?)',
        # no text (schema 8): a segment's text is a slice of the article's, and nothing reads it here
        [(article_id, i, s.kind, s.start, s.end, "") for i, s in enumerate(analysis.article.segments)],
    )
    insert_quotes(db, article_id, analysis)
    insert_sources(db, article_id, analysis)
    insert_claims(db, article_id, analysis)
    insert_entities(db, article_id, analysis)
    insert_facts(db, article_id, analysis)
    if features is not None:
        insert_features(db, article_id, features)


def insert_features(db: Session, article_id: int, row: dict) -> None:
    """An article's corpus features (computed by ``purportedly.corpus.features``; the store only
    keeps them), replacing older ones."""
    db.execute(
        "INSERT INTO article_features(article_id, version, signature, shingles, anchors, entities, counts,"
        " events) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (article_id) DO UPDATE SET"
        " version = excluded.version, signature = excluded.signature, shingles = excluded.shingles,"
        " anchors = excluded.anchors, entities = excluded.entities, counts = excluded.counts,"
        " events = excluded.events",
        (
            article_id,
            row["version"],
            row["signature"],
            *(db.dialect.pack_text(row[c]) for c in PACKED_FEATURES),
        ),
    )
    if "recordings" in row:
        db.execute(
            "INSERT INTO article_recordings(article_id, version, recordings) VALUES (?, ?, ?)"
            " ON CONFLICT (article_id) DO UPDATE SET version = excluded.version,"
            " recordings = excluded.recordings",
            (article_id, row["version"], row["recordings"]),
        )


def insert_quotes(db: Session, article_id: int, analysis: Analysis) -> None:
    for quote in [*analysis.quotes, *analysis.indirect_quotes]:
        quote_row = db.inserted_id(
            'INSERT INTO quotes(article_id, quote_id, kind, text, start, "end", speaker, cue,'
            " segment, nested_in, paragraph) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT DO NOTHING RETURNING id",
            (
                article_id,
                quote.id,
                quote.kind,
                quote.text,
                quote.start,
                quote.end,
                quote.speaker,
                quote.cue,
                quote.segment,
                quote.nested_in,
                quote.paragraph,
            ),
        )
        if quote_row is not None:
            index(db, "quote", quote_row, article_id, quote.text)


def _shared_row_id(db: Session, table: str, key: tuple[str, str], columns: tuple[str, str]) -> int:
    """The id of a row shared between articles (a source, an entity), inserting it if new."""
    a, b = columns
    db.execute(f"INSERT INTO {table}({a}, {b}) VALUES (?, ?) ON CONFLICT DO NOTHING", key)
    row = db.one(f"SELECT id FROM {table} WHERE {a} = ? AND {b} = ?", key)
    if row is None:  # cannot happen: inserted above, or by a transaction that has committed
        raise RuntimeError(f"{table} row {key!r} neither inserted nor found")
    return row["id"]


def insert_sources(db: Session, article_id: int, analysis: Analysis) -> None:
    for source in sorted(analysis.sources, key=lambda s: (s.name, s.kind)):
        source_row = _shared_row_id(db, "sources", (source.name, source.kind), ("name", "kind"))
        db.execute(
            "INSERT INTO article_sources(article_id, source_id, local_id, aliases, mentions, hedged)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (
                article_id,
                source_row,
                source.id,
                json.dumps(source.aliases),
                len(source.mentions),
                hedged_mentions(analysis, [m.start for m in source.mentions]),
            ),
        )


def hedged_mentions(analysis: Analysis, offsets: list[int]) -> int:
    """How many of these mention offsets sit in a hedged sentence (the sources page's share)."""
    spans = [(h.sentence_start, h.sentence_end) for h in analysis.hedges]
    return sum(any(start <= offset < end for start, end in spans) for offset in offsets)


def insert_claims(db: Session, article_id: int, analysis: Analysis) -> None:
    for claim in analysis.claims:
        f = claim.factuality
        claim_row = db.inserted_id(
            'INSERT INTO claims(article_id, claim_id, text, start, "end", quote_id, certainty,'
            " polarity, factuality, cues) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT DO NOTHING RETURNING id",
            (
                article_id,
                claim.id,
                claim.text,
                claim.start,
                claim.end,
                claim.quote_id,
                f.certainty,
                f.polarity,
                f.value,
                json.dumps(f.cues),
            ),
        )
        if claim_row is None:
            continue
        db.executemany(
            "INSERT INTO chain_links(claim_row, position, name, role, kind, source_id)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [
                (claim_row, i, link.name, link.role, link.kind, link.source_id)
                for i, link in enumerate(claim.chain)
            ],
        )
        index(db, "claim", claim_row, article_id, claim.text)
        db.dialect.index_claim(db, claim_row, claim.text)


def insert_entities(db: Session, article_id: int, analysis: Analysis) -> None:
    for entity in sorted(analysis.entities, key=lambda e: (e.name, e.type)):
        entity_row = _shared_row_id(db, "entities", (entity.name, entity.type), ("name", "type"))
        db.executemany(
            "INSERT INTO entity_aliases(entity_id, alias) VALUES (?, ?) ON CONFLICT DO NOTHING",
            [(entity_row, alias) for alias in sorted({entity.name, *entity.aliases})],
        )
        db.executemany(
            'INSERT INTO entity_mentions(entity_id, article_id, text, start, "end") VALUES (?, ?, ?, ?, ?)',
            [(entity_row, article_id, m.text, m.start, m.end) for m in entity.mentions],
        )
    insert_article_entities(db, article_id, analysis)


def insert_article_entities(db: Session, article_id: int, analysis: Analysis) -> None:
    """One row per entity of the article (two entities of one name and type are one row: the
    entities page counts articles, and adds their mentions), for the entities page."""
    merged: dict[tuple[str, str], list] = {}
    for entity in analysis.entities:
        row = merged.setdefault((entity.name, entity.type), [0, {}, {}])
        row[0] += len(entity.mentions)
        row[1].update(dict.fromkeys(entity.aliases))
        row[2].update(dict.fromkeys(entity.descriptors))
    for key in sorted(merged):
        mentions, aliases, descriptors = merged[key]
        entity_row = _shared_row_id(db, "entities", key, ("name", "type"))
        db.execute(
            "INSERT INTO article_entities(article_id, entity_id, mentions, aliases, descriptors)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (article_id, entity_row, mentions, json.dumps(list(aliases)), json.dumps(list(descriptors))),
        )


def insert_facts(db: Session, article_id: int, analysis: Analysis) -> None:
    db.executemany(
        'INSERT INTO counts(article_id, number, qualifier, what, event, text, start, "end", place, time)'
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (article_id, c.number, c.qualifier, c.what, c.event, c.text, c.start, c.end, c.place, c.time)
            for c in analysis.counts
        ],
    )
    db.executemany(
        'INSERT INTO times(article_id, text, start, "end", value, granularity, period_start, period_end,'
        " anchor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                article_id,
                t.text,
                t.start,
                t.end,
                t.value,
                t.granularity,
                t.period_start,
                t.period_end,
                t.anchor,
            )
            for t in analysis.times
        ],
    )
    db.executemany(
        'INSERT INTO places(article_id, name, start, "end", resolved, geonameid, latitude, longitude,'
        " country_code, feature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                article_id,
                p.name,
                p.start,
                p.end,
                int(p.resolved),
                p.geonameid,
                p.latitude,
                p.longitude,
                p.country_code,
                p.feature,
            )
            for p in analysis.places
        ],
    )
    db.executemany(
        'INSERT INTO glossary(article_id, term, meaning, start, "end", category) VALUES (?, ?, ?, ?, ?, ?)',
        [(article_id, g.term, g.meaning, g.start, g.end, g.category) for g in analysis.glossary],
    )
    db.executemany(
        'INSERT INTO hedges(article_id, cue, category, sentence, start, "end", sentence_start, sentence_end)'
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (article_id, h.cue, h.category, h.sentence, h.start, h.end, h.sentence_start, h.sentence_end)
            for h in analysis.hedges
        ],
    )
