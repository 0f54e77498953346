"""A timeline of the corpus: time expressions with a day value, with their sentence and counts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from purportedly.corpus.clusters import Story, stories, story_of
from purportedly.corpus.common import Corpus, StoredArticle

if TYPE_CHECKING:
    from purportedly.store.sqlite import Store

# a sentence ends at . ! ? (optionally followed by a closing quote) before whitespace, or at a line break
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*(?=\s)|\n")
MAX_SENTENCE = 400  # characters either side of the time expression we look at, at most


@dataclass(frozen=True)
class TimelineEvent:
    """Something dated: the day, the sentence saying what happened, and the counts in it."""

    date: str
    time_text: str
    sentence: str
    counts: tuple[str, ...]
    article_id: int
    document: str
    outlet: str | None
    story_id: int | None


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


def article_events(article: StoredArticle, story_id: int | None) -> list[TimelineEvent]:
    analysis = article.analysis
    text = analysis.article.text
    events = []
    for time in analysis.times:
        if not time.value:
            continue
        start, end = sentence_around(text, time.start, time.end)
        counts = tuple(c.text for c in analysis.counts if start <= c.start < end)
        events.append(
            TimelineEvent(
                date=time.value,
                time_text=time.text,
                sentence=text[start:end].strip(),
                counts=counts,
                article_id=article.id,
                document=analysis.document,
                outlet=analysis.outlet,
                story_id=story_id,
            )
        )
    return events


def timeline(source: Store | Corpus, *, story_list: list[Story] | None = None) -> list[TimelineEvent]:
    """Every dated event of the corpus in date order (then story, then article)."""
    corpus = Corpus.of(source)
    story_ids = story_of(story_list if story_list is not None else stories(corpus))
    events = [e for a in corpus.articles for e in article_events(a, story_ids.get(a.id))]
    return sorted(events, key=lambda e: (e.date, e.story_id or 0, e.article_id))
