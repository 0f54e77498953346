"""Same-story clusters: candidates by MinHash LSH, shared names and shared quotes; evidence judged.

Candidates come from MinHash LSH over content-word shingles, from articles sharing a specific
name (an inverted index; a name in very many articles proposes nothing) and from quotes matched
across articles; each candidate pair is judged on all its evidence (``story_evidence``: story
words, names, figures, quotes, dates). The word overlap is IDF-weighted: re-tellings by
other outlets are paraphrased, and what they share is the story's rare words (the village, the
quoted phrases), while different stories of one genre share its common words ("intercepted",
"security service", "soldier"), which the corpus's own document frequencies weigh down.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Hashable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from datasketch import MinHashLSH

from purportedly.corpus import features
from purportedly.corpus.common import Corpus, StoredArticle, UnionFind, lsh_params
from purportedly.corpus.count_classes import event_class
from purportedly.corpus.features import (
    ANCHOR_TYPES,
    NUM_PERM,
    SHINGLE_SIZE,
    STORY_KINDS,
    ArticleMeta,
    shingles,
)
from purportedly.corpus.quotes_match import QuoteGroup, quote_groups
from purportedly.corpus.story_evidence import (
    NEAR_DUPLICATE,
    TEXT_UNIT,
    ArticleEvidence,
    figure_keys,
    hashable_day,
    judge,
    name_weights,
)
from purportedly.corpus.views import CorpusView, view_of
from purportedly.lexicons import load_data, load_lines
from purportedly.names import name_key, words

if TYPE_CHECKING:
    from purportedly.store.core import Store

__all__ = ["ANCHOR_TYPES", "NUM_PERM", "SHINGLE_SIZE", "STORY_KINDS", "Story", "shingles", "stories"]

LSH_THRESHOLD = 0.1  # plain Jaccard for LSH candidates; kept low so no true pair is missed
STORY_THRESHOLD = TEXT_UNIT  # kept for callers: the weighted overlap worth one point of evidence

IDF_PRIOR = 10  # pseudo-articles without the word: keeps tiny corpora from zeroing shared words
UBIQUITOUS_SHARE = 0.5  # a name in more than half the articles (of 20+) anchors nothing
UBIQUITOUS_MIN_ARTICLES = 20  # in fewer, one story told six times may well be most of the corpus
COPY_PLAIN_JACCARD = 0.5  # plain word overlap below which two texts are not copies of each other
MAX_POSTING = 200  # a name in more articles than this proposes no candidates (it is not specific)
# Copies are proposed by their own LSH index over the same signatures: 64 bands of 2 rows (all
# NUM_PERM values) propose a pair of plain overlap J with probability 1 - (1 - J**2)**64, which is
# 1 - 1.0e-8 at J = 0.5 (COPY_PLAIN_JACCARD) and higher above it. Pairs it does not propose are not
# checked for being copies once they are one story; a true copy is missed with at most that chance.
COPY_LSH_BANDS, COPY_LSH_ROWS = 64, 2


@dataclass(frozen=True)
class Story:
    """Articles that tell the same story; ``label`` is the earliest article's headline."""

    id: int
    article_ids: tuple[int, ...]
    documents: tuple[str, ...]
    outlets: tuple[str, ...]
    label: str
    first_date: str | None
    mirrors: tuple[tuple[int, ...], ...] = ()  # article ids carrying one text (copies, reprints)

    @property
    def size(self) -> int:
        return len(self.article_ids)

    def as_json(self) -> dict:
        """The machine-readable story (``purportedly stories --json``): documents as stored."""
        document = dict(zip(self.article_ids, self.documents, strict=True))
        return {
            "id": self.id,
            "title": self.label,
            "documents": list(self.documents),
            "outlets": list(self.outlets),
            "first_date": self.first_date,
            "mirrors": [[document[i] for i in group] for group in self.mirrors],
        }


def told_stories(found: list[Story]) -> list[Story]:
    """Stories told by two or more articles (a single article is not a cluster)."""
    return [story for story in found if story.size > 1]


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
    # "Volodymyr Zelenskyy" is the common "Zelenskyy" with his given name
    keys = (key for key in map(name_key, names) if key)
    return {key for key in keys if key not in ignored and key.split()[-1] not in ignored}


def _specific_anchors(found: dict[int, set[str]]) -> dict[int, set[str]]:
    if len(found) >= UBIQUITOUS_MIN_ARTICLES:
        frequency = Counter(name for names in found.values() for name in names)
        ubiquitous = {name for name, df in frequency.items() if df > UBIQUITOUS_SHARE * len(found)}
        found = {i: names - ubiquitous for i, names in found.items()}
    return found


def same_story(
    overlap: tuple[float, float], anchors_a: set[str], anchors_b: set[str], threshold: float = STORY_THRESHOLD
) -> bool:
    """Words alone (no dates, figures or quotes): the verdict for two texts compared in isolation.
    ``threshold`` is accepted for older callers and no longer used (see ``story_evidence``)."""
    a, b = ArticleEvidence(names=frozenset(anchors_a)), ArticleEvidence(names=frozenset(anchors_b))
    weights = {n: 1.0 for n in anchors_a | anchors_b}
    return judge(a, b, overlap, weights).same_story


@dataclass
class Candidates:
    """The pairs of articles worth judging, held as the structures that propose them, never as a
    list of pairs (one quote carried by 7,000 reports would be 24 million pairs): articles sharing a
    specific name (a clique of at most MAX_POSTING articles per name: at 10k generated articles the
    same pairs held as a set were two million, 240 MB), articles all of one story
    signature (a clique), articles of two signatures the LSH index puts in one bucket (every
    article of one with every article of the other) and articles carrying one quote (a clique).

    Copies have their own candidates: the cliques of one signature (the first ``signatures`` of
    ``cliques``) and the signatures the copy index (COPY_LSH_BANDS x COPY_LSH_ROWS) puts in one
    bucket (``copy_across``)."""

    cliques: list[list[int]] = field(default_factory=list)
    across: list[tuple[list[int], list[int]]] = field(default_factory=list)
    copy_across: list[tuple[list[int], list[int]]] = field(default_factory=list)
    signatures: int = 0


@dataclass
class Clustering:
    """Stories and copies as they are joined: two union-finds over article ids."""

    story: UnionFind
    copies: UnionFind

    def one_story(self, a: int, b: int) -> bool:
        """Already one story: only the copy candidates may still join the pair (as copies)."""
        return self.story.find(a) == self.story.find(b)


def copy_index() -> MinHashLSH:
    """The LSH index that proposes copies (see COPY_LSH_BANDS)."""
    return MinHashLSH(num_perm=NUM_PERM, params=(COPY_LSH_BANDS, COPY_LSH_ROWS))


def story_candidates(view: CorpusView) -> tuple[dict[int, ArticleEvidence], dict[int, set[str]], Candidates]:
    """One streamed pass over the stored signatures and names: each article's evidence (its words
    as numbers of one vocabulary), its anchor names, and the candidates. Articles with one
    signature (copies, one template) are one entry of the LSH index, queried once."""
    vocabulary: dict[str, int] = {}
    evidence: dict[int, ArticleEvidence] = {}
    found_anchors: dict[int, set[str]] = {}
    candidates = Candidates()
    postings: dict[str, list[int]] = {}
    lsh = MinHashLSH(num_perm=NUM_PERM, params=lsh_params(LSH_THRESHOLD, NUM_PERM))
    copies = copy_index()
    entry_of: dict[bytes, int] = {}
    for story in view.story_features():
        shingle_set = frozenset(vocabulary.setdefault(s, len(vocabulary)) for s in story.shingles)
        evidence[story.article_id] = ArticleEvidence(shingles=shingle_set)
        names = anchor_keys(story.anchor_names)
        found_anchors[story.article_id] = names
        for name in names:
            posting = postings.setdefault(name, [])
            if len(posting) < MAX_POSTING:
                posting.append(story.article_id)
        if not story.shingles:
            continue
        key = story.signature or b""
        entry = entry_of.get(key)
        if entry is None:
            entry = entry_of[key] = len(candidates.cliques)
            candidates.cliques.append([])
            signature = story.minhash()
            for other in lsh.query(signature):
                candidates.across.append((candidates.cliques[other], candidates.cliques[entry]))
            lsh.insert(entry, signature)
            for other in copies.query(signature):
                candidates.copy_across.append((candidates.cliques[other], candidates.cliques[entry]))
            copies.insert(entry, signature)
        candidates.cliques[entry].append(story.article_id)
    candidates.signatures = len(entry_of)
    candidates.cliques.extend(posting for posting in postings.values() if len(posting) > 1)
    return evidence, found_anchors, candidates


def cluster(view: CorpusView, quotes: list[QuoteGroup], clustering: Clustering) -> None:
    """Join the candidate pairs (MinHash LSH over story words, articles sharing a specific name,
    articles sharing a quote) that their evidence says are one story, then the copy candidates
    (one signature, or one bucket of the copy index) that are copies.

    The IDF weights need every article's words, so candidates are judged after the pass that
    finds them. What is joined does not depend on the order pairs are judged in (a pair is one
    story, or a copy, by its own evidence), so a pair already one story is skipped by the story
    pass (whether it is a copy is the copy pass's question), and a clique whose articles are all
    joined already costs one look per article. A story candidate judged while its articles are
    still apart is joined as copies too when its evidence says so (its words are compared anyway).
    """
    evidence, found_anchors, candidates = story_candidates(view)
    signature_cliques = candidates.cliques[: candidates.signatures]
    candidates.cliques.extend(group.article_ids for group in quotes)
    _add_dates_figures_quotes(view, evidence, quotes)
    names = _specific_anchors(found_anchors)
    for article_id, item in evidence.items():
        item.names = frozenset(names.get(article_id, ()))
        padded = f" {item.title} "
        item.headline_names = frozenset(n for n in item.names if f" {n} " in padded)
    weights = idf_weights({i: e.shingles for i, e in evidence.items()})
    name_weight = name_weights(names, IDF_PRIOR)

    def copy_like(first: frozenset[int], second: frozenset[int]) -> bool:
        # a copy shares most words outright (the plain overlap is cheap; the weighted one is not)
        shared = len(first & second)
        union_size = len(first) + len(second) - shared
        return bool(union_size) and shared / union_size >= COPY_PLAIN_JACCARD

    def check(a: int, b: int) -> None:
        if a == b or a not in evidence or b not in evidence or clustering.one_story(a, b):
            return
        first, second = evidence[a].shingles, evidence[b].shingles
        verdict = judge(evidence[a], evidence[b], weighted_overlap(first, second, weights), name_weight)
        if verdict.same_story:
            clustering.story.union(a, b)
            if verdict.near_duplicate and copy_like(first, second):
                clustering.copies.union(a, b)

    for members in candidates.cliques:
        _clique(sorted(members), check, clustering.one_story)
    for left, right in candidates.across:
        _across(sorted(left), sorted(right), check, clustering.one_story)

    def is_copy(a: int, b: int) -> bool:
        first, second = evidence[a].shingles, evidence[b].shingles
        if not copy_like(first, second):
            return False
        overlap = weighted_overlap(first, second, weights)
        # the near-duplicate verdict is the words' alone (``judge`` decides it before anything else)
        return (
            overlap[0] >= NEAR_DUPLICATE
            and judge(evidence[a], evidence[b], overlap, name_weight).near_duplicate
        )

    _join_copies(evidence, signature_cliques, candidates.copy_across, is_copy, clustering)


def _join_copies(
    evidence: Mapping[int, ArticleEvidence],
    signature_cliques: list[list[int]],
    copy_across: list[tuple[list[int], list[int]]],
    is_copy: Callable[[int, int], bool],
    clustering: Clustering,
) -> None:
    """Join the copy candidates that are copies. Whether two articles are copies depends on their
    words alone, so articles with one set of words (one text) are judged once, by their first
    member: the 50 reprints of one report against the 50 of another cost one judgment, not 2,500."""
    texts_of: dict[int, list[list[int]]] = {}

    def texts(members: list[int]) -> list[list[int]]:
        key = id(members)
        if key not in texts_of:
            grouped: dict[frozenset[int], list[int]] = {}
            for article_id in sorted(members):
                if article_id in evidence:
                    grouped.setdefault(evidence[article_id].shingles, []).append(article_id)
            texts_of[key] = list(grouped.values())
        return texts_of[key]

    def join(*groups: list[int]) -> None:
        first = groups[0][0]
        for group in groups:
            for article_id in group:
                clustering.story.union(first, article_id)
                clustering.copies.union(first, article_id)

    for members in signature_cliques:
        found = texts(members)
        for group in found:
            if len(group) > 1 and is_copy(group[0], group[1]):
                join(group)
        for i, group in enumerate(found):
            for other in found[i + 1 :]:
                if is_copy(group[0], other[0]):
                    join(group, other)
    for left, right in copy_across:
        for group in texts(left):
            for other in texts(right):
                if is_copy(group[0], other[0]):
                    join(group, other)


def _clique(
    members: list[int], check: Callable[[int, int], None], joined: Callable[[int, int], bool]
) -> None:
    """Every pair of ``members``; an article ``joined`` to a clique whose earlier members are all
    joined to each other needs no pair judged."""
    uniform = True  # members[:j] all joined
    for j in range(1, len(members)):
        b = members[j]
        if not (uniform and joined(members[0], b)):
            for a in members[:j]:
                check(a, b)
        uniform = uniform and joined(members[0], b)


def _across(
    left: list[int], right: list[int], check: Callable[[int, int], None], joined: Callable[[int, int], bool]
) -> None:
    """Every article of ``left`` with every article of ``right``."""
    if not left or not right:
        return
    uniform = all(joined(left[0], a) for a in left[1:])
    for b in right:
        if uniform and joined(left[0], b):
            continue
        for a in left:
            check(a, b)


def _add_dates_figures_quotes(
    view: CorpusView, evidence: dict[int, ArticleEvidence], quotes: list[QuoteGroup]
) -> None:
    for meta in view.metas():
        if meta.id in evidence:
            evidence[meta.id].day = hashable_day(meta.date)
            evidence[meta.id].title = " ".join(words(meta.title or ""))
    figures: dict[int, list[tuple[str | None, int]]] = {}
    for row in view.count_rows():
        kind = event_class(row.count, row.sentence)
        figures.setdefault(row.article_id, []).append((kind, row.count.number))
    for article_id, rows in figures.items():
        if article_id in evidence:
            evidence[article_id].figures = figure_keys(rows)
    for group in quotes:
        for article_id in group.article_ids:
            if article_id in evidence:
                evidence[article_id].quote_groups.add(group.id)


def stories(
    source: Store | Corpus | CorpusView,
    *,
    threshold: float = STORY_THRESHOLD,
    quotes: list[QuoteGroup] | None = None,
) -> list[Story]:
    """Same-story clusters, largest first; single articles are stories of one.

    Two articles are joined when their evidence agrees (``story_evidence``): story words, the
    specific names, figures and quotes they share, and how close their dates are. Copies
    (syndicated or reprinted text) are listed per story as mirrors of one report. ``threshold``
    is accepted for older callers and no longer used: the points needed live in ``story_evidence``.
    """
    view = view_of(source)
    metas = {meta.id: meta for meta in view.metas()}
    union = UnionFind(metas)
    copies = UnionFind(metas)
    cluster(view, quotes if quotes is not None else quote_groups(view), Clustering(union, copies))
    copy_groups = [sorted(ids) for ids in copies.groups() if len(ids) > 1]
    clusters = sorted(union.groups(), key=lambda ids: (-len(ids), min(ids)))
    stories_found = []
    for number, ids in enumerate(clusters, start=1):
        members = set(ids)
        mirrors = tuple(tuple(g) for g in copy_groups if g[0] in members)
        stories_found.append(_story(number, [metas[i] for i in sorted(ids)], mirrors))
    return stories_found


def story_of(stories_list: list[Story]) -> dict[int, int]:
    """Article id -> story id."""
    return {article_id: story.id for story in stories_list for article_id in story.article_ids}


def _story(number: int, members: list[ArticleMeta], mirrors: tuple[tuple[int, ...], ...] = ()) -> Story:
    dated = sorted((a.date, a.id) for a in members if a.date)
    first = next((a for a in members if dated and a.id == dated[0][1]), members[0])
    return Story(
        id=number,
        article_ids=tuple(a.id for a in members),
        documents=tuple(a.document for a in members),
        outlets=tuple(sorted({a.outlet for a in members if a.outlet})),
        label=first.title or first.document,
        first_date=dated[0][0] if dated else None,
        mirrors=mirrors,
    )
