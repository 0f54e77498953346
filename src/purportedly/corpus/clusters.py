"""Same-story clusters: MinHash LSH over word shingles of story text, joined by shared quotes.

Candidates come from MinHash LSH over content-word shingles; a candidate pair is one story when
its IDF-weighted Jaccard overlap clears a threshold. The weighting matters: re-tellings by
other outlets are paraphrased, and what they share is the story's rare words (the village, the
quoted phrases), while different stories of one genre share its common words ("intercepted",
"security service", "soldier"), which the corpus's own document frequencies weigh down.
"""

from __future__ import annotations

import math
import tomllib
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from datasketch import MinHash, MinHashLSH

from purportedly.corpus.common import Corpus, StoredArticle, UnionFind, content_words, name_key
from purportedly.corpus.quotes_match import QuoteGroup, quote_groups

if TYPE_CHECKING:
    from purportedly.store.sqlite import Store

NUM_PERM = 128
SHINGLE_SIZE = 1  # single content words: paraphrased re-tellings share few longer word runs
LSH_THRESHOLD = 0.1  # plain Jaccard for LSH candidates; kept low so no true pair is missed
# IDF-weighted Jaccard above which two articles tell one story (syndicated copies score ~0.9,
# re-tellings by other outlets 0.15-0.5, different stories of the same genre below ~0.12)
STORY_THRESHOLD = 0.14


IDF_PRIOR = 10  # pseudo-articles without the word: keeps tiny corpora from zeroing shared words
NEAR_DUPLICATE = 0.8  # weighted overlap at which no shared name is needed (syndicated copies)
MIN_SHARED_WEIGHT = 6.0  # summed IDF of shared words: a few informative words, not "strike killed people"
STORY_KINDS = ("title", "standfirst", "key_point", "dateline", "body", "heading")
ANCHOR_TYPES = ("PERSON", "GPE", "LOC", "FAC", "ORG", "EVENT")
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
    """log((N + prior + 1) / (df + 1)) per shingle: rare words weigh most; the prior stands for
    articles about other things, so in a corpus of five re-tellings their shared words still count."""
    frequency = Counter(s for shingle_set in shingle_sets.values() for s in shingle_set)
    total = len(shingle_sets) + IDF_PRIOR + 1
    return {shingle: math.log(total / (df + 1)) for shingle, df in frequency.items()}


def weighted_overlap(a: set[str], b: set[str], weights: dict[str, float]) -> tuple[float, float]:
    """(IDF-weighted Jaccard, summed weight of the shared words)."""
    shared = sum(weights[s] for s in a & b)
    union = sum(weights[s] for s in a | b)
    return (shared / union if union else 0.0), shared


@lru_cache(maxsize=1)
def common_names() -> frozenset[str]:
    """Names that do not anchor a story: data/corpus/common_names.txt plus every known source
    and alias of data/sources/aliases.toml (agencies and outlets recur across stories)."""
    data = resources.files("purportedly.data")
    lines = data.joinpath("corpus/common_names.txt").read_text(encoding="utf-8").splitlines()
    names = {name_key(line) for line in lines if line.strip() and not line.startswith("#")}
    aliases = data.joinpath("sources/aliases.toml")
    if aliases.is_file():
        for source in tomllib.loads(aliases.read_text(encoding="utf-8")).get("source", []):
            names.update(name_key(n) for n in [source.get("name", ""), *source.get("aliases", [])])
    return frozenset(n for n in names if n)


def anchors(article: StoredArticle) -> set[str]:
    """The specific names an article mentions (people, places, units, named things): a re-telling
    of its story names at least one of them."""
    analysis = article.analysis
    names = {n for e in analysis.entities if e.type in ANCHOR_TYPES for n in (e.name, *e.aliases)}
    names.update(p.name for p in analysis.places)
    ignored = common_names()
    return {key for key in map(name_key, names) if key and key not in ignored}


def _specific_anchors(corpus: Corpus) -> dict[int, set[str]]:
    found = {a.id: anchors(a) for a in corpus.articles}
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


def near_duplicate_pairs(corpus: Corpus, threshold: float = STORY_THRESHOLD) -> list[tuple[int, int]]:
    """Article id pairs telling one story: LSH candidates, then weighted overlap and a shared name."""
    shingle_sets = {a.id: shingles(story_text(a)) for a in corpus.articles}
    weights = idf_weights(shingle_sets)
    names = _specific_anchors(corpus)
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    pairs = []
    for article_id, shingle_set in shingle_sets.items():
        if not shingle_set:
            continue
        signature = _minhash(shingle_set)
        for other in lsh.query(signature):
            overlap = weighted_overlap(shingle_set, shingle_sets[other], weights)
            if same_story(overlap, names[article_id], names[other], threshold):
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
