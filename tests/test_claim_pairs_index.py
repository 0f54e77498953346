"""Claim wordings compared inside one story through a word index (prefix filtering) are the pairs
that comparing every pair of the story finds, on random wordings: reworded, trimmed, extended,
with other figures, repeated with other punctuation, and unrelated ones sharing common words."""

from __future__ import annotations

import random
from itertools import combinations

import pytest
from rapidfuzz import fuzz

from purportedly.corpus.common import similar_pairs
from purportedly.corpus.corroboration import CLAIM_CUTOFF, MIN_SHARED_WORDS
from purportedly.names import content_words

COMMON = ["forces", "village", "killed", "army", "shelling", "officials", "region", "attack"]
RARE = [f"zarv{n:03d}" for n in range(60)]


def wording(rng: random.Random, base: list[str]) -> str:
    words = list(base)
    move = rng.random()
    if move < 0.3:  # trimmed
        words = words[: max(2, len(words) - rng.randint(1, 3))]
    elif move < 0.5:  # extended with words of the genre
        words += rng.sample(COMMON, rng.randint(1, 3))
    elif move < 0.7:  # a word replaced
        words[rng.randrange(len(words))] = rng.choice(RARE)
    text = " ".join(words)
    if rng.random() < 0.3:
        text += f" {rng.randint(3, 40)} people"
    return text + rng.choice([".", ",", "", " ."])


def corpus(seed: int) -> tuple[list[str], list[int]]:
    rng = random.Random(seed)
    texts, blocks = [], []
    for story in range(3):
        bases = [rng.sample(COMMON, 2) + rng.sample(RARE, rng.randint(2, 6)) for _ in range(8)]
        for _ in range(60):
            texts.append(wording(rng, rng.choice(bases)))
            blocks.append(story)
    return texts, blocks


def all_pairs(texts: list[str], blocks: list[int], cutoff: float, min_shared: int) -> set[tuple[int, int]]:
    bags = [sorted(set(content_words(t))) for t in texts]
    return {
        (i, j)
        for i, j in combinations(range(len(texts)), 2)
        if blocks[i] == blocks[j]
        and len(set(bags[i]) & set(bags[j])) >= min_shared
        and fuzz.token_set_ratio(" ".join(bags[i]), " ".join(bags[j])) >= cutoff
    }


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize(("cutoff", "min_shared"), [(CLAIM_CUTOFF, MIN_SHARED_WORDS), (72, 2), (90, 3)])
def test_indexed_pairs_in_a_block_are_all_the_pairs(seed, cutoff, min_shared):
    texts, blocks = corpus(seed)
    expected = all_pairs(texts, blocks, cutoff, min_shared)
    assert len(expected) >= 50
    # pairs of different word sets, not only one wording repeated with other punctuation
    assert any(set(content_words(texts[i])) != set(content_words(texts[j])) for i, j in expected)
    found = similar_pairs(texts, cutoff=cutoff, min_shared=min_shared, blocks=blocks)
    assert len(found) == len(set(found))  # each pair once
    assert set(found) == expected
