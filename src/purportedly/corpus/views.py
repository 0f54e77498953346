"""What the corpus functions read, from wherever the articles are: a Store's rows or Analyses in memory.

Every cross-article function asks its source for the projections it needs (article metadata,
story features, quotes, claims, entities, counts, dated events), streamed in article-id order.
``view_of`` picks the reader: a Store is read table by table (``store_view.StoreView``) and
never deserialises a whole Analysis; a ``Corpus`` or a list of Analyses is projected in memory.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Protocol

from purportedly.corpus import features
from purportedly.corpus.common import Corpus
from purportedly.corpus.features import (
    ArticleMeta,
    ClaimRow,
    CountRow,
    DatedEvent,
    EntityRow,
    QuoteRef,
    StoryFeatures,
)
from purportedly.model import Analysis

if TYPE_CHECKING:
    from purportedly.store.core import Store


class CorpusView(Protocol):
    """The projections of a corpus, each an iterator in article-id order."""

    def metas(self) -> Iterator[ArticleMeta]: ...
    def story_features(self) -> Iterator[StoryFeatures]: ...
    def quote_refs(self) -> Iterator[QuoteRef]: ...
    def claim_rows(self) -> Iterator[ClaimRow]: ...
    def entity_rows(self) -> Iterator[EntityRow]: ...
    def count_rows(self) -> Iterator[CountRow]: ...
    def dated_events(self) -> Iterator[DatedEvent]: ...


class MemoryView:
    """The projections of Analyses already in memory (the Python API: ``stories(analyses)``)."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus

    def metas(self) -> Iterator[ArticleMeta]:
        return (features.meta_of(a.id, a.analysis) for a in self.corpus.articles)

    def story_features(self) -> Iterator[StoryFeatures]:
        return (features.story_features(a.id, a.analysis) for a in self.corpus.articles)

    def quote_refs(self) -> Iterator[QuoteRef]:
        return (q for a in self.corpus.articles for q in features.quote_refs(a.id, a.analysis))

    def claim_rows(self) -> Iterator[ClaimRow]:
        return (c for a in self.corpus.articles for c in features.claim_rows(a.id, a.analysis))

    def entity_rows(self) -> Iterator[EntityRow]:
        return (e for a in self.corpus.articles for e in features.entity_rows(a.id, a.analysis))

    def count_rows(self) -> Iterator[CountRow]:
        return (c for a in self.corpus.articles for c in features.count_rows(a.id, a.analysis))

    def dated_events(self) -> Iterator[DatedEvent]:
        return (e for a in self.corpus.articles for e in features.dated_events(a.id, a.analysis))


def view_of(source: Store | Corpus | CorpusView | Iterable[Analysis]) -> CorpusView:
    """The view a corpus function reads: a Store's own rows, or the projections of Analyses."""
    if isinstance(source, MemoryView) or _is_view(source):
        return source  # type: ignore[return-value]
    if isinstance(source, Corpus):
        return MemoryView(source)
    if hasattr(source, "analyses") and hasattr(source, "session"):
        from purportedly.corpus.store_view import StoreView

        return StoreView(source)  # type: ignore[arg-type]
    return MemoryView(Corpus.of(source))  # type: ignore[arg-type]


def _is_view(source: object) -> bool:
    return all(hasattr(source, name) for name in ("metas", "story_features", "claim_rows"))
