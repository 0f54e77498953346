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


def quote_groups(source: Store | Corpus | CorpusView) -> list[QuoteGroup]:
    """Quotes that appear in two or more articles, grouped; ordered by how many articles carry them;
    each with its first appearance (earliest publication date, then lowest article id)."""
    view = view_of(source)
    refs = collect_quotes(view)
    union = UnionFind(range(len(refs)))
    wordings = [_Wording.of(r.text) for r in refs]
    texts = [r.text for r in refs]
    joined = lambda i, j: union.find(i) == union.find(j)  # noqa: E731 - joining them again changes nothing
    for i, j in similar_pairs(texts, cutoff=TOKEN_SET_CUTOFF, min_shared=MIN_CONTENT_WORDS, known=joined):
        if refs[i].article_id != refs[j].article_id and _same_words(wordings[i], wordings[j]):
            union.union(i, j)
    # the same words in the same order, however few content words ("They sent forty of us over
    # the river with two magazines each"): a hash join, one pass
    first_with: dict[str, int] = {}
    for index, wording in enumerate(wordings):
        if len(wording.words.split()) >= MIN_EXACT_WORDS:
            union.union(first_with.setdefault(wording.words, index), index)
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
