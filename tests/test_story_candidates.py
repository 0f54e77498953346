"""Stories judged from the candidate structures (cliques of one signature, LSH buckets, shared
quotes) join exactly what judging every candidate pair one by one joins, and the structures hold
exactly the pairs querying the LSH index article by article proposes."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pytest
from datasketch import MinHashLSH

from purportedly.corpus.clusters import (
    COPY_PLAIN_JACCARD,
    IDF_PRIOR,
    LSH_THRESHOLD,
    NUM_PERM,
    Clustering,
    _add_dates_figures_quotes,
    _specific_anchors,
    cluster,
    idf_weights,
    story_candidates,
    weighted_overlap,
)
from purportedly.corpus.common import UnionFind
from purportedly.corpus.quotes_match import quote_groups
from purportedly.corpus.store_view import StoreView
from purportedly.corpus.story_evidence import judge, name_weights
from purportedly.engines.ingest import ingest_paths
from purportedly.store import Store

ARTICLES = Path(__file__).resolve().parent / "articles" / "stories"


@pytest.fixture(scope="module")
def view(tmp_path_factory):
    db = tmp_path_factory.mktemp("candidates") / "stories.db"
    with Store.open(db) as store:
        ingest_paths(store, [str(ARTICLES)])
    with Store.open(db, read_only=True) as store:
        yield StoreView(store)


def every_pair(view) -> set[tuple[int, int]]:
    """The candidate pairs as the structures spell them out."""
    _, _, found = story_candidates(view)
    pairs = set()
    for members in found.cliques:
        pairs.update(combinations(sorted(members), 2))
    for left, right in found.across:
        pairs.update((min(a, b), max(a, b)) for a in left for b in right)
    for group in quote_groups(view):
        pairs.update(combinations(group.article_ids, 2))
    return {(a, b) for a, b in pairs if a != b}


def test_the_structures_hold_the_pairs_the_lsh_index_proposes(view):
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    proposed = set()
    for story in view.story_features():
        if story.shingles:
            proposed.update((other, story.article_id) for other in lsh.query(story.minhash()))
            lsh.insert(story.article_id, story.minhash())
    assert proposed
    assert proposed <= every_pair(view)


def test_stories_and_copies_are_those_of_every_pair_judged(view):
    metas = [meta.id for meta in view.metas()]
    found = Clustering(UnionFind(metas), UnionFind(metas))
    cluster(view, quote_groups(view), found)

    evidence, anchors, _ = story_candidates(view)
    _add_dates_figures_quotes(view, evidence, quote_groups(view))
    names = _specific_anchors(anchors)
    for article_id, item in evidence.items():
        item.names = frozenset(names.get(article_id, ()))
        item.headline_names = frozenset(n for n in item.names if f" {n} " in f" {item.title} ")
    weights = idf_weights({i: e.shingles for i, e in evidence.items()})
    name_weight = name_weights(names, IDF_PRIOR)
    story, copies = UnionFind(metas), UnionFind(metas)
    for a, b in sorted(every_pair(view)):
        first, second = evidence[a].shingles, evidence[b].shingles
        verdict = judge(evidence[a], evidence[b], weighted_overlap(first, second, weights), name_weight)
        if verdict.same_story:
            story.union(a, b)
        plain = len(first & second) / len(first | second) if first | second else 0.0
        if verdict.near_duplicate and plain >= COPY_PLAIN_JACCARD:
            copies.union(a, b)
    expected_stories = sorted(map(sorted, story.groups()))
    expected_copies = sorted(map(sorted, copies.groups()))
    assert any(len(g) > 2 for g in expected_stories) and any(len(g) > 1 for g in expected_copies)
    assert sorted(map(sorted, found.story.groups())) == expected_stories
    assert sorted(map(sorted, found.copies.groups())) == expected_copies
