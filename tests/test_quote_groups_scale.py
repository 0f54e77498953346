"""Quote groups match each distinct wording once, and still group exactly the quotes that matching
every pair of quotes groups (the wordings of one quote carried by many reports, in the same
article twice, trimmed, with other figures)."""

from __future__ import annotations

import random

import pytest

from purportedly.corpus.common import UnionFind, similar_pairs
from purportedly.corpus.features import ArticleMeta, QuoteRef
from purportedly.corpus.quotes_match import (
    MIN_CONTENT_WORDS,
    MIN_EXACT_WORDS,
    TOKEN_SET_CUTOFF,
    _same_words,
    _Wording,
    collect_quotes,
    quote_groups,
)

WORDINGS = [
    "The column crossed the frozen marsh near Velyka Dolyna before dawn",
    "the column crossed the frozen marsh near Velyka Dolyna",
    "Nineteen sappers were sent across the marsh without maps or radios",
    "Twelve sappers were sent across the marsh without maps or radios",
    "We waited three days at the ferry and nobody came for us",
    "we waited three days at the ferry, and nobody came",
    "The quartermaster sold the winter boots to a trader in Ostrivka",
    "They told us the bridge at Kamianets was already taken by then",
    "they sent forty of us over the river with two magazines each",
    "Forty of them went over the river with two magazines each, they said",
]


class QuotesOnly:
    """A corpus view holding quotes and article dates only (what quote_groups reads)."""

    def __init__(self, refs: list[QuoteRef]) -> None:
        self.refs = refs

    def metas(self):
        ids = sorted({r.article_id for r in self.refs})
        return iter([ArticleMeta(i, f"doc{i}", None, None, f"2024-03-{1 + i % 20:02d}", None) for i in ids])

    def quote_refs(self):
        return iter(self.refs)

    def story_features(self):
        return iter(())

    def claim_rows(self):
        return iter(())


def corpus(seed: int) -> list[QuoteRef]:
    rng = random.Random(seed)
    refs = []
    for article in range(1, 40):
        for n in range(rng.randint(0, 4)):
            refs.append(QuoteRef(article, f"doc{article}", None, f"q{n}", rng.choice(WORDINGS), None))
    return sorted(refs, key=lambda r: r.article_id)


def pairwise_groups(view: QuotesOnly) -> set[frozenset[tuple[int, str]]]:
    """Every pair of quotes compared (the definition), as sets of (article, quote id)."""
    refs = collect_quotes(view)
    union = UnionFind(range(len(refs)))
    wordings = [_Wording.of(r.text) for r in refs]
    for i, j in similar_pairs([r.text for r in refs], cutoff=TOKEN_SET_CUTOFF, min_shared=MIN_CONTENT_WORDS):
        if refs[i].article_id != refs[j].article_id and _same_words(wordings[i], wordings[j]):
            union.union(i, j)
    first: dict[str, int] = {}
    for index, wording in enumerate(wordings):
        if len(wording.words.split()) >= MIN_EXACT_WORDS:
            union.union(first.setdefault(wording.words, index), index)
    groups = set()
    for members in union.groups():
        if len({refs[i].article_id for i in members}) >= 2:
            groups.add(frozenset((refs[i].article_id, refs[i].quote_id) for i in members))
    return groups


@pytest.mark.parametrize("seed", range(6))
def test_wordings_matched_once_give_the_pairwise_groups(seed):
    view = QuotesOnly(corpus(seed))
    expected = pairwise_groups(view)
    assert expected and any(len(g) > 3 for g in expected)
    found = {frozenset((q.article_id, q.quote_id) for q in group.quotes) for group in quote_groups(view)}
    assert found == expected


def test_one_wording_twice_in_one_article_is_no_group():
    text = WORDINGS[6]
    view = QuotesOnly([QuoteRef(1, "a", None, "q1", text, None), QuoteRef(1, "a", None, "q2", text, None)])
    assert quote_groups(view) == []
    view.refs.append(QuoteRef(2, "b", None, "q1", text, None))
    assert [len(g.quotes) for g in quote_groups(view)] == [3]
