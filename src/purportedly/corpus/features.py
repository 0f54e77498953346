"""Per-article projections the corpus functions read: made from an Analysis, persisted at ingest.

Cross-article analysis never needs a whole Analysis: same-story clustering needs the story's
word shingles, their MinHash signature and the names it mentions; entities need each article's
entities; contradictions need counts and who each figure is attributed to; the timeline needs
dated sentences. The store keeps these per article (table ``article_features``, written at
ingest) so the corpus functions stream small rows instead of deserialising every Analysis.
Bump FEATURES_VERSION (below) whenever what is computed here changes: stores then recompute the
rows on their next ingest (``refresh_features``; the store only keeps what it is given).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from datasketch import LeanMinHash, MinHash

from purportedly.claims.recordings import build_recordings
from purportedly.corpus.origins import origin_of
from purportedly.model import Analysis, ChainLink, Count, Recording
from purportedly.names import content_words, name_key
from purportedly.store import rows
from purportedly.store.dialect import unpack_text

if TYPE_CHECKING:
    from purportedly.store.core import Store

# Bump when what this module computes changes: every store then recomputes its article_features
# rows on its next ingest.
# 2: anchors leave out the byline and outlet, counts keep their sentence, each article's recordings
# (article_recordings); 3: the recordings' releasers and keywords; 4: a recording addressed as 'the
# first of the two calls', numbered units in lower case, a releaser closing an apposition; 5: no
# platform as releaser, keywords without party names, a release weekday kept
FEATURES_VERSION = 5
FEATURES_KEY = "features_version"  # in the store's meta table: the version every row has been brought to
BACKFILL_PAGE = 200  # articles per transaction

NUM_PERM = 128
SIGNATURE_SCHEME = "affine32"  # datasketch's default; named, since a stored signature must say which
SHINGLE_SIZE = 1  # single content words: paraphrased re-tellings share few longer word runs
STORY_KINDS = ("title", "standfirst", "key_point", "dateline", "body", "heading")
ANCHOR_TYPES = ("PERSON", "GPE", "LOC", "FAC", "ORG", "EVENT")
# a sentence ends at . ! ? (optionally followed by a closing quote) before whitespace, or at a line break
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*(?=\s)|\n")
MAX_SENTENCE = 400  # characters either side of a span we look at, at most


@dataclass(frozen=True)
class ArticleMeta:
    """What the corpus functions show of an article besides its features."""

    id: int
    document: str
    outlet: str | None
    title: str | None
    date: str | None
    url: str | None


@dataclass(frozen=True)
class StoryFeatures:
    """An article's story words (shingles), their MinHash signature, and the names it mentions."""

    article_id: int
    shingles: frozenset[str]
    anchor_names: tuple[str, ...]
    signature: bytes | None  # uint64 hash values; None when there are no shingles

    def minhash(self) -> LeanMinHash:
        values = np.frombuffer(self.signature or b"", dtype=np.uint64)
        return LeanMinHash(seed=1, hashvalues=values, scheme=SIGNATURE_SCHEME)


@dataclass(frozen=True)
class QuoteRef:
    """One quote in one article."""

    article_id: int
    document: str
    outlet: str | None
    quote_id: str
    text: str
    speaker: str | None


@dataclass(frozen=True)
class ClaimRow:
    """One claim of one article, with its chain."""

    article_id: int
    claim_id: str
    text: str
    quote_id: str | None
    chain: tuple[ChainLink, ...]
    factuality: str
    cues: tuple[str, ...] = ()  # the factuality cues ("denied", "reportedly")


@dataclass(frozen=True)
class EntityRow:
    """One entity of one article."""

    article_id: int
    document: str
    name: str
    type: str
    aliases: tuple[str, ...]
    mentions: int


@dataclass(frozen=True)
class CountRow:
    """One count of one article and whom the article attributes the figure to."""

    article_id: int
    count: Count
    attributed_to: str | None
    sentence: str = ""  # the sentence the figure is in, as the article words it


@dataclass(frozen=True)
class DatedEvent:
    """A time expression fixed to a day, with its sentence and the counts in that sentence."""

    article_id: int
    date: str
    time_text: str
    sentence: str
    counts: tuple[str, ...]


# ------------------------------------------------------------------ from an Analysis


def meta_of(article_id: int, analysis: Analysis) -> ArticleMeta:
    date = analysis.date.isoformat() if analysis.date else None
    return ArticleMeta(article_id, analysis.document, analysis.outlet, analysis.title, date, analysis.url)


def story_text(analysis: Analysis) -> str:
    """The article's own story words: headline, summary and body, not captions or boilerplate."""
    parsed = analysis.article
    segments = parsed.segments_of(*STORY_KINDS)
    if not segments:
        return parsed.text
    return "\n".join(s.text for s in segments)


def shingles(text: str, size: int = SHINGLE_SIZE) -> set[str]:
    tokens = content_words(text)
    if len(tokens) < size:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def signature(shingle_set: set[str] | frozenset[str]) -> bytes | None:
    """The MinHash hash values of a shingle set, as bytes to store; None for no shingles."""
    if not shingle_set:
        return None
    minhash = MinHash(num_perm=NUM_PERM, scheme=SIGNATURE_SCHEME)
    minhash.update_batch([s.encode("utf-8") for s in shingle_set])
    return minhash.hashvalues.astype(np.uint64).tobytes()


def anchor_names(analysis: Analysis) -> tuple[str, ...]:
    """The specific names an article mentions (people, places, units, named things), as written;
    the lexicon of names that anchor nothing is applied when they are read (see clusters.anchors).
    The article's own byline and outlet are left out: one reporter filing two stories, or one
    outlet naming itself in both, says nothing about the two being one story."""
    names = {n for e in analysis.entities if e.type in ANCHOR_TYPES for n in (e.name, *e.aliases)}
    names.update(p.name for p in analysis.places)
    own = {name_key(n) for n in (*analysis.authors, analysis.outlet or "") if n}
    return tuple(sorted(n for n in names if name_key(n) not in own))


def story_features(article_id: int, analysis: Analysis) -> StoryFeatures:
    shingle_set = frozenset(shingles(story_text(analysis)))
    return StoryFeatures(article_id, shingle_set, anchor_names(analysis), signature(shingle_set))


def quote_refs(article_id: int, analysis: Analysis) -> list[QuoteRef]:
    return [
        QuoteRef(article_id, analysis.document, analysis.outlet, q.id, q.text, q.speaker)
        for q in [*analysis.quotes, *analysis.indirect_quotes]
    ]


def claim_rows(article_id: int, analysis: Analysis) -> list[ClaimRow]:
    return [
        ClaimRow(
            article_id, c.id, c.text, c.quote_id, tuple(c.chain), c.factuality.value, tuple(c.factuality.cues)
        )
        for c in analysis.claims
    ]


def entity_rows(article_id: int, analysis: Analysis) -> list[EntityRow]:
    return [
        EntityRow(article_id, analysis.document, e.name, e.type, tuple(e.aliases), max(1, len(e.mentions)))
        for e in analysis.entities
    ]


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of the sentence holding text[start:end] (a cheap, bounded scan either side)."""
    left = max(0, start - MAX_SENTENCE)
    ends_before = [m.end() for m in _SENTENCE_END.finditer(text, left, start)]
    sentence_start = ends_before[-1] if ends_before else left
    after = _SENTENCE_END.search(text, end, min(len(text), end + MAX_SENTENCE))
    sentence_end = after.end() if after else min(len(text), end + MAX_SENTENCE)
    while sentence_start < sentence_end and text[sentence_start].isspace():
        sentence_start += 1
    return sentence_start, sentence_end


def count_attribution(analysis: Analysis, count: Count) -> str | None:
    """Whom the article attributes a figure to: the origin of the claim holding it, else a source
    cited in its sentence (for a headline figure, in the body sentence repeating it)."""
    claim = next((c for c in analysis.claims if c.start <= count.start < c.end and c.chain), None)
    origin = origin_of(claim.chain, None) if claim else None
    if origin is not None and not origin.own_reporting:
        return origin.label
    return _source_in_sentence(analysis, count) or (origin.label if origin else None)


def _source_in_sentence(analysis: Analysis, count: Count) -> str | None:
    """A cited source mentioned in the count's sentence ("..., the ministry said"), or, for a
    figure in a headline, in the first later sentence repeating the figure."""
    text = analysis.article.text
    sentences = [sentence_around(text, count.start, count.end)]
    repeat = re.search(rf"(?<!\d){count.number}(?!\d)", text[count.end :])
    if repeat:
        at = count.end + repeat.start()
        sentences.append(sentence_around(text, at, at + len(str(count.number))))
    for start, end in sentences:
        for source in analysis.sources:
            if any(start <= mention.start < end for mention in source.mentions):
                return source.name
    return None


def count_rows(article_id: int, analysis: Analysis) -> list[CountRow]:
    return [
        CountRow(article_id, c, count_attribution(analysis, c), count_sentence(analysis, c))
        for c in analysis.counts
    ]


def count_sentence(analysis: Analysis, count: Count) -> str:
    """The sentence giving the figure; for a headline or summary figure, the first body sentence
    repeating it, which says whose figure it is."""
    text = analysis.article.text
    first, last = sentence_around(text, count.start, count.end)
    summaries = analysis.article.segments_of("title", "standfirst", "key_point")
    outside_body = any(s.start <= count.start < s.end for s in summaries)
    repeat = re.search(rf"(?<![\d,]){count.number}(?!,?\d)", text[count.end :]) if outside_body else None
    if repeat:
        at = count.end + repeat.start()
        first, last = sentence_around(text, at, at + len(str(count.number)))
    return " ".join(text[first:last].split())


def dated_events(article_id: int, analysis: Analysis) -> list[DatedEvent]:
    text = analysis.article.text
    events = []
    for time in analysis.times:
        if not time.value:
            continue
        start, end = sentence_around(text, time.start, time.end)
        counts = tuple(c.text for c in analysis.counts if start <= c.start < end)
        events.append(DatedEvent(article_id, time.value, time.text, text[start:end].strip(), counts))
    return events


# ------------------------------------------------------------------ as stored


def feature_row(analysis: Analysis) -> dict[str, Any]:
    """The ``article_features`` columns of one article (JSON text, signature bytes)."""
    story = story_features(0, analysis)
    return {
        "version": FEATURES_VERSION,
        "signature": story.signature,
        "shingles": _dumps(sorted(story.shingles)),
        "anchors": _dumps(story.anchor_names),
        "entities": _dumps([[e.name, e.type, e.aliases, e.mentions] for e in entity_rows(0, analysis)]),
        "counts": _dumps(
            [[c.count.model_dump(mode="json"), c.attributed_to, c.sentence] for c in count_rows(0, analysis)]
        ),
        "events": _dumps([[e.date, e.time_text, e.sentence, e.counts] for e in dated_events(0, analysis)]),
    }


def stored_row(analysis: Analysis, recordings: list[Recording] | None = None) -> dict[str, Any]:
    """What the store keeps for one article: its features and the recordings it retells (kept in
    their own table, article_recordings). ``recordings`` are those of an analysis just made;
    without them they are found again (a stored analysis may predate them, or older rules)."""
    found = recordings if recordings is not None else build_recordings(analysis)
    return {**feature_row(analysis), "recordings": _dumps([r.model_dump(mode="json") for r in found])}


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _loads(stored: Any) -> Any:
    """A feature column as the store keeps it (JSON text, or compressed on SQLite since schema 8)."""
    return json.loads(unpack_text(stored))


def decode_story(article_id: int, row: Any) -> StoryFeatures:
    signature_value = row["signature"]
    return StoryFeatures(
        article_id,
        frozenset(_loads(row["shingles"])),
        tuple(_loads(row["anchors"])),
        bytes(signature_value) if signature_value is not None else None,
    )


def decode_entities(article_id: int, document: str, row: Any) -> list[EntityRow]:
    return [
        EntityRow(article_id, document, name, kind, tuple(aliases), mentions)
        for name, kind, aliases, mentions in _loads(row["entities"])
    ]


def decode_counts(article_id: int, row: Any) -> list[CountRow]:
    return [
        CountRow(article_id, Count.model_validate(c), who, *rest) for c, who, *rest in _loads(row["counts"])
    ]


def decode_events(article_id: int, row: Any) -> list[DatedEvent]:
    return [
        DatedEvent(article_id, date, text, sentence, tuple(counts))
        for date, text, sentence, counts in _loads(row["events"])
    ]


def features_current(store: Store) -> bool:
    """Whether every article of ``store`` has its features at FEATURES_VERSION."""
    row = store.session.one("SELECT value FROM meta WHERE key = ?", (FEATURES_KEY,))
    return row is not None and row["value"] == str(FEATURES_VERSION)


def refresh_features(store: Store) -> int:
    """Compute the corpus features of every article lacking them at FEATURES_VERSION (a store made
    before they existed, or by an older version), page by page; returns how many were written."""
    written, last = 0, 0
    while True:
        page = store.session.execute(
            "SELECT a.id FROM articles a LEFT JOIN article_features f ON f.article_id = a.id"
            " LEFT JOIN article_recordings r ON r.article_id = a.id"
            " WHERE a.id > ? AND (f.version IS NULL OR f.version <> ? OR r.version IS NULL OR r.version <> ?)"
            " ORDER BY a.id LIMIT ?",
            (last, FEATURES_VERSION, FEATURES_VERSION, BACKFILL_PAGE),
        ).fetchall()
        if not page:
            break
        with store.transaction() as db:
            for row in page:
                analysis = store.analysis(row["id"])
                if analysis is not None:
                    rows.insert_features(db, row["id"], stored_row(analysis))
                    written += 1
        last = page[-1]["id"]
    with store.transaction() as db:
        db.execute(
            "INSERT INTO meta(key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (FEATURES_KEY, str(FEATURES_VERSION)),
        )
    return written
