"""Shared pieces of cross-article analysis: the loaded corpus, word normalisation, union-find, fuzzy pairs."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz

from purportedly.lexicons import load_data
from purportedly.model import Analysis
from purportedly.names import content_words

if TYPE_CHECKING:
    from purportedly.store.core import Store

EXACT_LIMIT = 5000  # texts compared all-pairs (about a second); larger inputs are blocked or hashed
LSH_CANDIDATE_THRESHOLD = 0.2  # word-set Jaccard for candidates when there are too many texts


@dataclass(frozen=True)
class StoredArticle:
    """An article of the corpus: its store id and its Analysis."""

    id: int
    analysis: Analysis

    @property
    def label(self) -> str:
        return self.analysis.outlet or self.analysis.document


@dataclass(frozen=True)
class Corpus:
    """The articles one cross-article computation looks at (loaded from a store, or given)."""

    articles: tuple[StoredArticle, ...]

    @classmethod
    def of(cls, source: Store | Corpus | Iterable[Analysis]) -> Corpus:
        """A Corpus from a Store, an existing Corpus, or plain Analyses (numbered from 1)."""
        if isinstance(source, Corpus):
            return source
        if hasattr(source, "analyses"):
            return cls(tuple(StoredArticle(i, a) for i, a in source.analyses()))
        return cls(tuple(StoredArticle(i, a) for i, a in enumerate(source, start=1)))

    def by_id(self) -> dict[int, StoredArticle]:
        return {article.id: article for article in self.articles}


class UnionFind:
    """Disjoint sets over hashable items, with path halving."""

    def __init__(self, items: Iterable = ()) -> None:
        self.parent: dict = {item: item for item in items}

    def find(self, item):
        self.parent.setdefault(item, item)
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a, b) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self.parent[max(root_a, root_b)] = min(root_a, root_b)

    def groups(self) -> list[list]:
        """The sets, each in insertion order, ordered by their first member."""
        members: dict = {}
        for item in self.parent:
            members.setdefault(self.find(item), []).append(item)
        return list(members.values())


def similar_pairs(
    texts: Sequence[str],
    cutoff: float,
    min_shared: int = 3,
    blocks: Sequence[Hashable] | None = None,
    known: Callable[[int, int], bool] | None = None,
) -> Iterator[tuple[int, int]] | list[tuple[int, int]]:
    """Index pairs (i < j) of texts whose content words overlap closely (token-set ratio >= cutoff)
    and share at least ``min_shared`` content words; catches trimmed and reworded versions.

    With ``blocks`` only texts of one block (e.g. one story) are compared, every pair that can
    share ``min_shared`` words (an exact word index, ``_exact_pairs``). Without,
    MinHash LSH candidates, yielded as they are found (never all held at once); ``known(i, j)``
    true skips a candidate unchecked (a caller's union-find already joins the two: a corpus
    repeating one quote a thousand times is then checked about a thousand times, not a million).
    """
    bags = [" ".join(sorted(set(content_words(t)))) for t in texts]
    if blocks is not None:
        members: dict[Hashable, list[int]] = {}
        for index, block in enumerate(blocks):
            members.setdefault(block, []).append(index)
        return [
            pair for indices in members.values() for pair in _exact_pairs(bags, indices, cutoff, min_shared)
        ]
    return _lsh_pairs(bags, cutoff, min_shared, known)


def _exact_pairs(
    bags: list[str], indices: list[int], cutoff: float, min_shared: int
) -> list[tuple[int, int]]:
    """Every pair of the block that shares ``min_shared`` words and passes the cutoff, found
    through an index of the words by prefix filtering, not by comparing every pair.

    Words are ordered rarest first (in the block); two word sets sharing k words share a word
    among the first ``len - k + 1`` of each (the k shared words cannot all fall among the
    other's last k - 1), so only those words are indexed and probed: the same pairs as checking
    all of them, and the words every text of a story has propose nothing. Texts with one word
    set are one entry, compared once."""
    need = max(min_shared, 1)
    entry_of: dict[str, int] = {}
    entries: list[tuple[str, frozenset[str]]] = []
    members: list[list[int]] = []
    for index in indices:
        bag = bags[index]
        if len(set(bag.split())) < need:
            continue  # too few words to share enough with anything
        entry = entry_of.get(bag)
        if entry is None:
            entry = entry_of[bag] = len(entries)
            entries.append((bag, frozenset(bag.split())))
            members.append([])
        members[entry].append(index)
    frequency = Counter(word for _, words in entries for word in words)
    postings: dict[str, list[int]] = {}
    pairs: list[tuple[int, int]] = []
    for number, (bag, words) in enumerate(entries):
        own = members[number]
        pairs.extend((a, b) for k, a in enumerate(own) for b in own[k + 1 :])  # one word set: ratio 100
        prefix = sorted(words, key=lambda w: (frequency[w], w))[: len(words) - need + 1]
        seen: set[int] = set()
        for word in prefix:
            for other in postings.get(word, ()):
                if other in seen:
                    continue
                seen.add(other)
                other_bag, other_words = entries[other]
                if len(words & other_words) < min_shared or fuzz.token_set_ratio(other_bag, bag) < cutoff:
                    continue
                pairs.extend((min(a, b), max(a, b)) for a in members[other] for b in own)
            postings.setdefault(word, []).append(number)
    return pairs


def _lsh_pairs(
    bags: list[str], cutoff: float, min_shared: int, known: Callable[[int, int], bool] | None = None
) -> Iterator[tuple[int, int]]:
    """Candidates from MinHash LSH over word sets, verified like the exact path.

    Texts with the same word set are one entry of the index (a quote repeated by a thousand
    reports is hashed, indexed and compared once, not a thousand times): a text is a candidate
    with every earlier text whose word set collides with its own, as when each was indexed apart,
    and the word-set check is made once per pair of word sets."""
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(num_perm=64, params=lsh_params(LSH_CANDIDATE_THRESHOLD, 64))
    # one set of permutations for all (drawing them is most of a MinHash's cost; seed 1 either way)
    template = MinHash(num_perm=64)
    entry_of: dict[str, int] = {}  # word set -> its entry in the index
    entries: list[tuple[str, set[str], Any]] = []  # (bag, words, signature) per entry
    members: list[list[int]] = []  # per entry, the texts seen so far with that word set
    for index, bag in enumerate(bags):
        if not bag:
            continue
        entry = entry_of.get(bag)
        if entry is None:
            tokens = set(bag.split())
            signature = MinHash(num_perm=64, permutations=template.permutations, scheme=template.scheme)
            signature.update_batch([t.encode("utf-8") for t in tokens])
            entry = entry_of[bag] = len(entries)
            entries.append((bag, tokens, signature))
            members.append([])
            hits = lsh.query(signature)
            lsh.insert(entry, signature)
        else:
            tokens, signature = entries[entry][1], entries[entry][2]
            hits = lsh.query(signature)
        for other_entry in hits:
            other_bag, other_tokens, _ = entries[other_entry]
            if len(tokens & other_tokens) < min_shared or fuzz.token_set_ratio(bag, other_bag) < cutoff:
                continue
            for other in members[other_entry]:
                if known is None or not known(other, index):
                    yield other, index
        members[entry].append(index)


@lru_cache(maxsize=16)
def lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """datasketch's (bands, rows) for a threshold, found once: its search integrates the false
    positive and negative rates for every split of ``num_perm`` (~60 ms a call), and every small
    corpus function call (the claim page's, on 20 articles) made an index."""
    from datasketch.lsh import _optimal_param

    return _optimal_param(threshold, num_perm, 0.5, 0.5)


@lru_cache(maxsize=1)
def _number_words() -> dict[str, int]:
    data = load_data("facts/number_words.json")
    found = {**data.get("units", {}), **data.get("tens", {})}
    return {word.lower(): value for word, value in found.items() if isinstance(value, int)}


def figures_in(text: str) -> frozenset[int]:
    """The figures a wording gives, in digits or words up to the tens ("Twelve", "14", "1,200");
    one and two are left out ("two children" recurs in unrelated casualty reports)."""
    found = {int(d.replace(",", "")) for d in re.findall(r"\d[\d,]*", text) if d.replace(",", "").isdigit()}
    spelled = _number_words()
    # "one" is a pronoun as often as a figure ("one of them", "the one who")
    found.update(spelled[w] for w in re.findall(r"[a-z]+", text.lower()) if w in spelled and w != "one")
    return frozenset(n for n in found if n >= 3)
