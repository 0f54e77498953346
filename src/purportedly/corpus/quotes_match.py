"""The same quote across articles, even when one outlet trimmed it or translated it differently."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from purportedly.corpus.common import Corpus, UnionFind, figures_in, similar_pairs
from purportedly.corpus.features import QuoteRef
from purportedly.corpus.views import CorpusView, view_of
from purportedly.names import content_words, words

if TYPE_CHECKING:
    from purportedly.store.core import Store

__all__ = ["QuoteGroup", "QuoteRef", "collect_quotes", "quote_groups", "same_quote"]

MIN_CONTENT_WORDS = 4  # shorter quotes ("we are leaving") recur by chance across unrelated stories
MIN_EXACT_WORDS = 8  # a quote this long repeated word for word is one quote, however plain its words
TOKEN_SET_CUTOFF = 72  # on content-word bags: catches re-translations that keep most nouns and verbs
PARTIAL_CUTOFF = 90  # on the words in order: catches trimmed quotes


@dataclass(frozen=True)
class QuoteGroup:
    """One quote as carried by several articles (the first member is the longest wording)."""

    id: int
    quotes: tuple[QuoteRef, ...]
    # the earliest appearance: (publication date or None, outlet or document) of the first article
    first_date: str | None = None
    first_outlet: str | None = None
    first_document: str | None = None

    @property
    def text(self) -> str:
        return self.quotes[0].text

    @property
    def first_appearance(self) -> str:
        """'first in Eastwire on 2025-05-12' (the earliest dated article; undated ones come last)."""
        where = self.first_outlet or self.first_document or "an article"
        return f"first in {where} on {self.first_date}" if self.first_date else f"first in {where} (undated)"

    @property
    def article_ids(self) -> list[int]:
        return sorted({q.article_id for q in self.quotes})


def collect_quotes(source: Store | Corpus | CorpusView) -> list[QuoteRef]:
    """Every direct and indirect quote long enough to be matched across articles."""
    return [q for q in view_of(source).quote_refs() if _long_enough(q.text)]


def _long_enough(text: str) -> bool:
    return len(content_words(text)) >= MIN_CONTENT_WORDS or len(words(text)) >= MIN_EXACT_WORDS


def same_quote(a: str, b: str) -> bool:
    """Whether two wordings are one quote: near-identical words in order (one trimmed) or a close
    content-word overlap (a different translation of the same words)."""
    return _same_words(_Wording.of(a), _Wording.of(b))


@dataclass(frozen=True)
class _Wording:
    """A quote's words in order and its content words, each made once per quote, not per pair."""

    words: str
    content: str
    figures: frozenset[int]

    @classmethod
    def of(cls, text: str) -> _Wording:
        return cls(" ".join(words(text)), " ".join(content_words(text)), figures_in(text))


def _same_words(a: _Wording, b: _Wording) -> bool:
    # casualty reports share their template ("N people died, including N children"): wordings
    # giving figures, none the same, are different words however alike the rest
    if a.figures and b.figures and not a.figures & b.figures:
        return False
    if fuzz.partial_ratio(a.words, b.words) >= PARTIAL_CUTOFF:
        return True
    return fuzz.token_set_ratio(a.content, b.content) >= TOKEN_SET_CUTOFF


def _join(union: UnionFind, indices: list[int]) -> None:
    for index in indices[1:]:
        union.union(indices[0], index)


def _join_across(
    union: UnionFind, refs: list[QuoteRef], first: list[int], second: list[int], ours: set, theirs: set
) -> bool:
    """Join the quotes of two matching wordings as joining each quote with every quote of the other
    wording in another article would: the components of that bipartite graph, found from the
    articles on each side (``ours``, ``theirs``) instead of pair by pair. True when all of them
    are now one group."""
    article = lambda i: refs[i].article_id  # noqa: E731
    if len(ours) == 1 or len(theirs) == 1:
        one, other = (first, second) if len(ours) == 1 else (second, first)
        only = article(one[0])
        across = [j for j in other if article(j) != only]
        if across:  # those of the other side in the same article match nothing of this one
            _join(union, [*one, *across])
        return False
    if ours == theirs and len(ours) == 2:  # A-B and B-A: two separate groups
        for a, b in (sorted(ours), sorted(ours, reverse=True)):
            _join(union, [i for i in first if article(i) == a] + [j for j in second if article(j) == b])
        return False
    # every quote has a match in another article, and any two share one
    _join(union, [first[0], second[0]])
    _join(union, first)
    _join(union, second)
    return True


def quote_groups(source: Store | Corpus | CorpusView) -> list[QuoteGroup]:
    """Quotes that appear in two or more articles, grouped; ordered by how many articles carry them;
    each with its first appearance (earliest publication date, then lowest article id)."""
    view = view_of(source)
    refs = collect_quotes(view)
    union = UnionFind(range(len(refs)))
    # Two quotes of different articles are one when their wordings match. A wire quote carried by
    # thousands of reports is one wording: wordings are matched once each, and their quotes joined
    # as matching every pair of quotes would join them (``_join_across``).
    by_text: dict[str, list[int]] = {}
    for index, ref in enumerate(refs):
        by_text.setdefault(ref.text, []).append(index)
    texts = list(by_text)
    members = list(by_text.values())
    wordings = [_Wording.of(t) for t in texts]
    whole = [len(indices) == 1 for indices in members]  # a wording's quotes all joined already
    articles = [{refs[i].article_id for i in indices} for indices in members]
    for number, indices in enumerate(members):
        # one wording in two articles matches itself, if it has the words to be compared at all
        if len(articles[number]) > 1 and len(set(content_words(texts[number]))) >= MIN_CONTENT_WORDS:
            _join(union, indices)
            whole[number] = True

    def known(a: int, b: int) -> bool:  # every quote of both wordings already in one group
        return whole[a] and whole[b] and union.find(members[a][0]) == union.find(members[b][0])

    for a, b in similar_pairs(texts, cutoff=TOKEN_SET_CUTOFF, min_shared=MIN_CONTENT_WORDS, known=known):
        joined = _same_words(wordings[a], wordings[b]) and _join_across(
            union, refs, members[a], members[b], articles[a], articles[b]
        )
        if joined:
            whole[a] = whole[b] = True
    # the same words in the same order, however few content words ("They sent forty of us over
    # the river with two magazines each"): a hash join, one pass
    first_with: dict[str, int] = {}
    for number, wording in enumerate(wordings):
        if len(wording.words.split()) >= MIN_EXACT_WORDS:
            _join(union, [first_with.setdefault(wording.words, members[number][0]), *members[number]])
    groups = []
    for members in union.groups():
        quotes = sorted((refs[i] for i in members), key=lambda q: -len(q.text))
        if len({q.article_id for q in quotes}) >= 2:
            groups.append(quotes)
    groups.sort(key=lambda qs: (-len({q.article_id for q in qs}), qs[0].article_id))
    if not groups:
        return []
    dates = {meta.id: meta.date for meta in view.metas()}
    found = []
    for number, quotes in enumerate(groups, start=1):
        first = min(quotes, key=lambda q: (dates.get(q.article_id) or "9999", q.article_id))
        found.append(
            QuoteGroup(
                number, tuple(quotes), dates.get(first.article_id), first.outlet, first.document
            )
        )
    return found
