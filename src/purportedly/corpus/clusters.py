"""Same-story clusters: MinHash LSH over word shingles of story text, joined by shared quotes.

Candidates come from MinHash LSH over content-word shingles; a candidate pair is one story when
its IDF-weighted Jaccard overlap clears a threshold. The weighting matters: re-tellings by
other outlets are paraphrased, and what they share is the story's rare words (the village, the
quoted phrases), while different stories of one genre share its common words ("intercepted",
"security service", "soldier"), which the corpus's own document frequencies weigh down.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Callable, Hashable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from datasketch import MinHashLSH

from purportedly.corpus import features
from purportedly.corpus.common import Corpus, StoredArticle, UnionFind
from purportedly.corpus.features import (
    ANCHOR_TYPES,
    NUM_PERM,
    SHINGLE_SIZE,
    STORY_KINDS,
    ArticleMeta,
    shingles,
)
from purportedly.corpus.quotes_match import QuoteGroup, quote_groups
from purportedly.corpus.views import CorpusView, view_of
from purportedly.lexicons import load_data, load_lines
from purportedly.names import name_key

if TYPE_CHECKING:
    from purportedly.store.core import Store

__all__ = ["ANCHOR_TYPES", "NUM_PERM", "SHINGLE_SIZE", "STORY_KINDS", "Story", "shingles", "stories"]

LSH_THRESHOLD = 0.1  # plain Jaccard for LSH candidates; kept low so no true pair is missed
# IDF-weighted Jaccard above which two articles tell one story (syndicated copies score ~0.9,
# re-tellings by other outlets 0.15-0.5, different stories of the same genre below ~0.12)
STORY_THRESHOLD = 0.14


IDF_PRIOR = 10  # pseudo-articles without the word: keeps tiny corpora from zeroing shared words
NEAR_DUPLICATE = 0.8  # weighted overlap at which no shared name is needed (syndicated copies)
MIN_SHARED_WEIGHT = 6.0  # summed IDF of shared words: a few informative words, not "strike killed people"
UBIQUITOUS_SHARE = 0.5  # a name in more than half the articles (of 10+) anchors nothing


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
    return features.story_text(article.analysis)


def idf_weights(shingle_sets: Mapping[int, AbstractSet[Hashable]]) -> dict[Hashable, float]:
    """log((N + prior + 1) / (df + 1)) per shingle: rare words weigh most; the prior stands for
    articles about other things, so in a corpus of five re-tellings their shared words still count."""
    frequency = Counter(s for shingle_set in shingle_sets.values() for s in shingle_set)
    total = len(shingle_sets) + IDF_PRIOR + 1
    return {shingle: math.log(total / (df + 1)) for shingle, df in frequency.items()}


def weighted_overlap(
    a: AbstractSet[Hashable], b: AbstractSet[Hashable], weights: Mapping[Hashable, float]
) -> tuple[float, float]:
    """(IDF-weighted Jaccard, summed weight of the shared words)."""
    # fsum: exact, so the verdict never depends on the order a set happens to iterate in
    shared = math.fsum(weights[s] for s in a & b)
    union = math.fsum(weights[s] for s in a | b)
    return (shared / union if union else 0.0), shared


@lru_cache(maxsize=1)
def common_names() -> frozenset[str]:
    """Names that do not anchor a story: data/corpus/common_names.txt plus every known source
    and alias of data/sources/aliases.toml (agencies and outlets recur across stories)."""
    names = {name_key(line) for line in load_lines("corpus/common_names.txt")}
    for source in load_data("sources/aliases.toml").get("source", []):
        names.update(name_key(n) for n in [source.get("name", ""), *source.get("aliases", [])])
    return frozenset(n for n in names if n)


def anchors(article: StoredArticle) -> set[str]:
    """The specific names an article mentions (people, places, units, named things): a re-telling
    of its story names at least one of them."""
    return anchor_keys(features.anchor_names(article.analysis))


def anchor_keys(names: tuple[str, ...] | list[str]) -> set[str]:
    """Names as compared across articles, without those that anchor nothing (agencies, outlets...)."""
    ignored = common_names()
    return {key for key in map(name_key, names) if key and key not in ignored}


def _specific_anchors(found: dict[int, set[str]]) -> dict[int, set[str]]:
    if len(found) >= 10:
        frequency = Counter(name for names in found.values() for name in names)
        ubiquitous = {name for name, df in frequency.items() if df > UBIQUITOUS_SHARE * len(found)}
        found = {i: names - ubiquitous for i, names in found.items()}
    return found


def same_story(
    overlap: tuple[float, float], anchors_a: set[str], anchors_b: set[str], threshold: float
) -> bool:
    """Enough weighted overlap of enough informative words, and a shared specific name unless one
    article names none (or the two are near-duplicates): one wire template filled with two
    villages is two stories."""
    overlap, shared = overlap
    if overlap < threshold or shared < MIN_SHARED_WEIGHT:
        return False
    return overlap >= NEAR_DUPLICATE or not anchors_a or not anchors_b or bool(anchors_a & anchors_b)


def _near_duplicate_pairs(
    view: CorpusView, threshold: float, known: Callable[[int, int], bool] | None = None
) -> Iterator[tuple[int, int]]:
    """One pass over the articles' stored signatures finds the candidates (each article is queried
    against those before it, then inserted); the IDF weights need every article's shingles, so
    candidates are verified after it. ``known(a, b)`` true skips a candidate unchecked (the
    caller already joins the two). Shingles are held as numbers of one vocabulary and candidates
    in two machine-integer arrays: what stays in memory is a few bytes per word and per pair.
    """
    vocabulary: dict[str, int] = {}
    shingle_sets: dict[int, frozenset[int]] = {}
    found_anchors: dict[int, set[str]] = {}
    earlier, later = array("q"), array("q")
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    for story in view.story_features():
        shingle_sets[story.article_id] = frozenset(
            vocabulary.setdefault(shingle, len(vocabulary)) for shingle in story.shingles
        )
        found_anchors[story.article_id] = anchor_keys(story.anchor_names)
        if not story.shingles:
            continue
        signature = story.minhash()
        for other in lsh.query(signature):
            earlier.append(other)
            later.append(story.article_id)
        lsh.insert(story.article_id, signature)
    del lsh, vocabulary  # the weights below need neither
    weights = idf_weights(shingle_sets)
    names = _specific_anchors(found_anchors)
    for a, b in zip(earlier, later, strict=True):
        if known is not None and known(a, b):
            continue
        overlap = weighted_overlap(shingle_sets[b], shingle_sets[a], weights)
        if same_story(overlap, names[b], names[a], threshold):
            yield a, b


def stories(
    source: Store | Corpus | CorpusView,
    *,
    threshold: float = STORY_THRESHOLD,
    quotes: list[QuoteGroup] | None = None,
) -> list[Story]:
    """Same-story clusters, largest first; single articles are stories of one.

    Two articles are joined when their story texts are near-duplicates (MinHash LSH) or when
    they carry the same quote (see ``quotes_match``): re-tellings often share little else.
    """
    view = view_of(source)
    metas = {meta.id: meta for meta in view.metas()}
    union = UnionFind(metas)
    joined = lambda a, b: union.find(a) == union.find(b)  # noqa: E731 - joining them again changes nothing
    for a, b in _near_duplicate_pairs(view, threshold, known=joined):
        union.union(a, b)
    for group in quotes if quotes is not None else quote_groups(view):
        first, *rest = group.article_ids
        for other in rest:
            union.union(first, other)
    clusters = sorted(union.groups(), key=lambda ids: (-len(ids), min(ids)))
    return [_story(number, [metas[i] for i in sorted(ids)]) for number, ids in enumerate(clusters, start=1)]


def story_of(stories_list: list[Story]) -> dict[int, int]:
    """Article id -> story id."""
    return {article_id: story.id for story in stories_list for article_id in story.article_ids}


def _story(number: int, members: list[ArticleMeta]) -> Story:
    dated = sorted((a.date, a.id) for a in members if a.date)
    first = next((a for a in members if dated and a.id == dated[0][1]), members[0])
    return Story(
        id=number,
        article_ids=tuple(a.id for a in members),
        documents=tuple(a.document for a in members),
        outlets=tuple(sorted({a.outlet for a in members if a.outlet})),
        label=first.title or first.document,
        first_date=dated[0][0] if dated else None,
    )
