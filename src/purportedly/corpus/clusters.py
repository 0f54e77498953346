"""Same-story clusters: MinHash LSH over word shingles of story text, joined by shared quotes.

Candidates come from MinHash LSH over content-word shingles; a candidate pair is one story when
its IDF-weighted Jaccard overlap clears a threshold. The weighting matters: re-tellings by
other outlets are paraphrased, and what they share is the story's rare words (the village, the
quoted phrases), while different stories of one genre share its common words ("intercepted",
"security service", "soldier"), which the corpus's own document frequencies weigh down.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from datasketch import MinHash, MinHashLSH

from purportedly.corpus.common import Corpus, StoredArticle, UnionFind, content_words
from purportedly.corpus.quotes_match import QuoteGroup, quote_groups

if TYPE_CHECKING:
    from purportedly.store.sqlite import Store

NUM_PERM = 128
SHINGLE_SIZE = 1  # single content words: paraphrased re-tellings share few longer word runs
LSH_THRESHOLD = 0.1  # plain Jaccard for LSH candidates; kept low so no true pair is missed
# IDF-weighted Jaccard above which two articles tell one story (syndicated copies score ~0.9,
# re-tellings by other outlets 0.15-0.5, different stories of the same genre below ~0.12)
STORY_THRESHOLD = 0.14
STORY_KINDS = ("title", "standfirst", "key_point", "dateline", "body", "heading")


@dataclass(frozen=True)
class Story:
    """Articles that tell the same story; ``label`` is the earliest article's headline."""

    id: int
    article_ids: tuple[int, ...]
    documents: tuple[str, ...]
    outlets: tuple[str, ...]
    label: str
    first_date: str | None

    @property
    def size(self) -> int:
        return len(self.article_ids)


def story_text(article: StoredArticle) -> str:
    """The article's own story words: headline, summary and body, not captions or boilerplate."""
    parsed = article.analysis.article
    segments = parsed.segments_of(*STORY_KINDS)
    if not segments:
        return parsed.text
    return "\n".join(s.text for s in segments)


def shingles(text: str, size: int = SHINGLE_SIZE) -> set[str]:
    tokens = content_words(text)
    if len(tokens) < size:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def _minhash(shingle_set: set[str]) -> MinHash:
    signature = MinHash(num_perm=NUM_PERM)
    signature.update_batch([s.encode("utf-8") for s in shingle_set])
    return signature


def idf_weights(shingle_sets: dict[int, set[str]]) -> dict[str, float]:
    """log((N + 1) / df) per shingle over the corpus: rare words weigh most."""
    frequency = Counter(s for shingle_set in shingle_sets.values() for s in shingle_set)
    total = len(shingle_sets) + 1
    return {shingle: math.log(total / df) for shingle, df in frequency.items()}


def weighted_jaccard(a: set[str], b: set[str], weights: dict[str, float]) -> float:
    union = sum(weights[s] for s in a | b)
    return sum(weights[s] for s in a & b) / union if union else 0.0


def near_duplicate_pairs(corpus: Corpus, threshold: float = STORY_THRESHOLD) -> list[tuple[int, int]]:
    """Article id pairs telling one story: LSH candidates, then weighted overlap >= ``threshold``."""
    shingle_sets = {a.id: shingles(story_text(a)) for a in corpus.articles}
    weights = idf_weights(shingle_sets)
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    pairs = []
    for article_id, shingle_set in shingle_sets.items():
        if not shingle_set:
            continue
        signature = _minhash(shingle_set)
        for other in lsh.query(signature):
            if weighted_jaccard(shingle_set, shingle_sets[other], weights) >= threshold:
                pairs.append((other, article_id))
        lsh.insert(article_id, signature)
    return pairs


def stories(
    source: Store | Corpus, *, threshold: float = STORY_THRESHOLD, quotes: list[QuoteGroup] | None = None
) -> list[Story]:
    """Same-story clusters, largest first; single articles are stories of one.

    Two articles are joined when their story texts are near-duplicates (MinHash LSH) or when
    they carry the same quote (see ``quotes_match``): re-tellings often share little else.
    """
    corpus = Corpus.of(source)
    union = UnionFind(a.id for a in corpus.articles)
    for a, b in near_duplicate_pairs(corpus, threshold):
        union.union(a, b)
    for group in quotes if quotes is not None else quote_groups(corpus):
        first, *rest = group.article_ids
        for other in rest:
            union.union(first, other)
    by_id = corpus.by_id()
    clusters = sorted(union.groups(), key=lambda ids: (-len(ids), min(ids)))
    return [_story(number, [by_id[i] for i in sorted(ids)]) for number, ids in enumerate(clusters, start=1)]


def story_of(stories_list: list[Story]) -> dict[int, int]:
    """Article id -> story id."""
    return {article_id: story.id for story in stories_list for article_id in story.article_ids}


def _story(number: int, members: list[StoredArticle]) -> Story:
    dated = sorted((a.analysis.date.isoformat(), a.id) for a in members if a.analysis.date)
    first = next((a for a in members if dated and a.id == dated[0][1]), members[0])
    return Story(
        id=number,
        article_ids=tuple(a.id for a in members),
        documents=tuple(a.analysis.document for a in members),
        outlets=tuple(sorted({a.analysis.outlet for a in members if a.analysis.outlet})),
        label=first.analysis.title or first.analysis.document,
        first_date=dated[0][0] if dated else None,
    )
