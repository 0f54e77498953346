"""A timeline of the corpus: time expressions with a day value, with their sentence and counts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from purportedly.corpus.clusters import Story, stories, story_of
from purportedly.corpus.common import Corpus
from purportedly.corpus.features import ArticleMeta, DatedEvent, sentence_around
from purportedly.corpus.views import CorpusView, view_of

if TYPE_CHECKING:
    from purportedly.store.core import Store

__all__ = ["TimelineEvent", "sentence_around", "timeline"]


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


def _event(event: DatedEvent, meta: ArticleMeta, story_id: int | None) -> TimelineEvent:
    return TimelineEvent(
        date=event.date,
        time_text=event.time_text,
        sentence=event.sentence,
        counts=event.counts,
        article_id=event.article_id,
        document=meta.document,
        outlet=meta.outlet,
        story_id=story_id,
    )


def timeline(
    source: Store | Corpus | CorpusView, *, story_list: list[Story] | None = None
) -> list[TimelineEvent]:
    """Every dated event of the corpus in date order (then story, then article)."""
    view = view_of(source)
    story_ids = story_of(story_list if story_list is not None else stories(view))
    metas = {meta.id: meta for meta in view.metas()}
    events = [_event(e, metas[e.article_id], story_ids.get(e.article_id)) for e in view.dated_events()]
    return sorted(events, key=lambda e: (e.date, e.story_id or 0, e.article_id))
