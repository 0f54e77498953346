"""Copies found through their own LSH index (``clusters.copy_index``) are the copies that judging
every pair of a corpus finds, on a random corpus of copies, near-copies and distinct reports of
the same stories.

The index is probabilistic: it proposes a pair of plain word overlap J with probability
1 - (1 - J**2)**64, at least 1 - 1.0e-8 for a pair that can be a copy (J >= 0.5). The corpus
below is drawn from fixed seeds, so the test is deterministic; a true copy missed by the index
would show as a copy group the exact check has and the clustering has not.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from itertools import combinations

from purportedly.corpus.clusters import (
    COPY_LSH_BANDS,
    COPY_LSH_ROWS,
    COPY_PLAIN_JACCARD,
    IDF_PRIOR,
    Clustering,
    _add_dates_figures_quotes,
    _specific_anchors,
    cluster,
    copy_index,
    idf_weights,
    story_candidates,
    weighted_overlap,
)
from purportedly.corpus.common import UnionFind
from purportedly.corpus.features import ArticleMeta, CountRow, QuoteRef, StoryFeatures, signature
from purportedly.corpus.quotes_match import QuoteGroup
from purportedly.corpus.story_evidence import judge, name_weights

VOCABULARY = [f"w{n:04d}" for n in range(3000)]


class RandomView:
    """A corpus of generated word sets: per story one report, its copies (identical words),
    near-copies (a share of the words replaced), distinct reports naming the same place and
    carrying the same quote (``quotes``), and one brief repeated in every story."""

    def __init__(self, seed: int, stories: int = 12) -> None:
        rng = random.Random(seed)
        self.features: list[StoryFeatures] = []
        self.quotes: list[QuoteGroup] = []
        for story in range(stories):
            place = f"Zarvanka {story}"  # a specific name the story's reports share
            original = set(rng.sample(VOCABULARY, rng.randrange(40, 120)))
            # distinct reports first: they join the story before the copies meet, so the copies
            # are one story already when their pair comes up, and only the copy index joins them
            texts = [set(rng.sample(VOCABULARY, rng.randrange(40, 120))) for _ in range(rng.randrange(1, 4))]
            texts += [original] * rng.randrange(1, 4)  # the report and its verbatim copies
            for _ in range(rng.randrange(2, 7)):  # near-copies, plain overlap from ~0.3 to ~0.97
                share = rng.uniform(0.02, 0.55)
                dropped = set(rng.sample(sorted(original), int(share * len(original))))
                texts.append((original - dropped) | set(rng.sample(VOCABULARY, len(dropped))))
            # a brief of two common words, in every story: one text, too slight to be a copy
            texts.append({VOCABULARY[0], VOCABULARY[1]})
            refs = []
            for words in texts:
                shingles = frozenset(words)
                article_id = len(self.features) + 1
                self.features.append(StoryFeatures(article_id, shingles, (place,), signature(shingles)))
                refs.append(QuoteRef(article_id, f"d{article_id}", None, "q1", f"we heard {story}", None))
            self.quotes.append(QuoteGroup(story, tuple(refs)))

    def story_features(self) -> Iterator[StoryFeatures]:
        return iter(self.features)

    def metas(self) -> Iterator[ArticleMeta]:
        return (ArticleMeta(f.article_id, f"d{f.article_id}", None, "", None, None) for f in self.features)

    def count_rows(self) -> Iterator[CountRow]:
        return iter(())


def plain(a: frozenset, b: frozenset) -> float:
    return len(a & b) / len(a | b)


def exact_copies(view: RandomView) -> list[list[int]]:
    """Copies by judging every pair of the corpus, no index."""
    evidence, anchors, _ = story_candidates(view)
    _add_dates_figures_quotes(view, evidence, view.quotes)
    names = _specific_anchors(anchors)
    for article_id, item in evidence.items():
        item.names = frozenset(names.get(article_id, ()))
    weights = idf_weights({i: e.shingles for i, e in evidence.items()})
    name_weight = name_weights(names, IDF_PRIOR)
    copies = UnionFind(evidence)
    for a, b in combinations(sorted(evidence), 2):
        first, second = evidence[a].shingles, evidence[b].shingles
        verdict = judge(evidence[a], evidence[b], weighted_overlap(first, second, weights), name_weight)
        if verdict.same_story and verdict.near_duplicate and plain(first, second) >= COPY_PLAIN_JACCARD:
            copies.union(a, b)
    return sorted(map(sorted, copies.groups()))


def test_the_copy_index_proposes_every_pair_that_may_be_a_copy():
    assert COPY_LSH_BANDS * COPY_LSH_ROWS <= 128
    # the chance a pair at the copy threshold is not proposed: below 1 in 1,000 (here ~1e-8)
    assert (1 - COPY_PLAIN_JACCARD**COPY_LSH_ROWS) ** COPY_LSH_BANDS < 1e-3
    view = RandomView(seed=7)
    index, proposed = copy_index(), set()
    for story in view.features:
        proposed.update((other, story.article_id) for other in index.query(story.minhash()))
        index.insert(story.article_id, story.minhash())
    may_copy = [
        (a.article_id, b.article_id)
        for a, b in combinations(view.features, 2)
        if plain(a.shingles, b.shingles) >= COPY_PLAIN_JACCARD
    ]
    # near-copies close to the threshold are in the corpus, not only verbatim copies
    words = {f.article_id: f.shingles for f in view.features}
    assert len([(a, b) for a, b in may_copy if plain(words[a], words[b]) < 0.7]) > 3
    assert set(may_copy) <= proposed


def test_copies_through_the_index_are_those_of_every_pair_judged():
    checked = 0
    for seed in range(5):
        view = RandomView(seed=seed)
        ids = [f.article_id for f in view.features]
        found = Clustering(UnionFind(ids), UnionFind(ids))
        cluster(view, view.quotes, found)
        expected = exact_copies(view)
        # copy groups of several reports, and reports that are not copies of anything
        assert any(len(group) > 1 for group in expected) and any(len(group) == 1 for group in expected)
        assert sorted(map(sorted, found.copies.groups())) == expected
        # every story's reports are one story (copies met as one story, joined by the copy index)
        assert sorted(map(sorted, found.story.groups())) == [q.article_ids for q in view.quotes]
        checked += 1
    assert checked == 5
